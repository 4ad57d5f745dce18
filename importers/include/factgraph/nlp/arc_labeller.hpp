#pragma once
/** @file Relabels a parsed sentence's arcs with a classifier that sees the whole tree. */
#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/perceptron.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace factgraph::nlp {

/** @brief Training settings for ArcLabeller::train(). */
struct ArcLabellerTrainOptions {
    int epochs = 10;
    std::uint32_t seed = 1;
    float feature_dropout = 0.2f;  ///< each example sees a random (1 - this) share of its features
    float prune_below = 0.0f;      ///< drop averaged weights smaller than this
    /// Score added to the label the parser chose (stored in the model; see ArcLabeller::label()).
    float parser_bonus = 16.0f;
    std::function<void(int epoch, double train_accuracy)> progress;  ///< called after each epoch
};

/**
 * @brief Chooses the dependency label of every arc of a parsed sentence, once the whole tree is
 * known.
 *
 * A transition parser picks an arc's label when it makes the arc, before it has seen the rest of
 * the head's dependents ("was" before "killed" decides nsubj:pass; an object after the verb
 * decides iobj against obj). The labeller sees the finished tree: the dependent, its head and
 * grandparent, the words and labels of its own dependents and of its siblings, what lies between.
 * It learns from gold trees (with predicted tags) and keeps the parser's heads. On its own it
 * labels about as well as the parser; the two make different mistakes, so label() adds a bonus to
 * the label the parser chose and lets the labeller overrule it only when it is clearly surer.
 *
 * Reads Token::form, upos, xpos, head and deprel (the parser's labels: the one to keep by default,
 * and the other arcs' as context); writes deprel. The arc from the root is always `root`, no other
 * arc is. label() is const and thread-safe.
 */
class ArcLabeller {
public:
    ArcLabeller() = default;
    /** @brief Loads a model written by save(); throws ModelError naming the file. */
    static ArcLabeller load(const std::string& path);
    /** @brief Trains on gold trees (heads and deprels) with, ideally, predicted tags. */
    static ArcLabeller train(const std::vector<Sentence>& sentences, const ArcLabellerTrainOptions& options);
    /** @brief Writes the model file. */
    void save(const std::string& path) const;

    /**
     * @brief Relabels every token whose head is set: the best label by the labeller's score plus
     * parser_bonus() for the label the token has now.
     */
    void label(Sentence& sentence) const;
    /** @brief The labeller's scores of every arc, `labels().size()` per token, in token order. */
    void score(const Sentence& sentence, std::vector<float>& scores) const;
    /** @brief Score added to the parser's label (0 = the labeller alone decides). */
    float parser_bonus() const { return m_parser_bonus; }
    /** @brief Changes the bonus (experiments). */
    void set_parser_bonus(float bonus) { m_parser_bonus = bonus; }

    /** @brief Drops classifier weights smaller than `min_abs_weight`. */
    void prune(float min_abs_weight) { m_model.prune(min_abs_weight); }
    /** @brief The underlying classifier (for reports). */
    const Perceptron& model() const { return m_model; }
    /** @brief The labels it chooses from (class ids are positions). */
    const std::vector<std::string>& labels() const { return m_model.classes(); }

private:
    Perceptron m_model;
    int m_root_label = -1;
    float m_parser_bonus = 0;
};

}  // namespace factgraph::nlp
