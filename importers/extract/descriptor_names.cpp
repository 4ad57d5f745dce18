#include "extract/descriptor_names.hpp"

#include <map>
#include <utility>

#include "factgraph/nlp/gazetteer.hpp"

namespace factgraph::importers::detail {

namespace {

// Nouns for a body of several members that can act as one: "a global media consortium".
constexpr std::array kGroupHeads = {"consortium", "coalition", "alliance",   "bloc",  "caucus",     "collective",
                                    "federation", "syndicate", "cartel",     "panel", "delegation", "network"};

// Nouns for a state institution, an actor when a demonym says whose: "the French government".
constexpr std::array kStateInstitutionHeads = {"government", "service",  "agency",    "ministry", "police",
                                          "army",       "military", "navy",      "intelligence", "parliament",
                                          "regulator",  "embassy",  "presidency", "court",    "administration",
                                          "authorities"};

// Leading words that say how little is known or how big it is, not which one it is.
constexpr std::array kVagueModifiers = {"unidentified", "unnamed", "anonymous", "certain", "such",  "same",
                                        "so-called",    "mysterious", "shadowy", "new",    "broad", "large",
                                        "small",        "big",     "powerful"};

bool is_group_head(const std::string& lemma) { return in(kGroupHeads, lemma); }
bool is_institution_head(const std::string& lemma) { return in(kStateInstitutionHeads, lemma); }

class DescriptorFinder {
public:
    DescriptorFinder(const std::string& body, const std::vector<Sentence>& sentences, const std::vector<NameSpan>& names,
                     const nlp::Gazetteer& gazetteer)
        : m_body(body), m_sentences(sentences), m_gazetteer(gazetteer), m_names_in(sentences.size()) {
        // By sentence, so that checking a word costs the names of its sentence, not of the article.
        for (const auto& n : names)
            if (n.sentence >= 0 && static_cast<std::size_t>(n.sentence) < sentences.size())
                m_names_in[static_cast<std::size_t>(n.sentence)].emplace_back(n.first, n.last);
    }

    std::vector<NameSpan> run() {
        for (std::size_t si = 0; si < m_sentences.size(); ++si) {
            const auto& toks = m_sentences[si].tokens;
            for (std::size_t h = 0; h < toks.size(); ++h) {
                if (toks[h].upos != "NOUN" && toks[h].upos != "PROPN") continue;
                if (named(si, h, h + 1)) continue;
                std::string lemma = lower(toks[h].lemma.empty() ? toks[h].form : toks[h].lemma);
                if (lemma == "member") members_of_group(si, h);
                else if (is_group_head(lemma) || is_institution_head(lemma)) description(si, h, lemma);
            }
        }
        return std::move(m_found);
    }

private:
    struct Described {
        std::string name;
        ActorType type;
    };

    bool named(std::size_t si, std::size_t first, std::size_t last) const {
        for (const auto& [name_first, name_last] : m_names_in[si])
            if (name_first < last && first < name_last) return true;
        return false;
    }

    static bool attached_to(const Token& t, std::size_t h) { return t.head > 0 && static_cast<std::size_t>(t.head - 1) == h; }

    // The first token of the words that describe head h from its left: adjectives and nouns that
    // modify it or each other ("global media consortium", "unidentified Moroccan security service").
    static std::size_t left_edge(const std::vector<Token>& toks, std::size_t h) {
        std::size_t m = h;
        while (m > 0) {
            const Token& t = toks[m - 1];
            bool inside = t.head > 0 && static_cast<std::size_t>(t.head - 1) >= m && static_cast<std::size_t>(t.head - 1) <= h;
            bool modifier = t.deprel == "amod" || t.deprel == "compound" || (t.deprel == "advmod" && t.upos == "ADV");
            bool word = t.upos == "ADJ" || t.upos == "NOUN" || t.upos == "PROPN" || t.upos == "VERB" || t.upos == "ADV";
            if (!inside || !modifier || !word) break;
            --m;
        }
        return m;
    }

    bool definite(const std::vector<Token>& toks, std::size_t h) const {
        return h > 0 && attached_to(toks[h - 1], h) && toks[h - 1].upos == "DET" &&
               (lower(toks[h - 1].form) == "the" || lower(toks[h - 1].form) == "this");
    }

    std::string words(const std::vector<Token>& toks, std::size_t first, std::size_t last) const {
        return m_body.substr(toks[first].start, toks[last - 1].end - toks[first].start);
    }

    void add(std::size_t si, std::size_t first, std::size_t last, const Described& d) {
        const auto& toks = m_sentences[si].tokens;
        NameSpan n{static_cast<int>(si), first, last, d.name, d.type};
        std::string written = words(toks, first, last);
        if (written != d.name) n.surface = written;
        m_found.push_back(std::move(n));
    }

    void description(std::size_t si, std::size_t h, const std::string& lemma) {
        const auto& toks = m_sentences[si].tokens;
        std::size_t m = left_edge(toks, h);
        if (named(si, m, h)) return;  // "the NATO alliance" is NATO
        while (m < h && in(kVagueModifiers, lower(toks[m].form))) ++m;
        if (m == h) {
            // "the consortium": the latest one described so.
            if (!definite(toks, h)) return;
            if (auto it = m_latest.find(lemma); it != m_latest.end()) add(si, h, h + 1, it->second);
            return;
        }
        if (is_group_head(lemma)) {
            Described d{words(toks, m, h + 1), ActorType::Group};
            m_latest[lemma] = d;
            add(si, m, h + 1, d);
            return;
        }
        // An institution is an actor when a demonym says whose it is: from that word on.
        for (std::size_t k = m; k < h; ++k) {
            if (!m_gazetteer.country_for_demonym(toks[k].form)) continue;
            Described d{words(toks, k, h + 1), ActorType::Organization};
            m_latest[lemma] = d;
            add(si, k, h + 1, d);
            return;
        }
    }

    // "Consortium members said", "members of the coalition said": the group speaks through them.
    void members_of_group(std::size_t si, std::size_t h) {
        const auto& toks = m_sentences[si].tokens;
        for (std::size_t k = 0; k < toks.size(); ++k) {
            if (!attached_to(toks[k], h)) continue;
            std::string lemma = lower(toks[k].lemma.empty() ? toks[k].form : toks[k].lemma);
            auto it = m_latest.find(lemma);
            if (it == m_latest.end() || it->second.type != ActorType::Group) continue;
            if (toks[k].deprel == "compound" && k + 1 == h) {
                add(si, k, h + 1, it->second);
                return;
            }
            if (toks[k].deprel == "nmod" && k > h && definite(toks, k) && !named(si, h, k + 1)) {
                add(si, h, k + 1, it->second);
                return;
            }
        }
    }

    const std::string& m_body;
    const std::vector<Sentence>& m_sentences;
    const nlp::Gazetteer& m_gazetteer;
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> m_names_in;  // [first, last) of names, by sentence
    std::map<std::string, Described> m_latest;  // by head lemma
    std::vector<NameSpan> m_found;
};

}  // namespace

std::vector<NameSpan> descriptor_names(const std::string& body, const std::vector<Sentence>& sentences,
                                       const std::vector<NameSpan>& names, const nlp::Gazetteer& gazetteer) {
    return DescriptorFinder(body, sentences, names, gazetteer).run();
}

}  // namespace factgraph::importers::detail
