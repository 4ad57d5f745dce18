#pragma once
/** @file The whole NLP pipeline: tokeniser, tagger, lemmatiser, parser, entity recogniser. */
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "factgraph/nlp/annotation.hpp"

namespace factgraph::nlp {

/** @brief Where the data directory (models/, lexicons/) is: `explicit_dir` when set, else the
 *  FACTGRAPH_DATA_DIR environment variable, else the directory fixed at build time. */
std::filesystem::path resolve_data_dir(const std::string& explicit_dir = {});

/** @brief Reshapes the parse inside the recogniser's multi-word person and organisation names
 *  of proper nouns, as UD English builds them: a person `flat` under the first name, an
 *  organisation `compound` under its last word, the name's head taking the span's attachment and
 *  the dependents of its other words. Needs Token::ner and a parse; leaves the sentence as it was
 *  if the result would not be a tree. annotate() calls it after parsing. */
void shape_names(Sentence& sentence);

/** @brief Joins two subjects of one word split from one phrase before it: separated by a bare
 *  preposition ("An adviser to Mr Okafor said": `nmod` + `case`) or conjunction ("Jason and the
 *  boys can": `conj` + `cc`), or by an "as" clause of the first subject's participle that the parser
 *  hung on the word ("company identified by Amnesty as hosting servers was ...": the clause goes
 *  back to the participle, the second subject becomes its object). Needs a parse; annotate() calls
 *  it after shape_names(). */
void join_split_subjects(Sentence& sentence);

/** @brief Which dependency parser a Pipeline loads. */
enum class ParserSpeed {
    fast,      ///< models/parser.bin: greedy, one move per step (about 1 UAS less accurate)
    /// models/parser-supertags.bin: greedy too, reading models/supertagger.bin's guess of each
    /// word's head side, label and dependents (the default; about 1.2 times `fast`'s time)
    accurate,
    /// models/parser-beam.bin with parser.bin as partner (beam search), then models/arc-labeller.bin
    /// relabels the finished tree: as accurate as `accurate` and several times slower; the trainer's
    /// teacher for uptraining (docs/nlp.md, "Twelfth round")
    beam,
};

class Gazetteer;

/** @brief Loads every model once; annotate() is const and thread-safe, so one Pipeline serves
 *  all worker threads (each call uses its own scratch buffers). */
class Pipeline {
public:
    /** @brief Loads models/{tagger,lemmatizer,ner}.bin, the parser chosen by `speed` and
     *  lexicons/ under `data_dir`; throws ModelError naming a missing or corrupt file. */
    explicit Pipeline(const std::filesystem::path& data_dir, ParserSpeed speed = ParserSpeed::accurate);
    /** @brief The same with the two folders named apart (the trainer reads the models it just wrote
     *  from its output folder and the lexicons from theirs). */
    Pipeline(const std::filesystem::path& models_dir, const std::filesystem::path& lexicons_dir, ParserSpeed speed);
    ~Pipeline();
    Pipeline(Pipeline&&) noexcept;
    Pipeline& operator=(Pipeline&&) noexcept;

    /** @brief Tokenises, splits and fully annotates `text`; offsets are bytes into it. */
    std::vector<Sentence> annotate(std::string_view text) const;

    /** @brief Annotates already tokenised sentences in place (tokens and ids are kept). */
    void annotate(std::vector<Sentence>& sentences) const;

    /** @brief The lexicons the recogniser reads (lexicons/), for the steps after the pipeline: one
     *  copy in memory, loaded once. */
    const Gazetteer& gazetteer() const;

private:
    struct Models;
    std::unique_ptr<Models> m_models;
};

}  // namespace factgraph::nlp
