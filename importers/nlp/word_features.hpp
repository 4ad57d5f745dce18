#pragma once
// Per-word hashes shared by the tagger and the parser: computed once per token, straight from the
// bytes (ASCII case folding), so building features allocates nothing.
#include "factgraph/nlp/perceptron.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace factgraph::nlp::word_features {

inline constexpr std::uint64_t kFnvBasis = 0xcbf29ce484222325ULL;
inline constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

// Hash of the ASCII-lowercased bytes; equals Perceptron::hash(lower(s)).
inline std::uint64_t lower_hash(std::string_view s) {
    std::uint64_t h = kFnvBasis;
    for (char c : s) {
        h ^= static_cast<unsigned char>(ascii_lower(c));
        h *= kFnvPrime;
    }
    return h;
}

enum Flag : std::uint32_t {
    kHasDigit = 1,
    kHasHyphen = 2,
    kInitialUpper = 4,
    kAllUpper = 8,
    kHasLetter = 16,
    kAllPunct = 32,
    kNonAscii = 64,
};

struct WordHashes {
    std::uint64_t lower = 0;  // lowercased form
    std::uint64_t form = 0;   // exact form
    std::uint64_t shape = 0;  // Xxxx / dd.dd style, runs capped at 4
    std::uint64_t prefix[4] = {0, 0, 0, 0};
    std::uint64_t suffix[5] = {0, 0, 0, 0, 0};
    std::uint64_t last_part = 0;  // lowercased part after the last hyphen (0 without a hyphen)
    std::uint32_t flags = 0;
    std::uint32_t length = 0;
};

inline void compute(std::string_view s, WordHashes& w) {
    std::uint64_t lo = kFnvBasis, form = kFnvBasis, shape = kFnvBasis;
    std::uint32_t flags = 0;
    char last_shape = 0;
    int run = 0;
    bool all_upper = true, any_alnum = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const unsigned char u = static_cast<unsigned char>(c);
        form = (form ^ u) * kFnvPrime;
        lo = (lo ^ static_cast<unsigned char>(ascii_lower(c))) * kFnvPrime;
        if (i < 4) w.prefix[i] = lo;
        char sh;
        if (c >= 'A' && c <= 'Z') {
            sh = 'X';
            flags |= kHasLetter;
            if (i == 0) flags |= kInitialUpper;
            any_alnum = true;
        } else if (c >= 'a' && c <= 'z') {
            sh = 'x';
            all_upper = false;
            flags |= kHasLetter;
            any_alnum = true;
        } else if (c >= '0' && c <= '9') {
            sh = 'd';
            flags |= kHasDigit;
            any_alnum = true;
        } else if (u >= 0x80) {
            sh = 'u';
            flags |= kNonAscii;
            any_alnum = true;
        } else {
            sh = c;
            if (c == '-') flags |= kHasHyphen;
        }
        if (sh == last_shape) {
            if (++run > 4) continue;
        } else {
            run = 1;
            last_shape = sh;
        }
        shape = (shape ^ static_cast<unsigned char>(sh)) * kFnvPrime;
    }
    for (std::size_t i = s.size(); i < 4; ++i) w.prefix[i] = lo;
    if (all_upper && (flags & kHasLetter)) flags |= kAllUpper;
    if (!any_alnum && !s.empty()) flags |= kAllPunct;
    w.last_part = 0;
    if (flags & kHasHyphen) {
        const std::size_t dash = s.rfind('-');
        if (dash + 1 < s.size()) w.last_part = lower_hash(s.substr(dash + 1)) ^ 0x2d2dULL;
    }
    for (std::size_t k = 1; k <= 5; ++k) {
        std::uint64_t h = kFnvBasis ^ (k * 0x51ULL);  // distinct from prefix hashes of the same bytes
        const std::size_t from = s.size() > k ? s.size() - k : 0;
        for (std::size_t i = from; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(ascii_lower(s[i]))) * kFnvPrime;
        w.suffix[k - 1] = h;
    }
    w.lower = lo;
    w.form = form;
    w.shape = shape;
    w.flags = flags;
    w.length = static_cast<std::uint32_t>(s.size());
}

// Distance between two words as a feature value: 1..5 exactly, then 6 (up to 10) and 7 (beyond);
// 0 for none. Shared by the parser and the arc labeller.
inline std::uint64_t distance_bucket(int d) {
    if (d <= 0) return 0;
    if (d <= 5) return static_cast<std::uint64_t>(d);
    return d <= 10 ? 6 : 7;
}

// Features mix a template id with up to three values: cheap multiply/rotate mixing, one finaliser.
inline std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
inline std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dULL;
    x ^= x >> 33;
    return x;
}
inline std::uint64_t feat(std::uint64_t templ, std::uint64_t a) {
    return mix(a ^ (templ + 1) * 0x9E3779B97F4A7C15ULL);
}
inline std::uint64_t feat(std::uint64_t templ, std::uint64_t a, std::uint64_t b) {
    return mix(a ^ rotl(b * 0xC2B2AE3D27D4EB4FULL, 23) ^ (templ + 1) * 0x9E3779B97F4A7C15ULL);
}
inline std::uint64_t feat(std::uint64_t templ, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    return mix(a ^ rotl(b * 0xC2B2AE3D27D4EB4FULL, 23) ^ rotl(c * 0x165667B19E3779F9ULL, 47) ^
               (templ + 1) * 0x9E3779B97F4A7C15ULL);
}

}  // namespace factgraph::nlp::word_features
