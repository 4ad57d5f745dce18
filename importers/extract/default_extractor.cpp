#include "factgraph/importers/extractor.hpp"

namespace factgraph::importers {

std::unique_ptr<Extractor> make_default_extractor() { return make_rule_extractor(); }

}  // namespace factgraph::importers
