#pragma once
// The committed tagger and parsers as the pipeline loads them: a tagger with word-class features
// and a parser of feature set 4 read the word classes of data/lexicons (Pipeline hands them the
// recogniser's copy).
#include "factgraph/nlp/parser.hpp"
#include "factgraph/nlp/tagger.hpp"
#include "factgraph/nlp/word_clusters.hpp"

#include <string>

namespace factgraph::testing {

inline const nlp::WordClusters& committed_word_classes() {
    static const nlp::WordClusters classes =
        nlp::WordClusters::load(std::string(FACTGRAPH_SOURCE_DIR) + "/data/lexicons/word_clusters.tsv",
                                std::string(FACTGRAPH_SOURCE_DIR) + "/data/lexicons/word_cluster_levels.tsv");
    return classes;
}

/** data/models/tagger.bin with the word classes it reads. */
inline nlp::Tagger committed_tagger() {
    nlp::Tagger tagger = nlp::Tagger::load(std::string(FACTGRAPH_SOURCE_DIR) + "/data/models/tagger.bin");
    tagger.set_word_clusters(&committed_word_classes());
    return tagger;
}

/** A parser of data/models (`file` as "/parser.bin") with the word classes it may read. */
inline nlp::Parser committed_parser(const std::string& file) {
    nlp::Parser parser = nlp::Parser::load(std::string(FACTGRAPH_SOURCE_DIR) + "/data/models" + file);
    parser.set_word_clusters(&committed_word_classes());
    return parser;
}

}  // namespace factgraph::testing
