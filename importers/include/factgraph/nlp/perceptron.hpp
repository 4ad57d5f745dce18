#pragma once
/** @file Averaged multiclass perceptron over hashed features, shared by the tagger, parser and NER. */
#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace factgraph::nlp {

namespace detail {
void* large_table_allocate(std::size_t bytes);
void large_table_deallocate(void* p, std::size_t bytes) noexcept;
/**
 * @brief Allocator for the large read-only weight tables: blocks of 4 MB or more are aligned to
 * 2 MB and marked for transparent huge pages, so random lookups do not also miss the TLB.
 */
template <class T>
struct LargeTableAllocator {
    using value_type = T;
    LargeTableAllocator() = default;
    template <class U>
    LargeTableAllocator(const LargeTableAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return static_cast<T*>(large_table_allocate(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { large_table_deallocate(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const LargeTableAllocator<U>&) const noexcept { return true; }
};
}  // namespace detail

/**
 * @brief Averaged multiclass perceptron over hashed features (64-bit hashes of feature strings).
 *
 * Two modes: while training, weights live in a growable sparse table and update() is allowed;
 * finalize() averages them into a compact, read-only table with int16 weights, which is what
 * save()/load() handle. score() and predict() work in both modes and are const and thread-safe.
 */
class Perceptron {
public:
    Perceptron() = default;
    /** @brief A fresh model in training mode with these class names (ids are their positions). */
    explicit Perceptron(std::vector<std::string> classes);

    /** @brief Number of classes. */
    std::size_t class_count() const { return m_classes.size(); }
    /** @brief Name of class `id`. */
    const std::string& class_name(int id) const { return m_classes[static_cast<std::size_t>(id)]; }
    /** @brief Id of the class called `name`, or -1 if there is none. */
    int class_id(std::string_view name) const;
    /** @brief All class names, by id. */
    const std::vector<std::string>& classes() const { return m_classes; }

    /** @brief FNV-1a 64 of the bytes: stable across runs and platforms. */
    static std::uint64_t hash(std::string_view feature) {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (unsigned char c : feature) {
            h ^= c;
            h *= 0x100000001b3ULL;
        }
        return h;
    }
    /** @brief Mixes two hashes into one (order matters); for building features without strings. */
    static constexpr std::uint64_t combine(std::uint64_t a, std::uint64_t b) {
        std::uint64_t x = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53ULL;
        x ^= x >> 33;
        return x;
    }

    /** @brief Adds each feature's weights into `scores` (resized to class_count() and zeroed first). */
    void score(const std::vector<std::uint64_t>& features, std::vector<float>& scores) const;
    /** @brief Same as score() on a raw array; `scores` must hold class_count() floats. */
    void score(const std::uint64_t* features, std::size_t count, float* scores) const;
    /**
     * @brief Finalized models only: adds each feature's raw quantised weights into `scores`
     * (class_count() floats, not zeroed, not scaled). The raw weights are integers, so partial
     * sums can be cached and added in any order with exactly the same result; score() is
     * accumulate() into zeros times scale().
     */
    void accumulate(const std::uint64_t* features, std::size_t count, float* scores) const;
    /**
     * @brief accumulate() of `lists` feature lists in one pass: list g is
     * features[offsets[g], offsets[g + 1]) and is added into outputs[g] (class_count() floats
     * each; an output may repeat). The lookups of all lists are issued together, so their cache
     * misses overlap: the parser's move features and the cached node roles that move fills cost
     * about one memory latency instead of one per list. Same sums as one accumulate() per list.
     * (Word-by-word callers whose lookups do not wait on each other, the tagger's and the
     * recogniser's, gained nothing from it: the processor overlaps those already.)
     */
    void accumulate_lists(const std::uint64_t* features, const std::uint32_t* offsets, std::size_t lists,
                          float* const* outputs) const;
    /** @brief The factor from accumulate()'s raw sums to score()'s scores (positive). */
    float scale() const { return m_scale; }
    /** @brief The best-scoring class (lowest id on ties). */
    int predict(const std::vector<std::uint64_t>& features) const;

    /**
     * @brief One training step: moves weight `amount` from `guess` to `truth` for every feature.
     *
     * Call it once per training example, also when truth == guess (then only the example counter
     * advances), because the averaging weighs each weight by the number of examples it survived.
     */
    void update(const std::vector<std::uint64_t>& features, int truth, int guess, float amount = 1.0f);
    /** @brief Raw-array form of update(). */
    void update(const std::uint64_t* features, std::size_t count, int truth, int guess, float amount = 1.0f);
    /** @brief Counts one example without changing weights (same as update() with truth == guess). */
    void tick() { ++m_instances; }
    /**
     * @brief Adds `amount` to class `cls`'s weight of every feature without counting an example:
     * for updates made of several feature vectors (a whole transition sequence of a beam-search
     * parser), which then call tick() once per example.
     */
    void add(const std::uint64_t* features, std::size_t count, int cls, float amount);

    /** @brief Averages the weights and switches to the compact read-only mode (call once). */
    void finalize();
    /** @brief Finalized models only: the feature keys holding weights, as stored (32-bit, folded),
     *  ascending. */
    std::vector<std::uint32_t> feature_keys() const;
    /**
     * @brief Training mode: from now on only features whose stored key is in `keys` (as
     * feature_keys() gives them) get weights; updates to others are dropped. Lets a model learn
     * from much more (machine-parsed) data without growing past the features of a model trained
     * on the treebank alone, whose size sets the speed of the lookups. Empty: no restriction.
     */
    void keep_only(std::vector<std::uint32_t> keys);
    /** @brief Drops weights whose magnitude is below `min_abs_weight`, and features left empty. */
    void prune(float min_abs_weight);
    /** @brief True after finalize() or load(). */
    bool finalized() const { return m_finalized; }
    /** @brief Number of features with at least one weight. */
    std::size_t feature_count() const;
    /** @brief Number of stored (feature, class) weights. */
    std::size_t weight_count() const;

    /** @brief Writes the finalized model (int16 weights with one scale, checksummed block). */
    void save(std::ostream& out) const;
    /** @brief Reads a block written by save(); throws ModelError naming `what` if it is corrupt. */
    static Perceptron load(std::istream& in, const std::string& what);
    /** @brief Reads the block written by save() at the front of `bytes` (no copy of them) and
     *  stores its length in `*used`; throws ModelError naming `what` if it is corrupt. With
     *  `checksummed` (the bytes come from a model file whose own checksum covers them) the block's
     *  checksum is not computed a second time. */
    static Perceptron load(std::string_view bytes, const std::string& what, std::size_t* used, bool checksummed = false);

    /**
     * @brief One finalized model whose scores are the sum of the members' scores (finalized models
     * of the same classes), up to the rounding of one int16 scale: a perceptron is linear, so an
     * ensemble of models over the same features costs one lookup per feature instead of one per
     * member. Throws std::invalid_argument for no members or differing classes, std::logic_error
     * for a member still in training.
     */
    static Perceptron sum(const std::vector<Perceptron>& members);

private:
    struct TrainWeight {
        std::uint32_t cls;
        float weight;
        double summed;  // sum over updates of (example index * delta), for the averaging trick
    };
    // Finalized table: 32-bit folded keys; a row of up to three weights sits in the slot itself
    // (one cache miss per feature), longer rows spill to m_weights. A weight packs class << 16
    // and the int16 value into 32 bits.
    struct Slot {
        std::uint32_t key;  // folded key, 0 = empty
        std::uint32_t w[3]; // packed weights, or kSpill, begin, count
    };
    struct Row {
        std::uint32_t key;
        std::vector<std::uint32_t> weights;  // packed, sorted by class
    };
    struct RowView {  // a Row whose weights live elsewhere (a loaded file's rows share one array)
        std::uint32_t key;
        std::span<const std::uint32_t> weights;
    };
    struct Entry {  // one averaged weight before quantisation
        std::uint32_t key;
        std::uint32_t cls;
        float value;
    };
    // Sums the entries of equal key and class, picks the int16 scale, quantises and builds the table.
    void finalize_entries(std::vector<Entry>& entries);
    std::size_t train_row(std::uint64_t key);
    void make_dense(std::size_t index);
    static constexpr std::size_t kDenseRowAt = 16;  // classes updated in a row before it becomes dense
    template <bool kManyLists>
    void accumulate_impl(const std::uint64_t* features, const std::uint32_t* offsets, std::size_t lists,
                         float* const* outputs) const;
    void build_table(const std::vector<Row>& rows);
    void build_table(std::span<const RowView> rows);
    std::vector<Row> rows() const;
    static std::uint64_t fix_key(std::uint64_t key) { return key ? key : 1; }
    static std::uint32_t fold(std::uint64_t key) {
        const auto f = static_cast<std::uint32_t>(key ^ (key >> 32));
        return f ? f : 1;
    }

    std::vector<std::string> m_classes;
    bool m_finalized = false;

    // Training mode: open addressing key -> row, rows of sparse weights.
    std::vector<std::uint64_t> m_train_keys;
    std::vector<std::uint32_t> m_train_index;
    std::vector<std::vector<TrainWeight>> m_train_rows;
    // A row updated for many classes (the parser's frequent features, with 100 moves) becomes
    // dense: its weights and sums move to these arrays, class_count() per row, and scoring adds
    // them in one vectorised pass instead of walking a list (the same sums, in the same order).
    std::vector<std::int32_t> m_train_dense;  // per row: its dense row, or -1
    std::vector<float> m_dense_weights;
    std::vector<double> m_dense_summed;
    std::size_t m_train_used = 0;
    std::vector<std::uint32_t> m_kept_keys;  // keep_only(): sorted; empty = every feature
    std::uint64_t m_instances = 0;

    // Finalized mode: open addressing table of slots into one array of quantised weights.
    std::vector<Slot, detail::LargeTableAllocator<Slot>> m_slots;
    std::vector<std::uint32_t, detail::LargeTableAllocator<std::uint32_t>> m_weights;
    // Long rows (an eighth of the classes or more) are stored dense, so that adding them is a
    // vectorised loop instead of a scatter; the slot then holds kDense, begin, shift. (A quarter
    // until the dense rows of a lookup were summed together, 2026-12-03: an eighth takes 3% fewer
    // instructions to annotate, 2 MB more memory, and scores the same on dev; docs/nlp.md.) A dense row
    // is one int8 per class times a power of two (the row's shift): the values stay integers of
    // the int16 scale, so sums remain exact, and a row of the parser's 103 classes takes two cache
    // lines instead of four. Rows start at multiples of m_dense_stride bytes (aligned to lines).
    std::vector<std::int8_t, detail::LargeTableAllocator<std::int8_t>> m_dense;
    std::size_t m_dense_stride = 0;
    std::size_t m_weight_total = 0;
    float m_scale = 1.0f;
    std::size_t m_features = 0;
};

}  // namespace factgraph::nlp
