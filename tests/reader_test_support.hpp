#pragma once
// Shared by the reader tests: file contents and the built-in readers.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "factgraph/importers/reader.hpp"

namespace factgraph::importers::testing {

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline const ReaderRegistry& builtin_readers() {
    static const ReaderRegistry registry = ReaderRegistry::with_builtin_readers();
    return registry;
}

/** Reads `input` with the reader called `format`, expecting exactly one article. */
inline Article read_one(std::string_view format, const std::string& input, const std::string& path) {
    std::istringstream in(input);
    CollectingSink sink;
    builtin_readers().by_name(format)->read(in, Source{path}, sink);
    EXPECT_EQ(sink.articles.size(), 1u);
    return sink.articles.empty() ? Article{} : sink.articles.front();
}

}  // namespace factgraph::importers::testing
