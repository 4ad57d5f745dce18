#include "factgraph/nlp/gazetteer.hpp"

#include "factgraph/core/error.hpp"
#include "tsv_reader.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <unordered_set>

namespace factgraph::nlp {

namespace {

constexpr std::uint64_t kFnvBasis = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr int kMaxMatchTokens = 12;

inline unsigned char ascii_lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

inline std::uint64_t fnv_byte(std::uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }

// Feeds the bytes of `s` into the running hash the way phrases are keyed: whitespace dropped,
// the typographic apostrophe read as ASCII, ASCII case folded on request. Works token by token,
// so a phrase and a token sequence hash alike whatever the token boundaries are.
template <typename Visit>
void for_each_key_byte(std::string_view s, bool fold, Visit&& visit) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s[i + 2]) == 0x99) {
            c = '\'';
            i += 2;
        }
        visit(fold ? ascii_lower(c) : c);
    }
}

inline std::uint64_t extend(std::uint64_t h, std::string_view s, bool fold) {
    for_each_key_byte(s, fold, [&](unsigned char c) { h = fnv_byte(h, c); });
    return h;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(ascii_lower(static_cast<unsigned char>(c)));
    return out;
}

// Trims, collapses inner whitespace and drops a leading "the " ("the Netherlands").
std::string normalize_phrase(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    if (out.size() > 4 && (out.compare(0, 4, "the ") == 0 || out.compare(0, 4, "The ") == 0)) out.erase(0, 4);
    return out;
}

bool is_punct_token(std::string_view form) {
    if (form.empty()) return false;
    for (unsigned char c : form)
        if (c >= 0x80 || std::isalnum(c)) return false;
    return true;
}

// Reads a lexicon file: '#' lines and blank lines skipped, columns split on tabs.
class LexiconFile {
public:
    LexiconFile(const std::filesystem::path& dir, const char* name) : m_reader(dir / name, "lexicon file") {}
    [[noreturn]] void fail(const std::string& message) const { m_reader.fail(message); }
    // Next row with at least `min_columns` columns; false at the end of the file.
    bool next(std::vector<std::string>& cols, std::size_t min_columns) {
        if (!m_reader.next(m_views)) return false;
        if (m_views.size() < min_columns || m_views[0].empty())
            m_reader.fail("expected " + std::to_string(min_columns) + " tab-separated columns");
        cols.assign(m_views.begin(), m_views.end());
        return true;
    }

private:
    TsvReader m_reader;
    std::vector<std::string_view> m_views;
};

// English plural of a demonym noun ("Israeli" -> "Israelis"); none for adjectives that do not
// take one ("French", "Chinese", "Swiss") or irregular "-man" forms listed explicitly.
std::string demonym_plural(const std::string& d) {
    auto ends = [&](std::string_view suffix) {
        return d.size() >= suffix.size() && d.compare(d.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends("s") || ends("sh") || ends("ch") || ends("x") || ends("z") || ends("ese") || ends("man") ||
        ends("men"))
        return {};
    return d + "s";
}

}  // namespace

void Gazetteer::PhraseIndex::add(std::string_view phrase, LexiconKinds kinds) {
    std::uint64_t h = kFnvBasis;
    bool any = false;
    if (prefix_bits.empty()) prefix_bits.assign((std::size_t{1} << kPrefixBits) / 64, 0);
    for_each_key_byte(phrase, fold_case, [&](unsigned char c) {
        h = fnv_byte(h, c);
        prefixes.add(h, 1);
        const std::size_t b = prefix_bit(h);
        prefix_bits[b >> 6] |= std::uint64_t{1} << (b & 63);
        any = true;
    });
    if (any && kinds) phrases.add(h, kinds);
}

LexiconKinds Gazetteer::PhraseIndex::find(std::string_view phrase) const {
    return phrases.get(extend(kFnvBasis, phrase, fold_case));
}

void Gazetteer::PhraseIndex::scan(const std::vector<Token>& tokens, std::vector<GazetteerMatch>& out) const {
    if (!phrases.size()) return;
    const int n = static_cast<int>(tokens.size());
    for (int i = 0; i < n;) {
        std::uint64_t h = kFnvBasis;
        int best_end = -1;
        LexiconKinds best_kinds = 0;
        for (int j = i; j < n && j - i < kMaxMatchTokens; ++j) {
            h = extend(h, tokens[j].form, fold_case);
            if (!maybe_prefix(h) || !prefixes.get(h)) break;
            // A phrase ending in a period ("U.S.", "Inc.") must not swallow a sentence-final
            // period that the tokeniser split off.
            if (j > i && is_punct_token(tokens[j].form)) continue;
            if (const LexiconKinds kinds = phrases.get(h)) {
                best_end = j + 1;
                best_kinds = kinds;
            }
        }
        if (best_end < 0) {
            ++i;
            continue;
        }
        out.push_back({i, best_end, best_kinds});
        i = best_end;
    }
}

void Gazetteer::add_name(std::string_view phrase, LexiconKind kind) {
    m_names.add(phrase, bit(kind));
    if (phrase.size() > 3) m_names_folded.add(phrase, bit(kind));
}

Gazetteer Gazetteer::load(const std::filesystem::path& dir) {
    Gazetteer g;
    g.m_names.fold_case = false;
    g.m_names_folded.fold_case = true;
    g.m_cues.fold_case = true;
    std::vector<std::string> cols;

    {
        LexiconFile f(dir, "countries.tsv");
        while (f.next(cols, 4)) {
            const std::string& variant = cols[0];
            const bool code = cols[3] == "alpha2" || cols[3] == "alpha3";
            CountryInfo info{cols[1], cols[2]};
            g.m_countries.emplace(variant, info);
            if (!code && variant.size() > 3) g.m_countries_folded.emplace(lower(variant), info);
            if (!code) g.add_name(variant, LexiconKind::Country);
        }
        if (g.m_countries.empty()) throw ModelError("lexicon file " + (dir / "countries.tsv").string() + " is empty");
    }
    {
        LexiconFile f(dir, "subdivisions.tsv");
        std::unordered_set<std::string> subdivisions;
        while (f.next(cols, 1)) {
            g.add_name(cols[0], LexiconKind::Subdivision);
            subdivisions.insert(cols[0]);
        }
        LexiconFile aliases(dir, "subdivision_aliases.tsv");
        while (aliases.next(cols, 2)) {
            if (!subdivisions.count(cols[1])) aliases.fail("'" + cols[1] + "' is not a name in subdivisions.tsv");
            g.add_name(cols[0], LexiconKind::Subdivision);
            g.m_subdivision_abbreviations.emplace(cols[0], cols[1]);
        }
    }
    {
        LexiconFile f(dir, "cities.tsv");
        while (f.next(cols, 2)) {
            g.add_name(cols[0], LexiconKind::City);
            g.m_cities.emplace(cols[0], cols[1]);
        }
    }
    {
        LexiconFile f(dir, "regions.tsv");
        while (f.next(cols, 1)) g.add_name(cols[0], LexiconKind::Region);
    }
    {
        LexiconFile f(dir, "organisations.tsv");
        while (f.next(cols, 1)) g.add_name(cols[0], LexiconKind::Organisation);
    }
    {
        LexiconFile f(dir, "products.tsv");
        while (f.next(cols, 1)) g.m_products.insert(cols[0]);
    }
    {
        LexiconFile f(dir, "celestial_bodies.tsv");
        while (f.next(cols, 1)) g.m_celestial_bodies.insert(cols[0]);
    }
    {
        LexiconFile f(dir, "laws_and_treaties.tsv");
        while (f.next(cols, 1)) {
            if (cols[0].size() > 2 && cols[0].compare(0, 2, "* ") == 0)
                g.m_law_heads.insert(normalize_phrase(std::string_view(cols[0]).substr(2)));
            else
                g.m_law_names.insert(normalize_phrase(cols[0]));
        }
    }
    {
        LexiconFile f(dir, "demonyms.tsv");
        while (f.next(cols, 2)) {
            g.add_name(cols[0], LexiconKind::Demonym);
            g.m_demonyms.emplace(lower(cols[0]), cols[1]);
            if (std::string plural = demonym_plural(cols[0]); !plural.empty())
                g.add_name(plural, LexiconKind::Demonym);
        }
    }
    {
        LexiconFile f(dir, "common_words.tsv");
        while (f.next(cols, 1)) g.m_words.add(extend(kFnvBasis, cols[0], true), static_cast<std::uint16_t>(WordClass::CommonWord));
    }
    {
        LexiconFile f(dir, "proper_nouns.tsv");
        while (f.next(cols, 1)) g.m_words.add(extend(kFnvBasis, cols[0], false), static_cast<std::uint16_t>(WordClass::ProperNoun));
    }
    g.m_word_clusters = WordClusters::load(dir / "word_clusters.tsv", dir / "word_cluster_levels.tsv");
    g.m_word_vectors = WordVectors::load(dir / "word_vectors.bin");
    {
        LexiconFile f(dir, "person_titles.tsv");
        while (f.next(cols, 1)) g.m_cues.add(cols[0], bit(LexiconKind::PersonTitle));
    }
    {
        LexiconFile f(dir, "org_suffixes.tsv");
        while (f.next(cols, 1)) g.m_cues.add(cols[0], bit(LexiconKind::OrgSuffix));
    }
    {
        LexiconFile f(dir, "name_cues.tsv");
        while (f.next(cols, 2)) {
            LexiconKind kind;
            if (cols[1] == "PER") kind = LexiconKind::PersonCue;
            else if (cols[1] == "ORG") kind = LexiconKind::OrgCue;
            else if (cols[1] == "LOC") kind = LexiconKind::PlaceCue;
            else if (cols[1] == "EVENT") kind = LexiconKind::EventCue;
            else f.fail("unknown type '" + cols[1] + "' (expected PER, ORG, LOC or EVENT)");
            g.m_cues.add(cols[0], bit(kind));
        }
    }
    return g;
}

std::optional<std::string> Gazetteer::country_for_demonym(std::string_view word) const {
    std::string key = lower(normalize_phrase(word));
    if (auto it = m_demonyms.find(key); it != m_demonyms.end()) return it->second;
    if (key.size() > 1 && key.back() == 's') {
        key.pop_back();
        if (auto it = m_demonyms.find(key); it != m_demonyms.end()) return it->second;
    }
    return std::nullopt;
}

const Gazetteer::CountryInfo* Gazetteer::find_country(std::string_view name) const {
    const std::string key = normalize_phrase(name);
    if (auto it = m_countries.find(key); it != m_countries.end()) return &it->second;
    if (auto it = m_countries_folded.find(lower(key)); it != m_countries_folded.end()) return &it->second;
    return nullptr;
}

std::optional<std::string> Gazetteer::canonical_country(std::string_view name) const {
    if (const CountryInfo* c = find_country(name)) return c->canonical;
    return std::nullopt;
}

std::optional<std::string> Gazetteer::country_code(std::string_view name) const {
    if (const CountryInfo* c = find_country(name)) return c->code;
    return std::nullopt;
}

std::optional<std::string> Gazetteer::subdivision_of_abbreviation(std::string_view name) const {
    if (auto it = m_subdivision_abbreviations.find(std::string(name)); it != m_subdivision_abbreviations.end()) return it->second;
    return std::nullopt;
}

std::optional<std::string> Gazetteer::country_of_city(std::string_view name) const {
    if (auto it = m_cities.find(normalize_phrase(name)); it != m_cities.end()) return it->second;
    return std::nullopt;
}

bool Gazetteer::is_person_title(std::string_view phrase) const {
    return (m_cues.find(phrase) & bit(LexiconKind::PersonTitle)) != 0;
}

bool Gazetteer::is_org_suffix(std::string_view phrase) const {
    return (m_cues.find(phrase) & bit(LexiconKind::OrgSuffix)) != 0;
}

bool Gazetteer::is_celestial_body(std::string_view name) const {
    return m_celestial_bodies.count(std::string(name)) != 0;
}

bool Gazetteer::is_product(std::string_view name) const {
    return m_products.count(normalize_phrase(name)) != 0;
}

bool Gazetteer::is_law_name(std::string_view name) const {
    return m_law_names.count(normalize_phrase(name)) != 0;
}

bool Gazetteer::is_law_head(std::string_view word) const { return m_law_heads.count(std::string(word)) != 0; }

std::uint8_t Gazetteer::word_classes(std::string_view form) const {
    std::uint8_t out = 0;
    if (form.empty()) return out;
    constexpr auto kCommon = static_cast<std::uint16_t>(WordClass::CommonWord);
    constexpr auto kProper = static_cast<std::uint16_t>(WordClass::ProperNoun);
    // Hashes of different strings may share a slot's flags only by a 64-bit collision.
    if (m_words.get(extend(kFnvBasis, form, true)) & kCommon) out |= static_cast<std::uint8_t>(WordClass::CommonWord);
    if (m_words.get(extend(kFnvBasis, form, false)) & kProper) {
        out |= static_cast<std::uint8_t>(WordClass::ProperNoun);
    } else {
        // "paris" or "PARIS" -> "Paris": first byte upper, the rest lower (ASCII).
        std::uint64_t h = kFnvBasis;
        for (std::size_t i = 0; i < form.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(form[i]);
            h = fnv_byte(h, i == 0 ? static_cast<unsigned char>(std::toupper(c)) : ascii_lower(c));
        }
        if (m_words.get(h) & kProper) out |= static_cast<std::uint8_t>(WordClass::ProperNoun);
    }
    return out;
}

LexiconKinds Gazetteer::kinds_of(std::string_view phrase) const {
    return static_cast<LexiconKinds>(m_names.find(phrase) | m_cues.find(phrase));
}

void Gazetteer::match(const std::vector<Token>& tokens, std::vector<GazetteerMatch>& out) const {
    const std::size_t first = out.size();
    m_names.scan(tokens, out);
    const std::size_t mid = out.size();
    m_cues.scan(tokens, out);
    // Both scans are in token order; merge them so callers can walk the matches left to right.
    if (mid != first && mid != out.size()) {
        std::inplace_merge(out.begin() + static_cast<std::ptrdiff_t>(first), out.begin() + static_cast<std::ptrdiff_t>(mid),
                           out.end(), [](const GazetteerMatch& a, const GazetteerMatch& b) {
                               return a.first_token < b.first_token;
                           });
    }
}

void Gazetteer::match_cues(const std::vector<Token>& tokens, std::vector<GazetteerMatch>& out) const {
    m_cues.scan(tokens, out);
}

void Gazetteer::match_names_any_case(const std::vector<Token>& tokens, std::vector<GazetteerMatch>& out) const {
    m_names_folded.scan(tokens, out);
}

std::vector<GazetteerMatch> Gazetteer::match(const std::vector<Token>& tokens) const {
    std::vector<GazetteerMatch> out;
    match(tokens, out);
    return out;
}

}  // namespace factgraph::nlp
