#include "factgraph/nlp/stream_annotation.hpp"

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"

#include <istream>

namespace factgraph::nlp {

namespace {

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Input is read this much at a time.
constexpr std::size_t kReadBytes = 64 * 1024;

}  // namespace

std::size_t text_batch_end(std::string_view pending, std::size_t batch_bytes, bool at_end) {
    if (pending.size() < batch_bytes) return at_end ? pending.size() : 0;
    // One pass over the lines: the first paragraph break (a blank line after another line) that
    // ends at or after batch_bytes ends the batch; failing that, with 4 batches pending, the last
    // one before it, else the last line break, else the last space.
    std::size_t paragraph = 0;
    for (std::size_t line = 0, end; (end = pending.find('\n', line)) != std::string_view::npos; line = end + 1) {
        if (line == 0 || !blank(pending.substr(line, end - line))) continue;
        paragraph = end + 1;
        if (paragraph >= batch_bytes) return paragraph;
    }
    if (pending.size() < 4 * batch_bytes) return at_end ? pending.size() : 0;
    if (paragraph > 0) return paragraph;
    if (const std::size_t last = pending.rfind('\n'); last != std::string_view::npos) return last + 1;
    if (const std::size_t space = pending.rfind(' '); space != std::string_view::npos) return space + 1;
    // One "word" of megabytes: whole if it ends in time, else cut before a character's first byte,
    // never inside a character.
    if (at_end || pending.size() < 16 * batch_bytes) return at_end ? pending.size() : 0;
    std::size_t cut = pending.size() - 1;  // the batch ends before the first byte of a character
    while (cut > 0 && (static_cast<unsigned char>(pending[cut]) & 0xC0) == 0x80) --cut;
    return cut > 0 ? cut : pending.size();
}

void annotate_text_stream(const Pipeline& pipeline, std::istream& in, const std::string& source,
                          const std::function<void(std::vector<Sentence>& sentences, std::string_view text)>& emit,
                          std::size_t batch_bytes) {
    std::string pending;
    std::size_t consumed = 0;  // bytes of the input before `pending`
    for (bool at_end = false; !at_end;) {
        const std::size_t had = pending.size();
        pending.resize(had + kReadBytes);
        in.read(pending.data() + had, static_cast<std::streamsize>(kReadBytes));
        pending.resize(had + static_cast<std::size_t>(in.gcount()));
        if (in.bad()) throw InputError(source, "cannot read");
        at_end = !in;
        for (std::size_t end; !pending.empty() && (end = text_batch_end(pending, batch_bytes, at_end)) > 0;) {
            const std::string_view batch = std::string_view(pending).substr(0, end);
            // Cut at an ASCII byte (a line break or a space) or at the end: never inside a character.
            if (const std::size_t bad = text::find_invalid_utf8(batch); bad != std::string::npos)
                throw InputError(source, "not valid UTF-8 (first bad byte at offset " + std::to_string(consumed + bad) + ")");
            std::vector<Sentence> sentences = pipeline.annotate(batch);
            emit(sentences, batch);
            consumed += end;
            pending.erase(0, end);
        }
    }
}

void annotate_conllu_stream(const Pipeline& pipeline, std::istream& in, const std::string& source,
                            const std::function<void(std::vector<ConlluSentence>& sentences)>& emit,
                            std::size_t batch_bytes) {
    ConlluReader reader(in, source);
    std::vector<ConlluSentence> batch;
    std::size_t bytes = 0;
    auto annotate_batch = [&] {
        std::vector<Sentence> sentences;
        sentences.reserve(batch.size());
        for (ConlluSentence& cs : batch) sentences.push_back(std::move(cs.sentence));
        pipeline.annotate(sentences);
        for (std::size_t i = 0; i < batch.size(); ++i) batch[i].sentence = std::move(sentences[i]);
        emit(batch);
        batch.clear();
        bytes = 0;
    };
    for (ConlluSentence cs; reader.next(cs);) {
        bytes += cs.text.empty() ? static_cast<std::size_t>(cs.sentence.end) : cs.text.size();
        batch.push_back(std::move(cs));
        if (bytes >= batch_bytes) annotate_batch();
    }
    if (!batch.empty()) annotate_batch();
}

}  // namespace factgraph::nlp
