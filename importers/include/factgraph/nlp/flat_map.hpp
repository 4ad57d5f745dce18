#pragma once
/** @file A small open-addressing map from 64-bit hashes to values, for per-token lookups. */
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace factgraph::nlp::detail {

/**
 * @brief Map from 64-bit keys (hashes) to `Value`, in one flat array with linear probing.
 *
 * For the tables looked up once per token (the tagger's frequent words, the lemmatiser's
 * exceptions, the gazetteer's words and phrases): a probe reads one or two neighbouring slots
 * where std::unordered_map follows a pointer to a node. Key 0 is stored as 1 (the empty-slot mark), which only a 64-bit collision
 * could confuse. At most 70% full.
 */
template <class Value>
class FlatMap64 {
public:
    /** @brief Sets the value of `key` (replacing any). */
    void insert(std::uint64_t key, Value value) { claim(key).first.value = std::move(value); }
    /** @brief Sets the value of `key` unless it has one; returns whether it was set. */
    bool insert_new(std::uint64_t key, Value value) {
        auto [s, added] = claim(key);
        if (added) s.value = std::move(value);
        return added;
    }
    /** @brief Makes room for `count` keys at once (no rehashing while they are inserted). */
    void reserve(std::size_t count) {
        std::size_t size = m_slots.empty() ? 16 : m_slots.size();
        while (count * 10 > size * 7) size *= 2;
        if (size > m_slots.size()) rehash(size);
    }
    /** @brief The value of `key`, or nullptr. */
    const Value* find(std::uint64_t key) const {
        if (m_slots.empty()) return nullptr;
        key = key ? key : 1;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = home(key, mask);; i = (i + 1) & mask) {
            const Slot& s = m_slots[i];
            if (!s.key) return nullptr;
            if (s.key == key) return &s.value;
        }
    }
    /** @brief Starts loading the slot where the probe for `key` begins into the cache, for a
     *  table larger than the caches looked up a little later (find()). */
    void prefetch(std::uint64_t key) const {
        if (!m_slots.empty()) __builtin_prefetch(&m_slots[home(key ? key : 1, m_slots.size() - 1)]);
    }
    /** @brief Number of keys. */
    std::size_t size() const { return m_size; }
    /** @brief Removes every entry, keeping the memory. */
    void clear() {
        if (m_size) std::fill(m_slots.begin(), m_slots.end(), Slot{});
        m_size = 0;
    }
    /** @brief Every (key, value), in slot order. */
    std::vector<std::pair<std::uint64_t, Value>> entries() const {
        std::vector<std::pair<std::uint64_t, Value>> out;
        for (const Slot& s : m_slots)
            if (s.key) out.emplace_back(s.key, s.value);
        return out;
    }

private:
    struct Slot {
        std::uint64_t key = 0;  // 0 = empty
        Value value{};
    };
    static std::size_t home(std::uint64_t key, std::size_t mask) {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
    }
    // The slot of `key`, made for it (growing the table first if need be) when it had none; true then.
    std::pair<Slot&, bool> claim(std::uint64_t key) {
        key = key ? key : 1;
        if ((m_size + 1) * 10 > m_slots.size() * 7) grow();
        Slot& s = slot(key);
        const bool added = !s.key;
        if (added) {
            ++m_size;
            s.key = key;
        }
        return {s, added};
    }
    Slot& slot(std::uint64_t key) {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = home(key, mask);
        while (m_slots[i].key && m_slots[i].key != key) i = (i + 1) & mask;
        return m_slots[i];
    }
    void grow() { rehash(m_slots.empty() ? 16 : m_slots.size() * 2); }
    void rehash(std::size_t size) {
        std::vector<Slot> old(size);
        old.swap(m_slots);
        for (Slot& s : old)
            if (s.key) slot(s.key) = std::move(s);
    }
    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

}  // namespace factgraph::nlp::detail
