#pragma once
// Shared by the extractor tests: one statistical extractor per test binary (loading the models
// takes a second), run on a body of text written in the test.
#include <string>

#include "factgraph/importers/extractor.hpp"

namespace factgraph::testing {

inline const importers::Extractor& nlp_extractor() {
    static const auto e = importers::make_nlp_extractor(std::string(FACTGRAPH_SOURCE_DIR) + "/data");
    return *e;
}

/** The extraction of an article whose text is `body`, as the default extractor sees it. */
inline Extraction extract_text(const std::string& body) {
    Article a;
    a.source = "test.txt";
    a.text = body;
    return nlp_extractor().extract(a);
}

}  // namespace factgraph::testing
