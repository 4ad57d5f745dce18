#pragma once
/** @file CoNLL-U reading and writing (https://universaldependencies.org/format.html). */
#include "factgraph/nlp/annotation.hpp"

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace factgraph::nlp {

/** @brief A sentence read from CoNLL-U with its `# text` comment (empty if there was none). */
struct ConlluSentence {
    Sentence sentence;
    std::string text;
};

/**
 * @brief Reads every sentence of a CoNLL-U stream.
 *
 * Keeps words (not multiword-token ranges, whose surface form only sets offsets and SpaceAfter,
 * nor empty nodes such as 8.1). Token offsets are bytes into the sentence's `# text` when the forms
 * can be found there in order, else into the text rebuilt from forms and SpaceAfter. MISC `NER=`
 * fills Token::ner. Throws InputError naming `source` and the line for malformed lines.
 */
std::vector<ConlluSentence> read_conllu(std::istream& in, const std::string& source);

/** @brief Like read_conllu() but keeps only the sentences. */
std::vector<Sentence> read_conllu_sentences(std::istream& in, const std::string& source);

/** @brief The sentence's surface text rebuilt from forms and SpaceAfter. */
std::string conllu_text(const Sentence& sentence);

/**
 * @brief Writes one sentence: `# sent_id`, `# text` (given, or rebuilt when empty), then
 * ID FORM LEMMA UPOS XPOS _ HEAD DEPREL _ MISC lines (MISC: NER=<tag>, SpaceAfter=No) and a blank line.
 */
void write_conllu(const Sentence& sentence, std::ostream& out, std::string_view text = {});

}  // namespace factgraph::nlp
