#include "factgraph/nlp/supertag_net.hpp"

#include "factgraph/core/error.hpp"
#include "factgraph/nlp/supertagger.hpp"
#include "model_io.hpp"
#include "pair_sums.hpp"
#include "word_features.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace factgraph::nlp {

namespace {

enum Flag { kFirst, kCapital, kAllCapitals, kDigit, kHyphen, kNoVector };

// Vector steps per input step: an input of 1 is a sixteenth of a vector's stored 1, fine enough
// for the embeddings, which are stored in the same units.
constexpr int kVectorSteps = 16;
// Largest magnitude of an embedding value (and of a flag) in input units. With 8-bit weights every
// integer sum stays within 32 bits: the projection's, over at most 256 inputs (vectors of at most
// kMaxDims values), 256 x 8192 x 127; the positions', over 7 x kMaxProjection (64) 16-bit
// projected values, 7 x 64 x 32767 x 127; the output's, over kMaxHidden (512) 16-bit hidden values,
// 512 x 32767 x 127: all below 2^31.
constexpr int kMaxEmbedding = 8192;
constexpr std::size_t kMaxDims = 170;
constexpr std::uint32_t kXposUnknown = 0, kXposOutside = 1;

std::uint64_t class_key(std::uint16_t c, int level) { return word_features::mix(std::uint64_t{c} + 0x10000ULL * static_cast<std::uint64_t>(level + 1)); }
std::uint64_t xpos_key(std::string_view xpos) { return word_features::mix(word_features::lower_hash(xpos) ^ 0x7870ULL); }

// Dense float helpers of the trainer, written so that the compiler can vectorise them without
// reordering a sum (eight partial sums in a fixed order).
inline void axpy(float a, const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] += a * x[i];
}
inline float dot(const float* a, const float* b, std::size_t n) {
    float acc[8] = {};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (std::size_t k = 0; k < 8; ++k) acc[k] += a[i + k] * b[i + k];
    float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; ++i) s += a[i] * b[i];
    return s;
}

// A trained weight matrix in 8-bit steps with one scale per output (its largest magnitude maps to
// 127): store(o, i, step) for each weight(o, i); returns the scales.
template <class Weight, class Store>
std::vector<float> in_8_bits(std::size_t outputs, std::size_t inputs, Weight weight, Store store) {
    std::vector<float> scales(outputs, 1.0f);
    for (std::size_t o = 0; o < outputs; ++o) {
        float top = 0.0f;
        for (std::size_t i = 0; i < inputs; ++i) top = std::max(top, std::fabs(weight(o, i)));
        if (top > 0.0f) scales[o] = top / 127.0f;
        for (std::size_t i = 0; i < inputs; ++i) store(o, i, static_cast<std::int8_t>(std::lround(weight(o, i) / scales[o])));
    }
    return scales;
}

// One parameter block with its gradient and Adam's two moments.
struct Param {
    std::vector<float> w, g, m, v;
    void init(std::size_t n) { w.assign(n, 0.0f), g.assign(n, 0.0f), m.assign(n, 0.0f), v.assign(n, 0.0f); }
    void step_range(std::size_t from, std::size_t to, float rate, float scale, float c1, float c2) {
        constexpr float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        for (std::size_t i = from; i < to; ++i) {
            const float g1 = g[i] * scale;
            m[i] = b1 * m[i] + (1 - b1) * g1;
            v[i] = b2 * v[i] + (1 - b2) * g1 * g1;
            w[i] -= rate * (m[i] / c1) / (std::sqrt(v[i] / c2) + eps);
            g[i] = 0.0f;
        }
    }
};

// The hidden layer of one word: h = max(0, b1 + the positions' XPOS parts (added in position
// order) + the positions' integer shares times `factor`), and its 16-bit steps. `shares[q]` is
// null for a position outside the sentence. Every value is computed by the same operations in the
// same order in both versions, so they give the same bits.
struct HiddenInputs {
    const std::int32_t* shares[SupertagNet::kPositions];
    const float* parts[SupertagNet::kPositions];
    const float* bias;
    const float* factor;
    float inverse_step;
    std::size_t units;
};

void hidden_one_by_one(const HiddenInputs& in, std::size_t from, float* h, std::int16_t* hidden) {
    for (std::size_t j = from; j < in.units; ++j) {
        float v = in.bias[j];
        std::int32_t sum = 0;
        for (int q = 0; q < SupertagNet::kPositions; ++q) {
            v += in.parts[q][j];
            if (in.shares[q]) sum += in.shares[q][j];
        }
        h[j] = std::max(0.0f, v + static_cast<float>(sum) * in.factor[j]);
        hidden[j] = static_cast<std::int16_t>(std::min(32767.0f, h[j] * in.inverse_step + 0.5f));
    }
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define FACTGRAPH_HIDDEN_AVX2 1
// Eight units at a time (no fused multiply-add: the products round as in the version above).
__attribute__((target("avx2"))) void hidden_avx2(const HiddenInputs& in, float* h, std::int16_t* hidden) {
    std::size_t j = 0;
    const __m256 zero = _mm256_setzero_ps(), half = _mm256_set1_ps(0.5f), top = _mm256_set1_ps(32767.0f),
                 inverse = _mm256_set1_ps(in.inverse_step);
    for (; j + 8 <= in.units; j += 8) {
        __m256 v = _mm256_loadu_ps(in.bias + j);
        __m256i sum = _mm256_setzero_si256();
        for (int q = 0; q < SupertagNet::kPositions; ++q) {
            v = _mm256_add_ps(v, _mm256_loadu_ps(in.parts[q] + j));
            if (in.shares[q]) sum = _mm256_add_epi32(sum, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in.shares[q] + j)));
        }
        v = _mm256_max_ps(_mm256_add_ps(v, _mm256_mul_ps(_mm256_cvtepi32_ps(sum), _mm256_loadu_ps(in.factor + j))), zero);
        _mm256_storeu_ps(h + j, v);
        const __m256i steps = _mm256_cvttps_epi32(_mm256_min_ps(_mm256_add_ps(_mm256_mul_ps(v, inverse), half), top));
        const __m128i packed = _mm_packs_epi32(_mm256_castsi256_si128(steps), _mm256_extracti128_si256(steps, 1));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(hidden + j), packed);
    }
    hidden_one_by_one(in, j, h, hidden);
}
#endif

void hidden_values(const HiddenInputs& in, float* h, std::int16_t* hidden) {
#ifdef FACTGRAPH_HIDDEN_AVX2
    if (__builtin_cpu_supports("avx2")) return hidden_avx2(in, h, hidden);
#endif
    hidden_one_by_one(in, 0, h, hidden);
}

}  // namespace

void SupertagNet::Vocabulary::build() {
    index.clear();
    index.reserve(keys.size());
    for (std::size_t k = 0; k < keys.size(); ++k) index.insert(keys[k], static_cast<std::uint32_t>(k + 1));
}

void SupertagNet::read_word(std::string_view form, bool first, const WordVectors& vectors, const WordClusters& clusters,
                            const Vocabulary* vocabularies, std::size_t coarse_level, WordInput& out) {
    word_features::WordHashes h;
    word_features::compute(form, h);
    const std::uint64_t key = WordClusters::key(form);
    out.vector = vectors.find(key);
    const WordClusters::Classes classes = clusters.classes_of_key(key);
    const std::uint64_t keys[kTables] = {h.lower, h.suffix[2], h.shape, class_key(classes[0], 0),
                                         class_key(classes[coarse_level], static_cast<int>(coarse_level))};
    for (int t = 0; t < kTables; ++t) out.index[t] = vocabularies ? vocabularies[t].find(keys[t]) : 0;
    std::uint32_t flags = 0;
    if (first) flags |= 1u << kFirst;
    if (h.flags & word_features::kInitialUpper) flags |= 1u << kCapital;
    if ((h.flags & word_features::kAllUpper) && form.size() > 1) flags |= 1u << kAllCapitals;
    if (h.flags & word_features::kHasDigit) flags |= 1u << kDigit;
    if (h.flags & word_features::kHasHyphen) flags |= 1u << kHyphen;
    if (!out.vector) flags |= 1u << kNoVector;
    out.flags = flags;
    out.share_key = share_key(h.form, first);
}

// What a word's shares depend on besides the net: its exact form (`form_hash`, the FNV hash of
// its bytes, as word_features::compute() gives it) and whether it starts the sentence.
std::uint64_t SupertagNet::share_key(std::uint64_t form_hash, bool first) {
    return word_features::mix(form_hash ^ (first ? 0x5bd1e9955bd1e995ULL : 0));
}

std::size_t SupertagNet::word_inputs() const {
    std::size_t n = m_dims + kFlags;
    for (int size : kEmbeddingSizes) n += static_cast<std::size_t>(size);
    return n;
}

// A word's inputs in input units: its vector, its embeddings, its flags.
void SupertagNet::word_input_values(const WordInput& w, std::int16_t* out) const {
    std::size_t at = 0;
    for (std::size_t k = 0; k < m_dims; ++k) out[at++] = static_cast<std::int16_t>(w.vector ? w.vector[k] * kVectorSteps : 0);
    for (int t = 0; t < kTables; ++t) {
        const std::size_t size = static_cast<std::size_t>(kEmbeddingSizes[t]);
        const std::int16_t* row = m_embeddings[t].data() + w.index[t] * size;
        for (std::size_t k = 0; k < size; ++k) out[at++] = row[k];
    }
    const auto flag_value = static_cast<std::int16_t>(std::lround(1.0f / m_input_scale));
    for (int f = 0; f < kFlags; ++f) out[at++] = (w.flags & (1u << f)) ? flag_value : std::int16_t{0};
}

SupertagNet SupertagNet::train(const std::vector<Sentence>& sentences, const WordVectors& vectors, const WordClusters& clusters,
                               const SupertagNetOptions& options) {
    if (vectors.dims() == 0) throw std::invalid_argument("SupertagNet::train: no word vectors");
    if (vectors.dims() > kMaxDims) throw std::invalid_argument("SupertagNet::train: word vectors longer than 170 values");
    if (options.hidden < 1 || static_cast<std::size_t>(options.hidden) > kMaxHidden || options.projection < 1 ||
        static_cast<std::size_t>(options.projection) > kMaxProjection)
        throw std::invalid_argument("SupertagNet::train: hidden units or projection out of range");
    if (options.epochs < 1 || options.batch < 1 || !(options.learning_rate > 0.0f) || !(options.dropout >= 0.0f && options.dropout < 1.0f) ||
        options.min_count < 1)
        throw std::invalid_argument("SupertagNet::train: epochs, batch, learning rate, dropout or minimum count out of range");

    SupertagNet net;
    net.m_dims = vectors.dims();
    net.m_hidden = static_cast<std::size_t>(options.hidden);
    net.m_vectors_fingerprint = vectors.fingerprint();
    net.m_input_scale = vectors.scale() / static_cast<float>(kVectorSteps);
    net.m_coarse_level = clusters.levels() > 2 ? 2 : clusters.levels() > 0 ? clusters.levels() - 1 : 0;
    if (std::lround(1.0f / net.m_input_scale) > kMaxEmbedding)
        throw std::invalid_argument("SupertagNet::train: word vectors' scale too small");

    // The supertags and the vocabularies of the training words.
    std::map<std::string, int> supertag_ids;
    std::vector<std::vector<std::string>> gold(sentences.size());
    std::map<std::uint64_t, int> counts[kTables];
    std::map<std::uint64_t, int> xpos_seen;
    std::map<std::string, int> form_counts;  // exact forms not starting a sentence
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        gold[s] = Supertagger::supertags_of(sentences[s]);
        for (std::size_t i = 0; i < sentences[s].tokens.size(); ++i) {
            supertag_ids.emplace(gold[s][i], 0);
            const std::string& form = sentences[s].tokens[i].form;
            if (i > 0) ++form_counts[form];
            word_features::WordHashes h;
            word_features::compute(form, h);
            const WordClusters::Classes classes = clusters.classes_of_key(WordClusters::key(form));
            ++counts[kForm][h.lower];
            ++counts[kSuffix][h.suffix[2]];
            ++counts[kShape][h.shape];
            ++counts[kClass][class_key(classes[0], 0)];
            ++counts[kCoarseClass][class_key(classes[net.m_coarse_level], static_cast<int>(net.m_coarse_level))];
            xpos_seen.emplace(xpos_key(sentences[s].tokens[i].xpos), 0);
        }
    }
    if (supertag_ids.empty()) throw std::invalid_argument("SupertagNet::train: no words to learn from");
    for (auto& [tag, id] : supertag_ids) {
        id = static_cast<int>(net.m_supertags.size());
        net.m_supertags.push_back(tag);
    }
    for (int t = 0; t < kTables; ++t) {
        const int least = t == kClass || t == kCoarseClass ? 1 : options.min_count;
        for (const auto& [key, count] : counts[t])
            if (count >= least) net.m_vocabularies[t].keys.push_back(key);
        net.m_vocabularies[t].build();
    }
    for (const auto& [key, unused] : xpos_seen) net.m_xpos_keys.push_back(key);
    {
        std::vector<std::pair<int, std::string>> by_count;
        for (const auto& [form, count] : form_counts) by_count.emplace_back(-count, form);
        std::sort(by_count.begin(), by_count.end());
        for (std::size_t k = 0; k < by_count.size() && k < kFrequentForms; ++k) net.m_frequent_forms.push_back(by_count[k].second);
    }
    for (std::size_t k = 0; k < net.m_xpos_keys.size(); ++k) net.m_xpos_index.insert(net.m_xpos_keys[k], static_cast<std::uint32_t>(k + 2));

    // Every training word's inputs, read once.
    struct Word {
        WordInput input;
        std::uint32_t xpos;
        int supertag;
    };
    std::vector<std::vector<Word>> words(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        words[s].resize(sentences[s].tokens.size());
        for (std::size_t i = 0; i < sentences[s].tokens.size(); ++i) {
            const Token& t = sentences[s].tokens[i];
            read_word(t.form, i == 0, vectors, clusters, net.m_vocabularies, net.m_coarse_level, words[s][i].input);
            const std::uint32_t* x = net.m_xpos_index.find(xpos_key(t.xpos));
            words[s][i].xpos = x ? *x : kXposUnknown;
            words[s][i].supertag = supertag_ids[gold[s][i]];
        }
    }

    const std::size_t inputs = net.word_inputs(), R = static_cast<std::size_t>(options.projection), H = net.m_hidden;
    const std::size_t K = net.m_supertags.size(), X = net.m_xpos_keys.size() + 2, E = kXposEmbedding, Q = kPositions;
    std::mt19937_64 rng(options.seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    Param emb[kTables], proj, hid, xemb, xhid, b1, out, b2;
    for (int t = 0; t < kTables; ++t) {
        emb[t].init((net.m_vocabularies[t].keys.size() + 1) * static_cast<std::size_t>(kEmbeddingSizes[t]));
        for (float& w : emb[t].w) w = normal(rng) * 0.1f;
    }
    proj.init(inputs * R);  // [input][r]
    for (float& w : proj.w) w = normal(rng) * std::sqrt(1.0f / static_cast<float>(inputs));
    hid.init(Q * R * H);  // [position][r][unit]
    for (float& w : hid.w) w = normal(rng) * std::sqrt(2.0f / static_cast<float>(Q * (R + E)));
    xemb.init(X * E);
    for (float& w : xemb.w) w = normal(rng) * 0.1f;
    xhid.init(Q * E * H);  // [position][e][unit]
    for (float& w : xhid.w) w = normal(rng) * std::sqrt(2.0f / static_cast<float>(Q * (R + E)));
    b1.init(H);
    out.init(H * K);  // [unit][supertag]
    for (float& w : out.w) w = normal(rng) * std::sqrt(1.0f / static_cast<float>(H));
    b2.init(K);

    const float vector_scale = vectors.scale(), keep = 1.0f - options.dropout;
    std::uniform_real_distribution<float> coin(0.0f, 1.0f);
    std::vector<std::uint32_t> touched[kTables];
    std::vector<float> xs, zs, dzs, masks;       // per token of the sentence: inputs, projection, its gradient, dropout
    std::vector<float> xpart(Q * X * H), dxpart(Q * X * H);  // each XPOS's share of the hidden layer, per position
    std::vector<float> a(H), h(H), hmask(H), da(H), p(K);
    std::vector<std::size_t> order(sentences.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    long step = 0;
    std::size_t in_batch = 0;

    auto compute_xpart = [&] {
        for (std::size_t q = 0; q < Q; ++q)
            for (std::size_t x = 0; x < X; ++x) {
                float* row = xpart.data() + (q * X + x) * H;
                std::fill(row, row + H, 0.0f);
                for (std::size_t e = 0; e < E; ++e) axpy(xemb.w[x * E + e], xhid.w.data() + (q * E + e) * H, row, H);
            }
    };
    auto apply_step = [&] {
        // The XPOS shares' gradient back to their embeddings and weights.
        for (std::size_t q = 0; q < Q; ++q)
            for (std::size_t x = 0; x < X; ++x) {
                const float* d = dxpart.data() + (q * X + x) * H;
                for (std::size_t e = 0; e < E; ++e) {
                    xemb.g[x * E + e] += dot(d, xhid.w.data() + (q * E + e) * H, H);
                    axpy(xemb.w[x * E + e], d, xhid.g.data() + (q * E + e) * H, H);
                }
            }
        std::fill(dxpart.begin(), dxpart.end(), 0.0f);
        ++step;
        const float c1 = 1.0f - std::pow(0.9f, static_cast<float>(step)), c2 = 1.0f - std::pow(0.999f, static_cast<float>(step));
        const float scale = 1.0f / static_cast<float>(in_batch), rate = options.learning_rate;
        for (Param* par : {&proj, &hid, &xemb, &xhid, &b1, &out, &b2}) par->step_range(0, par->w.size(), rate, scale, c1, c2);
        // Embeddings: only the rows the batch read (lazy Adam).
        for (int t = 0; t < kTables; ++t) {
            const std::size_t size = static_cast<std::size_t>(kEmbeddingSizes[t]);
            std::sort(touched[t].begin(), touched[t].end());
            touched[t].erase(std::unique(touched[t].begin(), touched[t].end()), touched[t].end());
            for (std::uint32_t row : touched[t]) emb[t].step_range(row * size, (row + 1) * size, rate, scale, c1, c2);
            touched[t].clear();
        }
        in_batch = 0;
        compute_xpart();
    };

    compute_xpart();
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        for (std::size_t s : order) {
            const std::vector<Word>& ws = words[s];
            const std::size_t n = ws.size();
            if (n == 0) continue;
            xs.assign(n * inputs, 0.0f);
            zs.assign(n * R, 0.0f);
            dzs.assign(n * R, 0.0f);
            masks.resize(n * R);
            // Forward: each word's inputs and projection (with dropout on the projection).
            for (std::size_t t = 0; t < n; ++t) {
                float* x = xs.data() + t * inputs;
                const WordInput& w = ws[t].input;
                std::size_t at = 0;
                for (std::size_t k = 0; k < net.m_dims; ++k) x[at++] = w.vector ? static_cast<float>(w.vector[k]) * vector_scale : 0.0f;
                for (int e = 0; e < kTables; ++e) {
                    const std::size_t size = static_cast<std::size_t>(kEmbeddingSizes[e]);
                    std::copy_n(emb[e].w.data() + w.index[e] * size, size, x + at);
                    at += size;
                }
                for (int f = 0; f < kFlags; ++f) x[at++] = (w.flags & (1u << f)) ? 1.0f : 0.0f;
                float* z = zs.data() + t * R;
                for (std::size_t i = 0; i < inputs; ++i)
                    if (x[i] != 0.0f) axpy(x[i], proj.w.data() + i * R, z, R);
                for (std::size_t r = 0; r < R; ++r) {
                    masks[t * R + r] = coin(rng) < options.dropout ? 0.0f : 1.0f / keep;
                    z[r] *= masks[t * R + r];
                }
            }
            for (std::size_t i = 0; i < n; ++i) {
                // The hidden layer: seven positions' shares.
                std::copy(b1.w.begin(), b1.w.end(), a.begin());
                for (std::size_t q = 0; q < Q; ++q) {
                    const long t = static_cast<long>(i + q) - kWindow;
                    const bool inside = t >= 0 && t < static_cast<long>(n);
                    const std::size_t x = inside ? ws[static_cast<std::size_t>(t)].xpos : kXposOutside;
                    axpy(1.0f, xpart.data() + (q * X + x) * H, a.data(), H);
                    if (!inside) continue;
                    const float* z = zs.data() + static_cast<std::size_t>(t) * R;
                    for (std::size_t r = 0; r < R; ++r)
                        if (z[r] != 0.0f) axpy(z[r], hid.w.data() + (q * R + r) * H, a.data(), H);
                }
                for (std::size_t j = 0; j < H; ++j) {
                    hmask[j] = a[j] > 0.0f && coin(rng) >= options.dropout ? 1.0f / keep : 0.0f;
                    h[j] = a[j] * hmask[j];
                }
                std::copy(b2.w.begin(), b2.w.end(), p.begin());
                for (std::size_t j = 0; j < H; ++j)
                    if (h[j] != 0.0f) axpy(h[j], out.w.data() + j * K, p.data(), K);
                const float top = *std::max_element(p.begin(), p.end());
                float sum = 0.0f;
                for (float& v : p) sum += (v = std::exp(v - top));
                for (float& v : p) v /= sum;
                p[static_cast<std::size_t>(ws[i].supertag)] -= 1.0f;  // now the logits' gradient
                // Backward.
                axpy(1.0f, p.data(), b2.g.data(), K);
                for (std::size_t j = 0; j < H; ++j) {
                    if (h[j] == 0.0f) {
                        da[j] = 0.0f;
                        continue;
                    }
                    axpy(h[j], p.data(), out.g.data() + j * K, K);
                    da[j] = dot(out.w.data() + j * K, p.data(), K) * hmask[j];
                }
                axpy(1.0f, da.data(), b1.g.data(), H);
                for (std::size_t q = 0; q < Q; ++q) {
                    const long t = static_cast<long>(i + q) - kWindow;
                    const bool inside = t >= 0 && t < static_cast<long>(n);
                    const std::size_t x = inside ? ws[static_cast<std::size_t>(t)].xpos : kXposOutside;
                    axpy(1.0f, da.data(), dxpart.data() + (q * X + x) * H, H);
                    if (!inside) continue;
                    const float* z = zs.data() + static_cast<std::size_t>(t) * R;
                    float* dz = dzs.data() + static_cast<std::size_t>(t) * R;
                    for (std::size_t r = 0; r < R; ++r) {
                        if (masks[static_cast<std::size_t>(t) * R + r] == 0.0f) continue;  // dropped: no gradient
                        const float* row = hid.w.data() + (q * R + r) * H;
                        dz[r] += dot(row, da.data(), H);
                        axpy(z[r], da.data(), hid.g.data() + (q * R + r) * H, H);
                    }
                }
            }
            // The projection's and the embeddings' gradients.
            for (std::size_t t = 0; t < n; ++t) {
                float* dz = dzs.data() + t * R;
                for (std::size_t r = 0; r < R; ++r) dz[r] *= masks[t * R + r];
                const float* x = xs.data() + t * inputs;
                for (std::size_t i = 0; i < inputs; ++i)
                    if (x[i] != 0.0f) axpy(x[i], dz, proj.g.data() + i * R, R);
                const WordInput& w = ws[t].input;
                std::size_t at = net.m_dims;
                for (int e = 0; e < kTables; ++e) {
                    const std::size_t size = static_cast<std::size_t>(kEmbeddingSizes[e]);
                    float* g = emb[e].g.data() + w.index[e] * size;
                    for (std::size_t k = 0; k < size; ++k) g[k] += dot(proj.w.data() + (at + k) * R, dz, R);
                    touched[e].push_back(w.index[e]);
                    at += size;
                }
            }
            in_batch += n;
            if (in_batch >= static_cast<std::size_t>(options.batch)) apply_step();
        }
        if (in_batch > 0) apply_step();
    }

    // Integer form: embeddings in input units, the projection folded into each position's weights.
    for (int t = 0; t < kTables; ++t) {
        net.m_embeddings[t].resize(emb[t].w.size());
        for (std::size_t k = 0; k < emb[t].w.size(); ++k)
            net.m_embeddings[t][k] = static_cast<std::int16_t>(
                std::clamp(std::lround(emb[t].w[k] / net.m_input_scale), -static_cast<long>(kMaxEmbedding), static_cast<long>(kMaxEmbedding)));
    }
    // The projection, each position's weights and the output weights in 8-bit steps.
    net.m_projection = R;
    net.m_proj.resize(R * inputs);
    net.m_proj_scale = in_8_bits(
        R, inputs, [&](std::size_t r, std::size_t i) { return proj.w[i * R + r]; },
        [&](std::size_t r, std::size_t i, std::int8_t v) { net.m_proj[r * inputs + i] = v; });
    net.m_w1.resize(Q * H * R);  // one scale per hidden unit over all positions: their sums add up
    net.m_w1_scale = in_8_bits(
        H, Q * R, [&](std::size_t j, std::size_t qr) { return hid.w[qr * H + j]; },
        [&](std::size_t j, std::size_t qr, std::int8_t v) { net.m_w1[((qr / R) * H + j) * R + qr % R] = v; });
    net.m_b1 = b1.w;
    compute_xpart();
    net.m_xpos_part = xpart;
    net.m_w2.resize(K * H);
    net.m_w2_scale = in_8_bits(
        K, H, [&](std::size_t k, std::size_t j) { return out.w[j * K + k]; },
        [&](std::size_t k, std::size_t j, std::int8_t v) { net.m_w2[k * H + j] = v; });
    net.m_b2 = b2.w;
    // The hidden layer's 16-bit step: the largest value the training words reach maps to 30,000.
    // The projected values' 16-bit step: the largest the training words reach maps to 16,000.
    net.m_z_step = 1.0f;
    net.m_hidden_step = 1.0f;
    net.lay_out();
    {
        float top = 0.0f;
        std::vector<float> z(R);
        for (std::size_t s = 0; s < words.size(); s += 4)
            for (const Word& w : words[s]) {
                net.project(w.input, z.data());
                for (float v : z) top = std::max(top, std::fabs(v));
            }
        net.m_z_step = top > 0.0f ? top / 16000.0f : 1.0f;
        net.lay_out();
    }
    Buffers buffers;
    buffers.measure = true;
    for (std::size_t s = 0; s < sentences.size(); s += 4) {
        Sentence copy = sentences[s];
        net.tag(copy, vectors, clusters, buffers);
    }
    net.m_hidden_step = buffers.largest_hidden > 0.0f ? buffers.largest_hidden / 30000.0f : 1.0f;
    net.lay_out();
    net.prepare(vectors, clusters);
    return net;
}

void SupertagNet::lay_out() {
    const std::size_t inputs = word_inputs(), H = m_hidden, K = m_supertags.size();
    const std::size_t R = m_projection;
    m_padded_hidden = pair_sums::padded_units(H);
    m_input_pairs = (inputs + 1) / 2;
    m_proj_pairs = pair_sums::lay_out(R, inputs, [&](std::size_t r, std::size_t i) -> std::int16_t { return m_proj[r * inputs + i]; });
    m_z_factor.resize(R);
    for (std::size_t r = 0; r < R; ++r) m_z_factor[r] = m_input_scale * m_proj_scale[r];
    m_inverse_z_step = 1.0f / m_z_step;
    const std::size_t units = kPositions * m_padded_hidden;
    m_w1_pairs = pair_sums::lay_out(units, R, [&](std::size_t u, std::size_t r) -> std::int16_t {
        const std::size_t q = u / m_padded_hidden, j = u % m_padded_hidden;
        return j < H ? m_w1[(q * H + j) * R + r] : std::int16_t{0};
    });
    m_padded_supertags = pair_sums::padded_units(K);
    m_w2_pairs = pair_sums::lay_out(K, H, [&](std::size_t k, std::size_t j) -> std::int16_t { return m_w2[k * H + j]; });
    m_unit_factor.resize(H);
    for (std::size_t j = 0; j < H; ++j) m_unit_factor[j] = m_z_step * m_w1_scale[j];
    m_supertag_factor.resize(K);
    for (std::size_t k = 0; k < K; ++k) m_supertag_factor[k] = m_w2_scale[k] * m_hidden_step;
    m_inverse_hidden_step = 1.0f / m_hidden_step;
}

void SupertagNet::project(const WordInput& w, float* z) const {
    std::array<std::int16_t, 256 + 2> x{};  // word_inputs() <= 256, and a zero after an odd count
    word_input_values(w, x.data());
    std::array<std::int32_t, kMaxProjection> sums;
    pair_sums::sums(x.data(), m_input_pairs, m_proj_pairs.data(), pair_sums::padded_units(m_projection), sums.data());
    for (std::size_t r = 0; r < m_projection; ++r) z[r] = static_cast<float>(sums[r]) * m_z_factor[r];
}

// Two integer steps: the word's inputs projected (exact sums, then rounded to 16-bit steps),
// then the projection through each position's weights.
void SupertagNet::compute_shares(const WordInput& w, std::int32_t* out) const {
    std::array<float, kMaxProjection> z;
    project(w, z.data());
    std::array<std::int16_t, kMaxProjection + 2> zq{};
    for (std::size_t r = 0; r < m_projection; ++r)
        zq[r] = static_cast<std::int16_t>(std::clamp(std::nearbyint(z[r] * m_inverse_z_step), -32767.0f, 32767.0f));
    pair_sums::sums(zq.data(), (m_projection + 1) / 2, m_w1_pairs.data(), kPositions * m_padded_hidden, out);
}

void SupertagNet::prepare(const WordVectors& vectors, const WordClusters& clusters) {
    if (empty()) return;
    if (vectors.dims() != m_dims) throw std::invalid_argument("SupertagNet: word vectors of another size than it was trained with");
    const std::size_t units = kPositions * m_padded_hidden;
    m_frequent_index.clear();
    m_frequent_shares.assign(m_frequent_forms.size() * units, 0);
    for (std::size_t k = 0; k < m_frequent_forms.size(); ++k) {
        WordInput w;
        read_word(m_frequent_forms[k], false, vectors, clusters, m_vocabularies, m_coarse_level, w);
        m_frequent_index.insert(w.share_key, static_cast<std::uint32_t>(k));
        compute_shares(w, m_frequent_shares.data() + k * units);
    }
}

void SupertagNet::tag(Sentence& sentence, const WordVectors& vectors, const WordClusters& clusters, Buffers& buffers) const {
    const std::size_t n = sentence.tokens.size();
    if (empty()) {
        for (Token& t : sentence.tokens) t.supertag.clear();
        return;
    }
    if (vectors.dims() != m_dims) throw std::invalid_argument("SupertagNet: word vectors of another size than it was trained with");
    const std::size_t units = kPositions * m_padded_hidden;
    if (buffers.net != this || buffers.share_index.size() + n > kMaxShares) {
        buffers.share_index.clear();
        buffers.shares.clear();
        buffers.net = this;
    }
    // Each word's row of shares: the net's own for a frequent form, else computed the first time
    // its form is met.
    buffers.rows.resize(n);
    buffers.xpos.resize(n);
    for (std::size_t t = 0; t < n; ++t) {
        const Token& token = sentence.tokens[t];
        const std::uint32_t* xpos = m_xpos_index.find(xpos_key(token.xpos));
        buffers.xpos[t] = static_cast<std::uint16_t>(xpos ? *xpos : kXposUnknown);
        // Only a form met for the first time is read whole (its vector, classes, vocabularies).
        std::uint64_t form_hash = word_features::kFnvBasis;
        for (char c : token.form) form_hash = (form_hash ^ static_cast<unsigned char>(c)) * word_features::kFnvPrime;
        const std::uint64_t key = share_key(form_hash, t == 0);
        if (const std::uint32_t* row = m_frequent_index.find(key)) {
            buffers.rows[t] = kFrequentRow | *row;
            continue;
        }
        if (const std::uint32_t* row = buffers.share_index.find(key)) {
            buffers.rows[t] = *row;
            continue;
        }
        WordInput w;
        read_word(token.form, t == 0, vectors, clusters, m_vocabularies, m_coarse_level, w);
        const auto row = static_cast<std::uint32_t>(buffers.shares.size() / units);
        buffers.share_index.insert(key, row);
        if (buffers.shares.capacity() < buffers.shares.size() + units) buffers.shares.reserve(2 * buffers.shares.size() + units);
        buffers.shares.resize(buffers.shares.size() + units);
        compute_shares(w, buffers.shares.data() + std::size_t{row} * units);
        buffers.rows[t] = row;
    }
    buffers.token_shares.resize(n);
    for (std::size_t t = 0; t < n; ++t) {
        const std::uint32_t row = buffers.rows[t];
        buffers.token_shares[t] = (row & kFrequentRow) ? m_frequent_shares.data() + std::size_t{row & ~kFrequentRow} * units
                                                       : buffers.shares.data() + std::size_t{row} * units;
    }
    const std::size_t H = m_hidden, X = m_xpos_keys.size() + 2, K = m_supertags.size();
    std::array<float, kMaxHidden> h;
    std::array<std::int16_t, kMaxHidden> hidden{};
    std::vector<std::int32_t>& scores = buffers.scores;
    scores.resize(m_padded_supertags);
    HiddenInputs in{};
    in.bias = m_b1.data();
    in.factor = m_unit_factor.data();
    in.inverse_step = m_inverse_hidden_step;
    in.units = H;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t q = 0; q < static_cast<std::size_t>(kPositions); ++q) {
            const long t = static_cast<long>(i + q) - kWindow;
            const bool inside = t >= 0 && t < static_cast<long>(n);
            in.parts[q] = m_xpos_part.data() + (q * X + (inside ? buffers.xpos[static_cast<std::size_t>(t)] : kXposOutside)) * H;
            in.shares[q] = inside ? buffers.token_shares[static_cast<std::size_t>(t)] + q * m_padded_hidden : nullptr;
        }
        hidden_values(in, h.data(), hidden.data());
        if (buffers.measure) buffers.largest_hidden = std::max(buffers.largest_hidden, *std::max_element(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(H)));
        pair_sums::sums(hidden.data(), (H + 1) / 2, m_w2_pairs.data(), m_padded_supertags, scores.data());
        std::size_t best = 0;
        float best_score = 0.0f;
        for (std::size_t k = 0; k < K; ++k) {
            const float score = m_b2[k] + static_cast<float>(scores[k]) * m_supertag_factor[k];
            if (k == 0 || score > best_score) best = k, best_score = score;
        }
        sentence.tokens[i].supertag = m_supertags[best];
    }
}

std::string SupertagNet::to_bytes() const {
    model_io::ByteWriter w;
    w.varint(m_hidden);
    if (empty()) return std::move(w.bytes());
    w.varint(m_dims);
    w.varint(m_coarse_level);
    w.u64(m_vectors_fingerprint);
    w.f32(m_input_scale);
    w.varint(m_projection);
    w.varint(m_supertags.size());
    for (const std::string& tag : m_supertags) w.str(tag);
    for (int t = 0; t < kTables; ++t) {
        w.varint(m_vocabularies[t].keys.size());
        for (std::uint64_t key : m_vocabularies[t].keys) w.u64(key);
        for (std::int16_t v : m_embeddings[t]) w.svarint(v);
    }
    w.varint(m_xpos_keys.size());
    for (std::uint64_t key : m_xpos_keys) w.u64(key);
    for (std::size_t j = 0; j < m_hidden; ++j) {
        w.f32(m_w1_scale[j]);
        w.f32(m_b1[j]);
    }
    for (std::size_t r = 0; r < m_projection; ++r) w.f32(m_proj_scale[r]);
    for (std::int8_t v : m_proj) w.u8(static_cast<std::uint8_t>(v));
    w.f32(m_z_step);
    for (std::int8_t v : m_w1) w.u8(static_cast<std::uint8_t>(v));
    for (float v : m_xpos_part) w.f32(v);
    w.varint(m_frequent_forms.size());
    for (const std::string& form : m_frequent_forms) w.str(form);
    w.f32(m_hidden_step);
    for (std::size_t k = 0; k < m_supertags.size(); ++k) {
        w.f32(m_w2_scale[k]);
        w.f32(m_b2[k]);
    }
    for (std::int8_t v : m_w2) w.u8(static_cast<std::uint8_t>(v));
    return std::move(w.bytes());
}

SupertagNet SupertagNet::from_bytes(std::string_view bytes, const std::string& what) {
    model_io::ByteReader r(bytes, what);
    SupertagNet net;
    net.m_hidden = r.count(kMaxHidden);
    if (net.m_hidden == 0) {
        if (!r.done()) r.fail("trailing bytes after an empty supertag network");
        return net;
    }
    net.m_dims = r.count(kMaxDims);
    if (net.m_dims == 0) r.fail("supertag network over vectors of no values");
    net.m_coarse_level = r.count(WordClusters::kMaxLevels - 1);
    net.m_vectors_fingerprint = r.u64();
    net.m_input_scale = r.f32();
    if (!(net.m_input_scale > 0.0f) || 1.0f / net.m_input_scale > static_cast<float>(kMaxEmbedding)) r.fail("implausible input scale");
    net.m_projection = r.count(kMaxProjection);
    if (net.m_projection == 0) r.fail("supertag network without a projection");
    const std::size_t supertags = r.count(1 << 16);
    if (supertags == 0) r.fail("supertag network without supertags");
    for (std::size_t k = 0; k < supertags; ++k) net.m_supertags.push_back(r.str());
    for (int t = 0; t < kTables; ++t) {
        Vocabulary& v = net.m_vocabularies[t];
        v.keys.resize(r.count(bytes.size() / 8));
        for (std::uint64_t& key : v.keys) key = r.u64();
        v.build();
        net.m_embeddings[t].resize((v.keys.size() + 1) * static_cast<std::size_t>(kEmbeddingSizes[t]));
        for (std::int16_t& value : net.m_embeddings[t]) {
            const std::int64_t e = r.svarint();
            if (e < -kMaxEmbedding || e > kMaxEmbedding) r.fail("embedding value out of range");
            value = static_cast<std::int16_t>(e);
        }
    }
    net.m_xpos_keys.resize(r.count(1 << 12));
    for (std::size_t k = 0; k < net.m_xpos_keys.size(); ++k) {
        net.m_xpos_keys[k] = r.u64();
        net.m_xpos_index.insert(net.m_xpos_keys[k], static_cast<std::uint32_t>(k + 2));
    }
    const std::size_t H = net.m_hidden, inputs = net.word_inputs(), X = net.m_xpos_keys.size() + 2;
    net.m_w1_scale.resize(H);
    net.m_b1.resize(H);
    for (std::size_t j = 0; j < H; ++j) {
        net.m_w1_scale[j] = r.f32();
        net.m_b1[j] = r.f32();
    }
    const std::size_t R = net.m_projection;
    net.m_proj_scale.resize(R);
    for (float& v : net.m_proj_scale) v = r.f32();
    const std::string_view proj = r.raw(R * inputs);
    net.m_proj.assign(proj.begin(), proj.end());
    net.m_z_step = r.f32();
    if (!(net.m_z_step > 0.0f)) r.fail("implausible projection step");
    const std::string_view w1 = r.raw(kPositions * H * R);
    net.m_w1.assign(w1.begin(), w1.end());
    net.m_xpos_part.resize(kPositions * X * H);
    for (float& v : net.m_xpos_part) v = r.f32();
    net.m_frequent_forms.resize(r.count(kFrequentForms));
    for (std::string& form : net.m_frequent_forms) form = r.str();
    net.m_hidden_step = r.f32();
    if (!(net.m_hidden_step > 0.0f)) r.fail("implausible hidden step");
    net.m_w2_scale.resize(supertags);
    net.m_b2.resize(supertags);
    for (std::size_t k = 0; k < supertags; ++k) {
        net.m_w2_scale[k] = r.f32();
        net.m_b2[k] = r.f32();
    }
    const std::string_view w2 = r.raw(supertags * H);
    net.m_w2.assign(w2.begin(), w2.end());
    if (!r.done()) r.fail("trailing bytes after the supertag network");
    net.lay_out();
    return net;
}

}  // namespace factgraph::nlp
