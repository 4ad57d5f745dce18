#pragma once
/** @file UTF-8 helpers shared by every layer. */
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factgraph::text {

/** @brief Byte offset of the first invalid UTF-8 sequence, or npos when valid. */
std::size_t find_invalid_utf8(std::string_view s);

/** @brief True when the bytes look binary (NUL or many control bytes in the first KiB). */
bool looks_binary(std::string_view s);

/** @brief Number of code points in s (s must be valid UTF-8). */
std::size_t codepoint_length(std::string_view s);

/** @brief Maps byte offsets of one UTF-8 string to code point offsets. */
class OffsetMap {
public:
    explicit OffsetMap(std::string_view s);
    /** @brief Code point offset of byte offset b (b may equal the length). */
    std::size_t to_codepoint(std::size_t byte) const;
    /** @brief Byte offset of code point offset c. */
    std::size_t to_byte(std::size_t codepoint) const;

private:
    // 32-bit offsets: eight bytes per byte of text instead of sixteen (texts over 4 GiB are refused).
    std::vector<std::uint32_t> m_cp_of_byte;   // size bytes+1
    std::vector<std::uint32_t> m_byte_of_cp;   // size cps+1
};

/** @brief Case-folded, NFKC, quote-normalised, whitespace-collapsed form used to match names. */
std::string normalize_name(std::string_view s);

/** @brief Replaces typographic quotes/apostrophes with ASCII ones. */
std::string ascii_quotes(std::string_view s);

/** @brief Trims ASCII and Unicode whitespace at both ends. */
std::string_view trim(std::string_view s);

/** @brief Collapses runs of whitespace to one space and trims. */
std::string collapse_whitespace(std::string_view s);

/** @brief Cuts s to at most max_cps code points, ending with an ellipsis when cut. */
std::string truncate(std::string_view s, std::size_t max_cps);

/** @brief decode() for a code point of two bytes or more, or bad input. */
char32_t decode_multibyte(std::string_view s, std::size_t& i);

/** @brief Decodes one code point at s[i], advancing i; returns U+FFFD on bad input. */
inline char32_t decode(std::string_view s, std::size_t& i) {
    // ASCII without a call: most of the text the tokeniser and recogniser walk through.
    if (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) return static_cast<char32_t>(s[i++]);
    return decode_multibyte(s, i);
}
void append_utf8(std::string& out, char32_t cp);

/** @brief Lower-cases ASCII letters only. */
std::string ascii_lower(std::string_view s);

}  // namespace factgraph::text
