#include "factgraph/nlp/entity_window_net.hpp"

#include "factgraph/core/error.hpp"
#include "factgraph/nlp/word_clusters.hpp"
#include "model_io.hpp"
#include "pair_sums.hpp"
#include "word_features.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace factgraph::nlp {

namespace {

constexpr int kPositions = 2 * EntityWindowNet::kWindow + 1;
enum Flag { kPadding, kNoVector, kCapitalised, kAllCapitals, kDigits, kSentenceStart };

int tag_of(std::string_view tag) {
    if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') return 0;
    const std::string_view type = tag.substr(2);
    const int base = type == "PER" ? 1 : type == "ORG" ? 3 : type == "LOC" ? 5 : 0;
    return base == 0 ? 0 : base + (tag[0] == 'I');
}

// What the network reads of every token within the window of a guessed word, found once per
// sentence: its vector (nullptr elsewhere and for words without one) and its flag bits. `keys`:
// each token's WordClusters::key() if the caller has them, else null (hashed here into
// `own_keys`). Returns false when the sentence has no word to guess.
bool window_words(const Sentence& s, const WordVectors& vectors, const std::uint64_t* keys,
                  std::vector<std::uint64_t>& own_keys, std::vector<EntityWindowNet::WindowWord>& out) {
    const int n = static_cast<int>(s.tokens.size());
    out.assign(static_cast<std::size_t>(n), EntityWindowNet::WindowWord{});
    own_keys.assign(static_cast<std::size_t>(n), 0);
    bool any = false;
    for (int i = 0; i < n; ++i) {
        if (!EntityWindowNet::guesses(s.tokens[static_cast<std::size_t>(i)].form)) continue;
        any = true;
        for (int j = std::max(0, i - EntityWindowNet::kWindow); j <= std::min(n - 1, i + EntityWindowNet::kWindow); ++j) {
            EntityWindowNet::WindowWord& w = out[static_cast<std::size_t>(j)];
            if (w.in_window) continue;
            w.in_window = true;
            std::uint64_t& key = own_keys[static_cast<std::size_t>(j)];
            key = keys ? keys[j] : WordClusters::key(s.tokens[static_cast<std::size_t>(j)].form);
            vectors.prefetch(key);
        }
    }
    if (!any) return false;
    for (int j = 0; j < n; ++j) {
        EntityWindowNet::WindowWord& w = out[static_cast<std::size_t>(j)];
        if (!w.in_window) continue;
        w.vector = vectors.find(own_keys[static_cast<std::size_t>(j)]);
        const std::string& form = s.tokens[static_cast<std::size_t>(j)].form;
        bool lower = false, digit = false;
        for (char c : form) {
            lower = lower || (c >= 'a' && c <= 'z');
            digit = digit || (c >= '0' && c <= '9');
        }
        if (!w.vector) w.flags |= 1u << kNoVector;
        if (EntityWindowNet::guesses(form)) w.flags |= 1u << kCapitalised;
        if (form.size() > 1 && !lower) w.flags |= 1u << kAllCapitals;
        if (digit) w.flags |= 1u << kDigits;
        if (j == 0) w.flags |= 1u << kSentenceStart;
    }
    return true;
}

// The integer inputs of one window position: the word's vector, then its flags (`flag` where
// set); a position outside the sentence (`w` null) has the padding flag alone.
void fill_position(const EntityWindowNet::WindowWord* w, std::size_t dims, std::int16_t flag, std::int16_t* out) {
    std::fill(out, out + dims + EntityWindowNet::kFlags, std::int16_t{0});
    std::int16_t* flags = out + dims;
    if (!w) {
        flags[kPadding] = flag;
        return;
    }
    if (w->vector)
        for (std::size_t k = 0; k < dims; ++k) out[k] = w->vector[k];
    for (int f = 0; f < EntityWindowNet::kFlags; ++f)
        if (w->flags & (1u << f)) flags[f] = flag;
}

// The integer inputs of the word at i: per window position the word's vector, then its flags
// (`flag` where set).
void fill_input(const std::vector<EntityWindowNet::WindowWord>& window, int i, std::size_t dims, std::int16_t flag,
                std::int16_t* x) {
    const int n = static_cast<int>(window.size());
    const std::size_t stride = dims + EntityWindowNet::kFlags;
    for (int d = -EntityWindowNet::kWindow; d <= EntityWindowNet::kWindow; ++d) {
        const int j = i + d;
        fill_position(j >= 0 && j < n ? &window[static_cast<std::size_t>(j)] : nullptr, dims, flag,
                      x + static_cast<std::size_t>(d + EntityWindowNet::kWindow) * stride);
    }
}

void softmax(float* p, int n) {
    const float top = *std::max_element(p, p + n);
    float z = 0.0f;
    for (int k = 0; k < n; ++k) z += (p[k] = std::exp(p[k] - top));
    for (int k = 0; k < n; ++k) p[k] /= z;
}

std::uint8_t code_of(const float* p) {
    const int best = static_cast<int>(std::max_element(p, p + EntityWindowNet::kTags) - p);
    const int confidence = p[best] >= 0.95f ? 2 : p[best] >= 0.7f ? 1 : 0;
    return static_cast<std::uint8_t>(1 + best * 3 + confidence);
}

}  // namespace

EntityWindowNet EntityWindowNet::train(const std::vector<const Sentence*>& sentences, const WordVectors& vectors,
                                       const WindowNetOptions& options) {
    if (vectors.dims() == 0) throw std::invalid_argument("EntityWindowNet::train: no word vectors");
    if (vectors.dims() > kMaxDims) throw std::invalid_argument("EntityWindowNet::train: vectors longer than kMaxDims");
    if (options.hidden < 1 || static_cast<std::size_t>(options.hidden) > kMaxHidden)
        throw std::invalid_argument("EntityWindowNet::train: hidden units must be 1 to " + std::to_string(kMaxHidden));
    if (options.epochs < 1 || !(options.learning_rate > 0.0f) || !(options.input_dropout >= 0.0f && options.input_dropout < 1.0f))
        throw std::invalid_argument("EntityWindowNet::train: epochs, learning rate or dropout out of range");

    EntityWindowNet net;
    net.m_dims = vectors.dims();
    net.m_inputs = static_cast<std::size_t>(kPositions) * (net.m_dims + kFlags);
    net.m_hidden = static_cast<std::size_t>(options.hidden);
    net.m_vectors_fingerprint = vectors.fingerprint();
    net.m_input_scale = vectors.scale();
    // A flag weighs as much as a vector value of 1.0.
    net.m_flag_value = static_cast<std::int16_t>(std::clamp(std::lround(1.0 / vectors.scale()), 1L, 512L));
    const std::size_t inputs = net.m_inputs, hidden = net.m_hidden;

    // The examples: every capitalised word, with its sentence's vector rows.
    struct Example {
        std::size_t sentence;
        int token;
        int tag;
    };
    std::vector<std::vector<WindowWord>> windows(sentences.size());
    std::vector<Example> examples;
    std::vector<std::uint64_t> keys;
    for (std::size_t k = 0; k < sentences.size(); ++k) {
        const Sentence& s = *sentences[k];
        if (!window_words(s, vectors, nullptr, keys, windows[k])) continue;
        for (int i = 0; i < static_cast<int>(s.tokens.size()); ++i)
            if (guesses(s.tokens[static_cast<std::size_t>(i)].form))
                examples.push_back({k, i, tag_of(s.tokens[static_cast<std::size_t>(i)].ner)});
    }

    // Float weights while training: the first layer input-major (the update runs over a row).
    std::mt19937_64 rng(options.seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> w1(inputs * hidden), b1(hidden, 0.0f), w2(hidden * kTags), b2(kTags, 0.0f);
    for (float& w : w1) w = normal(rng) * std::sqrt(2.0f / static_cast<float>(inputs));
    for (float& w : w2) w = normal(rng) * std::sqrt(1.0f / static_cast<float>(hidden));
    std::vector<std::int16_t> xi(inputs);
    std::vector<float> x(inputs), h(hidden), dh(hidden);
    std::array<float, kTags> p{};
    std::vector<std::size_t> order(examples.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::uniform_real_distribution<float> coin(0.0f, 1.0f);
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        const float rate = options.learning_rate / (1.0f + 0.5f * static_cast<float>(epoch));
        for (std::size_t e : order) {
            const Example& ex = examples[e];
            fill_input(windows[ex.sentence], ex.token, net.m_dims, net.m_flag_value, xi.data());
            for (std::size_t i = 0; i < inputs; ++i)
                x[i] = coin(rng) < options.input_dropout ? 0.0f : static_cast<float>(xi[i]) * net.m_input_scale;
            // Forward.
            std::copy(b1.begin(), b1.end(), h.begin());
            for (std::size_t i = 0; i < inputs; ++i) {
                if (x[i] == 0.0f) continue;
                const float* row = w1.data() + i * hidden;
                for (std::size_t j = 0; j < hidden; ++j) h[j] += x[i] * row[j];
            }
            for (float& v : h) v = std::max(v, 0.0f);
            for (int k = 0; k < kTags; ++k) {
                float sum = b2[static_cast<std::size_t>(k)];
                for (std::size_t j = 0; j < hidden; ++j) sum += h[j] * w2[j * kTags + static_cast<std::size_t>(k)];
                p[static_cast<std::size_t>(k)] = sum;
            }
            softmax(p.data(), kTags);
            // Backward: cross-entropy through the softmax, then the ReLU layer.
            std::fill(dh.begin(), dh.end(), 0.0f);
            for (int k = 0; k < kTags; ++k) {
                const float d = p[static_cast<std::size_t>(k)] - (k == ex.tag ? 1.0f : 0.0f);
                b2[static_cast<std::size_t>(k)] -= rate * d;
                for (std::size_t j = 0; j < hidden; ++j) {
                    float& w = w2[j * kTags + static_cast<std::size_t>(k)];
                    dh[j] += d * w;
                    w -= rate * d * h[j];
                }
            }
            for (std::size_t j = 0; j < hidden; ++j) {
                if (h[j] <= 0.0f) dh[j] = 0.0f;
                b1[j] -= rate * dh[j];
            }
            for (std::size_t i = 0; i < inputs; ++i) {
                if (x[i] == 0.0f) continue;
                float* row = w1.data() + i * hidden;
                for (std::size_t j = 0; j < hidden; ++j) row[j] -= rate * x[i] * dh[j];
            }
        }
    }

    // Stored: the first layer hidden-major in 8-bit steps of one scale per unit.
    net.m_w1.resize(inputs * hidden);
    net.m_w1_scale.resize(hidden);
    for (std::size_t j = 0; j < hidden; ++j) {
        float top = 0.0f;
        for (std::size_t i = 0; i < inputs; ++i) top = std::max(top, std::fabs(w1[i * hidden + j]));
        const float scale = top > 0.0f ? top / 127.0f : 1.0f;
        net.m_w1_scale[j] = scale;
        for (std::size_t i = 0; i < inputs; ++i)
            net.m_w1[j * inputs + i] = static_cast<std::int16_t>(std::lround(w1[i * hidden + j] / scale));
    }
    net.m_b1 = b1;
    net.m_w2.resize(hidden * kTags);
    for (std::size_t j = 0; j < hidden; ++j)
        for (std::size_t k = 0; k < kTags; ++k) net.m_w2[k * hidden + j] = w2[j * kTags + k];
    net.m_b2 = b2;
    net.lay_out_positions();
    return net;
}

void EntityWindowNet::guess(const Sentence& sentence, const WordVectors& vectors, std::vector<std::uint8_t>& codes,
                            Buffers& buffers, const std::uint64_t* keys) const {
    codes.assign(sentence.tokens.size(), 0);
    if (empty()) return;
    if (!window_words(sentence, vectors, keys, buffers.keys, buffers.window)) return;
    if (buffers.net != this || buffers.share_index.size() >= kMaxShares) {
        buffers.share_index.clear();
        buffers.shares.clear();
        buffers.net = this;
    }
    std::array<std::int32_t, kMaxHidden> sums;
    std::array<float, kMaxHidden> h;
    const int n = static_cast<int>(sentence.tokens.size());
    for (int i = 0; i < n; ++i) {
        if (!(buffers.window[static_cast<std::size_t>(i)].flags & (1u << kCapitalised))) continue;
        std::fill(sums.begin(), sums.begin() + static_cast<std::ptrdiff_t>(m_hidden), 0);
        for (int d = -kWindow; d <= kWindow; ++d) {
            const int j = i + d;
            const bool inside = j >= 0 && j < n;
            const std::int32_t* share = this->share(inside ? &buffers.window[static_cast<std::size_t>(j)] : nullptr,
                                                    inside ? buffers.keys[static_cast<std::size_t>(j)] : 0, d + kWindow, buffers);
            for (std::size_t u = 0; u < m_hidden; ++u) sums[u] += share[u];
        }
        for (std::size_t j = 0; j < m_hidden; ++j)
            h[j] = std::max(0.0f, m_b1[j] + static_cast<float>(sums[j]) * (m_input_scale * m_w1_scale[j]));
        std::array<float, kTags> p{};
        for (std::size_t k = 0; k < kTags; ++k) {
            float sum = m_b2[k];
            const float* w = m_w2.data() + k * m_hidden;
            for (std::size_t j = 0; j < m_hidden; ++j) sum += h[j] * w[j];
            p[k] = sum;
        }
        softmax(p.data(), kTags);
        codes[static_cast<std::size_t>(i)] = code_of(p.data());
    }
}

const std::int32_t* EntityWindowNet::share(const WindowWord* w, std::uint64_t key, int q, Buffers& buffers) const {
    // The word's key gives its vector; its flags (capitals, digits, sentence start, padding) the rest.
    const std::uint64_t id = word_features::mix(key ^ (std::uint64_t{w ? w->flags : 1u << kPadding} << 56) ^
                                                (static_cast<std::uint64_t>(q) + 1) * 0x9E3779B97F4A7C15ULL);
    if (const std::uint32_t* row = buffers.share_index.find(id)) return buffers.shares.data() + std::size_t{*row} * m_padded_hidden;
    const std::uint32_t row = static_cast<std::uint32_t>(buffers.shares.size() / m_padded_hidden);
    buffers.share_index.insert(id, row);
    buffers.shares.resize(buffers.shares.size() + m_padded_hidden);
    std::array<std::int16_t, kMaxDims + kFlags + 1> x{};  // a zero after an odd count of inputs
    fill_position(w, m_dims, m_flag_value, x.data());
    std::int32_t* out = buffers.shares.data() + std::size_t{row} * m_padded_hidden;
    pair_sums::sums(x.data(), m_position_pairs, m_w1_positions.data() + static_cast<std::size_t>(q) * m_position_pairs * m_padded_hidden * 2,
                  m_padded_hidden, out);
    return out;
}

void EntityWindowNet::lay_out_positions() {
    const std::size_t stride = m_dims + kFlags;
    m_position_pairs = (stride + 1) / 2;
    m_padded_hidden = pair_sums::padded_units(m_hidden);
    m_w1_positions.clear();
    for (std::size_t q = 0; q < static_cast<std::size_t>(kPositions); ++q) {
        const std::vector<std::int16_t> position =
            pair_sums::lay_out(m_hidden, stride, [&](std::size_t j, std::size_t i) { return m_w1[j * m_inputs + q * stride + i]; });
        m_w1_positions.insert(m_w1_positions.end(), position.begin(), position.end());
    }
}

std::string EntityWindowNet::to_bytes() const {
    model_io::ByteWriter w;
    w.varint(m_dims);
    w.varint(m_hidden);
    if (empty()) return std::move(w.bytes());
    w.u64(m_vectors_fingerprint);
    w.f32(m_input_scale);
    w.u32(static_cast<std::uint32_t>(m_flag_value));
    for (std::size_t j = 0; j < m_hidden; ++j) {
        w.f32(m_w1_scale[j]);
        w.f32(m_b1[j]);
    }
    for (std::int16_t v : m_w1) w.u8(static_cast<std::uint8_t>(static_cast<std::int8_t>(v)));  // within -127..127
    for (float v : m_w2) w.f32(v);
    for (float v : m_b2) w.f32(v);
    return std::move(w.bytes());
}

EntityWindowNet EntityWindowNet::from_bytes(std::string_view bytes, const WordVectors& vectors, const std::string& what) {
    model_io::ByteReader r(bytes, what);
    EntityWindowNet net;
    net.m_dims = r.count(kMaxDims);
    net.m_hidden = r.count(kMaxHidden);
    if (net.m_hidden == 0) {
        if (!r.done()) r.fail("trailing bytes after an empty window network");
        return net;
    }
    if (net.m_dims == 0) r.fail("window network over vectors of no values");
    net.m_inputs = static_cast<std::size_t>(kPositions) * (net.m_dims + kFlags);
    net.m_vectors_fingerprint = r.u64();
    if (net.m_vectors_fingerprint != vectors.fingerprint() || net.m_dims != vectors.dims())
        r.fail("its window network was trained with other word vectors than word_vectors.bin (retrain with train_ner)");
    net.m_input_scale = r.f32();
    const std::uint32_t flag = r.u32();
    if (flag < 1 || flag > 512) r.fail("implausible flag value");
    net.m_flag_value = static_cast<std::int16_t>(flag);
    net.m_w1_scale.resize(net.m_hidden);
    net.m_b1.resize(net.m_hidden);
    for (std::size_t j = 0; j < net.m_hidden; ++j) {
        net.m_w1_scale[j] = r.f32();
        net.m_b1[j] = r.f32();
    }
    const std::string_view w1 = r.raw(net.m_inputs * net.m_hidden);
    net.m_w1.resize(w1.size());
    for (std::size_t k = 0; k < w1.size(); ++k) net.m_w1[k] = static_cast<std::int8_t>(w1[k]);
    net.lay_out_positions();
    net.m_w2.resize(net.m_hidden * kTags);
    for (float& v : net.m_w2) v = r.f32();
    net.m_b2.resize(kTags);
    for (float& v : net.m_b2) v = r.f32();
    if (!r.done()) r.fail("trailing bytes after the window network");
    return net;
}

}  // namespace factgraph::nlp
