#pragma once
// Actors an article names by description rather than by a proper name (docs/actors.md).
#include <string>
#include <vector>

#include "extract/extraction_support.hpp"

namespace factgraph::nlp {
class Gazetteer;
}

namespace factgraph::importers::detail {

/** Names for the actors the parse describes without a proper name, to add to the recogniser's:
 *  groups introduced with their description ("a global media consortium", then "the consortium"
 *  and "Consortium members" are the same group) and national institutions ("an unidentified
 *  Moroccan security service", "the French government"). A bare definite reference ("the
 *  consortium", "the government") is a mention of the latest such actor with that head noun
 *  before it; without one it names nothing. Tokens already inside `names` are left alone. */
std::vector<NameSpan> descriptor_names(const std::string& body, const std::vector<Sentence>& sentences,
                                       const std::vector<NameSpan>& names, const nlp::Gazetteer& gazetteer);

}  // namespace factgraph::importers::detail
