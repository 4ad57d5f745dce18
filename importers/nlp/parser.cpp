#include "factgraph/nlp/parser.hpp"

#include "factgraph/core/error.hpp"
#include "model_io.hpp"
#include "word_features.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>

namespace factgraph::nlp {

namespace {

constexpr std::string_view kKind = "parser";
// Version 1: feature templates 1-84. Version 2 adds templates 85-91 (context tags, what lies
// between s0 and b0). Both load; the file's version selects the feature set.
constexpr std::uint32_t kVersion = 2;
constexpr std::uint32_t kOldestVersion = 1;

// Hashes of positions that do not exist (index 0 of the per-node arrays) and of the root (index 1).
constexpr std::uint64_t kNoneWord = 0x6e6f6e6500000001ULL, kRootWord = 0x726f6f7400000002ULL;
constexpr std::uint64_t kNoneTag = 0x6e6f6e6500000003ULL, kRootTag = 0x726f6f7400000004ULL;

std::uint64_t distance_bucket(int d) {
    if (d <= 0) return 0;
    if (d <= 5) return static_cast<std::uint64_t>(d);
    return d <= 10 ? 6 : 7;
}

// Lifts the shortest non-projective arc to the grandparent until the tree is projective, so the
// arc-hybrid oracle (exact only for projective trees) can follow it.
std::vector<int> projectivize(std::vector<int> heads) {
    const int n = static_cast<int>(heads.size()) - 1;  // heads[0] unused, tokens 1..n
    auto dominates = [&](int h, int d) {
        for (int x = d, steps = 0; x > 0 && steps <= n; x = heads[static_cast<std::size_t>(x)], ++steps)
            if (x == h) return true;
        return h == 0;
    };
    for (int round = 0; round < n * n; ++round) {
        int best = -1, best_len = std::numeric_limits<int>::max();
        for (int d = 1; d <= n; ++d) {
            const int h = heads[static_cast<std::size_t>(d)];
            if (h <= 0) continue;
            const int lo = std::min(h, d), hi = std::max(h, d);
            for (int k = lo + 1; k < hi; ++k) {
                if (!dominates(h, k)) {
                    if (hi - lo < best_len) best = d, best_len = hi - lo;
                    break;
                }
            }
        }
        if (best < 0) break;
        heads[static_cast<std::size_t>(best)] = heads[static_cast<std::size_t>(heads[static_cast<std::size_t>(best)])];
    }
    return heads;
}

}  // namespace

struct Parser::Trainer {
    std::mt19937 rng;
    bool explore = false;
    double explore_probability = 0.9;
    std::vector<std::vector<int>> gold_deps;
    std::size_t correct = 0, total = 0;
};

namespace {

struct View {
    const Parser::Scratch& s;
    // Per-node arrays are indexed node + 1 so that node -1 (absent) reads the sentinel at 0.
    std::uint64_t w(int node) const { return s.words[static_cast<std::size_t>(node + 1)]; }
    std::uint64_t p(int node) const { return s.tags[static_cast<std::size_t>(node + 1)]; }
    std::uint64_t wp(int node) const { return word_features::feat(999, w(node), p(node)); }
    std::uint64_t l(int node) const { return node > 0 ? static_cast<std::uint64_t>(s.labels[static_cast<std::size_t>(node)]) : 0; }
    int get(const std::vector<int>& v, int node) const { return node >= 0 ? v[static_cast<std::size_t>(node)] : -1; }
    int l1(int node) const { return get(s.left1, node); }
    int l2(int node) const { return get(s.left2, node); }
    int r1(int node) const { return get(s.right1, node); }
    int r2(int node) const { return get(s.right2, node); }
    std::uint64_t vl(int node) const { return node >= 0 ? static_cast<std::uint64_t>(s.left_count[static_cast<std::size_t>(node)]) : 99; }
    std::uint64_t vr(int node) const { return node >= 0 ? static_cast<std::uint64_t>(s.right_count[static_cast<std::size_t>(node)]) : 99; }
    std::uint64_t sl(int node) const { return node >= 0 ? s.left_labels[static_cast<std::size_t>(node)] : 1ULL << 63; }
    std::uint64_t sr(int node) const { return node >= 0 ? s.right_labels[static_cast<std::size_t>(node)] : 1ULL << 63; }
};

void extract_features(Parser::Scratch& s, int b, int n, bool extended, bool node_features) {
    // Templates 1-84 after Zhang & Nivre (2011); 85-91 added in format version 2.
    using word_features::feat;
    const View v{s};
    const std::size_t depth = s.stack.size();
    const int s0 = depth >= 1 ? s.stack[depth - 1] : -1;
    const int s1 = depth >= 2 ? s.stack[depth - 2] : -1;
    const int s2 = depth >= 3 ? s.stack[depth - 3] : -1;
    const int b0 = b <= n ? b : -1;
    const int b1 = b + 1 <= n ? b + 1 : -1;
    const int b2 = b + 2 <= n ? b + 2 : -1;
    const std::uint64_t s0w = v.w(s0), s0p = v.p(s0), s0wp = v.wp(s0);
    const std::uint64_t b0w = v.w(b0), b0p = v.p(b0), b0wp = v.wp(b0);
    const std::uint64_t b1w = v.w(b1), b1p = v.p(b1), b2p = v.p(b2);
    const std::uint64_t s1w = v.w(s1), s1p = v.p(s1), s2p = v.p(s2);
    const int s0l = v.l1(s0), s0r = v.r1(s0), b0l = v.l1(b0), s0l2 = v.l2(s0), s0r2 = v.r2(s0), b0l2 = v.l2(b0);
    const int s1l = v.l1(s1), s1r = v.r1(s1);
    const std::uint64_t s0lp = v.p(s0l), s0rp = v.p(s0r), b0lp = v.p(b0l), s1rp = v.p(s1r);
    const std::uint64_t d = (s0 >= 0 && b0 >= 0) ? distance_bucket(b0 - s0) : 0;
    const std::uint64_t d1 = (s1 >= 0 && s0 >= 0) ? distance_bucket(s0 - s1) : 0;

    std::vector<std::uint64_t>& f = s.features;
    f.clear();
    // The templates of one node in one role (the `if (node_features)` blocks) are left out when
    // parsing with cached role scores; node_features() below must make the same hashes.
    if (node_features) {
        f.push_back(feat(1, s0w));
        f.push_back(feat(2, s0p));
        f.push_back(feat(3, s0wp));
        f.push_back(feat(4, b0w));
        f.push_back(feat(5, b0p));
        f.push_back(feat(6, b0wp));
        f.push_back(feat(7, b1w));
        f.push_back(feat(8, b1p));
        f.push_back(feat(9, v.wp(b1)));
        f.push_back(feat(10, v.w(b2)));
        f.push_back(feat(11, b2p));
        f.push_back(feat(13, s1w));
        f.push_back(feat(14, s1p));
        f.push_back(feat(15, v.wp(s1)));
        f.push_back(feat(16, v.w(s2)));
    }
    // Pairs of s0 and b0.
    f.push_back(feat(17, s0wp, b0wp));
    f.push_back(feat(18, s0wp, b0w));
    f.push_back(feat(19, s0w, b0wp));
    f.push_back(feat(20, s0wp, b0p));
    f.push_back(feat(21, s0p, b0wp));
    f.push_back(feat(22, s0w, b0w));
    f.push_back(feat(23, s0p, b0p));
    if (node_features) {
        f.push_back(feat(24, b0p, b1p));
        // Tag trigrams.
        f.push_back(feat(25, b0p, b1p, b2p));
    }
    f.push_back(feat(26, s0p, b0p, b1p));
    f.push_back(feat(27, s1p, s0p, b0p));
    f.push_back(feat(28, s0p, s0lp, b0p));
    f.push_back(feat(29, s0p, s0rp, b0p));
    f.push_back(feat(30, s0p, b0p, b0lp));
    // Distance.
    f.push_back(feat(31, s0w, d));
    f.push_back(feat(32, s0p, d));
    f.push_back(feat(33, b0w, d));
    f.push_back(feat(34, b0p, d));
    f.push_back(feat(35, s0w, b0w, d));
    f.push_back(feat(36, s0p, b0p, d));
    // Valency.
    f.push_back(feat(37, s0w, v.vr(s0)));
    f.push_back(feat(38, s0p, v.vr(s0)));
    f.push_back(feat(39, s0w, v.vl(s0)));
    f.push_back(feat(40, s0p, v.vl(s0)));
    f.push_back(feat(41, b0w, v.vl(b0)));
    f.push_back(feat(42, b0p, v.vl(b0)));
    // Children.
    if (node_features) {
        f.push_back(feat(43, v.w(s0l)));
        f.push_back(feat(44, s0lp));
        f.push_back(feat(45, v.l(s0l)));
        f.push_back(feat(46, v.w(s0r)));
        f.push_back(feat(47, s0rp));
        f.push_back(feat(48, v.l(s0r)));
        f.push_back(feat(49, v.w(b0l)));
        f.push_back(feat(50, b0lp));
        f.push_back(feat(51, v.l(b0l)));
        f.push_back(feat(52, v.w(s0l2)));
        f.push_back(feat(53, v.p(s0l2)));
        f.push_back(feat(54, v.l(s0l2)));
        f.push_back(feat(55, v.w(s0r2)));
        f.push_back(feat(56, v.p(s0r2)));
        f.push_back(feat(57, v.l(s0r2)));
        f.push_back(feat(58, v.w(b0l2)));
        f.push_back(feat(59, v.p(b0l2)));
        f.push_back(feat(60, v.l(b0l2)));
    }
    f.push_back(feat(61, s0p, s0lp, v.p(s0l2)));
    f.push_back(feat(62, s0p, s0rp, v.p(s0r2)));
    f.push_back(feat(63, b0p, b0lp, v.p(b0l2)));
    f.push_back(feat(64, s2p, s1p, s0p));
    // Label sets.
    f.push_back(feat(65, s0w, v.sr(s0)));
    f.push_back(feat(66, s0p, v.sr(s0)));
    f.push_back(feat(67, s0w, v.sl(s0)));
    f.push_back(feat(68, s0p, v.sl(s0)));
    f.push_back(feat(69, b0w, v.sl(b0)));
    f.push_back(feat(70, b0p, v.sl(b0)));
    // s1 and s0: the pair a right-arc joins.
    f.push_back(feat(71, s1w, s0w));
    f.push_back(feat(72, s1p, s0p));
    f.push_back(feat(73, v.wp(s1), s0p));
    f.push_back(feat(74, s1p, s0wp));
    f.push_back(feat(75, s1p, s0p, d1));
    if (node_features) {
        f.push_back(feat(76, s1rp));
        f.push_back(feat(77, v.l(s1r)));
        f.push_back(feat(78, v.p(s1l)));
        f.push_back(feat(79, v.l(s1l)));
    }
    f.push_back(feat(80, s1p, v.vr(s1)));
    f.push_back(feat(81, s1p, v.sr(s1)));
    f.push_back(feat(82, s1p, s1rp, s0p));
    f.push_back(feat(83, s1w, s0p, d1));
    f.push_back(feat(84, s1p, s0w, d1));
    if (!extended) return;
    // Context tags next to s0 and b0, and what lies between s0 and b0 (punctuation, verbs).
    const std::uint64_t s0n = s0 >= 0 && s0 < n ? v.p(s0 + 1) : kNoneTag, s0pv = s0 > 0 ? v.p(s0 - 1) : kNoneTag;
    const std::uint64_t b0pv = b0 > 0 ? v.p(b0 - 1) : kNoneTag;
    if (node_features) {
        f.push_back(feat(85, s0p, s0n));
        f.push_back(feat(86, s0p, s0pv));
        f.push_back(feat(87, b0p, b0pv));
    }
    f.push_back(feat(88, s0p, s0n, b0p));
    f.push_back(feat(89, s0p, b0pv, b0p));
    std::uint64_t punct = 0, verbs = 0;
    if (s0 >= 0 && b0 >= 0) {
        punct = static_cast<std::uint64_t>(std::min(3, s.punct_before[static_cast<std::size_t>(b0)] - s.punct_before[static_cast<std::size_t>(s0) + 1]));
        verbs = static_cast<std::uint64_t>(std::min(2, s.verbs_before[static_cast<std::size_t>(b0)] - s.verbs_before[static_cast<std::size_t>(s0) + 1]));
    }
    f.push_back(feat(90, s0p, b0p, punct * 4 + verbs));
    f.push_back(feat(91, s0w, b0p, punct * 4 + verbs));
}

// Roles whose templates read one node only (b0's include b1 and b2, the words after it): their scores depend on (role, node) alone, so parse()
// computes them once per sentence and adds the cached sums instead of looking the features up at
// every move. Labels are fixed once a node is attached, so the child roles are safe to cache too.
enum Role : int { kS0, kB0, kB1, kB2, kS1, kS2, kS0L, kS0R, kB0L, kS0L2, kS0R2, kB0L2, kS1R, kS1L, kRoleCount };

// The features extract_features() makes for node x in `role` (same templates, same hashes).
std::size_t node_features(const View& v, int role, int x, bool extended, std::uint64_t* f) {
    using word_features::feat;
    const int n = static_cast<int>(v.s.words.size()) - 2;
    switch (role) {
    case kS0:
        f[0] = feat(1, v.w(x)), f[1] = feat(2, v.p(x)), f[2] = feat(3, v.wp(x));
        if (!extended) return 3;
        f[3] = feat(85, v.p(x), x >= 0 && x < n ? v.p(x + 1) : kNoneTag);
        f[4] = feat(86, v.p(x), x > 0 ? v.p(x - 1) : kNoneTag);
        return 5;
    case kB0: {
        // b1 and b2 are the next two words: templates 24 and 25 depend on b0 alone too.
        const int b1 = x >= 0 && x + 1 <= n ? x + 1 : -1, b2 = x >= 0 && x + 2 <= n ? x + 2 : -1;
        f[0] = feat(4, v.w(x)), f[1] = feat(5, v.p(x)), f[2] = feat(6, v.wp(x));
        f[3] = feat(24, v.p(x), v.p(b1));
        f[4] = feat(25, v.p(x), v.p(b1), v.p(b2));
        if (!extended) return 5;
        f[5] = feat(87, v.p(x), x > 0 ? v.p(x - 1) : kNoneTag);
        return 6;
    }
    case kB1: f[0] = feat(7, v.w(x)), f[1] = feat(8, v.p(x)), f[2] = feat(9, v.wp(x)); return 3;
    case kB2: f[0] = feat(10, v.w(x)), f[1] = feat(11, v.p(x)); return 2;
    case kS1: f[0] = feat(13, v.w(x)), f[1] = feat(14, v.p(x)), f[2] = feat(15, v.wp(x)); return 3;
    case kS2: f[0] = feat(16, v.w(x)); return 1;
    case kS0L: f[0] = feat(43, v.w(x)), f[1] = feat(44, v.p(x)), f[2] = feat(45, v.l(x)); return 3;
    case kS0R: f[0] = feat(46, v.w(x)), f[1] = feat(47, v.p(x)), f[2] = feat(48, v.l(x)); return 3;
    case kB0L: f[0] = feat(49, v.w(x)), f[1] = feat(50, v.p(x)), f[2] = feat(51, v.l(x)); return 3;
    case kS0L2: f[0] = feat(52, v.w(x)), f[1] = feat(53, v.p(x)), f[2] = feat(54, v.l(x)); return 3;
    case kS0R2: f[0] = feat(55, v.w(x)), f[1] = feat(56, v.p(x)), f[2] = feat(57, v.l(x)); return 3;
    case kB0L2: f[0] = feat(58, v.w(x)), f[1] = feat(59, v.p(x)), f[2] = feat(60, v.l(x)); return 3;
    case kS1R: f[0] = feat(76, v.p(x)), f[1] = feat(77, v.l(x)); return 2;
    case kS1L: f[0] = feat(78, v.p(x)), f[1] = feat(79, v.l(x)); return 2;
    default: return 0;
    }
}

}  // namespace

void Parser::run(Sentence& sentence, Scratch& s, Perceptron* training, Trainer* trainer, bool cache) const {
    const int n = static_cast<int>(sentence.tokens.size());
    const std::size_t nodes = static_cast<std::size_t>(n) + 1;
    const int labels = static_cast<int>(m_labels.size());
    s.words.resize(nodes + 1);
    s.tags.resize(nodes + 1);
    s.words[0] = kNoneWord;
    s.tags[0] = kNoneTag;
    s.words[1] = kRootWord;
    s.tags[1] = kRootTag;
    for (int i = 0; i < n; ++i) {
        const Token& t = sentence.tokens[static_cast<std::size_t>(i)];
        s.words[static_cast<std::size_t>(i) + 2] = word_features::lower_hash(t.form);
        s.tags[static_cast<std::size_t>(i) + 2] =
            word_features::mix(Perceptron::hash(t.upos) ^ word_features::rotl(Perceptron::hash(t.xpos), 29));
    }
    // punct_before[i] / verbs_before[i]: punctuation / verbs among nodes 1..i-1.
    s.punct_before.assign(nodes + 1, 0);
    s.verbs_before.assign(nodes + 1, 0);
    for (int i = 1; m_version >= 2 && i <= n; ++i) {
        const std::string& u = sentence.tokens[static_cast<std::size_t>(i) - 1].upos;
        const std::size_t k = static_cast<std::size_t>(i);
        s.punct_before[k + 1] = s.punct_before[k] + (u == "PUNCT");
        s.verbs_before[k + 1] = s.verbs_before[k] + (u == "VERB" || u == "AUX");
    }
    s.heads.assign(nodes, -1);
    s.labels.assign(nodes, 0);
    s.left1.assign(nodes, -1);
    s.left2.assign(nodes, -1);
    s.right1.assign(nodes, -1);
    s.right2.assign(nodes, -1);
    s.left_count.assign(nodes, 0);
    s.right_count.assign(nodes, 0);
    s.left_labels.assign(nodes, 0);
    s.right_labels.assign(nodes, 0);
    s.in_stack.assign(nodes, 0);
    s.stack.clear();
    s.stack.push_back(0);
    s.in_stack[0] = 1;
    const Perceptron& model = training ? *training : m_model;
    const std::size_t classes = model.class_count();
    s.scores.resize(classes);
    cache = cache && !training;
    const bool extended = m_version >= 2;
    if (cache) {
        s.role_ready.assign(kRoleCount * (nodes + 1), 0);
        if (s.role_cache.size() < s.role_ready.size() * classes) s.role_cache.resize(s.role_ready.size() * classes);
    }
    // Cached raw scores of `role` at node x (-1 = absent).
    auto role_scores = [&](int role, int x) -> const float* {
        const std::size_t k = static_cast<std::size_t>(role) * (nodes + 1) + static_cast<std::size_t>(x + 1);
        float* r = s.role_cache.data() + k * classes;
        if (!s.role_ready[k]) {
            std::uint64_t f[8];
            std::fill(r, r + classes, 0.0f);
            model.accumulate(f, node_features(View{s}, role, x, extended, f), r);
            s.role_ready[k] = 1;
        }
        return r;
    };
    int b = 1;

    while (b <= n || s.stack.size() > 1) {
        const std::size_t depth = s.stack.size();
        const int s0 = s.stack.back();
        const int s1 = depth >= 2 ? s.stack[depth - 2] : -1;
        const bool can_shift = b <= n;
        const bool can_left = b <= n && depth >= 2;
        const bool can_right = depth >= 3 || (depth == 2 && b > n);
        if (!training && depth == 1) {
            // Only the root is on the stack: shifting is the only move, no need to score it.
            s.stack.push_back(b);
            s.in_stack[static_cast<std::size_t>(b)] = 1;
            ++b;
            continue;
        }
        if (cache) {
            // Raw (unscaled) sums: the scale is positive, so the best move is the same.
            extract_features(s, b, n, extended, false);
            float* sc = s.scores.data();
            std::fill(sc, sc + classes, 0.0f);
            model.accumulate(s.features.data(), s.features.size(), sc);
            const View v{s};
            const int b0 = b <= n ? b : -1;
            const int roles[kRoleCount] = {s0,         b0,         b + 1 <= n ? b + 1 : -1, b + 2 <= n ? b + 2 : -1,
                                           s1,         depth >= 3 ? s.stack[depth - 3] : -1, v.l1(s0), v.r1(s0),
                                           v.l1(b0),   v.l2(s0),   v.r2(s0),  v.l2(b0),  v.r1(s1),  v.l1(s1)};
            for (int role = 0; role < kRoleCount; ++role) {
                const float* r = role_scores(role, roles[role]);
                for (std::size_t c = 0; c < classes; ++c) sc[c] += r[c];
            }
        } else {
            extract_features(s, b, n, extended, true);
            model.score(s.features.data(), s.features.size(), s.scores.data());
        }

        auto valid = [&](int c) {
            if (c == 0) return can_shift;
            if (c <= labels) return can_left && c - 1 != m_root_label;
            const int l = c - 1 - labels;
            if (!can_right) return false;
            if (m_root_label < 0) return true;
            return (s1 == 0) == (l == m_root_label);
        };
        int guess = -1;
        float best = -std::numeric_limits<float>::infinity();
        for (int c = 0; c < static_cast<int>(classes); ++c)
            if (s.scores[static_cast<std::size_t>(c)] > best && valid(c)) best = s.scores[static_cast<std::size_t>(c)], guess = c;
        if (guess < 0) break;  // cannot happen: some move is always valid

        int next = guess;
        if (training) {
            // Dynamic oracle costs (gold arcs made unreachable) of the three move types.
            const std::vector<int>& gh = s.gold_heads;
            const std::vector<int>& gl = s.gold_labels;
            const auto& deps = trainer->gold_deps;
            int shift_cost = 0, left_cost = 0, right_cost = 0;
            if (can_shift) {
                const int h = gh[static_cast<std::size_t>(b)];
                if (h != s0 && s.in_stack[static_cast<std::size_t>(h)]) ++shift_cost;
                for (int d : deps[static_cast<std::size_t>(b)]) shift_cost += s.in_stack[static_cast<std::size_t>(d)];
            }
            if (s0 > 0) {
                const int h = gh[static_cast<std::size_t>(s0)];
                int deps_in_buffer = 0;
                for (int d : deps[static_cast<std::size_t>(s0)]) deps_in_buffer += d >= b;
                left_cost = deps_in_buffer + (h > b) + (h == s1);
                right_cost = deps_in_buffer + (h >= b);
            }
            auto cost = [&](int c) {
                if (c == 0) return shift_cost;
                if (c <= labels) {
                    const int h = gh[static_cast<std::size_t>(s0)];
                    return left_cost + (h == b && c - 1 != gl[static_cast<std::size_t>(s0)]);
                }
                const int h = gh[static_cast<std::size_t>(s0)];
                return right_cost + (h == s1 && c - 1 - labels != gl[static_cast<std::size_t>(s0)]);
            };
            int gold = -1, gold_cost = std::numeric_limits<int>::max();
            float gold_score = -std::numeric_limits<float>::infinity();
            for (int c = 0; c < static_cast<int>(classes); ++c) {
                if (!valid(c)) continue;
                const int k = cost(c);
                const float sc = s.scores[static_cast<std::size_t>(c)];
                if (k < gold_cost || (k == gold_cost && sc > gold_score)) gold = c, gold_cost = k, gold_score = sc;
            }
            const bool guess_ok = cost(guess) == gold_cost;
            training->update(s.features, guess_ok ? guess : gold, guess);
            if (!guess_ok) {
                std::uniform_real_distribution<double> coin(0.0, 1.0);
                next = (trainer->explore && coin(trainer->rng) < trainer->explore_probability) ? guess : gold;
            }
        }

        // Apply the move.
        if (next == 0) {
            s.stack.push_back(b);
            s.in_stack[static_cast<std::size_t>(b)] = 1;
            ++b;
            continue;
        }
        s.stack.pop_back();
        s.in_stack[static_cast<std::size_t>(s0)] = 0;
        const std::size_t child = static_cast<std::size_t>(s0);
        if (next <= labels) {
            const int l = next - 1;
            const std::size_t h = static_cast<std::size_t>(b);
            s.heads[child] = b;
            s.labels[child] = l + 1;
            s.left2[h] = s.left1[h];
            s.left1[h] = s0;
            ++s.left_count[h];
            s.left_labels[h] |= 1ULL << (l & 63);
        } else {
            const int l = next - 1 - labels;
            const std::size_t h = static_cast<std::size_t>(s1);
            s.heads[child] = s1;
            s.labels[child] = l + 1;
            s.right2[h] = s.right1[h];
            s.right1[h] = s0;
            ++s.right_count[h];
            s.right_labels[h] |= 1ULL << (l & 63);
        }
    }

    if (trainer) {
        for (int i = 1; i <= n; ++i) {
            trainer->correct += s.heads[static_cast<std::size_t>(i)] == s.gold_heads[static_cast<std::size_t>(i)];
            ++trainer->total;
        }
        return;
    }
    for (int i = 1; i <= n; ++i) {
        Token& t = sentence.tokens[static_cast<std::size_t>(i) - 1];
        t.head = s.heads[static_cast<std::size_t>(i)];
        const int l = s.labels[static_cast<std::size_t>(i)];
        t.deprel = l > 0 ? m_labels[static_cast<std::size_t>(l - 1)] : "dep";
    }
}

void Parser::parse(Sentence& sentence, Scratch& scratch) const { run(sentence, scratch, nullptr, nullptr, true); }

void Parser::parse(Sentence& sentence) const {
    Scratch scratch;
    run(sentence, scratch, nullptr, nullptr, true);
}

void Parser::parse_uncached(Sentence& sentence) const {
    Scratch scratch;
    run(sentence, scratch, nullptr, nullptr, false);
}

Parser Parser::train(const std::vector<Sentence>& sentences, const ParserTrainOptions& options) {
    Parser p;
    if (options.format_version < static_cast<int>(kOldestVersion) || options.format_version > static_cast<int>(kVersion))
        throw std::invalid_argument("Parser::train: unknown format version " + std::to_string(options.format_version));
    p.m_version = static_cast<std::uint32_t>(options.format_version);
    std::map<std::string, int> label_ids;
    for (const Sentence& s : sentences)
        for (const Token& t : s.tokens) label_ids.emplace(t.deprel, 0);
    for (auto& [name, id] : label_ids) {
        id = static_cast<int>(p.m_labels.size());
        p.m_labels.push_back(name);
        if (name == "root") p.m_root_label = id;
    }
    std::vector<std::string> classes{"shift"};
    for (const std::string& l : p.m_labels) classes.push_back("left:" + l);
    for (const std::string& l : p.m_labels) classes.push_back("right:" + l);
    Perceptron model(classes);

    // Gold trees, projectivised.
    std::vector<std::vector<int>> heads(sentences.size()), labels(sentences.size());
    for (std::size_t k = 0; k < sentences.size(); ++k) {
        const auto& toks = sentences[k].tokens;
        std::vector<int> h(toks.size() + 1, 0), l(toks.size() + 1, 0);
        bool ok = true;
        for (std::size_t i = 0; i < toks.size(); ++i) {
            h[i + 1] = toks[i].head;
            l[i + 1] = label_ids[toks[i].deprel];
            ok = ok && toks[i].head >= 0 && toks[i].head <= static_cast<int>(toks.size());
        }
        if (!ok) continue;
        heads[k] = projectivize(std::move(h));
        labels[k] = std::move(l);
    }

    Trainer trainer;
    trainer.rng.seed(options.seed);
    trainer.explore_probability = options.explore_probability;
    std::vector<std::size_t> order(sentences.size());
    std::iota(order.begin(), order.end(), 0);
    Scratch scratch;
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), trainer.rng);
        trainer.explore = epoch >= options.explore_from_epoch;
        trainer.correct = trainer.total = 0;
        for (std::size_t k : order) {
            if (heads[k].empty()) continue;
            scratch.gold_heads = heads[k];
            scratch.gold_labels.assign(labels[k].size(), 0);
            for (std::size_t i = 1; i < labels[k].size(); ++i) scratch.gold_labels[i] = labels[k][i];
            trainer.gold_deps.assign(heads[k].size(), {});
            for (std::size_t i = 1; i < heads[k].size(); ++i)
                trainer.gold_deps[static_cast<std::size_t>(heads[k][i])].push_back(static_cast<int>(i));
            Sentence s = sentences[k];
            p.run(s, scratch, &model, &trainer, false);
        }
        if (options.progress)
            options.progress(epoch, trainer.total ? double(trainer.correct) / double(trainer.total) : 0.0);
    }
    model.finalize();
    if (options.prune_below > 0) model.prune(options.prune_below);
    p.m_model = std::move(model);
    return p;
}

void Parser::save(const std::string& path) const {
    model_io::ByteWriter w;
    w.varint(m_labels.size());
    for (const std::string& l : m_labels) w.str(l);
    std::ostringstream block;
    m_model.save(block);
    w.raw(block.str());
    model_io::write_file(path, kKind, m_version, w.bytes());
}

Parser Parser::load(const std::string& path) {
    Parser p;
    const std::string payload = model_io::read_file(path, kKind, kOldestVersion, kVersion, &p.m_version);
    model_io::ByteReader r(payload, "file " + path);
    const std::uint64_t count = r.count(1024);
    for (std::uint64_t i = 0; i < count; ++i) {
        p.m_labels.push_back(r.str());
        if (p.m_labels.back() == "root") p.m_root_label = static_cast<int>(i);
    }
    std::istringstream block(std::string(r.raw(r.remaining())));
    p.m_model = Perceptron::load(block, "file " + path);
    if (block.peek() != std::char_traits<char>::eof()) r.fail("trailing bytes after the classifier");
    if (p.m_model.class_count() != 1 + 2 * p.m_labels.size()) r.fail("class count does not match the label list");
    return p;
}

}  // namespace factgraph::nlp
