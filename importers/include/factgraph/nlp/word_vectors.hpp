#pragma once
/** @file Word vectors learnt from a large unannotated corpus (data/lexicons/word_vectors.bin). */
#include "factgraph/nlp/flat_map.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace factgraph::nlp {

/**
 * @brief One small vector per frequent word (GloVe, scaled to a common length and stored as
 *        8-bit integers), written by tools/build_word_clusters beside the word classes.
 *
 * Where the word classes say which of 4,096 groups a word belongs to, the vector says where in
 * the space it lies, which the recogniser's window network reads (docs/ner.md). Words are looked
 * up ASCII-lower-cased by WordClusters::key(), so a caller that has the key for the classes
 * does not hash the word twice. Read-only after load, so one instance serves every thread.
 */
class WordVectors {
public:
    /** @brief No words: every lookup answers nullptr. */
    WordVectors() = default;

    /**
     * @brief Vectors of `words` (the more frequent first), `dims` values each in `values`,
     *        row after row; a value times scale() is the vector's component.
     *
     * Where two words fold to the same key the first wins. Throws std::invalid_argument if the
     * sizes disagree.
     */
    WordVectors(std::vector<std::string> words, std::vector<std::int8_t> values, std::size_t dims, float scale);

    /** @brief Reads a file written by save(); throws ModelError naming it if missing or corrupt. */
    static WordVectors load(const std::filesystem::path& path);
    /** @brief Writes the words and vectors (checksummed); throws ModelError if it cannot. */
    void save(const std::filesystem::path& path) const;

    /** @brief The vector of the word whose WordClusters::key() this is, or nullptr. */
    const std::int8_t* find(std::uint64_t key) const {
        const std::uint32_t* row = m_rows.find(key);
        return row ? m_values.data() + static_cast<std::size_t>(*row) * m_dims : nullptr;
    }
    /** @brief Starts loading the table slot of `key` into the cache. */
    void prefetch(std::uint64_t key) const { m_rows.prefetch(key); }

    /** @brief Values per vector (0 when empty). */
    std::size_t dims() const { return m_dims; }
    /** @brief The real value of a stored 1. */
    float scale() const { return m_scale; }
    /** @brief Number of distinct words. */
    std::size_t size() const { return m_words.size(); }
    /** @brief A number that changes when the words or vectors do (models record it). */
    std::uint64_t fingerprint() const { return m_fingerprint; }

private:
    detail::FlatMap64<std::uint32_t> m_rows;  // folded-form hash -> row
    std::vector<std::string> m_words;         // by row, for save()
    std::vector<std::int8_t> m_values;
    std::size_t m_dims = 0;
    float m_scale = 0.0f;
    std::uint64_t m_fingerprint = 0;
};

}  // namespace factgraph::nlp
