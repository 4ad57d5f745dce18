#include "factgraph/nlp/word_vectors.hpp"

#include "factgraph/core/error.hpp"
#include "factgraph/nlp/word_clusters.hpp"
#include "model_io.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace factgraph::nlp {

namespace {
constexpr std::string_view kKind = "word-vectors";
constexpr std::uint32_t kVersion = 1;
}  // namespace

WordVectors::WordVectors(std::vector<std::string> words, std::vector<std::int8_t> values, std::size_t dims, float scale)
    : m_words(std::move(words)), m_values(std::move(values)), m_dims(dims), m_scale(scale) {
    if (dims == 0 || m_values.size() != m_words.size() * dims)
        throw std::invalid_argument("WordVectors: " + std::to_string(m_words.size()) + " words need " +
                                    std::to_string(m_words.size() * dims) + " values, got " +
                                    std::to_string(m_values.size()));
    // The fingerprint is the checksum of the words, each followed by a newline, and the values,
    // taken piece by piece rather than over a copy of them all.
    std::uint64_t checked = model_io::checksum({});
    m_rows.reserve(m_words.size());
    for (std::size_t r = 0; r < m_words.size(); ++r) {
        if (const std::uint64_t key = WordClusters::key(m_words[r])) m_rows.insert_new(key, static_cast<std::uint32_t>(r));
        checked = model_io::checksum(m_words[r], checked);
        checked = model_io::checksum("\n", checked);
    }
    checked = model_io::checksum(std::string_view(reinterpret_cast<const char*>(m_values.data()), m_values.size()), checked);
    m_fingerprint = checked ^ (static_cast<std::uint64_t>(dims) << 56);
}

void WordVectors::save(const std::filesystem::path& path) const {
    model_io::ByteWriter w;
    w.varint(m_dims);
    w.f32(m_scale);
    w.varint(m_words.size());
    for (const std::string& word : m_words) w.str(word);
    w.raw(std::string_view(reinterpret_cast<const char*>(m_values.data()), m_values.size()));
    model_io::write_file(path.string(), kKind, kVersion, w.bytes());
}

WordVectors WordVectors::load(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw ModelError("word vectors " + path.string() + " not found (rebuild them with build_word_clusters, see docs/ner.md)");
    const std::string payload = model_io::read_file(path.string(), kKind, kVersion);
    model_io::ByteReader r(payload, "file " + path.string());
    const std::uint64_t dims = r.count(1024);
    if (dims == 0) r.fail("vectors of no values");
    const float scale = r.f32();
    if (!(scale > 0.0f)) r.fail("scale is not a positive number");
    const std::uint64_t count = r.count(10'000'000);
    std::vector<std::string> words;
    words.reserve(std::min<std::uint64_t>(count, r.remaining()));
    for (std::uint64_t i = 0; i < count; ++i) words.push_back(r.str());
    if (r.remaining() != count * dims) r.fail("expected " + std::to_string(count * dims) + " vector values");
    const std::string_view raw = r.raw(count * dims);
    std::vector<std::int8_t> values(raw.size());
    std::memcpy(values.data(), raw.data(), raw.size());
    return WordVectors(std::move(words), std::move(values), dims, scale);
}

}  // namespace factgraph::nlp
