#pragma once
// Relations between actors, read off the dependency parse (docs/relations.md).
#include <string>
#include <vector>

#include "extract/extraction_support.hpp"

namespace factgraph::nlp {
class Gazetteer;
}

namespace factgraph::importers::detail {

/** Adds the relations the parse states between actors already in `builder`: verbs with their
 *  subject and object (active, passive, participles, relative clauses, phrasal verbs), nominal
 *  forms ("NSO's Pegasus spyware", "its takeover of X"), place modifiers ("Israel-based",
 *  "headquartered in"), titles and appositions ("French President Emmanuel Macron", "Kestrel's
 *  chief executive, Helena Voss", the latter also recorded as a role), and membership nouns
 *  ("among NSO clients", "a member of"). Run after the claims: a relation inside a claim's content
 *  is linked to that claim. */
void add_relations(const std::string& body, const std::vector<Sentence>& sentences, const ResolvedNames& names,
                   const nlp::Gazetteer& gazetteer, ExtractionBuilder& builder);

}  // namespace factgraph::importers::detail
