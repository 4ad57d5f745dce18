#include "pair_sums.hpp"

#include <algorithm>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace factgraph::nlp::pair_sums {

void sums_one_by_one(const std::int16_t* x, std::size_t pairs, const std::int16_t* w, std::size_t units, std::int32_t* out) {
    std::fill(out, out + units, 0);
    for (std::size_t p = 0; p < pairs; ++p) {
        const std::int32_t a = x[2 * p], b = x[2 * p + 1];
        if (a == 0 && b == 0) continue;
        const std::int16_t* row = w + p * units * 2;
        for (std::size_t u = 0; u < units; ++u) out[u] += a * row[2 * u] + b * row[2 * u + 1];
    }
}

namespace {

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define FACTGRAPH_PAIR_SUMS_AVX2 1
// The same with AVX2, 64 units at a time in eight registers (the CPU is asked once per call).
__attribute__((target("avx2"))) void sums_avx2(const std::int16_t* x, std::size_t pairs, const std::int16_t* w,
                                               std::size_t units, std::int32_t* out) {
    for (std::size_t block = 0; block < units; block += kUnitBlock) {
        __m256i acc[8];
        for (__m256i& v : acc) v = _mm256_setzero_si256();
        for (std::size_t p = 0; p < pairs; ++p) {
            const std::uint32_t a = static_cast<std::uint16_t>(x[2 * p]), b = static_cast<std::uint16_t>(x[2 * p + 1]);
            if ((a | b) == 0) continue;
            const __m256i pair = _mm256_set1_epi32(static_cast<int>(a | b << 16));
            const std::int16_t* row = w + (p * units + block) * 2;
            for (int r = 0; r < 8; ++r)
                acc[r] = _mm256_add_epi32(acc[r], _mm256_madd_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + 16 * r)), pair));
        }
        for (int r = 0; r < 8; ++r) _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + block + 8 * static_cast<std::size_t>(r)), acc[r]);
    }
}
#endif

}  // namespace

void sums(const std::int16_t* x, std::size_t pairs, const std::int16_t* w, std::size_t units, std::int32_t* out) {
#ifdef FACTGRAPH_PAIR_SUMS_AVX2
    if (__builtin_cpu_supports("avx2")) return sums_avx2(x, pairs, w, units, out);
#endif
    sums_one_by_one(x, pairs, w, units, out);
}

}  // namespace factgraph::nlp::pair_sums
