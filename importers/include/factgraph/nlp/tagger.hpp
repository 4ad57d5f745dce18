#pragma once
/** @file Part-of-speech tagger: greedy averaged perceptron predicting UPOS and XPOS jointly. */
#include "factgraph/nlp/annotation.hpp"
#include "factgraph/nlp/flat_map.hpp"
#include "factgraph/nlp/perceptron.hpp"
#include "factgraph/nlp/word_clusters.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace factgraph::nlp {

/** @brief Training settings for Tagger::train(). */
struct TaggerTrainOptions {
    int epochs = 12;
    std::uint32_t seed = 1;
    int dict_min_count = 20;       ///< words seen this often ...
    double dict_min_ratio = 0.995; ///< ... with one tag this often skip the classifier
    float prune_below = 0.0f;      ///< drop averaged weights smaller than this
    bool two_pass = true;          ///< second pass sees the first pass's right-context tags
    bool rich_word_features = false; ///< suffix 5, prefix 4 and the part after a hyphen (no dev gain)
    double rare_word_dropout = 0.2; ///< hide words seen once this often, to learn unknown words
    /// Word classes (data/lexicons/word_clusters.tsv) as features of the word and its neighbours;
    /// the model then needs them at run time too (set_word_clusters). Null: no class features.
    const WordClusters* word_clusters = nullptr;
    std::function<void(int epoch, double train_accuracy)> progress;  ///< called after each epoch
};

/**
 * @brief Tags words with UPOS and XPOS (one class per observed UPOS/XPOS pair).
 *
 * Two greedy passes: the second sees the first pass's tags of the next two words. Frequent
 * unambiguous words take their tag from a dictionary. tag() is const and thread-safe.
 */
class Tagger {
public:
    /** @brief Reusable buffers for tag(); one per thread avoids allocations per sentence. */
    struct Scratch {
        std::vector<std::uint64_t> features;
        std::vector<float> scores;
        std::vector<int> first_pass;
        std::vector<int> tags;
        std::vector<std::uint64_t> words;  // per-token word hashes, kWordStride per token
        std::vector<std::uint32_t> flags;
        std::vector<std::uint64_t> class_keys;  // WordClusters::key() per token (models with word classes)
        std::vector<float> word_scores;  // raw scores of the templates that do not read tags, per token
        std::vector<float> first_pass_margins;  // per token: best class's lead in the first pass
    };

    Tagger() = default;
    /** @brief Loads a model written by save(); throws ModelError naming the file. */
    static Tagger load(const std::string& path);
    /** @brief Trains on sentences with gold forms and tags. */
    static Tagger train(const std::vector<Sentence>& sentences, const TaggerTrainOptions& options);
    /** @brief Writes the model file. */
    void save(const std::string& path) const;

    /** @brief Fills Token::upos and Token::xpos of every token. */
    void tag(Sentence& sentence) const;
    /** @brief Same, reusing the caller's buffers. */
    void tag(Sentence& sentence, Scratch& scratch) const;

    /** @brief True for a model trained with word-class features: tag() then needs set_word_clusters(). */
    bool needs_word_clusters() const { return m_word_classes; }
    /** @brief The word classes tag() reads (a model without class features ignores them); not owned. */
    void set_word_clusters(const WordClusters* clusters) { m_clusters = clusters; }

    /**
     * @brief Words the first pass tagged with a lead of more than `margin` (in averaged weights)
     * over the next best tag keep that tag instead of being scored again in the second pass.
     * The default, kSecondPassMargin, skips 86% of the second pass on UD dev with the same tags;
     * infinity scores every word twice.
     */
    void set_second_pass_margin(float margin) { m_second_pass_margin = margin; }
    static constexpr float kSecondPassMargin = 16.0f;

    /** @brief Drops classifier weights smaller than `min_abs_weight` (trades accuracy for size). */
    void prune(float min_abs_weight) { m_model.prune(min_abs_weight); }
    /** @brief The underlying classifier (for reports). */
    const Perceptron& model() const { return m_model; }
    /** @brief Number of tag-dictionary entries. */
    std::size_t dictionary_size() const { return m_dict.size(); }

private:
    friend class Supertagger;  // the same classifier and file, taught supertags
    // save() and load() with another kind in the file's header.
    void save_as(const std::string& path, std::string_view kind) const;
    static Tagger load_as(const std::string& path, std::string_view kind);
    struct Context;
    /** Which templates features() makes: all, only those not reading tags, or only those reading tags. */
    enum class Part { kAll, kWordsOnly, kTagged };
    void features(const Context& ctx, std::size_t i, int pass, std::vector<std::uint64_t>& out, Part part) const;
    std::size_t write_features(const Context& ctx, std::size_t i, int pass, std::uint64_t* out, Part part) const;
    struct Training;
    // Leaves each token's class in scratch.tags; writes nothing to the sentence.
    void decode(const Sentence& sentence, Scratch& scratch, Training* training, const std::vector<int>* gold) const;
    // The class of every token (tag() and the Supertagger read them off this).
    const std::vector<int>& classes_of(const Sentence& sentence, Scratch& scratch) const;
    int dict_lookup(std::uint64_t form_hash) const;

    bool m_two_pass = true;
    float m_second_pass_margin = kSecondPassMargin;
    bool m_rich_word_features = false;
    bool m_word_classes = false;
    const WordClusters* m_clusters = nullptr;
    Perceptron m_model;
    std::vector<std::string> m_upos;  // per class
    std::vector<std::string> m_xpos;  // per class
    detail::FlatMap64<int> m_dict;  // exact-form hash -> class
};

}  // namespace factgraph::nlp
