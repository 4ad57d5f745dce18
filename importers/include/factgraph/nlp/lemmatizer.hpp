#pragma once
/** @file Lemmatiser: a (form, XPOS) lexicon of exceptions plus suffix rules learned from a treebank. */
#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/flat_map.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace factgraph::nlp {

/**
 * @brief Assigns lemmas from form and XPOS tag.
 *
 * Lookup order: the exact (form, XPOS) pair, the lowercased pair, then the edit rule (case mode,
 * characters to strip, string to append) most often seen with the longest matching suffix for
 * that XPOS. The lexicon keeps only pairs the rules get wrong, which keeps the model small.
 */
class Lemmatizer {
public:
    Lemmatizer() = default;
    /** @brief Loads a model written by save(); throws ModelError naming the file. */
    static Lemmatizer load(const std::string& path);
    /** @brief Learns the lexicon and rules from sentences with gold forms, XPOS and lemmas. */
    static Lemmatizer train(const std::vector<Sentence>& sentences);
    /** @brief Writes the model file. */
    void save(const std::string& path) const;

    /** @brief The lemma of `form` tagged `xpos` (UPOS only matters for proper nouns). */
    std::string lemma(std::string_view form, std::string_view xpos, std::string_view upos = {}) const;
    /** @brief Fills Token::lemma of every token from its form and tags. */
    void lemmatize(Sentence& sentence) const;

    /** @brief Number of lexicon entries and rules (for reports). */
    std::size_t lexicon_size() const { return m_lexicon.size(); }
    std::size_t rule_count() const { return m_rules.size(); }

private:
    struct Rule {
        bool lower = true;        // lowercase the form before editing
        std::uint8_t strip = 0;   // bytes removed from the end
        std::string append;       // then appended
    };
    static constexpr std::size_t kMaxSuffix = 6;

    std::string apply(const Rule& rule, std::string_view form) const;
    /** The rule of the longest suffix of `low` (the lowercased form) known for `xpos`. */
    const Rule* rule_for(std::string_view low, std::string_view xpos) const;
    static std::string key(std::string_view a, std::string_view b);
    /** Builds m_suffix_slots from m_suffix_rule (after training or loading). */
    void index_suffix_rules();

    std::unordered_map<std::string, std::string> m_lexicon;  // form \t xpos -> lemma
    // Hashes of m_lexicon's keys, so that the words that are not exceptions (nearly all) are
    // turned away without building a key string. Kept in step by add_exception().
    detail::FlatMap64<bool> m_lexicon_keys;
    static std::uint64_t key_hash(std::string_view a, std::string_view b);
    /** Builds m_lexicon_keys from m_lexicon (after loading). */
    void index_lexicon();
    /** Sets the lemma of (form, xpos) in m_lexicon and m_lexicon_keys. */
    void add_exception(std::string_view form, std::string_view xpos, std::string lemma);
    /** The exception of (form, xpos), or nullptr. */
    const std::string* exception(std::string_view form, std::string_view xpos) const;
    std::unordered_map<std::string, std::uint32_t> m_suffix_rule;  // xpos \t suffix -> rule index
    std::vector<Rule> m_rules;
    // The suffix rules again, for lookups: an open-addressing table on a 64-bit hash of xpos and
    // suffix that is extended one letter at a time from the word's end, so trying the suffixes
    // of a word costs one multiplication and one probe each, not a string key and a node lookup.
    struct SuffixSlot {
        std::uint64_t hash = 0;  // 0 = empty
        std::uint32_t rule = 0;
    };
    std::vector<SuffixSlot> m_suffix_slots;
};

}  // namespace factgraph::nlp
