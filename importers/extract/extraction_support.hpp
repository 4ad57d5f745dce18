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

struct Cue {
    const char* form;
    const char* lemma;
    const char* kind;
    Stance stance;
};

// Inflected cue forms; the lemma is what a claim stores.
constexpr std::array<Cue, 53> kCues = {{
    {"said", "say", "speech", Stance::Assert},          {"says", "say", "speech", Stance::Assert},
    {"say", "say", "speech", Stance::Assert},           {"told", "tell", "speech", Stance::Assert},
    {"tells", "tell", "speech", Stance::Assert},        {"added", "add", "speech", Stance::Assert},
    {"adds", "add", "speech", Stance::Assert},          {"stated", "state", "speech", Stance::Assert},
    {"claimed", "claim", "speech", Stance::Assert},     {"claims", "claim", "speech", Stance::Assert},
    {"denied", "deny", "speech", Stance::Deny},         {"denies", "deny", "speech", Stance::Deny},
    {"confirmed", "confirm", "speech", Stance::Assert}, {"confirms", "confirm", "speech", Stance::Assert},
    {"announced", "announce", "speech", Stance::Assert}, {"announces", "announce", "speech", Stance::Assert},
    {"reported", "report", "speech", Stance::Assert},   {"reports", "report", "speech", Stance::Assert},
    {"warned", "warn", "speech", Stance::Assert},       {"warns", "warn", "speech", Stance::Assert},
    {"insisted", "insist", "speech", Stance::Assert},   {"insists", "insist", "speech", Stance::Assert},
    {"accused", "accuse", "speech", Stance::Assert},    {"accuses", "accuse", "speech", Stance::Assert},
    {"called", "call", "speech", Stance::Assert},       {"calls", "call", "speech", Stance::Assert},
    {"rejected", "reject", "speech", Stance::Deny},     {"rejects", "reject", "speech", Stance::Deny},
    {"disputed", "dispute", "speech", Stance::Deny},    {"disputes", "dispute", "speech", Stance::Deny},
    {"acknowledged", "acknowledge", "speech", Stance::Assert},
    {"acknowledges", "acknowledge", "speech", Stance::Assert},
    {"argued", "argue", "speech", Stance::Assert},      {"argues", "argue", "speech", Stance::Assert},
    {"estimated", "estimate", "speech", Stance::Assert}, {"estimates", "estimate", "speech", Stance::Assert},
    {"urged", "urge", "speech", Stance::Assert},        {"urges", "urge", "speech", Stance::Assert},
    {"declined", "decline", "speech", Stance::Decline}, {"declines", "decline", "speech", Stance::Decline},
    {"quoted", "quote", "speech", Stance::Assert},      {"explained", "explain", "speech", Stance::Assert},
    {"wrote", "write", "speech", Stance::Assert},       {"writes", "write", "speech", Stance::Assert},
    {"believes", "believe", "belief", Stance::Assert},  {"believed", "believe", "belief", Stance::Assert},
    {"showed", "show", "finding", Stance::Assert},      {"shows", "show", "finding", Stance::Assert},
    {"found", "find", "finding", Stance::Assert},       {"concluded", "conclude", "finding", Stance::Assert},
    {"noted", "note", "speech", Stance::Assert},        {"asserted", "assert", "speech", Stance::Assert},
    {"saying", "say", "speech", Stance::Assert},
}};

// Capitalised words that name times, not actors.
constexpr std::array kCalendarWords = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                       "january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"};

constexpr std::array kPersonTitles = {"mr", "mrs", "ms", "dr", "president", "minister", "senator", "sen.",
                                      "mr.", "mrs.", "ms.", "dr.", "judge", "governor", "mayor", "chancellor",
                                      "king", "queen", "prince", "pope", "professor", "prof.", "rep.", "gov."};

constexpr std::array kOrgSuffixes = {"group", "international", "services", "press", "association", "inc", "inc.",
                                     "ltd", "ltd.", "corp", "corp.", "company", "news", "times", "post", "agency",
                                     "office", "ministry", "party", "council", "court", "university", "bank",
                                     "commission", "institute", "foundation", "organisation", "organization",
                                     "stories", "network", "media", "labs", "plc", "llc", "gmbh", "reuters"};

// Lower-case words that may join capitalised words inside one name ("Bank of England").
constexpr std::array kConnectors = {"of", "de", "du", "la", "le", "von", "van", "der", "al", "bin", "da", "del"};

// Head nouns of descriptions that name an institution ("the Paris prosecutor's office").
constexpr std::array kInstitutionHeads = {"office", "ministry", "prosecutor", "prosecutors", "police", "government",
                                          "court", "department", "agency", "commission", "regulator", "council",
                                          "embassy", "presidency", "parliament", "army", "military"};

// Words that may stand between a cue and its "that": "said in a statement that", "told him that".
constexpr std::array kBeforeComplementiser = {"in", "a", "an", "the", "statement", "interview", "to", "reporters",
                                              "journalists", "on", "at", "him", "her", "them", "us", "me", "email",
                                              "emailed", "written", "late", "earlier", "also", "again", "repeatedly",
                                              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                              "sunday", "it", ","};

constexpr std::array kPronouns = {"it", "he", "she", "they", "its"};

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

inline const Cue* find_cue(const Token& t) {
    std::string f = lower(t.form);
    for (const auto& cue : kCues)
        if (f == cue.form) return &cue;
    return nullptr;
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
