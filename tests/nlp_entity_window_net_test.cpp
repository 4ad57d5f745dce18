#include "factgraph/core/error.hpp"
#include "factgraph/nlp/entity_window_net.hpp"
#include "factgraph/nlp/word_clusters.hpp"
#include "factgraph/nlp/word_vectors.hpp"

#include "nlp_test_models.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace factgraph::nlp;
using factgraph::testing::tagged_sentence;
namespace fs = std::filesystem;

namespace {

// Four-value toy vectors: people lie along the first axis, places along the second, verbs along
// the third, the rest along the fourth.
WordVectors toy_vectors() {
    const std::vector<std::string> words = {"anna", "boris", "carla", "dmitri", "oslo", "lima", "quito", "perth",
                                            "visited", "left", "the", "."};
    std::vector<std::int8_t> values;
    auto add = [&](std::int8_t a, std::int8_t b, std::int8_t c, std::int8_t d) { values.insert(values.end(), {a, b, c, d}); };
    add(100, 10, 0, 0), add(90, -10, 5, 0), add(110, 0, -5, 0), add(95, 5, 0, 5);    // people
    add(10, 100, 0, 0), add(-10, 90, 5, 0), add(0, 110, -5, 0), add(5, 95, 0, 5);    // places
    add(0, 0, 100, 0), add(0, 0, 90, 10);                                            // verbs
    add(0, 0, 0, 100), add(0, 0, 10, 90);
    return WordVectors(words, std::move(values), 4, 0.01f);
}


// Training text: Anna, Boris (people) and Oslo, Lima (places), in both orders.
std::vector<Sentence> toy_training_text() {
    return {
        tagged_sentence({{"Anna", "B-PER"}, {"visited", "O"}, {"Oslo", "B-LOC"}, {".", "O"}}),
        tagged_sentence({{"Boris", "B-PER"}, {"left", "O"}, {"Lima", "B-LOC"}, {".", "O"}}),
        tagged_sentence({{"Boris", "B-PER"}, {"visited", "O"}, {"Oslo", "B-LOC"}, {".", "O"}}),
        tagged_sentence({{"Anna", "B-PER"}, {"left", "O"}, {"Lima", "B-LOC"}, {".", "O"}}),
        tagged_sentence({{"The", "O"}, {"Oslo", "B-LOC"}, {"visited", "O"}, {".", "O"}}),
    };
}

// The toy networks' settings: 16 hidden units, no input dropout, `epochs` passes.
WindowNetOptions toy_options(int epochs) {
    WindowNetOptions options;
    options.hidden = 16;
    options.epochs = epochs;
    options.input_dropout = 0.0f;
    return options;
}

// A network trained on toy_training_text() with `vectors`.
EntityWindowNet trained_on_toy_text(const WordVectors& vectors, const WindowNetOptions& options) {
    const std::vector<Sentence> text = toy_training_text();
    std::vector<const Sentence*> training;
    for (const Sentence& s : text) training.push_back(&s);
    return EntityWindowNet::train(training, vectors, options);
}

// The tag a guess code names (EntityRecognizer::tags() order), or -1 for no guess.
int tag_of_code(std::uint8_t code) { return code == 0 ? -1 : (code - 1) / 3; }

}  // namespace

TEST(WordVectors, LooksWordsUpCaseFoldedAndSavesAndLoadsThem) {
    const WordVectors v = toy_vectors();
    EXPECT_EQ(v.size(), 12u);
    EXPECT_EQ(v.dims(), 4u);
    const std::int8_t* oslo = v.find(WordClusters::key("Oslo"));
    ASSERT_NE(oslo, nullptr);
    EXPECT_EQ(oslo[1], 100);
    EXPECT_EQ(v.find(WordClusters::key("unlisted")), nullptr);

    const fs::path path = fs::temp_directory_path() / "fg_word_vectors_test.bin";
    v.save(path);
    const WordVectors back = WordVectors::load(path);
    EXPECT_EQ(back.size(), v.size());
    EXPECT_FLOAT_EQ(back.scale(), 0.01f);
    EXPECT_EQ(back.fingerprint(), v.fingerprint());
    ASSERT_NE(back.find(WordClusters::key("LIMA")), nullptr);
    EXPECT_EQ(back.find(WordClusters::key("LIMA"))[1], 90);
    fs::remove(path);

    EXPECT_THROW(WordVectors({"a", "b"}, std::vector<std::int8_t>(3), 2, 1.0f), std::invalid_argument);
}

TEST(WordVectors, MissingOrCorruptFileIsModelErrorNamingIt) {
    const fs::path path = fs::temp_directory_path() / "fg_word_vectors_corrupt.bin";
    fs::remove(path);
    try {
        WordVectors::load(path);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    }
    toy_vectors().save(path);
    fs::resize_file(path, fs::file_size(path) - 20);
    try {
        WordVectors::load(path);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    }
    fs::remove(path);
}

TEST(EntityWindowNet, GuessesTheTypeOfNamesItNeverSawFromTheirVectors) {
    const WordVectors vectors = toy_vectors();
    WindowNetOptions options = toy_options(60);
    options.learning_rate = 0.05f;
    const EntityWindowNet net = trained_on_toy_text(vectors, options);
    ASSERT_FALSE(net.empty());

    // Carla and Quito never occurred; their vectors lie with the people's and the places'.
    const Sentence unseen = tagged_sentence({{"Carla", "O"}, {"left", "O"}, {"Quito", "O"}, {".", "O"}});
    std::vector<std::uint8_t> codes;
    net.guess(unseen, vectors, codes);
    ASSERT_EQ(codes.size(), 4u);
    EXPECT_EQ(tag_of_code(codes[0]), 1);  // B-PER
    EXPECT_EQ(tag_of_code(codes[2]), 5);  // B-LOC
    EXPECT_EQ(codes[1], 0);               // not capitalised: not guessed
    EXPECT_EQ(codes[3], 0);

    // The bytes give the same guesses; other vectors than the training ones are refused.
    const EntityWindowNet back = EntityWindowNet::from_bytes(net.to_bytes(), vectors, "test net");
    std::vector<std::uint8_t> again;
    back.guess(unseen, vectors, again);
    EXPECT_EQ(again, codes);
    const WordVectors other({"anna"}, std::vector<std::int8_t>{1, 2, 3, 4}, 4, 0.01f);
    EXPECT_THROW(EntityWindowNet::from_bytes(net.to_bytes(), other, "test net"), factgraph::ModelError);
    std::string truncated = net.to_bytes();
    truncated.resize(truncated.size() / 2);
    EXPECT_THROW(EntityWindowNet::from_bytes(truncated, vectors, "test net"), factgraph::ModelError);

    // An empty network guesses nothing and round-trips as empty.
    const EntityWindowNet none = EntityWindowNet::from_bytes(EntityWindowNet{}.to_bytes(), vectors, "empty net");
    EXPECT_TRUE(none.empty());
    none.guess(unseen, vectors, codes);
    EXPECT_EQ(codes, std::vector<std::uint8_t>(4, 0));
    EXPECT_THROW(trained_on_toy_text(WordVectors{}, options), std::invalid_argument);
}

// guess() keeps each word's share of the first layer (per window position) in the caller's
// buffers: the guesses are those of new buffers for every sentence, also after the buffers have
// filled up and started again, and for another network given the same buffers.
TEST(EntityWindowNet, BuffersKeptAcrossSentencesGuessAsNewOnes) {
    const WordVectors vectors = toy_vectors();
    WindowNetOptions options = toy_options(20);
    const EntityWindowNet net = trained_on_toy_text(vectors, options);
    options.hidden = 8;
    options.seed = 7;
    const EntityWindowNet other = trained_on_toy_text(vectors, options);

    std::vector<Sentence> sentences;
    const std::vector<std::string> words = {"Anna", "boris", "Carla", "DMITRI", "Oslo", "lima", "Quito", "Perth",
                                            "visited", "left", "The", "the", ".", "Nowhere", "2021"};
    for (std::size_t k = 0; k < 300; ++k) {
        std::vector<std::pair<std::string, std::string>> tagged;
        for (std::size_t i = 0; i < 6; ++i) tagged.push_back({words[(k * 7 + i * (k % 5 + 1)) % words.size()], "O"});
        sentences.push_back(tagged_sentence(tagged));
    }
    // More new capitalised words than the buffers keep shares of.
    for (std::size_t k = 0; k < EntityWindowNet::kMaxShares / 4; ++k)
        sentences.push_back(tagged_sentence({{"Anna", "O"}, {"met", "O"}, {"Zorbel" + std::to_string(k), "O"}, {".", "O"}}));
    sentences.insert(sentences.end(), sentences.begin(), sentences.begin() + 300);

    EntityWindowNet::Buffers kept;
    std::vector<std::uint8_t> codes, fresh;
    for (std::size_t k = 0; k < sentences.size(); ++k) {
        const EntityWindowNet& which = k % 50 == 49 ? other : net;
        which.guess(sentences[k], vectors, codes, kept);
        which.guess(sentences[k], vectors, fresh);
        ASSERT_EQ(codes, fresh) << k;
    }
    EXPECT_LE(kept.share_index.size(), EntityWindowNet::kMaxShares + 5 * 6);
}
