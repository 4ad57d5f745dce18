#pragma once
/** @file A small window network over word vectors that guesses the entity tags of capitalised words. */
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/flat_map.hpp"
#include "factgraph/nlp/word_vectors.hpp"

namespace factgraph::nlp {

/** @brief Training settings of EntityWindowNet::train(). */
struct WindowNetOptions {
    int hidden = 64;              ///< hidden units (ReLU)
    int epochs = 6;
    float learning_rate = 0.01f;  ///< of the first epoch; epoch e uses rate / (1 + e / 2)
    float input_dropout = 0.2f;   ///< chance that an input value is hidden from one training step
    std::uint64_t seed = 1;       ///< initial weights, example order and dropout
};

/**
 * @brief Guesses the IOB2 entity tag of each capitalised word from the word vectors of the five
 *        words around it (and six flags per word: padding, no vector, capitalised, all capitals,
 *        digits, sentence start).
 *
 * The recogniser's perceptron sees each word's class among 4,096 (WordClusters); this network
 * sees where the words lie in the vector space, and combinations of them that a linear model
 * cannot weigh ("Mr" two words before, a verb of speech after). Its guess is a feature of the
 * recogniser (stacking: the recogniser is trained on guesses made by networks that did not see the
 * sentence, docs/ner.md). One hidden layer of ReLU units and a softmax over the 7 tags, trained by
 * stochastic gradient descent on cross-entropy; after training, the first layer's weights are
 * stored as 8-bit integers with one scale per hidden unit and summed in integers, so a guess is
 * the same on every CPU whatever vector instructions the sum uses. Read-only after training or
 * loading; const methods are thread-safe.
 */
class EntityWindowNet {
public:
    /** @brief Words on each side of the guessed one. */
    static constexpr int kWindow = 2;
    /** @brief Flag inputs per window position. */
    static constexpr int kFlags = 6;
    /** @brief Output classes, in the order of EntityRecognizer::tags(). */
    static constexpr int kTags = 7;
    /** @brief Largest vector size and hidden layer it accepts. */
    static constexpr std::size_t kMaxDims = 256, kMaxHidden = 512;

    /** @brief No network: guess() leaves every word unguessed. */
    EntityWindowNet() = default;
    bool empty() const { return m_hidden == 0; }

    /** @brief Whether guess() guesses a word of this form: it starts with a capital A-Z. */
    static bool guesses(std::string_view form) { return !form.empty() && form[0] >= 'A' && form[0] <= 'Z'; }

    /**
     * @brief Trains on the capitalised words of `sentences`, whose Token::ner hold gold IOB2
     *        tags (PER, ORG, LOC). Deterministic for a given seed. Throws std::invalid_argument
     *        if `vectors` is empty or a setting is out of range.
     */
    static EntityWindowNet train(const std::vector<const Sentence*>& sentences, const WordVectors& vectors,
                                 const WindowNetOptions& options = {});

    /**
     * @brief One code per token: 0 where the word is not guessed, else 1 + tag * 3 + confidence,
     *        the confidence 0, 1 or 2 for a probability of the best tag below 0.7, below 0.95,
     *        or above. `vectors` must be the ones it was trained with (load() checks).
     */
    void guess(const Sentence& sentence, const WordVectors& vectors, std::vector<std::uint8_t>& codes) const {
        Buffers buffers;
        guess(sentence, vectors, codes, buffers);
    }
    /** @brief What the network reads of a word near a guessed one. */
    struct WindowWord {
        const std::int8_t* vector = nullptr;  ///< nullptr: no vector
        std::uint8_t flags = 0;               ///< bit f: flag f set
        bool in_window = false;               ///< within kWindow of a guessed word
    };
    /** @brief Memory guess() reuses from sentence to sentence (one per thread), with the
     *  first-layer sums of each (word, flags, window position) met so far: a word's share of a
     *  guessed word's sums depends on nothing else, and names and the words around them recur in
     *  a document ("Mr Trump said"), so each share is computed once while the buffers live. */
    struct Buffers {
        std::vector<WindowWord> window;        // each token's vector and flags
        std::vector<std::uint64_t> keys;       // each token's WordClusters::key()
        const EntityWindowNet* net = nullptr;  // whose shares `shares` holds
        detail::FlatMap64<std::uint32_t> share_index;  // (word key, flags, position) -> row in `shares`
        std::vector<std::int32_t> shares;      // rows of `hidden` sums
    };
    /** @brief Most shares Buffers keeps (then it starts again empty): 4 MB with 64 hidden units. */
    static constexpr std::size_t kMaxShares = 1 << 14;
    /**
     * @brief guess() with the caller's buffers (no allocation once they have grown) and, if the
     *        caller hashed the words already (the recogniser does, for the word classes), each
     *        token's WordClusters::key() in `keys`.
     */
    void guess(const Sentence& sentence, const WordVectors& vectors, std::vector<std::uint8_t>& codes,
               Buffers& buffers, const std::uint64_t* keys = nullptr) const;

    /** @brief The network as bytes, for the recogniser's model file. */
    std::string to_bytes() const;
    /**
     * @brief Reads to_bytes() output; throws ModelError naming `what` if it is corrupt or was
     *        trained with other vectors than `vectors`.
     */
    static EntityWindowNet from_bytes(std::string_view bytes, const WordVectors& vectors, const std::string& what);

private:
    // The first-layer sums of the word `w` (nullptr: out of the sentence) at window position q.
    const std::int32_t* share(const WindowWord* w, std::uint64_t key, int q, Buffers& buffers) const;
    // Fills m_w1_positions from m_w1 (after training or loading).
    void lay_out_positions();

    std::size_t m_dims = 0, m_inputs = 0, m_hidden = 0;
    std::uint64_t m_vectors_fingerprint = 0;
    std::int16_t m_flag_value = 0;       // a set flag's input, in the units of the vectors' values
    float m_input_scale = 0.0f;          // the real value of an input of 1
    std::vector<std::int16_t> m_w1;      // hidden-major: unit j's weights are [j * inputs, (j + 1) * inputs);
                                         // 8-bit values (the file's), held as 16-bit for the sums
    std::vector<std::int16_t> m_w1_positions;  // m_w1 by position and input pair: [position][pair][unit][2]
    std::size_t m_position_pairs = 0;    // input pairs of one position (a zero input pads an odd count)
    std::size_t m_padded_hidden = 0;     // hidden units padded with zero weights to whole blocks of 64
    std::vector<float> m_w1_scale;       // per hidden unit: the real value of a weight of 1
    std::vector<float> m_b1;
    std::vector<float> m_w2;             // tag-major: tag k's weights are [k * hidden, (k + 1) * hidden)
    std::vector<float> m_b2;
};

}  // namespace factgraph::nlp
