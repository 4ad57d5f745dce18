// Reported-speech patterns over tokens: quotes, "X said (that) ...", "according to X",
// "X quoted Y as saying", denials and refusals. Deliberately conservative: a speaker is always
// a span of the text, never invented.
#include <optional>
#include <set>

#include "extract/extraction_support.hpp"

namespace factgraph::importers::detail {

namespace {

// Words that are cues only where the parse vouches for them: "backed the bill", "offered an
// explanation", "spoke about the deal". The surface patterns of the rule extractor would misread
// them ("came back", "talks began"), so they stay out of the shared lexicon (kCues). Looked up
// first, by lemma.
constexpr auto kParsedCues = std::to_array<Cue>({
    {"view", "belief", Stance::Assert, 'o'},
    {"endorse", "intention", Stance::Assert, 'o'},  {"back", "intention", Stance::Assert, 'o'},
    {"favor", "intention", Stance::Assert, 'o'},    {"favour", "intention", Stance::Assert, 'o'},
    {"offer", "speech", Stance::Assert, 'o'},       {"reference", "speech", Stance::Assert, 'o'},
    {"defend", "speech", Stance::Assert, 'o'},      {"express", "speech", Stance::Assert, 'o'},
    {"discuss", "speech", Stance::Assert, 'o'},     {"detail", "speech", Stance::Assert, 'o'},
    {"compare", "speech", Stance::Assert, 'o'},     {"liken", "speech", Stance::Assert, 'o'},
    {"label", "speech", Stance::Assert, 'o'},       {"promote", "speech", Stance::Assert, 'o'},
    {"tout", "speech", Stance::Assert, 'o'},        {"blame", "speech", Stance::Assert, 'o'},
    {"mock", "speech", Stance::Assert, 'o'},        {"applaud", "speech", Stance::Assert, 'o'},
    {"compliment", "speech", Stance::Assert, 'o'},  {"portray", "speech", Stance::Assert, 'o'},
    {"rule", "finding", Stance::Assert, '-'},       {"speak", "speech", Stance::Assert, 'p'},
    {"talk", "speech", Stance::Assert, 'p'},        {"boast", "speech", Stance::Assert, '-'},
    {"brag", "speech", Stance::Assert, '-'},
    // characterisations: "branded North Korea an outlaw nation", "hailed Trump as ..."
    {"brand", "speech", Stance::Assert, 'o'},       {"dub", "speech", Stance::Assert, 'o'},
    {"hail", "speech", Stance::Assert, 'o'},        {"characterize", "speech", Stance::Assert, 'o'},
    {"characterise", "speech", Stance::Assert, 'o'}, {"depict", "speech", Stance::Assert, 'o'},
    {"denounce", "speech", Stance::Assert, 'o'},    {"decry", "speech", Stance::Assert, 'o'},
    {"laud", "speech", Stance::Assert, 'o'},        {"ridicule", "speech", Stance::Assert, 'o'},
});

/** The cue a parsed token is: kParsedCues by lemma first, then the shared lexicon. */
const Cue* parsed_cue(const Token& t) {
    if (!t.lemma.empty() && t.lemma != "_") {
        std::string l = lower(t.lemma);
        for (const auto& cue : kParsedCues)
            if (l == cue.lemma) return &cue;
    }
    return find_cue(t);
}

// Reported-speech patterns over one sentence at a time.
class ClaimFinder {
public:
    ClaimFinder(const std::string& body, const std::vector<Sentence>& sentences, const std::vector<NameSpan>& names,
                const std::vector<std::string>& actor_of_name, ExtractionBuilder& builder)
        : m_body(body), m_sentences(sentences), m_names(names), m_actor_of_name(actor_of_name), m_builder(builder),
          m_names_in(sentences.size()) {
        for (std::size_t k = 0; k < names.size(); ++k)
            if (names[k].sentence >= 0 && static_cast<std::size_t>(names[k].sentence) < sentences.size())
                m_names_in[static_cast<std::size_t>(names[k].sentence)].push_back(k);
    }

    void run() {
        // A parsed text (the nlp extractor) gets the dependency patterns; a text with tokens only
        // (the rule extractor) gets the surface patterns.
        bool parsed = std::any_of(m_sentences.begin(), m_sentences.end(), [](const Sentence& s) {
            return std::any_of(s.tokens.begin(), s.tokens.end(), [](const Token& t) { return t.head >= 0; });
        });
        if (parsed) {
            find_regions();
            for (auto& q : m_regions)
                if (title_like(q.s0, m_sentences[static_cast<std::size_t>(q.s0)].tokens, q)) q.used = true;
            for (std::size_t si = 0; si < m_sentences.size(); ++si) parsed_sentence(static_cast<int>(si));
        } else {
            for (std::size_t si = 0; si < m_sentences.size(); ++si) sentence(static_cast<int>(si));
        }
        drop_nested_claims();
    }

    // An indirect claim inside another claim's content is part of what that speaker said, not
    // a statement of its own: in "She noted clients want diverse teams" the article attributes
    // "clients want diverse teams" to her, and "clients want ..." on its own would put words in
    // the clients' mouths. PolNeAR annotates it the same way.
    void drop_nested_claims() {
        const auto& claims = m_builder.current().claims;
        std::vector<std::size_t> order(claims.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        // by start, longest first: a claim is nested when an earlier one in this order covers it
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const Span& x = claims[a].provenance.span;
            const Span& y = claims[b].provenance.span;
            return x.start != y.start ? x.start < y.start : x.end > y.end;
        });
        std::set<std::string> nested;
        const Claim* widest = nullptr;  // of the claims seen so far, the one reaching furthest
        for (std::size_t i : order) {
            const Claim& c = claims[i];
            const Span& sp = c.provenance.span;
            // covered by an earlier claim; equal spans are two readings of one clause, not nesting
            const Span* w = widest ? &widest->provenance.span : nullptr;
            bool covered = w && (w->end > sp.end || (w->end == sp.end && w->start < sp.start));
            if (covered && !c.direct) nested.insert(c.id);
            // A quotation inside a claim of the same speaker is that claim's words, not a second
            // claim, also where the claim stops before the quotation's closing punctuation ("It
            // called the report “full of wrong assumptions.”" read with the quotation in the verb's
            // complement). Another speaker's quotation inside a claim stays its own.
            if (c.direct && w && widest->speaker && widest->speaker == c.speaker && w->start < sp.start &&
                w->end >= end_before_closing_marks(c))
                nested.insert(c.id);
            if (!widest || sp.end > w->end) widest = &c;
        }
        if (!nested.empty()) m_builder.drop_claims(nested);
    }

private:
    // The end of a claim's span without the punctuation and quotation marks that close its
    // content (spans count characters, the content is UTF-8).
    static std::size_t end_before_closing_marks(const Claim& c) {
        std::string_view text = c.content;
        std::size_t end = c.provenance.span.end;
        while (!text.empty() && end > c.provenance.span.start) {
            if (std::string_view(".,;:!?\"'").find(text.back()) != std::string_view::npos) text.remove_suffix(1);
            else if (text.ends_with("\u201D") || text.ends_with("\u2019")) text.remove_suffix(3);
            else break;
            --end;
        }
        return end;
    }

    void sentence(int si) {
        const auto& toks = m_sentences[static_cast<std::size_t>(si)].tokens;
        std::vector<QuoteSpan> quotes = find_quotes(toks);
        auto quoted = [&](std::size_t i) {
            return std::any_of(quotes.begin(), quotes.end(), [&](const QuoteSpan& q) { return i > q.open && i < q.close; });
        };
        // "..., according to X." / "According to X, ..."
        for (std::size_t i = 0; i + 2 < toks.size(); ++i) {
            if (quoted(i) || lower(toks[i].form) != "according" || lower(toks[i + 1].form) != "to") continue;
            std::size_t speaker_end = i + 2;
            while (speaker_end < toks.size() && toks[speaker_end].form != "," && toks[speaker_end].form != ".") ++speaker_end;
            std::size_t cb, ce;
            if (i == 0) {
                cb = speaker_end + 1;
                ce = content_end(toks, cb);
            } else {
                cb = 0;
                ce = i;
                while (ce > cb && toks[ce - 1].form == ",") --ce;
            }
            add(si, i + 2, speaker_end, cb, ce, "according to", "speech", Stance::Assert, false, {});
            return;
        }
        for (std::size_t c = 0; c < toks.size(); ++c) {
            if (quoted(c)) continue;
            const Cue* cue = surface_cue(toks[c]);
            if (!cue) continue;
            std::string prev = c > 0 ? lower(toks[c - 1].form) : "";
            if (prev == "is" || prev == "was" || prev == "were" || prev == "be" || prev == "been" || prev == "being")
                continue;  // passive "is reported to be": no source here
            if (handle_cue(si, toks, quotes, c, *cue)) return;
        }
        // A sentence that is nothing but a quotation continues the previous speaker's quote.
        if (!quotes.empty() && quotes.front().open == 0 && m_last_direct && m_last_direct->sentence == si - 1) {
            const auto& q = quotes.front();
            ByteSpan fragment{toks[q.open].end, q.close < toks.size() ? toks[q.close].start : toks.back().end};
            trim_content(fragment);
            if (fragment.end > fragment.start) continue_quotation(si, fragment);
        }
    }

    // Without a parse only the plain reporting verbs are safe to take.
    static const Cue* surface_cue(const Token& t) {
        static constexpr std::array kSurface = {"say", "tell", "add", "state", "claim", "deny", "confirm", "announce",
                                                "report", "warn", "insist", "accuse", "call", "reject", "dispute",
                                                "acknowledge", "argue", "estimate", "urge", "decline", "quote",
                                                "explain", "write", "note", "assert", "believe", "show", "find",
                                                "conclude"};
        const Cue* cue = find_cue(t);
        if (!cue || !in(kSurface, cue->lemma)) return nullptr;
        // the bare form is a verb only in some of these ("say", "tell"); the rest are nouns too
        std::string f = lower(t.form);
        if (f == cue->lemma && f != "say" && f != "tell") return nullptr;
        return cue;
    }

    bool handle_cue(int si, const std::vector<Token>& toks, const std::vector<QuoteSpan>& quotes, std::size_t c,
                    const Cue& cue) {
        // Speaker: the clause before the cue, back to the sentence start, a comma or a quote.
        std::size_t sb = c;
        while (sb > 0 && toks[sb - 1].form != "," && !is_close_quote(toks[sb - 1].form) &&
               toks[sb - 1].form != ":" && toks[sb - 1].form != ";")
            --sb;
        std::size_t se = c;
        // "X neither confirmed nor denied": the speaker stops before "neither".
        Stance stance = cue.stance;
        std::string lemma = cue.lemma;
        if (se > sb && lower(toks[se - 1].form) == "neither") {
            --se;
            stance = Stance::Decline;
        }
        std::size_t cue_end = c + 1;  // one past the cue words
        if (c + 2 < toks.size() && lower(toks[c + 1].form) == "nor" && find_cue(toks[c + 2])) {
            stance = Stance::Decline;
            cue_end = c + 3;
            lemma = std::string(cue.lemma) + "/" + find_cue(toks[c + 2])->lemma;
        }
        bool inverted = false;
        if (se == sb) {  // `"...," said Helena Voss` : the speaker follows the cue
            std::size_t e = c + 1;
            while (e < toks.size() && toks[e].form != "," && toks[e].form != "." && toks[e].form != ":") ++e;
            if (e == c + 1) return false;
            sb = c + 1;
            se = e;
            inverted = true;
        }
        if (se - sb > 10) return false;  // a long clause is not a source we can name
        // "Le Monde quoted NSO as saying ...": NSO speaks, Le Monde reports.
        std::optional<std::string> reported_by;
        std::size_t after = inverted ? se : cue_end;
        if (lemma == "quote") {
            std::size_t as = after;
            while (as < toks.size() && lower(toks[as].form) != "as") ++as;
            if (as + 1 < toks.size() && find_cue(toks[as + 1])) {
                reported_by = actor_in(si, sb, se);
                std::size_t qb = after, qe = as;
                after = as + 2;
                sb = qb;
                se = qe;
                lemma = "say";
            }
        }
        if (lemma == "decline" && after < toks.size() && lower(toks[after].form) == "to") {
            std::size_t ce = content_end(toks, after + 1);
            return add(si, sb, se, after + 1, ce, "decline", "speech", Stance::Decline, false, {});
        }
        // Direct speech: a quotation before the speaker ("...," it said) or right after the cue.
        for (const auto& q : quotes) {
            bool before = q.close < sb && q.close + 3 >= sb;
            bool following = q.open >= after && q.open <= after + 1;
            if (before || following)
                return add(si, sb, se, q.open + 1, std::min(q.close, toks.size()), lemma, cue.kind, stance, true,
                           reported_by);
        }
        // Indirect speech: the rest of the sentence, after a complementiser "that" that follows
        // the cue, its addressee or "in a statement" ("told reporters that"); a later "that"
        // opens a relative clause inside the content and stays.
        std::size_t cb = after;
        for (std::size_t k = after; k < toks.size() && k < after + 6; ++k) {
            std::string w = lower(toks[k].form);
            if (w == "that" || w == "whether") {
                cb = w == "that" ? k + 1 : k;
                break;
            }
            if (!capitalised(toks[k]) && !in(kBeforeComplementiser, w)) break;
        }
        std::size_t ce = content_end(toks, cb);
        if (ce <= cb) {
            // "..., the consortium reported." : the content precedes the source.
            if (sb == 0) return false;
            ce = sb;
            while (ce > 0 && (toks[ce - 1].form == "," || is_close_quote(toks[ce - 1].form))) --ce;
            cb = 0;
        }
        return add(si, sb, se, cb, ce, lemma, cue.kind, stance, false, reported_by);
    }

    static std::size_t content_end(const std::vector<Token>& toks, std::size_t from) {
        std::size_t e = toks.size();
        while (e > from && (toks[e - 1].form == "." || toks[e - 1].form == "!" || toks[e - 1].form == "?" ||
                            is_close_quote(toks[e - 1].form) || toks[e - 1].form == "\u2019"))
            --e;
        return e;
    }

    static std::vector<QuoteSpan> find_quotes(const std::vector<Token>& toks) {
        std::vector<QuoteSpan> out;
        constexpr std::size_t kNone = static_cast<std::size_t>(-1);
        std::size_t open = kNone;
        for (std::size_t i = 0; i < toks.size(); ++i) {
            const auto& f = toks[i].form;
            bool straight = f == "\"";
            bool opens = f == "\u201C" || (straight && i + 1 < toks.size() && toks[i + 1].start == toks[i].end);
            if (open == kNone && opens) {
                open = i;
            } else if (open != kNone && (f == "\u201D" || straight)) {
                out.push_back({open, i});
                open = kNone;
            }
        }
        if (open != kNone) out.push_back({open, toks.size()});  // runs on into the next paragraph
        return out;
    }

    std::optional<std::string> actor_in(int si, std::size_t b, std::size_t e) const {
        for (std::size_t k : names_in(si)) {
            const auto& n = m_names[k];
            if (n.first >= b && n.last <= e) return m_actor_of_name[k];
        }
        return std::nullopt;
    }

    // The speaker actor: a name that opens the speaker clause ("An official in Mr Macron's
    // office" is not Macron), or a pronoun resolved to the latest fitting actor before it.
    std::optional<std::string> speaker_actor(int si, std::size_t b, std::size_t e) {
        const auto& toks = m_sentences[static_cast<std::size_t>(si)].tokens;
        std::size_t start = b;
        while (start < e && (lower(toks[start].form) == "the" || lower(toks[start].form) == "in")) ++start;
        // English noun phrases are head-final: the name must end the clause ("French
        // investigative website Mediapart"), so "The Paris prosecutor's office" is not Paris.
        for (std::size_t k : names_in(si)) {
            const auto& n = m_names[k];
            if (n.first >= start && n.last == e) return m_actor_of_name[k];
        }
        if (e - b == 1 && in(kPronouns, lower(toks[b].form))) return resolve_pronoun(si, b, lower(toks[b].form));
        // "Amnesty released an analysis ... that showed": a finding belongs to whoever
        // produced the document, the name that opens the clause.
        if (m_finding && e > b && lower(toks[e - 1].form) == "that")
            for (std::size_t k : names_in(si))
                if (m_names[k].first == start) return m_actor_of_name[k];
        return descriptor_actor(si, b, e);
    }

    // "The Paris prosecutor's office said": a definite description headed by an
    // institution noun and holding a proper name is an organisation in its own right.
    std::optional<std::string> descriptor_actor(int si, std::size_t b, std::size_t e) {
        const auto& toks = m_sentences[static_cast<std::size_t>(si)].tokens;
        if (e - b < 3 || lower(toks[b].form) != "the" || !in(kInstitutionHeads, lower(toks[e - 1].form)))
            return std::nullopt;
        bool named = false;
        for (std::size_t k = b + 1; k < e; ++k) {
            if (capitalised(toks[k])) named = true;
            else if (toks[k].form == "," || find_cue(toks[k])) return std::nullopt;
        }
        if (!named) return std::nullopt;
        std::string name = m_body.substr(toks[b + 1].start, toks[e - 1].end - toks[b + 1].start);
        std::string id = m_builder.actor(name, ActorType::Organization);
        // Every occurrence of the same words in the article is a mention of it.
        for (std::size_t at = m_body.find(name); at != std::string::npos; at = m_body.find(name, at + 1)) {
            for (std::size_t sk = 0; sk < m_sentences.size(); ++sk) {
                const auto& sent = m_sentences[sk];
                if (at >= sent.start && at + name.size() <= sent.end) {
                    m_builder.add_mention(id, static_cast<int>(sk), {at, at + name.size()});
                    break;
                }
            }
        }
        return id;
    }

    std::optional<std::string> resolve_pronoun(int si, std::size_t at, const std::string& pronoun) const {
        const Extraction& e = m_builder.current();
        // "it" and "they" prefer a known organisation; an untyped name is the fallback.
        bool personal = pronoun == "he" || pronoun == "she";
        auto fits = [&](const std::string& id, bool strict) {
            const Actor* a = e.find_actor(id);
            if (!a) return false;
            if (personal) return a->type == ActorType::Person;
            if (a->type == ActorType::Organization || a->type == ActorType::Group || a->type == ActorType::Product)
                return true;
            return !strict && a->type == ActorType::Other;
        };
        // The most recent speaker stays the topic: "DigitalOcean declined ... it said".
        for (auto it = m_recent_speakers.rbegin(); it != m_recent_speakers.rend(); ++it)
            if (it->first >= si - 2 && it->first <= si && fits(it->second, false)) return it->second;
        for (bool strict : {true, false})
            if (auto id = latest_actor(si, at, [&](const std::string& a) { return fits(a, strict); })) return id;
        return std::nullopt;
    }

    template <class Fits>
    std::optional<std::string> latest_actor(int si, std::size_t at, Fits fits) const {
        const auto& toks = m_sentences[static_cast<std::size_t>(si)].tokens;
        std::vector<QuoteSpan> quotes = find_quotes(toks);
        // The names of this sentence and the two before, latest (highest index) first.
        std::vector<std::size_t> nearby;
        for (int s = std::max(0, si - 2); s <= si; ++s) nearby.insert(nearby.end(), names_in(s).begin(), names_in(s).end());
        std::sort(nearby.rbegin(), nearby.rend());
        for (std::size_t k : nearby) {
            const auto& n = m_names[k];
            if (n.sentence == si) {
                if (n.first >= at) continue;
                bool in_quote = std::any_of(quotes.begin(), quotes.end(),
                                            [&](const QuoteSpan& q) { return n.first > q.open && n.first < q.close; });
                if (in_quote) continue;
            }
            if (fits(m_actor_of_name[k])) return m_actor_of_name[k];
        }
        return std::nullopt;
    }

    void trim_content(ByteSpan& span) const {
        std::string_view s(m_body);
        while (span.start < span.end && (s[span.start] == ' ' || s[span.start] == ',')) ++span.start;
        while (span.end > span.start && (s[span.end - 1] == ' ' || s[span.end - 1] == ',')) --span.end;
    }

    bool add(int si, std::size_t sb, std::size_t se, std::size_t cb, std::size_t ce, const std::string& cue,
             const std::string& kind, Stance stance, bool direct, std::optional<std::string> reported_by) {
        const auto& toks = m_sentences[static_cast<std::size_t>(si)].tokens;
        if (se <= sb || ce <= cb || se > toks.size() || ce > toks.size()) return false;
        ClaimDraft d;
        d.sentence = si;
        d.cue = cue;
        d.cue_kind = kind;
        d.stance = stance;
        d.direct = direct;
        d.reported_by = reported_by;
        d.speaker_text = m_body.substr(toks[sb].start, toks[se - 1].end - toks[sb].start);
        m_finding = kind == "finding";
        d.speaker = speaker_actor(si, sb, se);
        if (d.speaker && reported_by && *d.speaker == *reported_by) d.reported_by.reset();
        d.content = {toks[cb].start, toks[ce - 1].end};
        trim_content(d.content);
        if (d.content.end <= d.content.start) return false;
        d.confidence = d.speaker ? 0.6 : 0.4;
        std::string id = m_builder.add_claim(d);
        if (d.speaker) m_recent_speakers.emplace_back(si, *d.speaker);
        if (direct) remember_direct(d, std::move(id));
        return true;
    }

    // ---------------------------------------------------------------------------------------
    // Patterns over the dependency parse (the nlp extractor). A cue is a verb of the lexicon;
    // its source is its subject (or the agent of a passive, or the subject it shares with the
    // verb it is coordinated with); its content is its clausal complement, an adjacent
    // quotation, the clause it interrupts ("..., the source added."), or its object or
    // infinitive for the words that take one. Every cue of a sentence is tried.

    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    // A quotation over one or more sentences: from its opening mark to its closing mark, or to
    // the end of the paragraph when it is left open.
    struct Region {
        int s0;
        std::size_t t0;  // first token of the opening mark
        int s1;
        std::size_t t1;  // first token of the closing mark, or tokens.size() when left open
        ByteSpan inner;
        bool used = false;
    };

    // Length in tokens of a quotation mark at i: 1, 2 for '' and ``, 0 when none.
    static int mark_length(const std::vector<Token>& toks, std::size_t i) {
        const std::string& f = toks[i].form;
        if (f == "\u201C" || f == "\u201D" || f == "\"" || f == "``" || f == "''" || f == "\u201E") return 1;
        if ((f == "'" || f == "`") && i + 1 < toks.size() && toks[i + 1].form == f && toks[i + 1].start == toks[i].end)
            return 2;
        return 0;
    }
    static bool opening_only(const std::string& f) { return f == "\u201C" || f == "``" || f == "`" || f == "\u201E"; }
    static bool closing_only(const std::string& f) { return f == "\u201D" || f == "''"; }

    bool paragraph_break_before(int si) const {
        if (si <= 0) return true;
        const auto& prev = m_sentences[static_cast<std::size_t>(si - 1)];
        const auto& cur = m_sentences[static_cast<std::size_t>(si)];
        if (prev.tokens.empty() || cur.tokens.empty()) return true;
        return m_body.find('\n', prev.tokens.back().end) < cur.tokens.front().start;
    }

    void find_regions() {
        m_region_of.assign(m_sentences.size(), {});
        m_mark_of.assign(m_sentences.size(), {});
        for (std::size_t si = 0; si < m_sentences.size(); ++si) {
            m_region_of[si].assign(m_sentences[si].tokens.size(), -1);
            m_mark_of[si].assign(m_sentences[si].tokens.size(), -1);
        }
        std::optional<Region> open;
        auto close_at = [&](int s1, std::size_t t1, std::size_t end_byte) {
            Region r = *open;
            r.s1 = s1;
            r.t1 = t1;
            r.inner.end = end_byte;
            if (r.inner.end > r.inner.start) m_regions.push_back(r);
            open.reset();
        };
        for (std::size_t si = 0; si < m_sentences.size(); ++si) {
            const auto& toks = m_sentences[si].tokens;
            int s = static_cast<int>(si);
            if (open && paragraph_break_before(s)) {
                const auto& prev = m_sentences[si - 1].tokens;
                close_at(s - 1, prev.size(), prev.back().end);
            }
            for (std::size_t i = 0; i < toks.size(); ++i) {
                int len = mark_length(toks, i);
                if (!len) continue;
                const std::string& f = toks[i].form;
                std::size_t after = toks[i + static_cast<std::size_t>(len) - 1].end;
                bool opens;
                if (opening_only(f)) opens = true;
                else if (closing_only(f) || f == "'") opens = !open;
                else opens = !open;  // a straight mark alternates
                if (opens && open) {  // an opening mark while one is open: the first was never closed
                    close_at(s, i, toks[i].start);
                }
                if (opens) {
                    open = Region{s, i, s, i, {after, after}};
                } else if (open) {
                    close_at(s, i, toks[i].start);
                    m_mark_of[si][i] = static_cast<int>(m_regions.size()) - 1;
                }
                i += static_cast<std::size_t>(len) - 1;
            }
        }
        if (open && !m_sentences.empty()) close_at(static_cast<int>(m_sentences.size()) - 1, m_sentences.back().tokens.size(), m_sentences.back().tokens.back().end);
        for (std::size_t r = 0; r < m_regions.size(); ++r) {
            const Region& q = m_regions[r];
            for (int s = q.s0; s <= q.s1; ++s) {
                auto& marks = m_region_of[static_cast<std::size_t>(s)];
                std::size_t from = s == q.s0 ? q.t0 : 0;
                std::size_t to = s == q.s1 ? std::min(q.t1, marks.size()) : marks.size();
                for (std::size_t t = from; t < to; ++t) marks[t] = static_cast<int>(r);
            }
            m_mark_of[static_cast<std::size_t>(q.s0)][q.t0] = static_cast<int>(r);
        }
    }

    // The opening mark token belongs to the region (m_region_of), the closing one does not; a
    // token is quoted when it lies strictly inside.
    bool quoted_token(int si, std::size_t t) const {
        int r = m_region_of[static_cast<std::size_t>(si)][t];
        if (r < 0) return false;
        const Region& q = m_regions[static_cast<std::size_t>(r)];
        return !(q.s0 == si && q.t0 == t);
    }

    struct Parse {
        std::vector<std::vector<std::size_t>> kids;
        std::vector<std::size_t> lo, hi;  // subtree span [lo, hi)
        std::vector<std::size_t> head;    // kNone for the root
    };

    static Parse parse_of(const std::vector<Token>& toks) {
        Parse p;
        std::size_t n = toks.size();
        p.kids.assign(n, {});
        p.lo.resize(n);
        p.hi.resize(n);
        p.head.assign(n, kNone);
        for (std::size_t i = 0; i < n; ++i) {
            p.lo[i] = i;
            p.hi[i] = i + 1;
            int h = toks[i].head;
            if (h > 0 && static_cast<std::size_t>(h) <= n && static_cast<std::size_t>(h - 1) != i) {
                p.head[i] = static_cast<std::size_t>(h - 1);
                p.kids[p.head[i]].push_back(i);
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            std::size_t a = p.head[i];
            for (int guard = 0; a != kNone && guard < 64; ++guard, a = p.head[a]) {
                p.lo[a] = std::min(p.lo[a], i);
                p.hi[a] = std::max(p.hi[a], i + 1);
            }
        }
        return p;
    }

    static bool rel_is(const Token& t, std::string_view rel) {
        return t.deprel == rel || (t.deprel.size() > rel.size() && t.deprel.compare(0, rel.size(), rel) == 0 &&
                                   t.deprel[rel.size()] == ':');
    }

    static std::size_t child(const std::vector<Token>& toks, const Parse& p, std::size_t h, std::string_view rel,
                             bool exact = false) {
        for (std::size_t k : p.kids[h])
            if (exact ? toks[k].deprel == rel : rel_is(toks[k], rel)) return k;
        return kNone;
    }

    static bool t_is_participle(const Token& t) { return t.xpos == "VBN" || lower(t.form).ends_with("ed"); }

    // The child with this relation nearest to h: "Also on the list were numbers ..., the
    // consortium reported" has two subjects after a misparse; the cue's own is the nearer.
    static std::size_t nearest_child(const std::vector<Token>& toks, const Parse& p, std::size_t h, std::string_view rel) {
        std::size_t best = kNone;
        for (std::size_t k : p.kids[h])
            if (rel_is(toks[k], rel) && (best == kNone || (k > h ? k - h : h - k) < (best > h ? best - h : h - best)))
                best = k;
        return best;
    }

    static bool has_word_child(const std::vector<Token>& toks, const Parse& p, std::size_t h,
                               std::initializer_list<std::string_view> words) {
        for (std::size_t k : p.kids[h]) {
            std::string w = lower(toks[k].form);
            for (auto x : words)
                if (w == x) return true;
        }
        return false;
    }

    static bool negated(const std::vector<Token>& toks, const Parse& p, std::size_t h) {
        for (std::size_t k : p.kids[h]) {
            std::string w = lower(toks[k].form);
            if ((toks[k].deprel == "advmod" || toks[k].deprel == "neg") &&
                (w == "not" || w == "n't" || w == "never" || w == "n\u2019t"))
                return true;
        }
        return false;
    }

    static bool relative_pronoun(const Token& t) {
        std::string w = lower(t.form);
        return w == "who" || w == "which" || w == "that" || w == "whom";
    }

    // Trims punctuation and quotation marks at the edges of a token range.
    static void trim_tokens(const std::vector<Token>& toks, std::size_t& b, std::size_t& e) {
        auto edge = [&](std::size_t i) {
            const auto& t = toks[i];
            return t.upos == "PUNCT" && t.form != "\u201C" && t.form != "\u201D" && t.form != "\"" && t.form != "'";
        };
        while (b < e && (edge(b) || toks[b].form == "," )) ++b;
        while (e > b && (edge(e - 1) || toks[e - 1].form == ",")) --e;
    }

    struct Found {
        std::size_t src = kNone;           // head token of the source
        std::size_t src_lo = 0, src_hi = 0;
        std::optional<std::string> reported_by;
        std::optional<std::string> speaker;  // set when the source is resolved another way
        std::string speaker_text;            // set when it is not the source span
        ByteSpan content;
        int region = -1;                     // the quotation that is the content, if any
        bool direct = false;
        std::string cue;
        const char* kind = "speech";
        Stance stance = Stance::Assert;
    };

    void parsed_sentence(int si) {
        const auto& toks = m_sentences[static_cast<std::size_t>(si)].tokens;
        if (toks.empty()) return;
        Parse p = parse_of(toks);
        std::vector<bool> consumed(toks.size(), false);
        for (std::size_t i = 0; i + 2 < toks.size(); ++i)
            if (!quoted_token(si, i) && lower(toks[i].form) == "according" && lower(toks[i + 1].form) == "to")
                according_to(si, toks, i);
        neither_nor(si, toks, consumed);
        final_frame(si, toks, consumed);
        interrupting_frame(si, toks, consumed);
        participle_frame(si, toks, p, consumed);
        as_frame(si, toks, consumed);
        transcript_turn(si);
        dash_attribution(si);
        for (std::size_t c = 0; c < toks.size(); ++c) {
            if (consumed[c] || quoted_token(si, c)) continue;
            const Token& t = toks[c];
            if (t.upos == "NOUN") {
                if (!misread_verb(si, toks, p, c)) nominal_cue(si, toks, p, c);
                continue;
            }
            if (t.upos != "VERB") continue;
            const Cue* cue = parsed_cue(t);
            if (!cue) cue = clause_cue(toks, p, c);
            if (!cue) continue;
            Found f;
            if (!cue_source(si, toks, p, c, *cue, f, consumed)) continue;
            if (!*cue->lemma) f.cue = lower(t.lemma.empty() || t.lemma == "_" ? t.form : t.lemma);
            if (!f.content.end && !cue_content(si, toks, p, c, *cue, f, consumed)) continue;
            emit(si, toks, p, c, f);
        }
        quote_frames(si, p);
        quoted_fragments(si, toks, p);
        continuation(si);
    }

    // The words [sb, se) of sentence `si` as a claim's source: the actor they name and the words.
    void speaker_words(int si, const std::vector<Token>& toks, std::size_t sb, std::size_t se, Found& f) {
        f.speaker = speaker_actor(si, sb, se);
        f.speaker_text = m_body.substr(toks[sb].start, toks[se - 1].end - toks[sb].start);
    }

    static bool holds_verb(const std::vector<Token>& toks, std::size_t b, std::size_t e) {
        for (std::size_t k = b; k < e; ++k)
            if (toks[k].upos == "VERB" || toks[k].upos == "AUX") return true;
        return false;
    }

    // "..., said one GOP source in the room." / "..., the consortium reported on Monday.": a
    // reporting frame after the last comma of a sentence gives the speaker of everything before
    // it, whatever the parse made of the sentence (parsers like to read the speaker as the
    // object of "said"). Direct quotations are left to the quotation patterns.
    void final_frame(int si, const std::vector<Token>& toks, std::vector<bool>& consumed) {
        std::size_t e = toks.size();
        while (e > 0 && (toks[e - 1].form == "." || toks[e - 1].form == "!")) --e;
        if (e < 6 || e != toks.size() - 1 || quoted_token(si, e - 1) || mark_length(toks, e - 1)) return;
        std::size_t comma = e;
        while (comma > 0 && e - comma < 26 && toks[comma - 1].form != ",") --comma;
        if (comma == 0 || toks[comma - 1].form != ",") return;
        comma -= 1;  // the comma's index
        if (comma < 4 || mark_length(toks, comma - 1) || mark_length(toks, 0)) return;
        auto speech = [&](std::size_t k, bool object_ok) -> const Cue* {
            if (toks[k].upos != "VERB") return nullptr;
            const Cue* cue = find_cue(toks[k]);
            bool takes_object = cue && (cue->takes == 'o' || cue->takes == 'b');
            return cue && std::string_view(cue->kind) == "speech" && cue->stance == Stance::Assert &&
                           (object_ok || !takes_object) ? cue : nullptr;
        };
        std::size_t sb, se, v;
        // verb first, the speaker ends the sentence: a cue that may take an object ("noted") is
        // inverted too, as long as it is finite and a name or determiner follows it
        bool finite = toks[comma + 1].xpos == "VBD" || toks[comma + 1].xpos == "VBZ";
        const Cue* cue = speech(comma + 1, finite);
        if (cue) {  // ", said one GOP source in the room.", ", noted NBC's Dante Chinni."
            v = comma + 1;
            sb = v + 1;
            se = e;
            if (se <= sb || se - sb > 12 || !opens_speaker(toks[sb])) return;
            for (std::size_t k = sb; k < se; ++k)
                if (toks[k].upos == "VERB" || toks[k].upos == "AUX" || toks[k].form == ",") return;
        } else {  // ", the consortium reported [on Monday]."
            v = comma + 2;
            while (v < e && v < comma + 8 && !(cue = speech(v, false))) {
                if (toks[v].upos == "VERB" || toks[v].upos == "AUX") return;
                ++v;
            }
            if (!cue || !opens_speaker(toks[comma + 1])) return;
            sb = comma + 1;
            se = v;
            for (std::size_t k = v + 1; k < e; ++k)  // only adverbials after the cue
                if (toks[k].upos == "VERB" || toks[k].upos == "AUX" || lower(toks[k].form) == "that") return;
        }
        if (consumed[v]) return;
        // the content: the clause before the comma, which must hold a verb of its own
        std::size_t cb = 0, ce = comma;
        trim_tokens(toks, cb, ce);
        bool verb = holds_verb(toks, cb, ce);
        if (!verb || ce - cb < 4) return;
        Found f;
        f.cue = cue->lemma;
        f.kind = cue->kind;
        f.content = {toks[cb].start, toks[ce - 1].end};
        m_finding = false;
        speaker_words(si, toks, sb, se, f);
        consumed[v] = true;
        emit_found(si, f);
    }

    // "The latest test, North Korea said, was its biggest yet.", "If this fails, Mr. Castañeda
    // argues, there are other tools.": a reporting frame between two commas inside a sentence
    // attributes the sentence around it. The claim has two fragments, as an interrupted
    // quotation does: the frame between them stays the outlet's.
    void interrupting_frame(int si, const std::vector<Token>& toks, std::vector<bool>& consumed) {
        std::size_t n = toks.size();
        std::size_t end = n;
        while (end > 0 && (toks[end - 1].form == "." || toks[end - 1].form == "!" || toks[end - 1].form == "?")) --end;
        auto speech = [&](std::size_t k) -> const Cue* {
            if (quoted_token(si, k)) return nullptr;
            bool finite = toks[k].upos == "VERB" && (toks[k].xpos == "VBD" || toks[k].xpos == "VBZ" || toks[k].xpos == "VBP");
            // ", Mr. Castaneda argues,": a third-person verb after a name, read as a plural noun
            bool misread = toks[k].xpos == "NNS" && k > 0 && k + 1 < toks.size() && toks[k + 1].form == "," &&
                           (toks[k - 1].upos == "PROPN" || toks[k - 1].upos == "PRON");
            if (!finite && !misread) return nullptr;
            const Cue* cue = misread ? cue_of_form(lower(toks[k].form)) : find_cue(toks[k]);
            return cue && std::string_view(cue->kind) == "speech" && cue->stance == Stance::Assert ? cue : nullptr;
        };
        for (std::size_t c1 = 1; c1 + 3 < end; ++c1) {
            if (toks[c1].form != "," || quoted_token(si, c1)) continue;
            std::size_t c2 = c1 + 1;  // the comma that closes the frame
            while (c2 < end && c2 < c1 + 10 && toks[c2].form != "," && !mark_length(toks, c2)) ++c2;
            if (c2 >= end || toks[c2].form != "," || c2 + 2 >= end || c2 < c1 + 3) continue;
            std::size_t v = kNone, sb, se;
            const Cue* cue = nullptr;
            if ((cue = speech(c1 + 1))) {  // ", said Mr. King,"
                v = c1 + 1;
                sb = v + 1;
                se = c2;
            } else {  // ", North Korea said,"  ", Mr. Castañeda argues,"
                for (std::size_t k = c1 + 2; k < c2 && !cue; ++k)
                    if ((cue = speech(k))) v = k;
                if (!cue || v + 1 != c2) continue;  // the cue ends the frame
                sb = c1 + 1;
                se = v;
            }
            if (se <= sb || !opens_speaker(toks[sb]) || consumed[v]) continue;
            bool clean = true;
            for (std::size_t k = sb; k < se; ++k)
                clean = clean && toks[k].upos != "VERB" && toks[k].upos != "AUX" && !mark_length(toks, k);
            if (!clean) continue;
            // the two parts: both hold words, the second a verb of its own
            std::size_t ab = 0, ae = c1, bb = c2 + 1, be = end;
            trim_tokens(toks, ab, ae);
            trim_tokens(toks, bb, be);
            bool verb = holds_verb(toks, bb, be);
            if (ae <= ab || be < bb + 2 || !verb) continue;
            Found f;
            f.cue = cue->lemma;
            f.kind = cue->kind;
            f.content = {toks[ab].start, toks[ae - 1].end};
            m_finding = false;
            speaker_words(si, toks, sb, se, f);
            consumed[v] = true;
            std::size_t before = m_builder.current().claims.size();
            emit_found(si, f);
            if (m_builder.current().claims.size() == before + 1) {
                ByteSpan second{toks[bb].start, toks[be - 1].end};
                m_builder.extend_claim(m_builder.current().claims.back().id, second);
                mark_claimed(second.start, second.end);
            }
            return;
        }
    }

    // "The groups granted Mr. Clarke an extension, saying his capital was short.": a reporting
    // participle after a comma speaks for the subject of the sentence, and what follows it is the
    // content. Read off the words, since parsers attach such participles almost anywhere.
    void participle_frame(int si, const std::vector<Token>& toks, const Parse& p, std::vector<bool>& consumed) {
        std::size_t n = toks.size();
        for (std::size_t c = 2; c + 2 < n; ++c) {
            if (toks[c - 1].form != "," || toks[c].xpos != "VBG" || consumed[c] || quoted_token(si, c)) continue;
            const Cue* cue = find_cue(toks[c]);
            if (!cue || std::string_view(cue->kind) != "speech" || cue->takes == 'o' || cue->takes == 'b') continue;
            // the subject of the sentence: the root's, before the participle; when the parser put
            // the root after it (the participle's content taken for the main clause), the first
            // verb before the participle on its way up to the root
            std::size_t root = kNone;
            for (std::size_t k = 0; k < n; ++k)
                if (p.head[k] == kNone && toks[k].upos == "VERB") root = k;
            if (root != kNone && root > c) {
                root = kNone;
                for (std::size_t k = p.head[c], steps = 0; k != kNone && steps < n; k = p.head[k], ++steps)
                    if (k < c && toks[k].upos == "VERB") {
                        root = k;
                        break;
                    }
            }
            if (root == kNone || root > c) continue;
            std::size_t subj = nearest_child(toks, p, root, "nsubj");
            if (subj == kNone || subj > root || toks[subj].deprel == "nsubj:pass" || relative_pronoun(toks[subj])) continue;
            std::size_t sb = p.lo[subj], se = std::min(p.hi[subj], root);
            if (se <= sb || se - sb > 12 || !opens_speaker(toks[sb])) continue;
            Found f;
            std::size_t b = c + 1;
            if (toks[b].form == ",") ++b;
            if (b < n && lower(toks[b].form) == "that") ++b;
            int r = b < n ? m_mark_of[static_cast<std::size_t>(si)][b] : -1;
            if (r >= 0 && m_regions[static_cast<std::size_t>(r)].s0 == si && m_regions[static_cast<std::size_t>(r)].t0 == b) {
                if (!take_region(r, f)) continue;  // saying, "..."
            } else {
                std::size_t e = n;
                trim_tokens(toks, b, e);
                if (e < b + 3) continue;
                f.content = {toks[b].start, toks[e - 1].end};
            }
            f.cue = cue->lemma;
            f.kind = cue->kind;
            m_finding = false;
            speaker_words(si, toks, sb, se, f);
            consumed[c] = true;
            emit_found(si, f);
            return;
        }
    }

    // "As the Post reported last week, the council ...", "If, as I've suggested, he ...", "...,
    // as the mayor said on Monday.": an "as" clause with a source and a reporting verb attributes
    // the clause it is attached to, the one after it or, at the end of the sentence, the one
    // before it.
    void as_frame(int si, const std::vector<Token>& toks, std::vector<bool>& consumed) {
        std::size_t n = toks.size();
        for (std::size_t a = 0; a + 3 < n; ++a) {
            if (lower(toks[a].form) != "as" || quoted_token(si, a) || (a > 0 && toks[a - 1].form != ",")) continue;
            // the source and the cue: "as SOURCE [has|had|also] CUE [adverbials] ,|."
            std::size_t v = a + 1;
            const Cue* cue = nullptr;
            for (; v < n && v < a + 10 && toks[v].form != "," && toks[v].form != "."; ++v)
                if (toks[v].upos == "VERB" && (cue = find_cue(toks[v]))) break;
            if (!cue || consumed[v] || v == a + 1 || std::string_view(cue->kind) == "intention") continue;
            std::size_t sb = a + 1, se = v;
            while (se > sb && (toks[se - 1].upos == "AUX" || toks[se - 1].upos == "ADV" || toks[se - 1].upos == "PART")) --se;
            if (se <= sb || !opens_speaker(toks[sb])) continue;
            bool clean = true;
            for (std::size_t k = sb; k < se; ++k) clean = clean && toks[k].upos != "VERB" && toks[k].form != ",";
            if (!clean) continue;
            std::size_t comma = v + 1;  // the end of the "as" clause
            while (comma < n && comma < v + 8 && toks[comma].form != "," && toks[comma].form != ".") ++comma;
            if (comma >= n || comma >= v + 8) continue;
            std::size_t b, e;
            if (toks[comma].form == ",") {  // the content follows
                b = comma + 1;
                e = n;
            } else {  // "..., as the mayor said on Monday."
                if (a < 4) continue;
                b = 0;
                e = a;
            }
            trim_tokens(toks, b, e);
            if (e < b + 3) continue;
            Found f;
            f.cue = cue->lemma;
            f.kind = cue->kind;
            f.content = {toks[b].start, toks[e - 1].end};
            m_finding = std::string_view(cue->kind) == "finding";
            speaker_words(si, toks, sb, se, f);
            consumed[v] = true;
            emit_found(si, f);
            return;
        }
    }

    // Verbs of manner of speaking: they frame a quotation ("...," she yelled) but are too vague
    // to be cues of indirect speech.
    static constexpr std::array kMannerOfSpeaking = {"shout", "yell", "scream", "sing", "chant", "exclaim",
                                                     "quip", "muse", "whisper", "cry", "boast", "wonder",
                                                     "marvel", "recount", "gush", "snap", "laugh", "sigh"};

    // The cue of a word that frames a quotation: a speech cue of the lexicon or a verb of manner
    // of speaking, as a finite verb or participle.
    static std::optional<std::string> frame_cue(const Token& t) {
        if (t.upos != "VERB") return std::nullopt;
        if (const Cue* cue = find_cue(t); cue && std::string_view(cue->kind) == "speech" && *cue->lemma)
            return std::string(cue->lemma);
        std::string lemma = lower(t.lemma.empty() || t.lemma == "_" ? t.form : t.lemma);
        if (in(kMannerOfSpeaking, lemma)) return lemma;
        return std::nullopt;
    }

    // A word that may open a speaker: a name, a pronoun, a determiner ("the ruling") or a number
    // ("one GOP source").
    static bool opens_speaker(const Token& t) {
        return capitalised(t) || t.upos == "PRON" || t.upos == "DET" || t.upos == "PROPN" || t.upos == "NUM";
    }

    // A quotation no parsed pattern claimed, read off the words around it, for parses that
    // attach the speaker elsewhere ("...from within," Mr. Clarke said. with "Mr. Clarke" read as
    // the object of "from"):
    //   "...," Mr. Clarke said [Friday].     "...?" asked the ruling.     "...!" she yelled.
    //   Limbaugh continued: "..."            He said, "..."                He said:\n\n"..."
    void quote_frames(int si, const Parse& p) {
        const auto& toks = m_sentences[static_cast<std::size_t>(si)].tokens;
        const auto& marks = m_mark_of[static_cast<std::size_t>(si)];
        for (std::size_t i = 0; i < toks.size(); ++i) {
            if (marks[i] < 0) continue;
            std::size_t r = static_cast<std::size_t>(marks[i]);
            if (m_regions[r].used) continue;
            if (m_regions[r].s1 == si && m_regions[r].t1 == i) {
                if (auto f = trailing_frame(toks, i)) emit_framed(si, toks, r, f->sb, f->se, f->cue);
            } else if (m_regions[r].s0 == si && m_regions[r].t0 == i) leading_frame(si, toks, p, r, i);
        }
    }

    // "Reid has gone after Trump as a “human leech”", "Cruz exhorted Republicans to “vote your
    // conscience”": a quoted fragment inside a clause whose subject is a known actor gives that
    // actor's words; the content is the verb's complement that holds the fragment. Short titles
    // and quotations a cue already took are left alone.
    void quoted_fragments(int si, const std::vector<Token>& toks, const Parse& p) {
        const auto& marks = m_mark_of[static_cast<std::size_t>(si)];
        for (std::size_t i = 1; i < toks.size(); ++i) {
            if (marks[i] < 0) continue;
            Region& q = m_regions[static_cast<std::size_t>(marks[i])];
            if (q.used || q.s0 != si || q.t0 != i || q.s1 != si || q.t1 >= toks.size()) continue;
            std::size_t first = i + static_cast<std::size_t>(std::max(1, mark_length(toks, i)));
            if (first >= q.t1) continue;
            // a fragment inside a claim already made is that claim's ("said it shut down accounts
            // that were "confirmed to ...""), even where the content stops short of the closing mark
            bool claimed = std::any_of(m_claimed.begin(), m_claimed.end(), [&](const auto& c) {
                return c.first < q.inner.end && q.inner.start < c.second;
            });
            if (claimed) continue;
            // the verb that governs the fragment, and its subject before it
            std::size_t v = p.head[first];
            for (int guard = 0; v != kNone && guard < 8 && toks[v].upos != "VERB"; ++guard) v = p.head[v];
            if (v == kNone || v >= i || quoted_token(si, v)) continue;
            std::size_t subj = nearest_child(toks, p, v, "nsubj");
            if (subj == kNone || subj > v || toks[subj].deprel == "nsubj:pass" || relative_pronoun(toks[subj])) continue;
            std::size_t sb = p.lo[subj], se = std::min(p.hi[subj], v);
            while (se > sb && toks[se - 1].form == ",") --se;
            if (se <= sb || se - sb > 12) continue;
            m_finding = false;
            std::optional<std::string> actor = speaker_actor(si, sb, se);
            if (!actor) continue;  // only a known speaker's words: scare quotes are the outlet's
            std::size_t e = q.t1 + static_cast<std::size_t>(std::max(1, mark_length(toks, q.t1)));
            for (std::size_t k : p.kids[v])
                if (k > v && p.lo[k] <= i && p.hi[k] >= q.t1) e = std::max(e, p.hi[k]);
            std::size_t b = v + 1;
            trim_tokens(toks, b, e);
            if (e <= b) continue;
            Found f;
            f.cue = lower(toks[v].lemma.empty() || toks[v].lemma == "_" ? toks[v].form : toks[v].lemma);
            f.content = {toks[b].start, toks[e - 1].end};
            f.speaker = actor;
            f.speaker_text = m_body.substr(toks[sb].start, toks[se - 1].end - toks[sb].start);
            q.used = true;
            emit_found(si, f);
        }
    }

    struct Frame {
        std::size_t sb = 0, se = 0;  // the speaker's words
        std::string cue;
    };

    // `"...," SPEAKER VERB ...` or `"...," VERB SPEAKER ...` after the closing mark at `close`.
    static std::optional<Frame> trailing_frame(const std::vector<Token>& toks, std::size_t close) {
        if (close == 0 || close >= toks.size()) return std::nullopt;
        const std::string& last = toks[close - 1].form;  // the quotation's own last word
        if (last != "," && last != "?" && last != "!" && !dash(last) && last != "..." && last != "\u2026")
            return std::nullopt;
        std::size_t k = close + static_cast<std::size_t>(std::max(1, mark_length(toks, close)));
        std::size_t end = k;  // the frame: up to the sentence's end or the next quotation
        while (end < toks.size() && !mark_length(toks, end)) ++end;
        while (end > k && (toks[end - 1].form == "." || toks[end - 1].form == "," || toks[end - 1].form == ";")) --end;
        if (end <= k + 1) return std::nullopt;
        Frame f;
        if (auto cue = frame_cue(toks[k])) {  // "...," said Mr. Reyes, the bank's spokesman.
            if (!opens_speaker(toks[k + 1])) return std::nullopt;
            f = {k + 1, end, *cue};
        } else {  // "...," Mr. Clarke said at the time.
            if (!opens_speaker(toks[k])) return std::nullopt;
            bool apposition = false;
            for (std::size_t v = k + 1; v < end && v < k + 30; ++v) {
                if ((cue = frame_cue(toks[v]))) {
                    f = {k, v, *cue};
                    break;
                }
                if (toks[v].form == ",") apposition = true;
                if (!apposition && (toks[v].upos == "VERB" || toks[v].upos == "AUX")) return std::nullopt;
            }
            if (!cue) return std::nullopt;
            while (f.se > f.sb && toks[f.se - 1].form == ",") --f.se;
        }
        if (f.se <= f.sb || f.se - f.sb > 30) return std::nullopt;
        return f;
    }

    // The region names its own speaker after it, in a frame of a later sentence or a signature:
    // it is not a continuation of the last speaker's words.
    bool framed_later(const Region& q, int si) const {
        if (signature_after(q)) return true;
        if (q.s1 <= si) return false;
        return trailing_frame(m_sentences[static_cast<std::size_t>(q.s1)].tokens, q.t1).has_value();
    }

    // `SPEAKER VERB: "..."`, `SPEAKER VERB, "..."`, or a colon ending the sentence before a
    // quotation that opens the next one, with the opening mark at `open`.
    void leading_frame(int si, const std::vector<Token>& toks, const Parse& p, std::size_t r, std::size_t open) {
        int fs = si;  // the frame's sentence
        const std::vector<Token>* ft = &toks;
        std::size_t punct;
        if (open >= 2) {
            punct = open - 1;
        } else if (open == 0 && si > 0 && toks.size() > 1) {
            fs = si - 1;
            ft = &m_sentences[static_cast<std::size_t>(fs)].tokens;
            if (ft->size() < 3 || ft->back().form != ":") return;
            punct = ft->size() - 1;
        } else {
            return;
        }
        const std::string& pf = (*ft)[punct].form;
        if (pf != ":" && pf != ",") return;
        std::size_t v = punct - 1;
        std::optional<std::string> cue = frame_cue((*ft)[v]);
        Parse fp;
        const Parse* pp = &p;
        if (fs != si) {
            fp = parse_of(*ft);
            pp = &fp;
        }
        std::size_t verb = v;
        if (!cue && pf == ":" && (*ft)[v].upos == "NOUN") {  // "made the following comment:"
            const Cue* noun = find_cue((*ft)[v]);
            if (!noun || std::string_view(noun->kind) != "speech" || pp->head[v] == kNone) return;
            cue = noun->lemma;
            verb = pp->head[v];
        }
        if (!cue) return;
        std::size_t subj = nearest_child(*ft, *pp, verb, "nsubj");
        std::size_t sb, se;
        if (subj != kNone && subj < verb && !relative_pronoun((*ft)[subj])) {
            sb = pp->lo[subj];
            se = std::min(pp->hi[subj], verb);
        } else {  // the parse has none ("Limbaugh" read as an adverb): the words before the verb
            sb = verb;
            while (sb > 0 && verb - sb < 15 && (*ft)[sb - 1].form != ";" && (*ft)[sb - 1].form != ":" &&
                   !mark_length(*ft, sb - 1))
                --sb;
            se = verb;
            for (std::size_t k = sb; k < verb && (*ft)[k].form != ","; ++k)  // an apposition may hold a verb
                if ((*ft)[k].upos == "VERB" || (*ft)[k].upos == "AUX") return;
        }
        while (se > sb && (*ft)[se - 1].form == ",") --se;
        if (se <= sb || se - sb > 30 || !opens_speaker((*ft)[sb])) return;
        emit_framed(fs, *ft, r, sb, se, *cue, si);
    }

    // A direct claim for region `r` spoken by the words [sb, se) of sentence `fs`; the actor is
    // named before any apposition, bracket or prepositional phrase ("Rep. John Mica (R-Fla.)",
    // "Cameron Easley for Morning Consult").
    void emit_framed(int fs, const std::vector<Token>& ft, std::size_t r, std::size_t sb, std::size_t se,
                     const std::string& cue, int si = -1) {
        std::size_t head_end = sb + 1;
        while (head_end < se && ft[head_end].form != "," && ft[head_end].form != "(" &&
               !(ft[head_end].upos == "ADP" && ft[head_end].xpos != "POS"))
            ++head_end;
        Found f;
        f.cue = cue;
        f.direct = true;
        f.region = static_cast<int>(r);
        f.content = m_regions[r].inner;
        m_finding = false;
        f.speaker = speaker_actor(fs, sb, head_end);
        f.speaker_text = m_body.substr(ft[sb].start, ft[se - 1].end - ft[sb].start);
        emit_found(si >= 0 ? si : fs, f);
    }

    // "Video shows that ...", "The Tax Policy Center plans to release ...": a tagger may read a
    // third-person verb after a noun as a plural noun. Such a word is taken as the cue when the
    // noun phrase before it opens the clause and what follows reads as its complement: "that", an
    // infinitive for the cues that take one, or the start of a clause or noun phrase.
    bool misread_verb(int si, const std::vector<Token>& toks, const Parse& p, std::size_t c) {
        (void)p;
        const Token& t = toks[c];
        std::size_t n = toks.size();
        if (c == 0 || c + 2 >= n) return false;
        std::size_t np_end = c;
        if (t.xpos != "NNS" || !lower(t.form).ends_with("s")) return false;
        // the subject: a noun phrase ending in a noun right before the cue ("Clinton's plans" is
        // a noun phrase of its own)
        if (toks[np_end - 1].upos != "NOUN" && toks[np_end - 1].upos != "PROPN") return false;
        std::size_t b = np_end - 1;
        while (b > 0 && np_end - b < 8) {
            const Token& w = toks[b - 1];
            bool np = w.upos == "NOUN" || w.upos == "PROPN" || w.upos == "ADJ" || w.upos == "DET" ||
                      w.upos == "NUM" || w.xpos == "POS" || w.xpos == "PRP$";
            if (!np) break;
            --b;
        }
        if (b > 0) {
            const Token& w = toks[b - 1];
            bool boundary = w.form == "," || w.form == ";" || w.form == ":" || w.upos == "CCONJ" ||
                            lower(w.form) == "that" || mark_length(toks, b - 1);
            if (!boundary) return false;
        }
        const Cue* cue = parsed_cue(t);  // looked up last: most plural nouns fail the checks above
        if (!cue || cue->stance != Stance::Assert) return false;
        std::string next = lower(toks[c + 1].form);
        std::size_t cb;
        if (next == "that") cb = c + 2;
        else if (next == "to" && (cue->takes == 'x' || cue->takes == 'b') && toks[c + 2].upos == "VERB") cb = c + 1;
        else if (std::string_view(cue->kind) != "intention" &&
                 (toks[c + 1].upos == "DET" || toks[c + 1].upos == "PROPN" || toks[c + 1].upos == "NUM" ||
                  (toks[c + 1].upos == "PRON" && toks[c + 1].xpos == "PRP")))
            cb = c + 1;
        else return false;
        std::size_t ce = n;
        trim_tokens(toks, cb, ce);
        if (ce <= cb + 1) return false;
        Found f;
        f.cue = cue->lemma;
        f.kind = cue->kind;
        f.stance = cue->stance;
        f.src = np_end - 1;
        f.src_lo = b;
        f.src_hi = np_end;
        f.content = {toks[cb].start, toks[ce - 1].end};
        m_finding = std::string_view(cue->kind) == "finding";
        f.speaker = speaker_actor(si, b, np_end);
        f.speaker_text = m_body.substr(toks[b].start, toks[np_end - 1].end - toks[b].start);
        emit_found(si, f);
        return true;
    }

    static bool dash(const std::string& f) { return f == "\u2015" || f == "\u2014" || f == "\u2013" || f == "--"; }

    // Capitalised words from `b` to the end of the sentence or a comma, at most five: the name
    // that signs a quotation. The end of the name, or kNone.
    std::size_t signature(const std::vector<Token>& toks, std::size_t b) const {
        std::size_t e = b;
        auto line_break = [&](std::size_t k) {
            return k > b && m_body.find('\n', toks[k - 1].end) < toks[k].start;
        };
        while (e < toks.size() && e < b + 6 && toks[e].form != "," && toks[e].form != "." && !dash(toks[e].form) &&
               !mark_length(toks, e) && !line_break(e))
            ++e;
        if (e == b || e - b > 5) return kNone;
        if (e < toks.size() && toks[e].form != "," && toks[e].form != "." && !line_break(e) && !mark_length(toks, e))
            return kNone;
        if (e < toks.size() && toks[e].form == "." && e + 1 < toks.size()) return kNone;
        for (std::size_t k = b; k < e; ++k)
            if (!capitalised(toks[k]) && !in(kConnectors, lower(toks[k].form))) return kNone;
        return e;
    }

    struct Signature {
        int sentence;
        std::size_t first, end;  // the name's tokens
    };

    // The dash and name that sign a quotation right after its closing mark, in its own sentence
    // or opening the next one of the same paragraph.
    std::optional<Signature> signature_after(const Region& q) const {
        const auto& toks = m_sentences[static_cast<std::size_t>(q.s1)].tokens;
        if (q.t1 >= toks.size()) return std::nullopt;
        std::size_t k = q.t1 + static_cast<std::size_t>(std::max(1, mark_length(toks, q.t1)));
        int ss = q.s1;
        const std::vector<Token>* st = &toks;
        if (k >= toks.size()) {
            if (static_cast<std::size_t>(q.s1 + 1) >= m_sentences.size() || paragraph_break_before(q.s1 + 1))
                return std::nullopt;
            ss = q.s1 + 1;
            st = &m_sentences[static_cast<std::size_t>(ss)].tokens;
            k = 0;
        }
        if (k + 1 >= st->size() || !dash((*st)[k].form)) return std::nullopt;
        std::size_t e = signature(*st, k + 1);
        if (e == kNone) return std::nullopt;
        return Signature{ss, k + 1, e};
    }

    // "“...” ― Sonya Reyes": a quotation signed with a dash and a name.
    void dash_attribution(int si) {
        // regions are in text order: a cursor keeps this linear in the article
        for (; m_signed_next < m_regions.size() && m_regions[m_signed_next].s1 <= si; ++m_signed_next) {
            std::size_t r = m_signed_next;
            Region& q = m_regions[r];
            if (q.used || q.s1 != si) continue;
            auto sig = signature_after(q);
            if (!sig) continue;
            const auto& st = m_sentences[static_cast<std::size_t>(sig->sentence)].tokens;
            Found f;
            f.cue = "say";
            f.direct = true;
            f.region = static_cast<int>(r);
            f.content = q.inner;
            m_finding = false;
            f.speaker = speaker_actor(sig->sentence, sig->first, sig->end);
            f.speaker_text = m_body.substr(st[sig->first].start, st[sig->end - 1].end - st[sig->first].start);
            emit_found(si, f);
        }
    }

    // A transcript's turn, a paragraph that opens with a speaker's name and a colon:
    // "HARTLEY: We never said that." The name is in capitals or a name the tagger found.
    void transcript_turn(int si) {
        const auto& toks = m_sentences[static_cast<std::size_t>(si)].tokens;
        if (!paragraph_break_before(si) || toks.size() < 5) return;
        std::size_t b = mark_length(toks, 0) ? static_cast<std::size_t>(mark_length(toks, 0)) : 0;
        std::size_t colon = b;
        while (colon < toks.size() && colon < b + 4 && toks[colon].form != ":") ++colon;
        if (colon == b || colon >= toks.size() || toks[colon].form != ":" || colon + 3 >= toks.size()) return;
        bool capitals = true;
        for (std::size_t k = b; k < colon; ++k) {
            const std::string& w = toks[k].form;
            bool upper = w.size() >= 2 && std::none_of(w.begin(), w.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; }) &&
                         std::any_of(w.begin(), w.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
            capitals = capitals && upper;
        }
        bool named = std::any_of(names_in(si).begin(), names_in(si).end(), [&](std::size_t k) {
            const NameSpan& n = m_names[k];
            return n.first == b && n.last == colon && n.type == ActorType::Person;
        });
        if (!capitals && !named) return;
        // the turn runs to the end of the paragraph
        int last = si;
        while (static_cast<std::size_t>(last + 1) < m_sentences.size() && !paragraph_break_before(last + 1)) ++last;
        const auto& lt = m_sentences[static_cast<std::size_t>(last)].tokens;
        std::size_t cb = colon + 1, ce = lt.size(), lb = 0;
        if (last == si) {
            trim_tokens(toks, cb, ce);
            lb = cb;
        } else {
            trim_tokens(lt, lb, ce);
        }
        while (ce > lb && mark_length(lt, ce - 1)) --ce;
        if (ce <= lb) return;
        Found f;
        f.cue = "say";
        f.direct = true;
        f.content = {toks[cb].start, lt[ce - 1].end};
        m_finding = false;
        f.speaker = speaker_actor(si, b, colon);
        f.speaker_text = m_body.substr(toks[b].start, toks[colon - 1].end - toks[b].start);
        if (int r = m_region_of[static_cast<std::size_t>(si)][0]; r >= 0 && m_regions[static_cast<std::size_t>(r)].s0 == si)
            m_regions[static_cast<std::size_t>(r)].used = true;
        emit_found(si, f);
    }

    // A verb outside the lexicon that a named or personal subject uses to put forward a "that"
    // clause ("Clinton conceded privately that ...", "the memo stresses that ..."): PolNeAR's
    // long tail of cues. Verbs that take a clause without attributing it are left out.
    static const Cue* clause_cue(const std::vector<Token>& toks, const Parse& p, std::size_t c) {
        static constexpr Cue kClause{"", "speech", Stance::Assert, '-'};
        static constexpr std::array kNotCues = {"be", "have", "do", "mean", "make", "ensure", "seem", "appear", "get",
                                                "become", "ask", "require", "order", "see", "hear", "notice",
                                                "happen", "matter", "help", "let", "wonder", "remain", "turn",
                                                "mean", "imply", "guarantee", "demand", "insure", "assure"};
        std::string l = lower(toks[c].lemma.empty() || toks[c].lemma == "_" ? toks[c].form : toks[c].lemma);
        if (in(kNotCues, l)) return nullptr;
        std::size_t subj = nearest_child(toks, p, c, "nsubj");
        if (subj == kNone || subj > c || toks[subj].deprel == "nsubj:pass") return nullptr;
        const Token& s = toks[subj];
        static constexpr std::array kPersonal = {"he", "she", "they", "we", "i", "it"};
        if (s.upos != "PROPN" && s.upos != "NOUN" && !(s.upos == "PRON" && in(kPersonal, lower(s.form)))) return nullptr;
        for (std::size_t k : p.kids[c]) {
            if (k < c || !rel_is(toks[k], "ccomp")) continue;
            for (std::size_t m : p.kids[k])
                if (toks[m].deprel == "mark" && lower(toks[m].form) == "that" && m > c) return &kClause;
        }
        return nullptr;
    }

    static bool temporal(const Token& t) {
        static constexpr std::array kTime = {"weekend", "week", "month", "year", "night", "morning", "afternoon",
                                             "evening", "today", "yesterday", "tonight"};
        std::string w = lower(t.form);
        return in(kCalendarWords, w) || in(kTime, w);
    }

    // The source of cue c, and the cue's lemma, kind and stance. False when it has none.
    bool cue_source(int si, const std::vector<Token>& toks, const Parse& p, std::size_t c, const Cue& cue, Found& f,
                    std::vector<bool>& consumed) {
        f.cue = cue.lemma;
        f.kind = cue.kind;
        f.stance = cue.stance;
        std::string lemma = cue.lemma;
        bool neg = negated(toks, p, c);
        if (lemma == "comment" || lemma == "respond" || lemma == "answer") {
            // "did not respond to requests for comment", "would not comment": a refusal
            if (!neg) {
                if (lemma == "comment") return false;
            } else {
                f.stance = Stance::Decline;
                f.cue = "decline";
                std::size_t b = c, e = p.hi[c];
                trim_tokens(toks, b, e);
                f.content = {toks[b].start, toks[e - 1].end};
            }
        } else if (neg && f.stance != Stance::Deny && f.kind == std::string_view("speech")) {
            return false;  // "did not say whether": nothing is attributed
        }
        std::size_t subj = nearest_child(toks, p, c, "nsubj");
        // "..., Moore said Friday": a date read as the subject; the name the cue governs speaks
        if (subj != kNone && temporal(toks[subj]) && p.lo[subj] + 3 >= p.hi[subj]) {
            std::size_t name = kNone;
            for (std::size_t k : p.kids[c])
                if (k != subj && toks[k].upos == "PROPN" && !temporal(toks[k]) && !rel_is(toks[k], "ccomp")) name = k;
            if (name == kNone) return false;
            subj = name;
        }
        // "It called the Forbidden Stories report “full of ...”": a cue in its bare form that is a
        // noun too, read as the verb of a small clause under the verb before it, with a subject
        // that opens with a determiner right before it, is the head of "the ... report" misread:
        // whatever it says belongs to the governing verb's subject (found by climbing below).
        if (subj != kNone && toks[c].deprel == "xcomp" && p.head[c] != kNone && p.head[c] < p.lo[subj] &&
            lower(toks[c].form) == lemma && lemma != "say" && lemma != "tell" && p.hi[subj] == c &&
            toks[p.lo[subj]].upos == "DET")
            subj = kNone;
        std::size_t agent = child(toks, p, c, "obl:agent", true);
        bool passive = child(toks, p, c, "aux:pass", true) != kNone || (subj != kNone && toks[subj].deprel == "nsubj:pass") ||
                       (subj == kNone && agent != kNone && t_is_participle(toks[c]));
        if (agent == kNone && passive)
            for (std::size_t k : p.kids[c])
                if (rel_is(toks[k], "obl") && has_word_child(toks, p, k, {"by"})) agent = k;
        // "Le Monde quoted NSO as saying ...", "Rossi was quoted by the Post as saying ...":
        // the quoted one speaks, the quoting one reports.
        if (lemma == "quote" || lemma == "cite") {
            std::size_t speaker = passive ? subj : child(toks, p, c, "obj", true);
            std::size_t reporter = passive ? agent : subj;
            for (std::size_t k : p.kids[c]) {
                const Cue* inner = find_cue(toks[k]);
                if (k <= c || !inner || speaker == kNone || !has_word_child(toks, p, k, {"as"})) continue;
                consumed[k] = true;
                set_source(toks, p, speaker, f);
                if (reporter != kNone) f.reported_by = source_actor(si, toks, p, reporter, c);
                f.cue = inner->lemma;
                f.kind = inner->kind;
                f.stance = inner->stance;
                if (!cue_content(si, toks, p, k, *inner, f, consumed)) return false;
                if (f.reported_by && f.reported_by == f.speaker) f.reported_by.reset();
                return true;
            }
        }
        if (passive) {
            if (agent == kNone) return false;  // "is expected to", "was reported": no source here
            set_source(toks, p, agent, f);
            return true;
        }
        // "X neither confirmed nor denied ...": one refusal
        for (std::size_t k : p.kids[c])
            if (toks[k].deprel == "conj" && find_cue(toks[k]) && k > c && lower(toks[k - 1].form) == "nor") {
                consumed[k] = true;
                f.stance = Stance::Decline;
                f.cue = std::string(cue.lemma) + "/" + find_cue(toks[k])->lemma;
                if (child(toks, p, c, "ccomp") == kNone && child(toks, p, k, "ccomp") != kNone) {
                    std::size_t cc = child(toks, p, k, "ccomp");
                    std::size_t b = p.lo[cc], e = p.hi[cc];
                    trim_tokens(toks, b, e);
                    f.content = {toks[b].start, toks[e - 1].end};
                }
            }
        // The subject, or the one shared with the verb this one is coordinated with or depends
        // on ("declined to comment and said", "..., adding that").
        std::size_t v = c;
        for (int up = 0; subj == kNone && up < 2; ++up) {
            const Token& tv = toks[v];
            bool climb = tv.deprel == "conj" || tv.deprel == "xcomp" ||
                         (tv.deprel == "advcl" && std::string_view(cue.kind) == "speech" &&
                          (tv.xpos == "VBG" || lower(tv.form).ends_with("ing")));
            if (!climb || p.head[v] == kNone) break;
            v = p.head[v];
            subj = nearest_child(toks, p, v, "nsubj");
            if (subj != kNone && toks[subj].deprel == "nsubj:pass") subj = kNone;
        }
        // "footage of Hillary Clinton asking, ...", "a letter calling for ...": a participle
        // that modifies a noun has that noun for source
        if (subj == kNone && toks[c].deprel == "acl" && toks[c].xpos == "VBG" && p.head[c] != kNone && p.head[c] < c &&
            (toks[p.head[c]].upos == "NOUN" || toks[p.head[c]].upos == "PROPN")) {
            std::size_t h = p.head[c];
            // "Trump unleashed a series of tweets criticizing ...", "sent a letter ..., calling
            // for ...": a document speaks for whoever issued it; "footage of Clinton asking":
            // the one it shows
            std::size_t gov = p.head[h];
            std::size_t of = kNone;
            for (std::size_t k : p.kids[h])
                if (k > h && k < c && rel_is(toks[k], "nmod") && toks[k].upos == "PROPN") of = k;
            if (of != kNone) h = of;
            else if ((toks[h].deprel == "obj" || toks[h].deprel == "nmod") && gov != kNone) {
                std::size_t v = toks[h].deprel == "nmod" && p.head[gov] != kNone && toks[gov].deprel == "obj" ? p.head[gov] : gov;
                std::size_t gs = nearest_child(toks, p, v, "nsubj");
                if (toks[h].deprel == "nmod" && v == gov) gs = kNone;
                if (gs != kNone && gs < c && toks[gs].deprel != "nsubj:pass") {
                    set_source(toks, p, gs, f);
                    return true;
                }
            }
            std::size_t b = p.lo[h], e = std::min(c, p.hi[h]);
            for (std::size_t k = h + 1; k < e; ++k)
                if (toks[k].upos == "VERB") e = k;  // "The operator issued a notice saying": the operator
            while (b < e && toks[b].upos == "ADP") ++b;
            return set_source_span(toks, h, b, e, f);
        }
        // "Cruz called Trump a liar" parsed as a noun with a reduced relative clause ("Cruz,
        // called ..."): when that noun is the root, the sentence has no other verb for it and it
        // is the cue's subject
        if (subj == kNone && toks[c].deprel == "acl" && p.head[c] != kNone && p.head[c] < c &&
            p.head[p.head[c]] == kNone && (toks[p.head[c]].upos == "NOUN" || toks[p.head[c]].upos == "PROPN") &&
            agent == kNone) {
            std::size_t h = p.head[c];
            std::size_t b = p.lo[h], e = c;
            return set_source_span(toks, h, b, e, f);
        }
        if (subj == kNone) return false;
        // "NSO denied that it ever maintained ...": a cue inside another cue's complement whose
        // subject is a pronoun for the same speaker adds no attribution of its own.
        if (toks[c].deprel == "ccomp" && p.head[c] != kNone && find_cue(toks[p.head[c]]) &&
            in(kPronouns, lower(toks[subj].form)) && p.lo[subj] + 1 == p.hi[subj])
            return false;
        // "that" for a source is a relative pronoun for the noun before it, or a misparse
        bool that = lower(toks[subj].form) == "that" && p.lo[subj] + 1 == p.hi[subj];
        if (that && !(toks[v].deprel.starts_with("acl") && p.head[v] != kNone && p.head[v] < subj)) return false;
        set_source(toks, p, subj, f);
        // a phrase that opens with a preposition ("in ways", "with Russia") is a misparse, not a source
        if (toks[f.src_lo].upos == "ADP" || toks[f.src_lo].xpos == "VBG") return false;
        if (relative_pronoun(toks[subj])) {
            // "Trump, who said ...": the speaker text is the pronoun, the actor its antecedent;
            // "an analysis that showed ...": a document speaks for whoever released it.
            f.speaker_text = m_body.substr(toks[subj].start, toks[subj].end - toks[subj].start);
            std::size_t ante = toks[v].deprel.starts_with("acl") ? p.head[v] : kNone;
            if (ante != kNone) {
                f.speaker = source_actor(si, toks, p, ante, c);
                std::size_t gov = p.head[ante];
                // "an analysis of the alleged targeting that showed ...": the clause may hang on
                // the noun after "of"; the document is the noun that one modifies.
                for (std::size_t noun = ante, up = 0; gov != kNone && up < 2 && toks[noun].deprel == "nmod"; ++up)
                    noun = gov, gov = p.head[noun];
                if (!f.speaker && gov != kNone && std::string_view(f.kind) == "finding") {
                    std::size_t gs = child(toks, p, gov, "nsubj");
                    if (gs != kNone && (f.speaker = name_at(si, gs))) {
                        f.speaker_text = m_body.substr(toks[gs].start, toks[gs].end - toks[gs].start);
                    }
                }
                // "the report that showed ...": the words of the antecedent, not "that"
                if (that && f.speaker_text == "that") {
                    std::size_t b = p.lo[ante], e = std::min(p.hi[ante], subj);
                    trim_tokens(toks, b, e);
                    if (b < e) f.speaker_text = m_body.substr(toks[b].start, toks[e - 1].end - toks[b].start);
                }
            }
        }
        return true;
    }

    // Source head h over tokens [b, e), trimmed of edge punctuation; false when nothing is left.
    static bool set_source_span(const std::vector<Token>& toks, std::size_t h, std::size_t b, std::size_t e, Found& f) {
        trim_tokens(toks, b, e);
        if (b >= e) return false;
        f.src = h;
        f.src_lo = b;
        f.src_hi = e;
        return true;
    }

    void set_source(const std::vector<Token>& toks, const Parse& p, std::size_t h, Found& f) {
        f.src = h;
        std::size_t b = p.lo[h], e = p.hi[h];
        // "by" and "according to" are not part of the name
        while (b < e && (lower(toks[b].form) == "by")) ++b;
        trim_tokens(toks, b, e);
        if (b >= e) {
            b = h;
            e = h + 1;
        }
        f.src_lo = b;
        f.src_hi = e;
    }

    std::optional<std::string> name_at(int si, std::size_t t) const {
        for (std::size_t k : names_in(si)) {
            const auto& n = m_names[k];
            if (n.first <= t && t < n.last) return m_actor_of_name[k];
        }
        return std::nullopt;
    }

    // The actor a source phrase headed by h names: the name it is, an apposition's name ("Its
    // spokesman, Daniel Reyes"), a pronoun's antecedent, or an institution it describes.
    std::optional<std::string> source_actor(int si, const std::vector<Token>& toks, const Parse& p, std::size_t h,
                                            std::size_t cue) {
        if (auto id = name_at(si, h)) return id;
        for (std::size_t k : p.kids[h])
            if ((toks[k].deprel == "appos" || toks[k].deprel == "flat" || toks[k].deprel == "compound") &&
                name_at(si, k) && k > h)
                return name_at(si, k);
        std::string w = lower(toks[h].form);
        if (p.lo[h] + 1 == p.hi[h] && in(kPronouns, w)) return resolve_pronoun(si, h, w);
        if (p.lo[h] + 1 == p.hi[h] && (w == "who" || w == "which")) {
            std::size_t v = p.head[h];
            if (v != kNone && toks[v].deprel.starts_with("acl") && p.head[v] != kNone) return source_actor(si, toks, p, p.head[v], cue);
        }
        std::size_t b = p.lo[h], e = std::min(p.hi[h], h + 1);
        if (auto id = descriptor_actor(si, b, e)) return id;
        // "the company", "the firm": the organisation the article is about just before
        if (p.lo[h] + 2 == p.hi[h] && lower(toks[p.lo[h]].form) == "the" &&
            (w == "company" || w == "firm" || w == "group" || w == "newspaper" || w == "agency" || w == "organisation" || w == "organization"))
            return resolve_pronoun(si, p.lo[h], "it");
        (void)cue;
        return std::nullopt;
    }

    // The content of cue c: a quotation next to it, its clausal complement, the clause it
    // interrupts, its object or infinitive. False when none is found.
    bool cue_content(int si, const std::vector<Token>& toks, const Parse& p, std::size_t c, const Cue& cue, Found& f,
                     std::vector<bool>& consumed) {
        (void)consumed;
        std::size_t n = toks.size();
        std::size_t clause_lo = c, clause_hi = c + 1;
        if (f.src != kNone && p.head[f.src] == c) {
            clause_lo = std::min(clause_lo, f.src_lo);
            clause_hi = std::max(clause_hi, f.src_hi);
        }
        for (std::size_t k : p.kids[c]) {
            const auto& r = toks[k].deprel;
            // "he also said", "has said": only the words between the source and the cue
            if ((r == "aux" || r == "advmod" || r == "aux:pass") && k < c && k + 3 >= c && p.lo[k] + 3 >= c)
                clause_lo = std::min(clause_lo, p.lo[k]);
        }
        // 1. "...," X said.
        {
            std::size_t k = clause_lo;
            while (k > 0 && (toks[k - 1].form == "," || toks[k - 1].form == "\u2014")) --k;
            if (k > 0) {
                int r = m_mark_of[static_cast<std::size_t>(si)][k - 1];
                if (r < 0 && k >= 2 && toks[k - 1].form == "'")  // '' as two tokens
                    r = m_mark_of[static_cast<std::size_t>(si)][k - 2];
                if (r >= 0 && !(m_regions[static_cast<std::size_t>(r)].s0 == si && m_regions[static_cast<std::size_t>(r)].t0 + 1 >= k))
                    return take_region(r, f);
            }
        }
        // 2. X said: "..."  /  X told reporters, "..."
        std::set<std::size_t> complements;
        for (std::size_t k : p.kids[c])
            if (rel_is(toks[k], "ccomp") || rel_is(toks[k], "xcomp") || toks[k].deprel == "parataxis")
                for (std::size_t t = p.lo[k]; t < p.hi[k]; ++t) complements.insert(t);
        for (std::size_t k = clause_hi; k < n && k < clause_hi + 8; ++k) {
            int r = m_mark_of[static_cast<std::size_t>(si)][k];
            if (r >= 0 && m_regions[static_cast<std::size_t>(r)].s0 == si && m_regions[static_cast<std::size_t>(r)].t0 == k) {
                const Region& title = m_regions[static_cast<std::size_t>(r)];
                if (title_like(si, toks, title)) {  // told MSNBC's "Morning Joe" that ...
                    k = title.t1;
                    continue;
                }
                // a quotation that opens the complement is direct speech too
                if (!complements.count(k) || complements.count(k + 1)) {
                    bool opens_complement = complements.count(k + 1) > 0;
                    for (std::size_t j = clause_hi; j < k; ++j)
                        if (complements.count(j) && toks[j].upos != "PUNCT") opens_complement = false;
                    const Region& q = m_regions[static_cast<std::size_t>(r)];
                    bool whole = q.s1 > si || q.t1 + 3 >= n;  // the quotation runs to the sentence end
                    if (!complements.count(k) || (opens_complement && whole)) return take_region(r, f);
                }
                break;
            }
            if (toks[k].form == ":" || toks[k].form == ",") continue;
            if (complements.count(k) || toks[k].form == "that") break;
        }
        // 3. the clausal complement
        std::size_t comp = kNone;
        for (std::size_t k : p.kids[c])
            if (rel_is(toks[k], "ccomp") && (comp == kNone || (comp < c && k > c))) comp = k;
        if (comp != kNone) {
            std::size_t b = p.lo[comp], e = p.hi[comp];
            if (comp < c) e = std::min(e, clause_lo);
            while (b < e && closes_region(si, b)) b += static_cast<std::size_t>(std::max(1, mark_length(toks, b)));
            if (b < e && lower(toks[b].form) == "that") ++b;
            trim_tokens(toks, b, e);
            if (b < e && (e - b >= 2 || f.direct)) {
                // a complement that is a quotation running on past the sentence
                int r = m_region_of[static_cast<std::size_t>(si)][b];
                if (r >= 0 && m_regions[static_cast<std::size_t>(r)].t0 == b && m_regions[static_cast<std::size_t>(r)].s1 > si)
                    return take_region(r, f);
                f.content = {toks[b].start, toks[e - 1].end};
                negative_assertion(si, toks, p, comp, f);
                return true;
            }
        }
        // 4. object and infinitive: "denied the allegations", "urged Congress to act",
        //    "called the report 'full of ...'", "called for an inquiry"
        std::size_t obj = child(toks, p, c, "obj", true);
        std::size_t xc = child(toks, p, c, "xcomp");
        // a parser may attach the complement as an adverbial clause: "warned officials to boost
        // ..." (an infinitive) or "showed Clinton doing better" (a clause with its own subject)
        if (xc == kNone)
            for (std::size_t k : p.kids[c]) {
                if (k <= c || !rel_is(toks[k], "advcl")) continue;
                bool infinitive = (cue.takes == 'x' || cue.takes == 'b') && has_word_child(toks, p, k, {"to"});
                bool clause = (cue.takes == 'o' || cue.takes == 'b') && child(toks, p, k, "nsubj") != kNone &&
                              child(toks, p, k, "mark") == kNone && toks[p.lo[k]].upos != "SCONJ";
                if (infinitive || clause) {
                    xc = k;
                    break;
                }
            }
        std::size_t b = kNone, e = 0;
        if ((cue.takes == 'x' || cue.takes == 'b') && xc != kNone && xc > c) {
            b = p.lo[xc];
            e = p.hi[xc];
            if (obj != kNone && obj > c && obj < xc) b = p.lo[obj];
        } else if ((cue.takes == 'o' || cue.takes == 'b') && obj != kNone && obj > c) {
            b = p.lo[obj];
            e = p.hi[obj];
            if (xc != kNone && xc > obj) e = std::max(e, p.hi[xc]);
            // "attacked Clinton", "praised them": a person is no content; a statement is
            // ("denied the allegations that ...", "called the report 'full of ...'")
            else if (e - b == 1 && toks[obj].upos == "PRON") b = kNone;
        } else if (cue.takes == 'o' && xc != kNone && xc > c && obj == kNone) {  // "showed Clinton doing better"
            b = p.lo[xc];
            e = p.hi[xc];
        }
        // "spoke of a crisis", "talked about the plan"
        if (b == kNone && cue.takes == 'p')
            for (std::size_t k : p.kids[c])
                if (k > c && rel_is(toks[k], "obl") && has_word_child(toks, p, k, {"about", "of", "on"})) {
                    b = p.lo[k];
                    e = p.hi[k];
                    while (b < e && (lower(toks[b].form) == "about" || lower(toks[b].form) == "of" || lower(toks[b].form) == "on")) ++b;
                    break;
                }
        if (b == kNone && std::string_view(cue.lemma) == "call")
            for (std::size_t k : p.kids[c])
                if (k > c && (rel_is(toks[k], "obl") || rel_is(toks[k], "advcl")) &&
                    has_word_child(toks, p, k, {"for", "on"})) {  // "called for an inquiry / for cutting taxes"
                    b = p.lo[k];
                    e = p.hi[k];
                    while (b < e && (lower(toks[b].form) == "for" || lower(toks[b].form) == "on")) ++b;
                    break;
                }
        // "identified by Amnesty as hosting ...": the content follows "as"
        if (b == kNone)
            for (std::size_t k : p.kids[c])
                if (k > c && (rel_is(toks[k], "advcl") || rel_is(toks[k], "xcomp") || rel_is(toks[k], "obl")) &&
                    has_word_child(toks, p, k, {"as"}) && f.src != kNone && toks[f.src].deprel == "obl:agent") {
                    b = p.lo[k];
                    e = p.hi[k];
                    while (b < e && lower(toks[b].form) == "as") ++b;
                    break;
                }
        // "called Trump a liar" read as two objects or complements, "described the incident as a
        // 'terrible situation'": the content runs to the last of them or to the "as" phrase
        if (b != kNone && (cue.takes == 'o' || cue.takes == 'b'))
            for (std::size_t k : p.kids[c]) {
                const std::string first = lower(toks[p.lo[k]].form);
                // "surveys show Osei with a narrow lead": a finding's "with" phrase describes its object
                bool more = toks[k].deprel == "obj" || rel_is(toks[k], "xcomp") ||
                            ((rel_is(toks[k], "obl") || rel_is(toks[k], "advcl")) && first == "as") ||
                            (rel_is(toks[k], "obl") && first == "with" && std::string_view(cue.kind) == "finding");
                if (k > c && more && p.lo[k] >= e && p.lo[k] <= e + 1) e = std::max(e, p.hi[k]);
            }
        if (b != kNone) {
            trim_tokens(toks, b, e);
            if (b < e) {
                f.content = {toks[b].start, toks[e - 1].end};
                return true;
            }
        }
        // 5. "..., the source added." / "..., said Jeffrey Trimble, a senior official."
        if (std::string_view(cue.kind) == "speech" && clause_lo > 2 && toks[clause_lo - 1].form == "," &&
            (p.head[c] == kNone || p.head[c] < c || clause_lo > 0)) {
            std::size_t e2 = clause_lo - 1, b2 = 0;
            // the interrupted clause starts after an earlier cue's clause in the same sentence
            trim_tokens(toks, b2, e2);
            bool verb = holds_verb(toks, b2, e2);
            std::string first = b2 < e2 ? lower(toks[b2].form) : "";
            if (verb && e2 - b2 >= 3 && first != "as" && first != "when" && first != "if") {
                f.content = {toks[b2].start, toks[e2 - 1].end};
                return true;
            }
        }
        // 6. "Le Monde said the numbers ... were among ...", whatever the parse made of it: the
        //    rest of the sentence, when it holds a verb of its own.
        if (std::string_view(cue.kind) == "speech" && cue.takes == '-' && clause_hi + 2 < n &&
            toks[clause_hi].form != ":" && toks[clause_hi].form != ",") {
            std::size_t b4 = clause_hi, e4 = n;
            if (lower(toks[b4].form) == "that") ++b4;
            trim_tokens(toks, b4, e4);
            bool verb = false;
            for (std::size_t k = b4; k < e4; ++k) {
                verb = verb || ((toks[k].upos == "VERB" || toks[k].upos == "AUX") && !quoted_token(si, k));
                // "the advantage obscures concerns": a third-person verb the tagger read as a
                // plural noun, between a noun and the start of another phrase
                if (k > b4 && k + 1 < e4 && toks[k].xpos == "NNS" && lower(toks[k].form).ends_with("s") &&
                    (toks[k - 1].upos == "NOUN" || toks[k - 1].upos == "PROPN") &&
                    (toks[k + 1].upos == "NOUN" || toks[k + 1].upos == "DET" || toks[k + 1].upos == "ADJ" ||
                     toks[k + 1].upos == "PRON" || toks[k + 1].upos == "PROPN" || toks[k + 1].upos == "NUM"))
                    verb = true;
            }
            if (verb && e4 > b4 + 2) {
                f.content = {toks[b4].start, toks[e4 - 1].end};
                return true;
            }
        }
        // 6b. "she acknowledged it was unlikely", "he noted that ...": a cue that may take an object
        //     still takes a clause when "that" or a subject pronoun and a verb follow it; the
        //     clause runs to the sentence's end.
        if (std::string_view(cue.kind) != "intention" && clause_hi + 2 < n) {
            static constexpr std::array kSubjects = {"he", "she", "they", "we", "i", "it", "you", "there"};
            std::size_t b5 = clause_hi;
            bool clause = lower(toks[b5].form) == "that" ||
                          (in(kSubjects, lower(toks[b5].form)) &&
                           (toks[b5 + 1].upos == "AUX" || (toks[b5 + 1].upos == "VERB" && toks[b5 + 1].xpos != "VBG")));
            if (clause && !quoted_token(si, b5)) {
                if (lower(toks[b5].form) == "that") ++b5;
                std::size_t e5 = n;
                trim_tokens(toks, b5, e5);
                if (e5 > b5 + 2) {
                    f.content = {toks[b5].start, toks[e5 - 1].end};
                    return true;
                }
            }
        }
        // 7. X said: ... (no quotation)
        if (clause_hi < n && toks[clause_hi].form == ":" && clause_hi + 2 < n) {
            std::size_t b3 = clause_hi + 1, e3 = n;
            trim_tokens(toks, b3, e3);
            if (b3 < e3) {
                f.content = {toks[b3].start, toks[e3 - 1].end};
                return true;
            }
        }
        return false;
    }

    // An indirect content ends where the sentence goes on to another statement: a reporting
    // participle after a comma ("..., arguing that ...", "..., citing the report") or a coordinated
    // clause or verb that reports again ("..., and Republicans want ...", "... and blamed ...").
    void end_before_next_attribution(int si, ByteSpan& content) const {
        if (si < 0 || static_cast<std::size_t>(si) >= m_sentences.size()) return;
        const auto& toks = m_sentences[static_cast<std::size_t>(si)].tokens;
        std::size_t first = 0;
        while (first < toks.size() && toks[first].start < content.start) ++first;
        for (std::size_t k = first + 2; k + 1 < toks.size() && toks[k].end <= content.end; ++k) {
            if (quoted_token(si, k)) continue;
            const Token& t = toks[k];
            const Token& next = toks[k + 1];
            bool cut = false;
            if (t.form == "," && next.xpos == "VBG" && find_cue(next) && !quoted_token(si, k + 1)) {
                cut = true;
            } else if (t.form == ",") {
                // "..., Trump said that ...": a new clause with its own subject and reporting verb
                for (std::size_t j = k + 1; j < toks.size() && j < k + 6 && toks[j].end <= content.end; ++j) {
                    const Token& w = toks[j];
                    if (quoted_token(si, j)) break;
                    if (w.upos == "VERB" && j > k + 1 && (w.xpos == "VBD" || w.xpos == "VBZ") && find_cue(w)) {
                        cut = true;
                        break;
                    }
                    if (w.upos != "PROPN" && w.upos != "NOUN" && w.upos != "DET" && w.upos != "PRON" && w.upos != "ADJ")
                        break;
                }
            } else if (t.upos == "CCONJ" && k > first) {
                // "and blamed ...", "and said ...", ", and Republicans want ..."
                for (std::size_t j = k + 1; j < toks.size() && j < k + 5 && toks[j].end <= content.end; ++j) {
                    if (quoted_token(si, j)) break;
                    if (toks[j].upos == "VERB" && toks[j].xpos != "VBG" && toks[j].xpos != "VBN" && find_cue(toks[j])) {
                        cut = true;
                        break;
                    }
                    if (toks[j].upos == "VERB" || toks[j].upos == "AUX" || toks[j].form == ",") break;
                }
            }
            if (cut) {
                std::size_t end = k;
                while (end > first && (toks[end - 1].form == "," || toks[end - 1].upos == "CCONJ")) --end;
                if (end > first + 1) content.end = toks[end - 1].end;
                return;
            }
        }
    }

    // A content that is one whole quotation with its marks (a parse that put the marks inside
    // the complement) is that quotation: direct, without the marks.
    void quoted_whole(Found& f) {
        auto it = std::lower_bound(m_regions.begin(), m_regions.end(), f.content.start,
                                   [](const Region& q, std::size_t at) { return q.inner.start < at; });
        if (it == m_regions.end() || it->used || it->inner.start > f.content.start + 2) return;
        ByteSpan inner = it->inner;
        trim_content(inner);
        if (inner.end > f.content.end || f.content.end > inner.end + 3) return;
        std::string_view before(m_body.data() + f.content.start, inner.start - f.content.start);
        if (before.empty() || before.find_first_not_of("\"'`\xE2\x80\x9C") != std::string_view::npos) return;
        take_region(static_cast<int>(it - m_regions.begin()), f);
        trim_content(f.content);
    }

    static void trim_quote_marks(std::string& s) {
        static constexpr std::array kMarks = {"\u201C", "\u201D", "\"", "''", "``", "'", " "};
        for (bool again = true; again;) {
            again = false;
            for (const char* m : kMarks) {
                std::string_view mark(m);
                if (s.size() > mark.size() && s.starts_with(mark)) {
                    s.erase(0, mark.size());
                    again = true;
                }
                if (s.size() > mark.size() && s.ends_with(mark)) {
                    s.erase(s.size() - mark.size());
                    again = true;
                }
            }
        }
    }

    bool closes_region(int si, std::size_t t) const {
        int r = m_mark_of[static_cast<std::size_t>(si)][t];
        return r >= 0 && m_regions[static_cast<std::size_t>(r)].s1 == si && m_regions[static_cast<std::size_t>(r)].t1 == t;
    }

    // A short quotation of capitalised words after a name, a preposition or a determiner names
    // a show, a book or a slogan ("told MSNBC's "Morning Joe" that", "on "Fox News Sunday,""),
    // not words spoken. Such a region is never the content of a claim.
    static bool title_like(int si, const std::vector<Token>& toks, const Region& q) {
        if (q.s0 != si || q.s1 != si || q.t0 == 0 || q.t1 >= toks.size() || q.t1 + 2 >= toks.size()) return false;
        const Token& before = toks[q.t0 - 1];
        if (before.upos != "ADP" && before.upos != "DET" && before.upos != "PROPN" && before.xpos != "POS" &&
            before.upos != "PART")
            return false;
        std::size_t b = q.t0 + static_cast<std::size_t>(std::max(1, mark_length(toks, q.t0)));
        std::size_t e = q.t1;
        if (e > b && toks[e - 1].form == ",") --e;  // on "Fox News Sunday," Pence said
        if (e <= b || e - b > 5) return false;
        for (std::size_t k = b; k < e; ++k) {
            const Token& t = toks[k];
            bool word = !t.form.empty() && std::isalpha(static_cast<unsigned char>(t.form[0]));
            if (word && !capitalised(t) && t.upos != "ADP" && t.upos != "DET" && t.upos != "CCONJ") return false;
            if (t.upos == "PUNCT" && t.form != "'" && t.form != "\u2019" && t.form != ":") return false;
        }
        return true;
    }

    bool take_region(int r, Found& f) {
        Region& q = m_regions[static_cast<std::size_t>(r)];
        if (q.used) return false;
        f.region = r;
        f.direct = true;
        f.content = q.inner;
        return true;
    }

    // "NSO said the French president was never targeted by its clients": a negated
    // statement about the speaker itself is a denial.
    void negative_assertion(int si, const std::vector<Token>& toks, const Parse& p, std::size_t comp, Found& f) {
        if (f.stance != Stance::Assert || std::string_view(f.kind) != "speech" || !negated(toks, p, comp)) return;
        static constexpr std::array kSelf = {"it", "its", "he", "his", "she", "her", "they", "their", "we", "our", "i", "my"};
        for (std::size_t t = p.lo[comp]; t < p.hi[comp]; ++t)
            if (in(kSelf, lower(toks[t].form))) {
                f.stance = Stance::Deny;
                return;
            }
        (void)si;
    }

    // "X neither confirmed nor denied whether ...": a refusal, found on the words alone
    // because parsers rarely get the correlative right.
    void neither_nor(int si, const std::vector<Token>& toks, std::vector<bool>& consumed) {
        for (std::size_t i = 1; i + 3 < toks.size(); ++i) {
            if (lower(toks[i].form) != "neither" || lower(toks[i + 2].form) != "nor" || quoted_token(si, i)) continue;
            const Cue* a = find_cue(toks[i + 1]);
            const Cue* b = find_cue(toks[i + 3]);
            if (!a || !b) continue;
            std::size_t sb = i;
            while (sb > 0 && i - sb < 6 && toks[sb - 1].form != "," && toks[sb - 1].upos != "VERB") --sb;
            std::size_t se = i, cb = i + 4, ce = toks.size();
            trim_tokens(toks, sb, se);
            trim_tokens(toks, cb, ce);
            if (sb >= se || cb >= ce) continue;
            consumed[i + 1] = consumed[i + 3] = true;
            Found f;
            f.cue = std::string(a->lemma) + "/" + b->lemma;
            f.stance = Stance::Decline;
            f.content = {toks[cb].start, toks[ce - 1].end};
            m_finding = false;
            speaker_words(si, toks, sb, se, f);
            emit_found(si, f);
        }
    }

    // "..., according to Le Monde." / "According to the report, ..."
    void according_to(int si, const std::vector<Token>& toks, std::size_t i) {
        std::size_t n = toks.size();
        std::size_t se = i + 2;
        while (se < n && se < i + 14 && toks[se].form != "," && toks[se].form != "." && toks[se].form != ";" &&
               toks[se].form != ":" && !mark_length(toks, se) && toks[se].form != "\u2014" && toks[se].upos != "VERB")
            ++se;
        std::size_t cb, ce;
        if (i == 0 || (i == 1 && toks[0].upos == "CCONJ")) {
            cb = se;
            ce = n;
        } else {
            cb = 0;
            ce = i;
            if (n - se > i) {  // the phrase sits early in the sentence: the content follows it
                cb = se;
                ce = n;
            }
        }
        trim_tokens(toks, cb, ce);
        std::size_t sb = i + 2, se2 = se;
        trim_tokens(toks, sb, se2);
        if (cb >= ce || sb >= se2) return;
        Found f;
        f.src_lo = sb;
        f.src_hi = se2;
        f.cue = "according to";
        f.content = {toks[cb].start, toks[ce - 1].end};
        // the head of the phrase is its last word ("a newspaper report", "Le Monde")
        f.src = se2 - 1;
        f.speaker = speaker_actor(si, sb, se2);
        f.speaker_text = m_body.substr(toks[sb].start, toks[se2 - 1].end - toks[sb].start);
        emit_found(si, f);
    }

    // "an announcement by the Paris prosecutor's office that it is investigating ..."
    void nominal_cue(int si, const std::vector<Token>& toks, const Parse& p, std::size_t c) {
        static constexpr std::array kNominal = {"announcement", "statement", "claim", "allegation", "assertion",
                                                "warning", "admission", "denial", "conclusion", "finding",
                                                "pledge", "promise", "acknowledgment", "acknowledgement"};
        std::string w = lower(toks[c].lemma.empty() ? toks[c].form : toks[c].lemma);
        if (!in(kNominal, w) || c + 3 >= toks.size()) return;
        if (lower(toks[c + 1].form) == "that") {
            possessive_nominal_cue(si, toks, p, c, w);
            return;
        }
        if (lower(toks[c + 1].form) != "by") return;
        std::size_t k = c + 2;
        while (k < toks.size() && k < c + 10 && lower(toks[k].form) != "that" && toks[k].upos != "VERB" &&
               toks[k].form != "," && toks[k].form != ".")
            ++k;
        if (k >= toks.size() || lower(toks[k].form) != "that" || k == c + 2) return;
        std::size_t h = toks[k].head > 0 ? static_cast<std::size_t>(toks[k].head - 1) : kNone;
        if (h == kNone || h <= k) return;
        std::size_t b = k + 1, e = std::max(p.hi[h], h + 1);
        trim_tokens(toks, b, e);
        if (b >= e) return;
        Found f;
        f.src_lo = c + 2;
        f.src_hi = k;
        f.src = k - 1;
        f.cue = w == "denial" ? "deny" : w;
        f.stance = w == "denial" ? Stance::Deny : Stance::Assert;
        f.content = {toks[b].start, toks[e - 1].end};
        f.speaker = speaker_actor(si, f.src_lo, f.src_hi);
        f.speaker_text = m_body.substr(toks[f.src_lo].start, toks[f.src_hi - 1].end - toks[f.src_lo].start);
        emit_found(si, f);
    }

    // "Trump's claim that there have been ...", "his denial that ...": the possessor speaks, the
    // "that" clause after the noun is the content.
    void possessive_nominal_cue(int si, const std::vector<Token>& toks, const Parse& p, std::size_t c,
                                const std::string& w) {
        std::size_t poss = kNone;
        for (std::size_t k : p.kids[c])
            if (k < c && toks[k].deprel == "nmod:poss") poss = k;
        if (poss == kNone) return;
        std::size_t sb = p.lo[poss], se = std::min(p.hi[poss], c);
        while (se > sb && (toks[se - 1].xpos == "POS" || toks[se - 1].form == "'s" || toks[se - 1].form == "\u2019s"))
            --se;
        if (se <= sb) return;
        std::size_t b = c + 2, e = toks.size();
        std::size_t h = toks[c + 1].head > 0 ? static_cast<std::size_t>(toks[c + 1].head - 1) : kNone;
        if (h != kNone && h > c + 1 && p.hi[h] > b) e = p.hi[h];  // the clause "that" opens
        trim_tokens(toks, b, e);
        if (e <= b + 1) return;
        Found f;
        f.src_lo = sb;
        f.src_hi = se;
        f.src = se - 1;
        f.cue = w == "denial" ? "deny" : w;
        f.stance = w == "denial" ? Stance::Deny : Stance::Assert;
        f.content = {toks[b].start, toks[e - 1].end};
        m_finding = w == "finding" || w == "conclusion";
        f.kind = m_finding ? "finding" : "speech";
        speaker_words(si, toks, sb, se, f);
        emit_found(si, f);
    }

    void emit(int si, const std::vector<Token>& toks, const Parse& p, std::size_t c, Found& f) {
        (void)c;
        if (f.speaker_text.empty() && f.src != kNone) {
            f.speaker_text = m_body.substr(toks[f.src_lo].start, toks[f.src_hi - 1].end - toks[f.src_lo].start);
            if (!f.speaker) f.speaker = source_actor(si, toks, p, f.src, c);
        }
        emit_found(si, f);
    }

    void emit_found(int si, Found& f) {
        trim_content(f.content);
        if (f.region < 0) quoted_whole(f);
        if (!f.direct) end_before_next_attribution(si, f.content);
        trim_quote_marks(f.speaker_text);
        // "nobody would question ...": a negated quantifier speaks for no one
        static constexpr std::array kNoOne = {"nobody", "no one", "none", "nothing", "neither"};
        if (in(kNoOne, lower(f.speaker_text))) return;
        // "Rep. Lena Park (D-Ore." : a trimmed span can lose the bracket that closes an apposition
        if (std::count(f.speaker_text.begin(), f.speaker_text.end(), '(') ==
            std::count(f.speaker_text.begin(), f.speaker_text.end(), ')') + 1)
            f.speaker_text += ')';
        if (f.content.end <= f.content.start || text::trim(f.speaker_text).empty()) return;
        if (m_claimed_spans.count({f.content.start, f.content.end})) return;
        if (interrupts_last_quotation(f)) {  // "A," Mr. Obama said, "B." : one attribution
            m_regions[static_cast<std::size_t>(f.region)].used = true;
            mark_claimed(f.content.start, f.content.end);
            continue_quotation(si, f.content);
            return;
        }
        ClaimDraft d;
        d.sentence = f.region >= 0 ? m_regions[static_cast<std::size_t>(f.region)].s0 : si;
        if (f.region >= 0 && m_regions[static_cast<std::size_t>(f.region)].s0 > si) d.sentence = si;
        d.cue = f.cue;
        d.cue_kind = f.kind;
        d.stance = f.stance;
        d.direct = f.direct;
        d.speaker = f.speaker;
        d.speaker_text = f.speaker_text;
        d.reported_by = f.reported_by;
        if (d.speaker && d.reported_by && *d.speaker == *d.reported_by) d.reported_by.reset();
        d.content = f.content;
        d.confidence = d.speaker ? 0.7 : 0.5;
        if (f.region >= 0) m_regions[static_cast<std::size_t>(f.region)].used = true;
        // the quotations inside an indirect claim are part of it
        for (auto& q : m_regions)
            if (q.inner.start >= d.content.start && q.inner.end <= d.content.end) q.used = true;
        mark_claimed(d.content.start, d.content.end);
        std::string id = m_builder.add_claim(d);
        if (d.speaker) m_recent_speakers.emplace_back(si, *d.speaker);
        if (d.direct) remember_direct(d, std::move(id));
    }

    // A quotation that resumes, in the same sentence and for the same speaker, the direct quotation
    // just claimed: the words between them are its frame (`"A," he said, "B."`).
    bool interrupts_last_quotation(const Found& f) const {
        if (!f.direct || f.region < 0 || !m_last_direct || f.content.start <= m_last_direct->content.end) return false;
        const ClaimDraft& last = *m_last_direct;
        bool same_speaker = (f.speaker && last.speaker) ? *f.speaker == *last.speaker : f.speaker_text == last.speaker_text;
        if (!same_speaker || f.content.start - last.content.end > 200) return false;
        return sentence_at(last.content.end) == sentence_at(f.content.start);
    }

    // The sentence holding byte `at` (the last one that starts at or before it).
    std::size_t sentence_at(std::size_t at) const {
        auto it = std::upper_bound(m_sentences.begin(), m_sentences.end(), at,
                                   [](std::size_t x, const Sentence& s) { return x < s.start; });
        return static_cast<std::size_t>(it - m_sentences.begin());
    }

    void remember_direct(const ClaimDraft& d, std::string id) {
        m_last_direct = d;
        m_last_direct_id = std::move(id);
    }

    // The next quotation of the last direct speaker. In the same paragraph it is the same
    // attribution ("A," she said. "B." has one cue), so B extends that claim, as PolNeAR and
    // news style count it; after a paragraph break it is a claim of its own.
    void continue_quotation(int si, ByteSpan fragment) {
        ClaimDraft& last = *m_last_direct;
        // a fragment the last quotation already reaches over (marks that do not pair up) adds nothing
        if (fragment.start < last.content.end) return;
        bool same_paragraph = m_body.find('\n', last.content.end) >= fragment.start;
        if (same_paragraph) {
            m_builder.extend_claim(m_last_direct_id, fragment);
            last.content.end = fragment.end;
            last.sentence = si;
            return;
        }
        ClaimDraft d = last;
        d.sentence = si;
        d.content = fragment;
        remember_direct(d, m_builder.add_claim(d));
    }

    // A quotation that opens a sentence and no cue claimed continues the last direct speaker
    // ("A," Brandt said. "B.") when that speaker spoke in this or the previous two sentences.
    void continuation(int si) {
        // find_regions() adds the quotations in text order, so this sentence's are one run.
        auto first = std::partition_point(m_regions.begin(), m_regions.end(), [&](const Region& q) { return q.s0 < si; });
        for (auto it = first; it != m_regions.end() && it->s0 == si; ++it) {
            Region& q = *it;
            if (q.used) continue;
            const auto& toks = m_sentences[static_cast<std::size_t>(si)].tokens;
            bool opens = q.t0 == 0 || (q.t0 == 1 && toks[0].upos == "CCONJ");
            if (!opens || !m_last_direct || m_last_direct->sentence < si - 3 || framed_later(q, si)) continue;
            std::size_t words = 0;
            for (int s = q.s0; s <= q.s1; ++s) words += m_sentences[static_cast<std::size_t>(s)].tokens.size();
            if (words < 4) continue;
            ByteSpan fragment = q.inner;
            trim_content(fragment);
            if (fragment.end <= fragment.start) continue;
            q.used = true;
            mark_claimed(fragment.start, fragment.end);
            continue_quotation(si, fragment);
        }
    }

    std::vector<Region> m_regions;
    std::vector<std::vector<int>> m_region_of;  // per sentence and token: the quotation it is in
    std::vector<std::vector<int>> m_mark_of;    // per sentence and token: the quotation it opens or closes
    std::vector<std::pair<std::size_t, std::size_t>> m_claimed;  // byte spans of the contents claimed so far
    std::set<std::pair<std::size_t, std::size_t>> m_claimed_spans;  // the same, to look one up
    void mark_claimed(std::size_t start, std::size_t end) {
        m_claimed.emplace_back(start, end);
        m_claimed_spans.emplace(start, end);
    }
    std::size_t m_signed_next = 0;  // the next quotation dash_attribution looks at

    const std::string& m_body;
    const std::vector<Sentence>& m_sentences;
    const std::vector<NameSpan>& m_names;
    const std::vector<std::string>& m_actor_of_name;
    ExtractionBuilder& m_builder;
    // Indices into m_names by sentence, in order: a lookup costs the names of one sentence, so a
    // long article stays linear.
    std::vector<std::vector<std::size_t>> m_names_in;
    const std::vector<std::size_t>& names_in(int si) const {
        static const std::vector<std::size_t> kNoNames;
        return si >= 0 && static_cast<std::size_t>(si) < m_names_in.size() ? m_names_in[static_cast<std::size_t>(si)] : kNoNames;
    }
    std::optional<ClaimDraft> m_last_direct;  // the last direct quotation, as far as it reaches now
    std::string m_last_direct_id;             // its claim
    std::vector<std::pair<int, std::string>> m_recent_speakers;
    bool m_finding = false;  // the claim being added has a finding cue
};

}  // namespace

ResolvedNames add_mentions_and_claims(const std::string& body, const std::vector<Sentence>& sentences,
                                      const std::vector<NameSpan>& names, ExtractionBuilder& builder) {
    std::vector<NameSpan> grouped = names;
    std::vector<std::string> actor_of_name = group_names_into_actors(grouped, builder);
    for (std::size_t i = 0; i < grouped.size(); ++i) {
        const auto& s = sentences[static_cast<std::size_t>(grouped[i].sentence)];
        builder.add_mention(actor_of_name[i], grouped[i].sentence,
                            {s.tokens[grouped[i].first].start, s.tokens[grouped[i].last - 1].end});
    }
    ClaimFinder finder(body, sentences, grouped, actor_of_name, builder);
    finder.run();
    return {std::move(grouped), std::move(actor_of_name)};
}

}  // namespace factgraph::importers::detail
