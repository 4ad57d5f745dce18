// Reported-speech patterns over tokens: quotes, "X said (that) ...", "according to X",
// "X quoted Y as saying", denials and refusals. Deliberately conservative: a speaker is always
// a span of the text, never invented.
#include <optional>

#include "extract/extraction_support.hpp"

namespace factgraph::importers::detail {

namespace {

// Reported-speech patterns over one sentence at a time.
class ClaimFinder {
public:
    ClaimFinder(const std::string& body, const std::vector<Sentence>& sentences, const std::vector<NameSpan>& names,
                const std::vector<std::string>& actor_of_name, ExtractionBuilder& builder)
        : m_body(body), m_sentences(sentences), m_names(names), m_actor_of_name(actor_of_name), m_builder(builder) {}

    void run() {
        for (std::size_t si = 0; si < m_sentences.size(); ++si) sentence(static_cast<int>(si));
    }

private:
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
            const Cue* cue = find_cue(toks[c]);
            if (!cue) continue;
            std::string prev = c > 0 ? lower(toks[c - 1].form) : "";
            if (prev == "is" || prev == "was" || prev == "were" || prev == "be" || prev == "been" || prev == "being")
                continue;  // passive "is reported to be": no source here
            if (handle_cue(si, toks, quotes, c, *cue)) return;
        }
        // A sentence that is nothing but a quotation continues the previous speaker's quote.
        if (!quotes.empty() && quotes.front().open == 0 && m_last_direct && m_last_direct->sentence == si - 1) {
            const auto& q = quotes.front();
            ClaimDraft d = *m_last_direct;
            d.sentence = si;
            d.content = {toks[q.open].end, q.close < toks.size() ? toks[q.close].start : toks.back().end};
            trim_content(d.content);
            if (d.content.end > d.content.start) {
                m_builder.add_claim(d);
                m_last_direct = d;
            }
        }
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
        for (std::size_t k = 0; k < m_names.size(); ++k) {
            const auto& n = m_names[k];
            if (n.sentence == si && n.first >= b && n.last <= e) return m_actor_of_name[k];
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
        for (std::size_t k = 0; k < m_names.size(); ++k) {
            const auto& n = m_names[k];
            if (n.sentence == si && n.first >= start && n.last == e) return m_actor_of_name[k];
        }
        if (e - b == 1 && in(kPronouns, lower(toks[b].form))) return resolve_pronoun(si, b, lower(toks[b].form));
        // "Amnesty released an analysis ... that showed": a finding belongs to whoever
        // produced the document, the name that opens the clause.
        if (m_finding && e > b && lower(toks[e - 1].form) == "that")
            for (std::size_t k = 0; k < m_names.size(); ++k) {
                const auto& n = m_names[k];
                if (n.sentence == si && n.first == start) return m_actor_of_name[k];
            }
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
        for (std::size_t k = m_names.size(); k-- > 0;) {
            const auto& n = m_names[k];
            if (n.sentence > si || n.sentence < si - 2) continue;
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
        m_builder.add_claim(d);
        if (d.speaker) m_recent_speakers.emplace_back(si, *d.speaker);
        if (direct) m_last_direct = d;
        return true;
    }

    const std::string& m_body;
    const std::vector<Sentence>& m_sentences;
    const std::vector<NameSpan>& m_names;
    const std::vector<std::string>& m_actor_of_name;
    ExtractionBuilder& m_builder;
    std::optional<ClaimDraft> m_last_direct;
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
