#pragma once
/** @file Extractors turn an Article into an Extraction (actors, claims, relations). */
#include <filesystem>
#include <memory>
#include <string>
#include <vector>
#include <string_view>

#include "factgraph/core/model.hpp"
#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/pipeline.hpp"

namespace factgraph::importers {

/** @brief One way of finding facts in an article. Implementations keep their models immutable
 *  after construction, so one instance can serve many worker threads. */
class Extractor {
public:
    virtual ~Extractor() = default;
    /** @brief Name recorded in every fact's provenance. */
    virtual std::string_view name() const = 0;
    /** @brief Pure function of the article; the result passes validate(). */
    virtual Extraction extract(const Article& article) const = 0;
};

/** @brief The first-pass extractor: sentence split, capitalised-name actors, "X said" and quoted
 *  speech. Small and rule-based; the statistical pipeline replaces it behind this interface. */
std::unique_ptr<Extractor> make_rule_extractor();

}  // namespace factgraph::importers

namespace factgraph::importers {

/** @brief The statistical extractor: tagger, parser and entity recogniser from `data_dir`
 *  (models/ and lexicons/). Throws ModelError when a model is missing or corrupt. `speed` picks
 *  the parser: by default the one that reads supertags; `fast` the greedy parser alone (about 1
 *  UAS less accurate; annotation about a fifth faster). */
std::unique_ptr<Extractor> make_nlp_extractor(const std::filesystem::path& data_dir,
                                              nlp::ParserSpeed speed = nlp::ParserSpeed::accurate);

/** @brief The statistical extractor's steps after its NLP pipeline, on sentences annotated
 *  elsewhere (tokens with offsets into `article.text`, UPOS, XPOS, lemma, head, label and NER tag,
 *  as `factgraph nlp` writes them): the extraction depends on the parse it is given, not on the
 *  models' parse of the text. `extractor` comes from make_nlp_extractor(); any other extractor
 *  throws std::invalid_argument. */
Extraction extract_annotated(const Extractor& extractor, const Article& article, const std::vector<nlp::Sentence>& sentences);

/** @brief Extractor names `make_extractor` accepts: "nlp" (the default, whose parser reads
 *  supertags), "nlp-fast" (the same with the greedy parser alone), "rules", and "nlp-accurate",
 *  the name "nlp" had while "nlp-fast" was the default (kept so that scripts keep working). */
const std::vector<std::string>& extractor_names();

/** @brief One line per extractor for a command's help: what each does and costs. */
const char* extractor_choices_help();

/** @brief The extractor called `name`, loading models from `data_dir` when it needs them. */
std::unique_ptr<Extractor> make_extractor(std::string_view name, const std::filesystem::path& data_dir);

}  // namespace factgraph::importers
