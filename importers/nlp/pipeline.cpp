#include "factgraph/nlp/pipeline.hpp"

#include <cstdlib>

#include "factgraph/core/error.hpp"
#include "factgraph/nlp/entity_recognizer.hpp"
#include "factgraph/nlp/lemmatizer.hpp"
#include "factgraph/nlp/parser.hpp"
#include "factgraph/nlp/tagger.hpp"
#include "factgraph/nlp/tokenizer.hpp"

namespace factgraph::nlp {

namespace fs = std::filesystem;

fs::path resolve_data_dir(const std::string& explicit_dir) {
    if (!explicit_dir.empty()) return explicit_dir;
    if (const char* env = std::getenv("FACTGRAPH_DATA_DIR"); env && *env) return env;
    return FACTGRAPH_DEFAULT_DATA_DIR;
}

struct Pipeline::Models {
    Tokenizer tokenizer;
    Tagger tagger;
    Lemmatizer lemmatizer;
    Parser parser;
    EntityRecognizer recognizer;
};

namespace {

fs::path existing(const fs::path& path) {
    if (!fs::exists(path))
        throw ModelError(path.string() + ": model file not found (set --data or FACTGRAPH_DATA_DIR to the folder "
                                         "holding models/ and lexicons/, or retrain with scripts/train-models)");
    return path;
}

}  // namespace

Pipeline::Pipeline(const fs::path& data_dir) : m_models(std::make_unique<Models>()) {
    fs::path models = data_dir / "models";
    m_models->tagger = Tagger::load(existing(models / "tagger.bin").string());
    m_models->lemmatizer = Lemmatizer::load(existing(models / "lemmatizer.bin").string());
    m_models->parser = Parser::load(existing(models / "parser.bin").string());
    m_models->recognizer = EntityRecognizer::load(existing(models / "ner.bin"), data_dir / "lexicons");
}

Pipeline::~Pipeline() = default;
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;

std::vector<Sentence> Pipeline::annotate(std::string_view text) const {
    std::vector<Sentence> sentences = m_models->tokenizer.tokenize(text);
    annotate(sentences);
    return sentences;
}

void Pipeline::annotate(std::vector<Sentence>& sentences) const {
    Tagger::Scratch tag_scratch;
    Parser::Scratch parse_scratch;
    for (auto& s : sentences) {
        m_models->tagger.tag(s, tag_scratch);
        m_models->lemmatizer.lemmatize(s);
        m_models->parser.parse(s, parse_scratch);
    }
    m_models->recognizer.recognize(sentences);
}

}  // namespace factgraph::nlp
