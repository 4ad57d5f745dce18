#include "factgraph/core/error.hpp"
#include "factgraph/nlp/word_clusters.hpp"

#include "nlp_test_models.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace factgraph::nlp;
namespace fs = std::filesystem;

namespace {

class WordClustersFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("fg_word_clusters_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                           "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }
    fs::path write(const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return dir / name;
    }
    // Loads words.tsv and levels.tsv; returns the ModelError message, or "" when it loads.
    std::string load_error() {
        try {
            WordClusters::load(dir / "words.tsv", dir / "levels.tsv");
        } catch (const factgraph::ModelError& e) {
            return e.what();
        }
        return {};
    }
    fs::path dir;
};

TEST_F(WordClustersFiles, ReadsClassesAtEveryLevelAndFoldsAsciiCase) {
    write("levels.tsv", "# class, level 1, level 2\n0\t0\t0\n1\t0\t0\n2\t1\t0\n");
    write("words.tsv", "# comment\nparis\t0\nrome\t1\nnokia\t2\nParis\t2\n");
    const WordClusters wc = WordClusters::load(dir / "words.tsv", dir / "levels.tsv");
    EXPECT_EQ(wc.levels(), 3u);
    EXPECT_EQ(wc.size(), 3u);  // "Paris" folds onto "paris", listed first
    EXPECT_EQ(wc.classes("PARIS"), (WordClusters::Classes{1, 1, 1, 0}));
    EXPECT_EQ(wc.classes("Rome"), (WordClusters::Classes{2, 1, 1, 0}));
    EXPECT_EQ(wc.classes("nokia"), (WordClusters::Classes{3, 2, 1, 0}));
    EXPECT_EQ(wc.classes("unlisted"), (WordClusters::Classes{}));
    EXPECT_EQ(wc.classes(""), (WordClusters::Classes{}));
}

TEST_F(WordClustersFiles, BadFilesAreModelErrorsNamingFileAndLine) {
    EXPECT_NE(load_error().find("cannot open"), std::string::npos);
    write("levels.tsv", "0\t0\n1\t0\n");
    write("words.tsv", "paris\t0\nrome\t7\n");
    EXPECT_NE(load_error().find("words.tsv:2"), std::string::npos) << load_error();
    write("words.tsv", "paris\tzero\n");
    EXPECT_NE(load_error().find("words.tsv:1: 'zero' is not a number below 65535"), std::string::npos) << load_error();
    write("words.tsv", "paris\n");
    EXPECT_NE(load_error().find("expected a word and its class"), std::string::npos) << load_error();
    write("words.tsv", "# nothing\n");
    EXPECT_NE(load_error().find("no word listed"), std::string::npos) << load_error();
    write("words.tsv", "paris\t0\n");
    write("levels.tsv", "0\t0\n1\n");
    EXPECT_NE(load_error().find("levels.tsv:2: expected 2 columns"), std::string::npos) << load_error();
    write("levels.tsv", "1\t0\n");
    EXPECT_NE(load_error().find("in order from 0"), std::string::npos) << load_error();
    write("levels.tsv", "0\t0\t0\t0\t0\n");
    EXPECT_NE(load_error().find("more than 4 levels"), std::string::npos) << load_error();
    write("levels.tsv", "0\t70000\n");
    EXPECT_NE(load_error().find("below 65535"), std::string::npos) << load_error();
}

TEST(WordClusters, CommittedClassesGroupNamesOfOneKind) {
    const WordClusters& wc = factgraph::testing::committed_word_classes();
    EXPECT_GT(wc.size(), 300000u);
    EXPECT_EQ(wc.levels(), 4u);
    // Countries of one region share a fine class; a country and a verb share no class but the
    // coarsest ones maybe, so compare the second level.
    EXPECT_EQ(wc.classes("Rwanda")[1], wc.classes("Burundi")[1]);
    EXPECT_NE(wc.classes("Rwanda")[1], wc.classes("said")[1]);
    EXPECT_NE(wc.classes("Macron")[0], 0);
}

}  // namespace
