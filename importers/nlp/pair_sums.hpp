#pragma once
// Exact integer layer sums shared by the window networks (EntityWindowNet, SupertagNet): 16-bit
// inputs times 8-bit weights (held as 16-bit), summed in 32 bits, so that a guess is the same on
// every CPU whatever vector instructions the sum uses.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace factgraph::nlp::pair_sums {

// Units summed at once (eight AVX2 registers of eight int32); layouts pad units to a multiple.
inline constexpr std::size_t kUnitBlock = 64;

inline std::size_t padded_units(std::size_t units) { return (units + kUnitBlock - 1) / kUnitBlock * kUnitBlock; }

// out[u] = sum over i < 2 * pairs of x[i] * unit u's weight i, for `units` (a multiple of
// kUnitBlock) units whose weights are laid out input pair by input pair: [pair][unit][2]. A pair
// of zero inputs is skipped. One multiply-add of pairs (pmaddwd) gives eight units' x[2p] * w +
// x[2p + 1] * w'.
void sums(const std::int16_t* x, std::size_t pairs, const std::int16_t* w, std::size_t units, std::int32_t* out);

// The same without vector instructions (what sums() does on a CPU without AVX2; tests compare the two).
void sums_one_by_one(const std::int16_t* x, std::size_t pairs, const std::int16_t* w, std::size_t units, std::int32_t* out);

// The [pair][unit][2] layout of weights given unit-major (`weight(unit, input)`), `inputs` of
// them per unit, units padded with zeros to padded_units(units) and an odd input count with a
// zero input.
template <class Weight>
std::vector<std::int16_t> lay_out(std::size_t units, std::size_t inputs, Weight weight) {
    const std::size_t pairs = (inputs + 1) / 2, padded = padded_units(units);
    std::vector<std::int16_t> out(pairs * padded * 2, 0);
    for (std::size_t i = 0; i < inputs; ++i)
        for (std::size_t u = 0; u < units; ++u) out[((i / 2) * padded + u) * 2 + i % 2] = weight(u, i);
    return out;
}

}  // namespace factgraph::nlp::pair_sums
