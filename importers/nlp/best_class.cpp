// Arg-max of score vectors (best_class.hpp).
#include "best_class.hpp"
#include "vector_clones.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>

namespace factgraph::nlp::detail {

namespace {

// Eight lanes as GCC vector types: two SSE registers in a baseline x86-64 build, one AVX register
// in the AVX2 clones of the functions below (FACTGRAPH_VECTOR_CLONES: the CPU picks one when the
// program loads).
// Plain loops over an array of lanes were left scalar by the compiler (no maxps in the tagger's
// decoding). Until 2026-12-03 (eighth session) four lanes, one SSE register, in every build.
// No function takes or returns a lane vector, so no ABI depends on the build's vectors.
using Lanes = float __attribute__((vector_size(32)));
using LaneInts = std::int32_t __attribute__((vector_size(32)));
constexpr std::size_t kLanes = 8;

}  // namespace

// The first class with the highest score, as std::max_element gives it (-1 if there are none or
// all are NaN): each lane's best over the whole blocks of eight and the start of the first block
// where the lane reached it, then the tail one by one.
FACTGRAPH_VECTOR_CLONES
int first_best(const float* scores, std::size_t classes) {
    constexpr float kNone = -std::numeric_limits<float>::infinity();
    Lanes lane_score = Lanes{} + kNone;
    LaneInts lane_block{};
    std::size_t end = 0;
    for (; end + kLanes <= classes; end += kLanes) {
        Lanes x;
        std::memcpy(&x, scores + end, sizeof x);
        const LaneInts better = x > lane_score;  // strictly: a lane keeps its first best
        lane_score = better ? x : lane_score;
        lane_block = better ? LaneInts{} + static_cast<std::int32_t>(end) : lane_block;
    }
    float top = kNone;
    int index = -1;
    for (std::size_t j = 0; j < kLanes; ++j) {
        const int at = lane_block[j] + static_cast<int>(j);
        if (lane_score[j] > top || (lane_score[j] == top && index >= 0 && at < index)) {
            top = lane_score[j];
            index = at;
        }
    }
    for (std::size_t c = end; c < classes; ++c)
        if (scores[c] > top) top = scores[c], index = static_cast<int>(c);
    if (index >= 0) return index;
    // Every score -infinity or NaN: the first -infinity, as std::max_element.
    for (std::size_t c = 0; c < classes; ++c)
        if (scores[c] == top) return static_cast<int>(c);
    return -1;
}

// The runner-up is the second highest of the lanes' two highest scores (and the tail's): kept per
// lane in the same pass as the best.
FACTGRAPH_VECTOR_CLONES
BestClass best_with_lead(const float* scores, std::size_t classes) {
    constexpr float kNone = -std::numeric_limits<float>::infinity();
    Lanes first = Lanes{} + kNone, second = first;
    LaneInts block{};
    std::size_t c = 0;
    for (; c + kLanes <= classes; c += kLanes) {
        Lanes x;
        std::memcpy(&x, scores + c, sizeof x);
        const LaneInts better = x > first;
        second = better ? first : (x > second ? x : second);
        first = better ? x : first;
        block = better ? LaneInts{} + static_cast<std::int32_t>(c) : block;
    }
    float top = kNone, runner_up = kNone;
    int index = -1;
    auto take = [&](float x, int at) {
        if (x > top || (x == top && index >= 0 && at < index)) {
            // A tie with the best so far makes it the runner-up too.
            runner_up = std::max(runner_up, top);
            top = x;
            index = at;
        } else {
            runner_up = std::max(runner_up, x);
        }
    };
    for (std::size_t j = 0; j < kLanes; ++j) {
        take(first[j], block[j] + static_cast<int>(j));
        runner_up = std::max(runner_up, second[j]);
    }
    for (; c < classes; ++c) take(scores[c], static_cast<int>(c));
    if (index < 0) return {first_best(scores, classes), 0.0f};  // every score -infinity or NaN
    return {index, top - runner_up};
}

}  // namespace factgraph::nlp::detail
