#pragma once
/** @file Statistical named-entity recogniser (PER, ORG, LOC in IOB2), its corpus reader and scorer. */
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/entity_window_net.hpp"
#include "factgraph/nlp/gazetteer.hpp"
#include "factgraph/nlp/perceptron.hpp"

namespace factgraph::nlp {

/** @brief One entity mention: tokens [first_token, end_token) of sentence number `sentence`. */
struct EntitySpan {
    int sentence = 0;
    int first_token = 0;
    int end_token = 0;  ///< exclusive: one past the last token
    std::string type;   ///< PER, ORG or LOC (whatever follows "B-"/"I-" in the tags)
    bool operator==(const EntitySpan&) const = default;
};

/**
 * @brief The entity spans that the IOB2 tags in `Token::ner` describe.
 *
 * Follows conlleval: an I- tag that does not continue a span of its type starts a new one.
 */
std::vector<EntitySpan> entity_spans(const Sentence& sentence, int sentence_index = 0);
/** @brief Spans of every sentence of a document, sentence numbers being vector positions. */
std::vector<EntitySpan> entity_spans(const std::vector<Sentence>& document);

/** @brief One document of an IOB2 corpus. */
struct Iob2Document {
    std::string id;  ///< from "# newdoc id = ...", else empty
    std::vector<Sentence> sentences;
};

/**
 * @brief Reads a Universal NER IOB2 file ("# newdoc id", "# sent_id" and "# text" comments,
 * "index TAB form TAB tag ..." lines, blank lines between sentences).
 *
 * Only PER, ORG and LOC are kept: every other tag (OTH, the stray "B-O") becomes O, and an I-
 * tag left without its B- by that becomes B-. Throws InputError naming `name` on malformed lines.
 */
std::vector<Iob2Document> read_iob2(std::istream& in, const std::string& name);
/** @brief read_iob2() on a file; throws InputError if it cannot be opened. */
std::vector<Iob2Document> read_iob2_file(const std::filesystem::path& path);

/** @brief Exact-match entity scores (span and type must both agree), micro and per type. */
struct EntityScores {
    /** @brief Counts for one type or for all types. */
    struct Counts {
        std::size_t gold = 0;
        std::size_t predicted = 0;
        std::size_t correct = 0;
        double precision() const { return predicted ? double(correct) / double(predicted) : 0.0; }
        double recall() const { return gold ? double(correct) / double(gold) : 0.0; }
        double f1() const {
            const double p = precision(), r = recall();
            return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        }
    };
    Counts micro;
    std::map<std::string, Counts> by_type;
    /** @brief Adds one document's (or sentence's) gold and predicted spans. */
    void add(const std::vector<EntitySpan>& gold, const std::vector<EntitySpan>& predicted);
};

/** @brief Training settings of EntityRecognizer::train(). */
struct NerTrainOptions {
    int epochs = 12;
    std::uint64_t seed = 42;       ///< sentence shuffling
    float prune_below = 0.0f;      ///< drop averaged weights of smaller magnitude (model size)
    float feature_dropout = 0.3f;  ///< chance that a feature is hidden from one training step
    int ensemble = 5;              ///< members trained on different shuffles, summed into one model (docs/ner.md)
    /** @brief Folds of documents for the window network's guesses on the training text (each
     *  fold guessed by a network trained on the others); 0 trains no window network. */
    int window_net_folds = 4;
    WindowNetOptions window_net;   ///< the window network's settings (its seed: the first fold's)
    /** @brief Called after each epoch with its number (1-based) and training token accuracy. */
    std::function<void(int epoch, double token_accuracy)> on_epoch;
};

/**
 * @brief Averaged structured perceptron over hashed features, Viterbi-decoded under IOB2
 * constraints (O -> I-X and B-X -> I-Y are impossible), with document-level consistency.
 *
 * Features: word, lower-cased word and its affixes, word shapes, a +-2 word window, runs of
 * capitalised words, person-title and organisation-suffix cues, and lexicon (gazetteer) matches.
 * All const methods are thread-safe: they keep no scratch state in the object.
 */
class EntityRecognizer {
public:
    /** @brief Tag names by class id: O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC. */
    static const std::array<std::string, 7>& tags();

    /** @brief Loads a model written by save() and the lexicons it was trained with; throws
     *  ModelError naming the file that is missing or corrupt. */
    static EntityRecognizer load(const std::filesystem::path& model_path, const std::filesystem::path& lexicon_dir);

    /** @brief Trains on gold-tagged documents (token.ner in IOB2, PER/ORG/LOC only). */
    static EntityRecognizer train(const std::vector<Iob2Document>& corpus, Gazetteer gazetteer,
                                  const NerTrainOptions& options = {});

    /** @brief Writes the model (not the lexicons) to `model_path`; throws ModelError on failure. */
    void save(const std::filesystem::path& model_path) const;

    /**
     * @brief Tags `token.ner` of every token of a document in IOB2.
     *
     * Each sentence is decoded alone (with statistics of how the document writes each word), then
     * a document pass makes repeated names agree: a cue noun before a name votes for its type
     * ("website Mediapart"), all mentions with the same words get the type most of them got, a
     * bare surname takes the type of the full person name ("Macron" after "Emmanuel Macron"), and
     * untagged repeats of a tagged name are tagged. See docs/ner.md.
     */
    void recognize(std::vector<Sentence>& document) const;

    /** @brief Tags one sentence alone: no document statistics, no document pass. */
    void recognize_sentence(Sentence& sentence) const;

    /** @brief The lexicons in use. */
    const Gazetteer& gazetteer() const { return m_gazetteer; }

    /** @brief Number of stored (feature, class) weights, a measure of model size. */
    std::size_t weight_count() const { return m_model.weight_count(); }

private:
    static constexpr int kTags = 7;
    static constexpr int kStart = kTags;  // row of m_transitions used before the first token

    struct Scratch;
    void decode(const Sentence& sentence, bool with_document, Scratch& scratch, std::vector<int>& path) const;
    // `matches`: each sentence's exact lexicon matches (Gazetteer::match), as decode() found them.
    void document_pass(std::vector<Sentence>& document, const std::vector<std::vector<GazetteerMatch>>& matches) const;
    void mend_sentence_mentions(Sentence& s, const std::unordered_map<std::string, int>& known) const;

    Gazetteer m_gazetteer;
    EntityWindowNet m_net;             // guesses features from word vectors; empty if trained without
    Perceptron m_model;                // an ensemble's members summed into one (Perceptron::sum)
    // Transition scores: row = previous tag (or kStart), column = tag.
    std::array<float, (kTags + 1) * kTags> m_transitions{};
};

}  // namespace factgraph::nlp
