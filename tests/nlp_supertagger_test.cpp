#include "factgraph/core/error.hpp"
#include "factgraph/nlp/supertagger.hpp"
#include "factgraph/nlp/tagger.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

using namespace factgraph::nlp;

namespace {

// A sentence with a gold tree: (form, head, deprel) per word.
Sentence tree(const std::vector<std::tuple<std::string, int, std::string>>& words) {
    Sentence s;
    for (const auto& [form, head, deprel] : words) {
        Token t;
        t.form = form;
        t.upos = t.xpos = "X";
        t.head = head;
        t.deprel = deprel;
        s.tokens.push_back(t);
    }
    return s;
}

std::vector<Sentence> tiny_treebank() {
    return {
        tree({{"Amazon", 2, "nsubj"}, {"said", 0, "root"}, {"it", 4, "nsubj"}, {"shut", 2, "ccomp"},
              {"down", 4, "compound:prt"}, {"the", 7, "det"}, {"accounts", 4, "obj"}, {".", 2, "punct"}}),
        tree({{"The", 2, "det"}, {"firm", 3, "nsubj"}, {"denied", 0, "root"}, {"the", 5, "det"}, {"report", 3, "obj"},
              {".", 3, "punct"}}),
        tree({{"Reporters", 2, "nsubj"}, {"found", 0, "root"}, {"phones", 2, "obj"}, {"in", 5, "case"},
              {"France", 2, "obl"}, {".", 2, "punct"}}),
    };
}

std::string temp_path(const std::string& name) { return (std::filesystem::temp_directory_path() / name).string(); }

}  // namespace

TEST(Supertagger, ASupertagIsTheHeadsSideTheUniversalLabelAndWhichSidesHaveDependents) {
    // Amazon: head "said" after it, no dependents; said: the root, dependents on both sides; shut:
    // head "said" before it; down: the label's subtype (compound:prt) left out; accounts: "the"
    // on its left.
    const std::vector<std::string> expected{">nsubj", "^root/LR", ">nsubj", "<ccomp/LR", "<compound", ">det", "<obj/L", "<punct"};
    EXPECT_EQ(Supertagger::supertags_of(tiny_treebank().front()), expected);
    EXPECT_TRUE(Supertagger::supertags_of(Sentence{}).empty());
}

TEST(Supertagger, LearnsASmallTreebankAndKeepsItThroughItsFile) {
    const std::vector<Sentence> bank = tiny_treebank();
    TaggerTrainOptions options;
    options.epochs = 10;
    const Supertagger trained = Supertagger::train(bank, options);
    const std::string path = temp_path("factgraph_supertagger.bin");
    trained.save(path);
    const Supertagger loaded = Supertagger::load(path);
    std::filesystem::remove(path);
    for (const Sentence& gold : bank) {
        Sentence s = gold;
        for (Token& t : s.tokens) t.head = -1, t.deprel.clear(), t.upos.clear(), t.xpos.clear();
        loaded.tag(s);
        const std::vector<std::string> expected = Supertagger::supertags_of(gold);
        for (std::size_t i = 0; i < s.tokens.size(); ++i) {
            EXPECT_EQ(s.tokens[i].supertag, expected[i]) << s.tokens[i].form;
            EXPECT_TRUE(s.tokens[i].upos.empty()) << "the supertagger writes Token::supertag only";
        }
    }
    Sentence empty;
    loaded.tag(empty);
    EXPECT_TRUE(empty.tokens.empty());
}

TEST(Supertagger, MissingCorruptOrForeignModelThrowsModelErrorNamingTheFile) {
    try {
        Supertagger::load("/nonexistent/supertagger.bin");
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/supertagger.bin"), std::string::npos);
    }
    const std::string garbage = temp_path("factgraph_garbage_supertagger.bin");
    std::ofstream(garbage, std::ios::binary) << "this is not a model";
    EXPECT_THROW(Supertagger::load(garbage), factgraph::ModelError);
    std::filesystem::remove(garbage);
    // A part-of-speech tagger's file is not a supertagger's, nor the reverse.
    TaggerTrainOptions options;
    options.epochs = 2;
    const std::string tagger_path = temp_path("factgraph_pos_tagger.bin");
    Tagger::train(tiny_treebank(), options).save(tagger_path);
    try {
        Supertagger::load(tagger_path);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("'tagger'"), std::string::npos) << e.what();
    }
    std::filesystem::remove(tagger_path);
    const std::string supertagger_path = temp_path("factgraph_supertagger_not_tagger.bin");
    Supertagger::train(tiny_treebank(), options).save(supertagger_path);
    EXPECT_THROW(Tagger::load(supertagger_path), factgraph::ModelError);
    std::filesystem::remove(supertagger_path);
}
