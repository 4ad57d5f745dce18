#include "factgraph/core/error.hpp"
#include "factgraph/importers/extractor.hpp"

namespace factgraph::importers {

const std::vector<std::string>& extractor_names() {
    static const std::vector<std::string> names = {"nlp", "nlp-accurate", "rules"};
    return names;
}

std::unique_ptr<Extractor> make_extractor(std::string_view name, const std::filesystem::path& data_dir) {
    if (name == "nlp") return make_nlp_extractor(data_dir);
    if (name == "nlp-accurate") return make_nlp_extractor(data_dir, true);
    if (name == "rules") return make_rule_extractor();
    throw UsageError("unknown extractor '" + std::string(name) + "' (choose nlp, nlp-accurate or rules)");
}

}  // namespace factgraph::importers
