#include "factgraph/nlp/word_clusters.hpp"

#include "factgraph/core/error.hpp"
#include "tsv_reader.hpp"

#include <charconv>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace factgraph::nlp {

namespace {

constexpr std::uint64_t kFnvBasis = 0xcbf29ce484222325ULL;

std::uint64_t folded_hash(std::string_view form) {
    std::uint64_t h = kFnvBasis;
    for (unsigned char c : form) {
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

}  // namespace

WordClusters WordClusters::load(const std::filesystem::path& words_path, const std::filesystem::path& levels_path) {
    WordClusters out;
    std::vector<std::string_view> cols;
    // The levels file first: one row per word class, with its class at each coarser level.
    TsvReader levels(levels_path, "word classes");
    while (levels.next(cols)) {
        if (cols.size() > kMaxLevels) levels.fail("more than " + std::to_string(kMaxLevels) + " levels");
        if (out.m_levels == 0) out.m_levels = cols.size();
        if (cols.size() != out.m_levels) levels.fail("expected " + std::to_string(out.m_levels) + " columns like the first row");
        const auto c = levels.number(cols[0], 0xFFFF);
        if (c != out.m_rows.size()) levels.fail("classes must be listed in order from 0");
        Classes classes{};
        for (std::size_t l = 0; l < cols.size(); ++l) classes[l] = static_cast<std::uint16_t>(levels.number(cols[l], 0xFFFF) + 1);
        out.m_rows.push_back(classes);
    }
    if (out.m_rows.empty()) levels.fail("no class listed");
    TsvReader words(words_path, "word classes");
    out.m_words.reserve(words.most_rows());
    while (words.next(cols)) {
        if (cols.size() != 2 || cols[0].empty()) words.fail("expected a word and its class, tab-separated");
        const auto c = words.number(cols[1], 0xFFFF);
        if (c >= out.m_rows.size()) words.fail("class " + std::string(cols[1]) + " is not in " + levels_path.string());
        const std::uint64_t key = folded_hash(cols[0]);
        out.m_words.insert_new(key, static_cast<std::uint32_t>(c));  // the more frequent spelling came first
    }
    if (out.m_words.size() == 0) words.fail("no word listed");
    return out;
}

std::uint64_t WordClusters::key(std::string_view form) { return form.empty() ? 0 : folded_hash(form); }

void WordClusters::prefetch(std::uint64_t key) const { m_words.prefetch(key); }

WordClusters::Classes WordClusters::classes_of_key(std::uint64_t key) const {
    if (key == 0) return {};
    const std::uint32_t* c = m_words.find(key);
    return c ? m_rows[*c] : Classes{};
}

}  // namespace factgraph::nlp
