#pragma once
/** @file CoNLL-U reading and writing (https://universaldependencies.org/format.html). */
#include "factgraph/nlp/annotation.hpp"

#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace factgraph::nlp {

/** @brief A multiword token of CoNLL-U ("1-2 don't" over the words "do" and "n't"). */
struct MultiwordToken {
    int first = 0;  ///< 1-based id of its first word
    int last = 0;   ///< 1-based id of its last word
    std::string form;
    bool space_after = true;  ///< false where its MISC has SpaceAfter=No
};

/** @brief A sentence read from CoNLL-U with its `# text` comment (empty if there was none) and
 *  its multiword tokens, in order. */
struct ConlluSentence {
    Sentence sentence;
    std::string text;
    std::vector<MultiwordToken> multiword;
};

/**
 * @brief Reads a CoNLL-U stream a sentence at a time (as read_conllu() below describes), so that
 *        a file of any size can be annotated in batches.
 */
class ConlluReader {
public:
    /** @brief Reads from `in` (which must outlive the reader); errors name `source`. */
    ConlluReader(std::istream& in, std::string source);
    ~ConlluReader();
    ConlluReader(const ConlluReader&) = delete;
    ConlluReader& operator=(const ConlluReader&) = delete;
    /** @brief The next sentence with words into `out`; false at the end of the stream. Throws
     *  InputError as read_conllu() does, for the sentence being read. */
    bool next(ConlluSentence& out);

private:
    struct State;
    std::istream& m_in;
    std::string m_source;
    std::unique_ptr<State> m_state;
};

/**
 * @brief Reads every sentence of a CoNLL-U stream.
 *
 * The sentence holds the words; multiword tokens are kept beside it (ConlluSentence::multiword),
 * and their surface forms set the words' offsets and SpaceAfter. Empty nodes such as 8.1 are
 * skipped. Token offsets are bytes into the sentence's `# text` when the forms can be found there
 * in order, else into the text rebuilt from forms and SpaceAfter. MISC `NER=` fills Token::ner.
 * Throws InputError naming `source` and the line for malformed lines, and for a multiword token
 * that starts inside another or covers words its sentence lacks.
 */
std::vector<ConlluSentence> read_conllu(std::istream& in, const std::string& source);

/** @brief Like read_conllu() but keeps only the sentences. */
std::vector<Sentence> read_conllu_sentences(std::istream& in, const std::string& source);

/** @brief The sentence's surface text rebuilt from forms and SpaceAfter. */
std::string conllu_text(const Sentence& sentence);

/**
 * @brief Writes one sentence: `# sent_id`, `# text` (given, or rebuilt when empty), then
 * ID FORM LEMMA UPOS XPOS _ HEAD DEPREL _ MISC lines (MISC: NER=<tag>, SpaceAfter=No) and a blank line.
 *
 * `multiword`: the sentence's multiword tokens (as read_conllu() keeps them), each written as its
 * `FIRST-LAST FORM` line before its first word; SpaceAfter=No then goes on that line, not on its
 * words, as in UD's files.
 */
void write_conllu(const Sentence& sentence, std::ostream& out, std::string_view text = {},
                  std::span<const MultiwordToken> multiword = {});

}  // namespace factgraph::nlp
