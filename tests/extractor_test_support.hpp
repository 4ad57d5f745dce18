#pragma once
// Shared by the extractor tests: one statistical extractor per test binary (loading the models
// takes a second), run on a body of text written in the test.
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

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

/**
 * The extraction of an article whose text is `body`, read with the parse written in `parse` instead
 * of the trained models' parse: a test of an extraction pattern then does not depend on how the
 * parser of the day reads its sentence (a retrained parser, even the same features on another
 * shuffle, parses some sentences differently). One word per line, `form lemma UPOS XPOS head
 * deprel NER`, a blank line between sentences; the forms are found in `body` in order.
 */
inline Extraction extract_parsed(const std::string& body, const std::string& parse) {
    Article a;
    a.source = "test.txt";
    a.text = "Test story\n\n" + body;
    // The title line first, then the body's sentences.
    std::istringstream lines("Test test NOUN NN 2 compound O\nstory story NOUN NN 0 root O\n\n" + parse);
    std::vector<nlp::Sentence> sentences(1);
    std::size_t cursor = 0;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        nlp::Token t;
        if (!(fields >> t.form)) {
            if (!sentences.back().tokens.empty()) sentences.emplace_back();
            continue;
        }
        if (!(fields >> t.lemma >> t.upos >> t.xpos >> t.head >> t.deprel >> t.ner))
            throw std::invalid_argument("extract_parsed: not 7 fields: " + line);
        t.start = a.text.find(t.form, cursor);
        if (t.start == std::string::npos) throw std::invalid_argument("extract_parsed: not in the text: " + t.form);
        t.end = cursor = t.start + t.form.size();
        t.space_after = t.end < a.text.size() && a.text[t.end] == ' ';
        sentences.back().tokens.push_back(t);
    }
    if (sentences.back().tokens.empty()) sentences.pop_back();
    for (nlp::Sentence& s : sentences) {
        s.start = s.tokens.front().start;
        s.end = s.tokens.back().end;
    }
    return importers::extract_annotated(nlp_extractor(), a, sentences);
}

}  // namespace factgraph::testing
