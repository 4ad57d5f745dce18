#pragma once
/** @file Place, organisation, demonym and cue-word lexicons (data/lexicons) with a phrase tagger. */
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/flat_map.hpp"
#include "factgraph/nlp/word_clusters.hpp"
#include "factgraph/nlp/word_vectors.hpp"

namespace factgraph::nlp {

namespace detail {

/**
 * @brief Hash table from 64-bit hashes to 16-bit flag sets (0 = absent), on FlatMap64.
 *
 * The lexicons are looked up for every token, so the table is flat (one cache line per probe)
 * rather than node-based like std::unordered_map.
 */
class HashFlags64 {
public:
    /** @brief ORs `flags` (non-zero) into the entry of `key`, creating it if needed. */
    void add(std::uint64_t key, std::uint16_t flags) {
        const std::uint16_t* old = m_map.find(key);
        m_map.insert(key, static_cast<std::uint16_t>((old ? *old : 0) | flags));
    }
    /** @brief Flags of `key`, 0 when absent. */
    std::uint16_t get(std::uint64_t key) const {
        const std::uint16_t* flags = m_map.find(key);
        return flags ? *flags : 0;
    }
    /** @brief Removes every entry, keeping the memory. */
    void clear() { m_map.clear(); }
    /** @brief Number of keys. */
    std::size_t size() const { return m_map.size(); }

private:
    FlatMap64<std::uint16_t> m_map;
};

}  // namespace detail

/** @brief What a lexicon entry names. One phrase can be several things ("Georgia"). */
enum class LexiconKind : std::uint16_t {
    Country = 1u << 0,       ///< countries.tsv (codes excluded from text matching)
    Subdivision = 1u << 1,   ///< subdivisions.tsv: states, provinces, regions
    City = 1u << 2,          ///< cities.tsv
    Region = 1u << 3,        ///< regions.tsv: continents, seas, world regions
    Organisation = 1u << 4,  ///< organisations.tsv
    Demonym = 1u << 5,       ///< demonyms.tsv, plurals included ("Israelis")
    PersonTitle = 1u << 6,   ///< person_titles.tsv, any case ("Mr", "Prime Minister")
    OrgSuffix = 1u << 7,     ///< org_suffixes.tsv, any case ("Ltd", "Group", "Ministry")
    PersonCue = 1u << 8,     ///< name_cues.tsv PER: nouns before a person's name ("journalist")
    OrgCue = 1u << 9,        ///< name_cues.tsv ORG: nouns before an organisation's name ("website")
    PlaceCue = 1u << 10,     ///< name_cues.tsv LOC: nouns before a place name ("city", "province")
    EventCue = 1u << 11,     ///< name_cues.tsv EVENT: nouns before the name of an event ("Hurricane Rita")
};

/** @brief A set of LexiconKind bits. */
using LexiconKinds = std::uint16_t;

/** @brief The bit of one kind, for testing a LexiconKinds value. */
constexpr LexiconKinds bit(LexiconKind kind) { return static_cast<LexiconKinds>(kind); }

/** @brief What the word list (common_words.tsv, proper_nouns.tsv) says about one word form. */
enum class WordClass : std::uint8_t {
    CommonWord = 1u << 0,  ///< its lower-case form is a common word ("forbidden", "apple")
    ProperNoun = 2u << 0,  ///< it is, or capitalised would be, a listed proper noun ("Debra", "paris")
};

/** @brief One lexicon phrase found in a token sequence: tokens [first_token, end_token). */
struct GazetteerMatch {
    int first_token = 0;
    int end_token = 0;  ///< one past the last token
    LexiconKinds kinds = 0;
    /** @brief True when the matched phrase is of this kind. */
    bool has(LexiconKind kind) const { return (kinds & bit(kind)) != 0; }
};

/**
 * @brief The lexicons of data/lexicons, loaded once and read-only afterwards (thread-safe).
 *
 * Names (countries, subdivisions, cities, regions, organisations, demonyms) match case-sensitively;
 * cue words (person titles, organisation suffixes, name cues) match regardless of ASCII case. Phrases match
 * across token boundaries whatever the tokeniser did with hyphens and periods ("Guinea-Bissau" is
 * found in "Guinea" "-" "Bissau" as well as in one token).
 */
class Gazetteer {
public:
    /** @brief An empty gazetteer: matches nothing. */
    Gazetteer() = default;

    /** @brief Loads every lexicon file of `dir`; throws ModelError naming a missing or bad file. */
    static Gazetteer load(const std::filesystem::path& dir);

    /** @brief Country of a demonym or nationality adjective: "French" -> "France",
     *  "Israelis" -> "Israel"; any case. */
    std::optional<std::string> country_for_demonym(std::string_view word) const;

    /** @brief Canonical name of a country variant: "U.S.", "USA", "the United States of America"
     *  -> "United States". Exact case first, then any case for names longer than 3 bytes. */
    std::optional<std::string> canonical_country(std::string_view name) const;

    /** @brief ISO 3166 code (alpha-2, or alpha-4 for former countries) of a country variant. */
    std::optional<std::string> country_code(std::string_view name) const;

    /** @brief The subdivision an abbreviation of subdivision_aliases.tsv stands for ("Okla." ->
     *  "Oklahoma", "N.C." -> "North Carolina"); as written. */
    std::optional<std::string> subdivision_of_abbreviation(std::string_view name) const;

    /** @brief Canonical country of a listed city ("Paris" -> "France"). */
    std::optional<std::string> country_of_city(std::string_view name) const;

    /** @brief True for a person title or honorific ("Mr", "president", "Prime Minister"). */
    bool is_person_title(std::string_view phrase) const;

    /** @brief True for an organisation suffix or head word ("Inc.", "Group", "Ministry"). */
    bool is_org_suffix(std::string_view phrase) const;

    /** @brief True for a product name of products.tsv ("Pegasus", "iPhone"), as written. */
    bool is_product(std::string_view name) const;
    /** @brief True for a planet's name of celestial_bodies.tsv ("Venus"), as written. */
    bool is_celestial_body(std::string_view name) const;

    /** @brief True for the name of a law, treaty, programme or policy of laws_and_treaties.tsv
     *  ("Obamacare", "Dodd-Frank"), as written. */
    bool is_law_name(std::string_view name) const;

    /** @brief True for a word that ends the name of a law or treaty ("Act", "Treaty"), as written. */
    bool is_law_head(std::string_view word) const;

    /** @brief WordClass bits of a single word form (ASCII case-insensitive for common words; for
     *  proper nouns the form as written or with only its first letter upper-case). */
    std::uint8_t word_classes(std::string_view form) const;

    /** @brief Word classes of word_clusters.tsv, one class per clustering. */
    const WordClusters& word_clusters() const { return m_word_clusters; }
    /** @brief Vectors of the most frequent words, word_vectors.bin. */
    const WordVectors& word_vectors() const { return m_word_vectors; }

    /** @brief Kinds of an exact lexicon phrase (names case-sensitive, cues any case); 0 if none. */
    LexiconKinds kinds_of(std::string_view phrase) const;

    /**
     * @brief Longest-match tagging of `tokens`, appended to `out` in token order.
     *
     * Names and cue words are matched independently (each without overlaps among its own kind
     * group), so a cue match may sit inside or next to a name match. At most 12 tokens a match.
     */
    void match(const std::vector<Token>& tokens, std::vector<GazetteerMatch>& out) const;
    /** @brief Same as above, returning a fresh vector. */
    std::vector<GazetteerMatch> match(const std::vector<Token>& tokens) const;

    /** @brief Longest-match tagging of cue words only (titles, suffixes, name cues); appended to `out`. */
    void match_cues(const std::vector<Token>& tokens, std::vector<GazetteerMatch>& out) const;

    /** @brief Longest-match tagging of names only, ignoring ASCII case ("mexico", "NEW YORK");
     *  names of 3 bytes or fewer ("US", "WHO") are left out here. Appended to `out`. */
    void match_names_any_case(const std::vector<Token>& tokens, std::vector<GazetteerMatch>& out) const;

private:
    // Phrases keyed by a 64-bit hash of their bytes with whitespace removed (ASCII-lowercased when
    // folding case); prefixes holds the hash of every byte prefix so a scan can stop early.
    struct PhraseIndex {
        bool fold_case = false;
        detail::HashFlags64 phrases;   // kinds of each phrase
        detail::HashFlags64 prefixes;  // 1 for every byte prefix of a phrase
        // One bit per 2^19 buckets of prefix hashes (64 KB, stays in the cache): most words start
        // no phrase, and the bit says so without a miss on the larger prefixes table.
        std::vector<std::uint64_t> prefix_bits;
        static constexpr unsigned kPrefixBits = 19;
        static std::size_t prefix_bit(std::uint64_t h) { return static_cast<std::size_t>((h ^ (h >> 32)) & ((1u << kPrefixBits) - 1)); }
        bool maybe_prefix(std::uint64_t h) const {
            const std::size_t b = prefix_bit(h);
            return !prefix_bits.empty() && (prefix_bits[b >> 6] >> (b & 63) & 1u);
        }
        void add(std::string_view phrase, LexiconKinds kinds);
        LexiconKinds find(std::string_view phrase) const;
        void scan(const std::vector<Token>& tokens, std::vector<GazetteerMatch>& out) const;
    };
    struct CountryInfo {
        std::string canonical;
        std::string code;
    };

    const CountryInfo* find_country(std::string_view name) const;
    void add_name(std::string_view phrase, LexiconKind kind);

    detail::HashFlags64 m_words;  // WordClass bits: common words by lower-cased hash, proper nouns as listed
    WordClusters m_word_clusters;
    WordVectors m_word_vectors;
    PhraseIndex m_names;
    PhraseIndex m_names_folded;  // names longer than 3 bytes, case folded
    PhraseIndex m_cues;
    std::unordered_map<std::string, CountryInfo> m_countries;         // exact variant
    std::unordered_map<std::string, CountryInfo> m_countries_folded;  // lower-cased, > 3 bytes
    std::unordered_map<std::string, std::string> m_demonyms;          // lower-cased -> country
    std::unordered_map<std::string, std::string> m_cities;            // exact -> country
    std::unordered_map<std::string, std::string> m_subdivision_abbreviations;  // "Okla." -> "Oklahoma"
    std::unordered_set<std::string> m_products;                       // products.tsv, as written
    std::unordered_set<std::string> m_celestial_bodies;               // celestial_bodies.tsv, as written
    std::unordered_set<std::string> m_law_names;                      // laws_and_treaties.tsv, as written
    std::unordered_set<std::string> m_law_heads;                      // its "* Act" lines
};

}  // namespace factgraph::nlp
