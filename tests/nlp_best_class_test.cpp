// The arg-max helpers the tagger, supertagger and parser take a class with (an internal header of
// importers/nlp), against the plain definitions: the first of the highest scores, and its lead
// over the highest of the others.
#include "../importers/nlp/best_class.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

namespace {

using factgraph::nlp::detail::best_with_lead;
using factgraph::nlp::detail::first_best;

float lead_of(const std::vector<float>& scores, int best) {
    float runner_up = -std::numeric_limits<float>::infinity();
    for (std::size_t c = 0; c < scores.size(); ++c)
        if (static_cast<int>(c) != best) runner_up = std::max(runner_up, scores[c]);
    return scores[static_cast<std::size_t>(best)] - runner_up;
}

// Every length from 1 to 70 and the models' 103 and 199 (whole blocks of lanes and tails), with
// scores drawn from a few values so that ties, also across blocks, are common.
TEST(BestClass, FirstBestAndLeadAsThePlainDefinitions) {
    std::mt19937 rng(7);
    std::vector<std::size_t> lengths;
    for (std::size_t n = 1; n <= 70; ++n) lengths.push_back(n);
    lengths.push_back(103);
    lengths.push_back(199);
    for (const std::size_t n : lengths)
        for (int trial = 0; trial < 40; ++trial) {
            const int values = trial % 2 ? 5 : 1000;
            std::uniform_int_distribution<int> draw(-values, values);
            std::vector<float> scores(n);
            for (float& s : scores) s = static_cast<float>(draw(rng)) * 0.5f;
            const int expected = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
            ASSERT_EQ(first_best(scores.data(), n), expected) << n << " " << trial;
            const auto best = best_with_lead(scores.data(), n);
            ASSERT_EQ(best.index, expected) << n << " " << trial;
            ASSERT_EQ(best.lead, lead_of(scores, expected)) << n << " " << trial;
        }
}

TEST(BestClass, TiesLeadByNothingAndOneClassByInfinity) {
    const std::vector<float> tie{1, 3, 2, 3, 0, 0, 0, 0, 0, 3};
    EXPECT_EQ(first_best(tie.data(), tie.size()), 1);
    EXPECT_EQ(best_with_lead(tie.data(), tie.size()).index, 1);
    EXPECT_EQ(best_with_lead(tie.data(), tie.size()).lead, 0.0f);
    const float one = 2.5f;
    EXPECT_EQ(best_with_lead(&one, 1).index, 0);
    EXPECT_EQ(best_with_lead(&one, 1).lead, std::numeric_limits<float>::infinity());
    EXPECT_EQ(first_best(nullptr, 0), -1);
    const std::vector<float> nan(9, std::numeric_limits<float>::quiet_NaN());
    EXPECT_EQ(first_best(nan.data(), nan.size()), -1);
}

}  // namespace
