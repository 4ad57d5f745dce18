#pragma once
/** @file Dependency parser: greedy arc-hybrid transitions scored by an averaged perceptron. */
#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/perceptron.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace factgraph::nlp {

/** @brief Training settings for Parser::train(). */
struct ParserTrainOptions {
    int epochs = 15;
    std::uint32_t seed = 1;
    double explore_probability = 0.9;  ///< follow the model's own (wrong) move this often ...
    int explore_from_epoch = 2;        ///< ... from this epoch on (dynamic oracle)
    float prune_below = 0.0f;          ///< drop averaged weights smaller than this
    /// Feature set = file format version: 1 = the 84 templates after Zhang & Nivre (2011), 2 = those
    /// and 7 more (context tags next to s0 and b0, punctuation and verbs between them).
    int format_version = 1;
    std::function<void(int epoch, double train_uas)> progress;  ///< called after each epoch
};

/**
 * @brief Labelled arc-hybrid parser (Kuhlmann et al. 2011) with rich non-local features
 * (Zhang & Nivre 2011), trained with the dynamic oracle of Goldberg & Nivre (2013).
 *
 * Reads Token::form, upos and xpos; writes Token::head (1-based, 0 = root) and deprel. The root
 * is attached last, so every parse is a single-rooted tree. parse() is const and thread-safe.
 * parse() caches, per sentence, the scores of the templates that read one node in a fixed role
 * (exact: the weights are integers), so it gives the same parse as parse_uncached(), faster.
 */
class Parser {
public:
    /** @brief Reusable buffers for parse(); one per thread avoids allocations per sentence. */
    struct Scratch {
        std::vector<std::uint64_t> features;
        std::vector<float> scores;
        std::vector<std::uint64_t> words, tags;
        std::vector<int> stack, heads, labels, left1, left2, right1, right2, left_count, right_count;
        std::vector<std::uint64_t> left_labels, right_labels;
        std::vector<unsigned char> in_stack;
        std::vector<int> gold_heads, gold_labels;
        std::vector<int> punct_before, verbs_before;
        std::vector<float> role_cache;  // raw scores of the one-node templates, per (role, node)
        std::vector<unsigned char> role_ready;
    };

    Parser() = default;
    /** @brief Loads a model written by save(); throws ModelError naming the file. */
    static Parser load(const std::string& path);
    /**
     * @brief Trains on sentences with gold heads and deprels and (ideally predicted) tags.
     * Non-projective trees are made projective by lifting arcs first.
     */
    static Parser train(const std::vector<Sentence>& sentences, const ParserTrainOptions& options);
    /** @brief Writes the model file. */
    void save(const std::string& path) const;

    /** @brief Fills Token::head and Token::deprel of every token. */
    void parse(Sentence& sentence) const;
    /** @brief Same, reusing the caller's buffers. */
    void parse(Sentence& sentence, Scratch& scratch) const;
    /**
     * @brief Same result as parse(), but every feature is looked up at every move instead of
     * caching the one-node templates' scores per sentence (slower; for tests).
     */
    void parse_uncached(Sentence& sentence) const;

    /** @brief Drops classifier weights smaller than `min_abs_weight` (trades accuracy for size). */
    void prune(float min_abs_weight) { m_model.prune(min_abs_weight); }
    /** @brief The underlying classifier (for reports). */
    const Perceptron& model() const { return m_model; }
    /** @brief The dependency labels the parser can assign. */
    const std::vector<std::string>& labels() const { return m_labels; }

private:
    struct Trainer;
    void run(Sentence& sentence, Scratch& s, Perceptron* training, Trainer* trainer, bool cache) const;

    std::vector<std::string> m_labels;  // class 0 = shift, 1..L = left-l, L+1..2L = right-l
    int m_root_label = -1;
    std::uint32_t m_version = 2;  // file format version = feature set (see parser.cpp)
    Perceptron m_model;
};

}  // namespace factgraph::nlp
