#pragma once
/** @file Annotated text: tokens with offsets, tags, heads and entity tags, grouped in sentences. */
#include <cstddef>
#include <string>
#include <vector>

namespace factgraph::nlp {

/** @brief One token. Offsets are bytes into the text the tokeniser was given. */
struct Token {
    std::string form;
    std::size_t start = 0;  ///< byte offset of the first byte
    std::size_t end = 0;    ///< byte offset one past the last byte
    std::string lemma;
    std::string upos;
    std::string xpos;
    int head = -1;           ///< CoNLL-U convention: 1-based index of the head, 0 = root, -1 = unset
    std::string deprel;
    std::string ner = "O";   ///< IOB2 tag: O, B-PER, I-ORG, ...
    /// The Supertagger's guess of the word's place in the tree ("<nsubj", ">obj/L"), read by a
    /// parser of feature set 5; empty until then. Not part of CoNLL-U.
    std::string supertag;
    bool space_after = true;
};

/** @brief One sentence; start/end are byte offsets of its first and last token. */
struct Sentence {
    std::string id;  ///< CoNLL-U sent_id when read from CoNLL-U, else empty
    std::size_t start = 0;
    std::size_t end = 0;
    std::vector<Token> tokens;
};

}  // namespace factgraph::nlp
