#include "factgraph/nlp/tagger.hpp"

#include "factgraph/core/error.hpp"
#include "best_class.hpp"
#include "model_io.hpp"
#include "word_features.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <random>

namespace factgraph::nlp {

namespace {

constexpr std::string_view kKind = "tagger";
constexpr std::uint32_t kVersion = 1;

// Layout of the per-token hashes in Scratch::words.
constexpr std::size_t kStride = 16;
enum Slot : std::size_t {
    kLower, kForm, kShape, kPre1, kPre2, kPre3, kPre4, kSuf1, kSuf2, kSuf3, kSuf4, kSuf5, kLastPart,
    kClass0, kClass1, kClass2  // the word's class at the three finest levels of the word classes
};

constexpr std::uint64_t kNoTag = 0xffff;

// Most features one token can have in one pass (28 templates, 3 rich ones, 4 of the word
// classes, 6 of the second pass).
constexpr std::size_t kMaxFeatures = 44;
constexpr std::uint64_t kUnknownWord = 0x756e6b6e6f776e31ULL;

}  // namespace

struct Tagger::Training {
    Perceptron* model;
    std::mt19937* rng;
    const std::unordered_map<std::uint64_t, int>* counts;  // lowercased-form hash -> count
    double dropout;
};

struct Tagger::Context {
    const std::uint64_t* words;
    const std::uint32_t* flags;
    const int* tags;        // this pass's tags, valid left of i
    const int* first_pass;  // pass-1 tags (pass 2 only)
    std::size_t size;

    std::uint64_t word(std::ptrdiff_t i, Slot slot) const {
        if (i < 0) return 0x5eed0000ULL + static_cast<std::uint64_t>(-i) * 131 + slot;
        if (static_cast<std::size_t>(i) >= size)
            return 0x5eed1000ULL + static_cast<std::uint64_t>(i - static_cast<std::ptrdiff_t>(size)) * 131 + slot;
        return words[static_cast<std::size_t>(i) * kStride + slot];
    }
    std::uint64_t tag(std::ptrdiff_t i) const {
        return i < 0 ? kNoTag + static_cast<std::uint64_t>(-i) : static_cast<std::uint64_t>(tags[i]);
    }
    std::uint64_t next_tag(std::ptrdiff_t i) const {
        return static_cast<std::size_t>(i) >= size ? kNoTag + 8 + static_cast<std::uint64_t>(i - static_cast<std::ptrdiff_t>(size))
                                                   : static_cast<std::uint64_t>(first_pass[i]);
    }
};

int Tagger::dict_lookup(std::uint64_t form_hash) const {
    const int* c = m_dict.find(form_hash);
    return c ? *c : -1;
}

void Tagger::features(const Context& c, std::size_t idx, int pass, std::vector<std::uint64_t>& f, Part part) const {
    // Written into a plain array: push_back stayed a call per feature.
    f.resize(kMaxFeatures);
    f.resize(write_features(c, idx, pass, f.data(), part));
}

std::size_t Tagger::write_features(const Context& c, std::size_t idx, int pass, std::uint64_t* f, Part part) const {
    std::size_t k = 0;
    auto put = [&](std::uint64_t h) { f[k++] = h; };
    using word_features::feat;
    const auto i = static_cast<std::ptrdiff_t>(idx);
    const std::uint64_t w = c.word(i, kLower), p1 = c.tag(i - 1), p2 = c.tag(i - 2);
    const std::uint32_t flags = c.flags[idx];
    // One list in the training order; a part keeps the templates that read tags, those that do
    // not (the same in both passes), or both.
    const bool words = part != Part::kTagged, tags = part != Part::kWordsOnly;
    if (words) {
        put(feat(0, 0));
        put(feat(1, w));
        put(feat(2, c.word(i, kForm)));
        put(feat(3, c.word(i, kSuf1)));
        put(feat(4, c.word(i, kSuf2)));
        put(feat(5, c.word(i, kSuf3)));
        put(feat(6, c.word(i, kSuf4)));
        put(feat(7, c.word(i, kPre1)));
        put(feat(8, c.word(i, kPre2)));
        put(feat(9, c.word(i, kPre3)));
        put(feat(10, c.word(i, kShape)));
        put(feat(11, flags, i == 0));
    }
    if (tags) {
        put(feat(12, p1));
        put(feat(13, p2));
        put(feat(14, p1, p2));
        put(feat(15, p1, w));
    }
    if (words) {
        put(feat(16, c.word(i - 1, kLower)));
        put(feat(17, c.word(i - 1, kSuf3)));
        put(feat(18, c.word(i - 2, kLower)));
        put(feat(19, c.word(i + 1, kLower)));
        put(feat(20, c.word(i + 1, kSuf3)));
        put(feat(21, c.word(i + 2, kLower)));
        put(feat(22, c.word(i - 1, kLower), w));
        put(feat(23, w, c.word(i + 1, kLower)));
        put(feat(24, c.word(i + 1, kShape)));
    }
    if (tags) put(feat(25, p1, c.word(i, kSuf3)));
    if (words) {
        put(feat(26, c.word(i - 1, kShape), c.word(i, kShape)));
        put(feat(27, c.word(i, kShape), i == 0));
        if (m_rich_word_features) {
            put(feat(28, c.word(i, kSuf5)));
            put(feat(29, c.word(i, kPre4)));
            if (const std::uint64_t part_hash = c.word(i, kLastPart)) put(feat(30, part_hash));
        }
        if (m_word_classes) {
            // Word classes from a large corpus tell how an unseen word is used ("kollam" is
            // used like "trivandrum"). Of the seven templates tried, these four scored best on
            // dev (UPOS +0.3 over no classes, seeds 1-3; docs/nlp.md, tenth round).
            put(feat(31, c.word(i, kClass0)));
            put(feat(33, c.word(i, kClass2)));
            put(feat(35, c.word(i - 1, kClass1)));
            put(feat(36, c.word(i + 1, kClass1)));
        }
    }
    if (!tags) return k;
    if (pass == 1) {
        const std::uint64_t n1 = c.next_tag(i + 1), n2 = c.next_tag(i + 2);
        put(feat(40, n1));
        put(feat(41, n2));
        put(feat(42, n1, n2));
        put(feat(43, p1, n1));
        put(feat(44, n1, w));
        put(feat(45, n1, c.word(i, kSuf3)));
    }
    return k;
}

void Tagger::decode(const Sentence& sentence, Scratch& s, Training* training, const std::vector<int>* gold) const {
    if (m_word_classes && !m_clusters) throw std::logic_error("Tagger: a model with word-class features needs set_word_clusters()");
    const std::size_t n = sentence.tokens.size();
    s.words.resize(n * kStride);
    s.flags.resize(n);
    s.tags.assign(n, 0);
    s.first_pass.assign(n, 0);
    if (m_word_classes) {
        // The class table is larger than the caches: start every token's lookup before the first.
        s.class_keys.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            s.class_keys[i] = WordClusters::key(sentence.tokens[i].form);
            m_clusters->prefetch(s.class_keys[i]);
        }
    }
    word_features::WordHashes wh;
    for (std::size_t i = 0; i < n; ++i) {
        word_features::compute(sentence.tokens[i].form, wh);
        std::uint64_t* w = &s.words[i * kStride];
        w[kLower] = wh.lower;
        w[kForm] = wh.form;
        w[kShape] = wh.shape;
        w[kPre1] = wh.prefix[0];
        w[kPre2] = wh.prefix[1];
        w[kPre3] = wh.prefix[2];
        w[kPre4] = wh.prefix[3];
        for (int k = 0; k < 5; ++k) w[kSuf1 + k] = wh.suffix[k];
        w[kLastPart] = wh.last_part;
        if (m_word_classes) {
            const WordClusters::Classes classes = m_clusters->classes_of_key(s.class_keys[i]);
            for (std::size_t level = 0; level <= kClass2 - kClass0; ++level)
                w[kClass0 + level] = Perceptron::combine(0xc1a55e5ULL + level, classes[level]);
        }
        s.flags[i] = wh.flags;
        if (training && training->dropout > 0) {
            // Words seen once look like unknown words half the time, so the classifier learns to
            // tag from suffixes and shape too instead of memorising them.
            auto it = training->counts->find(wh.lower);
            if (it != training->counts->end() && it->second <= 1 &&
                std::uniform_real_distribution<double>(0, 1)(*training->rng) < training->dropout)
                w[kLower] = w[kForm] = kUnknownWord;
        }
    }
    const Perceptron& model = training ? *training->model : m_model;
    s.scores.resize(model.class_count());
    s.first_pass_margins.assign(n, 0.0f);
    const int passes = m_two_pass ? 2 : 1;
    for (int pass = 0; pass < passes; ++pass) {
        std::vector<int>& out = (pass == 0) ? s.first_pass : s.tags;
        Context c{s.words.data(), s.flags.data(), out.data(), s.first_pass.data(), n};
        for (std::size_t i = 0; i < n; ++i) {
            const int fixed = dict_lookup(s.words[i * kStride + kForm]);
            if (fixed >= 0) {
                out[i] = fixed;
                continue;
            }
            if (!training) {
                // Raw (unscaled, exact integer) sums: the templates that do not read tags are
                // scored once in pass 1 and reused in pass 2; same tags as scoring them twice.
                const std::size_t classes = s.scores.size();
                if (s.word_scores.size() < n * classes) s.word_scores.resize(n * classes);
                float* ws = s.word_scores.data() + i * classes;
                if (pass == 0) {
                    features(c, i, pass, s.features, Part::kWordsOnly);
                    std::fill(ws, ws + classes, 0.0f);
                    model.accumulate(s.features.data(), s.features.size(), ws);
                }
                if (pass == 1 && s.first_pass_margins[i] > m_second_pass_margin) {
                    out[i] = s.first_pass[i];
                    continue;
                }
                features(c, i, pass, s.features, Part::kTagged);
                std::copy(ws, ws + classes, s.scores.begin());
                model.accumulate(s.features.data(), s.features.size(), s.scores.data());
                if (pass == 0) {
                    const detail::BestClass best = detail::best_with_lead(s.scores.data(), s.scores.size());
                    out[i] = best.index;
                    s.first_pass_margins[i] = best.lead * model.scale();
                } else {
                    out[i] = detail::first_best(s.scores.data(), s.scores.size());
                }
                continue;
            }
            features(c, i, pass, s.features, Part::kAll);
            model.score(s.features.data(), s.features.size(), s.scores.data());
            const int guess = static_cast<int>(std::max_element(s.scores.begin(), s.scores.end()) - s.scores.begin());
            if (training) training->model->update(s.features, (*gold)[i], guess);
            out[i] = guess;
        }
    }
    if (!m_two_pass) s.tags = s.first_pass;  // the final classes are always in s.tags
}

const std::vector<int>& Tagger::classes_of(const Sentence& sentence, Scratch& scratch) const {
    decode(sentence, scratch, nullptr, nullptr);
    return scratch.tags;
}

void Tagger::tag(Sentence& sentence, Scratch& scratch) const {
    const std::vector<int>& classes = classes_of(sentence, scratch);
    for (std::size_t i = 0; i < sentence.tokens.size(); ++i) {
        sentence.tokens[i].upos = m_upos[static_cast<std::size_t>(classes[i])];
        sentence.tokens[i].xpos = m_xpos[static_cast<std::size_t>(classes[i])];
    }
}

void Tagger::tag(Sentence& sentence) const {
    Scratch scratch;
    tag(sentence, scratch);
}

Tagger Tagger::train(const std::vector<Sentence>& sentences, const TaggerTrainOptions& options) {
    Tagger t;
    t.m_two_pass = options.two_pass;
    t.m_rich_word_features = options.rich_word_features;
    t.m_word_classes = options.word_clusters != nullptr;
    t.m_clusters = options.word_clusters;
    // Classes: every observed UPOS/XPOS pair, in a stable order.
    std::map<std::string, int> class_ids;
    std::map<std::string, std::map<int, int>> form_counts;
    for (const Sentence& s : sentences)
        for (const Token& tok : s.tokens) class_ids.emplace(tok.upos + ' ' + tok.xpos, 0);
    std::vector<std::string> classes;
    for (auto& [name, id] : class_ids) {
        id = static_cast<int>(classes.size());
        classes.push_back(name);
    }
    std::vector<std::vector<int>> gold(sentences.size());
    for (std::size_t k = 0; k < sentences.size(); ++k)
        for (const Token& tok : sentences[k].tokens) {
            const int id = class_ids[tok.upos + ' ' + tok.xpos];
            gold[k].push_back(id);
            ++form_counts[tok.form][id];
        }
    for (const auto& [form, counts] : form_counts) {
        int total = 0, best = -1, best_count = 0;
        for (auto [id, count] : counts) {
            total += count;
            if (count > best_count) best = id, best_count = count;
        }
        if (total >= options.dict_min_count && best_count >= options.dict_min_ratio * total)
            t.m_dict.insert(Perceptron::hash(form), best);
    }
    for (const std::string& c : classes) {
        const std::size_t sp = c.find(' ');
        t.m_upos.push_back(c.substr(0, sp));
        t.m_xpos.push_back(c.substr(sp + 1));
    }
    Perceptron model(classes);
    std::vector<std::size_t> order(sentences.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937 rng(options.seed);
    std::unordered_map<std::uint64_t, int> counts;
    for (const Sentence& s : sentences)
        for (const Token& tok : s.tokens) ++counts[word_features::lower_hash(tok.form)];
    Training training{&model, &rng, &counts, options.rare_word_dropout};
    Scratch scratch;
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        std::size_t correct = 0, total = 0;
        for (std::size_t k : order) {
            t.decode(sentences[k], scratch, &training, &gold[k]);
            for (std::size_t i = 0; i < gold[k].size(); ++i) correct += scratch.tags[i] == gold[k][i];
            total += gold[k].size();
        }
        if (options.progress) options.progress(epoch, total ? double(correct) / double(total) : 0.0);
    }
    model.finalize();
    if (options.prune_below > 0) model.prune(options.prune_below);
    t.m_model = std::move(model);
    return t;
}

void Tagger::save(const std::string& path) const { save_as(path, kKind); }

Tagger Tagger::load(const std::string& path) { return load_as(path, kKind); }

void Tagger::save_as(const std::string& path, std::string_view kind) const {
    model_io::ByteWriter w;
    // Bit 0: two passes; bit 1: suffix 5 / prefix 4 / hyphen-part features; bit 2: word-class
    // features (bits 1 and 2 absent in older files).
    w.u8(static_cast<std::uint8_t>((m_two_pass ? 1 : 0) | (m_rich_word_features ? 2 : 0) | (m_word_classes ? 4 : 0)));
    std::vector<std::pair<std::uint64_t, int>> dict = m_dict.entries();
    std::sort(dict.begin(), dict.end());
    w.varint(dict.size());
    for (auto [h, c] : dict) {
        w.u64(h);
        w.varint(static_cast<std::uint64_t>(c));
    }
    model_io::append_classifier(w, m_model);
    model_io::write_file(path, kind, kVersion, w.bytes());
}

Tagger Tagger::load_as(const std::string& path, std::string_view kind) {
    const std::string payload = model_io::read_file(path, kind, kVersion);
    model_io::ByteReader r(payload, "file " + path);
    Tagger t;
    const std::uint8_t flags = r.u8();
    if (flags > 7) r.fail("unknown tagger flags");
    t.m_two_pass = (flags & 1) != 0;
    t.m_rich_word_features = (flags & 2) != 0;
    t.m_word_classes = (flags & 4) != 0;
    const std::uint64_t entries = r.count(payload.size());
    std::vector<std::pair<std::uint64_t, std::uint64_t>> dict;
    for (std::uint64_t i = 0; i < entries; ++i) {
        const std::uint64_t h = r.u64();
        dict.emplace_back(h, r.varint());
    }
    t.m_model = model_io::read_last_classifier(r);
    for (auto [h, c] : dict) {
        if (c >= t.m_model.class_count()) r.fail("tag dictionary class out of range");
        t.m_dict.insert(h, static_cast<int>(c));
    }
    for (const std::string& c : t.m_model.classes()) {
        const std::size_t sp = c.find(' ');
        if (sp == std::string::npos) r.fail("bad tag class '" + c + "'");
        t.m_upos.push_back(c.substr(0, sp));
        t.m_xpos.push_back(c.substr(sp + 1));
    }
    return t;
}

}  // namespace factgraph::nlp
