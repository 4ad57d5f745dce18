#pragma once
/** @file Supertagger: guesses each word's place in the tree before the parser builds it. */
#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/perceptron.hpp"
#include "factgraph/nlp/supertag_net.hpp"
#include "factgraph/nlp/tagger.hpp"

#include <string>
#include <vector>

namespace factgraph::nlp {

/**
 * @brief Guesses each word's supertag: where its head is (before it `<`, after it `>`, or none:
 * `^`, the root), the universal part of its arc's label, and whether it has dependents on its left
 * and on its right (">nsubj", "<obj/L", "^root/LR", ">amod", "<obl/L").
 *
 * A greedy transition parser decides an arc when the two words meet on the stack and the buffer,
 * seeing only a few words around them. The supertagger reads every word with its neighbours on
 * both sides (their forms, affixes, shapes and word classes) and its own guesses for the words
 * around, and the parser (feature set 5) reads those guesses as features of the words it joins: a
 * compressed look at the neighbourhood, after Ouchi, Duh and Matsumoto (2014). It is the Tagger's
 * classifier taught supertags instead of parts of speech (reading words only, it errs where the
 * tagger does not); docs/nlp.md, "Fifteenth round". Or a SupertagNet, a window network that reads
 * word vectors, word classes and the tagger's XPOS too, and guesses better (twenty-second round);
 * load() takes either from its file.
 *
 * Reads Token::form (and for the network Token::xpos); writes Token::supertag. tag() is const and
 * thread-safe.
 */
class Supertagger {
public:
    /** @brief Reusable buffers for tag(); one per thread avoids allocations per sentence. */
    struct Scratch {
        Tagger::Scratch tagger;
        SupertagNet::Buffers net;
    };

    Supertagger() = default;
    /** @brief Loads a model written by save(); throws ModelError naming the file. */
    static Supertagger load(const std::string& path);
    /** @brief Trains on gold trees (heads and deprels); `options` as for the part-of-speech tagger. */
    static Supertagger train(const std::vector<Sentence>& sentences, const TaggerTrainOptions& options);
    /** @brief The network as a supertagger (its file kind differs from the perceptron's). */
    static Supertagger from_network(SupertagNet net);
    /** @brief Whether it is a SupertagNet (else the perceptron). */
    bool is_network() const { return !m_net.empty(); }
    /** @brief The network, empty for the perceptron. */
    const SupertagNet& network() const { return m_net; }
    /** @brief Writes the model file. */
    void save(const std::string& path) const;
    /** @brief Fills Token::supertag of every token. */
    void tag(Sentence& sentence) const;
    /** @brief Same, reusing the caller's buffers. */
    void tag(Sentence& sentence, Scratch& scratch) const;
    /** @brief Every token's supertag read off the sentence's tree (heads and deprels). */
    static std::vector<std::string> supertags_of(const Sentence& sentence);
    /** @brief True for a model trained with word-class features: tag() then needs set_word_clusters(). */
    bool needs_word_clusters() const { return is_network() || m_tagger.needs_word_clusters(); }
    /** @brief The word classes tag() reads; not owned. */
    void set_word_clusters(const WordClusters* clusters);
    /** @brief True for the network: tag() then needs set_word_vectors(). */
    bool needs_word_vectors() const { return is_network(); }
    /**
     * @brief The word vectors the network reads; not owned. Throws ModelError if they are not
     *        those it was trained with. Once it has both vectors and classes the network
     *        computes its frequent forms' shares (SupertagNet::prepare()).
     */
    void set_word_vectors(const WordVectors* vectors);
    /** @brief As Tagger::set_second_pass_margin(); kSecondPassMargin after load() and train(). */
    void set_second_pass_margin(float margin) { m_tagger.set_second_pass_margin(margin); }
    /**
     * @brief The supertagger's second pass changes few guesses the parser reads: only words whose
     * first guess leads by at most 4 (not the tagger's 16) are scored again. On UD dev through
     * `--accurate`: UAS / LAS 86.27 / 83.17 against 86.24 / 83.14 at 16 and 86.24 / 83.12 at 0,
     * for 1.2% fewer instructions (docs/nlp.md, sixteenth round).
     */
    static constexpr float kSecondPassMargin = 4.0f;
    /** @brief Drops classifier weights smaller than `min_abs_weight` (trades accuracy for size). */
    void prune(float min_abs_weight) { m_tagger.prune(min_abs_weight); }
    /** @brief The underlying classifier (for reports). */
    const Perceptron& model() const { return m_tagger.model(); }

private:
    Tagger m_tagger;  // classes: (supertag, "_") pairs; unused by the network
    SupertagNet m_net;
    const WordClusters* m_clusters = nullptr;
    const WordVectors* m_vectors = nullptr;
    std::string m_path;  // the file load() read, for messages
};

}  // namespace factgraph::nlp
