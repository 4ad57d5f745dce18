#pragma once
// Shared by the extractors: cue and name lexicons, name spans, actor grouping, speech patterns.
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "factgraph/core/extraction_builder.hpp"
#include "factgraph/core/text.hpp"
#include "factgraph/nlp/annotation.hpp"

namespace factgraph::importers::detail {

using nlp::Sentence;
using nlp::Token;

/** A reporting word: its lemma is what a claim stores as the cue; `kind` says whether the claim is
 *  reported speech or a reported belief, intention or finding (`said --speech-only` keeps speech). */
struct Cue {
    const char* lemma;
    const char* kind;  // speech | belief | intention | finding
    Stance stance;
    // What the word takes as its content besides a clause: 'o' an object noun phrase ("denied the
    // allegations", "polls show Clinton ahead"), 'x' an infinitive ("urged Congress to act", "wants
    // to run"), 'b' both, 'p' an "about" phrase ("spoke about the deal"), '-' neither. Only the
    // parsed patterns read it.
    char takes;
};

// The cue lexicon, by lemma. Inflected forms are found through the tagger's lemma, or through
// cue_lemma_of_form when a text has no lemmas (the rule extractor).
inline constexpr auto kCues = std::to_array<Cue>({
    // reported speech
    {"say", "speech", Stance::Assert, '-'},          {"tell", "speech", Stance::Assert, 'x'},
    {"add", "speech", Stance::Assert, '-'},          {"state", "speech", Stance::Assert, '-'},
    {"claim", "speech", Stance::Assert, 'x'},        {"deny", "speech", Stance::Deny, 'o'},
    {"confirm", "speech", Stance::Assert, 'o'},      {"announce", "speech", Stance::Assert, 'o'},
    {"report", "speech", Stance::Assert, '-'},       {"warn", "speech", Stance::Assert, 'x'},
    {"insist", "speech", Stance::Assert, '-'},       {"accuse", "speech", Stance::Assert, 'o'},
    {"call", "speech", Stance::Assert, 'b'},         {"reject", "speech", Stance::Deny, 'o'},
    {"dispute", "speech", Stance::Deny, 'o'},        {"acknowledge", "speech", Stance::Assert, 'o'},
    {"argue", "speech", Stance::Assert, '-'},        {"estimate", "speech", Stance::Assert, 'o'},
    {"quote", "speech", Stance::Assert, '-'},        {"urge", "speech", Stance::Assert, 'x'},
    {"decline", "speech", Stance::Decline, 'x'},     {"explain", "speech", Stance::Assert, '-'},
    {"write", "speech", Stance::Assert, '-'},        {"note", "speech", Stance::Assert, 'o'},
    {"assert", "speech", Stance::Assert, '-'},       {"declare", "speech", Stance::Assert, 'o'},
    {"describe", "speech", Stance::Assert, 'o'},     {"suggest", "speech", Stance::Assert, '-'},
    {"ask", "speech", Stance::Assert, 'x'},          {"respond", "speech", Stance::Assert, '-'},
    {"reply", "speech", Stance::Assert, '-'},        {"recall", "speech", Stance::Assert, '-'},
    {"mention", "speech", Stance::Assert, 'o'},      {"emphasize", "speech", Stance::Assert, 'o'},
    {"emphasise", "speech", Stance::Assert, 'o'},    {"stress", "speech", Stance::Assert, 'o'},
    {"tweet", "speech", Stance::Assert, '-'},        {"predict", "speech", Stance::Assert, 'o'},
    {"promise", "speech", Stance::Assert, 'b'},      {"pledge", "speech", Stance::Assert, 'b'},
    {"vow", "speech", Stance::Assert, 'x'},          {"threaten", "speech", Stance::Assert, 'x'},
    {"admit", "speech", Stance::Assert, 'o'},        {"concede", "speech", Stance::Assert, '-'},
    {"complain", "speech", Stance::Assert, '-'},     {"criticize", "speech", Stance::Assert, 'o'},
    {"criticise", "speech", Stance::Assert, 'o'},    {"condemn", "speech", Stance::Assert, 'o'},
    {"praise", "speech", Stance::Assert, 'o'},       {"blast", "speech", Stance::Assert, 'o'},
    {"slam", "speech", Stance::Assert, 'o'},         {"allege", "speech", Stance::Assert, '-'},
    {"contend", "speech", Stance::Assert, '-'},      {"maintain", "speech", Stance::Assert, '-'},
    {"testify", "speech", Stance::Assert, '-'},      {"cite", "speech", Stance::Assert, 'o'},
    {"echo", "speech", Stance::Assert, 'o'},         {"repeat", "speech", Stance::Assert, 'o'},
    {"answer", "speech", Stance::Assert, '-'},       {"demand", "speech", Stance::Assert, 'b'},
    {"propose", "speech", Stance::Assert, 'o'},      {"recommend", "speech", Stance::Assert, 'o'},
    {"advise", "speech", Stance::Assert, 'x'},       {"agree", "speech", Stance::Assert, 'x'},
    {"question", "speech", Stance::Assert, 'o'},     {"counter", "speech", Stance::Assert, '-'},
    {"caution", "speech", Stance::Assert, '-'},      {"assure", "speech", Stance::Assert, '-'},
    {"inform", "speech", Stance::Assert, '-'},       {"reveal", "speech", Stance::Assert, 'o'},
    {"disclose", "speech", Stance::Assert, 'o'},     {"comment", "speech", Stance::Assert, '-'},
    {"remark", "speech", Stance::Assert, '-'},       {"observe", "speech", Stance::Assert, '-'},
    {"joke", "speech", Stance::Assert, '-'},         {"continue", "speech", Stance::Assert, '-'},
    {"refute", "speech", Stance::Deny, 'o'},         {"dismiss", "speech", Stance::Deny, 'o'},
    {"attack", "speech", Stance::Assert, 'o'},       {"charge", "speech", Stance::Assert, '-'},
    {"encourage", "speech", Stance::Assert, 'x'},
    {"point", "speech", Stance::Assert, '-'},        {"indicate", "speech", Stance::Assert, '-'},
    {"refuse", "intention", Stance::Decline, 'x'},
    // reported beliefs and expectations
    {"believe", "belief", Stance::Assert, '-'},      {"think", "belief", Stance::Assert, '-'},
    {"feel", "belief", Stance::Assert, '-'},         {"know", "belief", Stance::Assert, 'o'},
    {"doubt", "belief", Stance::Assert, '-'},        {"fear", "belief", Stance::Assert, '-'},
    {"worry", "belief", Stance::Assert, '-'},        {"hope", "belief", Stance::Assert, 'x'},
    {"suspect", "belief", Stance::Assert, '-'},      {"expect", "belief", Stance::Assert, 'x'},
    {"assume", "belief", Stance::Assert, '-'},       {"consider", "belief", Stance::Assert, 'o'},
    {"understand", "belief", Stance::Assert, '-'},   {"see", "belief", Stance::Assert, 'o'},
    {"accept", "belief", Stance::Assert, '-'},       {"realize", "belief", Stance::Assert, '-'},
    // reported intentions
    {"want", "intention", Stance::Assert, 'b'},      {"plan", "intention", Stance::Assert, 'x'},
    {"intend", "intention", Stance::Assert, 'x'},    {"seek", "intention", Stance::Assert, 'b'},
    {"aim", "intention", Stance::Assert, 'x'},       {"wish", "intention", Stance::Assert, 'x'},
    {"decide", "intention", Stance::Assert, 'x'},    {"support", "intention", Stance::Assert, 'o'},
    {"oppose", "intention", Stance::Assert, 'o'},
    // reported findings
    {"show", "finding", Stance::Assert, 'o'},        {"find", "finding", Stance::Assert, 'o'},
    {"conclude", "finding", Stance::Assert, '-'},    {"determine", "finding", Stance::Assert, '-'},
    {"discover", "finding", Stance::Assert, '-'},    {"learn", "finding", Stance::Assert, '-'},
    {"identify", "finding", Stance::Assert, '-'},    {"demonstrate", "finding", Stance::Assert, '-'},
    {"prove", "finding", Stance::Assert, '-'},       {"establish", "finding", Stance::Assert, '-'},
    {"document", "finding", Stance::Assert, '-'},
});

inline const Cue* cue_by_lemma(std::string_view lemma) {
    for (const auto& cue : kCues)
        if (lemma == cue.lemma) return &cue;
    return nullptr;
}

/** The cue lemma of an inflected form when no lemmatiser ran: irregular forms, then -s/-es/-ed/
 *  -ied/-ing with and without a final e. Empty when the form is no cue. */
inline const Cue* cue_of_form(std::string_view form) {
    static constexpr std::array<std::pair<const char*, const char*>, 12> kIrregular = {{
        {"said", "say"}, {"says", "say"}, {"told", "tell"}, {"wrote", "write"}, {"written", "write"},
        {"thought", "think"}, {"knew", "know"}, {"known", "know"}, {"felt", "feel"}, {"found", "find"},
        {"saw", "see"}, {"sought", "seek"},
    }};
    for (const auto& [f, l] : kIrregular)
        if (form == f) return cue_by_lemma(l);
    if (const Cue* c = cue_by_lemma(form)) return c;
    auto strip = [&](std::string_view suffix, std::string_view add) -> const Cue* {
        if (form.size() <= suffix.size() + 2 || form.substr(form.size() - suffix.size()) != suffix) return nullptr;
        std::string l(form.substr(0, form.size() - suffix.size()));
        l += add;
        return cue_by_lemma(l);
    };
    for (auto [suffix, add] : std::array<std::pair<std::string_view, std::string_view>, 9>{{
             {"ies", "y"}, {"ied", "y"}, {"es", ""}, {"s", ""}, {"ed", ""}, {"ed", "e"}, {"d", ""}, {"ing", ""},
             {"ing", "e"}}})
        if (const Cue* c = strip(suffix, add)) return c;
    // doubled consonants: "admitted", "planned", "slammed"
    for (std::string_view suffix : {"ed", "ing"})
        if (form.size() > suffix.size() + 3 && form.substr(form.size() - suffix.size()) == suffix) {
            std::string_view stem = form.substr(0, form.size() - suffix.size());
            if (stem[stem.size() - 1] == stem[stem.size() - 2])
                if (const Cue* c = cue_by_lemma(stem.substr(0, stem.size() - 1))) return c;
        }
    return nullptr;
}

// Capitalised words that name times, not actors.
inline constexpr std::array kCalendarWords = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                       "january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"};

inline constexpr std::array kPersonTitles = {"mr", "mrs", "ms", "dr", "president", "minister", "senator", "sen.",
                                      "mr.", "mrs.", "ms.", "dr.", "judge", "governor", "mayor", "chancellor",
                                      "king", "queen", "prince", "pope", "professor", "prof.", "rep.", "gov."};

inline constexpr std::array kOrgSuffixes = {"group", "international", "services", "press", "association", "inc", "inc.",
                                     "ltd", "ltd.", "corp", "corp.", "company", "news", "times", "post", "agency",
                                     "office", "ministry", "party", "council", "court", "university", "bank",
                                     "commission", "institute", "foundation", "organisation", "organization",
                                     "stories", "network", "media", "labs", "plc", "llc", "gmbh", "reuters"};

// Lower-case words that may join capitalised words inside one name ("Bank of England").
inline constexpr std::array kConnectors = {"of", "de", "du", "la", "le", "von", "van", "der", "al", "bin", "da", "del"};

// Head nouns of descriptions that name an institution ("the Paris prosecutor's office").
inline constexpr std::array kInstitutionHeads = {"office", "ministry", "prosecutor", "prosecutors", "police", "government",
                                          "court", "department", "agency", "commission", "regulator", "council",
                                          "embassy", "presidency", "parliament", "army", "military"};

// Words that may stand between a cue and its "that": "said in a statement that", "told him that".
inline constexpr std::array kBeforeComplementiser = {"in", "a", "an", "the", "statement", "interview", "to", "reporters",
                                              "journalists", "on", "at", "him", "her", "them", "us", "me", "email",
                                              "emailed", "written", "late", "earlier", "also", "again", "repeatedly",
                                              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                              "sunday", "it", ","};

inline constexpr std::array kPronouns = {"it", "he", "she", "they", "its"};

template <std::size_t N>
inline bool in(const std::array<const char*, N>& list, std::string_view word) {
    return std::any_of(list.begin(), list.end(), [&](const char* w) { return word == w; });
}

inline std::string lower(std::string_view s) { return text::ascii_lower(text::ascii_quotes(s)); }

inline bool capitalised(const Token& t) {
    if (t.form.empty()) return false;
    unsigned char c = static_cast<unsigned char>(t.form[0]);
    if (c >= 'A' && c <= 'Z') return true;
    if (c < 0x80) return false;
    std::size_t i = 0;
    char32_t cp = text::decode(t.form, i);
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LU;
}

inline bool is_open_quote(std::string_view f) { return f == "\u201C" || f == "\""; }
inline bool is_close_quote(std::string_view f) { return f == "\u201D" || f == "\""; }

/** The cue a token is, by its lemma when the tagger gave one, else by its form. */
inline const Cue* find_cue(const Token& t) {
    if (!t.lemma.empty() && t.lemma != "_") {
        std::string l = lower(t.lemma);
        if (const Cue* c = cue_by_lemma(l)) return c;
        // a lemmatiser may not know a rare inflection; the form rules are the fallback
    }
    std::string f = lower(t.form);
    return cue_of_form(f);
}

struct NameSpan {
    int sentence;
    std::size_t first, last;  // token range [first, last)
    std::string text;         // the name the actor goes by (normalised: "United States" for "U.S.")
    ActorType type = ActorType::Other;
    std::string surface = {};  // the words as written, when they differ from `text`
};

struct QuoteSpan {
    std::size_t open, close;  // token indices of the marks; close == tokens.size() when unclosed
};

/** Groups names into actors: a surname or "Mr X" joins the full name, a leading part joins the
 *  longer organisation name ("NSO" -> "NSO Group"), initials join their expansion ("AP").
 *  Returns the actor id of each name, in order. */
std::vector<std::string> group_names_into_actors(std::vector<NameSpan>& names, ExtractionBuilder& builder);

/** The names after grouping, each with the id of the actor it names. */
struct ResolvedNames {
    std::vector<NameSpan> names;
    std::vector<std::string> actor_ids;
};

/** Adds a mention per name, then the claims found by the reported-speech patterns. Returns the
 *  names with their actors, for the stages after it (relations). */
ResolvedNames add_mentions_and_claims(const std::string& body, const std::vector<Sentence>& sentences,
                                      const std::vector<NameSpan>& names, ExtractionBuilder& builder);

}  // namespace factgraph::importers::detail
