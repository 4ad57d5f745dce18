#include "factgraph/nlp/pipeline.hpp"

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <tuple>

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"
#include "factgraph/nlp/arc_labeller.hpp"
#include "factgraph/nlp/entity_recognizer.hpp"
#include "factgraph/nlp/lemmatizer.hpp"
#include "factgraph/nlp/parser.hpp"
#include "factgraph/nlp/supertagger.hpp"
#include "factgraph/nlp/tagger.hpp"
#include "factgraph/nlp/tokenizer.hpp"

namespace factgraph::nlp {

namespace fs = std::filesystem;

fs::path resolve_data_dir(const std::string& explicit_dir) {
    if (!explicit_dir.empty()) return explicit_dir;
    if (const char* env = std::getenv("FACTGRAPH_DATA_DIR"); env && *env) return env;
    return FACTGRAPH_DEFAULT_DATA_DIR;
}

struct Pipeline::Models {
    Tokenizer tokenizer;
    Tagger tagger;
    Lemmatizer lemmatizer;
    Parser parser;
    Parser partner;  // accurate mode: the greedy parser, whose move scores the beam search adds
    std::optional<Supertagger> supertagger;  // for a parser (or partner) of feature set 5
    std::optional<ArcLabeller> labeller;  // accurate mode: relabels the finished parse
    EntityRecognizer recognizer;

    // Each annotate() call's buffers, kept for the next call (one set per thread annotating at
    // once): the supertag network's cache of word shares then lasts across articles.
    struct Scratch {
        Tagger::Scratch tag;
        Supertagger::Scratch supertag;
        Parser::Scratch parse;
    };
    std::mutex idle_lock;
    std::vector<std::unique_ptr<Scratch>> idle;

    std::unique_ptr<Scratch> take_scratch() {
        const std::lock_guard<std::mutex> lock(idle_lock);
        if (idle.empty()) return std::make_unique<Scratch>();
        std::unique_ptr<Scratch> scratch = std::move(idle.back());
        idle.pop_back();
        return scratch;
    }
    void give_back(std::unique_ptr<Scratch> scratch) {
        const std::lock_guard<std::mutex> lock(idle_lock);
        idle.push_back(std::move(scratch));
    }
};

namespace {

fs::path existing(const fs::path& path) {
    if (!fs::exists(path))
        throw ModelError(path.string() + ": model file not found (set --data or FACTGRAPH_DATA_DIR to the folder "
                                         "holding models/ and lexicons/, or retrain with scripts/train-models)");
    return path;
}

}  // namespace

Pipeline::Pipeline(const fs::path& data_dir, ParserSpeed speed)
    : Pipeline(data_dir / "models", data_dir / "lexicons", speed) {}

Pipeline::Pipeline(const fs::path& models, const fs::path& lexicons, ParserSpeed speed)
    : m_models(std::make_unique<Models>()) {
    m_models->tagger = Tagger::load(existing(models / "tagger.bin").string());
    m_models->lemmatizer = Lemmatizer::load(existing(models / "lemmatizer.bin").string());
    if (speed == ParserSpeed::beam) {
        // Beam search over the sum of the beam model's scores and a fifth of the greedy model's:
        // the two were trained differently and together parse better than either (on UD English-
        // EWT dev +0.24 UAS, +0.37 LAS over the beam model alone, for any weight from 0.05 to
        // 0.3; docs/nlp.md).
        m_models->parser = Parser::load(existing(models / "parser-beam.bin").string());
        m_models->partner = Parser::load(existing(models / "parser.bin").string());
        m_models->parser.set_partner(&m_models->partner, 0.2f);
        // A second opinion on the labels from a classifier that sees the whole tree (+0.1 LAS).
        m_models->labeller = ArcLabeller::load(existing(models / "arc-labeller.bin").string());
    } else {
        // The accurate parser reads supertags (feature set 5; the supertagger is loaded below).
        const char* file = speed == ParserSpeed::accurate ? "parser-supertags.bin" : "parser.bin";
        m_models->parser = Parser::load(existing(models / file).string());
    }
    if (m_models->parser.needs_supertags() || m_models->partner.needs_supertags())
        m_models->supertagger = Supertagger::load(existing(models / "supertagger.bin").string());
    m_models->recognizer = EntityRecognizer::load(existing(models / "ner.bin"), lexicons);
    // The tagger and a parser of feature set 4 read the word classes the recogniser loaded with
    // its lexicons (all live in m_models, which never moves).
    const WordClusters* classes = &m_models->recognizer.gazetteer().word_clusters();
    m_models->tagger.set_word_clusters(classes);
    m_models->parser.set_word_clusters(classes);
    m_models->partner.set_word_clusters(classes);
    if (m_models->supertagger) {
        m_models->supertagger->set_word_clusters(classes);
        m_models->supertagger->set_word_vectors(&m_models->recognizer.gazetteer().word_vectors());
    }
}

Pipeline::~Pipeline() = default;
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;

std::vector<Sentence> Pipeline::annotate(std::string_view text) const {
    std::vector<Sentence> sentences = m_models->tokenizer.tokenize(text);
    annotate(sentences);
    return sentences;
}

namespace {

// A capitalised word inside a name the recogniser found is a proper noun, whatever the tagger
// made of it out of context ("Wells Fargo announced ..." with "Wells" read as a verb): the
// parser then builds the name instead of a clause around it. Only nouns and verbs change: UD
// English tags "United" in "United States" as an adjective, and function words keep their tags
// ("Bank of America", "The Hague"). On UD English-EWT dev (`factgraph nlp --input conllu`) UPOS goes
// from 94.99 to 95.03 and UAS from 84.21 to 84.23.
void names_are_proper_nouns(Sentence& s) {
    for (auto& t : s.tokens) {
        if (t.ner.empty() || t.ner == "O" || t.form.empty() || !std::isupper(static_cast<unsigned char>(t.form[0])))
            continue;
        // adjectives stay ("United States", "Islamic State" in UD English), as do function words
        if (t.upos != "NOUN" && t.upos != "VERB") continue;
        t.upos = "PROPN";
        t.xpos = t.xpos == "NNS" || t.xpos == "NNPS" ? "NNPS" : "NNP";
    }
}

}  // namespace

// A person's or organisation's name of several proper nouns is one unit in UD English: a person
// is `flat` under the first name ("Mark Z. Barabak"), an organisation `compound` under its last
// word ("Wells Fargo"). The parser often splits such a name across the clause; the recogniser's
// span puts it back together: the name's head takes the attachment the parser gave the span,
// and whatever depended on another word of the name depends on its head. On UD English-EWT dev
// (`factgraph nlp --input conllu`) UAS goes from 84.23 to 84.42 and LAS from 81.02 to 81.19.
// Places are left alone: inside place names the heads improved by 2 and the labels got worse by 2.
void shape_names(Sentence& s) {
    auto& toks = s.tokens;
    const int n = static_cast<int>(toks.size());
    for (int b = 0; b < n;) {
        const std::string& tag = toks[static_cast<std::size_t>(b)].ner;
        if (tag.size() < 3 || tag[0] != 'B') {
            ++b;
            continue;
        }
        std::string type = tag.substr(2);
        int e = b + 1;
        while (e < n && toks[static_cast<std::size_t>(e)].ner == "I-" + type) ++e;
        bool proper = e - b > 1 && (type == "PER" || type == "ORG");
        for (int k = b; k < e && proper; ++k) proper = toks[static_cast<std::size_t>(k)].upos == "PROPN";
        if (!proper) {
            b = e;
            continue;
        }
        // the span's attachment: the head outside it of the token nearest the root
        auto depth = [&](int k) {
            int d = 0;
            for (int h = toks[static_cast<std::size_t>(k)].head; h > 0 && d <= n; h = toks[static_cast<std::size_t>(h - 1)].head) ++d;
            return d;
        };
        int top = -1;
        for (int k = b; k < e; ++k) {
            int h = toks[static_cast<std::size_t>(k)].head;
            bool outside = h == 0 || h - 1 < b || h - 1 >= e;
            if (outside && (top < 0 || depth(k) < depth(top))) top = k;
        }
        if (top < 0) {  // a parse with a cycle inside the span: leave it
            b = e;
            continue;
        }
        // Only the changed tokens are saved (to undo the change if it breaks the tree), so a long
        // sentence with many names costs linear time per name, not a copy of the sentence.
        std::vector<std::tuple<int, int, std::string>> saved;
        auto set = [&](int k, int new_head, const std::string& new_deprel) {
            Token& t = toks[static_cast<std::size_t>(k)];
            saved.emplace_back(k, t.head, t.deprel);
            t.head = new_head;
            t.deprel = new_deprel;
        };
        const int head = type == "PER" ? b : e - 1;
        const Token& top_token = toks[static_cast<std::size_t>(top)];
        set(head, top_token.head, std::string(top_token.deprel));
        for (int k = b; k < e; ++k)
            if (k != head) set(k, head + 1, type == "PER" ? "flat" : "compound");
        // what depended on a word of the name depends on the name ("Barabak, a reporter")
        for (int k = 0; k < n; ++k) {
            const Token& t = toks[static_cast<std::size_t>(k)];
            const int h = t.head - 1;
            if ((k < b || k >= e) && h >= b && h < e && h != head) set(k, head + 1, std::string(t.deprel));
        }
        // Every token must still reach the root. Before the change the parse was a tree, and only
        // the name's head got a new head (the span's attachment), so a cycle can only pass through
        // it: walk up from there. If one appears, the parse keeps its own reading.
        bool tree = true;
        int steps = 0;
        for (int h = toks[static_cast<std::size_t>(head)].head; h > 0 && tree; h = toks[static_cast<std::size_t>(h - 1)].head)
            tree = h - 1 != head && ++steps <= n;
        if (!tree)
            for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
                Token& t = toks[static_cast<std::size_t>(std::get<0>(*it))];
                t.head = std::get<1>(*it);
                t.deprel = std::move(std::get<2>(*it));
            }
        b = e;
    }
}

// A word has one subject, but the greedy parser sometimes gives a verb two, split from one noun
// phrase before it: "An adviser to Mr Okafor said ..." (a prepositional modifier, the preposition
// read as a marker of the verb) and "The Israelis and their leadership find ..." (a coordination).
// When two subjects of a later word are separated by a single preposition or conjunction only, the
// second is an `nmod` (with the preposition as its `case`) or a `conj` (with the conjunction as
// its `cc`) of the first. On UD English-EWT dev this changes five sentences, all for the better.
void join_split_subjects(Sentence& s) {
    auto& toks = s.tokens;
    const std::size_t n = toks.size();
    auto subject = [](const Token& t) { return t.deprel == "nsubj" || t.deprel == "nsubj:pass"; };
    // Most sentences have no word with two subjects: only those pay for the spans below.
    std::vector<std::uint8_t> subjects_of(n + 1, 0);
    bool two = false;
    for (const Token& t : toks)
        if (subject(t) && t.head > 0 && static_cast<std::size_t>(t.head) <= n)
            two = two || ++subjects_of[static_cast<std::size_t>(t.head)] == 2;
    if (!two) return;
    // subtree spans: the lowest and highest token whose path to the root passes the token
    std::vector<std::size_t> lo(n), hi(n);
    for (std::size_t i = 0; i < n; ++i) lo[i] = hi[i] = i;
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t steps = 0;
        for (int h = toks[i].head; h > 0 && steps <= n; h = toks[static_cast<std::size_t>(h - 1)].head, ++steps) {
            const std::size_t a = static_cast<std::size_t>(h - 1);
            lo[a] = std::min(lo[a], i);
            hi[a] = std::max(hi[a], i);
        }
    }
    auto first_subject_ending_at = [&](int verb, std::size_t last) {
        for (std::size_t k = 0; k <= last; ++k)
            if (subject(toks[k]) && toks[k].head == verb && hi[k] == last) return k;
        return n;
    };
    auto has_dependent = [&](std::size_t h, std::initializer_list<std::string_view> rels) {
        for (const Token& t : toks)
            if (t.head == static_cast<int>(h) + 1)
                for (std::string_view r : rels)
                    if (t.deprel == r) return true;
        return false;
    };
    for (std::size_t b = 0; b < n; ++b) {
        if (!subject(toks[b]) || toks[b].head <= 0) continue;
        const int verb = toks[b].head;  // 1-based
        if (static_cast<std::size_t>(verb - 1) <= b || lo[b] < 2) continue;
        const std::size_t before = lo[b] - 1;
        const Token& w = toks[before];
        const bool coordination = w.upos == "CCONJ";
        if ((w.upos == "ADP" || coordination) && lo[before] == before && hi[before] == before &&
            (w.head == verb || w.head == static_cast<int>(b) + 1)) {
            const std::size_t a = first_subject_ending_at(verb, before - 1);
            if (a == n) continue;
            toks[b].head = static_cast<int>(a) + 1;
            toks[b].deprel = coordination ? "conj" : "nmod";
            toks[before].head = static_cast<int>(b) + 1;
            toks[before].deprel = coordination ? "cc" : "case";
            hi[a] = hi[b];  // the spans are only read again for words after b
            continue;
        }
        // "Another company identified by Amnesty as hosting NSO servers was DigitalOcean": the
        // "as" clause of the subject's participle attached to the verb, its object a second subject.
        // The clause goes back to the participle that ends the first subject, the object to it.
        std::size_t v = n;
        for (std::size_t k = 0; k < before + 1; ++k)
            if (toks[k].head == verb && hi[k] == before) v = k;
        if (v == n || toks[v].upos != "VERB" || lo[v] < 1 || text::ascii_lower(toks[lo[v]].form) != "as" ||
            has_dependent(v, {"obj", "nsubj", "nsubj:pass"}))
            continue;
        const std::size_t a = first_subject_ending_at(verb, lo[v] - 1);
        if (a == n) continue;
        std::size_t participle = n;
        for (std::size_t k = lo[a]; k <= hi[a]; ++k)
            if (toks[k].deprel == "acl" && toks[k].xpos == "VBN" && hi[k] == hi[a]) participle = k;
        if (participle == n) continue;
        toks[v].head = static_cast<int>(participle) + 1;
        toks[v].deprel = "advcl";
        toks[b].head = static_cast<int>(v) + 1;
        toks[b].deprel = "obj";
        hi[a] = hi[b];
    }
}

const Gazetteer& Pipeline::gazetteer() const { return m_models->recognizer.gazetteer(); }

void Pipeline::annotate(std::vector<Sentence>& sentences) const {
    // The recogniser reads words only, so it runs first and its names inform the tags.
    m_models->recognizer.recognize(sentences);
    std::unique_ptr<Models::Scratch> scratch = m_models->take_scratch();
    for (auto& s : sentences) {
        m_models->tagger.tag(s, scratch->tag);
        names_are_proper_nouns(s);
        m_models->lemmatizer.lemmatize(s);
        if (m_models->supertagger) m_models->supertagger->tag(s, scratch->supertag);
        m_models->parser.parse(s, scratch->parse);
        if (m_models->labeller) m_models->labeller->label(s);
        shape_names(s);
        join_split_subjects(s);
    }
    m_models->give_back(std::move(scratch));
}

}  // namespace factgraph::nlp
