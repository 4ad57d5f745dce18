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

std::size_t home(std::uint64_t key, std::size_t mask) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

}  // namespace

const WordClusters::Slot* WordClusters::find(std::uint64_t key) const {
    if (m_slots.empty()) return nullptr;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = home(key, mask);; i = (i + 1) & mask) {
        const Slot& s = m_slots[i];
        if (!s.row) return nullptr;
        if (s.key == key) return &s;
    }
}

void WordClusters::insert(std::uint64_t key, std::uint32_t row) {
    if ((m_used + 1) * 10 > m_slots.size() * 7) {
        // At most 70% full (341,000 words in 512 Ki slots, 8 MB): a miss ends at an empty slot
        // after a few probes of one or two cache lines.
        std::vector<Slot> old(m_slots.empty() ? 1024 : m_slots.size() * 2);
        old.swap(m_slots);
        m_used = 0;
        for (const Slot& s : old)
            if (s.row) insert(s.key, s.row);
    }
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = home(key, mask);
    while (m_slots[i].row) i = (i + 1) & mask;
    m_slots[i] = {key, row};
    ++m_used;
}

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
    while (words.next(cols)) {
        if (cols.size() != 2 || cols[0].empty()) words.fail("expected a word and its class, tab-separated");
        const auto c = words.number(cols[1], 0xFFFF);
        if (c >= out.m_rows.size()) words.fail("class " + std::string(cols[1]) + " is not in " + levels_path.string());
        const std::uint64_t key = folded_hash(cols[0]);
        if (!out.find(key)) out.insert(key, static_cast<std::uint32_t>(c) + 1);  // the more frequent spelling came first
    }
    if (out.m_used == 0) words.fail("no word listed");
    return out;
}

std::uint64_t WordClusters::key(std::string_view form) { return form.empty() ? 0 : folded_hash(form); }

void WordClusters::prefetch(std::uint64_t key) const {
    if (!m_slots.empty()) __builtin_prefetch(&m_slots[home(key, m_slots.size() - 1)]);
}

WordClusters::Classes WordClusters::classes_of_key(std::uint64_t key) const {
    if (key == 0) return {};
    const Slot* s = find(key);
    return s ? m_rows[s->row - 1] : Classes{};
}

}  // namespace factgraph::nlp
