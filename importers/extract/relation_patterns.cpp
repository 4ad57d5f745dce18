// Relations from the dependency parse: every pattern names a head word and reads its two
// arguments off the tree, so "Amazon said it shut down NSO accounts" relates Amazon and NSO
// however many words stand between them, and "NSO's clients said" relates nothing.
#include "extract/relation_patterns.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <set>
#include <tuple>

#include "factgraph/nlp/gazetteer.hpp"

namespace factgraph::importers::detail {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Verbs whose clause is the claim stage's business (speech, cognition) or that are too light to
// say how two actors relate; a phrasal verb is checked whole ("take over" is kept).
constexpr std::array kNotRelationVerbs = {
    "be",      "have",     "do",       "get",         "say",      "tell",     "add",      "state",   "claim",
    "deny",    "confirm",  "announce", "report",      "warn",     "insist",   "argue",    "estimate", "urge",
    "decline", "believe",  "show",     "find",        "note",     "write",    "explain",  "quote",   "think",
    "expect",  "want",     "call",     "respond",     "comment",  "reply",    "ask",      "acknowledge",
    "reject",  "dispute",  "assert",   "conclude",    "suggest",  "indicate", "include",  "become",  "seem",
    "appear",  "see",      "know",     "let",         "give",     "take",     "come",     "go",      "follow",
    "mean",    "describe", "name",     "identify",    "consider", "speak",    "talk",     "hear",    "learn"};

struct TypedPredicate {
    const char* predicate;
    const char* type;
};

// The canonical type of a verb or nominal predicate, where one fits (docs/relations.md).
constexpr std::array<TypedPredicate, 33> kPredicateTypes = {{
    {"host", "hosts"},          {"contact", "contacted"},   {"investigate", "investigates"},
    {"probe", "investigates"},  {"examine", "investigates"}, {"accuse", "accuses"},
    {"blame", "accuses"},       {"make", "makes"},          {"develop", "makes"},
    {"produce", "makes"},       {"build", "makes"},         {"manufacture", "makes"},
    {"design", "makes"},        {"sell", "makes"},          {"create", "makes"},
    {"own", "owns"},            {"acquire", "owns"},        {"buy", "owns"},
    {"take over", "owns"},      {"control", "owns"},        {"purchase", "owns"},
    {"lead", "leads"},          {"head", "leads"},          {"run", "leads"},
    {"chair", "leads"},         {"join", "member_of"},      {"employ", "employs"},
    {"hire", "employs"},        {"fund", "funds"},          {"finance", "funds"},
    {"sue", "sues"},            {"target", "targets"},      {"supply", "supplies"},
}};

// Nouns that name an event between an agent and a patient ("its takeover of Solano Shipping").
struct NominalEvent {
    const char* noun;
    const char* predicate;
};
constexpr std::array<NominalEvent, 13> kNominalEvents = {{
    {"takeover", "take over"},
    {"acquisition", "acquire"},
    {"purchase", "buy"},
    {"investigation", "investigate"},
    {"probe", "investigate"},
    {"inquiry", "investigate"},
    {"lawsuit", "sue"},
    {"attack", "attack"},
    {"hack", "hack"},
    {"surveillance", "surveil"},
    {"sponsorship", "sponsor"},
    {"funding", "fund"},
    {"hosting", "host"},
}};

// Nouns that make one actor part of, or a customer of, another ("among NSO clients").
struct MembershipNoun {
    const char* noun;
    const char* type;
};
constexpr std::array<MembershipNoun, 14> kMembershipNouns = {{
    {"part", "member_of"},
    {"member", "member_of"},
    {"subsidiary", "member_of"},
    {"unit", "member_of"},
    {"division", "member_of"},
    {"affiliate", "member_of"},
    {"arm", "member_of"},
    {"client", "client_of"},
    {"customer", "client_of"},
    {"supplier", "supplies"},
    {"partner", ""},
    {"ally", ""},
    {"owner", "owns"},
    {"shareholder", "owns"},
}};

// Titles a person holds in an organisation or a country; those that lead it come first.
constexpr std::array kLeadingTitles = {"president", "prime minister", "chief executive", "ceo", "chairman",
                                       "chairwoman", "chair", "head", "leader", "director", "king", "queen",
                                       "governor", "mayor", "chancellor", "premier", "founder", "chief",
                                       "director general", "secretary general", "executive director",
                                       "managing director", "general secretary"};
constexpr std::array kTitleNouns = {
    "president", "minister",  "executive", "ceo",        "chairman",    "chairwoman", "chair",       "head",
    "leader",    "director",  "king",      "queen",      "governor",    "mayor",      "chancellor",  "premier",
    "founder",   "chief",     "spokesman", "spokeswoman", "spokesperson", "adviser",  "advisor",     "officer",
    "official",  "lawyer",    "attorney",  "analyst",    "researcher",  "engineer",   "editor",      "reporter",
    "correspondent", "employee", "manager", "secretary", "ambassador", "commissioner", "professor", "economist",
    "scientist", "investigator", "prosecutor", "general", "envoy", "partner", "member", "owner", "co-founder"};

constexpr std::array kModalAuxiliaries = {"may", "might", "could", "would", "should", "can", "must"};
constexpr std::array kHedges = {"allegedly", "reportedly", "apparently", "possibly", "purportedly", "probably",
                                "likely", "suspectedly", "supposedly"};
// Passive verbs that hedge what their infinitive says: "is reported to be among NSO clients".
constexpr std::array kHedgingPassives = {"report", "say", "believe", "allege", "think", "suspect", "rumour",
                                         "rumor", "understand", "know", "expect"};

template <std::size_t N>
const char* type_in(const std::array<TypedPredicate, N>& table, std::string_view predicate) {
    for (const auto& t : table)
        if (predicate == t.predicate) return t.type;
    return "";
}

/** An actor as one stretch of tokens names it (for a pronoun: the pronoun). */
struct Ref {
    std::string actor;
    ActorType type = ActorType::Other;
    std::size_t first = 0, last = 0;
};

class RelationFinder {
public:
    RelationFinder(const std::string& body, const std::vector<Sentence>& sentences, const ResolvedNames& names,
                   const nlp::Gazetteer& gazetteer, ExtractionBuilder& builder)
        : m_body(body), m_sentences(sentences), m_gazetteer(gazetteer), m_builder(builder) {
        index_actors(names);
        m_children.resize(sentences.size());
        for (std::size_t si = 0; si < sentences.size(); ++si) {
            const auto& toks = sentences[si].tokens;
            m_children[si].resize(toks.size());
            for (std::size_t i = 0; i < toks.size(); ++i)
                if (toks[i].head >= 1 && static_cast<std::size_t>(toks[i].head) <= toks.size())
                    m_children[si][static_cast<std::size_t>(toks[i].head - 1)].push_back(i);
        }
    }

    void run() {
        for (std::size_t si = 0; si < m_sentences.size(); ++si) {
            m_si = si;
            for (std::size_t i = 0; i < toks().size(); ++i) {
                verb_arguments(i);
                place_modifier(i);
                membership(i);
                nominal_event(i);
                possessed_product(i);
            }
            titles();
        }
    }

private:
    // ---- the sentence and its tree ------------------------------------------------------------

    const std::vector<Token>& toks() const { return m_sentences[m_si].tokens; }
    const Token& tok(std::size_t i) const { return toks()[i]; }
    std::string form(std::size_t i) const { return lower(tok(i).form); }
    std::string lemma(std::size_t i) const { return tok(i).lemma.empty() ? form(i) : lower(tok(i).lemma); }
    const std::string& deprel(std::size_t i) const { return tok(i).deprel; }
    bool deprel_is(std::size_t i, std::string_view d) const { return deprel(i) == d; }
    bool deprel_starts(std::size_t i, std::string_view d) const { return deprel(i).rfind(d, 0) == 0; }
    std::size_t parent(std::size_t i) const {
        int h = tok(i).head;
        return h >= 1 && static_cast<std::size_t>(h) <= toks().size() ? static_cast<std::size_t>(h - 1) : kNone;
    }
    const std::vector<std::size_t>& children(std::size_t i) const { return m_children[m_si][i]; }
    std::size_t child(std::size_t i, std::string_view rel) const {
        for (std::size_t c : children(i))
            if (deprel(c) == rel) return c;
        return kNone;
    }
    // The preposition of an oblique or nominal modifier ("in" for "based in Geneva").
    std::string case_of(std::size_t i) const {
        std::size_t c = child(i, "case");
        return c == kNone ? "" : form(c);
    }
    bool is_possessive_mark(std::size_t i) const {
        const std::string& f = tok(i).form;
        return f == "'s" || f == "\u2019s" || f == "'" || f == "\u2019";
    }
    bool is_noun(std::size_t i) const {
        const auto& u = tok(i).upos;
        return u == "NOUN" || u == "PROPN" || u == "PRON" || u == "NUM";
    }

    // ---- which tokens name which actor --------------------------------------------------------

    void index_actors(const ResolvedNames& names) {
        m_refs.resize(m_sentences.size());
        for (std::size_t si = 0; si < m_sentences.size(); ++si) m_refs[si].resize(m_sentences[si].tokens.size());
        const Extraction& e = m_builder.current();
        for (std::size_t k = 0; k < names.names.size(); ++k) {
            const NameSpan& n = names.names[k];
            const Actor* a = e.find_actor(names.actor_ids[k]);
            if (!a || n.sentence < 0) continue;
            auto& refs = m_refs[static_cast<std::size_t>(n.sentence)];
            for (std::size_t t = n.first; t < n.last && t < refs.size(); ++t) refs[t] = Ref{a->id, a->type, n.first, n.last};
        }
        // Actors the claim stage found as descriptions ("the Paris prosecutor's office"): every
        // stretch of tokens spelling the name names it. Such a stretch starts where a token does,
        // so the names are looked up at token starts (once per distinct name length) rather than
        // searched for through the whole text once per actor, which is quadratic in a long
        // article; the matches are then taken in the same order, actor by actor.
        std::unordered_map<std::string_view, std::vector<std::size_t>> actors_named;
        std::array<std::set<std::size_t>, 256> lengths_by_first_byte;  // most tokens start no name
        for (std::size_t ai = 0; ai < e.actors.size(); ++ai) {
            const std::string& name = e.actors[ai].name;
            if (name.empty()) continue;
            actors_named[name].push_back(ai);
            lengths_by_first_byte[static_cast<unsigned char>(name[0])].insert(name.size());
        }
        std::vector<std::pair<std::size_t, std::size_t>> matches;  // (actor index, byte offset)
        const std::string_view body(m_body);
        for (const Sentence& sentence : m_sentences)
            for (const auto& token : sentence.tokens) {
                if (token.start >= body.size()) continue;
                for (std::size_t length : lengths_by_first_byte[static_cast<unsigned char>(body[token.start])]) {
                    if (token.start + length > body.size()) break;
                    auto it = actors_named.find(body.substr(token.start, length));
                    if (it == actors_named.end()) continue;
                    for (std::size_t ai : it->second) matches.emplace_back(ai, token.start);
                }
            }
        std::sort(matches.begin(), matches.end());
        matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
        for (const auto& [actor_index, at] : matches) {
            const Actor& a = e.actors[actor_index];
            std::size_t end = at + a.name.size();
            auto sentence = std::upper_bound(m_sentences.begin(), m_sentences.end(), at,
                                             [](std::size_t pos, const Sentence& s) { return pos < s.start; });
            if (sentence == m_sentences.begin()) continue;
            --sentence;
            if (end > sentence->end) continue;
            std::size_t si = static_cast<std::size_t>(sentence - m_sentences.begin());
            const auto& tokens = sentence->tokens;
            std::size_t first = kNone, last = kNone;
            for (std::size_t t = 0; t < tokens.size(); ++t) {
                if (tokens[t].start == at) first = t;
                if (tokens[t].end == end) last = t + 1;
            }
            if (first == kNone || last == kNone || last <= first) continue;
            // A longer name wins over the names inside it ("Paris" in "Paris prosecutor's office").
            bool wider = true;
            for (std::size_t t = first; t < last; ++t) {
                const auto& old = m_refs[si][t];
                if (old && (old->first < first || old->last > last || old->actor == a.id)) wider = false;
            }
            if (!wider) continue;
            for (std::size_t t = first; t < last; ++t) m_refs[si][t] = Ref{a.id, a.type, first, last};
        }
    }

    // "it"/"its" stand for the nearest organisation or product before them (this sentence and the
    // two before), "he"/"she" for the nearest person; "they" is left alone: too often a group of
    // people the article never names.
    std::optional<Ref> pronoun(std::size_t i) const {
        std::string f = form(i);
        bool personal = f == "he" || f == "him" || f == "his" || f == "she" || f == "her";
        if (!personal && f != "it" && f != "its") return std::nullopt;
        auto fits = [&](ActorType t) {
            return personal ? t == ActorType::Person
                            : t == ActorType::Organization || t == ActorType::Product || t == ActorType::Group;
        };
        for (std::size_t back = 0; back <= 2 && back <= m_si; ++back) {
            const auto& refs = m_refs[m_si - back];
            for (std::size_t j = back == 0 ? i : refs.size(); j-- > 0;)
                if (refs[j] && fits(refs[j]->type)) return Ref{refs[j]->actor, refs[j]->type, i, i + 1};
        }
        return std::nullopt;
    }

    std::optional<Ref> referent(std::size_t i) const {
        if (i == kNone) return std::nullopt;
        if (const auto& r = m_refs[m_si][i]) return r;
        return pronoun(i);
    }

    // The actor a noun phrase stands for: the phrase's own name, the actor it is in apposition
    // with ("Kestrel, a firm based in Tallinn"), or a name modifying its head ("NSO
    // infrastructure", "NSO's Pegasus spyware": the product first). Places modifying a noun say
    // where it is ("a US company"), not what it is. `through_of` also looks one "of" deeper
    // ("the use of NSO's Pegasus spyware").
    std::optional<Ref> phrase(std::size_t i, bool through_of) const {
        if (i == kNone) return std::nullopt;
        if (auto r = referent(i)) return r;
        if (!is_noun(i)) return std::nullopt;
        if (deprel_is(i, "appos"))
            if (auto r = referent(parent(i))) return r;
        for (std::string_view rel : {"appos", "compound", "flat", "nmod:poss"})
            for (std::size_t c : children(i)) {
                if (deprel(c) != rel) continue;
                auto r = referent(c);
                if (r && (rel == "appos" || r->type != ActorType::Location)) return r;
            }
        if (through_of)
            for (std::size_t c : children(i))
                if (deprel_is(c, "nmod") && case_of(c) == "of")
                    if (auto r = phrase(c, false)) return r;
        return std::nullopt;
    }

    // ---- qualifiers ---------------------------------------------------------------------------

    bool negated(std::size_t v) const {
        for (std::size_t c : children(v)) {
            std::string f = form(c);
            if ((deprel_is(c, "advmod") || deprel_is(c, "neg")) && (f == "not" || f == "n't" || f == "never"))
                return true;
        }
        return false;
    }

    std::string modality(std::size_t v) const {
        for (std::size_t c : children(v)) {
            std::string f = form(c);
            if (deprel_is(c, "aux") && in(kModalAuxiliaries, f)) return f;
            if (deprel_is(c, "advmod") && in(kHedges, f)) return f;
            if (deprel_is(c, "amod") && f == "alleged") return "allegedly";
            if (deprel_is(c, "amod") && f == "former") return "former";
        }
        // "Saudi Arabia is reported to be among NSO clients"
        // (through "to be" and the prepositions a parser may hang in between)
        std::size_t up = v;
        for (int steps = 0; steps < 4 && up != kNone; ++steps) {
            std::size_t p = parent(up);
            if (p == kNone || deprel_is(up, "ccomp") || deprel_starts(up, "acl") || deprel_is(up, "advcl")) break;
            if (in(kHedgingPassives, lemma(p)) && (child(p, "aux:pass") != kNone || child(p, "nsubj:pass") != kNone))
                return lemma(p) == "allege" ? "allegedly" : "reportedly";
            up = p;
        }
        return "";
    }

    // ---- patterns -----------------------------------------------------------------------------

    // Subject - verb - object, active or passive, in main, relative, participial and coordinated
    // clauses: "Amazon shut down NSO accounts", "Lumen Labs was hired by Kestrel", "spyware made
    // by NSO Group", "When contacted by The Associated Press, DigitalOcean ...".
    void verb_arguments(std::size_t v) {
        if (tok(v).upos != "VERB") return;
        std::string predicate = lemma(v);
        if (std::size_t prt = child(v, "compound:prt"); prt != kNone) predicate += " " + form(prt);
        if (in(kNotRelationVerbs, predicate)) return;
        bool passive = child(v, "nsubj:pass") != kNone || child(v, "aux:pass") != kNone ||
                       (tok(v).xpos == "VBN" && child(v, "nsubj") == kNone &&
                        (deprel_starts(v, "acl") || deprel_is(v, "advcl")));
        std::optional<Ref> subject, object;
        if (passive) {
            std::size_t agent = child(v, "obl:agent");
            if (agent == kNone)
                for (std::size_t c : children(v))
                    if (deprel_is(c, "obl") && case_of(c) == "by") agent = c;
            subject = phrase(agent, false);
            if (std::size_t patient = child(v, "nsubj:pass"); patient != kNone) object = phrase(patient, false);
            else if (deprel_starts(v, "acl")) object = phrase(parent(v), false);
            else if (deprel_is(v, "advcl")) object = clause_subject(parent(v));
        } else {
            std::size_t s = child(v, "nsubj");
            if (s != kNone && is_relative_pronoun(s) && deprel_starts(v, "acl")) subject = phrase(parent(v), false);
            else if (s != kNone) subject = phrase(s, false);
            else subject = inherited_subject(v);
            object = phrase(child(v, "obj"), true);
            if (!object && child(v, "obj") == kNone)
                for (std::size_t c : children(v)) {
                    std::string prep = case_of(c);
                    if (!deprel_is(c, "obl") ||
                        !(prep == "with" || prep == "against" || prep == "into" || prep == "for" || prep == "to"))
                        continue;
                    if ((object = phrase(c, false))) {
                        predicate += " " + prep;
                        break;
                    }
                }
        }
        if (!subject || !object) return;
        emit(predicate, type_in(kPredicateTypes, predicate), *subject, *object, v, negated(v), modality(v));
    }

    static bool is_relative_pronoun(const Token& t) {
        std::string f = lower(t.form);
        return f == "that" || f == "which" || f == "who" || f == "whom";
    }
    bool is_relative_pronoun(std::size_t i) const { return is_relative_pronoun(tok(i)); }

    std::optional<Ref> clause_subject(std::size_t v) const {
        if (v == kNone) return std::nullopt;
        std::size_t s = child(v, "nsubj");
        if (s == kNone) s = child(v, "nsubj:pass");
        // "Orion Bank, which financed Kestrel": the relative pronoun stands for the noun.
        if (s != kNone && is_relative_pronoun(s) && deprel_starts(v, "acl")) return phrase(parent(v), false);
        return phrase(s, false);
    }

    // The subject a clause without one shares with the clause it hangs on: coordinated verbs
    // ("NSO built and sold Pegasus"), controlled infinitives ("Kestrel agreed to buy X"),
    // participles on a noun ("a firm hosting NSO servers").
    std::optional<Ref> inherited_subject(std::size_t v) const {
        std::size_t p = parent(v);
        if (p == kNone) return std::nullopt;
        if (deprel_is(v, "conj") && tok(p).upos == "VERB") return child(p, "nsubj:pass") == kNone ? clause_subject(p) : std::nullopt;
        if (deprel_is(v, "xcomp")) {
            if (std::size_t o = child(p, "obj"); o != kNone) return phrase(o, false);
            return clause_subject(p);
        }
        if (deprel_starts(v, "acl")) return phrase(p, false);
        if (deprel_is(v, "advcl")) {
            std::size_t mark = child(v, "mark");
            if (mark != kNone && form(mark) == "as") return std::nullopt;  // "identified X as hosting": X's, unsaid
            return clause_subject(p);
        }
        return std::nullopt;
    }

    // "Israel-based NSO Group", "a firm based in Tallinn", "Kestrel is headquartered in Geneva".
    void place_modifier(std::size_t b) {
        std::string f = form(b);
        if (f != "based" && f != "headquartered" && f != "located") return;
        std::optional<Ref> place;
        for (std::size_t c : children(b)) {
            if (deprel_starts(c, "obl") && case_of(c) == "in") place = referent(c);
            else if (c < b && (deprel_starts(c, "obl") || deprel_is(c, "compound") || deprel_starts(c, "nmod") ||
                               deprel_is(c, "npadvmod")))
                place = referent(c);
            if (place) break;
        }
        // "Israel-based" split into three tokens the parser may have attached elsewhere.
        if (!place && b >= 2 && tok(b - 1).form == "-" && tok(b - 1).end == tok(b).start) place = referent(b - 2);
        if (!place || place->type != ActorType::Location) return;
        std::optional<Ref> subject;
        if (std::size_t s = child(b, "nsubj:pass"); s != kNone) subject = phrase(s, false);
        else if (std::size_t s2 = child(b, "nsubj"); s2 != kNone) subject = phrase(s2, false);
        else if (deprel_is(b, "amod") || deprel_starts(b, "acl")) subject = phrase(parent(b), false);
        else if (deprel_is(b, "advcl") || deprel_is(b, "conj")) subject = clause_subject(parent(b));
        // "the Paris-based journalism non-profit Forbidden Stories": the name ending the noun
        // phrase the modifier opens, however the parser split it.
        if (!subject && b >= 1 && tok(b - 1).form == "-")
            for (std::size_t k = b + 1; k < toks().size() && k <= b + 5; ++k) {
                const auto& u = tok(k).upos;
                if (u != "NOUN" && u != "PROPN" && u != "ADJ" && tok(k).form != "-") break;
                if (auto r = referent(k); r && r->type != ActorType::Location) {
                    subject = r;
                    break;
                }
            }
        if (!subject) return;
        emit(f + " in", "based_in", *subject, *place, b, negated(b), modality(b));
    }

    // "Le Monde is part of ...", "Saudi Arabia is reported to be among NSO clients",
    // "Lumen Labs, a subsidiary of Kestrel".
    void membership(std::size_t n) {
        if (tok(n).upos != "NOUN") return;
        std::string l = lemma(n);
        const MembershipNoun* noun = nullptr;
        for (const auto& m : kMembershipNouns)
            if (l == m.noun) noun = &m;
        if (!noun) return;
        std::optional<Ref> member;
        std::size_t p = parent(n);
        if (std::size_t s = child(n, "nsubj"); s != kNone) member = phrase(s, false);
        else if (deprel_is(n, "xcomp")) member = clause_subject(p);
        else if (deprel_is(n, "appos") && p != kNone) member = referent(p);
        // "X is reported to be among Kestrel Systems clients", however the parser hung "among":
        // the subject of the clause above the noun.
        bool among = false;
        for (std::size_t k = n >= 4 ? n - 4 : 0; k < n; ++k) among = among || form(k) == "among";
        if (!member && among)
            for (std::size_t up = p, steps = 0; up != kNone && steps < 4 && !member; up = parent(up), ++steps)
                member = clause_subject(up);
        if (!member) return;
        std::optional<Ref> whole;
        for (std::size_t c : children(n)) {
            if (deprel_is(c, "nmod") && case_of(c) == "of") whole = phrase(c, false);
            else if (deprel_is(c, "compound") || deprel_is(c, "nmod:poss")) whole = referent(c);
            if (whole) break;
        }
        if (!whole && n > 0) {  // the name right before the noun ("Kestrel Systems clients")
            std::size_t k = n - 1;
            if (k > 0 && is_possessive_mark(k)) --k;
            if (auto r = m_refs[m_si][k]; r && r->last == k + 1) whole = r;
        }
        if (!whole) return;
        emit(l + " of", noun->type, *member, *whole, n, negated(n), modality(n));
    }

    // "its takeover of Solano Shipping", "an investigation by the Paris prosecutor into NSO".
    void nominal_event(std::size_t n) {
        if (tok(n).upos != "NOUN") return;
        std::string l = lemma(n);
        const NominalEvent* event = nullptr;
        for (const auto& e : kNominalEvents)
            if (l == e.noun) event = &e;
        if (!event) return;
        std::optional<Ref> agent, patient;
        for (std::size_t c : children(n)) {
            std::string prep = case_of(c);
            if (!agent && (deprel_is(c, "nmod:poss") || (deprel_is(c, "nmod") && prep == "by"))) agent = phrase(c, false);
            else if (!patient && deprel_is(c, "nmod") && (prep == "of" || prep == "into" || prep == "against" || prep == "on"))
                patient = phrase(c, true);
        }
        // "its takeover of Maris Freight was illegal": the parser may hang the name elsewhere.
        if (!patient && n + 2 < toks().size()) {
            std::string prep = form(n + 1);
            std::size_t k = n + 2;
            if (k + 1 < toks().size() && tok(k).upos == "DET") ++k;
            if ((prep == "of" || prep == "into" || prep == "against") && m_refs[m_si][k] && m_refs[m_si][k]->first == k)
                patient = m_refs[m_si][k];
        }
        if (!agent || !patient) return;
        emit(event->predicate, type_in(kPredicateTypes, event->predicate), *agent, *patient, n, false, modality(n));
    }

    // "NSO's Pegasus spyware": whoever owns a product made it, as news uses the possessive.
    void possessed_product(std::size_t i) {
        if (!deprel_is(i, "nmod:poss")) return;
        auto owner = referent(i);
        std::size_t head = parent(i);
        if (!owner || head == kNone || (owner->type != ActorType::Organization && owner->type != ActorType::Person))
            return;
        std::optional<Ref> product = referent(head);
        if (!product || product->type != ActorType::Product)
            for (std::size_t c : children(head))
                if ((deprel_is(c, "compound") || deprel_is(c, "flat")) && (product = referent(c)) &&
                    product->type == ActorType::Product)
                    break;
        if (!product || product->type != ActorType::Product) return;
        emit("make", "makes", *owner, *product, head, false, "");
    }

    // Titles before a person's name and appositions around it: "French President Emmanuel
    // Macron", "Kestrel's chief executive, Helena Voss", "Its spokesman, Daniel Reyes", "Helena
    // Voss, chief executive of Kestrel". The title is a role of the person; where the text says
    // whose it is, it is also a relation.
    void titles() {
        std::set<std::string> done;
        const auto& refs = m_refs[m_si];
        for (std::size_t i = 0; i < refs.size(); ++i) {
            const auto& r = refs[i];
            if (!r || r->type != ActorType::Person || r->first != i) continue;
            title_before(*r, done);
            // After the name, an apposition the parser hung on the name or on its honorific.
            std::vector<std::size_t> anchors;
            for (std::size_t t = r->first; t < r->last; ++t) anchors.push_back(t);
            if (r->first > 0 && in(kPersonTitles, form(r->first - 1))) anchors.push_back(r->first - 1);
            for (std::size_t a : anchors)
                for (std::size_t c : children(a))
                    // `list` too: the parser reading supertags takes some such appositions for
                    // a list (a label of web text's lists of names and addresses)
                    if ((deprel_is(c, "appos") || deprel_is(c, "list")) && c > a) person_title(*r, c, done);
        }
    }

    // Words that may stand in a title before the noun that names it ("chief", "Prime", "deputy").
    bool title_word(std::size_t k) const {
        static constexpr std::array kQualifiers = {"chief", "prime", "vice", "deputy", "foreign", "finance",
                                                   "defence", "defense", "interior", "health", "justice",
                                                   "senior", "managing", "executive", "general", "acting",
                                                   "interim", "co", "-", "former", "then", "state"};
        std::string f = form(k);
        return in(kTitleNouns, f) || in(kTitleNouns, lemma(k)) || in(kQualifiers, f);
    }

    // "French President Emmanuel Macron", "Kestrel's chief executive, Helena Voss", "its
    // spokesman, Daniel Reyes": read off the words, the parser often splits such titles.
    void title_before(const Ref& person, std::set<std::string>& done) {
        std::size_t end = person.first;
        while (end > 0 && in(kPersonTitles, form(end - 1)) && !title_word(end - 1)) --end;  // "Mr"
        bool appositive = false;
        if (end > 1 && tok(end - 1).form == ",") {
            --end;
            appositive = true;
        }
        std::size_t begin = end;
        while (begin > 0 && !m_refs[m_si][begin - 1] && title_word(begin - 1)) --begin;
        std::string modality;
        while (begin < end && (form(begin) == "former" || form(begin) == "then" || form(begin) == "-")) {
            modality = "former";
            ++begin;
        }
        bool has_noun = false;
        for (std::size_t k = begin; k < end; ++k) has_noun = has_noun || in(kTitleNouns, lemma(k)) || in(kTitleNouns, form(k));
        if (!has_noun || begin == end) return;
        // A comma after the title is an apposition only if the title opens the clause or a
        // possessive precedes it; "the deal, Helena Voss said" is not one.
        std::size_t owner_at = begin;
        if (owner_at > 0 && is_possessive_mark(owner_at - 1)) --owner_at;
        std::optional<Ref> organisation;
        if (owner_at > 0) {
            std::size_t o = owner_at - 1;
            if (auto r = referent(o); r && r->type != ActorType::Person) organisation = r;
            else if (auto c = country_of_demonym(o)) organisation = c;
        }
        if (appositive && !organisation && begin > 0 && tok(begin - 1).upos != "DET") return;
        std::string title;
        for (std::size_t k = begin; k < end; ++k) {
            if (tok(k).form == "-") continue;
            title += (title.empty() || tok(k - 1).form == "-" ? "" : " ") + form(k);
        }
        add_title(person, title, organisation, "of", modality, end - 1, done);
    }

    void person_title(const Ref& person, std::size_t t, std::set<std::string>& done) {
        if (m_refs[m_si][t] || !in(kTitleNouns, lemma(t))) return;
        // The title is the noun with the words before it that qualify it ("chief", "Prime").
        std::size_t first = t;
        std::string modality;
        std::optional<Ref> organisation;
        std::string preposition = "of";
        for (std::size_t c : children(t)) {
            std::string f = form(c);
            if (c < t && (f == "former" || f == "then" || f == "ex")) {
                modality = "former";
                continue;
            }
            if (c < t && (deprel_is(c, "amod") || deprel_is(c, "compound")) && !m_refs[m_si][c] &&
                !m_gazetteer.country_for_demonym(tok(c).form) && c + 1 == first)
                first = c;
        }
        for (std::size_t c : children(t)) {
            std::string prep = case_of(c);
            if (organisation) break;
            if (deprel_is(c, "nmod:poss") || deprel_is(c, "compound")) organisation = referent(c);
            else if (deprel_is(c, "nmod") && (prep == "of" || prep == "at" || prep == "to" || prep == "for")) {
                organisation = phrase(c, false);
                preposition = prep;
            } else if (deprel_is(c, "amod") || deprel_is(c, "compound")) {
                organisation = country_of_demonym(c);
            }
        }
        // "French Prime Minister": the demonym may hang on the first word of the title.
        if (!organisation && first != t)
            for (std::size_t c : children(first))
                if (deprel_is(c, "amod") && (organisation = country_of_demonym(c))) break;
        std::string title;
        for (std::size_t k = first; k <= t; ++k) {
            if (tok(k).form == "-") continue;
            title += (title.empty() || tok(k - 1).form == "-" ? "" : " ") + form(k);
        }
        add_title(person, title, organisation, preposition, modality, t, done);
    }

    void add_title(const Ref& person, const std::string& title, const std::optional<Ref>& organisation,
                   const std::string& preposition, const std::string& modality, std::size_t anchor,
                   std::set<std::string>& done) {
        if (organisation && organisation->actor == person.actor) return;
        std::string key = person.actor + "\t" + title + "\t" + (organisation ? organisation->actor : "");
        if (!done.insert(key).second) return;
        m_builder.add_role(person.actor, Role{title, organisation ? organisation->actor : ""});
        if (!organisation) return;
        const char* type = in(kLeadingTitles, title) ? "leads" : organisation->type == ActorType::Person ? "" : "employed_by";
        emit(title + " " + preposition, type, person, *organisation, anchor, false, modality);
    }

    // "French" in "French President": the country, as an actor mentioned by that word.
    std::optional<Ref> country_of_demonym(std::size_t i) {
        auto country = m_gazetteer.country_for_demonym(tok(i).form);
        if (!country) return std::nullopt;
        std::string id = m_builder.actor(*country, ActorType::Location);
        m_builder.add_mention(id, static_cast<int>(m_si), {tok(i).start, tok(i).end});
        Ref r{id, ActorType::Location, i, i + 1};
        m_refs[m_si][i] = r;
        return r;
    }

    // ---- output -------------------------------------------------------------------------------

    void emit(const std::string& predicate, const char* type, const Ref& subject, const Ref& object,
              std::size_t anchor, bool is_negated, const std::string& modality_word) {
        if (subject.actor == object.actor) return;
        auto key = std::make_tuple(m_si, subject.actor, predicate, object.actor);
        if (!m_seen.insert(key).second) return;
        std::size_t first = std::min({subject.first, object.first, anchor});
        std::size_t last = std::max({subject.last, object.last, anchor + 1});
        ByteSpan evidence{tok(first).start, tok(last - 1).end};
        RelationDraft d;
        d.subject = subject.actor;
        d.predicate = predicate;
        d.type = type;
        d.object = object.actor;
        d.claim = m_builder.claim_covering(evidence);
        d.negated = is_negated;
        d.modality = modality_word;
        d.evidence = evidence;
        d.sentence = static_cast<int>(m_si);
        d.confidence = 0.8;
        m_builder.add_relation(d);
    }

    const std::string& m_body;
    const std::vector<Sentence>& m_sentences;
    const nlp::Gazetteer& m_gazetteer;
    ExtractionBuilder& m_builder;
    std::vector<std::vector<std::optional<Ref>>> m_refs;
    std::vector<std::vector<std::vector<std::size_t>>> m_children;
    std::set<std::tuple<std::size_t, std::string, std::string, std::string>> m_seen;
    std::size_t m_si = 0;
};

}  // namespace

void add_relations(const std::string& body, const std::vector<Sentence>& sentences, const ResolvedNames& names,
                   const nlp::Gazetteer& gazetteer, ExtractionBuilder& builder) {
    RelationFinder(body, sentences, names, gazetteer, builder).run();
}

}  // namespace factgraph::importers::detail
