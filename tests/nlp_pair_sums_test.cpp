#include "../importers/nlp/pair_sums.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

using namespace factgraph::nlp;

TEST(PairSums, VectorAndPlainSumsAgreeExactlyAndSkipZeroPairs) {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> input(-8192, 8192), weight(-127, 127);
    for (std::size_t units : {std::size_t{64}, std::size_t{256}, std::size_t{7 * 128}}) {
        const std::size_t inputs = 93;  // odd: lay_out() pads a zero input
        std::vector<std::int16_t> x((inputs + 1) / 2 * 2, 0);
        for (std::size_t i = 0; i < inputs; ++i) x[i] = static_cast<std::int16_t>(i % 5 == 0 ? 0 : input(rng));
        x[10] = x[11] = 0;  // a pair of zeros
        std::vector<std::int8_t> w(units * inputs);
        for (auto& v : w) v = static_cast<std::int8_t>(weight(rng));
        const std::vector<std::int16_t> laid =
            pair_sums::lay_out(units, inputs, [&](std::size_t u, std::size_t i) { return static_cast<std::int16_t>(w[u * inputs + i]); });
        const std::size_t padded = pair_sums::padded_units(units);
        std::vector<std::int32_t> fast(padded), plain(padded);
        pair_sums::sums(x.data(), (inputs + 1) / 2, laid.data(), padded, fast.data());
        pair_sums::sums_one_by_one(x.data(), (inputs + 1) / 2, laid.data(), padded, plain.data());
        EXPECT_EQ(fast, plain) << units << " units";
        // And both are the plain dot products.
        for (std::size_t u = 0; u < units; u += 37) {
            std::int64_t expected = 0;
            for (std::size_t i = 0; i < inputs; ++i) expected += std::int64_t{x[i]} * w[u * inputs + i];
            EXPECT_EQ(plain[u], expected) << "unit " << u;
        }
        for (std::size_t u = units; u < padded; ++u) EXPECT_EQ(plain[u], 0) << "padding unit " << u;
    }
}
