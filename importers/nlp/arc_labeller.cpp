#include "factgraph/nlp/arc_labeller.hpp"

#include "factgraph/core/error.hpp"
#include "model_io.hpp"
#include "word_features.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

namespace factgraph::nlp {

namespace {

constexpr std::string_view kKind = "arc-labeller";
constexpr std::uint32_t kVersion = 1;

constexpr std::uint64_t kRootWord = 0x726f6f7400000012ULL, kRootTag = 0x726f6f7400000014ULL;
constexpr std::uint64_t kNone = 0x6e6f6e6500000011ULL;

// Words whose identity matters as a dependent's or sibling's dependent: "by" makes obl:agent,
// "was" makes nsubj:pass, "that" makes a clause ccomp or acl:relcl.
bool function_word(const std::string& upos) {
    return upos == "ADP" || upos == "AUX" || upos == "SCONJ" || upos == "PART" || upos == "DET" ||
           upos == "PRON" || upos == "CCONJ" || upos == "PUNCT" || upos == "ADV";
}

// The parsed sentence as arrays indexed by node (0 = root, 1..n = tokens).
struct Tree {
    int n = 0;
    std::vector<std::uint64_t> word, tag, upos, label;
    std::vector<int> head;
    std::vector<unsigned char> func, capital;
    std::vector<std::vector<int>> children;  // in sentence order
    std::vector<int> punct_before;           // punctuation among tokens 1..i-1

    void build(const Sentence& s) {
        n = static_cast<int>(s.tokens.size());
        const std::size_t nodes = static_cast<std::size_t>(n) + 1;
        word.assign(nodes, kRootWord);
        tag.assign(nodes, kRootTag);
        upos.assign(nodes, kRootTag);
        label.assign(nodes, kNone);
        head.assign(nodes, -1);
        func.assign(nodes, 0);
        capital.assign(nodes, 0);
        children.resize(nodes);
        for (auto& c : children) c.clear();
        punct_before.assign(nodes + 1, 0);
        for (int i = 1; i <= n; ++i) {
            const Token& t = s.tokens[static_cast<std::size_t>(i) - 1];
            const std::size_t k = static_cast<std::size_t>(i);
            word[k] = word_features::lower_hash(t.form);
            upos[k] = Perceptron::hash(t.upos);
            tag[k] = word_features::mix(upos[k] ^ word_features::rotl(Perceptron::hash(t.xpos), 29));
            label[k] = Perceptron::hash(t.deprel);
            head[k] = t.head >= 0 && t.head <= n ? t.head : -1;
            func[k] = function_word(t.upos);
            capital[k] = !t.form.empty() && t.form[0] >= 'A' && t.form[0] <= 'Z';
            punct_before[k + 1] = punct_before[k] + (t.upos == "PUNCT");
        }
        for (int i = 1; i <= n; ++i)
            if (head[static_cast<std::size_t>(i)] >= 0) children[static_cast<std::size_t>(head[static_cast<std::size_t>(i)])].push_back(i);
    }
};

// The features of the arc into node d (d's head must be set).
void arc_features(const Tree& t, int d, std::vector<std::uint64_t>& f) {
    using word_features::feat;
    const auto at = [](const std::vector<std::uint64_t>& v, int i) { return i >= 0 ? v[static_cast<std::size_t>(i)] : kNone; };
    const std::size_t dk = static_cast<std::size_t>(d);
    const int h = t.head[dk];
    const int g = h > 0 ? t.head[static_cast<std::size_t>(h)] : -1;
    const std::uint64_t dw = t.word[dk], dp = t.tag[dk], hw = at(t.word, h), hp = at(t.tag, h);
    const std::uint64_t dir = h == 0 ? 3 : (d < h ? 1 : 2);
    const std::uint64_t dist = word_features::distance_bucket(std::abs(d - h));
    const std::uint64_t dpd = feat(0, dp, dir);
    f.clear();
    f.push_back(feat(1, dw));
    f.push_back(feat(2, dp));
    f.push_back(feat(3, dw, dp));
    f.push_back(feat(4, hw, dir));
    f.push_back(feat(5, hp, dir));
    f.push_back(feat(6, hw, hp, dir));
    f.push_back(feat(7, hp, dpd));
    f.push_back(feat(8, hw, dpd));
    f.push_back(feat(9, hp, dw, dir));
    f.push_back(feat(10, hw, dw, dir));
    f.push_back(feat(11, hp, dpd, dist));
    f.push_back(feat(12, at(t.upos, g), at(t.upos, h), t.upos[dk]));
    f.push_back(feat(13, at(t.word, g), hp, dpd));
    f.push_back(feat(14, at(t.label, h), dpd));
    f.push_back(feat(15, at(t.label, h), hp, dpd));
    f.push_back(feat(16, t.capital[dk], hp, dpd));
    f.push_back(feat(17, dp, at(t.tag, d + 1 <= t.n ? d + 1 : -1), hp));
    f.push_back(feat(18, dp, at(t.tag, d - 1), hp));
    // What lies between head and dependent.
    if (h > 0) {
        const int lo = std::min(h, d), hi = std::max(h, d);
        const int punct = t.punct_before[static_cast<std::size_t>(hi)] - t.punct_before[static_cast<std::size_t>(lo) + 1];
        f.push_back(feat(19, static_cast<std::uint64_t>(std::min(punct, 2)), hp, dpd));
    }
    // The dependent's own dependents.
    const auto& kids = t.children[dk];
    f.push_back(feat(20, static_cast<std::uint64_t>(std::min<std::size_t>(kids.size(), 4)), dpd));
    for (int c : kids) {
        const std::size_t ck = static_cast<std::size_t>(c);
        const std::uint64_t side = c < d ? 1 : 2;
        f.push_back(feat(21, t.tag[ck], side, dpd));
        f.push_back(feat(22, t.label[ck], dpd));
        f.push_back(feat(23, t.label[ck], hp, dpd));
        if (t.func[ck]) f.push_back(feat(24, t.word[ck], t.label[ck], dpd));
    }
    // Its siblings (the head's other dependents), on which side of it they are.
    if (h >= 0) {
        const auto& sibs = t.children[static_cast<std::size_t>(h)];
        std::uint64_t before = 0, after = 0;
        for (int c : sibs) {
            if (c == d) continue;
            const std::size_t ck = static_cast<std::size_t>(c);
            const std::uint64_t side = c < d ? 1 : 2;
            (c < d ? before : after)++;
            f.push_back(feat(25, t.label[ck], side, dpd));
            f.push_back(feat(26, t.tag[ck], side, feat(0, dpd, hp)));
            if (t.func[ck]) f.push_back(feat(27, t.word[ck], side, dpd));
        }
        f.push_back(feat(28, std::min<std::uint64_t>(before, 3), std::min<std::uint64_t>(after, 3), feat(0, dpd, hp)));
    }
}

}  // namespace

ArcLabeller ArcLabeller::train(const std::vector<Sentence>& sentences, const ArcLabellerTrainOptions& options) {
    std::map<std::string, int> ids;
    for (const Sentence& s : sentences)
        for (const Token& t : s.tokens) ids.emplace(t.deprel, 0);
    std::vector<std::string> names;
    for (auto& [name, id] : ids) {
        id = static_cast<int>(names.size());
        names.push_back(name);
    }
    ArcLabeller labeller;
    labeller.m_root_label = ids.count("root") ? ids["root"] : -1;
    labeller.m_parser_bonus = options.parser_bonus;
    Perceptron model(names);
    std::mt19937 rng(options.seed);
    std::bernoulli_distribution keep(1.0 - static_cast<double>(options.feature_dropout));
    std::vector<std::size_t> order(sentences.size());
    std::iota(order.begin(), order.end(), 0);
    Tree tree;
    std::vector<std::uint64_t> f;
    std::vector<float> scores;
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        std::size_t right = 0, total = 0;
        for (std::size_t k : order) {
            const Sentence& s = sentences[k];
            tree.build(s);
            for (int d = 1; d <= tree.n; ++d) {
                const int head = tree.head[static_cast<std::size_t>(d)];
                if (head < 0) continue;
                const int truth = ids[s.tokens[static_cast<std::size_t>(d) - 1].deprel];
                arc_features(tree, d, f);
                // Feature dropout: no single feature (a memorised word pair) can carry every decision.
                if (options.feature_dropout > 0) std::erase_if(f, [&](std::uint64_t) { return !keep(rng); });
                model.score(f, scores);
                int guess = -1;
                for (int c = 0; c < static_cast<int>(scores.size()); ++c) {
                    if ((c == labeller.m_root_label) != (head == 0)) continue;
                    if (guess < 0 || scores[static_cast<std::size_t>(c)] > scores[static_cast<std::size_t>(guess)]) guess = c;
                }
                if (guess < 0) guess = truth;
                model.update(f, truth, guess);
                right += guess == truth;
                ++total;
            }
        }
        if (options.progress) options.progress(epoch, total ? double(right) / double(total) : 0.0);
    }
    model.finalize();
    if (options.prune_below > 0) model.prune(options.prune_below);
    labeller.m_model = std::move(model);
    return labeller;
}

void ArcLabeller::score(const Sentence& sentence, std::vector<float>& scores) const {
    Tree tree;
    tree.build(sentence);
    const std::size_t classes = m_model.class_count();
    scores.assign(static_cast<std::size_t>(tree.n) * classes, 0.0f);
    std::vector<std::uint64_t> f;
    for (int d = 1; d <= tree.n; ++d) {
        if (tree.head[static_cast<std::size_t>(d)] < 0) continue;
        arc_features(tree, d, f);
        m_model.score(f.data(), f.size(), scores.data() + static_cast<std::size_t>(d - 1) * classes);
    }
}

void ArcLabeller::label(Sentence& sentence) const {
    std::vector<float> scores;
    score(sentence, scores);
    const std::size_t classes = m_model.class_count();
    for (std::size_t i = 0; i < sentence.tokens.size(); ++i) {
        Token& t = sentence.tokens[i];
        if (t.head < 0 || t.head > static_cast<int>(sentence.tokens.size())) continue;
        const float* s = scores.data() + i * classes;
        const int parser_choice = m_model.class_id(t.deprel);
        int best = -1;
        float best_score = 0;
        for (int c = 0; c < static_cast<int>(classes); ++c) {
            if ((c == m_root_label) != (t.head == 0)) continue;
            const float v = s[c] + (c == parser_choice ? m_parser_bonus : 0.0f);
            if (best < 0 || v > best_score) best = c, best_score = v;
        }
        if (best >= 0) t.deprel = m_model.class_name(best);
    }
}

void ArcLabeller::save(const std::string& path) const {
    model_io::ByteWriter w;
    w.f32(m_parser_bonus);
    model_io::append_classifier(w, m_model);
    model_io::write_file(path, kKind, kVersion, w.bytes());
}

ArcLabeller ArcLabeller::load(const std::string& path) {
    const std::string payload = model_io::read_file(path, kKind, kVersion);
    model_io::ByteReader r(payload, "file " + path);
    ArcLabeller labeller;
    labeller.m_parser_bonus = r.f32();
    if (!std::isfinite(labeller.m_parser_bonus)) r.fail("parser bonus is not a number");
    labeller.m_model = model_io::read_last_classifier(r);
    labeller.m_root_label = labeller.m_model.class_id("root");
    return labeller;
}

}  // namespace factgraph::nlp
