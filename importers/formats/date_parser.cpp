#include "factgraph/importers/date_parser.hpp"

#include <array>
#include <cstdio>
#include <optional>
#include <vector>

#include "factgraph/core/text.hpp"

namespace factgraph::importers {
namespace {

// A date line is short; anything longer is prose that merely mentions a date.
constexpr std::size_t kMaxDateLength = 120;

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

int to_int(std::string_view digits) {
    int v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return v;
}

// Full name or an abbreviation of at least three letters ("Jul", "Sept", "Weds" is not one).
int name_index(std::string_view word, const auto& names) {
    std::string w = text::ascii_lower(word);
    if (!w.empty() && w.back() == '.') w.pop_back();
    if (w.size() < 3) return -1;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i].substr(0, w.size()) == w) return static_cast<int>(i);
    return -1;
}

bool is_weekday(std::string_view word) {
    std::string w = text::ascii_lower(word);
    if (w == "weds" || w == "thur" || w == "thurs" || w == "tues") return true;
    return name_index(word, kWeekdays) >= 0;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

bool valid_date(int y, int m, int d) {
    return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::string two(int v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

std::string ymd(int y, int m, int d) {
    std::string out = std::to_string(y) + "-" + two(m);
    if (d > 0) out += "-" + two(d);
    return out;
}

// "+0000", "+00:00", "-05", "+5:30" -> "+00:00"; nullopt when s is not an offset.
std::optional<std::string> parse_offset(std::string_view s) {
    if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    std::string_view rest = s.substr(1);
    int h = 0, m = 0;
    if (auto colon = rest.find(':'); colon != std::string_view::npos) {
        auto hs = rest.substr(0, colon), ms = rest.substr(colon + 1);
        if (!all_digits(hs) || hs.size() > 2 || !all_digits(ms) || ms.size() != 2) return std::nullopt;
        h = to_int(hs);
        m = to_int(ms);
    } else if (all_digits(rest) && rest.size() == 4) {
        h = to_int(rest.substr(0, 2));
        m = to_int(rest.substr(2));
    } else if (all_digits(rest) && rest.size() <= 2) {
        h = to_int(rest);
    } else {
        return std::nullopt;
    }
    if (h > 14 || m > 59) return std::nullopt;
    return std::string(1, s[0]) + two(h) + ":" + two(m);
}

// Zone abbreviations that RFC 822 defines plus the ones British and European outlets print.
std::optional<std::string> parse_zone(std::string_view word) {
    std::string w = text::ascii_lower(word);
    if (w == "z" || w == "utc" || w == "gmt" || w == "ut") return "Z";
    struct Zone { std::string_view name, offset; };
    static constexpr std::array<Zone, 11> kZones = {{{"bst", "+01:00"}, {"cet", "+01:00"},
        {"cest", "+02:00"}, {"est", "-05:00"}, {"edt", "-04:00"}, {"cst", "-06:00"},
        {"cdt", "-05:00"}, {"mst", "-07:00"}, {"mdt", "-06:00"}, {"pst", "-08:00"},
        {"pdt", "-07:00"}}};
    for (const auto& z : kZones)
        if (w == z.name) return std::string(z.offset);
    if (w.size() > 3 && (w.rfind("utc", 0) == 0 || w.rfind("gmt", 0) == 0)) {
        auto off = parse_offset(word.substr(3));
        if (off) return *off == "+00:00" || *off == "-00:00" ? std::string("Z") : *off;
    }
    return parse_offset(word);
}

// "11:06", "11:06:00", "11:06:00.123" -> canonical text; nullopt when not a clock time.
std::optional<std::string> parse_clock(std::string_view s, char sep = ':') {
    auto c1 = s.find(sep);
    if (c1 == std::string_view::npos || c1 == 0 || c1 > 2) return std::nullopt;
    auto hs = s.substr(0, c1);
    auto rest = s.substr(c1 + 1);
    if (rest.size() < 2 || !is_digit(rest[0]) || !is_digit(rest[1])) return std::nullopt;
    auto ms = rest.substr(0, 2);
    rest.remove_prefix(2);
    std::string secs;
    if (!rest.empty()) {
        if (rest[0] != sep || rest.size() < 3 || !is_digit(rest[1]) || !is_digit(rest[2])) return std::nullopt;
        secs = std::string(rest.substr(1, 2));
        rest.remove_prefix(3);
        if (!rest.empty()) {
            if (rest[0] != '.' || !all_digits(rest.substr(1))) return std::nullopt;
            secs += std::string(rest);
            rest = {};
        }
    }
    if (!all_digits(hs)) return std::nullopt;
    int h = to_int(hs), m = to_int(ms);
    if (h > 23 || m > 59 || (!secs.empty() && to_int(secs.substr(0, 2)) > 60)) return std::nullopt;
    return two(h) + ":" + two(m) + (secs.empty() ? "" : ":" + secs);
}

// Strict ISO 8601 / RFC 3339 ("2021-07-21", "2021-07-21T09:00:00Z", "2021-07-21 09:00+01:00").
std::optional<std::string> parse_iso(std::string_view s) {
    if (s.size() < 7 || !all_digits(s.substr(0, 4)) || s[4] != '-') return std::nullopt;
    int y = to_int(s.substr(0, 4));
    if (!all_digits(s.substr(5, 2))) return std::nullopt;
    int m = to_int(s.substr(5, 2));
    if (s.size() == 7) return m >= 1 && m <= 12 ? std::optional(ymd(y, m, 0)) : std::nullopt;
    if (s.size() < 10 || s[7] != '-' || !all_digits(s.substr(8, 2))) return std::nullopt;
    int d = to_int(s.substr(8, 2));
    if (!valid_date(y, m, d)) return std::nullopt;
    std::string out = ymd(y, m, d);
    if (s.size() == 10) return out;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
    std::string_view rest = s.substr(11);
    std::size_t tz = rest.find_first_of("Zz+-");
    auto clock = parse_clock(rest.substr(0, tz));
    if (!clock) return std::nullopt;
    out += "T" + *clock;
    if (tz != std::string_view::npos) {
        auto zone = rest.substr(tz);
        if (zone == "Z" || zone == "z") {
            out += "Z";
        } else {
            auto off = parse_offset(zone);
            if (!off) return std::nullopt;
            out += *off;
        }
    }
    return out;
}

// "21/07/2021", "2021/07/21", "21.07.2021", "21-07-2021": day first unless impossible.
bool parse_numeric_date(std::string_view tok, int& y, int& m, int& d) {
    char sep = 0;
    for (char c : tok)
        if (c == '/' || c == '.' || c == '-') {
            sep = c;
            break;
        }
    if (!sep) return false;
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= tok.size(); ++i)
        if (i == tok.size() || tok[i] == sep) {
            parts.push_back(tok.substr(start, i - start));
            start = i + 1;
        }
    if (parts.size() != 3) return false;
    for (auto p : parts)
        if (!all_digits(p) || p.size() > 4) return false;
    if (parts[0].size() == 4) {
        y = to_int(parts[0]);
        m = to_int(parts[1]);
        d = to_int(parts[2]);
    } else if (parts[2].size() == 4) {
        y = to_int(parts[2]);
        int a = to_int(parts[0]), b = to_int(parts[1]);
        if (b > 12 && a <= 12) {  // only month first makes sense
            m = a;
            d = b;
        } else {
            d = a;
            m = b;
        }
    } else {
        return false;
    }
    return valid_date(y, m, d);
}

std::string_view strip_prefix_words(std::string_view s) {
    // Labels outlets put before the date; "on"/"at" may follow them.
    static constexpr std::array<std::string_view, 10> kLabels = {
        "first published", "last updated", "last modified", "published", "updated", "posted",
        "modified", "date", "dated", "created"};
    for (bool again = true; again;) {
        again = false;
        std::string lower = text::ascii_lower(s.substr(0, 20));
        for (auto label : kLabels) {
            if (lower.rfind(label, 0) == 0 && (s.size() == label.size() || !is_alpha(s[label.size()]))) {
                s = text::trim(s.substr(label.size()));
                if (!s.empty() && s.front() == ':') s = text::trim(s.substr(1));
                again = true;
                break;
            }
        }
    }
    return s;
}

}  // namespace

std::string parse_date(std::string_view input) {
    std::string_view s = text::trim(input);
    if (s.empty() || s.size() > kMaxDateLength) return {};
    s = strip_prefix_words(s);
    if (auto iso = parse_iso(s)) return *iso;

    // Tokens separated by spaces and commas; connectors and brackets carry no information.
    std::vector<std::string> tokens;
    std::string cur;
    auto push = [&] {
        while (!cur.empty() && (cur.back() == ')' || cur.back() == ']')) cur.pop_back();
        while (!cur.empty() && (cur.front() == '(' || cur.front() == '[')) cur.erase(0, 1);
        if (!cur.empty()) tokens.push_back(cur);
        cur.clear();
    };
    for (char c : s) {
        if (c == ' ' || c == ',' || c == '\t') push();
        else cur += c;
    }
    push();

    int year = 0, month = 0, day = 0;
    bool numeric = false, weekday_seen = false;
    std::optional<std::string> clock, zone;
    int hour12 = -1;  // set when an am/pm marker must adjust the clock
    struct Num { std::string digits; bool ordinal; };
    std::vector<Num> nums;

    auto take_ampm = [&](std::string_view w) {
        std::string l = text::ascii_lower(w);
        if (l == "am" || l == "a.m." || l == "a.m") return 0;
        if (l == "pm" || l == "p.m." || l == "p.m") return 12;
        return -1;
    };

    for (std::size_t i = 0; i < tokens.size(); ++i) {
        std::string_view t = tokens[i];
        std::string lower = text::ascii_lower(t);
        if (lower == "at" || lower == "on" || lower == "of" || lower == "the" || lower == "|" ||
            lower == "-" || lower == "\xE2\x80\x93" || lower == "\xE2\x80\x94" || lower == "/")
            continue;
        if (!weekday_seen && !month && !day && is_weekday(t) && name_index(t, kMonths) < 0) {
            weekday_seen = true;
            continue;
        }
        if (int mi = name_index(t, kMonths); mi >= 0 && !all_digits(t)) {
            if (month || numeric) return {};
            month = mi + 1;
            continue;
        }
        if (int pm = take_ampm(t); pm >= 0) {
            if (!clock || hour12 >= 0) return {};
            hour12 = pm;
            continue;
        }
        if (clock && !zone) {
            if (auto z = parse_zone(t)) {
                zone = z;
                continue;
            }
        }
        if (all_digits(t) && t.size() <= 4) {
            nums.push_back({std::string(t), false});
            continue;
        }
        // Ordinal day: "21st", "2nd".
        if (t.size() >= 3 && t.size() <= 4 && is_digit(t[0])) {
            std::string suffix = text::ascii_lower(t.substr(t.size() - 2));
            auto digits = t.substr(0, t.size() - 2);
            if (all_digits(digits) && (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th")) {
                nums.push_back({std::string(digits), true});
                continue;
            }
        }
        // Clock, possibly with a glued am/pm ("11:06am", "11.06pm").
        {
            std::string_view body = t;
            int glued = -1;
            if (body.size() > 2) {
                glued = take_ampm(body.substr(body.size() - 2));
                if (glued >= 0) body.remove_suffix(2);
            }
            auto c = parse_clock(body);
            if (!c && glued >= 0) c = parse_clock(body, '.');
            if (!c && glued >= 0 && all_digits(body) && body.size() <= 2) c = two(to_int(body)) + ":00";
            if (c) {
                if (clock) return {};
                clock = c;
                if (glued >= 0) hour12 = glued;
                continue;
            }
        }
        if (!numeric && !month && nums.empty() && parse_numeric_date(t, year, month, day)) {
            numeric = true;
            continue;
        }
        return {};  // a word that has no place in a date: this is prose, not a date
    }

    if (!numeric) {
        if (!month) return {};
        for (const auto& n : nums) {
            if (n.digits.size() == 4 && !n.ordinal) {
                if (year) return {};
                year = to_int(n.digits);
            }
        }
        std::vector<const Num*> rest;
        for (const auto& n : nums)
            if (n.digits.size() != 4 || n.ordinal) rest.push_back(&n);
        if (!year) {
            // RFC 822 allows "21 Jul 21": day then two-digit year.
            if (rest.size() != 2 || rest[1]->ordinal || rest[1]->digits.size() != 2) return {};
            int yy = to_int(rest[1]->digits);
            year = yy < 70 ? 2000 + yy : 1900 + yy;
            rest.pop_back();
        }
        if (rest.size() > 1) return {};
        if (rest.size() == 1) {
            if (rest[0]->digits.size() > 2) return {};
            day = to_int(rest[0]->digits);
            if (!valid_date(year, month, day)) return {};
        } else if (clock || year < 1000 || year > 9999) {
            return {};  // "July 2021" is a month; a time needs a day
        }
    }
    std::string out = ymd(year, month, day);
    if (clock) {
        if (hour12 >= 0) {
            int h = to_int(clock->substr(0, 2));
            if (h < 1 || h > 12) return {};
            h = h % 12 + hour12;
            *clock = two(h) + clock->substr(2);
        }
        out += "T" + *clock;
        if (zone) out += *zone;
    }
    return out;
}

std::string iso_from_unix_seconds(std::int64_t seconds) {
    // Howard Hinnant's civil_from_days.
    std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    std::int64_t secs = seconds - days * 86400;
    std::int64_t z = days + 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    std::int64_t doe = z - era * 146097;
    std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    std::int64_t mp = (5 * doy + 2) / 153;
    std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(secs / 3600),
                  static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
    return buf;
}

}  // namespace factgraph::importers
