#pragma once
// Golden-file comparison; UPDATE_GOLDEN=1 rewrites the expected file instead of comparing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

inline std::string golden_path(const std::string& name) {
    return std::string(FACTGRAPH_SOURCE_DIR) + "/tests/golden/" + name;
}

inline void expect_golden(const std::string& name, const std::string& actual) {
    std::string path = golden_path(name);
    if (const char* update = std::getenv("UPDATE_GOLDEN"); update && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "missing golden file " << path << " (run with UPDATE_GOLDEN=1)";
    std::stringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(actual, expected.str()) << "output differs from " << path;
}
