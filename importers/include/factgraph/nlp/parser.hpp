#pragma once
/** @file Dependency parser: greedy arc-hybrid transitions scored by an averaged perceptron. */
#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/perceptron.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace factgraph::nlp {

class WordClusters;

/** @brief Training settings for Parser::train(). */
struct ParserTrainOptions {
    int epochs = 15;
    std::uint32_t seed = 1;
    double explore_probability = 0.9;  ///< follow the model's own (wrong) move this often ...
    int explore_from_epoch = 2;        ///< ... from this epoch on (dynamic oracle)
    float prune_below = 0.0f;          ///< drop averaged weights smaller than this
    /// Feature set (stored in the model): 1 = templates 1-84 after Zhang & Nivre (2011), 2 = those
    /// and 85-91 (context tags next to s0 and b0, punctuation and verbs between them), 3 = set 1
    /// without 23 of the 44 templates looked up at every move (as accurate on dev, fewer lookups).
    /// 4 = set 3 and word classes of six nodes (needs `word_clusters`). 5 = set 3 and the
    /// supertags of s0, b0, b1 and s1 (the sentences need Token::supertag, jackknifed ideally).
    /// 6 = set 5 without the valency and label-set templates (10 lookups a move instead of 21).
    int feature_set = 3;
    /// The word classes feature set 4 reads (data/lexicons); must outlive the trained parser.
    const WordClusters* word_clusters = nullptr;
    /// Beam width. 1 = greedy moves trained with the dynamic oracle; k > 1 = beam search over whole
    /// move sequences, trained globally with max-violation updates (Huang et al. 2012) against the
    /// static oracle's sequence; the width is stored in the model and used when parsing.
    int beam = 1;
    /// If not empty: only these features (Perceptron::feature_keys() of another parser) get
    /// weights. Uptraining keeps the treebank parser's features, so the model learns from far more
    /// sentences without growing (docs/nlp.md, "Uptraining").
    std::vector<std::uint32_t> keep_features;
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
    /** @brief One configuration: stack, next buffer node, and the arcs made so far (per node). */
    struct State {
        std::vector<int> stack, heads, labels, left1, left2, right1, right2, left_count, right_count;
        std::vector<std::uint64_t> left_labels, right_labels;
        std::vector<unsigned char> in_stack;
        int buffer = 1;
        float score = 0;  // beam search: sum of the raw scores of the moves that led here
        int history = -1; // beam search (training): the last move's entry in Scratch::history
    };
    /** @brief Beam search, training: one move of one sequence (previous entry, move, features). */
    struct Step {
        int previous = -1, move = 0;
        std::size_t first_feature = 0, feature_count = 0;
    };
    /** @brief Room for floats that are always written before they are read (the cached role
     *  scores, which `role_ready` says are filled): it grows without copying or zeroing them
     *  (as std::vector::resize did, for 1.5% of the annotation's instructions). */
    struct ScoreBuffer {
        std::unique_ptr<float[]> values;
        std::size_t size = 0;
        float* room_for(std::size_t count) {
            if (size < count) {
                size = std::max(count, 2 * size);
                values = std::make_unique_for_overwrite<float[]>(size);
            }
            return values.get();
        }
    };
    /** @brief Reusable buffers for parse(); one per thread avoids allocations per sentence. */
    struct Scratch {
        std::vector<std::uint64_t> features;
        std::vector<float> scores;
        std::vector<std::uint64_t> words, tags;
        std::vector<std::uint64_t> supertags;  // feature sets 5 and 6: each node's supertag hash
        std::vector<std::uint64_t> clusters;  // feature set 4: each node's word classes, 16 bits a level
        State state;
        std::vector<int> gold_heads, gold_labels;
        std::vector<int> punct_before, verbs_before;
        ScoreBuffer role_cache;  // raw scores of the one-node templates, per (role, node)
        std::vector<std::uint16_t> role_ready;  // 0 = empty; beam search: 1 + the node's label
        std::vector<State> beam, next_beam;         // beam search
        std::vector<float> beam_scores;             // move scores of each beam item
        std::vector<std::pair<float, int>> candidates;  // (sequence score, item * classes + move)
        std::vector<std::uint64_t> step_features;   // beam search training: features of each Step
        std::vector<Step> history;
        std::vector<std::size_t> block_first, block_count;
        std::vector<float> partner_scores;  // beam search with a partner model
        ScoreBuffer partner_role_cache;
        std::vector<std::uint64_t> partner_features;            // the partner's, if its feature set differs
        std::vector<std::uint16_t> partner_role_ready;
        std::vector<std::uint64_t> lookup_features;  // beam search: a move's and the new roles' features
    };

    Parser() = default;
    /** @brief Loads a model written by save(); throws ModelError naming the file. */
    static Parser load(const std::string& path);
    /**
     * @brief Trains on sentences with gold heads and deprels and (ideally predicted) tags.
     * Non-projective trees are made projective by lifting arcs first. A head of -1 marks an arc
     * as unknown (a partial tree, e.g. where two teachers of uptraining disagree): the dynamic
     * oracle charges nothing for it, so only the known arcs teach. Partial trees need greedy
     * training (beam 1; std::invalid_argument otherwise).
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

    /** @brief Beam width used by parse() (from the model file; 1 = greedy). Sentences of more
     *  than 200 words are parsed greedily whatever the width (beam search would take time
     *  quadratic in their length). */
    int beam_width() const { return m_beam; }
    /** @brief The feature set the model was trained with (ParserTrainOptions::feature_set). */
    int feature_set() const { return static_cast<int>(m_feature_set); }
    /** @brief Parses with another beam width than the model was trained with (experiments). */
    void set_beam_width(int width) { m_beam = width < 1 ? 1 : width; }
    /** @brief Beam search: drops sequences scoring more than `margin` below the best (0 = keep the width). */
    void set_beam_margin(float margin) { m_beam_margin = margin; }
    /**
     * @brief Beam search adds `weight` times `partner`'s move scores (a model with the same labels,
     * of any feature set, e.g. the greedy parser) to its own; `partner` must outlive this parser.
     * nullptr switches it off. Greedy parsing ignores the partner.
     */
    void set_partner(const Parser* partner, float weight) {
        if (partner && partner->m_labels != m_labels)
            throw std::invalid_argument("Parser::set_partner: the partner has other labels");
        m_partner = partner, m_partner_weight = weight;
    }

    /** @brief The word classes a feature-set-4 model reads (the recogniser's, data/lexicons);
     *  `clusters` must outlive this parser. parse() throws std::logic_error for such a model
     *  without them. Other feature sets ignore them. */
    void set_word_clusters(const WordClusters* clusters) { m_clusters = clusters; }
    /** @brief True when the model reads word classes (feature set 4). */
    bool needs_word_clusters() const { return m_feature_set == 4; }
    /** @brief True when the model reads supertags (feature sets 5 and 6): parse() then needs
     *  Token::supertag of every token (Supertagger::tag()), else it throws std::logic_error. */
    bool needs_supertags() const { return m_feature_set >= 5; }

    /** @brief Drops classifier weights smaller than `min_abs_weight` (trades accuracy for size). */
    void prune(float min_abs_weight) { m_model.prune(min_abs_weight); }
    /** @brief The underlying classifier (for reports). */
    const Perceptron& model() const { return m_model; }
    /** @brief The dependency labels the parser can assign. */
    const std::vector<std::string>& labels() const { return m_labels; }

private:
    struct Trainer;
    void prepare(const Sentence& sentence, Scratch& s) const;
    void run_inference(Sentence& sentence, Scratch& s, bool cache) const;  // beam or greedy, by width and length
    void run(Sentence& sentence, Scratch& s, Perceptron* training, Trainer* trainer, bool cache) const;
    void run_beam(Sentence& sentence, Scratch& s, Perceptron* training, Trainer* trainer, bool cache) const;

    std::vector<std::string> m_labels;  // class 0 = shift, 1..L = left-l, L+1..2L = right-l
    int m_root_label = -1;
    std::uint32_t m_feature_set = 3;  // see FeatureSet in parser.cpp
    int m_beam = 1;
    float m_beam_margin = 0;
    const Parser* m_partner = nullptr;
    const WordClusters* m_clusters = nullptr;
    float m_partner_weight = 0;
    Perceptron m_model;
};

}  // namespace factgraph::nlp
