#include "factgraph/nlp/tokenizer.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <string>

#include "factgraph/core/text.hpp"

namespace factgraph::nlp {

namespace {

using text::decode;

// Abbreviations that keep their period (lower case, without the period).
constexpr std::array kAbbreviations = {
    "mr", "mrs", "ms", "dr", "prof", "rev", "hon", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "mt", "ft", "jr", "sr", "inc", "ltd", "co", "corp", "bros", "plc", "llc",
    "dept", "univ", "assn", "est", "approx", "vs", "etc", "e.g", "i.e", "cf", "al", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "no", "nos", "vol", "pp", "p", "ph.d", "a.m", "p.m", "ave", "blvd",
    "rd", "u.s", "u.k", "u.n", "u.s.a", "d.c", "ca", "calif", "fla", "mass", "wash", "ariz", "penn", "conn",
    // "Del." is Delaware or a delegate's title ("said Del. Stacey Plaskett"): not a sentence end
    // before a name
    "del"};

// US state abbreviations of news style (AP), as written: "Richmond, Va.", "Tulsa, Okla.", "Sen.
// Marco Rubio (Fla.)". One token with their period, as UD English has them; unlike the ambiguous
// abbreviations above they end a sentence before any capitalised word ("... in Tulsa, Okla.
// Police said"), as a plain period does. "Del." is not among them: before a name it is a
// delegate's title.
constexpr std::array kStateAbbreviations = {"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Ga",
                                            "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich",
                                            "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
                                            "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo"};

// Abbreviations that practically never end a sentence: a title before a name.
constexpr std::array kTitleAbbreviations = {"mr", "mrs", "ms", "dr", "prof", "rev", "hon", "gov", "sen", "rep",
                                            "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "st", "mt",
                                            "ft", "no", "nos", "vs", "e.g", "i.e", "cf", "vol", "pp"};

// Words that, capitalised after an ambiguous abbreviation such as "U.S." or "Inc.", start a new sentence.
constexpr std::array kSentenceStarters = {"the", "a", "an", "it", "he", "she", "they", "we", "i", "but", "and",
                                          "in", "on", "this", "that", "these", "those", "there", "his", "her",
                                          "its", "their", "our", "as", "at", "for", "if", "when", "while",
                                          "after", "before", "however", "meanwhile", "also", "some", "many"};

// Reporting verbs that, after a quoted question or exclamation and its speaker, continue the
// sentence: `"Why?" Graham asked.` is one sentence, as UD English-EWT splits it.
constexpr std::array kFrameVerbs = {"said", "says", "asked", "asks", "added", "adds", "told", "tells", "wrote",
                                    "writes", "replied", "replies", "shouted", "shouts", "yelled", "yells",
                                    "exclaimed", "wondered", "wonders", "continued", "insisted", "answered",
                                    "responded", "countered", "cried", "screamed", "demanded", "recalled"};

// Words that may stand in a speaker before such a verb: pronouns and short names with titles.
constexpr std::array kFramePronouns = {"he", "she", "they", "it", "i", "we", "you"};

// Prefixes that UD English-EWT keeps attached to the following word ("non-stop", "post-war").
constexpr std::array kKeptHyphenPrefixes = {"non", "post", "pre", "anti", "co", "re", "ex", "self", "multi",
                                            "mid", "semi", "pro", "e", "x", "de", "sub", "inter", "vice", "neo",
                                            "cross", "well", "counter", "socio", "micro", "macro"};

// Emoticons standing alone (UD English-EWT keeps each one as one token; its training split has 80).
constexpr std::array<std::string_view, 19> kEmoticons = {":)", ":(", ":-)", ":-(", ";)", ";-)", "=)", "=(", "(:", "):",
                                                        ":D", ":-D", ":P", ":p", ":-P", ":/", ":-/", ">:(", ":'("};

bool is_emoticon(std::string_view chunk) {
    if (chunk.size() < 2 || chunk.size() > 3 || std::string_view(":;=()>").find(chunk[0]) == std::string_view::npos) return false;
    return std::find(kEmoticons.begin(), kEmoticons.end(), chunk) != kEmoticons.end();
}

template <std::size_t N>
bool contains(const std::array<const char*, N>& list, std::string_view word) {
    return std::any_of(list.begin(), list.end(), [&](const char* w) { return word == w; });
}

// ASCII answered without asking utf8proc (its categories for ASCII are these).
bool is_ascii_letter(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }
bool is_letter(char32_t cp) {
    if (cp < 0x80) return is_ascii_letter(cp);
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}
bool is_upper(char32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LU;
}
bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool is_alnum(char32_t cp) {
    if (cp < 0x80) return is_ascii_letter(cp) || is_digit(cp);
    return is_letter(cp) || utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_MN;
}
bool is_space(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}
bool is_opening(char32_t cp) {
    return cp == '"' || cp == '\'' || cp == U'\u201C' || cp == U'\u2018' || cp == '(' || cp == '[' || cp == '{' ||
           cp == U'\u00AB' || cp == U'\u201E' || cp == '*';
}
bool is_closing(char32_t cp) {
    return cp == '"' || cp == '\'' || cp == U'\u201D' || cp == U'\u2019' || cp == ')' || cp == ']' || cp == '}' ||
           cp == U'\u00BB' || cp == '*';
}
bool is_trailing_punct(char32_t cp) {
    return is_closing(cp) || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == U'\u2026' ||
           cp == '.';
}
bool is_bracket(char32_t cp) { return cp == '(' || cp == ')' || cp == '[' || cp == ']' || cp == '{' || cp == '}'; }
bool is_dash(char32_t cp) { return cp == U'\u2014' || cp == U'\u2013' || cp == U'\u2015' || cp == U'\u2012'; }
bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == U'\u2019'; }

// Code point before byte offset `end` (which must be > begin), and the byte where it starts.
char32_t last_cp(std::string_view s, std::size_t begin, std::size_t end, std::size_t& at) {
    at = end - 1;
    while (at > begin && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    std::size_t i = at;
    return decode(s, i);
}

char32_t first_cp(std::string_view s, std::size_t at, std::size_t& next) {
    next = at;
    return decode(s, next);
}

std::string lower_ascii_quotes(std::string_view s) { return text::ascii_lower(text::ascii_quotes(s)); }

struct Piece {
    std::size_t start, end;
};

// A token before it becomes a Token: offsets and its form, a view into the text.
struct WordView {
    std::size_t start = 0, end = 0;
    std::string_view form;
    bool space_after = true;
};

Token make_token(const WordView& w) {
    Token t;
    t.form = std::string(w.form);
    t.start = w.start;
    t.end = w.end;
    t.space_after = w.space_after;
    return t;
}

class ChunkSplitter {
public:
    ChunkSplitter(std::string_view text, std::vector<Piece>& out) : m_text(text), m_out(out) {}

    void split(std::size_t b, std::size_t e) {
        if (is_emoticon(m_text.substr(b, e - b))) {  // one token in UD English: ":)"
            m_out.push_back({b, e});
            return;
        }
        std::vector<Piece> tail;  // trailing punctuation, in reverse order
        // Leading punctuation and currency signs.
        while (b < e) {
            std::size_t next;
            char32_t cp = first_cp(m_text, b, next);
            bool currency = (cp == '$' || cp == U'\u00A3' || cp == U'\u20AC' || cp == U'\u00A5') && next < e;
            // a closing mark that opens a word (”What ...) is a quotation mark typed the wrong way round
            if (is_opening(cp) || cp == U'\u201D' || currency || is_dash(cp)) {
                if (is_apostrophe(cp) && next < e && is_clitic_start(next, e)) break;  // "'s" on its own
                m_out.push_back({b, next});
                b = next;
            } else if (cp == '-' && next < e && m_text[next] == '-') {
                m_out.push_back({b, next + 1});
                b = next + 1;
            } else {
                break;
            }
        }
        if (b >= e) return;
        if (is_url_or_email(b, e, tail)) {
            flush(b, e, tail);
            return;
        }
        // Trailing punctuation; an abbreviation or initial keeps its period.
        while (e > b) {
            std::size_t at;
            char32_t cp = last_cp(m_text, b, e, at);
            if (cp == '.' && at >= b + 2 && m_text.substr(at - 2, 3) == "...") {
                tail.push_back({at - 2, e});
                e = at - 2;
                continue;
            }
            if (cp == '.' && keeps_period(b, e)) break;
            if (cp == '%' && at > b) {
                tail.push_back({at, e});
                e = at;
                continue;
            }
            if (is_dash(cp) && at > b) {  // "...people.”― Name": a dash glued to the word before it
                tail.push_back({at, e});
                e = at;
                continue;
            }
            if (!is_trailing_punct(cp) || at == b) {
                if (at == b && is_trailing_punct(cp)) {
                    tail.push_back({at, e});
                    e = at;
                }
                break;
            }
            // A closing apostrophe after "s" is the plural possessive ("journalists'"): its own token.
            tail.push_back({at, e});
            e = at;
        }
        if (e > b) split_core(b, e);
        for (auto it = tail.rbegin(); it != tail.rend(); ++it) m_out.push_back(*it);
    }

private:
    void flush(std::size_t b, std::size_t e, std::vector<Piece>& tail) {
        m_out.push_back({b, e});
        for (auto it = tail.rbegin(); it != tail.rend(); ++it) m_out.push_back(*it);
    }

    bool is_clitic_start(std::size_t at, std::size_t e) const {
        std::string rest = lower_ascii_quotes(m_text.substr(at, std::min<std::size_t>(e - at, 3)));
        return rest == "s" || rest == "re" || rest == "ve" || rest == "ll" || rest == "d" || rest == "m";
    }

    bool is_url_or_email(std::size_t b, std::size_t& e, std::vector<Piece>& tail) const {
        std::string_view chunk = m_text.substr(b, e - b);
        auto starts_with = [&](std::string_view prefix) {  // ASCII case-insensitive, without a copy
            return chunk.size() >= prefix.size() &&
                   std::equal(prefix.begin(), prefix.end(), chunk.begin(), [](char p, char c) {
                       return p == (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
                   });
        };
        bool url = starts_with("http://") || starts_with("https://") || starts_with("www.");
        std::size_t at = chunk.find('@');
        bool email = at != std::string_view::npos && at > 0 && chunk.find('.', at) != std::string_view::npos &&
                     chunk.find(' ') == std::string_view::npos;
        if (!url && !email) return false;
        // Sentence punctuation after the address is not part of it; a closing bracket is, when the
        // address opened it ("https://en.wikipedia.org/wiki/Pegasus_(spyware)").
        while (e > b) {
            char c = m_text[e - 1];
            std::string_view kept = m_text.substr(b, e - b);
            bool unmatched_close = c == ')' && std::count(kept.begin(), kept.end(), ')') > std::count(kept.begin(), kept.end(), '(');
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || unmatched_close || c == '"') {
                tail.push_back({e - 1, e});
                --e;
            } else {
                std::size_t cp_at;
                char32_t cp = last_cp(m_text, b, e, cp_at);
                if (cp != U'\u201D' && cp != U'\u2019') break;
                tail.push_back({cp_at, e});
                e = cp_at;
            }
        }
        return e > b;
    }

    bool party_state(std::size_t b, std::size_t e) const { return Tokenizer::is_party_state_tag(m_text.substr(b, e - b)); }

    bool keeps_period(std::size_t b, std::size_t e) const {
        if (party_state(b, e)) return true;
        std::string_view word = m_text.substr(b, e - b - 1);  // without the final period
        if (word.empty()) return false;
        std::string low = text::ascii_lower(word);
        if (contains(kAbbreviations, low) || contains(kStateAbbreviations, word)) return true;
        // Initials and dotted acronyms: "J.", "U.S.", "a.m."
        bool pattern = true;
        for (std::size_t i = 0; i < word.size(); ++i) {
            bool letter = std::isalpha(static_cast<unsigned char>(word[i])) != 0;
            bool expect_letter = i % 2 == 0;
            if (letter != expect_letter || (!expect_letter && word[i] != '.')) {
                pattern = false;
                break;
            }
        }
        return pattern && (word.size() == 1 ? std::isupper(static_cast<unsigned char>(word[0])) != 0 : true);
    }

    void split_core(std::size_t b, std::size_t e) {
        if (party_state(b, e)) {
            m_out.push_back({b, e});
            return;
        }
        // Dashes and brackets inside a chunk separate tokens ("war—and", "yes--no", and as UD
        // English splits them, "account(s)", "Warren.$WFC(via" of a pasted tweet).
        std::size_t piece = b;
        for (std::size_t i = b; i < e;) {
            std::size_t at = i;
            char32_t cp = decode(m_text, i);
            bool double_hyphen = cp == '-' && i < e && m_text[i] == '-';
            if (is_dash(cp) || double_hyphen || is_bracket(cp)) {
                if (double_hyphen) ++i;
                if (at > piece) split_hyphens(piece, at);
                m_out.push_back({at, i});
                piece = i;
            }
        }
        if (e > piece) split_hyphens(piece, e);
    }

    void split_hyphens(std::size_t b, std::size_t e) {
        std::size_t piece = b;
        for (std::size_t i = b; i < e; ++i) {
            if (m_text[i] != '-' || i == b || i + 1 >= e) continue;
            std::size_t prev_at;
            char32_t before = last_cp(m_text, b, i, prev_at);
            std::size_t next;
            char32_t after = first_cp(m_text, i + 1, next);
            if (!is_alnum(before) || !is_alnum(after)) continue;
            if (is_digit(before) && is_digit(after)) continue;  // 1-800-555, 2019-20
            std::string left = text::ascii_lower(m_text.substr(piece, i - piece));
            if (contains(kKeptHyphenPrefixes, left)) continue;
            split_clitics(piece, i);
            m_out.push_back({i, i + 1});
            piece = i + 1;
        }
        if (e > piece) split_clitics(piece, e);
    }

    void split_clitics(std::size_t b, std::size_t e) {
        // Every clitic starts with an apostrophe, straight or curly (beyond ASCII); else only "cannot" splits.
        const std::string_view piece = m_text.substr(b, e - b);
        if (piece.size() != 6 && std::none_of(piece.begin(), piece.end(), [](char c) {
                return c == '\'' || static_cast<unsigned char>(c) >= 0x80;
            })) {
            m_out.push_back({b, e});
            return;
        }
        std::string low = lower_ascii_quotes(piece);
        auto ends_with = [&](std::string_view suffix) {
            return low.size() > suffix.size() && low.compare(low.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        // Suffix length in bytes of the original text (the apostrophe may be 3 bytes).
        auto split_at_suffix = [&](std::size_t suffix_chars) {
            std::size_t at = e;
            for (std::size_t n = 0; n < suffix_chars; ++n) last_cp(m_text, b, at, at);
            m_out.push_back({b, at});
            m_out.push_back({at, e});
        };
        if (low == "cannot") {
            m_out.push_back({b, b + 3});
            m_out.push_back({b + 3, e});
            return;
        }
        if (ends_with("n't")) {
            split_at_suffix(3);
            return;
        }
        for (std::string_view clitic : {"'s", "'re", "'ve", "'ll", "'d", "'m"}) {
            if (ends_with(clitic)) {
                split_at_suffix(clitic.size());
                return;
            }
        }
        m_out.push_back({b, e});
    }

    std::string_view m_text;
    std::vector<Piece>& m_out;
};

bool starts_upper_or_digit(std::string_view form) {
    if (form.empty()) return false;
    std::size_t i = 0;
    char32_t cp = decode(form, i);
    return is_upper(cp) || is_digit(cp);
}

bool is_terminal(std::string_view form) {
    return form == "." || form == "!" || form == "?" || form == "..." || form == "\u2026" || form == "?!" ||
           form == "!?";
}

bool is_closing_form(std::string_view form) {
    return form == "\"" || form == "'" || form == "\u201D" || form == "\u2019" || form == ")" || form == "]" ||
           form == "\u00BB";
}

bool is_opening_form(std::string_view form) {
    return form == "\"" || form == "\u201C" || form == "\u2018" || form == "'" || form == "(" || form == "[" ||
           form == "\u00AB";
}

bool paragraph_break(std::string_view text, std::size_t from, std::size_t to) {
    int newlines = 0;
    for (std::size_t i = from; i < to; ++i)
        if (text[i] == '\n') ++newlines;
    return newlines >= 2;
}

// A line that opens with a quotation mark starts a sentence, even after a single line break:
// lists of signed quotations ("...” ― Name\n“...”) put one per line.
bool quotation_opens_line(std::string_view text, const WordView& before, const WordView& next) {
    if (text.substr(before.end, next.start - before.end).find('\n') == std::string_view::npos) return false;
    return next.form == "\u201C" || next.form == "\"" || next.form == "\u201D" || next.form == "\u2018";
}

// The tokens of `text` as views into it: the sentence splitter reads only forms and offsets, so
// a token's strings are built once, straight into its sentence (a flat vector of whole tokens
// first cost a tenth of the annotation's time in page faults and moves).
std::vector<WordView> word_views(std::string_view text) {
    std::vector<Piece> pieces;
    ChunkSplitter splitter(text, pieces);
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t at = i;
        char32_t cp = decode(text, i);
        if (is_space(cp)) continue;
        std::size_t b = at, e = i;
        while (e < text.size()) {
            std::size_t j = e;
            if (is_space(decode(text, j))) break;
            e = j;
        }
        splitter.split(b, e);
        i = e;
    }
    // "No." abbreviates "number" only before a number ("No. 10"); elsewhere it is the word "No"
    // and its period is a token of its own.
    auto is_word_no = [&](std::size_t k) {
        const std::string_view form = text.substr(pieces[k].start, pieces[k].end - pieces[k].start);
        if (form.size() < 3 || form.size() > 4 || form.back() != '.') return false;
        const std::string low = text::ascii_lower(form);
        if (low != "no." && low != "nos.") return false;
        const bool number_follows = k + 1 < pieces.size() && pieces[k + 1].end > pieces[k + 1].start &&
                                    std::isdigit(static_cast<unsigned char>(text[pieces[k + 1].start]));
        return !number_follows;
    };
    std::vector<WordView> out;
    out.reserve(pieces.size() + 16);
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        WordView w{pieces[k].start, pieces[k].end, {}, k + 1 >= pieces.size() || pieces[k + 1].start > pieces[k].end};
        if (is_word_no(k)) {
            const WordView period{w.end - 1, w.end, text.substr(w.end - 1, 1), w.space_after};
            w.end -= 1;
            w.space_after = false;
            w.form = text.substr(w.start, w.end - w.start);
            out.push_back(w);
            out.push_back(period);
            continue;
        }
        w.form = text.substr(w.start, w.end - w.start);
        out.push_back(w);
    }
    return out;
}

// `"...?" Graham asked.`, `"...!" said Mr. Reyes`: a speaker of at most four words and a
// reporting verb, or the verb first, right after the closing quotation mark.
bool speaker_frame_follows(const std::vector<WordView>& tokens, std::size_t j) {
    auto frame_verb = [&](std::size_t k) {
        return k < tokens.size() && contains(kFrameVerbs, text::ascii_lower(tokens[k].form));
    };
    if (frame_verb(j)) return true;
    if (contains(kFramePronouns, text::ascii_lower(tokens[j].form))) return frame_verb(j + 1);
    // "The", "Nobody", "Everyone" open a new sentence ("Is it safe?" Nobody answered.)
    std::string first = text::ascii_lower(tokens[j].form);
    if (contains(kSentenceStarters, first) || first == "nobody" || first == "everyone" || first == "no") return false;
    for (std::size_t k = j; k < tokens.size() && k < j + 4; ++k) {
        if (!starts_upper_or_digit(tokens[k].form)) return false;
        if (frame_verb(k + 1)) return true;
    }
    return false;
}

// Where the sentences of `tokens` end: the index one past each sentence's last token.
std::vector<std::size_t> sentence_ends(std::string_view text, const std::vector<WordView>& tokens) {
    std::vector<std::size_t> ends;
    std::size_t begin = 0;  // first token of the sentence being read
    auto close = [&](std::size_t end) {  // the sentence is tokens [begin, end)
        if (end <= begin) return;
        ends.push_back(end);
        begin = end;
    };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const WordView& tok = tokens[i];
        if (i + 1 >= tokens.size()) break;
        if (i + 1 - begin >= Tokenizer::kMaxSentenceTokens) {
            close(i + 1);
            continue;
        }
        if (paragraph_break(text, tok.end, tokens[i + 1].start) || quotation_opens_line(text, tok, tokens[i + 1])) {
            close(i + 1);
            continue;
        }
        bool terminal = is_terminal(tok.form);
        bool abbreviation = !terminal && tok.form.size() > 1 && tok.form.back() == '.';
        if (!terminal && !abbreviation) continue;
        // Closing quotes and brackets attached to the terminal belong to this sentence.
        std::size_t j = i + 1;
        while (j < tokens.size() && is_closing_form(tokens[j].form) && tokens[j].start == tokens[j - 1].end) {
            ++j;
        }
        if (j >= tokens.size()) break;  // the rest is the last sentence
        const WordView& next = tokens[j];
        bool next_starts = starts_upper_or_digit(next.form) || (is_opening_form(next.form) && next.form != ")");
        if (abbreviation && !contains(kStateAbbreviations, std::string_view(tok.form).substr(0, tok.form.size() - 1))) {
            std::string low = text::ascii_lower(std::string_view(tok.form).substr(0, tok.form.size() - 1));
            bool title = contains(kTitleAbbreviations, low);
            bool initial = tok.form.size() == 2;  // "J." is a middle initial
            bool starter = contains(kSentenceStarters, text::ascii_lower(next.form)) ||
                           (is_opening_form(next.form) && next.form != "(");
            if (title || initial || !starter) continue;
        }
        if (!next_starts) continue;
        if ((tok.form == "?" || tok.form == "!") && j > i + 1 && speaker_frame_follows(tokens, j)) continue;
        i = j - 1;
        close(j);
    }
    close(tokens.size());
    return ends;
}

// Sentences of the tokens [previous end, end) for each end; token_at(k) gives the k-th token.
template <typename TokenAt>
std::vector<Sentence> build_sentences(const std::vector<std::size_t>& ends, TokenAt token_at) {
    std::vector<Sentence> sentences;
    sentences.reserve(ends.size());
    std::size_t begin = 0;
    for (std::size_t end : ends) {
        Sentence& sentence = sentences.emplace_back();
        sentence.tokens.reserve(end - begin);
        for (std::size_t k = begin; k < end; ++k) sentence.tokens.push_back(token_at(k));
        sentence.start = sentence.tokens.front().start;
        sentence.end = sentence.tokens.back().end;
        begin = end;
    }
    return sentences;
}

}  // namespace

bool Tokenizer::is_party_state_tag(std::string_view w) {
    if (w.size() < 4 || w.size() > 12 || (w[0] != 'D' && w[0] != 'R' && w[0] != 'I') || w[1] != '-' ||
        !std::isupper(static_cast<unsigned char>(w[2])))
        return false;
    std::string_view state = w.substr(2);
    if (!std::all_of(state.begin(), state.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)) || ch == '.'; }))
        return false;
    // an abbreviation ("Mass.", "S.C."), a postal code ("VT") or a state written out in full
    // ("D-Day" is none of them)
    static constexpr std::array kShortStates = {"Ohio", "Iowa", "Utah", "Texas", "Maine", "Idaho", "Alaska", "Hawaii", "Guam"};
    bool postal = state.size() == 2 && std::isupper(static_cast<unsigned char>(state[1]));
    return state.back() == '.' || postal || contains(kShortStates, state);
}

std::vector<Token> Tokenizer::tokens(std::string_view text) const {
    const std::vector<WordView> views = word_views(text);
    std::vector<Token> out;
    out.reserve(views.size());
    for (const WordView& w : views) out.push_back(make_token(w));
    return out;
}

std::vector<Sentence> Tokenizer::split_sentences(std::string_view text, std::vector<Token> tokens) const {
    std::vector<WordView> views;
    views.reserve(tokens.size());
    for (const Token& t : tokens) views.push_back({t.start, t.end, t.form, t.space_after});
    return build_sentences(sentence_ends(text, views), [&](std::size_t k) { return std::move(tokens[k]); });
}

std::vector<Sentence> Tokenizer::tokenize(std::string_view text) const {
    const std::vector<WordView> views = word_views(text);
    return build_sentences(sentence_ends(text, views), [&](std::size_t k) { return make_token(views[k]); });
}

}  // namespace factgraph::nlp
