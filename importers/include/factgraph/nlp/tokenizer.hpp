#pragma once
/** @file Rule-based tokeniser and sentence splitter for English news text, UD-compatible. */
#include <string_view>
#include <vector>

#include "factgraph/nlp/annotation.hpp"

namespace factgraph::nlp {

/** @brief Splits text into sentences of tokens, keeping byte offsets into the text.
 *
 * Follows UD English-EWT conventions so the statistical models see what they were trained on:
 * clitics split ("NSO" "'s", "does" "n't"), hyphens between word parts split ("Israel" "-"
 * "based"), currency and percent signs split, abbreviations and initials kept with their period,
 * URLs and e-mail addresses kept whole. */
class Tokenizer {
public:
    /** @brief Longest sentence: a longer run of tokens without a sentence end (a table, a list, text
     *  without punctuation, hostile input) is cut into sentences of this many tokens, so that the
     *  analysis after the split stays linear in time and memory. News sentences have under 100. */
    static constexpr std::size_t kMaxSentenceTokens = 250;

    /** @brief Tokens with offsets, grouped into sentences. A blank line always ends a sentence. */
    std::vector<Sentence> tokenize(std::string_view text) const;

    /** @brief Tokens only, no sentence grouping. */
    std::vector<Token> tokens(std::string_view text) const;

    /** @brief Whether a word is a US party-and-state tag ("D-Mass.", "R-S.C.", "I-VT", "R-Ohio";
     *  not "D-Day"), which the tokeniser keeps as one token so that "Rep. Stephen Lynch (D-Mass.)
     *  said" parses as a name with a bracketed apposition. */
    static bool is_party_state_tag(std::string_view word);

    /** @brief Groups already tokenised text into sentences. */
    std::vector<Sentence> split_sentences(std::string_view text, std::vector<Token> tokens) const;
};

}  // namespace factgraph::nlp
