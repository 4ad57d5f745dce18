#pragma once
/** @file SupertagNet: a window network that guesses each word's supertag. */
#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/flat_map.hpp"
#include "factgraph/nlp/word_clusters.hpp"
#include "factgraph/nlp/word_vectors.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factgraph::nlp {

/** @brief Training settings of SupertagNet::train(); the defaults made the committed model. */
struct SupertagNetOptions {
    int hidden = 128;             ///< hidden units (ReLU); 256 supertag better but parse no better after uptraining
    int projection = 64;          ///< values each word's inputs are projected to
    int epochs = 5;
    int batch = 128;              ///< words per Adam step
    float learning_rate = 0.001f; ///< Adam's step size
    float dropout = 0.2f;         ///< chance that a projected value or a hidden unit is hidden from one step
    int min_count = 2;            ///< forms, suffixes and shapes seen fewer times in training share one embedding
    std::uint64_t seed = 1;       ///< initial weights, sentence order and dropout
};

/**
 * @brief Guesses each word's supertag (Supertagger::supertags_of) from a seven-word window.
 *
 * Each word of the window is read as its word vector (word_vectors.bin), learned embeddings of
 * its lower-cased form, its three-letter suffix, its shape and two of its word classes, six flags
 * (sentence start, capital, all capitals, digit, hyphen, no vector), and the tagger's XPOS. Its
 * inputs but the XPOS are projected to a few values, which with the XPOS's embedding feed one
 * layer of ReLU units per window position; a softmax over the supertags reads that layer. Trained
 * with Adam on cross-entropy (docs/nlp.md, twenty-second round).
 *
 * After training the weights are stored as 8-bit integers with one scale per output value: a
 * word's inputs are projected in exact integer sums, rounded to 16 bits, and read by each
 * position's weights; the hidden layer is rounded to 16 bits and read by the output weights. Every
 * sum is exact, so a guess is the same on every CPU whatever vector instructions the sums use. A word's seven shares of the hidden layer
 * depend on its form alone (and whether it starts the sentence), so they are computed once and
 * kept in the caller's Buffers. Read-only after training or loading; const methods are thread-safe.
 *
 * Reads Token::form and Token::xpos; writes Token::supertag.
 */
class SupertagNet {
public:
    /** @brief Words on each side of the guessed one. */
    static constexpr int kWindow = 3;
    static constexpr int kPositions = 2 * kWindow + 1;
    /** @brief Largest hidden layer and projection it accepts (so that its integer sums fit 32 bits). */
    static constexpr std::size_t kMaxHidden = 512, kMaxProjection = 64;

    /** @brief No network: tag() leaves supertags empty. */
    SupertagNet() = default;
    bool empty() const { return m_hidden == 0; }

    /**
     * @brief Trains on `sentences` whose trees (heads, deprels) give the supertags and whose XPOS
     *        are what the tagger will give (jackknifed guesses, not gold). Throws
     *        std::invalid_argument for settings out of range or no word vectors.
     */
    static SupertagNet train(const std::vector<Sentence>& sentences, const WordVectors& vectors, const WordClusters& clusters,
                             const SupertagNetOptions& options);

    /** @brief Reusable buffers for tag(): the shares of the words met so far, and per-sentence rows. */
    struct Buffers {
        const SupertagNet* net = nullptr;          // whose shares `shares` holds
        detail::FlatMap64<std::uint32_t> share_index;  // word key -> row of `shares`
        std::vector<std::int32_t> shares;          // rows of kPositions x padded hidden sums
        std::vector<std::uint32_t> rows;           // per token of the sentence: its row (kFrequentRow: of the net's table)
        std::vector<const std::int32_t*> token_shares;  // per token: its row's sums
        std::vector<std::uint16_t> xpos;           // per token: its XPOS's index
        std::vector<std::int32_t> scores;          // the supertags' integer sums of one word
        bool measure = false;                      // track largest_hidden (training sets the 16-bit step by it)
        float largest_hidden = 0.0f;               // the largest hidden value met
    };
    /**
     * @brief Most words whose shares Buffers keeps (then it starts again empty before the next
     *        sentence): 7.3 MB with 128 hidden units, more distinct forms than a long article has.
     */
    static constexpr std::size_t kMaxShares = 1 << 11;

    /**
     * @brief Computes once the shares of the training text's kFrequentForms most frequent forms,
     *        which every Buffers then reads; call it before tag() with the vectors and classes
     *        tag() will be given (train() and the Supertagger do).
     */
    void prepare(const WordVectors& vectors, const WordClusters& clusters);
    /** @brief Fills Token::supertag of every token; `vectors` and `clusters` those it was trained with. */
    void tag(Sentence& sentence, const WordVectors& vectors, const WordClusters& clusters, Buffers& buffers) const;

    /** @brief The supertags it can guess. */
    const std::vector<std::string>& supertags() const { return m_supertags; }
    /** @brief Hidden units. */
    std::size_t hidden() const { return m_hidden; }
    /** @brief The fingerprint of the word vectors it was trained with (WordVectors::fingerprint()). */
    std::uint64_t vectors_fingerprint() const { return m_vectors_fingerprint; }

    /** @brief The payload of a model file. */
    std::string to_bytes() const;
    /** @brief Reads to_bytes()' payload; throws ModelError naming `what` if it is corrupt. */
    static SupertagNet from_bytes(std::string_view bytes, const std::string& what);

private:
    // Categorical inputs: each a table of the keys seen in training (index 0: anything else).
    enum Table { kForm, kSuffix, kShape, kClass, kCoarseClass, kTables };
    struct Vocabulary {
        std::vector<std::uint64_t> keys;                // index - 1 -> key
        detail::FlatMap64<std::uint32_t> index;         // key -> index
        std::uint32_t find(std::uint64_t key) const {
            const std::uint32_t* i = index.find(key);
            return i ? *i : 0;
        }
        void build();
    };
    static constexpr int kEmbeddingSizes[kTables] = {32, 16, 8, 16, 8};
    static constexpr int kFlags = 6;
    static constexpr int kXposEmbedding = 16;

    // A word's inputs: its vector's row (or null), its tables' indexes and its flags.
    struct WordInput {
        const std::int8_t* vector = nullptr;
        std::uint32_t index[kTables] = {};
        std::uint32_t flags = 0;
        std::uint64_t share_key = 0;  // the exact form's hash and the sentence-start flag
    };
    static void read_word(std::string_view form, bool first, const WordVectors& vectors, const WordClusters& clusters,
                          const Vocabulary* vocabularies, std::size_t coarse_level, WordInput& out);
    static std::uint64_t share_key(std::uint64_t form_hash, bool first);
    std::size_t word_inputs() const;
    void word_input_values(const WordInput& w, std::int16_t* out) const;
    void project(const WordInput& w, float* z) const;
    void compute_shares(const WordInput& w, std::int32_t* out) const;
    static constexpr std::uint32_t kFrequentRow = 1u << 31;
    /** @brief Forms whose shares prepare() computes: 3.5 KB each with 128 hidden units. */
    static constexpr std::size_t kFrequentForms = 1024;
    void lay_out();

    std::vector<std::string> m_supertags;
    std::vector<std::string> m_frequent_forms;           // the training text's most frequent forms, most frequent first
    detail::FlatMap64<std::uint32_t> m_frequent_index;   // share key -> row of m_frequent_shares
    std::vector<std::int32_t> m_frequent_shares;
    Vocabulary m_vocabularies[kTables];
    std::vector<std::uint64_t> m_xpos_keys;  // XPOS index - 2 -> its hash (0: unknown, 1: outside the sentence)
    detail::FlatMap64<std::uint32_t> m_xpos_index;
    std::size_t m_dims = 0, m_hidden = 0, m_padded_hidden = 0, m_coarse_level = 0;
    std::uint64_t m_vectors_fingerprint = 0;
    float m_input_scale = 0.0f;          // the real value of an input of 1 (a sixteenth of a vector step)
    std::vector<std::int16_t> m_embeddings[kTables];  // rows of kEmbeddingSizes values, in input units
    std::size_t m_projection = 0;        // projected values per word
    std::vector<std::int8_t> m_proj;     // [projected value][input]
    std::vector<float> m_proj_scale;     // per projected value: the real value of a weight of 1
    float m_z_step = 0.0f;               // the real value of a projected value's 16-bit 1
    std::vector<std::int8_t> m_w1;       // [position][unit][projected value]
    std::vector<float> m_w1_scale;       // per hidden unit: the real value of a weight of 1
    std::vector<float> m_b1;
    std::vector<float> m_xpos_part;      // [position][xpos index][unit]: each XPOS's share of the hidden layer
    float m_hidden_step = 0.0f;          // the real value of a hidden unit's 16-bit 1
    float m_inverse_hidden_step = 0.0f;
    std::vector<std::int8_t> m_w2;       // [supertag][unit]
    std::vector<float> m_w2_scale;       // per supertag: the real value of a weight of 1
    std::vector<float> m_b2;
    // Laid out for pair_sums: [input pair][position * padded hidden + unit][2] and [unit pair][supertag][2].
    std::vector<std::int16_t> m_proj_pairs, m_w1_pairs, m_w2_pairs;
    std::vector<float> m_z_factor;         // per projected value: the real value of a sum of 1
    float m_inverse_z_step = 0.0f;
    std::size_t m_input_pairs = 0, m_padded_supertags = 0;
    std::vector<float> m_unit_factor;      // per hidden unit: the real value of a sum of 1
    std::vector<float> m_supertag_factor;  // per supertag: the real value of a sum of 1
};

}  // namespace factgraph::nlp
