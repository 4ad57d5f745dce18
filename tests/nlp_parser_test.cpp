#include "factgraph/core/error.hpp"
#include "factgraph/nlp/arc_labeller.hpp"
#include "factgraph/nlp/parser.hpp"
#include "factgraph/nlp/pipeline.hpp"
#include "factgraph/nlp/supertagger.hpp"
#include "factgraph/nlp/tagger.hpp"
#include "factgraph/nlp/word_clusters.hpp"

#include "nlp_test_models.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <fstream>
#include <thread>
#include <tuple>

using namespace factgraph::nlp;
using factgraph::testing::committed_parser;
using factgraph::testing::committed_tagger;
using factgraph::testing::treebank_sentence;

namespace {

const std::string kModels = std::string(FACTGRAPH_SOURCE_DIR) + "/data/models";
// The greedy parser (the default) and the beam-search one: both must keep every promise below.
const std::vector<std::string> kParserFiles = {"/parser.bin", "/parser-beam.bin"};

Sentence tagged(const std::vector<std::string>& words) {
    static const Tagger tagger = committed_tagger();
    Sentence s;
    for (const std::string& w : words) {
        Token t;
        t.form = w;
        s.tokens.push_back(t);
    }
    tagger.tag(s);
    return s;
}

bool is_tree(const Sentence& s) {
    int roots = 0;
    const int n = static_cast<int>(s.tokens.size());
    for (int i = 0; i < n; ++i) {
        const int h = s.tokens[static_cast<std::size_t>(i)].head;
        if (h < 0 || h > n || h == i + 1) return false;
        roots += h == 0;
        // Following heads from every word must reach the root without a cycle.
        int x = i + 1, steps = 0;
        while (x != 0 && steps++ <= n) x = s.tokens[static_cast<std::size_t>(x - 1)].head;
        if (x != 0) return false;
    }
    return roots == 1;
}

// Parses each word list and the empty sentence with `parser`: every result must be one rooted tree.
void expect_trees(const Parser& parser, const std::vector<std::vector<std::string>>& sentences,
                  const std::string& context) {
    for (const auto& words : sentences) {
        Sentence s = tagged(words);
        parser.parse(s);
        EXPECT_TRUE(is_tree(s)) << context << ": " << words.front();
    }
    Sentence empty;
    parser.parse(empty);
    EXPECT_TRUE(empty.tokens.empty()) << context;
}

}  // namespace

TEST(Parser, MissingModelThrowsModelErrorNamingTheFile) {
    try {
        Parser::load("/nonexistent/parser.bin");
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/parser.bin"), std::string::npos);
    }
}

TEST(Parser, CorruptModelThrowsModelError) {
    for (const std::string& file : kParserFiles) {
        std::ifstream in(kModels + file, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ASSERT_GT(bytes.size(), 1000u) << file;
        const auto path = (std::filesystem::temp_directory_path() / "factgraph_truncated_parser.bin").string();
        std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() / 3);
        try {
            Parser::load(path);
            FAIL() << "expected ModelError for " << file;
        } catch (const factgraph::ModelError& e) {
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
        }
        std::filesystem::remove(path);
    }
}

TEST(Parser, TheBeamParserParsesAFixedSentence) {
    const Parser parser = committed_parser("/parser-beam.bin");
    EXPECT_EQ(parser.beam_width(), 8);
    Sentence s = tagged({"Amnesty", "said", "the", "phones", "were", "infected", "with", "Pegasus", "."});
    parser.parse(s);
    ASSERT_TRUE(is_tree(s));
    EXPECT_EQ(s.tokens[1].head, 0);  // said
    EXPECT_EQ(s.tokens[0].head, 2);  // Amnesty <- said
    EXPECT_EQ(s.tokens[0].deprel, "nsubj");
    EXPECT_EQ(s.tokens[5].head, 2);  // infected <- said
    EXPECT_EQ(s.tokens[5].deprel, "ccomp");
    EXPECT_EQ(s.tokens[3].head, 6);  // phones <- infected
    EXPECT_EQ(s.tokens[3].deprel, "nsubj:pass");
    EXPECT_EQ(s.tokens[4].deprel, "aux:pass");
    EXPECT_EQ(s.tokens[7].head, 6);  // Pegasus <- infected
    EXPECT_EQ(s.tokens[7].deprel, "obl");
}

TEST(Parser, ParsesAFixedSentence) {
    const Parser parser = committed_parser("/parser.bin");
    Sentence s = tagged({"Amazon", "said", "it", "shut", "down", "the", "accounts", "."});
    parser.parse(s);
    ASSERT_TRUE(is_tree(s));
    EXPECT_EQ(s.tokens[1].head, 0);  // said
    EXPECT_EQ(s.tokens[1].deprel, "root");
    EXPECT_EQ(s.tokens[0].head, 2);  // Amazon <- said
    EXPECT_EQ(s.tokens[0].deprel, "nsubj");
    EXPECT_EQ(s.tokens[3].head, 2);  // shut <- said
    EXPECT_EQ(s.tokens[3].deprel, "ccomp");
    EXPECT_EQ(s.tokens[2].head, 4);  // it <- shut
    EXPECT_EQ(s.tokens[2].deprel, "nsubj");
    EXPECT_EQ(s.tokens[6].head, 4);  // accounts <- shut
    EXPECT_EQ(s.tokens[6].deprel, "obj");
    EXPECT_EQ(s.tokens[4].deprel, "compound:prt");  // subtypes are kept
}

TEST(Parser, AlwaysBuildsOneRootedTree) {
    for (const std::string& file : kParserFiles) {
        expect_trees(committed_parser(file),
                     {{"Hello"},
                      {"!", "!", "!"},
                      {"The", "board", "met", "on", "Monday", ";", "it", "approved", "the", "deal", "."},
                      {"BERLIN", "(", "Reuters", ")", "-", "Shares", "fell", "3", "%", "."}},
                     file);
    }
}

TEST(Parser, ConstModelIsSafeAcrossThreads) {
    for (const std::string& file : kParserFiles) {
        const Parser parser = committed_parser(file);
        const Sentence input = tagged({"Amazon", "said", "it", "shut", "down", "the", "accounts", "."});
        Sentence expected = input;
        parser.parse(expected);
        std::vector<int> mismatches(2, 0);
        std::vector<std::thread> workers;
        for (int w = 0; w < 2; ++w)
            workers.emplace_back([&, w] {
                Parser::Scratch scratch;
                for (int i = 0; i < 200; ++i) {
                    Sentence s = input;
                    parser.parse(s, scratch);
                    for (std::size_t k = 0; k < s.tokens.size(); ++k)
                        mismatches[static_cast<std::size_t>(w)] += s.tokens[k].head != expected.tokens[k].head;
                }
            });
        for (auto& t : workers) t.join();
        EXPECT_EQ(mismatches[0] + mismatches[1], 0);
    }
}

TEST(Parser, LabelsComeFromTheLabelListAndOnlyTheRootIsRoot) {
    for (const std::string& file : kParserFiles) {
        const Parser parser = committed_parser(file);
        const auto& labels = parser.labels();
        Sentence s = tagged({"The", "committee", ",", "which", "met", "on", "Monday", ",", "approved", "the",
                             "new", "budget", "and", "sent", "it", "to", "the", "mayor", "'s", "office", "."});
        parser.parse(s);
        ASSERT_TRUE(is_tree(s));
        for (const Token& t : s.tokens) {
            EXPECT_NE(std::find(labels.begin(), labels.end(), t.deprel), labels.end()) << t.form << " " << t.deprel;
            EXPECT_EQ(t.deprel == "root", t.head == 0) << t.form;
        }
        EXPECT_EQ(s.tokens[2].deprel, "punct");
    }
}

TEST(Parser, CachedScoresGiveTheSameParseAsScoringEveryFeature) {
    // parse() caches the scores of the one-node feature templates per sentence; the result must
    // be exactly that of looking every feature up at every move.
    for (const std::string& file : kParserFiles) {
        const Parser parser = committed_parser(file);
        Parser::Scratch scratch;
        for (const auto& words : std::vector<std::vector<std::string>>{
                 {"Amazon", "said", "it", "shut", "down", "the", "accounts", "."},
                 {"The", "committee", ",", "which", "met", "on", "Monday", ",", "approved", "the", "new", "budget",
                  "and", "sent", "it", "to", "the", "mayor", "'s", "office", "."},
                 {"NSO", "Group", ",", "an", "Israel-based", "firm", ",", "denied", "the", "claims", ",", "saying",
                  "its", "Pegasus", "software", "is", "sold", "only", "to", "vetted", "governments", "."},
                 {"\"", "We", "will", "not", "comment", ",", "\"", "a", "spokesman", "told", "Reuters", "on",
                  "Tuesday", "."}}) {
            Sentence cached = tagged(words);
            Sentence reference = cached;
            parser.parse(cached, scratch);
            parser.parse_uncached(reference);
            for (std::size_t i = 0; i < words.size(); ++i) {
                EXPECT_EQ(cached.tokens[i].head, reference.tokens[i].head) << words[i];
                EXPECT_EQ(cached.tokens[i].deprel, reference.tokens[i].deprel) << words[i];
            }
        }
    }
}

TEST(Parser, ABeamSearchWithAPartnerModelCachesExactlyToo) {
    // The accurate pipeline adds a fifth of the greedy model's scores to the beam model's.
    Parser parser = committed_parser("/parser-beam.bin");
    const Parser partner = committed_parser("/parser.bin");
    parser.set_partner(&partner, 0.2f);
    Parser::Scratch scratch;
    for (const auto& words : std::vector<std::vector<std::string>>{
             {"Amazon", "said", "it", "shut", "down", "the", "accounts", "."},
             {"NSO", "Group", ",", "an", "Israel-based", "firm", ",", "denied", "the", "claims", ",", "saying",
              "its", "Pegasus", "software", "is", "sold", "only", "to", "vetted", "governments", "."}}) {
        Sentence cached = tagged(words);
        Sentence reference = cached;
        parser.parse(cached, scratch);
        parser.parse_uncached(reference);
        ASSERT_TRUE(is_tree(cached));
        for (std::size_t i = 0; i < words.size(); ++i) {
            EXPECT_EQ(cached.tokens[i].head, reference.tokens[i].head) << words[i];
            EXPECT_EQ(cached.tokens[i].deprel, reference.tokens[i].deprel) << words[i];
        }
    }
}

TEST(Parser, UnknownFormatVersionThrowsModelErrorNamingTheVersion) {
    std::ifstream in(kModels + "/parser.bin", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Header: "FGMODEL1", the kind as a length-prefixed string ("parser"), a little-endian u32 version.
    const std::size_t version_at = 8 + 1 + 6;
    ASSERT_EQ(bytes.substr(9, 6), "parser");
    bytes[version_at] = 99;
    const auto path = (std::filesystem::temp_directory_path() / "factgraph_future_parser.bin").string();
    std::ofstream(path, std::ios::binary) << bytes;
    try {
        Parser::load(path);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path), std::string::npos) << what;
        EXPECT_NE(what.find("format version 99"), std::string::npos) << what;
    }
    std::filesystem::remove(path);
}

namespace {

// A sentence with a given parse and entity tags: (form, upos, head, deprel, ner) per word.
Sentence parsed(const std::vector<std::tuple<std::string, std::string, int, std::string, std::string>>& words) {
    Sentence s;
    for (const auto& [form, upos, head, deprel, ner] : words) {
        Token t;
        t.form = form;
        t.upos = upos;
        t.head = head;
        t.deprel = deprel;
        t.ner = ner;
        s.tokens.push_back(t);
    }
    return s;
}

std::vector<Sentence> tiny_treebank() {
    return {
        treebank_sentence({{"Amazon", "PROPN", 2, "nsubj"}, {"said", "VERB", 0, "root"}, {"it", "PRON", 4, "nsubj"},
                           {"shut", "VERB", 2, "ccomp"}, {"down", "ADP", 4, "compound:prt"}, {"the", "DET", 7, "det"},
                           {"accounts", "NOUN", 4, "obj"}, {".", "PUNCT", 2, "punct"}}),
        treebank_sentence({{"The", "DET", 2, "det"}, {"firm", "NOUN", 3, "nsubj"}, {"denied", "VERB", 0, "root"},
                           {"the", "DET", 5, "det"}, {"report", "NOUN", 3, "obj"}, {".", "PUNCT", 3, "punct"}}),
        treebank_sentence({{"Le", "PROPN", 3, "compound"}, {"Monde", "PROPN", 3, "compound"}, {"reporters", "NOUN", 4, "nsubj"},
                           {"found", "VERB", 0, "root"}, {"phones", "NOUN", 4, "obj"}, {"in", "ADP", 7, "case"},
                           {"France", "PROPN", 4, "obl"}, {".", "PUNCT", 4, "punct"}}),
        treebank_sentence({{"NSO", "PROPN", 2, "compound"}, {"Group", "PROPN", 3, "nsubj"}, {"sells", "VERB", 0, "root"},
                           {"software", "NOUN", 3, "obj"}, {"to", "ADP", 6, "case"}, {"governments", "NOUN", 3, "obl"},
                           {"and", "CCONJ", 8, "cc"}, {"says", "VERB", 3, "conj"}, {"it", "PRON", 11, "nsubj"},
                           {"is", "AUX", 11, "cop"}, {"legal", "ADJ", 8, "ccomp"}, {".", "PUNCT", 3, "punct"}}),
    };
}

// Parses each sentence afresh and expects exactly its gold heads and labels.
void expect_gold_parses(const Parser& parser, const std::vector<Sentence>& bank) {
    Parser::Scratch scratch;
    for (const Sentence& gold : bank) {
        Sentence s = gold;
        for (Token& t : s.tokens) t.head = -1, t.deprel.clear();
        parser.parse(s, scratch);
        ASSERT_TRUE(is_tree(s)) << gold.tokens.front().form;
        for (std::size_t i = 0; i < s.tokens.size(); ++i) {
            EXPECT_EQ(s.tokens[i].head, gold.tokens[i].head) << gold.tokens.front().form << ": " << gold.tokens[i].form;
            EXPECT_EQ(s.tokens[i].deprel, gold.tokens[i].deprel) << gold.tokens.front().form << ": " << gold.tokens[i].form;
        }
    }
}

}  // namespace

TEST(Parser, BeamSearchTrainingLearnsASmallTreebankAndKeepsItsWidthInTheFile) {
    const std::vector<Sentence> bank = tiny_treebank();
    ParserTrainOptions options;
    options.epochs = 10;
    options.beam = 4;
    const Parser parser = Parser::train(bank, options);
    EXPECT_EQ(parser.beam_width(), 4);
    const auto path = (std::filesystem::temp_directory_path() / "factgraph_beam_parser.bin").string();
    parser.save(path);
    const Parser loaded = Parser::load(path);
    std::filesystem::remove(path);
    EXPECT_EQ(loaded.beam_width(), 4);
    expect_gold_parses(loaded, bank);
}

namespace {

// Copies of the tiny treebank that know only the arcs of the words at even (or odd) positions; the
// others have head -1 and a label nobody uses, as uptraining leaves the arcs its teachers disagree on.
std::vector<Sentence> halves_of_tiny_treebank() {
    std::vector<Sentence> halves;
    for (int parity = 0; parity < 2; ++parity)
        for (Sentence s : tiny_treebank()) {
            for (std::size_t i = 0; i < s.tokens.size(); ++i)
                if (static_cast<int>(i % 2) != parity) s.tokens[i].head = -1, s.tokens[i].deprel = "unknown-arc";
            halves.push_back(std::move(s));
        }
    return halves;
}

}  // namespace

TEST(Parser, GreedyTrainingLearnsFromPartialTreesTheirKnownArcsOnly) {
    // Every arc is known in one of the two copies of a sentence, none in both: the parser has to
    // put the halves together, and the unknown arcs' label must not become one of its labels.
    ParserTrainOptions options;
    options.epochs = 15;
    const Parser parser = Parser::train(halves_of_tiny_treebank(), options);
    for (const std::string& label : parser.labels()) EXPECT_NE(label, "unknown-arc");
    expect_gold_parses(parser, tiny_treebank());
}

TEST(Parser, BeamTrainingRefusesPartialTrees) {
    // Its static oracle needs whole trees.
    ParserTrainOptions options;
    options.epochs = 1;
    options.beam = 4;
    EXPECT_THROW(Parser::train(halves_of_tiny_treebank(), options), std::invalid_argument);
}

TEST(Parser, EveryFeatureSetLearnsASmallTreebankAndKeepsItsSetInTheFile) {
    const std::vector<Sentence> bank = tiny_treebank();
    // Set 4 reads word classes: "amazon" and "nso" share one, "france" has its own.
    const WordClusters classes = factgraph::testing::toy_word_classes(
        "factgraph_parser_word_classes", "amazon\t0\nnso\t0\nfrance\t1\nsaid\t2\n", "0\t0\n1\t0\n2\t1\n");
    // Sets 5 and 6 read supertags: here the gold tree's, as if the supertagger were always right.
    std::vector<Sentence> supertagged = bank;
    for (Sentence& s : supertagged) {
        const std::vector<std::string> tags = Supertagger::supertags_of(s);
        for (std::size_t i = 0; i < s.tokens.size(); ++i) s.tokens[i].supertag = tags[i];
    }
    std::size_t features_of_set[7] = {};
    for (int set : {1, 2, 3, 4, 5, 6}) {
        const bool reads_supertags = set >= 5;
        ParserTrainOptions options;
        options.epochs = 10;
        options.feature_set = set;
        if (set == 4) options.word_clusters = &classes;
        const Parser parser = Parser::train(reads_supertags ? supertagged : bank, options);
        features_of_set[set] = parser.model().feature_count();
        const auto path = (std::filesystem::temp_directory_path() / "factgraph_feature_set_parser.bin").string();
        parser.save(path);
        Parser loaded = Parser::load(path);
        EXPECT_EQ(loaded.needs_word_clusters(), set == 4);
        EXPECT_EQ(loaded.needs_supertags(), reads_supertags);
        if (set == 4) {
            Sentence s = bank.front();
            EXPECT_THROW(loaded.parse(s), std::logic_error) << "a set-4 model without word classes";
            loaded.set_word_clusters(&classes);
        }
        if (reads_supertags) {
            Sentence s = bank.front();
            EXPECT_THROW(loaded.parse(s), std::logic_error) << "a set-" << set << " model without supertags";
        }
        std::filesystem::remove(path);
        EXPECT_EQ(loaded.feature_set(), set);
        EXPECT_EQ(loaded.beam_width(), 1);
        for (const Sentence& gold : reads_supertags ? supertagged : bank) {
            Sentence s = gold;
            for (Token& t : s.tokens) t.head = -1, t.deprel.clear();
            loaded.parse(s);
            ASSERT_TRUE(is_tree(s)) << "set " << set << ": " << gold.tokens.front().form;
            for (std::size_t i = 0; i < s.tokens.size(); ++i)
                EXPECT_EQ(s.tokens[i].head, gold.tokens[i].head) << "set " << set << ": " << gold.tokens[i].form;
        }
    }
    // Set 6 is set 5 without the valency and label-set templates: fewer features from the same trees.
    EXPECT_LT(features_of_set[6], features_of_set[5]);
    for (int unknown : {0, 7}) {
        ParserTrainOptions options;
        options.feature_set = unknown;
        EXPECT_THROW(Parser::train(bank, options), std::invalid_argument) << unknown;
    }
    ParserTrainOptions without_classes;
    without_classes.feature_set = 4;
    EXPECT_THROW(Parser::train(bank, without_classes), std::invalid_argument);
    for (int set : {5, 6}) {
        ParserTrainOptions without_supertags;
        without_supertags.feature_set = set;
        EXPECT_THROW(Parser::train(bank, without_supertags), std::invalid_argument) << set;
    }
}

TEST(Parser, AnyBeamWidthBuildsOneRootedTree) {
    ParserTrainOptions options;
    options.epochs = 3;
    options.beam = 3;
    Parser parser = Parser::train(tiny_treebank(), options);
    for (int width : {1, 2, 3, 16}) {
        parser.set_beam_width(width);
        EXPECT_EQ(parser.beam_width(), width);
        expect_trees(parser,
                     {{"Hello"}, {"!", "!", "!"}, {"The", "board", "met", "on", "Monday", ";", "it", "approved", "the", "deal", "."}},
                     "width " + std::to_string(width));
    }
}

TEST(ArcLabeller, MissingOrCorruptModelThrowsModelErrorNamingTheFile) {
    try {
        ArcLabeller::load("/nonexistent/arc-labeller.bin");
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/arc-labeller.bin"), std::string::npos);
    }
    std::ifstream in(kModels + "/arc-labeller.bin", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 1000u);
    const auto path = (std::filesystem::temp_directory_path() / "factgraph_truncated_labeller.bin").string();
    std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    EXPECT_THROW(ArcLabeller::load(path), factgraph::ModelError);
    std::filesystem::remove(path);
}

TEST(ArcLabeller, LearnsTheLabelsOfASmallTreebankAndKeepsTheHeads) {
    // The first three sentences: in the fourth, "software" (obj) and "governments" (obl) differ
    // only in the "to" under "governments", and the perceptron, which updates on mistakes only,
    // stops at a tie between obj and obl for "software".
    std::vector<Sentence> bank = tiny_treebank();
    bank.pop_back();
    ArcLabellerTrainOptions options;
    options.epochs = 10;
    options.feature_dropout = 0;
    options.parser_bonus = 3.5f;
    ArcLabeller trained = ArcLabeller::train(bank, options);
    const auto path = (std::filesystem::temp_directory_path() / "factgraph_labeller.bin").string();
    trained.save(path);
    ArcLabeller labeller = ArcLabeller::load(path);
    std::filesystem::remove(path);
    EXPECT_EQ(labeller.parser_bonus(), 3.5f);
    // With no bonus the labeller alone decides: a wrong label ("dep", the other labels being
    // right, as they mostly are in a parse) comes back right, and no head changes.
    labeller.set_parser_bonus(0);
    for (const Sentence& gold : bank)
        for (std::size_t wrong = 0; wrong < gold.tokens.size(); ++wrong) {
            Sentence s = gold;
            s.tokens[wrong].deprel = "dep";
            labeller.label(s);
            for (std::size_t i = 0; i < s.tokens.size(); ++i) {
                EXPECT_EQ(s.tokens[i].head, gold.tokens[i].head);
                EXPECT_EQ(s.tokens[i].deprel, gold.tokens[i].deprel) << gold.tokens.front().form << ": " << gold.tokens[i].form;
            }
        }
    // A bonus larger than any score difference keeps whatever label the parser gave.
    labeller.set_parser_bonus(1e6f);
    Sentence s = bank[1];
    s.tokens[1].deprel = "obj";
    labeller.label(s);
    EXPECT_EQ(s.tokens[1].deprel, "obj");
}

TEST(ArcLabeller, OnlyTheArcFromTheRootIsRootAndUnsetHeadsAreLeftAlone) {
    const ArcLabeller labeller = ArcLabeller::load(kModels + "/arc-labeller.bin");
    const Parser parser = committed_parser("/parser-beam.bin");
    Sentence s = tagged({"The", "phones", "of", "reporters", "were", "infected", ",", "Amnesty", "said", "."});
    parser.parse(s);
    const Sentence parsed_only = s;
    s.tokens[2].head = -1;  // as if the parser had left "of" out
    s.tokens[2].deprel = "case";
    labeller.label(s);
    EXPECT_EQ(s.tokens[2].deprel, "case");
    const auto& names = labeller.labels();
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        EXPECT_EQ(s.tokens[i].head, i == 2 ? -1 : parsed_only.tokens[i].head);
        EXPECT_EQ(s.tokens[i].deprel == "root", s.tokens[i].head == 0) << s.tokens[i].form;
        EXPECT_NE(std::find(names.begin(), names.end(), s.tokens[i].deprel), names.end()) << s.tokens[i].deprel;
    }
    EXPECT_EQ(s.tokens[1].deprel, "nsubj:pass");  // phones, with "were" a sibling
    EXPECT_EQ(s.tokens[4].deprel, "aux:pass");
}

TEST(ArcLabeller, AnyHeadsEvenBrokenOnesGetValidLabelsOrAreLeftAlone) {
    // label() is public: trees with cycles, self-loops and heads out of range must not crash it.
    const ArcLabeller labeller = ArcLabeller::load(kModels + "/arc-labeller.bin");
    const auto& names = labeller.labels();
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        Sentence s = tagged({"NSO", "said", "it", "sells", "Pegasus", "to", "governments", "only", "."});
        const int n = static_cast<int>(s.tokens.size());
        std::uniform_int_distribution<int> head(-2, n + 2);
        for (Token& t : s.tokens) t.head = head(rng), t.deprel = "x";
        const Sentence before = s;
        labeller.label(s);
        for (std::size_t i = 0; i < s.tokens.size(); ++i) {
            const Token& t = s.tokens[i];
            EXPECT_EQ(t.head, before.tokens[i].head);
            if (t.head < 0 || t.head > n) {
                EXPECT_EQ(t.deprel, "x");
                continue;
            }
            EXPECT_EQ(t.deprel == "root", t.head == 0) << t.form;
            EXPECT_NE(std::find(names.begin(), names.end(), t.deprel), names.end()) << t.deprel;
        }
    }
}

TEST(ArcLabeller, TheBeamPipelineNeedsItsFileAndNamesItWhenMissing) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "factgraph_no_labeller";
    fs::remove_all(dir);
    fs::create_directories(dir / "models");
    for (const auto& entry : fs::directory_iterator(kModels))
        if (entry.path().filename() != "arc-labeller.bin") fs::create_symlink(entry.path(), dir / "models" / entry.path().filename());
    fs::create_directory_symlink(fs::path(FACTGRAPH_SOURCE_DIR) / "data" / "lexicons", dir / "lexicons");
    EXPECT_NO_THROW(Pipeline(dir, ParserSpeed::fast));  // the default pipeline does not use it,
    EXPECT_NO_THROW(Pipeline(dir, ParserSpeed::accurate));  // nor does the accurate one
    try {
        Pipeline beam(dir, ParserSpeed::beam);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("arc-labeller.bin"), std::string::npos) << e.what();
    }
    fs::remove_all(dir);
}

TEST(Pipeline, AParserOfFeatureSet5LoadsTheSupertaggerAndNamesItWhenMissing) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "factgraph_supertag_pipeline";
    fs::remove_all(dir);
    fs::create_directories(dir / "models");
    for (const auto& entry : fs::directory_iterator(kModels))
        if (entry.path().filename() != "parser.bin" && entry.path().filename() != "supertagger.bin")
            fs::create_symlink(entry.path(), dir / "models" / entry.path().filename());
    fs::create_directory_symlink(fs::path(FACTGRAPH_SOURCE_DIR) / "data" / "lexicons", dir / "lexicons");
    std::vector<Sentence> bank = tiny_treebank();
    for (Sentence& s : bank) {
        const std::vector<std::string> tags = Supertagger::supertags_of(s);
        for (std::size_t i = 0; i < s.tokens.size(); ++i) s.tokens[i].supertag = tags[i];
    }
    ParserTrainOptions options;
    options.epochs = 5;
    options.feature_set = 5;
    Parser::train(bank, options).save((dir / "models" / "parser.bin").string());
    try {
        Pipeline pipeline(dir, ParserSpeed::fast);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("supertagger.bin"), std::string::npos) << e.what();
    }
    TaggerTrainOptions supertagger_options;
    supertagger_options.epochs = 5;
    Supertagger::train(bank, supertagger_options).save((dir / "models" / "supertagger.bin").string());
    const Pipeline pipeline(dir, ParserSpeed::fast);
    const std::vector<Sentence> sentences = pipeline.annotate("Amazon said it shut down the accounts.");
    ASSERT_EQ(sentences.size(), 1u);
    EXPECT_TRUE(is_tree(sentences.front()));
    for (const Token& t : sentences.front().tokens) EXPECT_FALSE(t.supertag.empty()) << t.form;
    fs::remove_all(dir);
}

TEST(ShapeNames, APersonsNameIsFlatUnderItsFirstWordAndTakesItsDependents) {
    // "Mark Z. Barabak , a reporter , wrote ." parsed with the name split: Barabak the subject,
    // Mark and Z. hanging off "wrote", the apposition on Barabak
    Sentence s = parsed({{"Mark", "PROPN", 7, "obl", "B-PER"},
                         {"Z.", "PROPN", 1, "flat", "I-PER"},
                         {"Barabak", "PROPN", 7, "nsubj", "I-PER"},
                         {",", "PUNCT", 6, "punct", "O"},
                         {"a", "DET", 6, "det", "O"},
                         {"reporter", "NOUN", 3, "appos", "O"},
                         {"wrote", "VERB", 0, "root", "O"},
                         {".", "PUNCT", 7, "punct", "O"}});
    shape_names(s);
    EXPECT_EQ(s.tokens[0].head, 7);  // the name's head keeps the attachment nearest the root
    EXPECT_EQ(s.tokens[1].head, 1);
    EXPECT_EQ(s.tokens[1].deprel, "flat");
    EXPECT_EQ(s.tokens[2].head, 1);
    EXPECT_EQ(s.tokens[2].deprel, "flat");
    EXPECT_EQ(s.tokens[5].head, 1);  // the apposition follows the name's head
}

TEST(ShapeNames, AnOrganisationIsACompoundUnderItsLastWordAndPlacesAreLeftAlone) {
    Sentence s = parsed({{"Wells", "PROPN", 0, "root", "B-ORG"},
                         {"Fargo", "PROPN", 1, "obj", "I-ORG"},
                         {"left", "VERB", 1, "acl", "O"},
                         {"New", "PROPN", 3, "obl", "B-LOC"},
                         {"York", "PROPN", 4, "flat", "I-LOC"}});
    shape_names(s);
    EXPECT_EQ(s.tokens[1].head, 0);
    EXPECT_EQ(s.tokens[1].deprel, "root");
    EXPECT_EQ(s.tokens[0].head, 2);
    EXPECT_EQ(s.tokens[0].deprel, "compound");
    EXPECT_EQ(s.tokens[2].head, 2);  // "left" depended on "Wells", now on the name's head
    EXPECT_EQ(s.tokens[3].head, 3);  // the place is untouched
    EXPECT_EQ(s.tokens[4].deprel, "flat");
}

TEST(JoinSplitSubjects, APrepositionalModifierReadAsASecondSubjectJoinsTheFirst) {
    // "An adviser to Mr Okafor said ..." with "to" a marker of "said" and "Mr Okafor" its subject too
    Sentence s = parsed({{"An", "DET", 2, "det", "O"},
                         {"adviser", "NOUN", 6, "nsubj", "O"},
                         {"to", "ADP", 6, "mark", "O"},
                         {"Mr", "PROPN", 6, "nsubj", "O"},
                         {"Okafor", "PROPN", 4, "flat", "B-PER"},
                         {"said", "VERB", 0, "root", "O"},
                         {"it", "PRON", 8, "nsubj", "O"},
                         {"ended", "VERB", 6, "ccomp", "O"}});
    join_split_subjects(s);
    EXPECT_EQ(s.tokens[3].head, 2);
    EXPECT_EQ(s.tokens[3].deprel, "nmod");
    EXPECT_EQ(s.tokens[2].head, 4);
    EXPECT_EQ(s.tokens[2].deprel, "case");
    EXPECT_EQ(s.tokens[1].head, 6);  // the first subject stays
    EXPECT_EQ(s.tokens[6].head, 8);  // the subject of another verb is not touched
}

TEST(JoinSplitSubjects, ACoordinationReadAsTwoSubjectsBecomesOne) {
    Sentence s = parsed({{"Jason", "PROPN", 5, "nsubj", "B-PER"},
                         {"and", "CCONJ", 5, "cc", "O"},
                         {"the", "DET", 4, "det", "O"},
                         {"boys", "NOUN", 5, "nsubj", "O"},
                         {"can", "AUX", 0, "root", "O"}});
    join_split_subjects(s);
    EXPECT_EQ(s.tokens[3].head, 1);
    EXPECT_EQ(s.tokens[3].deprel, "conj");
    EXPECT_EQ(s.tokens[1].head, 4);
    EXPECT_EQ(s.tokens[1].deprel, "cc");
}

TEST(JoinSplitSubjects, AnAsClauseGoesBackToTheParticipleOfTheSubject) {
    // "Another company identified by Amnesty as hosting servers was DigitalOcean": "as hosting"
    // attached to the predicate, "servers" its second subject
    Sentence s = parsed({{"Another", "DET", 2, "det", "O"},
                         {"company", "NOUN", 10, "nsubj", "O"},
                         {"identified", "VERB", 2, "acl", "O"},
                         {"by", "ADP", 5, "case", "O"},
                         {"Amnesty", "PROPN", 3, "obl:agent", "B-ORG"},
                         {"as", "SCONJ", 7, "mark", "O"},
                         {"hosting", "VERB", 10, "advcl", "O"},
                         {"servers", "NOUN", 10, "nsubj", "O"},
                         {"was", "AUX", 10, "cop", "O"},
                         {"DigitalOcean", "PROPN", 0, "root", "B-ORG"}});
    s.tokens[2].xpos = "VBN";
    join_split_subjects(s);
    EXPECT_EQ(s.tokens[6].head, 3);
    EXPECT_EQ(s.tokens[6].deprel, "advcl");
    EXPECT_EQ(s.tokens[7].head, 7);
    EXPECT_EQ(s.tokens[7].deprel, "obj");
    EXPECT_EQ(s.tokens[1].head, 10);
}

TEST(JoinSplitSubjects, SubjectsOfDifferentWordsOrSeparatedByMoreAreLeftAlone) {
    // "Officials , he said": a comma is no preposition; "he said as she left": the two subjects
    // belong to different verbs
    Sentence s = parsed({{"Officials", "NOUN", 4, "nsubj", "O"},
                         {",", "PUNCT", 4, "punct", "O"},
                         {"he", "PRON", 4, "nsubj", "O"},
                         {"said", "VERB", 0, "root", "O"},
                         {"as", "ADP", 7, "mark", "O"},
                         {"she", "PRON", 7, "nsubj", "O"},
                         {"left", "VERB", 4, "advcl", "O"}});
    const Sentence before = s;
    join_split_subjects(s);
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        EXPECT_EQ(s.tokens[i].head, before.tokens[i].head) << i;
        EXPECT_EQ(s.tokens[i].deprel, before.tokens[i].deprel) << i;
    }
}
