#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"
#include "factgraph/nlp/lemmatizer.hpp"
#include "factgraph/nlp/perceptron.hpp"
#include "factgraph/nlp/tagger.hpp"

#include "nlp_test_models.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <tuple>
#include <vector>

using namespace factgraph::nlp;
using factgraph::testing::committed_tagger;

namespace {

const std::string kModels = std::string(FACTGRAPH_SOURCE_DIR) + "/data/models";

Sentence sentence_of(const std::vector<std::string>& words) {
    Sentence s;
    for (const std::string& w : words) {
        Token t;
        t.form = w;
        s.tokens.push_back(t);
    }
    return s;
}

std::string temp_file(const std::string& name, const std::string& bytes) {
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

// `p` saved and loaded back; saving the loaded model must give the same bytes (the table's row
// kinds give back the rows they were built from).
Perceptron reloaded(const Perceptron& p) {
    std::stringstream bytes;
    p.save(bytes);
    const std::string saved = bytes.str();
    Perceptron q = Perceptron::load(bytes, "toy");
    std::stringstream again;
    q.save(again);
    EXPECT_EQ(again.str(), saved);
    return q;
}

}  // namespace

TEST(Perceptron, LearnsSavesAndLoads) {
    Perceptron p({"even", "odd"});
    for (int epoch = 0; epoch < 5; ++epoch)
        for (int i = 0; i < 20; ++i) {
            const std::vector<std::uint64_t> f{Perceptron::hash("bias"), Perceptron::hash("n=" + std::to_string(i % 4))};
            p.update(f, i % 2, p.predict(f));
        }
    p.finalize();
    std::stringstream bytes;
    p.save(bytes);
    const Perceptron q = Perceptron::load(bytes, "toy");
    ASSERT_EQ(q.class_count(), 2u);
    EXPECT_EQ(q.class_id("odd"), 1);
    EXPECT_EQ(q.class_id("none"), -1);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(q.predict({Perceptron::hash("bias"), Perceptron::hash("n=" + std::to_string(i))}), i % 2);
    EXPECT_EQ(Perceptron::hash("abc"), 0xe71fa2190541574bULL);  // FNV-1a 64: stable across platforms
}

// Uptraining's restriction: a model trained with keep_only() has weights only for the kept
// features, however many others its updates name.
TEST(Perceptron, KeepOnlyLimitsTheFeaturesToThoseOfAnotherModel) {
    auto train = [](Perceptron& p, int kinds) {
        for (int epoch = 0; epoch < 3; ++epoch)
            for (int i = 0; i < 40; ++i) {
                const std::vector<std::uint64_t> f{Perceptron::hash("bias"),
                                                   Perceptron::hash("n=" + std::to_string(i % kinds))};
                p.update(f, i % 2, p.predict(f));
            }
        p.finalize();
    };
    Perceptron small({"even", "odd"});
    train(small, 4);
    const std::vector<std::uint32_t> keys = small.feature_keys();
    EXPECT_EQ(keys.size(), small.feature_count());
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
    Perceptron kept({"even", "odd"});
    kept.keep_only(keys);
    train(kept, 10);  // features n=4 .. n=9 are new: dropped
    EXPECT_EQ(kept.feature_keys(), keys);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(kept.predict({Perceptron::hash("bias"), Perceptron::hash("n=" + std::to_string(i))}), i % 2);
    Perceptron free_model({"even", "odd"});
    train(free_model, 10);
    EXPECT_GT(free_model.feature_count(), keys.size());
    EXPECT_THROW(free_model.keep_only(keys), std::logic_error);
    EXPECT_THROW(Perceptron({"a", "b"}).feature_keys(), std::logic_error);
}

// An ensemble of linear models is one model: the sum of two models trained on different data
// scores every feature vector as the two together, up to the rounding of the sum's int16 scale.
TEST(Perceptron, SumOfModelsScoresAsTheirScoresAdded) {
    auto trained = [](int offset) {
        Perceptron p({"even", "odd", "none"});
        for (int epoch = 0; epoch < 4; ++epoch)
            for (int i = 0; i < 30; ++i) {
                const std::vector<std::uint64_t> f{Perceptron::hash("bias"),
                                                   Perceptron::hash("n=" + std::to_string(i % 6 + offset))};
                p.update(f, (i + offset) % 3, p.predict(f));
            }
        p.finalize();
        return p;
    };
    const Perceptron a = trained(0), b = trained(3);  // features n=3 .. n=5 in both, others in one
    const Perceptron sum = reloaded(Perceptron::sum({a, b}));
    EXPECT_GT(sum.feature_count(), a.feature_count());
    for (int i = 0; i < 10; ++i) {
        const std::vector<std::uint64_t> f{Perceptron::hash("bias"), Perceptron::hash("n=" + std::to_string(i))};
        std::vector<float> sa, sb, ss;
        a.score(f, sa);
        b.score(f, sb);
        sum.score(f, ss);
        for (std::size_t c = 0; c < 3; ++c) EXPECT_NEAR(ss[c], sa[c] + sb[c], 2 * sum.scale()) << i << " " << c;
    }
    EXPECT_THROW(Perceptron::sum({}), std::invalid_argument);
    Perceptron other({"even", "odd", "other"});
    other.finalize();
    EXPECT_THROW(Perceptron::sum({a, other}), std::invalid_argument);
    EXPECT_THROW(Perceptron::sum({Perceptron({"even", "odd", "none"})}), std::logic_error);
}

// Rows of every length: inline in the slot (up to 3 weights), spilled (sparse), dense (an eighth
// of the classes or more); and features the model does not know (rejected by the key filter).
TEST(Perceptron, RowsOfEveryLengthScoreExactlyAndRoundTrip) {
    constexpr int kClasses = 40;
    std::vector<std::string> names;
    for (int c = 0; c < kClasses; ++c) names.push_back("c" + std::to_string(c));
    Perceptron p(names);
    auto feature = [](int k) { return Perceptron::hash("f" + std::to_string(k)); };
    // Feature k gets +1 on classes 0..k-1 (guess -1: no class loses weight), k + 1 times each.
    for (int k = 1; k <= kClasses; ++k)
        for (int c = 0; c < k; ++c)
            for (int r = 0; r <= k; ++r) p.update({feature(k)}, c, -1);
    p.finalize();
    EXPECT_EQ(p.feature_count(), static_cast<std::size_t>(kClasses));
    EXPECT_EQ(p.weight_count(), static_cast<std::size_t>(kClasses * (kClasses + 1) / 2));
    const Perceptron q = reloaded(p);  // the dense rows give back the same sparse rows
    for (int k = 1; k <= kClasses; ++k) {
        const std::uint64_t f[2] = {feature(k), Perceptron::hash("unknown" + std::to_string(k))};
        std::vector<float> a(kClasses, 0.0f), b(kClasses, 0.0f);
        p.accumulate(f, 2, a.data());
        q.accumulate(f, 2, b.data());
        EXPECT_EQ(a, b);
        for (int c = 0; c < kClasses; ++c) EXPECT_EQ(a[static_cast<std::size_t>(c)] != 0.0f, c < k) << k << " " << c;
    }
    // Scores of several rows at once are the sums of the single rows (integers: exact).
    std::vector<std::uint64_t> all;
    std::vector<float> sum(kClasses, 0.0f), together(kClasses, 0.0f);
    for (int k = 1; k <= kClasses; ++k) {
        all.push_back(feature(k));
        q.accumulate(&all.back(), 1, sum.data());
    }
    q.accumulate(all.data(), all.size(), together.data());
    EXPECT_EQ(sum, together);
}

// Dense rows are summed a block of classes at a time over all the rows of a lookup: with 103 classes
// (rows padded to 128), rows of large weights (8-bit values times up to 2^8) and more rows than one
// chunk of lookups, the scores are exactly those of adding the rows one by one, and within the
// 8-bit rounding of each row of the weights learnt.
TEST(Perceptron, ManyDenseRowsSumAsRowByRow) {
    constexpr int kClasses = 103, kFeatures = 300;
    std::vector<std::string> names;
    for (int c = 0; c < kClasses; ++c) names.push_back("c" + std::to_string(c));
    Perceptron p(names);
    auto feature = [](int k) { return Perceptron::hash("dense" + std::to_string(k)); };
    // Every class, values up to +-3000 in steps that differ per row (the row's largest: 100 steps).
    auto weight = [](int k, int c) { return static_cast<float>(((c * 37 + k * 11) % 201 - 100) * (k % 30 + 1)); };
    std::vector<double> learnt(kClasses, 0.0);
    double rounding = 0.0;
    for (int k = 0; k < kFeatures; ++k) {
        const std::uint64_t f = feature(k);
        for (int c = 0; c < kClasses; ++c) {
            p.add(&f, 1, c, weight(k, c));
            learnt[static_cast<std::size_t>(c)] += weight(k, c);
        }
        rounding += 100.0 * (k % 30 + 1) / 128.0;
    }
    p.tick();
    p.finalize();
    std::vector<std::uint64_t> all;
    std::vector<float> one_by_one(kClasses, 0.0f), together(kClasses, 0.0f);
    for (int k = 0; k < kFeatures; ++k) {
        all.push_back(feature(k));
        p.accumulate(&all.back(), 1, one_by_one.data());
    }
    p.accumulate(all.data(), all.size(), together.data());
    EXPECT_EQ(together, one_by_one);
    for (int c = 0; c < kClasses; ++c)
        EXPECT_NEAR(together[static_cast<std::size_t>(c)] * p.scale(), learnt[static_cast<std::size_t>(c)],
                    rounding + kFeatures * p.scale())
            << c;
}

// accumulate_lists() adds each list into its own output, exactly as one accumulate() per list:
// rows of every kind (inline in the slot, spilled, dense; and a model of at most 8 classes, whose
// rows sit in the slot), empty lists, an output named twice, lists across the 128-feature chunks.
TEST(Perceptron, ListsLookedUpTogetherScoreAsOneByOne) {
    for (const int classes : {7, 40}) {
        std::vector<std::string> names;
        for (int c = 0; c < classes; ++c) names.push_back("c" + std::to_string(c));
        Perceptron p(names);
        auto feature = [](int k) { return Perceptron::hash("f" + std::to_string(k)); };
        for (int k = 1; k <= 60; ++k)
            for (int c = 0; c < classes; c += 1 + k % 5)
                for (int r = 0; r <= k % 7; ++r) p.update({feature(k)}, c, (c + 1) % classes);
        p.finalize();
        // 9 lists of 0..150 features (unknown ones among them); lists 3 and 7 share an output.
        std::vector<std::uint64_t> features;
        std::vector<std::uint32_t> offsets{0};
        const int lengths[] = {5, 0, 150, 3, 1, 0, 40, 2, 131};
        for (int l = 0; l < 9; ++l) {
            for (int j = 0; j < lengths[l]; ++j)
                features.push_back(j % 9 == 8 ? Perceptron::hash("unknown" + std::to_string(j)) : feature(1 + (l * 13 + j) % 60));
            offsets.push_back(static_cast<std::uint32_t>(features.size()));
        }
        std::vector<std::vector<float>> expected(9, std::vector<float>(static_cast<std::size_t>(classes), 0.0f));
        std::vector<std::vector<float>> got = expected;
        std::vector<float*> outputs;
        for (int l = 0; l < 9; ++l) {
            const int into = l == 7 ? 3 : l;
            p.accumulate(features.data() + offsets[l], offsets[l + 1] - offsets[l], expected[static_cast<std::size_t>(into)].data());
            outputs.push_back(got[static_cast<std::size_t>(into)].data());
        }
        p.accumulate_lists(features.data(), offsets.data(), outputs.size(), outputs.data());
        EXPECT_EQ(got, expected) << classes << " classes";
        EXPECT_NE(got[2], std::vector<float>(static_cast<std::size_t>(classes), 0.0f));
    }
}

// Long rows are kept as 8-bit values times a power of two per row (in the slot itself when the model
// has at most 8 classes): each value within half a step (at most 1/128 of the row's largest) of the
// 16-bit weight, and what is saved loads back to the same table.
TEST(Perceptron, LongRowsKeepEightBitsPerWeight) {
    for (const int classes : {7, 8, 9, 40}) {
        std::vector<std::string> names;
        for (int c = 0; c < classes; ++c) names.push_back("c" + std::to_string(c));
        Perceptron p(names);
        const std::uint64_t row = Perceptron::hash("row"), other = Perceptron::hash("other");
        // "row": class c gets weight 3c + 1 (c = 0..classes-1); "other" has the largest weight of
        // the model (the int16 scale). Weights added before the first example are their own average.
        for (int c = 0; c < classes; ++c) p.add(&row, 1, c, static_cast<float>(3 * c + 1));
        p.add(&other, 1, 0, static_cast<float>(40 * classes));
        p.tick();
        p.finalize();
        std::vector<float> scores(static_cast<std::size_t>(classes)), reference(static_cast<std::size_t>(classes));
        p.score(&other, 1, reference.data());  // a row of one weight: kept at 16 bits
        const float unit = reference[0] / static_cast<float>(40 * classes);
        p.score(&row, 1, scores.data());
        // A power-of-two step keeps the row's largest value between 64 and 127 steps: an error of
        // at most half a step is at most 1/128 of it.
        const float largest = unit * static_cast<float>(3 * (classes - 1) + 1);
        for (int c = 0; c < classes; ++c)
            EXPECT_NEAR(scores[static_cast<std::size_t>(c)], unit * static_cast<float>(3 * c + 1), largest / 128.0f + reference[0] / 32767.0f)
                << classes << " " << c;
        const Perceptron q = reloaded(p);
        std::vector<float> loaded(static_cast<std::size_t>(classes));
        q.score(&row, 1, loaded.data());
        EXPECT_EQ(loaded, scores);
    }
}

TEST(Perceptron, CorruptBlockThrowsModelErrorNamingIt) {
    Perceptron p({"a", "b"});
    p.update({Perceptron::hash("x")}, 0, 1);
    p.finalize();
    std::stringstream bytes;
    p.save(bytes);
    std::string data = bytes.str();
    data[data.size() / 2] ^= 0x55;
    std::istringstream in(data);
    try {
        Perceptron::load(in, "toy.bin");
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("toy.bin"), std::string::npos);
    }
}

TEST(Tagger, MissingModelThrowsModelErrorNamingTheFile) {
    try {
        Tagger::load("/nonexistent/tagger.bin");
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/tagger.bin"), std::string::npos);
    }
    EXPECT_THROW(Lemmatizer::load("/nonexistent/lemmatizer.bin"), factgraph::ModelError);
}

// A folder where the model file should be opens like a file and then fails to read: the error must
// still be a ModelError naming it, not the stream library's exception.
TEST(Tagger, FolderInPlaceOfTheModelThrowsModelErrorNamingIt) {
    const std::filesystem::path folder = std::filesystem::temp_directory_path() / "factgraph_folder_tagger.bin";
    std::filesystem::create_directories(folder);
    try {
        Tagger::load(folder.string());
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find(folder.string()), std::string::npos) << e.what();
    }
    std::filesystem::remove(folder);
}

TEST(Tagger, CorruptModelThrowsModelError) {
    const std::string garbage = temp_file("factgraph_garbage_tagger.bin", "this is not a model");
    try {
        Tagger::load(garbage);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find(garbage), std::string::npos);
    }
    // A real model with one flipped byte fails its checksum.
    std::ifstream in(kModels + "/tagger.bin", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 1000u);
    bytes[bytes.size() / 2] ^= 0x01;
    const std::string flipped = temp_file("factgraph_flipped_tagger.bin", bytes);
    EXPECT_THROW(Tagger::load(flipped), factgraph::ModelError);
    // A model of another kind is refused.
    EXPECT_THROW(Tagger::load(kModels + "/parser.bin"), factgraph::ModelError);
    std::filesystem::remove(garbage);
    std::filesystem::remove(flipped);
}

TEST(Tagger, TagsAndLemmatisesAFixedSentence) {
    const Tagger tagger = committed_tagger();
    const Lemmatizer lemmatizer = Lemmatizer::load(kModels + "/lemmatizer.bin");
    Sentence s = sentence_of({"Amazon", "said", "it", "shut", "down", "the", "accounts", "."});
    tagger.tag(s);
    lemmatizer.lemmatize(s);
    const std::vector<std::string> upos{"PROPN", "VERB", "PRON", "VERB", "ADP", "DET", "NOUN", "PUNCT"};
    for (std::size_t i = 0; i < upos.size(); ++i) EXPECT_EQ(s.tokens[i].upos, upos[i]) << s.tokens[i].form;
    EXPECT_EQ(s.tokens[1].xpos, "VBD");
    EXPECT_EQ(s.tokens[6].xpos, "NNS");
    EXPECT_EQ(s.tokens[1].lemma, "say");
    EXPECT_EQ(s.tokens[6].lemma, "account");
    EXPECT_EQ(s.tokens[0].lemma, "Amazon");
}

// The second pass reads the first pass's tags of the next words; it rescores only the words the
// first pass was unsure of, and those are the ones it corrects: "well" in "all is well" (ADV
// after one pass) and "have" before "wife" (AUX).
TEST(Tagger, SecondPassRescoresTheWordsTheFirstWasUnsureOf) {
    auto upos_of = [](float margin, const std::vector<std::string>& words) {
        Tagger tagger = committed_tagger();
        tagger.set_second_pass_margin(margin);
        Sentence s = sentence_of(words);
        tagger.tag(s);
        std::vector<std::string> upos;
        for (const Token& t : s.tokens) upos.push_back(t.upos);
        return upos;
    };
    const std::vector<std::string> well{"Glad", "to", "hear", "all", "is", "well", "."};
    const std::vector<std::string> have{"Now", "I", "have", "wife", "and", "son", "."};
    constexpr float kEveryWord = std::numeric_limits<float>::infinity();
    // A margin of 0 keeps every first-pass tag: one pass only.
    EXPECT_EQ(upos_of(0, well)[5], "ADV");
    EXPECT_EQ(upos_of(0, have)[2], "AUX");
    for (const float margin : {Tagger::kSecondPassMargin, kEveryWord}) {
        EXPECT_EQ(upos_of(margin, well)[5], "ADJ") << margin;
        EXPECT_EQ(upos_of(margin, have)[2], "VERB") << margin;
    }
    const std::vector<std::string> news{"Amazon", "said", "it", "shut", "down", "the", "accounts", "on", "Friday", "."};
    EXPECT_EQ(upos_of(Tagger::kSecondPassMargin, news), upos_of(kEveryWord, news));
}

TEST(Lemmatizer, UsesRulesForUnseenWords) {
    const Lemmatizer lemmatizer = Lemmatizer::load(kModels + "/lemmatizer.bin");
    EXPECT_EQ(lemmatizer.lemma("went", "VBD"), "go");
    EXPECT_EQ(lemmatizer.lemma("The", "DT"), "the");
    EXPECT_EQ(lemmatizer.lemma("blorfing", "VBG"), "blorf");
    EXPECT_EQ(lemmatizer.lemma("zorbles", "NNS"), "zorble");
    EXPECT_EQ(lemmatizer.lemma("Zorblon", "NNP", "PROPN"), "Zorblon");
}

// A word the training text replaces whole ("are" -> "be", "k" -> "thousand") is an exception, not
// a rule for every word with its ending.
TEST(Lemmatizer, WholeWordReplacementsAreNoSuffixRules) {
    const Lemmatizer lemmatizer = Lemmatizer::load(kModels + "/lemmatizer.bin");
    EXPECT_EQ(lemmatizer.lemma("are", "VBP"), "be");  // "went" -> "go": UsesRulesForUnseenWords
    EXPECT_EQ(lemmatizer.lemma("declare", "VBP"), "declare");
    EXPECT_EQ(lemmatizer.lemma("share", "VBP"), "share");
    EXPECT_EQ(lemmatizer.lemma("5k", "CD"), "5k");
}

// The rules strip bytes; a curly apostrophe is three of them. "he’d" is lemmatised as "he'd" is,
// and no rule cuts a character in two, whatever the word.
TEST(Lemmatizer, CurlyApostrophesAndNonAsciiWordsGiveWholeCharacters) {
    const Lemmatizer lemmatizer = Lemmatizer::load(kModels + "/lemmatizer.bin");
    EXPECT_EQ(lemmatizer.lemma("\u2019d", "MD"), "would");
    EXPECT_EQ(lemmatizer.lemma("\u2019re", "VBP"), "be");
    EXPECT_EQ(lemmatizer.lemma("\u2019s", "VBZ"), lemmatizer.lemma("'s", "VBZ"));
    const std::vector<std::string> tails{"\u2019d", "\u2019s", "\u2019ve", "\u00e9", "\u00e9s", "\u00e9d", "\u00ef", "\u2014", "\u00e9e", "\u00e9es", "\u00e7ing"};
    const std::vector<std::string> xpos{"NN", "NNS", "NNP", "VB", "VBD", "VBZ", "VBN", "VBG", "VBP", "JJ", "JJR", "JJS", "RB", "MD", "PRP", "POS"};
    for (const char* head : {"", "x", "caf", "Stud"})
        for (const std::string& tail : tails)
            for (const std::string& x : xpos) {
                const std::string form = std::string(head) + tail;
                const std::string lemma = lemmatizer.lemma(form, x);
                EXPECT_EQ(factgraph::text::find_invalid_utf8(lemma), std::string_view::npos) << form << " " << x << " -> " << lemma;
            }
}

TEST(Tagger, EmptySentenceIsFine) {
    const Tagger tagger = committed_tagger();
    Sentence s;
    tagger.tag(s);
    EXPECT_TRUE(s.tokens.empty());
}

// Two words the training text never showed are tagged by the class they share with words it did:
// in the same context ("we ..."), a word of the fruit class is a noun and one of the motion class
// a verb. The model file records that it reads classes, and refuses to tag without them.
TEST(Tagger, WordClassesTagWordsTheTrainingTextNeverShowed) {
    const WordClusters classes = factgraph::testing::toy_word_classes(
        "fg_tagger_word_classes",
        "apple\t0\npear\t0\nmelon\t0\ncherry\t0\nplum\t0\nrun\t1\njump\t1\nswim\t1\nwalk\t1\nhop\t1\n",
        "0\t0\t0\n1\t1\t1\n");
    std::vector<Sentence> train;
    for (int round = 0; round < 20; ++round)
        for (const auto& [word, upos, xpos] : std::vector<std::tuple<std::string, std::string, std::string>>{
                 {"apple", "NOUN", "NN"}, {"run", "VERB", "VBP"}, {"pear", "NOUN", "NN"}, {"jump", "VERB", "VBP"},
                 {"melon", "NOUN", "NN"}, {"swim", "VERB", "VBP"}, {"cherry", "NOUN", "NN"}, {"walk", "VERB", "VBP"}}) {
            Sentence s = sentence_of({"we", word});
            s.tokens[0].upos = "PRON";
            s.tokens[0].xpos = "PRP";
            s.tokens[1].upos = upos;
            s.tokens[1].xpos = xpos;
            train.push_back(s);
        }
    TaggerTrainOptions options;
    options.epochs = 5;
    options.dict_min_count = 1000;  // no tag dictionary: every word goes through the classifier
    options.word_clusters = &classes;
    const Tagger trained = Tagger::train(train, options);
    const std::string path = (std::filesystem::temp_directory_path() / "fg_tagger_word_classes.bin").string();
    trained.save(path);
    Tagger tagger = Tagger::load(path);
    std::filesystem::remove(path);
    EXPECT_TRUE(tagger.needs_word_clusters());
    Sentence plum = sentence_of({"we", "plum"}), hop = sentence_of({"we", "hop"});
    EXPECT_THROW(tagger.tag(plum), std::logic_error);
    tagger.set_word_clusters(&classes);
    tagger.tag(plum);
    tagger.tag(hop);
    EXPECT_EQ(plum.tokens[1].upos, "NOUN");
    EXPECT_EQ(hop.tokens[1].upos, "VERB");
}
