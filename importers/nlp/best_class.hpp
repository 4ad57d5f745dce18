#pragma once
// The arg-max of a score vector, shared by the tagger, the supertagger and the parser, which take
// one per word or move over 50 to 199 classes (best_class.cpp).

#include <cstddef>

namespace factgraph::nlp::detail {

// The first class with the highest score, as std::max_element gives it (-1 if there are none or
// all are NaN).
int first_best(const float* scores, std::size_t classes);

/** The first best class and its lead over the runner-up: the best score minus the highest score of
 *  the other classes (0 for a tie; infinity for a single class). */
struct BestClass {
    int index;
    float lead;
};

BestClass best_with_lead(const float* scores, std::size_t classes);

}  // namespace factgraph::nlp::detail
