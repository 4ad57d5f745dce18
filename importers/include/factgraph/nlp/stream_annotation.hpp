#pragma once
/** @file Annotation of inputs of any size, read and annotated a batch at a time. */
#include "factgraph/nlp/conllu.hpp"
#include "factgraph/nlp/pipeline.hpp"

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace factgraph::nlp {

/**
 * @brief Bytes of text annotated together as one document by the functions below.
 *
 * A news article is far smaller, so an article is one document, as when its whole text is given to
 * Pipeline::annotate(); a longer input is cut into batches of about this size, so that memory stays
 * bounded whatever its size (the annotation of a batch takes about 150 times its bytes). The
 * recogniser's document-level consistency (a name tagged once as ORG stays ORG) spans one batch.
 */
inline constexpr std::size_t kDocumentBatchBytes = 256 * 1024;

/**
 * @brief Where the next batch of raw text ends in `pending` (the input not yet annotated): 0 when
 *        more input is needed first.
 *
 * A batch ends after the first blank line (spaces, tabs and CRs only) that ends at or after
 * `batch_bytes`: a paragraph break, which no sentence crosses. When 4 times `batch_bytes` are
 * pending without one, the batch ends after the last paragraph break before, else after the last
 * line break (a sentence running over it is then split), else after the last space; text with
 * neither for 16 times `batch_bytes` is cut before a character, never inside one. With `at_end`
 * (no more input to come), what is pending ends the batch where no such break does.
 */
std::size_t text_batch_end(std::string_view pending, std::size_t batch_bytes, bool at_end);

/**
 * @brief Annotates the raw text of `in` a batch at a time (text_batch_end()) and gives each batch
 *        to `emit` with its text, in order; the sentences' offsets are bytes into that text.
 *
 * Throws InputError naming `source` for text that is not UTF-8, with the offset of the first bad
 * byte in the whole input (batches before it have been given to `emit`).
 */
void annotate_text_stream(const Pipeline& pipeline, std::istream& in, const std::string& source,
                          const std::function<void(std::vector<Sentence>& sentences, std::string_view text)>& emit,
                          std::size_t batch_bytes = kDocumentBatchBytes);

/**
 * @brief Annotates the CoNLL-U sentences of `in` (their tokens and ids kept) in batches of about
 *        `batch_bytes` of sentence text and gives each batch to `emit`, in order.
 *
 * Throws InputError as ConlluReader does (batches before the bad sentence have been given to `emit`).
 */
void annotate_conllu_stream(const Pipeline& pipeline, std::istream& in, const std::string& source,
                            const std::function<void(std::vector<ConlluSentence>& sentences)>& emit,
                            std::size_t batch_bytes = kDocumentBatchBytes);

}  // namespace factgraph::nlp
