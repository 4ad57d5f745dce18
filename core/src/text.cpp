#include "factgraph/core/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <memory>
#include <stdexcept>

namespace factgraph::text {

std::size_t find_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return i;
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(len), &cp);
        if (n != static_cast<utf8proc_ssize_t>(len) || cp < 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

bool looks_binary(std::string_view s) {
    std::size_t n = std::min<std::size_t>(s.size(), 4096), control = 0;
    for (std::size_t i = 0; i < n; ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
    }
    return n > 0 && control * 20 > n;  // more than 5% control bytes
}

std::size_t codepoint_length(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

OffsetMap::OffsetMap(std::string_view s) {
    if (s.size() >= std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("OffsetMap: a text of 4 GiB or more");
    m_cp_of_byte.resize(s.size() + 1);
    m_byte_of_cp.reserve(s.size() + 1);
    std::uint32_t cp = 0;
    for (std::size_t b = 0; b < s.size(); ++b) {
        bool lead = (static_cast<unsigned char>(s[b]) & 0xC0) != 0x80;
        if (lead) {
            m_byte_of_cp.push_back(static_cast<std::uint32_t>(b));
            m_cp_of_byte[b] = cp++;
        } else {
            m_cp_of_byte[b] = cp;  // a continuation byte maps to the next code point
        }
    }
    m_cp_of_byte[s.size()] = cp;
    m_byte_of_cp.push_back(static_cast<std::uint32_t>(s.size()));
    m_byte_of_cp.shrink_to_fit();
}

std::size_t OffsetMap::to_codepoint(std::size_t byte) const {
    return byte < m_cp_of_byte.size() ? m_cp_of_byte[byte] : m_cp_of_byte.back();
}

std::size_t OffsetMap::to_byte(std::size_t codepoint) const {
    return codepoint < m_byte_of_cp.size() ? m_byte_of_cp[codepoint] : m_byte_of_cp.back();
}

char32_t decode_multibyte(std::string_view s, std::size_t& i) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) {
        ++i;
        return 0xFFFD;
    }
    i += static_cast<std::size_t>(n);
    return static_cast<char32_t>(cp);
}

void append_utf8(std::string& out, char32_t cp) {
    utf8proc_uint8_t buf[4];
    auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::string ascii_quotes(std::string_view s) {
    // The curly quotes are all beyond ASCII.
    if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::size_t at = i;
        char32_t cp = decode(s, i);
        switch (cp) {
            case U'\u2018': case U'\u2019': case U'\u201A': case U'\u2032': out += '\''; break;
            case U'\u201C': case U'\u201D': case U'\u201E': case U'\u2033': out += '"'; break;
            default: out.append(s.substr(at, i - at));
        }
    }
    return out;
}

static bool is_space_cp(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0x2009 || cp == 0x200A || cp == 0x202F || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200B);
}

std::string_view trim(std::string_view s) {
    std::size_t b = 0;
    while (b < s.size()) {
        std::size_t i = b;
        if (!is_space_cp(decode(s, i))) break;
        b = i;
    }
    std::size_t e = s.size();
    while (e > b) {
        std::size_t start = e - 1;
        while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        std::size_t i = start;
        if (!is_space_cp(decode(s, i))) break;
        e = start;
    }
    return s.substr(b, e - b);
}

std::string collapse_whitespace(std::string_view s) {
    std::string out;
    bool pending = false;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t at = i;
        char32_t cp = decode(s, i);
        if (is_space_cp(cp)) {
            pending = !out.empty();
            continue;
        }
        if (pending) out += ' ';
        pending = false;
        out.append(s.substr(at, i - at));
    }
    return out;
}

std::string truncate(std::string_view s, std::size_t max_cps) {
    if (codepoint_length(s) <= max_cps) return std::string(s);
    std::size_t i = 0, n = 0;
    while (i < s.size() && n + 1 < max_cps) {
        decode(s, i);
        ++n;
    }
    return std::string(trim(s.substr(0, i))) + "\u2026";
}

std::string normalize_name(std::string_view s) {
    std::string quoted = ascii_quotes(s);
    utf8proc_uint8_t* folded = nullptr;
    auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(quoted.data()),
                          static_cast<utf8proc_ssize_t>(quoted.size()), &folded,
                          static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                         UTF8PROC_CASEFOLD | UTF8PROC_STABLE));
    std::string lowered;
    if (n >= 0 && folded) lowered.assign(reinterpret_cast<char*>(folded), static_cast<std::size_t>(n));
    else lowered = ascii_lower(quoted);
    std::free(folded);
    std::string out = collapse_whitespace(lowered);
    // Edges carry no meaning for matching: "NSO's" and "NSO" are one name, "the" is not part of it.
    while (!out.empty() && std::string_view(".,;:\"'").find(out.back()) != std::string_view::npos) out.pop_back();
    if (out.size() > 2 && out.compare(out.size() - 2, 2, "'s") == 0) out.resize(out.size() - 2);
    if (out.rfind("the ", 0) == 0) out.erase(0, 4);
    return out;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace factgraph::text
