#include "factgraph/nlp/lemmatizer.hpp"

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"
#include "model_io.hpp"
#include "word_features.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace factgraph::nlp {

namespace {

constexpr std::string_view kKind = "lemmatizer";
constexpr std::uint32_t kVersion = 1;

std::size_t common_prefix(std::string_view a, std::string_view b) {
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

// Hash of a suffix-rule key: the XPOS tag, then the suffix's bytes from the last one backwards,
// so the hashes of a word's suffixes of length 0, 1, 2 ... follow from one another.
std::uint64_t suffix_hash_start(std::string_view xpos) {
    std::uint64_t h = word_features::kFnvBasis;
    for (unsigned char c : xpos) h = (h ^ c) * word_features::kFnvPrime;
    return (h ^ '\t') * word_features::kFnvPrime;
}
std::uint64_t suffix_hash_extend(std::uint64_t h, char c) {
    return (h ^ static_cast<unsigned char>(c)) * word_features::kFnvPrime;
}
std::size_t suffix_slot(std::uint64_t h, std::size_t mask) {
    return static_cast<std::size_t>(word_features::mix(h)) & mask;
}

}  // namespace

void Lemmatizer::index_suffix_rules() {
    std::size_t size = 16;
    while (size < 2 * m_suffix_rule.size()) size <<= 1;
    m_suffix_slots.assign(size, SuffixSlot{});
    const std::size_t mask = size - 1;
    for (const auto& [k, rule] : m_suffix_rule) {
        const std::size_t tab = k.find('\t');
        std::uint64_t h = suffix_hash_start(std::string_view(k).substr(0, tab));
        const std::string_view suffix = std::string_view(k).substr(tab + 1);
        for (auto it = suffix.rbegin(); it != suffix.rend(); ++it) h = suffix_hash_extend(h, *it);
        if (!h) h = 1;
        std::size_t i = suffix_slot(h, mask);
        while (m_suffix_slots[i].hash && m_suffix_slots[i].hash != h) i = (i + 1) & mask;
        if (m_suffix_slots[i].hash == h) throw ModelError("lemmatizer: two suffix rules share a hash ('" + k + "')");
        m_suffix_slots[i] = {h, rule};
    }
}

std::string Lemmatizer::key(std::string_view a, std::string_view b) {
    std::string k;
    k.reserve(a.size() + b.size() + 1);
    k.append(a).push_back('\t');
    k.append(b);
    return k;
}

std::string Lemmatizer::apply(const Rule& rule, std::string_view form) const {
    std::string out = rule.lower ? word_features::lower(form) : std::string(form);
    out.resize(out.size() - std::min<std::size_t>(rule.strip, out.size()));
    out += rule.append;
    return out;
}

const Lemmatizer::Rule* Lemmatizer::rule_for(std::string_view low, std::string_view xpos) const {
    if (m_suffix_slots.empty()) return nullptr;
    const std::size_t longest = std::min(kMaxSuffix, low.size());
    std::uint64_t hashes[kMaxSuffix + 1];
    hashes[0] = suffix_hash_start(xpos);
    for (std::size_t len = 1; len <= longest; ++len) hashes[len] = suffix_hash_extend(hashes[len - 1], low[low.size() - len]);
    const std::size_t mask = m_suffix_slots.size() - 1;
    for (std::size_t len = longest + 1; len-- > 0;) {
        const std::uint64_t h = hashes[len] ? hashes[len] : 1;
        for (std::size_t i = suffix_slot(h, mask); m_suffix_slots[i].hash; i = (i + 1) & mask) {
            if (m_suffix_slots[i].hash != h) continue;
            const Rule& rule = m_rules[m_suffix_slots[i].rule];
            // Rules strip bytes; one that would cut a character in two ("é", a curly quote) is
            // passed over for a shorter suffix's.
            const bool whole_characters =
                rule.strip <= low.size() &&
                (rule.strip == low.size() || (static_cast<unsigned char>(low[low.size() - rule.strip]) & 0xC0) != 0x80);
            if (whole_characters) return &rule;
            break;
        }
    }
    return nullptr;
}

std::uint64_t Lemmatizer::key_hash(std::string_view a, std::string_view b) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    auto add = [&](unsigned char c) { h = (h ^ c) * 0x100000001b3ULL; };
    for (unsigned char c : a) add(c);
    add('\t');
    for (unsigned char c : b) add(c);
    return h;
}

void Lemmatizer::index_lexicon() {
    m_lexicon_keys = {};
    for (const auto& entry : m_lexicon) {
        const std::size_t tab = entry.first.find('\t');
        const std::string_view k(entry.first);
        m_lexicon_keys.insert(key_hash(k.substr(0, tab), tab == std::string::npos ? std::string_view() : k.substr(tab + 1)), true);
    }
}

void Lemmatizer::add_exception(std::string_view form, std::string_view xpos, std::string lemma) {
    m_lexicon[key(form, xpos)] = std::move(lemma);
    m_lexicon_keys.insert(key_hash(form, xpos), true);
}

const std::string* Lemmatizer::exception(std::string_view form, std::string_view xpos) const {
    if (!m_lexicon_keys.find(key_hash(form, xpos))) return nullptr;
    const auto it = m_lexicon.find(key(form, xpos));
    return it == m_lexicon.end() ? nullptr : &it->second;
}

std::string Lemmatizer::lemma(std::string_view form, std::string_view xpos, std::string_view upos) const {
    // The training text writes apostrophes straight: "he’d" is lemmatised as "he'd" ("would").
    if (form.find('\xE2') != std::string_view::npos) {
        const std::string straight = text::ascii_quotes(form);
        if (straight != form) return lemma(straight, xpos, upos);
    }
    if (const std::string* e = exception(form, xpos)) return *e;
    const std::string low = word_features::lower(form);
    if (low != form) {
        if (const std::string* e = exception(low, xpos)) return *e;
    }
    if (const Rule* r = rule_for(low, xpos)) return apply(*r, form);
    if (upos == "PROPN" || xpos == "NNP" || xpos == "NNPS") return std::string(form);
    return low;
}

void Lemmatizer::lemmatize(Sentence& sentence) const {
    for (Token& t : sentence.tokens) t.lemma = lemma(t.form, t.xpos, t.upos);
}

Lemmatizer Lemmatizer::train(const std::vector<Sentence>& sentences) {
    Lemmatizer m;
    // Count (form, xpos) -> lemma over tokens.
    std::map<std::pair<std::string, std::string>, std::map<std::string, int>> pairs;
    for (const Sentence& s : sentences)
        for (const Token& t : s.tokens)
            if (!t.form.empty() && !t.lemma.empty()) ++pairs[{t.form, t.xpos}][t.lemma];

    // Each word type votes once for its edit rule under every suffix of length 0..kMaxSuffix.
    std::map<std::tuple<bool, int, std::string>, std::uint32_t> rule_ids;
    std::map<std::string, std::map<std::uint32_t, int>> suffix_votes;
    std::vector<std::tuple<std::string, std::string, std::string>> types;  // form, xpos, lemma
    for (const auto& [fx, lemmas] : pairs) {
        const std::string& form = fx.first;
        const std::string& lemma =
            std::max_element(lemmas.begin(), lemmas.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
        types.emplace_back(form, fx.second, lemma);
        const std::string low = word_features::lower(form);
        const std::size_t keep_cp = common_prefix(form, lemma), low_cp = common_prefix(low, lemma);
        Rule r;
        r.lower = low_cp > keep_cp || (low_cp == keep_cp && low == lemma);
        const std::string_view base = r.lower ? std::string_view(low) : std::string_view(form);
        const std::size_t cp = r.lower ? low_cp : keep_cp;
        if (base.size() - cp > 255) continue;
        r.strip = static_cast<std::uint8_t>(base.size() - cp);
        r.append = lemma.substr(cp);
        // A word replaced whole ("went" -> "go", "k" -> "thousand") says nothing about other words
        // with its ending ("5k" is no "5thousand"): the exception lexicon keeps it.
        if (cp == 0 && r.strip > 0) continue;
        auto [it, fresh] = rule_ids.try_emplace({r.lower, r.strip, r.append}, static_cast<std::uint32_t>(m.m_rules.size()));
        if (fresh) m.m_rules.push_back(r);
        for (std::size_t len = 0; len <= std::min(kMaxSuffix, low.size()); ++len)
            ++suffix_votes[key(fx.second, std::string_view(low).substr(low.size() - len))][it->second];
    }
    // Keep a suffix entry only where its winning rule differs from the one of the next shorter
    // suffix: the longest-match lookup then gives the same answers with far fewer entries.
    std::map<std::string, std::uint32_t> best;
    for (const auto& [k, votes] : suffix_votes)
        best[k] = std::max_element(votes.begin(), votes.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    for (const auto& [k, rule] : best) {
        const std::size_t tab = k.find('\t');
        const std::string_view suffix = std::string_view(k).substr(tab + 1);
        if (!suffix.empty()) {
            std::string shorter = k.substr(0, tab + 1) + std::string(suffix.substr(1));
            // Walk up to the nearest kept ancestor's decision (ancestors are all in `best`).
            auto parent = best.find(shorter);
            if (parent != best.end() && parent->second == rule) continue;
        }
        m.m_suffix_rule.emplace(k, rule);
    }
    m.index_suffix_rules();
    // The lexicon keeps only the types the rules get wrong.
    std::vector<std::size_t> exceptions;
    for (std::size_t i = 0; i < types.size(); ++i)
        if (m.lemma(std::get<0>(types[i]), std::get<1>(types[i])) != std::get<2>(types[i])) exceptions.push_back(i);
    for (std::size_t i : exceptions) m.add_exception(std::get<0>(types[i]), std::get<1>(types[i]), std::get<2>(types[i]));
    // Lowercase fallback could now shadow rules for capitalised forms; re-check and add those.
    for (const auto& [form, xpos, lemma] : types)
        if (m.lemma(form, xpos) != lemma) m.add_exception(form, xpos, lemma);
    return m;
}

void Lemmatizer::save(const std::string& path) const {
    model_io::ByteWriter w;
    w.varint(m_rules.size());
    for (const Rule& r : m_rules) {
        w.u8(r.lower ? 1 : 0);
        w.u8(r.strip);
        w.str(r.append);
    }
    std::vector<std::pair<std::string, std::uint32_t>> suffixes(m_suffix_rule.begin(), m_suffix_rule.end());
    std::sort(suffixes.begin(), suffixes.end());
    w.varint(suffixes.size());
    for (const auto& [k, r] : suffixes) {
        w.str(k);
        w.varint(r);
    }
    std::vector<std::pair<std::string, std::string>> lexicon(m_lexicon.begin(), m_lexicon.end());
    std::sort(lexicon.begin(), lexicon.end());
    w.varint(lexicon.size());
    for (const auto& [k, v] : lexicon) {
        w.str(k);
        w.str(v);
    }
    model_io::write_file(path, kKind, kVersion, w.bytes());
}

Lemmatizer Lemmatizer::load(const std::string& path) {
    const std::string payload = model_io::read_file(path, kKind, kVersion);
    model_io::ByteReader r(payload, "file " + path);
    Lemmatizer m;
    const std::uint64_t rules = r.count(payload.size());
    for (std::uint64_t i = 0; i < rules; ++i) {
        Rule rule;
        rule.lower = r.u8() != 0;
        rule.strip = r.u8();
        rule.append = r.str();
        m.m_rules.push_back(std::move(rule));
    }
    const std::uint64_t suffixes = r.count(payload.size());
    m.m_suffix_rule.reserve(suffixes);
    for (std::uint64_t i = 0; i < suffixes; ++i) {
        std::string k = r.str();
        const std::uint64_t id = r.varint();
        if (id >= rules) r.fail("rule index out of range");
        m.m_suffix_rule.emplace(std::move(k), static_cast<std::uint32_t>(id));
    }
    const std::uint64_t entries = r.count(payload.size());
    m.m_lexicon.reserve(entries);
    for (std::uint64_t i = 0; i < entries; ++i) {
        std::string k = r.str();
        m.m_lexicon.emplace(std::move(k), r.str());
    }
    if (!r.done()) r.fail("trailing bytes");
    m.index_suffix_rules();
    m.index_lexicon();
    return m;
}

}  // namespace factgraph::nlp
