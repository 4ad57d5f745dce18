#pragma once
// The arg-max of a score vector, shared by the tagger and the parser, which take one per word or
// move over 50 to 103 classes.

#include <algorithm>
#include <cstddef>
#include <limits>

namespace factgraph::nlp::detail {

// The first class with the highest score, as std::max_element gives it (-1 if there are none or
// all are NaN). The maximum is found 8 lanes at a time, which the compiler vectorises, then its
// first index: fewer instructions than a compare and branch per class.
inline int first_best(const float* scores, std::size_t classes) {
    constexpr std::size_t kLanes = 8;
    float lane[kLanes];
    std::fill(lane, lane + kLanes, -std::numeric_limits<float>::infinity());
    std::size_t c = 0;
    for (; c + kLanes <= classes; c += kLanes)
        for (std::size_t j = 0; j < kLanes; ++j) lane[j] = scores[c + j] > lane[j] ? scores[c + j] : lane[j];
    float top = *std::max_element(lane, lane + kLanes);
    for (; c < classes; ++c) top = scores[c] > top ? scores[c] : top;
    for (c = 0; c < classes; ++c)
        if (scores[c] == top) return static_cast<int>(c);
    return -1;
}

/** The first best class and its lead over the runner-up: the best score minus the highest score of
 *  the other classes (0 for a tie; infinity for a single class). The two highest scores are kept
 *  per lane in one pass, so the lead costs no second scan of the classes. */
struct BestClass {
    int index;
    float lead;
};

inline BestClass best_with_lead(const float* scores, std::size_t classes) {
    constexpr std::size_t kLanes = 8;
    constexpr float kNone = -std::numeric_limits<float>::infinity();
    float first[kLanes], second[kLanes];
    std::fill(first, first + kLanes, kNone);
    std::fill(second, second + kLanes, kNone);
    std::size_t c = 0;
    for (; c + kLanes <= classes; c += kLanes)
        for (std::size_t j = 0; j < kLanes; ++j) {
            const float x = scores[c + j];
            const float low = x < first[j] ? x : first[j];
            second[j] = low > second[j] ? low : second[j];
            first[j] = x > first[j] ? x : first[j];
        }
    float top = kNone, runner_up = kNone;
    auto take = [&](float x) {
        if (x > top) {
            runner_up = top;
            top = x;
        } else if (x > runner_up) {
            runner_up = x;
        }
    };
    for (std::size_t j = 0; j < kLanes; ++j) {
        take(first[j]);
        take(second[j]);
    }
    for (; c < classes; ++c) take(scores[c]);
    for (c = 0; c < classes; ++c)
        if (scores[c] == top) return {static_cast<int>(c), top - runner_up};
    return {-1, 0.0f};
}

}  // namespace factgraph::nlp::detail
