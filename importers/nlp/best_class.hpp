#pragma once
// The arg-max of a score vector, shared by the tagger, the supertagger and the parser, which take
// one per word or move over 50 to 199 classes.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

namespace factgraph::nlp::detail {

// Four lanes as GCC vector types, one SSE register, which every x86-64 build has: plain loops over
// an array of lanes were left scalar by the compiler (no maxps in the tagger's decoding).
using Lanes = float __attribute__((vector_size(16)));
using LaneInts = std::int32_t __attribute__((vector_size(16)));
constexpr std::size_t kLanes = 4;

inline Lanes load_lanes(const float* p) {
    Lanes v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// The highest score of each lane over the whole blocks of four, and the start of the first block
// where the lane reached it; `end` is where the whole blocks end.
struct LaneBest {
    Lanes score;
    LaneInts block;
    std::size_t end;
};

inline LaneBest lane_best(const float* scores, std::size_t classes) {
    constexpr float kNone = -std::numeric_limits<float>::infinity();
    LaneBest best{Lanes{} + kNone, LaneInts{}, 0};
    for (; best.end + kLanes <= classes; best.end += kLanes) {
        const Lanes x = load_lanes(scores + best.end);
        const LaneInts better = x > best.score;  // strictly: a lane keeps its first best
        best.score = better ? x : best.score;
        best.block = better ? LaneInts{} + static_cast<std::int32_t>(best.end) : best.block;
    }
    return best;
}

// The first class with the highest score, as std::max_element gives it (-1 if there are none or
// all are NaN): the lanes' best and where they were first seen, then the tail one by one.
inline int first_best(const float* scores, std::size_t classes) {
    const LaneBest lanes = lane_best(scores, classes);
    float top = -std::numeric_limits<float>::infinity();
    int index = -1;
    for (std::size_t j = 0; j < kLanes; ++j) {
        const int at = lanes.block[j] + static_cast<int>(j);
        if (lanes.score[j] > top || (lanes.score[j] == top && index >= 0 && at < index)) {
            top = lanes.score[j];
            index = at;
        }
    }
    for (std::size_t c = lanes.end; c < classes; ++c)
        if (scores[c] > top) top = scores[c], index = static_cast<int>(c);
    if (index >= 0) return index;
    // Every score -infinity or NaN: the first -infinity, as std::max_element.
    for (std::size_t c = 0; c < classes; ++c)
        if (scores[c] == top) return static_cast<int>(c);
    return -1;
}

/** The first best class and its lead over the runner-up: the best score minus the highest score of
 *  the other classes (0 for a tie; infinity for a single class). */
struct BestClass {
    int index;
    float lead;
};

// The runner-up is the second highest of the lanes' two highest scores (and the tail's): kept per
// lane in the same pass as the best.
inline BestClass best_with_lead(const float* scores, std::size_t classes) {
    constexpr float kNone = -std::numeric_limits<float>::infinity();
    Lanes first = Lanes{} + kNone, second = first;
    LaneInts block{};
    std::size_t c = 0;
    for (; c + kLanes <= classes; c += kLanes) {
        const Lanes x = load_lanes(scores + c);
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
