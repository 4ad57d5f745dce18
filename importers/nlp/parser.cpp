#include "factgraph/nlp/parser.hpp"

#include "factgraph/core/error.hpp"
#include "factgraph/nlp/word_clusters.hpp"
#include "best_class.hpp"
#include "model_io.hpp"
#include "vector_clones.hpp"
#include "word_features.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <stdexcept>

namespace factgraph::nlp {

namespace {

constexpr std::string_view kKind = "parser";
// File format. Version 1: feature set 1, greedy. Version 2: feature set 2, greedy. Version 3
// starts with the feature set and the beam width (2 or more). Version 4, written since feature set
// 3: the same header for every model, greedy (width 1) too. All four load.
constexpr std::uint32_t kVersion = 4;
constexpr std::uint32_t kBeamVersion = 3;
constexpr std::uint32_t kOldestVersion = 1;
constexpr std::uint64_t kMaxBeam = 256;
// Beam search copies each configuration (arrays as long as the sentence) at every move, which
// costs time quadratic in the sentence length; longer "sentences" (tables, lists, text without
// punctuation) are parsed greedily with the same model. No sentence of UD English-EWT dev or of
// the PolNeAR news articles comes near (the longest have 77 and 98 words).
constexpr std::size_t kMaxBeamWords = 200;
// The run-time cache holds 14 score vectors per word (about 6 KB); a longer pre-tokenised sentence
// is parsed without it (same parse, slower) rather than with hundreds of megabytes of cache.
constexpr std::size_t kMaxCachedWords = 2000;

// Hashes of positions that do not exist (index 0 of the per-node arrays) and of the root (index 1).
constexpr std::uint64_t kNoneWord = 0x6e6f6e6500000001ULL, kRootWord = 0x726f6f7400000002ULL;
constexpr std::uint64_t kNoneTag = 0x6e6f6e6500000003ULL, kRootTag = 0x726f6f7400000004ULL;
// Keeps a supertag's hash apart from a part-of-speech tag's of the same spelling.
constexpr std::uint64_t kSupertagSalt = 0x7375706572ULL;

// Lifts the shortest non-projective arc to the grandparent until the tree is projective, so the
// arc-hybrid oracle (exact only for projective trees) can follow it. An unknown arc (head -1, a
// partial tree) may lie anywhere, so a word whose ancestors lead to one counts as dominated.
std::vector<int> projectivize(std::vector<int> heads) {
    const int n = static_cast<int>(heads.size()) - 1;  // heads[0] unused, tokens 1..n
    auto dominates = [&](int h, int d) {
        for (int x = d, steps = 0; x > 0 && steps <= n; x = heads[static_cast<std::size_t>(x)], ++steps) {
            if (x == h) return true;
            if (heads[static_cast<std::size_t>(x)] < 0) return true;
        }
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
    int beam = 1;
    std::vector<std::vector<int>> gold_deps;
    std::size_t correct = 0, total = 0;
};

namespace {

struct View {
    const Parser::Scratch& s;  // the sentence's words and tags
    const Parser::State& st;   // the configuration
    // Per-node arrays are indexed node + 1 so that node -1 (absent) reads the sentinel at 0.
    std::uint64_t w(int node) const { return s.words[static_cast<std::size_t>(node + 1)]; }
    std::uint64_t p(int node) const { return s.tags[static_cast<std::size_t>(node + 1)]; }
    std::uint64_t wp(int node) const { return word_features::feat(999, w(node), p(node)); }
    std::uint64_t t(int node) const { return s.supertags[static_cast<std::size_t>(node + 1)]; }
    // Word class of the node at level 0-3 (feature set 4); 0xFFFF for no node, 0xFFFE for the root.
    std::uint64_t c(int node, int level) const {
        return (s.clusters[static_cast<std::size_t>(node + 1)] >> (16 * level)) & 0xFFFF;
    }
    std::uint64_t l(int node) const { return node > 0 ? static_cast<std::uint64_t>(st.labels[static_cast<std::size_t>(node)]) : 0; }
    int get(const std::vector<int>& v, int node) const { return node >= 0 ? v[static_cast<std::size_t>(node)] : -1; }
    int l1(int node) const { return get(st.left1, node); }
    int l2(int node) const { return get(st.left2, node); }
    int r1(int node) const { return get(st.right1, node); }
    int r2(int node) const { return get(st.right2, node); }
    std::uint64_t vl(int node) const { return node >= 0 ? static_cast<std::uint64_t>(st.left_count[static_cast<std::size_t>(node)]) : 99; }
    std::uint64_t vr(int node) const { return node >= 0 ? static_cast<std::uint64_t>(st.right_count[static_cast<std::size_t>(node)]) : 99; }
    std::uint64_t sl(int node) const { return node >= 0 ? st.left_labels[static_cast<std::size_t>(node)] : 1ULL << 63; }
    std::uint64_t sr(int node) const { return node >= 0 ? st.right_labels[static_cast<std::size_t>(node)] : 1ULL << 63; }
};

// Feature sets, stored in the model: 1 = templates 1-84 after Zhang & Nivre (2011); 2 = those and
// templates 85-91 (context tags next to s0 and b0, punctuation and verbs between them); 3 = set 1
// without 23 of its 44 templates that are looked up at every move (pairs and triples that other
// templates already cover: retrained without them, the greedy parser scores as well on dev and
// looks up 21 features per move instead of 44; docs/nlp.md, "Eighth round").
// 4 = set 3 and the word classes (WordClusters) of s0, b0, b1, s1 and s0's and b0's outer children:
// one-node templates only, which parse() caches per sentence, so no lookup more per move.
// 5 = set 3 and the supertags (Supertagger) of s0, b0, b1 and s1, alone and with s0's tag and b0's
// word: one-node templates too (docs/nlp.md, "Fifteenth round").
// 6 = set 5 without the 11 per-move valency and label-set templates (37-40, 42, 65, 66, 68, 70, 80, 81): a
// word's supertag already tells which dependents it takes, so the parser scores as well on dev
// without them and looks up 10 features per move instead of 21 (docs/nlp.md, "Eighteenth round").
constexpr std::uint32_t kFeatureSets = 6;

struct FeatureSet {
    bool extended = false;  // set 2: templates 85-91 too
    bool compact = false;   // set 3: without the 23 templates
    bool clusters = false;  // set 4: set 3 and word-class features
    bool supertags = false;  // sets 5 and 6: set 3 and supertags
    bool valency = true;     // the per-move valency and label-set templates (all sets but 6)

    static FeatureSet of(std::uint32_t id) { return {id == 2, id >= 3, id == 4, id >= 5, id != 6}; }
};

// Most features one move can have (templates 1-91).
constexpr std::size_t kMaxMoveFeatures = 112;

// Writes the move's features to `f` (room for kMaxMoveFeatures) and returns their number; a plain
// array rather than push_back, which the compiler left as a call per feature.
std::size_t write_features(const Parser::Scratch& s, const Parser::State& st, int n, FeatureSet set, bool node_features,
                           std::uint64_t* f) {
    std::size_t k = 0;
    auto put = [&](std::uint64_t h) { f[k++] = h; };
    // Templates 1-84 after Zhang & Nivre (2011); 85-91 added in feature set 2; the `full` blocks
    // are left out of feature set 3.
    const bool full = !set.compact;
    using word_features::feat;
    const View v{s, st};
    const int b = st.buffer;
    const std::size_t depth = st.stack.size();
    const int s0 = depth >= 1 ? st.stack[depth - 1] : -1;
    const int s1 = depth >= 2 ? st.stack[depth - 2] : -1;
    const int s2 = depth >= 3 ? st.stack[depth - 3] : -1;
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
    const std::uint64_t d = (s0 >= 0 && b0 >= 0) ? word_features::distance_bucket(b0 - s0) : 0;
    const std::uint64_t d1 = (s1 >= 0 && s0 >= 0) ? word_features::distance_bucket(s0 - s1) : 0;

    // The templates of one node in one role (the `if (node_features)` blocks) are left out when
    // parsing with cached role scores; node_features() below must make the same hashes.
    if (node_features) {
        put(feat(1, s0w));
        put(feat(2, s0p));
        put(feat(3, s0wp));
        put(feat(4, b0w));
        put(feat(5, b0p));
        put(feat(6, b0wp));
        put(feat(7, b1w));
        put(feat(8, b1p));
        put(feat(9, v.wp(b1)));
        put(feat(10, v.w(b2)));
        put(feat(11, b2p));
        put(feat(13, s1w));
        put(feat(14, s1p));
        put(feat(15, v.wp(s1)));
        put(feat(16, v.w(s2)));
        // Feature set 4: word classes of the nodes (0 = 4,096 classes, 1 = 1,024, 2 = 256).
        if (set.clusters) {
            put(feat(92, v.c(s0, 0))), put(feat(93, v.c(s0, 2)));
            put(feat(94, v.c(b0, 0))), put(feat(95, v.c(b0, 2)));
            put(feat(96, v.c(b1, 1)));
            put(feat(97, v.c(s1, 1)));
            put(feat(98, v.c(s0l, 2))), put(feat(99, v.c(s0r, 2))), put(feat(100, v.c(b0l, 2)));
        }
        if (set.supertags) {
            put(feat(101, v.t(s0))), put(feat(102, v.t(s0), s0p));
            put(feat(103, v.t(b0))), put(feat(104, v.t(b0), b0w));
            put(feat(105, v.t(b1)));
            put(feat(106, v.t(s1)));
        }
    }
    // Pairs of s0 and b0.
    if (full) {
        put(feat(17, s0wp, b0wp));
        put(feat(18, s0wp, b0w));
        put(feat(19, s0w, b0wp));
    }
    put(feat(20, s0wp, b0p));
    if (full) {
        put(feat(21, s0p, b0wp));
        put(feat(22, s0w, b0w));
        put(feat(23, s0p, b0p));
    }
    if (node_features) {
        put(feat(24, b0p, b1p));
        // Tag trigrams.
        put(feat(25, b0p, b1p, b2p));
    }
    if (full) {
        put(feat(26, s0p, b0p, b1p));
    }
    put(feat(27, s1p, s0p, b0p));
    put(feat(28, s0p, s0lp, b0p));
    if (full) {
        put(feat(29, s0p, s0rp, b0p));
    }
    put(feat(30, s0p, b0p, b0lp));
    // Distance.
    if (full) {
        put(feat(31, s0w, d));
        put(feat(32, s0p, d));
        put(feat(33, b0w, d));
    }
    put(feat(34, b0p, d));
    if (full) {
        put(feat(35, s0w, b0w, d));
        put(feat(36, s0p, b0p, d));
    }
    // Valency.
    if (set.valency) {
        put(feat(37, s0w, v.vr(s0)));
        put(feat(38, s0p, v.vr(s0)));
        put(feat(39, s0w, v.vl(s0)));
        put(feat(40, s0p, v.vl(s0)));
        if (full) {
            put(feat(41, b0w, v.vl(b0)));
        }
        put(feat(42, b0p, v.vl(b0)));
    }
    // Children.
    if (node_features) {
        put(feat(43, v.w(s0l)));
        put(feat(44, s0lp));
        put(feat(45, v.l(s0l)));
        put(feat(46, v.w(s0r)));
        put(feat(47, s0rp));
        put(feat(48, v.l(s0r)));
        put(feat(49, v.w(b0l)));
        put(feat(50, b0lp));
        put(feat(51, v.l(b0l)));
        put(feat(52, v.w(s0l2)));
        put(feat(53, v.p(s0l2)));
        put(feat(54, v.l(s0l2)));
        put(feat(55, v.w(s0r2)));
        put(feat(56, v.p(s0r2)));
        put(feat(57, v.l(s0r2)));
        put(feat(58, v.w(b0l2)));
        put(feat(59, v.p(b0l2)));
        put(feat(60, v.l(b0l2)));
    }
    put(feat(61, s0p, s0lp, v.p(s0l2)));
    put(feat(62, s0p, s0rp, v.p(s0r2)));
    put(feat(63, b0p, b0lp, v.p(b0l2)));
    if (full) {
        put(feat(64, s2p, s1p, s0p));
    }
    // Label sets.
    if (set.valency) {
        put(feat(65, s0w, v.sr(s0)));
        put(feat(66, s0p, v.sr(s0)));
        if (full) {
            put(feat(67, s0w, v.sl(s0)));
        }
        put(feat(68, s0p, v.sl(s0)));
        if (full) {
            put(feat(69, b0w, v.sl(b0)));
        }
        put(feat(70, b0p, v.sl(b0)));
    }
    // s1 and s0: the pair a right-arc joins.
    put(feat(71, s1w, s0w));
    put(feat(72, s1p, s0p));
    if (full) {
        put(feat(73, v.wp(s1), s0p));
        put(feat(74, s1p, s0wp));
        put(feat(75, s1p, s0p, d1));
    }
    if (node_features) {
        put(feat(76, s1rp));
        put(feat(77, v.l(s1r)));
        put(feat(78, v.p(s1l)));
        put(feat(79, v.l(s1l)));
    }
    if (set.valency) {
        put(feat(80, s1p, v.vr(s1)));
        put(feat(81, s1p, v.sr(s1)));
    }
    if (full) {
        put(feat(82, s1p, s1rp, s0p));
        put(feat(83, s1w, s0p, d1));
        put(feat(84, s1p, s0w, d1));
    }
    if (!set.extended) return k;
    // Context tags next to s0 and b0, and what lies between s0 and b0 (punctuation, verbs).
    const std::uint64_t s0n = s0 >= 0 && s0 < n ? v.p(s0 + 1) : kNoneTag, s0pv = s0 > 0 ? v.p(s0 - 1) : kNoneTag;
    const std::uint64_t b0pv = b0 > 0 ? v.p(b0 - 1) : kNoneTag;
    if (node_features) {
        put(feat(85, s0p, s0n));
        put(feat(86, s0p, s0pv));
        put(feat(87, b0p, b0pv));
    }
    put(feat(88, s0p, s0n, b0p));
    put(feat(89, s0p, b0pv, b0p));
    std::uint64_t punct = 0, verbs = 0;
    if (s0 >= 0 && b0 >= 0) {
        punct = static_cast<std::uint64_t>(std::min(3, s.punct_before[static_cast<std::size_t>(b0)] - s.punct_before[static_cast<std::size_t>(s0) + 1]));
        verbs = static_cast<std::uint64_t>(std::min(2, s.verbs_before[static_cast<std::size_t>(b0)] - s.verbs_before[static_cast<std::size_t>(s0) + 1]));
    }
    put(feat(90, s0p, b0p, punct * 4 + verbs));
    put(feat(91, s0w, b0p, punct * 4 + verbs));
    return k;
}

void extract_features(const Parser::Scratch& s, const Parser::State& st, int n, FeatureSet set, bool node_features,
                      std::vector<std::uint64_t>& f) {
    f.resize(kMaxMoveFeatures);
    f.resize(write_features(s, st, n, set, node_features, f.data()));
}

// Roles whose templates read one node only (b0's include b1 and b2, the words after it): their scores depend on (role, node) alone, so parse()
// computes them once per sentence and adds the cached sums instead of looking the features up at
// every move. Labels are fixed once a node is attached, so the child roles are safe to cache too.
enum Role : int { kS0, kB0, kB1, kB2, kS1, kS2, kS0L, kS0R, kB0L, kS0L2, kS0R2, kB0L2, kS1R, kS1L, kRoleCount };

// The node in each role in configuration `v.st` (-1 = absent).
void role_nodes(const View& v, int n, int (&roles)[kRoleCount]) {
    const Parser::State& st = v.st;
    const std::size_t depth = st.stack.size();
    const int s0 = st.stack.back(), b = st.buffer, b0 = b <= n ? b : -1;
    const int s1 = depth >= 2 ? st.stack[depth - 2] : -1;
    const int nodes[kRoleCount] = {s0,       b0,       b + 1 <= n ? b + 1 : -1, b + 2 <= n ? b + 2 : -1,
                                   s1,       depth >= 3 ? st.stack[depth - 3] : -1, v.l1(s0), v.r1(s0),
                                   v.l1(b0), v.l2(s0), v.r2(s0), v.l2(b0), v.r1(s1), v.l1(s1)};
    std::copy(nodes, nodes + kRoleCount, roles);
}

// Adds the roles' cached score vectors to `sums` in one vectorised pass (one store per class
// instead of one per role). The sums are of integers, so their order does not change them.
inline void add_role_vectors(float* sums, const float* const (&r)[kRoleCount], std::size_t classes) {
    static_assert(kRoleCount == 14);
    // The cached vectors never overlap the move's scores (separate buffers).
#pragma GCC ivdep
    for (std::size_t c = 0; c < classes; ++c)
        sums[c] += ((r[0][c] + r[1][c]) + (r[2][c] + r[3][c])) + ((r[4][c] + r[5][c]) + (r[6][c] + r[7][c])) +
                   ((r[8][c] + r[9][c]) + (r[10][c] + r[11][c])) + (r[12][c] + r[13][c]);
}

// The features extract_features() makes for node x in `role` (same templates, same hashes), at
// most kMaxNodeFeatures of them.
constexpr std::size_t kMaxNodeFeatures = 8;
std::size_t node_features(const View& v, int role, int x, FeatureSet set, std::uint64_t* f) {
    using word_features::feat;
    const int n = static_cast<int>(v.s.words.size()) - 2;  // words holds sentinel, root, n words
    switch (role) {
    case kS0:
        f[0] = feat(1, v.w(x)), f[1] = feat(2, v.p(x)), f[2] = feat(3, v.wp(x));
        if (set.clusters) { f[3] = feat(92, v.c(x, 0)), f[4] = feat(93, v.c(x, 2)); return 5; }
        if (set.supertags) { f[3] = feat(101, v.t(x)), f[4] = feat(102, v.t(x), v.p(x)); return 5; }
        if (!set.extended) return 3;
        f[3] = feat(85, v.p(x), x >= 0 && x < n ? v.p(x + 1) : kNoneTag);
        f[4] = feat(86, v.p(x), x > 0 ? v.p(x - 1) : kNoneTag);
        return 5;
    case kB0: {
        // b1 and b2 are the next two words: templates 24 and 25 depend on b0 alone too.
        const int b1 = x >= 0 && x + 1 <= n ? x + 1 : -1, b2 = x >= 0 && x + 2 <= n ? x + 2 : -1;
        f[0] = feat(4, v.w(x)), f[1] = feat(5, v.p(x)), f[2] = feat(6, v.wp(x));
        f[3] = feat(24, v.p(x), v.p(b1));
        f[4] = feat(25, v.p(x), v.p(b1), v.p(b2));
        if (set.clusters) { f[5] = feat(94, v.c(x, 0)), f[6] = feat(95, v.c(x, 2)); return 7; }
        if (set.supertags) { f[5] = feat(103, v.t(x)), f[6] = feat(104, v.t(x), v.w(x)); return 7; }
        if (!set.extended) return 5;
        f[5] = feat(87, v.p(x), x > 0 ? v.p(x - 1) : kNoneTag);
        return 6;
    }
    case kB1: f[0] = feat(7, v.w(x)), f[1] = feat(8, v.p(x)), f[2] = feat(9, v.wp(x));
        if (set.clusters) { f[3] = feat(96, v.c(x, 1)); return 4; }
        if (set.supertags) { f[3] = feat(105, v.t(x)); return 4; }
        return 3;
    case kB2: f[0] = feat(10, v.w(x)), f[1] = feat(11, v.p(x)); return 2;
    case kS1: f[0] = feat(13, v.w(x)), f[1] = feat(14, v.p(x)), f[2] = feat(15, v.wp(x));
        if (set.clusters) { f[3] = feat(97, v.c(x, 1)); return 4; }
        if (set.supertags) { f[3] = feat(106, v.t(x)); return 4; }
        return 3;
    case kS2: f[0] = feat(16, v.w(x)); return 1;
    case kS0L: f[0] = feat(43, v.w(x)), f[1] = feat(44, v.p(x)), f[2] = feat(45, v.l(x));
        if (set.clusters) { f[3] = feat(98, v.c(x, 2)); return 4; }
        return 3;
    case kS0R: f[0] = feat(46, v.w(x)), f[1] = feat(47, v.p(x)), f[2] = feat(48, v.l(x));
        if (set.clusters) { f[3] = feat(99, v.c(x, 2)); return 4; }
        return 3;
    case kB0L: f[0] = feat(49, v.w(x)), f[1] = feat(50, v.p(x)), f[2] = feat(51, v.l(x));
        if (set.clusters) { f[3] = feat(100, v.c(x, 2)); return 4; }
        return 3;
    case kS0L2: f[0] = feat(52, v.w(x)), f[1] = feat(53, v.p(x)), f[2] = feat(54, v.l(x)); return 3;
    case kS0R2: f[0] = feat(55, v.w(x)), f[1] = feat(56, v.p(x)), f[2] = feat(57, v.l(x)); return 3;
    case kB0L2: f[0] = feat(58, v.w(x)), f[1] = feat(59, v.p(x)), f[2] = feat(60, v.l(x)); return 3;
    case kS1R: f[0] = feat(76, v.p(x)), f[1] = feat(77, v.l(x)); return 2;
    case kS1L: f[0] = feat(78, v.p(x)), f[1] = feat(79, v.l(x)); return 2;
    default: return 0;
    }
}

// The state before the first move: the root on the stack, every word in the buffer.
void reset_state(Parser::State& st, std::size_t nodes) {
    st.heads.assign(nodes, -1);
    st.labels.assign(nodes, 0);
    st.left1.assign(nodes, -1);
    st.left2.assign(nodes, -1);
    st.right1.assign(nodes, -1);
    st.right2.assign(nodes, -1);
    st.left_count.assign(nodes, 0);
    st.right_count.assign(nodes, 0);
    st.left_labels.assign(nodes, 0);
    st.right_labels.assign(nodes, 0);
    st.in_stack.assign(nodes, 0);
    st.stack.assign(1, 0);
    st.in_stack[0] = 1;
    st.buffer = 1;
    st.score = 0;
    st.history = -1;
}

// Moves: 0 = shift, 1..L = left-arc with label id move - 1, L+1..2L = right-arc with label id
// move - 1 - L. Left-arc: b0 becomes the head of s0. Right-arc: s1 becomes the head of s0.
void apply_move(Parser::State& st, int move, int labels) {
    if (move == 0) {
        st.stack.push_back(st.buffer);
        st.in_stack[static_cast<std::size_t>(st.buffer)] = 1;
        ++st.buffer;
        return;
    }
    const int s0 = st.stack.back();
    st.stack.pop_back();
    st.in_stack[static_cast<std::size_t>(s0)] = 0;
    const std::size_t child = static_cast<std::size_t>(s0);
    const bool left = move <= labels;
    const int l = left ? move - 1 : move - 1 - labels;
    const int head = left ? st.buffer : st.stack.back();
    const std::size_t h = static_cast<std::size_t>(head);
    st.heads[child] = head;
    st.labels[child] = l + 1;
    if (left) {
        st.left2[h] = st.left1[h];
        st.left1[h] = s0;
        ++st.left_count[h];
        st.left_labels[h] |= 1ULL << (l & 63);
    } else {
        st.right2[h] = st.right1[h];
        st.right1[h] = s0;
        ++st.right_count[h];
        st.right_labels[h] |= 1ULL << (l & 63);
    }
}

// Which moves the state allows. The root label is only given to the arc from the root (node 0),
// and the root takes its dependent last (right-arc once the buffer is empty).
struct MoveRules {
    int n, labels, root_label;
    bool terminal(const Parser::State& st) const { return st.buffer > n && st.stack.size() <= 1; }
    bool valid(const Parser::State& st, int c) const {
        const std::size_t depth = st.stack.size();
        const int b = st.buffer;
        if (c == 0) return b <= n;
        if (c <= labels) return b <= n && depth >= 2 && c - 1 != root_label;
        if (!(depth >= 3 || (depth == 2 && b > n))) return false;
        if (root_label < 0) return true;
        const int s1 = st.stack[depth - 2];
        return (s1 == 0) == (c - 1 - labels == root_label);
    }
};

// Dynamic oracle (Goldberg & Nivre 2013): how many gold arcs a move makes unreachable. A node
// whose gold head is -1 (unknown: a partial tree) costs nothing wherever it is attached.
struct Oracle {
    const std::vector<int>& heads;                // gold head per node, -1 = unknown
    const std::vector<int>& labels;               // gold label id per node
    const std::vector<std::vector<int>>& deps;    // gold dependents per node
    int label_count;
    int shift_cost = 0, left_cost = 0, right_cost = 0, s0 = -1, s1 = -1, b = 0;

    void measure(const Parser::State& st, int n) {
        const std::size_t depth = st.stack.size();
        s0 = st.stack.back();
        s1 = depth >= 2 ? st.stack[depth - 2] : -1;
        b = st.buffer;
        shift_cost = left_cost = right_cost = 0;
        if (b <= n) {
            const int h = heads[static_cast<std::size_t>(b)];
            if (h >= 0 && h != s0 && st.in_stack[static_cast<std::size_t>(h)]) ++shift_cost;
            for (int d : deps[static_cast<std::size_t>(b)]) shift_cost += st.in_stack[static_cast<std::size_t>(d)];
        }
        if (s0 > 0) {
            const int h = heads[static_cast<std::size_t>(s0)];
            int deps_in_buffer = 0;
            for (int d : deps[static_cast<std::size_t>(s0)]) deps_in_buffer += d >= b;
            left_cost = deps_in_buffer + (h > b) + (h >= 0 && h == s1);
            right_cost = deps_in_buffer + (h >= b);
        }
    }
    int cost(int c) const {
        if (c == 0) return shift_cost;
        const int h = heads[static_cast<std::size_t>(s0)];
        const int gold_label = labels[static_cast<std::size_t>(s0)];
        if (c <= label_count) return left_cost + (h == b && c - 1 != gold_label);
        return right_cost + (h >= 0 && h == s1 && c - 1 - label_count != gold_label);
    }
    // The static oracle's move from a state that can still reach the gold tree: an arc as soon as
    // it costs nothing (left before right), else shift.
    int gold_move(const Parser::State& st, int n, const MoveRules& rules) {
        measure(st, n);
        if (s0 > 0) {
            const int l = labels[static_cast<std::size_t>(s0)];
            if (rules.valid(st, 1 + l) && cost(1 + l) == 0) return 1 + l;
            if (rules.valid(st, 1 + label_count + l) && cost(1 + label_count + l) == 0) return 1 + label_count + l;
        }
        if (rules.valid(st, 0) && cost(0) == 0) return 0;
        // Not reachable from a projective gold tree; take the cheapest valid move.
        int best = -1, best_cost = std::numeric_limits<int>::max();
        for (int c = 0; c <= 2 * label_count; ++c)
            if (rules.valid(st, c) && cost(c) < best_cost) best = c, best_cost = cost(c);
        return best;
    }
};

}  // namespace

void Parser::prepare(const Sentence& sentence, Scratch& s) const {
    const int n = static_cast<int>(sentence.tokens.size());
    const std::size_t nodes = static_cast<std::size_t>(n) + 1;
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
    // Word classes (feature set 4, this model's or its partner's): four 16-bit levels per node.
    const bool partner_clusters = m_partner && FeatureSet::of(m_partner->m_feature_set).clusters;
    if (FeatureSet::of(m_feature_set).clusters || partner_clusters) {
        // run_inference() and train() made sure there are some.
        const WordClusters* clusters = m_clusters ? m_clusters : m_partner->m_clusters;
        s.clusters.assign(nodes + 1, ~std::uint64_t{0});  // index 0: no node
        s.clusters[1] = 0xFFFEFFFEFFFEFFFEULL;             // the root
        for (int i = 0; i < n; ++i) {
            const WordClusters::Classes c = clusters->classes(sentence.tokens[static_cast<std::size_t>(i)].form);
            s.clusters[static_cast<std::size_t>(i) + 2] = std::uint64_t{c[0]} | std::uint64_t{c[1]} << 16 |
                                                          std::uint64_t{c[2]} << 32 | std::uint64_t{c[3]} << 48;
        }
    }
    // Supertags (feature sets 5 and 6, this model's or its partner's).
    if (needs_supertags() || (m_partner && m_partner->needs_supertags())) {
        s.supertags.assign(nodes + 1, kNoneTag);
        s.supertags[1] = kRootTag;
        for (int i = 0; i < n; ++i) {
            const std::string& tag = sentence.tokens[static_cast<std::size_t>(i)].supertag;
            if (tag.empty()) throw std::logic_error("Parser: a model of feature set 5 or 6 needs Token::supertag (run the Supertagger first)");
            s.supertags[static_cast<std::size_t>(i) + 2] = word_features::mix(Perceptron::hash(tag) ^ kSupertagSalt);
        }
    }
    // punct_before[i] / verbs_before[i]: punctuation / verbs among nodes 1..i-1.
    s.punct_before.assign(nodes + 1, 0);
    s.verbs_before.assign(nodes + 1, 0);
    for (int i = 1; FeatureSet::of(m_feature_set).extended && i <= n; ++i) {
        const std::string& u = sentence.tokens[static_cast<std::size_t>(i) - 1].upos;
        const std::size_t k = static_cast<std::size_t>(i);
        s.punct_before[k + 1] = s.punct_before[k] + (u == "PUNCT");
        s.verbs_before[k + 1] = s.verbs_before[k] + (u == "VERB" || u == "AUX");
    }
}

namespace {

// Adds to `sums` the raw scores of a move: its looked-up features (the first `used` of `features`,
// after which this writes the new roles' features) and the cached vectors of the one-node roles.
// A role whose node has no cached vector yet gets one, looked up in the same pass as the move's
// features, so that all their memory misses overlap.
// Entries are tagged with the node's label (1 + label): the child roles read the label, which in
// beam search can differ between items (the greedy parser's labels never change once set).
// Inlined, so that in Parser::run's vector clones the role vectors are added with their vector width.
[[gnu::always_inline]] inline void add_move_scores(const Perceptron& model, const View& v, const int (&roles)[kRoleCount], std::size_t nodes, FeatureSet set,
                     std::vector<std::uint64_t>& features, std::size_t used, float* role_cache,
                     std::vector<std::uint16_t>& role_ready, float* sums) {
    const std::size_t classes = model.class_count();
    // Room for every role's features, made once per scratch: no resize (and zeroing) per move.
    if (features.size() < used + kRoleCount * kMaxNodeFeatures) features.resize(used + kRoleCount * kMaxNodeFeatures);
    std::uint32_t offsets[kRoleCount + 2] = {0, static_cast<std::uint32_t>(used)};
    float* outputs[kRoleCount + 1] = {sums};
    std::size_t lists = 1;
    const float* rows[kRoleCount];
    for (int role = 0; role < kRoleCount; ++role) {
        const int x = roles[role];
        const std::uint16_t tag = static_cast<std::uint16_t>(1 + v.l(x));
        const std::size_t key = static_cast<std::size_t>(role) * (nodes + 1) + static_cast<std::size_t>(x + 1);
        float* cached = role_cache + key * classes;
        rows[role] = cached;
        if (role_ready[key] == tag) continue;
        role_ready[key] = tag;
        std::fill(cached, cached + classes, 0.0f);
        used += node_features(v, role, x, set, features.data() + used);
        outputs[lists++] = cached;
        offsets[lists] = static_cast<std::uint32_t>(used);
    }
    model.accumulate_lists(features.data(), offsets, lists, outputs);
    add_role_vectors(sums, rows, classes);
}

void write_parse(Sentence& sentence, const Parser::State& st, const std::vector<std::string>& label_names) {
    for (std::size_t i = 1; i <= sentence.tokens.size(); ++i) {
        Token& t = sentence.tokens[i - 1];
        t.head = st.heads[i];
        const int l = st.labels[i];
        t.deprel = l > 0 ? label_names[static_cast<std::size_t>(l - 1)] : "dep";
    }
}

}  // namespace

// Each move adds 14 cached score vectors of 103 floats (add_role_vectors, inlined here).
FACTGRAPH_VECTOR_CLONES
void Parser::run(Sentence& sentence, Scratch& s, Perceptron* training, Trainer* trainer, bool cache) const {
    prepare(sentence, s);
    const int n = static_cast<int>(sentence.tokens.size());
    const std::size_t nodes = static_cast<std::size_t>(n) + 1;
    const int labels = static_cast<int>(m_labels.size());
    State& st = s.state;
    reset_state(st, nodes);
    const Perceptron& model = training ? *training : m_model;
    const std::size_t classes = model.class_count();
    s.scores.resize(classes);
    cache = cache && !training;
    const FeatureSet set = FeatureSet::of(m_feature_set);
    if (cache) {
        s.role_ready.assign(kRoleCount * (nodes + 1), 0);
        s.role_cache.room_for(s.role_ready.size() * classes);
    }
    const MoveRules rules{n, labels, m_root_label};
    std::optional<Oracle> oracle;
    if (trainer) oracle.emplace(Oracle{s.gold_heads, s.gold_labels, trainer->gold_deps, labels});

    while (!rules.terminal(st)) {
        if (!training && st.stack.size() == 1) {
            // Only the root is on the stack: shifting is the only move, no need to score it.
            apply_move(st, 0, labels);
            continue;
        }
        if (cache) {
            // Raw (unscaled) sums: the scale is positive, so the best move is the same.
            if (s.features.size() < kMaxMoveFeatures) s.features.resize(kMaxMoveFeatures);
            const std::size_t used = write_features(s, st, n, set, false, s.features.data());
            float* sc = s.scores.data();
            std::fill(sc, sc + classes, 0.0f);
            int roles[kRoleCount];
            role_nodes(View{s, st}, n, roles);
            add_move_scores(model, View{s, st}, roles, nodes, set, s.features, used, s.role_cache.values.get(), s.role_ready, sc);
        } else {
            extract_features(s, st, n, set, true, s.features);
            model.score(s.features.data(), s.features.size(), s.scores.data());
        }

        // The best move usually is allowed: the class-by-class walk only when it is not.
        int guess = detail::first_best(s.scores.data(), classes);
        if (guess < 0 || !rules.valid(st, guess)) {
            // The best move is not allowed: the best allowed one (lowest class on ties, as above).
            guess = -1;
            float best = -std::numeric_limits<float>::infinity();
            for (int c = 0; c < static_cast<int>(classes); ++c)
                if (s.scores[static_cast<std::size_t>(c)] > best && rules.valid(st, c)) best = s.scores[static_cast<std::size_t>(c)], guess = c;
        }
        if (guess < 0) break;  // cannot happen: some move is always valid

        int next = guess;
        if (training) {
            oracle->measure(st, n);
            int gold = -1, gold_cost = std::numeric_limits<int>::max();
            float gold_score = -std::numeric_limits<float>::infinity();
            for (int c = 0; c < static_cast<int>(classes); ++c) {
                if (!rules.valid(st, c)) continue;
                const int k = oracle->cost(c);
                const float sc = s.scores[static_cast<std::size_t>(c)];
                if (k < gold_cost || (k == gold_cost && sc > gold_score)) gold = c, gold_cost = k, gold_score = sc;
            }
            const bool guess_ok = oracle->cost(guess) == gold_cost;
            training->update(s.features, guess_ok ? guess : gold, guess);
            if (!guess_ok) {
                std::uniform_real_distribution<double> coin(0.0, 1.0);
                next = (trainer->explore && coin(trainer->rng) < trainer->explore_probability) ? guess : gold;
            }
        }
        apply_move(st, next, labels);
    }

    if (trainer) {
        for (int i = 1; i <= n; ++i) {
            if (s.gold_heads[static_cast<std::size_t>(i)] < 0) continue;  // unknown arcs are neither right nor wrong
            trainer->correct += st.heads[static_cast<std::size_t>(i)] == s.gold_heads[static_cast<std::size_t>(i)];
            ++trainer->total;
        }
        return;
    }
    write_parse(sentence, st, m_labels);
}

void Parser::run_beam(Sentence& sentence, Scratch& s, Perceptron* training, Trainer* trainer, bool cache) const {
    prepare(sentence, s);
    const int n = static_cast<int>(sentence.tokens.size());
    const std::size_t nodes = static_cast<std::size_t>(n) + 1;
    const int labels = static_cast<int>(m_labels.size());
    const Perceptron& model = training ? *training : m_model;
    const std::size_t classes = model.class_count();
    const FeatureSet set = FeatureSet::of(m_feature_set);
    const std::size_t width = static_cast<std::size_t>(training ? trainer->beam : m_beam);
    const MoveRules rules{n, labels, m_root_label};

    if (!training) {
        s.role_ready.assign(kRoleCount * (nodes + 1), 0);
        s.role_cache.room_for(s.role_ready.size() * classes);
    }
    s.beam.resize(1);
    reset_state(s.beam[0], nodes);
    s.history.clear();
    s.step_features.clear();

    // Training: the gold sequence is followed alongside the beam and scored with the same weights.
    std::optional<Oracle> oracle;
    State* gold = nullptr;
    int gold_item = 0;  // index of the gold sequence in the beam, -1 once it fell out
    float max_violation = 0;
    int violation_pred = -1, violation_gold = -1;
    if (training) {
        oracle.emplace(Oracle{s.gold_heads, s.gold_labels, trainer->gold_deps, labels});
        gold = &s.state;
        reset_state(*gold, nodes);
    }

    // The partner's raw sums (exact integers) scaled into this model's raw units: the same floats
    // whether they were cached or not, so the cached and uncached searches agree exactly.
    const bool partner_shares_features = !m_partner || m_partner->m_feature_set == m_feature_set;
    const FeatureSet partner_set = FeatureSet::of(m_partner ? m_partner->m_feature_set : m_feature_set);
    const float partner_factor =
        m_partner ? m_partner_weight * m_partner->m_model.scale() / model.scale() : 0.0f;
    auto add_partner = [&](const float* partner_sums, float* out) {
        for (std::size_t c = 0; c < classes; ++c) out[c] += partner_factor * partner_sums[c];
    };
    if (!training && m_partner) {
        s.partner_role_ready.assign(kRoleCount * (nodes + 1), 0);
        s.partner_role_cache.room_for(s.partner_role_ready.size() * classes);
    }

    // Scores all moves of `st` into `out`; in training also records the features as a Step block.
    auto score_state = [&](const State& st, float* out, std::size_t& first, std::size_t& count) {
        std::fill(out, out + classes, 0.0f);
        if (st.stack.size() == 1) {
            first = s.step_features.size(), count = 0;  // a forced shift: nothing to score
            return;
        }
        if (training) {
            extract_features(s, st, n, set, true, s.features);
            first = s.step_features.size(), count = s.features.size();
            s.step_features.insert(s.step_features.end(), s.features.begin(), s.features.end());
            model.score(s.features.data(), s.features.size(), out);
            return;
        }
        // The partner's features: its own feature set's, or the same ones.
        auto partner_features = [&](bool node) -> const std::vector<std::uint64_t>& {
            if (partner_shares_features) return s.features;
            extract_features(s, st, n, partner_set, node, s.partner_features);
            return s.partner_features;
        };
        if (!cache) {
            extract_features(s, st, n, set, true, s.features);
            model.accumulate(s.features.data(), s.features.size(), out);
            if (m_partner) {
                s.partner_scores.assign(classes, 0.0f);
                const std::vector<std::uint64_t>& pf = partner_features(true);
                m_partner->m_model.accumulate(pf.data(), pf.size(), s.partner_scores.data());
                add_partner(s.partner_scores.data(), out);
            }
            return;
        }
        extract_features(s, st, n, set, false, s.features);
        const View v{s, st};
        int roles[kRoleCount];
        role_nodes(v, n, roles);
        // Raw sums of one model: the looked-up features plus the cached role vectors. The
        // features are copied: the partner may share them.
        auto add_model = [&](const Perceptron& m, FeatureSet model_set, const std::vector<std::uint64_t>& features,
                             float* role_cache, std::vector<std::uint16_t>& role_ready, float* sums) {
            s.lookup_features.assign(features.begin(), features.end());
            add_move_scores(m, v, roles, nodes, model_set, s.lookup_features, features.size(), role_cache, role_ready, sums);
        };
        add_model(model, set, s.features, s.role_cache.values.get(), s.role_ready, out);
        if (m_partner) {
            s.partner_scores.assign(classes, 0.0f);
            add_model(m_partner->m_model, partner_set, partner_features(false), s.partner_role_cache.values.get(), s.partner_role_ready,
                      s.partner_scores.data());
            add_partner(s.partner_scores.data(), out);
        }
    };

    std::vector<std::pair<float, int>>& candidates = s.candidates;
    std::vector<std::size_t>& block_first = s.block_first;  // each item's features in step_features
    std::vector<std::size_t>& block_count = s.block_count;
    block_first.resize(width);
    block_count.resize(width);
    while (!rules.terminal(s.beam[0])) {
        // Every sequence has 2n moves, so all items of the beam end together.
        s.beam_scores.resize(s.beam.size() * classes);
        candidates.clear();
        for (std::size_t i = 0; i < s.beam.size(); ++i) {
            float* sc = s.beam_scores.data() + i * classes;
            score_state(s.beam[i], sc, block_first[i], block_count[i]);
            for (int c = 0; c < static_cast<int>(classes); ++c)
                if (rules.valid(s.beam[i], c))
                    candidates.emplace_back(s.beam[i].score + sc[c], static_cast<int>(i * classes) + c);
        }
        // Best first; ties by item and move, so the result does not depend on the sort.
        auto better = [](const std::pair<float, int>& a, const std::pair<float, int>& b) {
            return a.first > b.first || (a.first == b.first && a.second < b.second);
        };
        std::size_t keep = std::min(width, candidates.size());
        std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep), candidates.end(), better);
        if (!training && m_beam_margin > 0) {
            // Sequences that trail the best by more than the margin are dropped early.
            const float floor = candidates[0].first - m_beam_margin / model.scale();
            while (keep > 1 && candidates[keep - 1].first < floor) --keep;
        }
        int gold_next = -1, gold_move = -1;
        if (training) gold_move = oracle->gold_move(*gold, n, rules);
        s.next_beam.resize(keep);
        for (std::size_t j = 0; j < keep; ++j) {
            const std::size_t item = static_cast<std::size_t>(candidates[j].second) / classes;
            const int move = candidates[j].second % static_cast<int>(classes);
            State& next = s.next_beam[j];
            next = s.beam[item];
            apply_move(next, move, labels);
            next.score = candidates[j].first;
            if (training) {
                s.history.push_back({s.beam[item].history, move, block_first[item], block_count[item]});
                next.history = static_cast<int>(s.history.size()) - 1;
                if (static_cast<int>(item) == gold_item && move == gold_move) gold_next = static_cast<int>(j);
            }
        }
        if (training) {
            // Advance the gold sequence and remember where it trails the beam's best the most.
            s.scores.resize(classes);
            std::size_t first = 0, count = 0;
            score_state(*gold, s.scores.data(), first, count);
            const float gold_score = gold->score + s.scores[static_cast<std::size_t>(gold_move)];
            s.history.push_back({gold->history, gold_move, first, count});
            apply_move(*gold, gold_move, labels);
            gold->score = gold_score;
            gold->history = static_cast<int>(s.history.size()) - 1;
            gold_item = gold_next;
            const float violation = s.next_beam[0].score - gold_score;
            if (gold_item != 0 && violation >= max_violation) {
                max_violation = violation;
                violation_pred = s.next_beam[0].history;
                violation_gold = gold->history;
            }
        }
        std::swap(s.beam, s.next_beam);
    }

    if (!training) {
        write_parse(sentence, s.beam[0], m_labels);
        return;
    }
    for (int i = 1; i <= n; ++i) {
        trainer->correct += s.beam[0].heads[static_cast<std::size_t>(i)] == s.gold_heads[static_cast<std::size_t>(i)];
        ++trainer->total;
    }
    if (violation_pred >= 0) {
        // Max-violation update: reward the gold prefix, penalise the predicted one, from where they
        // part (the shared beginning would cancel out).
        std::vector<int> pred_steps, gold_steps;
        for (int h = violation_pred; h >= 0; h = s.history[static_cast<std::size_t>(h)].previous) pred_steps.push_back(h);
        for (int h = violation_gold; h >= 0; h = s.history[static_cast<std::size_t>(h)].previous) gold_steps.push_back(h);
        std::reverse(pred_steps.begin(), pred_steps.end());
        std::reverse(gold_steps.begin(), gold_steps.end());
        std::size_t same = 0;
        while (same < pred_steps.size() && same < gold_steps.size() &&
               s.history[static_cast<std::size_t>(pred_steps[same])].move == s.history[static_cast<std::size_t>(gold_steps[same])].move)
            ++same;
        auto add = [&](const std::vector<int>& steps, float amount) {
            for (std::size_t k = same; k < steps.size(); ++k) {
                const Step& step = s.history[static_cast<std::size_t>(steps[k])];
                training->add(s.step_features.data() + step.first_feature, step.feature_count, step.move, amount);
            }
        };
        add(gold_steps, 1.0f);
        add(pred_steps, -1.0f);
    }
    training->tick();
}

void Parser::run_inference(Sentence& sentence, Scratch& scratch, bool cache) const {
    // Checked here rather than in prepare(): run() is built in two clones (vector_clones.hpp), and
    // with GCC 12 an exception thrown inside it ended the test process (std::terminate).
    const bool partner_clusters = m_partner && m_partner->needs_word_clusters() && !m_partner->m_clusters;
    if ((needs_word_clusters() && !m_clusters) || (partner_clusters && !m_clusters))
        throw std::logic_error("Parser: the model uses word classes (feature set 4); call set_word_clusters() first");
    if (m_beam > 1 && sentence.tokens.size() <= kMaxBeamWords)
        run_beam(sentence, scratch, nullptr, nullptr, cache);
    else
        run(sentence, scratch, nullptr, nullptr, cache && sentence.tokens.size() <= kMaxCachedWords);
}

void Parser::parse(Sentence& sentence, Scratch& scratch) const { run_inference(sentence, scratch, true); }

void Parser::parse(Sentence& sentence) const {
    Scratch scratch;
    parse(sentence, scratch);
}

void Parser::parse_uncached(Sentence& sentence) const {
    Scratch scratch;
    run_inference(sentence, scratch, false);
}

Parser Parser::train(const std::vector<Sentence>& sentences, const ParserTrainOptions& options) {
    Parser p;
    if (options.feature_set < 1 || options.feature_set > static_cast<int>(kFeatureSets))
        throw std::invalid_argument("Parser::train: unknown feature set " + std::to_string(options.feature_set));
    p.m_feature_set = static_cast<std::uint32_t>(options.feature_set);
    if (p.needs_word_clusters() && !options.word_clusters)
        throw std::invalid_argument("Parser::train: feature set 4 needs ParserTrainOptions::word_clusters");
    p.m_clusters = options.word_clusters;
    if (p.needs_supertags())
        for (const Sentence& s : sentences)
            for (const Token& t : s.tokens)
                if (t.supertag.empty())
                    throw std::invalid_argument("Parser::train: feature sets 5 and 6 need Token::supertag of every training word");
    if (options.beam < 1) throw std::invalid_argument("Parser::train: the beam width must be at least 1");
    p.m_beam = options.beam;
    std::map<std::string, int> label_ids;
    for (const Sentence& s : sentences)
        for (const Token& t : s.tokens)
            if (t.head != -1) label_ids.emplace(t.deprel, 0);  // an unknown arc's label is unknown too
    for (auto& [name, id] : label_ids) {
        id = static_cast<int>(p.m_labels.size());
        p.m_labels.push_back(name);
        if (name == "root") p.m_root_label = id;
    }
    std::vector<std::string> classes{"shift"};
    for (const std::string& l : p.m_labels) classes.push_back("left:" + l);
    for (const std::string& l : p.m_labels) classes.push_back("right:" + l);
    Perceptron model(classes);
    model.keep_only(options.keep_features);

    // Gold trees, projectivised. Head -1 marks an unknown arc (partial trees, greedy training only).
    std::vector<std::vector<int>> heads(sentences.size()), labels(sentences.size());
    for (std::size_t k = 0; k < sentences.size(); ++k) {
        const auto& toks = sentences[k].tokens;
        std::vector<int> h(toks.size() + 1, 0), l(toks.size() + 1, 0);
        bool ok = true, partial = false;
        for (std::size_t i = 0; i < toks.size(); ++i) {
            h[i + 1] = toks[i].head;
            partial = partial || toks[i].head == -1;
            if (toks[i].head != -1) l[i + 1] = label_ids[toks[i].deprel];
            ok = ok && toks[i].head >= -1 && toks[i].head <= static_cast<int>(toks.size());
        }
        if (partial && options.beam > 1)
            throw std::invalid_argument("Parser::train: partial trees (head -1) need greedy training (beam 1)");
        if (!ok) continue;
        heads[k] = projectivize(std::move(h));
        labels[k] = std::move(l);
    }

    Trainer trainer;
    trainer.rng.seed(options.seed);
    trainer.explore_probability = options.explore_probability;
    trainer.beam = options.beam;
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
                if (heads[k][i] >= 0) trainer.gold_deps[static_cast<std::size_t>(heads[k][i])].push_back(static_cast<int>(i));
            Sentence s = sentences[k];
            if (options.beam > 1)
                p.run_beam(s, scratch, &model, &trainer, false);
            else
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
    w.varint(m_feature_set);
    w.varint(static_cast<std::uint64_t>(m_beam));
    w.varint(m_labels.size());
    for (const std::string& l : m_labels) w.str(l);
    model_io::append_classifier(w, m_model);
    model_io::write_file(path, kKind, kVersion, w.bytes());
}

Parser Parser::load(const std::string& path) {
    Parser p;
    std::uint32_t version = 0;
    const std::string payload = model_io::read_file(path, kKind, kOldestVersion, kVersion, &version);
    model_io::ByteReader r(payload, "file " + path);
    p.m_feature_set = version;  // versions 1 and 2: the feature set, greedy
    if (version >= kBeamVersion) {
        const std::uint64_t features = r.count(kFeatureSets);
        if (features < 1) r.fail("unknown feature set 0");
        p.m_feature_set = static_cast<std::uint32_t>(features);
        const std::uint64_t beam = r.count(kMaxBeam);
        if (beam < 1) r.fail("beam width 0");
        if (version == kBeamVersion && beam < 2) r.fail("beam width below 2 in a version 3 file");
        p.m_beam = static_cast<int>(beam);
    }
    const std::uint64_t count = r.count(1024);
    for (std::uint64_t i = 0; i < count; ++i) {
        p.m_labels.push_back(r.str());
        if (p.m_labels.back() == "root") p.m_root_label = static_cast<int>(i);
    }
    p.m_model = model_io::read_last_classifier(r);
    if (p.m_model.class_count() != 1 + 2 * p.m_labels.size()) r.fail("class count does not match the label list");
    return p;
}

}  // namespace factgraph::nlp
