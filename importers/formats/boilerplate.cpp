#include "formats/boilerplate.hpp"

#include <algorithm>
#include <array>

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"
#include "factgraph/importers/date_parser.hpp"

namespace factgraph::importers::boilerplate {
namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Non-ASCII letters (Ł, Ö, ...) count as capitals: names in bylines and credits start with them.
bool starts_capitalised(std::string_view word) {
    return !word.empty() && (is_upper_ascii(word[0]) || static_cast<unsigned char>(word[0]) >= 0x80);
}

std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        std::size_t start = i;
        while (i < s.size() && s[i] != ' ') ++i;
        if (i > start) words.push_back(s.substr(start, i - start));
    }
    return words;
}

// Words in s, counting no further than `limit`.
std::size_t count_words(std::string_view s, std::size_t limit) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        if (c == ' ') {
            in_word = false;
        } else if (!in_word) {
            in_word = true;
            if (++n >= limit) return n;
        }
    }
    return n;
}

// Strips closing quotes and brackets so that `grave.”` ends in a full stop.
std::string_view strip_closers(std::string_view s) {
    static constexpr std::array<std::string_view, 8> kClosers = {
        "\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB", "*"};
    for (bool again = true; again && !s.empty();) {
        again = false;
        for (auto c : kClosers)
            if (s.size() >= c.size() && s.substr(s.size() - c.size()) == c) {
                s.remove_suffix(c.size());
                again = true;
            }
    }
    return s;
}

bool ends_sentence(std::string_view line) {
    std::string_view s = strip_closers(text::trim(line));
    if (s.empty()) return false;
    char last = s.back();
    if (last == '.' || last == '!' || last == '?') return true;
    return s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xA6";  // …
}

bool ends_with_punctuation(std::string_view line) {
    std::string_view s = strip_closers(text::trim(line));
    if (s.empty()) return false;
    return ends_sentence(s) || s.back() == ':' || s.back() == ';' || s.back() == ',';
}

// Lower case, typographic quotes made ASCII, trailing separators and arrows removed.
std::string marker_key(std::string_view line) {
    std::string s = text::ascii_lower(text::ascii_quotes(text::trim(line)));
    for (bool again = true; again;) {
        again = false;
        for (std::string_view tail : {":", " ", ">", "\xC2\xBB", "\xE2\x80\xBA", "\xE2\x86\x92", "|"}) {
            if (s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0) {
                s.resize(s.size() - tail.size());
                again = true;
            }
        }
    }
    return s;
}

bool looks_like_name_part(std::string_view part) {
    auto words = split_words(text::trim(part));
    if (words.empty() || words.size() > 5 || !starts_capitalised(words.front())) return false;
    for (auto w : words)
        for (char c : w)
            if (is_digit(c)) return false;
    return true;
}

// The agencies whose bare name is a credit when a caption ends with it in brackets.
constexpr std::array<std::string_view, 18> kAgencies = {
    "PA", "PA Wire", "PA Media", "PA Archive", "AP", "Reuters", "AFP", "Getty", "Getty Images",
    "EPA", "EPA-EFE", "Alamy", "Shutterstock", "Bloomberg", "Xinhua", "ANP", "dpa", "AFP via Getty Images"};

constexpr std::array<std::string_view, 15> kCreditLabels = {
    "photo credit:", "image credit:", "picture credit:", "photograph:", "photography:",
    "pictures:", "picture:", "photos:", "photo:", "images:", "image:", "credit:", "pic:",
    "illustration:", "photo by"};

// "PA", "Phil Noble/PA", "Jane Doe/AFP via Getty Images", "iStock": short, no sentence inside,
// every word a name or a particle.
std::optional<std::string> plausible_credit(std::string_view s) {
    std::string_view c = text::trim(s);
    if (!c.empty() && c.back() == '.') c = text::trim(c.substr(0, c.size() - 1));
    while (!c.empty() && (c.back() == ')' || c.back() == ']')) c = text::trim(c.substr(0, c.size() - 1));
    if (c.empty() || text::codepoint_length(c) > 60) return std::nullopt;
    auto words = split_words(c);
    if (words.size() > 8) return std::nullopt;
    if (c.find(". ") != std::string_view::npos || c.find('?') != std::string_view::npos ||
        c.find('!') != std::string_view::npos)
        return std::nullopt;
    static constexpr std::array<std::string_view, 12> kParticles = {
        "via", "for", "of", "and", "&", "/", "de", "van", "von", "the", "le", "la"};
    for (auto w : words) {
        bool has_capital = starts_capitalised(w) || is_digit(w[0]) ||
                           std::any_of(w.begin(), w.end(), [](char ch) { return is_upper_ascii(ch); });
        if (!has_capital && std::find(kParticles.begin(), kParticles.end(), w) == kParticles.end()) return std::nullopt;
    }
    return std::string(c);
}

bool is_credit_inside_brackets(std::string_view inner) {
    for (auto a : kAgencies)
        if (inner == a) return true;
    if (inner.find('/') == std::string_view::npos) return false;
    std::size_t start = 0;
    int parts = 0;
    for (std::size_t i = 0; i <= inner.size(); ++i) {
        if (i == inner.size() || inner[i] == '/') {
            if (!looks_like_name_part(inner.substr(start, i - start))) return false;
            ++parts;
            start = i + 1;
        }
    }
    return parts >= 2 && parts <= 3;
}

// A credit label starts the line, follows a sentence or a bracket, or is capitalised ("... the
// Limmat Photo: Lena Weber"); "the image: a crowd" in a sentence is not one.
bool is_label_boundary(std::string_view original, std::size_t at) {
    if (at == 0) return true;
    char c = original[at - 1];
    if (c == '(' || c == '[' || c == '|') return true;
    if (c != ' ') return false;
    if (at >= 2 && (original[at - 2] == '.' || original[at - 2] == '|' || original[at - 2] == '-')) return true;
    return is_upper_ascii(original[at]);
}

bool is_prose(std::string_view line) { return ends_sentence(line) && count_words(line, 8) >= 8; }

// Answers "do lines[k..] read like a list of headlines?" in constant time: headline lists are
// mostly unpunctuated titles, body text is mostly full sentences.
class RailIndex {
public:
    explicit RailIndex(const std::vector<Line>& lines) : m_prose_from(lines.size() + 1, 0) {
        for (std::size_t k = lines.size(); k-- > 0;) m_prose_from[k] = m_prose_from[k + 1] + (is_prose(lines[k].text) ? 1 : 0);
    }
    bool from(std::size_t k) const {
        std::size_t n = m_prose_from.size() - 1;
        if (k >= n) return true;
        return m_prose_from[k] * 3 <= n - k;
    }

private:
    std::vector<std::size_t> m_prose_from;  // prose lines at or after each index
};

// Keeps the lines before `cut` that are not dropped.
void compact(std::vector<Line>& lines, const std::vector<bool>& drop, std::size_t cut) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < lines.size() && i < cut; ++i)
        if (!drop[i]) {
            if (out != i) lines[out] = std::move(lines[i]);
            ++out;
        }
    lines.resize(out);
}

}  // namespace

std::string read_document(std::istream& in, const Source& source, std::size_t max_bytes) {
    std::string data;
    std::array<char, 1 << 16> buf{};
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0) break;
        if (data.size() + n > max_bytes)
            throw InputError(source.path, "input is larger than " + std::to_string(max_bytes >> 20) +
                                              " MiB; one article is never this big");
        data.append(buf.data(), n);
    }
    return data;
}

std::string sanitize_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {  // fast path for ASCII
            if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r' || c == '\f') out += static_cast<char>(c);
            ++i;
            if (c == 0x7F) out.pop_back();
            continue;
        }
        char32_t cp = text::decode(s, i);
        if (cp >= 0x80 && cp <= 0x9F) {
            // C1 controls in text are Windows-1252 punctuation decoded as Latin-1; map the common ones.
            switch (cp) {
                case 0x85: cp = U'\u2026'; break;
                case 0x91: cp = U'\u2018'; break;
                case 0x92: cp = U'\u2019'; break;
                case 0x93: cp = U'\u201C'; break;
                case 0x94: cp = U'\u201D'; break;
                case 0x96: cp = U'\u2013'; break;
                case 0x97: cp = U'\u2014'; break;
                default: continue;
            }
        }
        text::append_utf8(out, cp);
    }
    return out;
}

std::string_view strip_bom(std::string_view s) {
    if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    return s;
}

std::string_view skip_bom_and_space(std::string_view s) {
    s = strip_bom(s);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r' ||
                          s.front() == '\f'))
        s.remove_prefix(1);
    return s;
}

std::string article_id(const Source& source) {
    if (source.path.empty() || source.path == "-") return "stdin";
    std::string_view p = source.path;
    if (auto slash = p.find_last_of("/\\"); slash != std::string_view::npos) p.remove_prefix(slash + 1);
    if (auto dot = p.rfind('.'); dot != std::string_view::npos && dot > 0) p = p.substr(0, dot);
    return p.empty() ? std::string("article") : std::string(p);
}

std::string decode_entities(std::string_view s) {
    if (s.find('&') == std::string_view::npos) return std::string(s);
    struct Entity { std::string_view name; char32_t cp; };
    static constexpr std::array<Entity, 22> kNamed = {{
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
        {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"rdquo", 0x201D}, {"ldquo", 0x201C},
        {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"eacute", 0xE9},
        {"egrave", 0xE8}, {"uuml", 0xFC}, {"ouml", 0xF6}, {"auml", 0xE4}, {"ccedil", 0xE7},
        {"pound", 0xA3}, {"euro", 0x20AC}, {"copy", 0xA9}}};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] != '&') {
            out += s[i++];
            continue;
        }
        auto semi = s.find(';', i + 1);
        if (semi == std::string_view::npos || semi - i > 12) {
            out += s[i++];
            continue;
        }
        std::string_view name = s.substr(i + 1, semi - i - 1);
        char32_t cp = 0;
        if (name.size() > 1 && name[0] == '#') {
            bool hex = name[1] == 'x' || name[1] == 'X';
            std::uint32_t v = 0;
            bool ok = name.size() > (hex ? 2u : 1u);
            for (std::size_t k = hex ? 2 : 1; k < name.size() && ok; ++k) {
                char c = name[k];
                int d = is_digit(c) ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0 || v > 0x10FFFF) ok = false;
                else v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
            }
            // Control characters and surrogates stay as written rather than corrupt the text.
            bool control = v < 0x20 || (v >= 0x7F && v <= 0x9F);
            if (ok && !control && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) cp = v;
        } else {
            for (const auto& e : kNamed)
                if (name == e.name) cp = e.cp;
        }
        if (cp == 0) {
            out += s[i++];
            continue;
        }
        text::append_utf8(out, cp);
        i = semi + 1;
    }
    return out;
}

std::vector<Line> split_lines(std::string_view input) {
    std::vector<Line> lines;
    std::size_t block = 0;
    bool blank_before = false;
    std::size_t i = 0;
    while (i <= input.size()) {
        // A line ends at \n, \r\n, \r, U+2028 or U+2029.
        std::size_t end = i;
        std::size_t next = input.size() + 1;
        while (end < input.size()) {
            char c = input[end];
            if (c == '\n') { next = end + 1; break; }
            if (c == '\r') { next = end + 1 < input.size() && input[end + 1] == '\n' ? end + 2 : end + 1; break; }
            if (c == '\xE2' && end + 2 < input.size() && input[end + 1] == '\x80' &&
                (input[end + 2] == '\xA8' || input[end + 2] == '\xA9')) {
                next = end + 3;
                break;
            }
            ++end;
        }
        std::string collapsed = text::collapse_whitespace(input.substr(i, end - i));
        if (collapsed.empty()) {
            blank_before = true;
        } else {
            if (blank_before && !lines.empty()) ++block;
            blank_before = false;
            lines.push_back({std::move(collapsed), block});
        }
        i = next;
    }
    return lines;
}

std::vector<std::string> assemble_paragraphs(const std::vector<Line>& lines) {
    std::vector<std::string> paragraphs;
    for (std::size_t start = 0; start < lines.size();) {
        std::size_t end = start + 1;
        while (end < lines.size() && lines[end].block == lines[start].block) ++end;
        // Hard-wrapped text fills every line but the last to about the same width; a line that
        // is much shorter, or a block whose lines all end sentences, holds one paragraph a line.
        std::size_t width = 0;
        bool all_end_sentences = true;
        for (std::size_t k = start; k + 1 < end; ++k) {
            width = std::max(width, text::codepoint_length(lines[k].text));
            all_end_sentences = all_end_sentences && ends_sentence(lines[k].text);
        }
        std::string current;
        for (std::size_t k = start; k < end; ++k) {
            if (!current.empty()) current += ' ';
            current += lines[k].text;
            bool last = k + 1 == end;
            bool breaks = last || width > 120 || all_end_sentences ||
                          text::codepoint_length(lines[k].text) * 10 < width * 6;
            if (breaks) {
                paragraphs.push_back(std::move(current));
                current.clear();
            }
        }
        start = end;
    }
    return paragraphs;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) {
        if (p.empty()) continue;
        if (!out.empty()) out += "\n\n";
        out += p;
    }
    return out;
}

bool is_heading_like(std::string_view line) {
    if (line.size() > 360 || ends_with_punctuation(line) || text::codepoint_length(line) > 90) return false;
    return count_words(line, 13) <= 12;
}

std::optional<std::string> caption_credit(std::string_view raw) {
    std::string_view line = text::trim(raw);
    if (line.empty() || line.size() > 1600 || text::codepoint_length(line) > 400) return std::nullopt;
    std::string lower = text::ascii_lower(line);

    // "... Picture: PA", "Credit: Getty Images", "(Photo: Reuters)": the last label wins.
    std::size_t best = std::string::npos, best_len = 0;
    for (auto label : kCreditLabels) {
        for (auto at = lower.find(label); at != std::string::npos; at = lower.find(label, at + 1)) {
            if (!is_label_boundary(line, at)) continue;
            if (best == std::string::npos || at > best) {
                best = at;
                best_len = label.size();
            }
        }
    }
    if (best != std::string::npos) {
        if (auto credit = plausible_credit(line.substr(best + best_len))) return credit;
    }

    // "... (Phil Noble/PA)", "(AP Photo/Jane Doe)", "(Reuters)": a credit in closing brackets.
    // A sentence that ends "(AFP)." is prose citing its source, not a caption.
    std::string_view s = line;
    if (s.back() != ')') return std::nullopt;
    auto open = s.rfind('(');
    if (open == std::string_view::npos) return std::nullopt;
    std::string_view inner = text::trim(s.substr(open + 1, s.size() - open - 2));
    if (inner.empty() || inner.find('(') != std::string_view::npos) return std::nullopt;
    if (is_credit_inside_brackets(inner)) return plausible_credit(inner);
    return std::nullopt;
}

std::optional<std::string> byline_name(std::string_view raw) {
    std::string_view line = text::trim(raw);
    if (line.size() < 4 || line.size() > 400 || text::codepoint_length(line) > 100) return std::nullopt;
    std::string_view rest;
    for (std::string_view prefix : {"By ", "BY ", "Written by ", "Words by "}) {
        if (line.substr(0, prefix.size()) == prefix) {
            rest = text::trim(line.substr(prefix.size()));
            break;
        }
    }
    while (!rest.empty() && (rest.back() == ',' || rest.back() == '|' || rest.back() == ':' || rest.back() == '-'))
        rest = text::trim(rest.substr(0, rest.size() - 1));
    if (rest.empty()) return std::nullopt;
    if (rest.back() == '!' || rest.back() == '?') return std::nullopt;
    auto words = split_words(rest);
    if (words.empty() || words.size() > 10 || !starts_capitalised(words.front())) return std::nullopt;
    if (rest.back() == '.' && words.back().size() > 3) return std::nullopt;  // "Jr." is fine, a sentence is not
    // Words before a comma or bar are the name; after it may come a role ("political editor").
    static constexpr std::array<std::string_view, 22> kParticles = {
        "and", "&", "of", "the", "de", "van", "von", "der", "den", "la", "le", "du", "da", "di",
        "dos", "del", "al", "bin", "el", "y", "in", "for"};
    std::size_t name_words = 0;
    for (auto w : words) {
        bool ends_name = w.back() == ',' || w == "|" || w == "-" || w == "\xE2\x80\x93";
        if (w != "|" && w != "-") {
            for (char c : w)
                if (is_digit(c)) return std::nullopt;
            bool particle = false;
            for (auto p : kParticles)
                if (w == p) particle = true;
            if (!starts_capitalised(w) && !particle && w.find_first_not_of(",;:-") != std::string_view::npos)
                return std::nullopt;
            ++name_words;
        }
        if (ends_name) break;
    }
    // "By Tuesday" and "By March" are times, not people.
    if (name_words == 1 && !parse_date(std::string(words.front()) + " 1 2000").empty()) return std::nullopt;
    if (words.size() == 1) {
        static constexpr std::array<std::string_view, 7> kDays = {
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
        for (auto d : kDays)
            if (words.front() == d) return std::nullopt;
    }
    return std::string(rest);
}

bool is_rail_marker(std::string_view line) {
    if (line.size() > 240 || ends_sentence(line) || text::codepoint_length(line) > 60 || count_words(line, 7) > 6)
        return false;
    std::string key = marker_key(line);
    static constexpr std::array<std::string_view, 39> kExact = {
        "related", "related articles", "related stories", "related content", "related news",
        "related links", "related topics", "related coverage", "read more", "read next",
        "more stories", "more news", "most read", "most popular", "most viewed", "most shared",
        "trending", "trending now", "trending stories", "recommended", "recommended for you",
        "recommended stories", "you may also like", "you might also like", "you may be interested in",
        "more on this story", "more on this topic", "top stories", "latest", "latest news",
        "latest stories", "latest headlines", "also read", "editor's picks", "editors' picks",
        "around the web", "from around the web", "what to read next", "more like this"};
    for (auto e : kExact)
        if (key == e) return true;
    static constexpr std::array<std::string_view, 9> kPrefixes = {
        "latest ", "more from ", "see more", "more in ", "more on ", "most read ", "related ",
        "top stories ", "trending in "};
    for (auto p : kPrefixes)
        if (key.rfind(p, 0) == 0) return true;
    return false;
}

bool is_junk_line(std::string_view line) {
    if (line.size() > 400) return false;
    std::string key = marker_key(line);
    while (!key.empty() && (key.back() == '.' || key.back() == '!')) key.pop_back();
    static constexpr std::array<std::string_view, 32> kExact = {
        "advertisement", "advertisment", "ad", "sponsored", "story continues below",
        "story continues below advertisement", "continue reading", "continue reading below",
        "article continues below", "article continues below advertisement", "skip ad",
        "skip advertisement", "share", "share this", "share this article", "share this story",
        "share on facebook", "share on twitter", "click to share", "copy link", "link copied",
        "listen to this article", "print", "email", "comments", "view comments", "subscribe",
        "sign up", "close", "open image in gallery", "scroll to continue", "loading"};
    for (auto e : kExact)
        if (key == e) return true;
    if (count_words(line, 26) > 25) return false;
    static constexpr std::array<std::string_view, 9> kPrefixes = {
        "read more:", "related:", "see also:", "also read:", "read also:", "watch:", "listen:",
        "click here to", "sign up to our"};
    std::string lower = text::ascii_lower(text::ascii_quotes(line));
    for (auto p : kPrefixes)
        if (lower.rfind(p, 0) == 0) return true;
    return false;
}

void add_credit(std::vector<std::string>& credits, std::string credit) {
    credit = text::collapse_whitespace(credit);
    if (credit.empty()) return;
    for (const auto& c : credits)
        if (c == credit) return;
    credits.push_back(std::move(credit));
}

void strip_header(std::vector<Line>& lines, Metadata& meta) {
    static constexpr std::array<std::string_view, 6> kSeparators = {
        " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", ", "};
    for (int round = 0; round < 4 && !lines.empty(); ++round) {
        const std::string& line = lines.front().text;
        if (line.size() > 400) break;
        if (auto date = parse_date(line); !date.empty()) {
            if (meta.published.empty()) meta.published = date;
        } else if (auto name = byline_name(line)) {
            if (meta.byline.empty()) meta.byline = *name;
        } else {
            // "By Jane Doe | 21 July 2021"
            bool matched = false;
            for (auto sep : kSeparators) {
                for (auto at = line.find(sep); at != std::string::npos && !matched; at = line.find(sep, at + 1)) {
                    auto who = byline_name(std::string_view(line).substr(0, at));
                    auto when = parse_date(std::string_view(line).substr(at + sep.size()));
                    if (who && !when.empty()) {
                        if (meta.byline.empty()) meta.byline = *who;
                        if (meta.published.empty()) meta.published = when;
                        matched = true;
                    }
                }
                if (matched) break;
            }
            if (!matched) break;
        }
        lines.erase(lines.begin());
    }
}

void strip_boilerplate(std::vector<Line>& lines, Metadata& meta) {
    std::vector<bool> drop(lines.size(), false);
    auto starts_paragraph = [&](std::size_t j) {
        return j == 0 || lines[j - 1].block != lines[j].block || ends_sentence(lines[j - 1].text);
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (auto credit = caption_credit(lines[i].text)) {
            drop[i] = true;
            add_credit(meta.credits, *credit);
            // An image's alt title sits just above its caption in the same block ("G7 Summit").
            if (i > 0 && !drop[i - 1] && lines[i - 1].block == lines[i].block &&
                is_heading_like(lines[i - 1].text) && starts_paragraph(i - 1))
                drop[i - 1] = true;
        } else if (is_junk_line(lines[i].text)) {
            drop[i] = true;
        }
    }
    compact(lines, drop, lines.size());

    // A headline rail runs to the end of the page; an inline "Related" box is a marker and a few
    // headlines in the middle of prose.
    RailIndex rail(lines);
    std::size_t cut = lines.size();
    drop.assign(lines.size(), false);
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (!is_rail_marker(lines[k].text)) continue;
        if (rail.from(k + 1)) {
            cut = k;
            break;
        }
        std::size_t end = k + 1;
        while (end < lines.size() && end - k <= 5 && is_heading_like(lines[end].text)) ++end;
        if (end < lines.size() && end - k <= 5) {
            for (std::size_t j = k; j < end; ++j) drop[j] = true;
            k = end - 1;
        }
    }
    compact(lines, drop, cut);

    // A closing "By NAME" line ends the article: what follows belongs to the page, not the story.
    RailIndex after_byline(lines);
    cut = lines.size();
    drop.assign(lines.size(), false);
    for (std::size_t k = 1; k < lines.size(); ++k) {
        auto name = byline_name(lines[k].text);
        if (!name) continue;
        if (lines.size() - k - 1 <= 3 || after_byline.from(k + 1)) {
            if (meta.byline.empty()) meta.byline = *name;
            cut = k;
            break;
        }
        if (k <= 2) {  // below a standfirst: still the byline, still not body
            if (meta.byline.empty()) meta.byline = *name;
            drop[k] = true;
        }
    }
    compact(lines, drop, cut);
}

}  // namespace factgraph::importers::boilerplate
