#pragma once
/** @file Word classes learnt from a large unannotated corpus (data/lexicons/word_clusters.tsv). */
#include "factgraph/nlp/flat_map.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace factgraph::nlp {

/**
 * @brief Classes of words used alike, one class per clustering ("level"), from
 *        tools/build_word_clusters (k-means over GloVe vectors; docs/ner.md).
 *
 * A word the annotated training text never showed still shares its classes with words it did
 * ("rwanda" with "burundi"), which is what the recogniser and the parser learn from. Read-only
 * after load, so one instance serves every thread.
 */
class WordClusters {
public:
    /** @brief Most class columns a file may have. */
    static constexpr std::size_t kMaxLevels = 4;
    /** @brief 1-based class of a word at each level; 0 for a word that is not listed. */
    using Classes = std::array<std::uint16_t, kMaxLevels>;

    /** @brief No words: every lookup answers "not listed". */
    WordClusters() = default;

    /**
     * @brief Reads the two files tools/build_word_clusters writes: `words_path` lists
     *        `word TAB class` (the finest level), `levels_path` lists every class, in order from
     *        0, with its class at each coarser level (`class TAB level-1 class ...`, at most
     *        kMaxLevels columns, numbers below 65535).
     *
     * Words are looked up ASCII-lower-cased; where two rows fold to the same key the first (the
     * more frequent word, in the order the tool writes) wins. Throws ModelError naming the file
     * and line for a missing file or a bad row.
     */
    static WordClusters load(const std::filesystem::path& words_path, const std::filesystem::path& levels_path);

    /** @brief Classes of one word form, looked up ASCII-lower-cased ("Rwanda" as "rwanda"). */
    Classes classes(std::string_view form) const { return classes_of_key(key(form)); }

    /** @brief The lookup split in two, so that a caller can prefetch() the keys of a whole
     *  sentence before reading their classes (the table is larger than the caches). */
    static std::uint64_t key(std::string_view form);
    /** @brief Starts loading the table slot of `key` into the cache. */
    void prefetch(std::uint64_t key) const;
    /** @brief classes() of the form whose key() this is. */
    Classes classes_of_key(std::uint64_t key) const;

    /** @brief Number of levels (0 when empty). */
    std::size_t levels() const { return m_levels; }
    /** @brief Number of distinct words. */
    std::size_t size() const { return m_words.size(); }

private:
    detail::FlatMap64<std::uint32_t> m_words;  // folded-form hash -> the word's finest class
    std::vector<Classes> m_rows;  // per finest class: its 1-based class at every level
    std::size_t m_levels = 0;
};

}  // namespace factgraph::nlp
