#include "factgraph/core/error.hpp"
#include "factgraph/nlp/supertag_net.hpp"
#include "factgraph/nlp/supertagger.hpp"
#include "nlp_test_models.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

using namespace factgraph::nlp;
using factgraph::testing::treebank_sentence;

namespace {

std::vector<Sentence> toy_treebank() {
    return {
        treebank_sentence({{"Amazon", "NNP", 2, "nsubj"}, {"said", "VBD", 0, "root"}, {"it", "PRP", 4, "nsubj"}, {"shut", "VBD", 2, "ccomp"},
              {"down", "RP", 4, "compound:prt"}, {"the", "DT", 7, "det"}, {"accounts", "NNS", 4, "obj"}, {".", ".", 2, "punct"}}),
        treebank_sentence({{"The", "DT", 2, "det"}, {"firm", "NN", 3, "nsubj"}, {"denied", "VBD", 0, "root"}, {"the", "DT", 5, "det"},
              {"report", "NN", 3, "obj"}, {".", ".", 3, "punct"}}),
        treebank_sentence({{"Reporters", "NNS", 2, "nsubj"}, {"found", "VBD", 0, "root"}, {"phones", "NNS", 2, "obj"}, {"in", "IN", 5, "case"},
              {"France", "NNP", 2, "obl"}, {".", ".", 2, "punct"}}),
    };
}

// Four-value toy vectors for some of the words (the others have none).
WordVectors toy_vectors() {
    const std::vector<std::string> words = {"amazon", "said", "denied", "found", "the", "accounts", "report", "phones"};
    std::vector<std::int8_t> values;
    auto add = [&](std::int8_t a, std::int8_t b, std::int8_t c, std::int8_t d) { values.insert(values.end(), {a, b, c, d}); };
    add(100, 0, 0, 0), add(0, 100, 0, 0), add(0, 90, 10, 0), add(0, 95, 0, 5), add(0, 0, 100, 0), add(0, 0, 0, 100),
        add(0, 0, 10, 90), add(5, 0, 0, 95);
    return WordVectors(words, std::move(values), 4, 0.01f);
}

SupertagNetOptions toy_options() {
    SupertagNetOptions options;
    options.hidden = 32;
    options.projection = 16;
    options.epochs = 80;
    options.batch = 8;
    options.learning_rate = 0.01f;
    options.dropout = 0.0f;
    options.min_count = 1;
    return options;
}

// The sentence without its tree, as the supertagger meets it.
Sentence untreed(const Sentence& gold) {
    Sentence s = gold;
    for (Token& t : s.tokens) t.head = -1, t.deprel.clear(), t.supertag.clear();
    return s;
}

std::string temp_path(const std::string& name) { return (std::filesystem::temp_directory_path() / name).string(); }

}  // namespace

TEST(SupertagNet, LearnsASmallTreebankAndKeepsItThroughItsFile) {
    const WordVectors vectors = toy_vectors();
    const WordClusters no_classes;
    const std::vector<Sentence> bank = toy_treebank();
    const SupertagNet net = SupertagNet::train(bank, vectors, no_classes, toy_options());
    EXPECT_EQ(net.hidden(), 32u);
    EXPECT_EQ(net.vectors_fingerprint(), vectors.fingerprint());

    const std::string path = temp_path("factgraph_supertag_net.bin");
    Supertagger::from_network(net).save(path);
    Supertagger loaded = Supertagger::load(path);
    std::filesystem::remove(path);
    ASSERT_TRUE(loaded.is_network());
    EXPECT_TRUE(loaded.needs_word_vectors());
    EXPECT_TRUE(loaded.needs_word_clusters());
    loaded.set_word_clusters(&no_classes);
    loaded.set_word_vectors(&vectors);

    SupertagNet::Buffers buffers;
    Supertagger::Scratch scratch;
    for (const Sentence& gold : bank) {
        Sentence direct = untreed(gold), through_file = untreed(gold);
        net.tag(direct, vectors, no_classes, buffers);
        loaded.tag(through_file, scratch);
        const std::vector<std::string> expected = Supertagger::supertags_of(gold);
        for (std::size_t i = 0; i < gold.tokens.size(); ++i) {
            EXPECT_EQ(direct.tokens[i].supertag, expected[i]) << gold.tokens[i].form;
            EXPECT_EQ(through_file.tokens[i].supertag, direct.tokens[i].supertag) << gold.tokens[i].form;
            EXPECT_EQ(through_file.tokens[i].head, -1) << "the supertagger writes Token::supertag only";
        }
    }
    Sentence empty;
    loaded.tag(empty, scratch);
    EXPECT_TRUE(empty.tokens.empty());
}

TEST(SupertagNet, BuffersKeptAcrossSentencesGiveTheSupertagsOfFreshOnes) {
    const WordVectors vectors = toy_vectors();
    const WordClusters no_classes;
    const std::vector<Sentence> bank = toy_treebank();
    const SupertagNet net = SupertagNet::train(bank, vectors, no_classes, toy_options());
    // A form met first mid-sentence and then sentence-initially ("The" / "the") has two rows of
    // shares; sentences in both orders through one set of buffers.
    SupertagNet::Buffers kept;
    for (int round = 0; round < 2; ++round)
        for (std::size_t k = 0; k < bank.size(); ++k) {
            const Sentence& gold = bank[round == 0 ? k : bank.size() - 1 - k];
            Sentence reused = untreed(gold), fresh = untreed(gold);
            net.tag(reused, vectors, no_classes, kept);
            SupertagNet::Buffers new_buffers;
            net.tag(fresh, vectors, no_classes, new_buffers);
            for (std::size_t i = 0; i < gold.tokens.size(); ++i) EXPECT_EQ(reused.tokens[i].supertag, fresh.tokens[i].supertag);
        }
}

TEST(SupertagNet, UnseenWordsAndTagsStillGetASupertag) {
    const WordVectors vectors = toy_vectors();
    const WordClusters no_classes;
    const SupertagNet net = SupertagNet::train(toy_treebank(), vectors, no_classes, toy_options());
    Sentence s = treebank_sentence({{"Zorblax", "FW", 0, ""}, {"quibbled", "VBZ", 0, ""}, {"!", ".", 0, ""}});
    SupertagNet::Buffers buffers;
    net.tag(s, vectors, no_classes, buffers);
    for (const Token& t : s.tokens) {
        EXPECT_FALSE(t.supertag.empty()) << t.form;
        EXPECT_NE(std::find(net.supertags().begin(), net.supertags().end(), t.supertag), net.supertags().end());
    }
    // An empty network leaves supertags empty.
    Sentence again = s;
    SupertagNet{}.tag(again, vectors, no_classes, buffers);
    for (const Token& t : again.tokens) EXPECT_TRUE(t.supertag.empty());
}

TEST(SupertagNet, RejectsSettingsOutOfRangeAndMissingVectors) {
    const WordClusters no_classes;
    EXPECT_THROW(SupertagNet::train(toy_treebank(), WordVectors{}, no_classes, toy_options()), std::invalid_argument);
    for (auto spoil : {+[](SupertagNetOptions& o) { o.hidden = 0; }, +[](SupertagNetOptions& o) { o.projection = 65; },
                       +[](SupertagNetOptions& o) { o.epochs = 0; }, +[](SupertagNetOptions& o) { o.dropout = 1.0f; },
                       +[](SupertagNetOptions& o) { o.learning_rate = 0.0f; }}) {
        SupertagNetOptions options = toy_options();
        spoil(options);
        EXPECT_THROW(SupertagNet::train(toy_treebank(), toy_vectors(), no_classes, options), std::invalid_argument);
    }
    EXPECT_THROW(SupertagNet::train({}, toy_vectors(), no_classes, toy_options()), std::invalid_argument);
}

TEST(SupertagNet, CorruptFileOrOtherWordVectorsIsAModelError) {
    const WordVectors vectors = toy_vectors();
    const WordClusters no_classes;
    SupertagNetOptions options = toy_options();
    options.epochs = 2;
    const Supertagger supertagger = Supertagger::from_network(SupertagNet::train(toy_treebank(), vectors, no_classes, options));
    const std::string path = temp_path("factgraph_supertag_net_corrupt.bin");
    supertagger.save(path);
    // Cut short: the model file's size check names the file.
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
    try {
        Supertagger::load(path);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
    // A payload whose numbers are wrong but whose checksum is right: the reader's own checks.
    EXPECT_THROW(SupertagNet::from_bytes(supertagger.network().to_bytes().substr(0, 40), "a test payload"), factgraph::ModelError);
    std::string spoilt = supertagger.network().to_bytes();
    spoilt += "x";
    EXPECT_THROW(SupertagNet::from_bytes(spoilt, "a test payload"), factgraph::ModelError);
    std::filesystem::remove(path);

    // Vectors other than those it was trained with.
    Supertagger copy = supertagger;
    const WordVectors other({"amazon"}, std::vector<std::int8_t>{1, 2, 3, 4}, 4, 0.01f);
    EXPECT_THROW(copy.set_word_vectors(&other), factgraph::ModelError);
    // Called directly with vectors of another size, the network refuses rather than read past them.
    const WordVectors shorter({"amazon"}, std::vector<std::int8_t>{1, 2}, 2, 0.01f);
    SupertagNet::Buffers buffers;
    Sentence s = untreed(toy_treebank().front());
    EXPECT_THROW(supertagger.network().tag(s, shorter, no_classes, buffers), std::invalid_argument);
}
