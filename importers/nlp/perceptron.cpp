#include "factgraph/nlp/perceptron.hpp"

#include "factgraph/core/error.hpp"
#include "model_io.hpp"
#include "vector_clones.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <istream>
#include <memory>
#include <numeric>
#include <ostream>
#include <span>
#include <stdexcept>

#include <cstdlib>
#include <new>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace factgraph::nlp {

namespace detail {

namespace {
constexpr std::size_t kHugePage = std::size_t(2) << 20;
constexpr std::size_t kLargeTable = std::size_t(4) << 20;
}  // namespace

void* large_table_allocate(std::size_t bytes) {
    if (bytes < kLargeTable) return ::operator new(bytes);
    const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (!p) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
    ::madvise(p, rounded, MADV_HUGEPAGE);  // a hint: failure only costs speed
#endif
    return p;
}

void large_table_deallocate(void* p, std::size_t bytes) noexcept {
    if (bytes < kLargeTable) ::operator delete(p);
    else std::free(p);
}

}  // namespace detail

namespace {

constexpr std::string_view kBlockMagic = "FGPC";
constexpr std::uint32_t kBlockVersion = 1;

// Fibonacci hashing spreads the keys over the table even if a caller's hash has weak low bits.
inline std::size_t home(std::uint64_t key, std::size_t mask) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
}

std::size_t table_size_for(std::size_t n) {
    std::size_t cap = 16;
    while (cap * 5 < n * 8) cap <<= 1;  // load factor at most 0.625
    return cap;
}

constexpr std::uint32_t kNone = 0xFFFFFFFFu;   // unused inline weight (class 0xFFFF)
constexpr std::uint32_t kSpill = 0xFFFEFFFFu;  // row lives in m_weights (class 0xFFFE)
constexpr std::uint32_t kDense = 0xFFFDFFFFu;  // dense row in m_dense (class 0xFFFD)
// A whole row of a model with at most kInlineClasses classes, as int8 values in the slot itself:
// the first word holds 0xFFFC << 16 and the shift, the 8 bytes of the other two the values of
// classes 0-7 in order (written and read through memcpy, whatever the byte order).
constexpr std::uint32_t kInlineRow = 0xFFFCu;
constexpr std::size_t kInlineClasses = 8;
constexpr std::size_t kMaxClasses = 65000;

inline std::uint32_t pack(std::uint32_t cls, int value) {
    return (cls << 16) | static_cast<std::uint16_t>(static_cast<std::int16_t>(value));
}
inline std::uint32_t packed_class(std::uint32_t w) { return w >> 16; }
inline float packed_value(std::uint32_t w) { return static_cast<float>(static_cast<std::int16_t>(w & 0xFFFF)); }

// Bytes from one dense row to the next: the class count rounded up to a power of two up to a cache
// line, to whole lines beyond, so that no row straddles more lines than it must.
std::size_t dense_stride_for(std::size_t classes) {
    std::size_t stride = 1;
    while (stride < classes && stride < 64) stride <<= 1;
    return stride < classes ? (classes + 63) / 64 * 64 : stride;
}

// The smallest shift (at most 8) that brings the row's largest magnitude within int8 once divided
// by 2^shift; at 8 the largest values are clamped (int16 weights reach 32767 < 128 * 256).
unsigned dense_shift_for(std::span<const std::uint32_t> weights) {
    int max_abs = 0;
    for (std::uint32_t w : weights) max_abs = std::max(max_abs, std::abs(static_cast<int>(static_cast<std::int16_t>(w & 0xFFFF))));
    unsigned shift = 0;
    while (shift < 8 && (max_abs + (1 << shift >> 1)) >> shift > 127) ++shift;
    return shift;
}

// value / 2^shift rounded to the nearest integer (halves away from zero), within int8.
std::int8_t dense_value(int value, unsigned shift) {
    const int half = (1 << shift) >> 1;
    const int q = value >= 0 ? (value + half) >> shift : -((-value + half) >> shift);
    return static_cast<std::int8_t>(std::clamp(q, -127, 127));
}

// Writes a sparse row's weights as 8-bit values (value / 2^shift, see dense_value) into `out`, one
// per class (the other classes left as they are, zero); returns how many are not zero.
std::size_t quantise_row(std::span<const std::uint32_t> weights, unsigned shift, std::int8_t* out) {
    std::size_t kept = 0;
    for (std::uint32_t w : weights) {
        out[packed_class(w)] = dense_value(static_cast<std::int16_t>(w & 0xFFFF), shift);
        kept += out[packed_class(w)] != 0;
    }
    return kept;
}

// The sparse weights (value * 2^shift) of an 8-bit row of `classes` values.
void unpack_row(const std::int8_t* values, std::size_t classes, unsigned shift, std::vector<std::uint32_t>& weights) {
    for (std::size_t c = 0; c < classes; ++c)
        if (values[c] != 0) weights.push_back(pack(static_cast<std::uint32_t>(c), values[c] * (1 << shift)));
}

}  // namespace

Perceptron::Perceptron(std::vector<std::string> classes) : m_classes(std::move(classes)) {
    if (m_classes.size() > kMaxClasses) throw std::invalid_argument("Perceptron: too many classes");
    m_train_keys.assign(1024, 0);
    m_train_index.assign(1024, 0);
}

int Perceptron::class_id(std::string_view name) const {
    for (std::size_t i = 0; i < m_classes.size(); ++i)
        if (m_classes[i] == name) return static_cast<int>(i);
    return -1;
}

std::size_t Perceptron::train_row(std::uint64_t key) {
    key = fix_key(key);
    if ((m_train_used + 1) * 10 > m_train_keys.size() * 7) {
        // Grow: rehash keys into a table twice the size.
        std::vector<std::uint64_t> keys(m_train_keys.size() * 2, 0);
        std::vector<std::uint32_t> index(keys.size(), 0);
        const std::size_t mask = keys.size() - 1;
        for (std::size_t j = 0; j < m_train_keys.size(); ++j) {
            if (!m_train_keys[j]) continue;
            std::size_t i = home(m_train_keys[j], mask);
            while (keys[i]) i = (i + 1) & mask;
            keys[i] = m_train_keys[j];
            index[i] = m_train_index[j];
        }
        m_train_keys.swap(keys);
        m_train_index.swap(index);
    }
    const std::size_t mask = m_train_keys.size() - 1;
    std::size_t i = home(key, mask);
    while (m_train_keys[i] && m_train_keys[i] != key) i = (i + 1) & mask;
    if (!m_train_keys[i]) {
        m_train_keys[i] = key;
        m_train_index[i] = static_cast<std::uint32_t>(m_train_rows.size());
        m_train_rows.emplace_back();
        m_train_dense.push_back(-1);
        ++m_train_used;
    }
    return m_train_index[i];
}

void Perceptron::score(const std::uint64_t* features, std::size_t count, float* scores) const {
    const std::size_t n = m_classes.size();
    std::fill(scores, scores + n, 0.0f);
    if (m_finalized) {
        accumulate(features, count, scores);
        for (std::size_t c = 0; c < n; ++c) scores[c] *= m_scale;
        return;
    }
    const std::size_t mask = m_train_keys.size() - 1;
    for (std::size_t f = 0; f < count; ++f) {
        const std::uint64_t key = fix_key(features[f]);
        for (std::size_t i = home(key, mask);; i = (i + 1) & mask) {
            if (m_train_keys[i] == key) {
                const std::uint32_t row = m_train_index[i];
                if (const std::int32_t d = m_train_dense[row]; d >= 0) {
                    const float* w = m_dense_weights.data() + static_cast<std::size_t>(d) * n;
                    for (std::size_t c = 0; c < n; ++c) scores[c] += w[c];
                } else {
                    for (const TrainWeight& w : m_train_rows[row]) scores[w.cls] += w.weight;
                }
                break;
            }
            if (m_train_keys[i] == 0) break;
        }
    }
}

namespace {

// Classes summed at once by add_dense_rows(): four vectors of eight.
constexpr std::size_t kDenseBlock = 32;

// Adds `count` dense rows (int8 weights, row r times 2^shifts[r]) to scores[0, classes), a row at a
// time. Integers times a power of two: the float sums are exact, whatever the order.
void add_dense_rows_one_by_one(const std::int8_t* const* rows, const int* shifts, std::size_t count,
                               std::size_t classes, float* scores) {
    for (std::size_t r = 0; r < count; ++r) {
        const auto factor = static_cast<float>(1u << shifts[r]);
        for (std::size_t c = 0; c < classes; ++c) scores[c] += static_cast<float>(rows[r][c]) * factor;
    }
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define FACTGRAPH_DENSE_ROWS_AVX2 1
// The same with AVX2: each block of 32 classes is summed over all the rows in four registers of
// eight int32 and added to the scores once, instead of loading and storing the scores for every
// row (about half the instructions). int32 holds 128 rows of values within int16 exactly, so the
// scores are the same as row by row. Rows are padded to a multiple of the block (the caller
// checks), so a block never reads past a row.
__attribute__((target("avx2"))) void add_dense_rows_avx2(const std::int8_t* const* rows, const int* shifts,
                                                        std::size_t count, std::size_t classes, float* scores) {
    for (std::size_t begin = 0; begin < classes; begin += kDenseBlock) {
        __m256i sum[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
        for (std::size_t r = 0; r < count; ++r) {
            const std::int8_t* row = rows[r] + begin;
            const __m128i shift = _mm_cvtsi32_si128(shifts[r]);
            for (int v = 0; v < 4; ++v) {
                const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(row + 8 * v));
                sum[v] = _mm256_add_epi32(sum[v], _mm256_sll_epi32(_mm256_cvtepi8_epi32(bytes), shift));
            }
        }
        if (classes - begin >= kDenseBlock) {
            for (int v = 0; v < 4; ++v) {
                float* out = scores + begin + 8 * static_cast<std::size_t>(v);
                _mm256_storeu_ps(out, _mm256_add_ps(_mm256_loadu_ps(out), _mm256_cvtepi32_ps(sum[v])));
            }
        } else {
            alignas(32) std::int32_t lanes[kDenseBlock];
            for (int v = 0; v < 4; ++v) _mm256_store_si256(reinterpret_cast<__m256i*>(lanes + 8 * v), sum[v]);
            for (std::size_t c = 0; c < classes - begin; ++c) scores[begin + c] += static_cast<float>(lanes[c]);
        }
    }
}
#endif

void add_dense_rows(const std::int8_t* const* rows, const int* shifts, std::size_t count, std::size_t classes,
                    float* scores) {
#ifdef FACTGRAPH_DENSE_ROWS_AVX2
    if (__builtin_cpu_supports("avx2")) return add_dense_rows_avx2(rows, shifts, count, classes, scores);
#endif
    add_dense_rows_one_by_one(rows, shifts, count, classes, scores);
}

}  // namespace

// One list (kManyLists false) or several (true; the per-list bookkeeping is compiled out for one).
// Inlined into the two vector-cloned entry points below, so each clone gets its own copy.
template <bool kManyLists>
[[gnu::always_inline]] inline void Perceptron::accumulate_impl(const std::uint64_t* features, const std::uint32_t* offsets,
                                                               std::size_t lists, float* const* outputs) const {
    if (!m_finalized) throw std::logic_error("Perceptron::accumulate before finalize()");
    if (m_slots.empty() || lists == 0) return;
    const std::size_t mask = m_slots.size() - 1;
    const Slot* slots = m_slots.data();
    const std::uint32_t* spilled = m_weights.data();
    // The table is larger than the caches, so a lookup is a memory miss: issue all of a chunk's
    // slot loads first so that the misses overlap, then read the slots. A chunk runs across the
    // lists (a parser move's features and its cached node roles), so the misses of short lists
    // overlap too. There is no filter in front of the table (a Bloom filter was, until
    // 2026-12-02): 89% of the features the tagger, parser and recogniser look up are in their
    // models, so the filter added a second miss to most lookups to save one on few.
    constexpr std::size_t kChunk = 128;
    std::uint32_t keys[kChunk];
    std::size_t homes[kChunk];
    std::uint32_t list_of[kManyLists ? kChunk : 1];
    const Slot* spills[kChunk];
    std::uint32_t spill_lists[kManyLists ? kChunk : 1];
    const std::int8_t* dense = m_dense.data();
    const std::size_t classes = m_classes.size();
    const std::size_t count = offsets[lists];
    // Rows padded to whole blocks can be summed block by block (every model but the recogniser's).
    const bool blocked = m_dense_stride % kDenseBlock == 0;
    const std::int8_t* dense_rows[kChunk];
    int dense_shifts[kChunk];
    std::uint32_t dense_lists[kManyLists ? kChunk : 1];
    // Inline rows (models of at most kInlineClasses classes) are summed here and added to their
    // list's output when the list changes: a fixed-length vector loop instead of a scatter.
    float inline_sums[kInlineClasses] = {};
    std::uint32_t inline_list = 0;
    auto flush_inline = [&] {
        float* out = outputs[inline_list];
        for (std::size_t c = 0; c < classes; ++c) out[c] += inline_sums[c];
        std::fill(inline_sums, inline_sums + kInlineClasses, 0.0f);
    };
    std::uint32_t list = 0;
    for (std::size_t base = offsets[0]; base < count; base += kChunk) {
        const std::size_t chunk = std::min(kChunk, count - base);
        for (std::size_t f = 0; f < chunk; ++f) {
            if constexpr (kManyLists) {
                while (base + f >= offsets[list + 1]) ++list;
                list_of[f] = list;
            }
            keys[f] = fold(features[base + f]);
            homes[f] = home(keys[f], mask);
            __builtin_prefetch(slots + homes[f]);
        }
        std::size_t spill_count = 0;
        for (std::size_t f = 0; f < chunk; ++f) {
            const std::uint32_t key = keys[f];
            for (std::size_t i = homes[f];; i = (i + 1) & mask) {
                const Slot& s = slots[i];
                if (s.key == key) {
                    if (s.w[0] == kDense) {
                        const std::int8_t* d = dense + s.w[1];
                        for (std::size_t c = 0; c < classes; c += 64) __builtin_prefetch(d + c);
                        if constexpr (kManyLists) spill_lists[spill_count] = list_of[f];
                        spills[spill_count++] = &s;
                    } else if (s.w[0] == kSpill) {
                        // Fetch the whole spilled row (16 weights per cache line).
                        for (std::uint32_t j = 0; j < s.w[2]; j += 16) __builtin_prefetch(spilled + s.w[1] + j);
                        if constexpr (kManyLists) spill_lists[spill_count] = list_of[f];
                        spills[spill_count++] = &s;
                    } else if ((s.w[0] >> 16) == kInlineRow) {
                        if constexpr (kManyLists) {
                            if (list_of[f] != inline_list) {
                                flush_inline();
                                inline_list = list_of[f];
                            }
                        }
                        // Always 8 values (the unused ones are 0): a fixed-length vector loop.
                        std::int8_t values[kInlineClasses];
                        std::memcpy(values, &s.w[1], sizeof values);
                        const auto factor = static_cast<float>(1u << (s.w[0] & 0xFF));
                        for (std::size_t c = 0; c < kInlineClasses; ++c) inline_sums[c] += static_cast<float>(values[c]) * factor;
                    } else {
                        float* scores = outputs[kManyLists ? list_of[f] : 0];
                        for (std::uint32_t w : s.w) {
                            if (w == kNone) break;
                            scores[packed_class(w)] += packed_value(w);
                        }
                    }
                    break;
                }
                if (s.key == 0) break;
            }
        }
        // The sparse rows scattered one by one; the dense ones gathered per list and summed
        // together (add_dense_rows), a block of classes at a time.
        std::size_t dense_count = 0;
        for (std::size_t h = 0; h < spill_count; ++h) {
            if (spills[h]->w[0] == kDense) {
                if (blocked) {
                    if constexpr (kManyLists) dense_lists[dense_count] = spill_lists[h];
                    dense_rows[dense_count] = dense + spills[h]->w[1];
                    dense_shifts[dense_count++] = static_cast<int>(spills[h]->w[2]);
                    continue;
                }
                // Integers times a power of two: the float sums are exact, whatever the order
                // (compiles to SIMD).
                float* scores = outputs[kManyLists ? spill_lists[h] : 0];
                const std::int8_t* d = dense + spills[h]->w[1];
                const auto factor = static_cast<float>(1u << spills[h]->w[2]);
                for (std::size_t c = 0; c < classes; ++c) scores[c] += static_cast<float>(d[c]) * factor;
                continue;
            }
            float* scores = outputs[kManyLists ? spill_lists[h] : 0];
            const std::uint32_t* w = spilled + spills[h]->w[1];
            const std::uint32_t c = spills[h]->w[2];
            for (std::uint32_t j = 0; j < c; ++j) scores[packed_class(w[j])] += packed_value(w[j]);
        }
        for (std::size_t begin = 0; begin < dense_count;) {
            std::size_t end = begin + 1;
            if constexpr (kManyLists)
                while (end < dense_count && dense_lists[end] == dense_lists[begin]) ++end;
            else
                end = dense_count;
            add_dense_rows(dense_rows + begin, dense_shifts + begin, end - begin, classes,
                           outputs[kManyLists ? dense_lists[begin] : 0]);
            begin = end;
        }
    }
    if (classes <= kInlineClasses) flush_inline();
}

FACTGRAPH_VECTOR_CLONES
void Perceptron::accumulate(const std::uint64_t* features, std::size_t count, float* scores) const {
    const std::uint32_t offsets[2] = {0, static_cast<std::uint32_t>(count)};
    accumulate_impl<false>(features, offsets, 1, &scores);
}

FACTGRAPH_VECTOR_CLONES
void Perceptron::accumulate_lists(const std::uint64_t* features, const std::uint32_t* offsets, std::size_t lists,
                                  float* const* outputs) const {
    accumulate_impl<true>(features, offsets, lists, outputs);
}

void Perceptron::score(const std::vector<std::uint64_t>& features, std::vector<float>& scores) const {
    scores.resize(m_classes.size());
    score(features.data(), features.size(), scores.data());
}

int Perceptron::predict(const std::vector<std::uint64_t>& features) const {
    std::vector<float> scores(m_classes.size());
    score(features.data(), features.size(), scores.data());
    return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

void Perceptron::update(const std::vector<std::uint64_t>& features, int truth, int guess, float amount) {
    update(features.data(), features.size(), truth, guess, amount);
}

void Perceptron::update(const std::uint64_t* features, std::size_t count, int truth, int guess, float amount) {
    if (m_finalized) throw std::logic_error("Perceptron::update after finalize()");
    ++m_instances;
    if (truth == guess) return;
    add(features, count, truth, amount);
    if (guess >= 0) add(features, count, guess, -amount);
}

void Perceptron::add(const std::uint64_t* features, std::size_t count, int cls, float amount) {
    if (m_finalized) throw std::logic_error("Perceptron::add after finalize()");
    // Averaging trick (Daume 2006): keep w and sum(t * delta); the average is w - summed / T.
    const double t = static_cast<double>(m_instances);
    for (std::size_t f = 0; f < count; ++f) {
        if (!m_kept_keys.empty() &&
            !std::binary_search(m_kept_keys.begin(), m_kept_keys.end(), fold(fix_key(features[f]))))
            continue;
        const std::size_t index = train_row(features[f]);
        if (const std::int32_t d = m_train_dense[index]; d >= 0) {
            const std::size_t at = static_cast<std::size_t>(d) * m_classes.size() + static_cast<std::size_t>(cls);
            m_dense_weights[at] += amount;
            m_dense_summed[at] += t * amount;
            continue;
        }
        std::vector<TrainWeight>& row = m_train_rows[index];
        auto w = std::find_if(row.begin(), row.end(), [&](const TrainWeight& x) { return x.cls == static_cast<std::uint32_t>(cls); });
        if (w != row.end()) {
            w->weight += amount;
            w->summed += t * amount;
        } else {
            row.push_back({static_cast<std::uint32_t>(cls), amount, t * amount});
            if (row.size() >= kDenseRowAt) make_dense(index);
        }
    }
}

void Perceptron::make_dense(std::size_t index) {
    const std::size_t n = m_classes.size();
    const std::size_t d = m_dense_weights.size() / n;
    m_dense_weights.resize(m_dense_weights.size() + n, 0.0f);
    m_dense_summed.resize(m_dense_summed.size() + n, 0.0);
    for (const TrainWeight& w : m_train_rows[index]) {
        m_dense_weights[d * n + w.cls] = w.weight;
        m_dense_summed[d * n + w.cls] = w.summed;
    }
    m_train_rows[index] = {};
    m_train_dense[index] = static_cast<std::int32_t>(d);
}

void Perceptron::finalize() {
    if (m_finalized) return;
    const double total = static_cast<double>(std::max<std::uint64_t>(m_instances, 1)) + 1.0;
    // Average, fold keys to 32 bits (merging the rare folded duplicates), pick the int16 scale.
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < m_train_keys.size(); ++i) {
        if (!m_train_keys[i]) continue;
        const std::uint32_t row = m_train_index[i];
        if (const std::int32_t d = m_train_dense[row]; d >= 0) {
            const std::size_t n = m_classes.size();
            for (std::size_t c = 0; c < n; ++c) {
                const std::size_t at = static_cast<std::size_t>(d) * n + c;
                const float avg = static_cast<float>(m_dense_weights[at] - m_dense_summed[at] / total);
                if (avg != 0.0f) entries.push_back({fold(m_train_keys[i]), static_cast<std::uint32_t>(c), avg});
            }
            continue;
        }
        for (const TrainWeight& w : m_train_rows[row]) {
            const float avg = static_cast<float>(w.weight - w.summed / total);
            if (avg != 0.0f) entries.push_back({fold(m_train_keys[i]), w.cls, avg});
        }
    }
    m_train_keys = {};
    m_train_index = {};
    m_train_rows = {};
    m_train_dense = {};
    m_dense_weights = {};
    m_dense_summed = {};
    m_train_used = 0;
    finalize_entries(entries);
}

void Perceptron::finalize_entries(std::vector<Entry>& entries) {
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.key != b.key ? a.key < b.key : a.cls < b.cls; });
    std::vector<Entry> merged;
    for (const Entry& e : entries) {
        if (!merged.empty() && merged.back().key == e.key && merged.back().cls == e.cls) merged.back().value += e.value;
        else merged.push_back(e);
    }
    float max_abs = 0.0f;
    for (const Entry& e : merged) max_abs = std::max(max_abs, std::fabs(e.value));
    m_scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
    std::vector<Row> rows;
    for (const Entry& e : merged) {
        const long q = std::lround(e.value / m_scale);
        if (q == 0) continue;
        if (rows.empty() || rows.back().key != e.key) rows.push_back({e.key, {}});
        rows.back().weights.push_back(pack(e.cls, static_cast<int>(q)));
    }
    m_finalized = true;
    build_table(rows);
}

Perceptron Perceptron::sum(const std::vector<Perceptron>& members) {
    if (members.empty()) throw std::invalid_argument("Perceptron::sum of no models");
    std::vector<Entry> entries;
    for (const Perceptron& m : members) {
        if (!m.m_finalized) throw std::logic_error("Perceptron::sum of a model still in training");
        if (m.m_classes != members.front().m_classes)
            throw std::invalid_argument("Perceptron::sum of models with different classes");
        for (const Row& row : m.rows())
            for (std::uint32_t w : row.weights) entries.push_back({row.key, packed_class(w), packed_value(w) * m.m_scale});
    }
    Perceptron p;
    p.m_classes = members.front().m_classes;
    p.finalize_entries(entries);
    return p;
}

void Perceptron::build_table(const std::vector<Row>& rows) {
    std::vector<RowView> views;
    views.reserve(rows.size());
    for (const Row& row : rows) views.push_back({row.key, row.weights});
    build_table(views);
}

void Perceptron::build_table(std::span<const RowView> rows) {
    m_slots.assign(table_size_for(rows.size()), Slot{0, {kNone, kNone, kNone}});
    m_weights.clear();
    m_dense.clear();
    m_dense_stride = dense_stride_for(m_classes.size());
    m_features = 0;
    m_weight_total = 0;
    const std::size_t mask = m_slots.size() - 1;
    for (const RowView& row : rows) {
        if (row.weights.empty()) continue;
        std::size_t i = home(row.key, mask);
        while (m_slots[i].key && m_slots[i].key != row.key) i = (i + 1) & mask;
        if (m_slots[i].key == row.key) continue;  // duplicate key: keep the first
        Slot& slot = m_slots[i];
        slot.key = row.key;
        std::size_t kept = row.weights.size();
        if (row.weights.size() <= 3) {
            for (std::size_t j = 0; j < row.weights.size(); ++j) slot.w[j] = row.weights[j];
        } else if (m_classes.size() <= kInlineClasses) {
            const unsigned shift = dense_shift_for(row.weights);
            slot.w[0] = (kInlineRow << 16) | shift;
            std::int8_t values[kInlineClasses] = {};
            kept = quantise_row(row.weights, shift, values);
            static_assert(sizeof values == sizeof slot.w[1] + sizeof slot.w[2]);
            std::memcpy(&slot.w[1], values, sizeof values);
        } else if (row.weights.size() * 8 >= m_classes.size()) {
            const unsigned shift = dense_shift_for(row.weights);
            slot.w[0] = kDense;
            slot.w[1] = static_cast<std::uint32_t>(m_dense.size());
            slot.w[2] = shift;
            m_dense.resize(m_dense.size() + m_dense_stride, 0);
            kept = quantise_row(row.weights, shift, m_dense.data() + slot.w[1]);
        } else {
            slot.w[0] = kSpill;
            slot.w[1] = static_cast<std::uint32_t>(m_weights.size());
            slot.w[2] = static_cast<std::uint32_t>(row.weights.size());
            m_weights.insert(m_weights.end(), row.weights.begin(), row.weights.end());
        }
        ++m_features;
        m_weight_total += kept;
    }
    m_weights.shrink_to_fit();
    m_dense.shrink_to_fit();
}

std::vector<std::uint32_t> Perceptron::feature_keys() const {
    if (!m_finalized) throw std::logic_error("Perceptron::feature_keys before finalize()");
    std::vector<std::uint32_t> keys;
    keys.reserve(m_features);
    for (const Slot& s : m_slots)
        if (s.key) keys.push_back(s.key);
    std::sort(keys.begin(), keys.end());
    return keys;
}

void Perceptron::keep_only(std::vector<std::uint32_t> keys) {
    if (m_finalized) throw std::logic_error("Perceptron::keep_only after finalize()");
    std::sort(keys.begin(), keys.end());
    m_kept_keys = std::move(keys);
}

std::vector<Perceptron::Row> Perceptron::rows() const {
    std::vector<Row> out;
    out.reserve(m_features);
    for (const Slot& s : m_slots) {
        if (!s.key) continue;
        Row row{s.key, {}};
        if (s.w[0] == kDense) {
            unpack_row(m_dense.data() + s.w[1], m_classes.size(), s.w[2], row.weights);
        } else if (s.w[0] == kSpill) {
            row.weights.assign(m_weights.begin() + s.w[1], m_weights.begin() + s.w[1] + s.w[2]);
        } else if ((s.w[0] >> 16) == kInlineRow) {
            std::int8_t values[kInlineClasses];
            std::memcpy(values, &s.w[1], sizeof values);
            unpack_row(values, m_classes.size(), s.w[0] & 0xFF, row.weights);
        } else {
            for (std::uint32_t w : s.w)
                if (w != kNone) row.weights.push_back(w);
        }
        out.push_back(std::move(row));
    }
    std::sort(out.begin(), out.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
    return out;
}

void Perceptron::prune(float min_abs_weight) {
    if (!m_finalized) finalize();
    std::vector<Row> kept = rows();
    for (Row& row : kept)
        std::erase_if(row.weights, [&](std::uint32_t w) { return std::fabs(packed_value(w) * m_scale) < min_abs_weight; });
    build_table(kept);
}

std::size_t Perceptron::feature_count() const { return m_finalized ? m_features : m_train_used; }

std::size_t Perceptron::weight_count() const {
    if (m_finalized) return m_weight_total;
    std::size_t n = 0;
    for (const auto& r : m_train_rows) n += r.size();
    for (std::size_t at = 0; at < m_dense_weights.size(); ++at) n += m_dense_weights[at] != 0.0f || m_dense_summed[at] != 0.0;
    return n;
}

void Perceptron::save(std::ostream& out) const {
    if (!m_finalized) throw std::logic_error("Perceptron::save before finalize()");
    model_io::ByteWriter w;
    w.varint(m_classes.size());
    for (const std::string& c : m_classes) w.str(c);
    w.f32(m_scale);
    const std::vector<Row> all = rows();
    w.varint(all.size());
    // Sorted keys as deltas, class ids as deltas within a row, values zigzag: about 2 bytes per
    // feature plus 2-3 per weight.
    std::uint32_t prev = 0;
    for (const Row& row : all) {
        w.varint(row.key - prev);
        prev = row.key;
        w.varint(row.weights.size());
        std::uint32_t prev_cls = 0;
        for (std::uint32_t x : row.weights) {
            w.varint(packed_class(x) - prev_cls);
            prev_cls = packed_class(x);
            w.svarint(static_cast<std::int16_t>(x & 0xFFFF));
        }
    }
    model_io::ByteWriter head;
    head.raw(kBlockMagic);
    head.u32(kBlockVersion);
    head.u64(w.bytes().size());
    model_io::ByteWriter tail;
    tail.u64(model_io::checksum(w.bytes()));
    out.write(head.bytes().data(), static_cast<std::streamsize>(head.bytes().size()));
    out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
    out.write(tail.bytes().data(), static_cast<std::streamsize>(tail.bytes().size()));
}

Perceptron Perceptron::load(std::istream& in, const std::string& what) {
    // The block is read whole (head, payload, checksum) and parsed where it lies.
    std::string block(16, '\0');
    in.read(block.data(), 16);
    if (in.gcount() != 16) throw ModelError("corrupt model " + what + ": perceptron block: unexpected end of data");
    model_io::ByteReader head(std::string_view(block).substr(8), what);
    const std::uint64_t size = head.u64();
    // Anything else is refused by load() below from the head alone, before reading a byte more.
    if (block.compare(0, kBlockMagic.size(), kBlockMagic) == 0 && size <= (std::uint64_t(1) << 32)) {
        block.resize(16 + size + 8);
        in.read(block.data() + 16, static_cast<std::streamsize>(size + 8));
        block.resize(16 + static_cast<std::size_t>(in.gcount()));
    }
    std::size_t used = 0;
    return load(block, what, &used);
}

Perceptron Perceptron::load(std::string_view bytes, const std::string& what, std::size_t* used, bool checksummed) {
    auto fail = [&](const std::string& why) {
        throw ModelError("corrupt model " + what + ": perceptron block: " + why);
    };
    if (bytes.size() < 16) fail("unexpected end of data");
    model_io::ByteReader head(bytes.substr(0, 16), what);
    if (head.raw(4) != kBlockMagic) fail("bad magic");
    if (const std::uint32_t v = head.u32(); v != kBlockVersion)
        fail("format version " + std::to_string(v) + ", expected " + std::to_string(kBlockVersion));
    const std::uint64_t size = head.u64();
    if (size > (std::uint64_t(1) << 32)) fail("implausible size");
    if (size + 8 > bytes.size() - 16) fail("unexpected end of data");
    const std::string_view payload = bytes.substr(16, size);
    model_io::ByteReader sum(bytes.substr(16 + size, 8), what);
    if (!checksummed && sum.u64() != model_io::checksum(payload)) fail("checksum mismatch");
    if (used) *used = 16 + size + 8;

    model_io::ByteReader r(payload, what);
    Perceptron p;
    const std::uint64_t classes = r.count(kMaxClasses);
    for (std::uint64_t c = 0; c < classes; ++c) p.m_classes.push_back(r.str());
    p.m_scale = r.f32();
    const std::uint64_t features = r.count(payload.size());
    // All rows' weights in one array (a weight takes at least two bytes of the payload), not a
    // vector per row: loading was mostly allocations.
    const std::size_t room = payload.size() / 2;
    const auto weights = std::make_unique_for_overwrite<std::uint32_t[]>(room);
    std::size_t count = 0;
    std::vector<std::pair<std::uint32_t, std::size_t>> ends(features);  // key, end of its weights
    std::uint64_t key = 0;
    for (auto& [row_key, end] : ends) {
        key += r.varint();
        if (key == 0 || key > 0xFFFFFFFFu) fail("feature key out of range");
        row_key = static_cast<std::uint32_t>(key);
        const std::uint64_t n = r.count(classes);
        if (n > room - count) fail("unexpected end of data");
        std::uint64_t cls = 0;
        for (std::uint64_t j = 0; j < n; ++j) {
            cls += r.varint();
            const std::int64_t v = r.svarint();
            if (cls >= classes || v < -32768 || v > 32767) fail("weight out of range");
            weights[count++] = pack(static_cast<std::uint32_t>(cls), static_cast<int>(v));
        }
        end = count;
    }
    if (!r.done()) fail("trailing bytes");
    std::vector<RowView> rows(features);
    for (std::size_t i = 0, begin = 0; i < features; begin = ends[i++].second) {
        if (i > 0 && ends[i].first == ends[i - 1].first) fail("duplicate feature");
        rows[i] = {ends[i].first, std::span<const std::uint32_t>(weights.get() + begin, ends[i].second - begin)};
    }
    p.m_finalized = true;
    p.build_table(rows);
    return p;
}

}  // namespace factgraph::nlp
