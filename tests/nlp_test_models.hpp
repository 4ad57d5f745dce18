#pragma once
// Models for the NLP tests: the committed tagger and parsers as the pipeline loads them (a tagger
// with word-class features and a parser of feature set 4 read the word classes of data/lexicons;
// Pipeline hands them the recogniser's copy), small word-class tables written for a test, and
// sentences built from (word, entity tag) pairs or gold trees.
#include "factgraph/nlp/parser.hpp"
#include "factgraph/nlp/tagger.hpp"
#include "factgraph/nlp/word_clusters.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

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

/**
 * Word classes read from the two files `words` (`word TAB class` lines) and `levels` (`class TAB
 * level-1 class ...` lines), written to a temporary folder called `name` and removed again.
 */
inline nlp::WordClusters toy_word_classes(const std::string& name, const std::string& words, const std::string& levels) {
    const auto dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "words.tsv") << words;
    std::ofstream(dir / "levels.tsv") << levels;
    nlp::WordClusters classes = nlp::WordClusters::load(dir / "words.tsv", dir / "levels.tsv");
    std::filesystem::remove_all(dir);
    return classes;
}

/** A sentence of these words with these IOB2 entity tags (Token::ner), no offsets or parse. */
inline nlp::Sentence tagged_sentence(const std::vector<std::pair<std::string, std::string>>& tagged) {
    nlp::Sentence s;
    for (const auto& [form, tag] : tagged) {
        nlp::Token t;
        t.form = form;
        t.ner = tag;
        s.tokens.push_back(t);
    }
    return s;
}

/** A gold-tagged treebank sentence: (form, tag, head, deprel) per word; the tag is both UPOS and
 *  XPOS, and no word is in a name (NER "O"). */
inline nlp::Sentence treebank_sentence(const std::vector<std::tuple<std::string, std::string, int, std::string>>& words) {
    nlp::Sentence s;
    for (const auto& [form, tag, head, deprel] : words) {
        nlp::Token t;
        t.form = form;
        t.upos = t.xpos = tag;
        t.head = head;
        t.deprel = deprel;
        t.ner = "O";
        s.tokens.push_back(t);
    }
    return s;
}

}  // namespace factgraph::testing
