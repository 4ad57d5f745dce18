#include "factgraph/core/error.hpp"
#include "factgraph/importers/extractor.hpp"

namespace factgraph::importers {

const std::vector<std::string>& extractor_names() {
    static const std::vector<std::string> names = {"nlp", "nlp-fast", "rules", "nlp-accurate"};
    return names;
}

const char* extractor_choices_help() {
    return "nlp (statistical, default; its parser reads supertags), nlp-fast (the same with the greedy "
           "parser alone: about 1 UAS less accurate, annotation about a fifth faster), rules (no models "
           "needed); nlp-accurate is the old name of nlp";
}

std::unique_ptr<Extractor> make_extractor(std::string_view name, const std::filesystem::path& data_dir) {
    if (name == "nlp" || name == "nlp-accurate") return make_nlp_extractor(data_dir);
    if (name == "nlp-fast") return make_nlp_extractor(data_dir, nlp::ParserSpeed::fast);
    if (name == "rules") return make_rule_extractor();
    throw UsageError("unknown extractor '" + std::string(name) + "' (choose nlp, nlp-fast or rules)");
}

}  // namespace factgraph::importers
