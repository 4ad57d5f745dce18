// Trains the POS tagger, lemmatiser, the two dependency parsers (parser.bin: greedy, the default;
// parser-beam.bin: beam search) and the arc labeller of the beam pipeline (arc-labeller.bin) on UD
// English-EWT and reports dev scores. With --parser-features 6 (or 5) the greedy parser reads supertags
// and supertagger.bin is trained too (the perceptron, or with --supertagger network a window network):
// renamed parser-supertags.bin, that parser is the accurate
// pipeline's (scripts/train-models does both runs).
//
//   train_tagger_parser --corpus /work/shared/corpora/ud-english-ewt --out data/models
//
// The parser learns from tags predicted by taggers trained on the other folds (jackknifing), so
// that at run time it sees tags with the same kind of errors it was trained on.
#include "factgraph/core/error.hpp"
#include "factgraph/nlp/arc_labeller.hpp"
#include "factgraph/nlp/conllu.hpp"
#include "factgraph/nlp/lemmatizer.hpp"
#include "factgraph/nlp/parser.hpp"
#include "factgraph/nlp/pipeline.hpp"
#include "factgraph/nlp/supertagger.hpp"
#include "factgraph/nlp/tagger.hpp"
#include "factgraph/nlp/word_clusters.hpp"
#include "factgraph/nlp/word_vectors.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using namespace factgraph::nlp;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of this thread: the speed figures use it, because on a shared machine wall time
// mostly measures the other jobs.
double thread_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

std::vector<Sentence> read_file(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw factgraph::InputError(path.string(), "cannot open");
    return read_conllu_sentences(in, path.string());
}

// Runs task(0) .. task(count - 1) on two threads, in that order of starting (the machine the
// training must fit has two cores); the first exception is thrown again once both have stopped.
template <class Task>
void run_two_at_a_time(int count, Task&& task) {
    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    std::vector<std::exception_ptr> failures(2);
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < failures.size(); ++w)
        threads.emplace_back([&, w] {
            try {
                for (int k = next++; k < count && !failed; k = next++) task(k);
            } catch (...) {
                failures[w] = std::current_exception();
                failed = true;
            }
        });
    for (std::thread& t : threads) t.join();
    for (const std::exception_ptr& failure : failures)
        if (failure) std::rethrow_exception(failure);
}

// Paragraphs of build_unlabelled_text's files (separated by empty lines), annotated by `teacher`
// on two threads; sentences of 3 to 80 tokens are kept, in the files' order. With a `second`
// teacher (the same tokeniser and tagger, another parser), each word whose head or label the two
// give differently gets head -1: an unknown arc, which Parser::train leaves free (partial trees).
std::vector<Sentence> parse_unlabelled(const Pipeline& teacher, const std::vector<std::string>& files,
                                       const Pipeline* second) {
    std::vector<std::string> paragraphs;
    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw factgraph::InputError(file, "cannot open");
        std::string line, paragraph;
        while (std::getline(in, line)) {
            if (line.empty()) {
                if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
                paragraph.clear();
            } else {
                if (!paragraph.empty()) paragraph += '\n';
                paragraph += line;
            }
        }
        if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
    }
    std::vector<std::vector<Sentence>> parsed(paragraphs.size()), parsed_again(second ? paragraphs.size() : 0);
    run_two_at_a_time(static_cast<int>(paragraphs.size()), [&](int k) {
        const auto p = static_cast<std::size_t>(k);
        parsed[p] = teacher.annotate(paragraphs[p]);
        if (second) parsed_again[p] = second->annotate(paragraphs[p]);
    });
    std::vector<Sentence> out;
    std::size_t words = 0, unknown = 0;
    for (std::size_t p = 0; p < parsed.size(); ++p)
        for (std::size_t k = 0; k < parsed[p].size(); ++k) {
            Sentence& s = parsed[p][k];
            if (s.tokens.size() < 3 || s.tokens.size() > 80) continue;
            if (second) {
                // The same tokeniser gives the same sentences and tokens; anything else is skipped.
                if (k >= parsed_again[p].size() || parsed_again[p][k].tokens.size() != s.tokens.size()) continue;
                const Sentence& other = parsed_again[p][k];
                for (std::size_t i = 0; i < s.tokens.size(); ++i)
                    if (s.tokens[i].head != other.tokens[i].head || s.tokens[i].deprel != other.tokens[i].deprel) {
                        s.tokens[i].head = -1;
                        ++unknown;
                    }
                words += s.tokens.size();
            }
            out.push_back(std::move(s));
        }
    if (second)
        std::cout << "uptraining: the two teachers agree on " << std::setprecision(1)
                  << (words ? 100.0 * double(words - unknown) / double(words) : 0.0) << "% of the arcs; the others are left unknown\n";
    return out;
}

std::string universal(const std::string& deprel) { return deprel.substr(0, deprel.find(':')); }

struct Scores {
    std::size_t words = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0, las_universal = 0, supertags = 0;
    // The relations the who-said-what extraction depends on: ccomp recall, xcomp precision
    // (labelled: head and label right).
    std::size_t ccomp_gold = 0, ccomp_right = 0, xcomp_pred = 0, xcomp_right = 0;
    double tag_seconds = 0, parse_seconds = 0;
    static double pct(std::size_t a, std::size_t n) { return n ? 100.0 * double(a) / double(n) : 0.0; }
};

// The tagger and, for parsers of feature set 5, the supertagger after it.
struct Taggers {
    const Tagger& tagger;
    const Supertagger* supertagger = nullptr;
    struct Scratch {
        Tagger::Scratch tags;
        Supertagger::Scratch supertags;
    };
    void tag(Sentence& s, Scratch& scratch) const {
        tagger.tag(s, scratch.tags);
        if (supertagger) supertagger->tag(s, scratch.supertags);
    }
};

// Speed: the fastest of `speed_runs` passes over dev (the shared machine's other jobs only ever
// slow a pass down); the supertagger's time counts as tagging.
// With a labeller, it relabels each parse (its time counts as parsing).
Scores evaluate(const std::vector<Sentence>& gold, const Taggers& tagger, const Lemmatizer& lemmatizer,
                const Parser& parser, int speed_runs = 1, const ArcLabeller* labeller = nullptr) {
    Scores sc;
    std::vector<Sentence> pred = gold;
    for (Sentence& s : pred)
        for (Token& t : s.tokens) {
            t.upos.clear();
            t.xpos.clear();
            t.lemma.clear();
            t.head = -1;
            t.deprel.clear();
        }
    Taggers::Scratch tag_scratch;
    Parser::Scratch parse_scratch;
    for (int run = 0; run < std::max(1, speed_runs); ++run) {
        double start = thread_seconds();
        for (Sentence& s : pred) tagger.tag(s, tag_scratch);
        const double tag_seconds = thread_seconds() - start;
        start = thread_seconds();
        for (Sentence& s : pred) {
            parser.parse(s, parse_scratch);
            if (labeller) labeller->label(s);
        }
        const double parse_seconds = thread_seconds() - start;
        if (run == 0 || tag_seconds < sc.tag_seconds) sc.tag_seconds = tag_seconds;
        if (run == 0 || parse_seconds < sc.parse_seconds) sc.parse_seconds = parse_seconds;
    }
    for (Sentence& s : pred) lemmatizer.lemmatize(s);
    std::vector<std::vector<std::string>> gold_supertags;
    for (const Sentence& s : gold) gold_supertags.push_back(Supertagger::supertags_of(s));
    for (std::size_t k = 0; k < gold.size(); ++k)
        for (std::size_t i = 0; i < gold[k].tokens.size(); ++i) {
            const Token& g = gold[k].tokens[i];
            const Token& p = pred[k].tokens[i];
            ++sc.words;
            sc.upos += g.upos == p.upos;
            sc.xpos += g.xpos == p.xpos;
            sc.supertags += p.supertag == gold_supertags[k][i];
            sc.lemma += g.lemma == p.lemma;
            sc.ccomp_gold += g.deprel == "ccomp";
            sc.xcomp_pred += p.deprel == "xcomp";
            if (g.head == p.head) {
                sc.ccomp_right += g.deprel == "ccomp" && p.deprel == "ccomp";
                sc.xcomp_right += g.deprel == "xcomp" && p.deprel == "xcomp";
                ++sc.uas;
                sc.las += g.deprel == p.deprel;
                sc.las_universal += universal(g.deprel) == universal(p.deprel);
            }
        }
    return sc;
}

// "UAS .. LAS .. (universal ..), ccomp recall .., xcomp precision .., parser .. tok/s" of one dev run.
std::string parse_summary(const Scores& sc) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << "UAS " << Scores::pct(sc.uas, sc.words) << " LAS "
        << Scores::pct(sc.las, sc.words) << " (universal " << Scores::pct(sc.las_universal, sc.words) << "), ccomp recall " << Scores::pct(sc.ccomp_right, sc.ccomp_gold)
        << ", xcomp precision " << Scores::pct(sc.xcomp_right, sc.xcomp_pred) << std::setprecision(0) << ", parser "
        << double(sc.words) / sc.parse_seconds << " tok/s";
    return out.str();
}

// Parses dev (tagged by `tagger`) with and without the parser's run-time caches: the words whose
// head or label differ (must be 0) and the CPU time of each pass.
struct CacheCheck {
    std::size_t words_differ = 0;
    double cached_seconds = 0, uncached_seconds = 0;
};
CacheCheck check_cache_on(const std::vector<Sentence>& dev, const Taggers& tagger, const Parser& parser) {
    CacheCheck check;
    std::vector<Sentence> cached = dev, uncached = dev;
    Taggers::Scratch ts;
    for (std::size_t k = 0; k < dev.size(); ++k) {
        tagger.tag(cached[k], ts);
        uncached[k] = cached[k];
    }
    Parser::Scratch ps;
    double t0 = thread_seconds();
    for (Sentence& s : cached) parser.parse(s, ps);
    check.cached_seconds = thread_seconds() - t0;
    t0 = thread_seconds();
    for (Sentence& s : uncached) parser.parse_uncached(s);
    check.uncached_seconds = thread_seconds() - t0;
    for (std::size_t k = 0; k < dev.size(); ++k)
        for (std::size_t i = 0; i < dev[k].tokens.size(); ++i)
            check.words_differ += cached[k].tokens[i].head != uncached[k].tokens[i].head ||
                                  cached[k].tokens[i].deprel != uncached[k].tokens[i].deprel;
    return check;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Train the factgraph POS tagger, lemmatiser and dependency parser on UD English-EWT"};
    std::string corpus, out = "data/models";
    int epochs = 12, parser_epochs = 15, folds = 4, fold_epochs = 6;
    unsigned seed = 1;
    int speed_runs = 1;
    float tagger_prune = 0.0f, parser_prune = 1.0f;
    bool rich_tagger = false;
    std::string reuse_tagger, reuse_parser, jackknife_cache, reuse_labeller, reuse_supertagger;
    int supertagger_epochs = TaggerTrainOptions{}.epochs;
    float supertagger_prune = 1.0f;
    std::string supertagger_kind = "perceptron";
    SupertagNetOptions net_options;
    ArcLabellerTrainOptions labeller_options;
    float labeller_prune = 1.0f;
    std::vector<float> labeller_bonuses;
    bool check_cache = false;
    int parser_features = ParserTrainOptions{}.feature_set;
    int beam_parser_features = 4;
    int parser_beam = 8, parse_beam = 0, beam_parser_epochs = 15;
    float beam_parser_prune = 1.0f;
    std::string parsers = "both", reuse_beam_parser;
    std::vector<float> parse_margins, partner_weights;
    std::string partner_file;
    std::vector<float> prune_report;
    app.add_option("--corpus", corpus, "folder with en_ewt-ud-train.conllu and en_ewt-ud-dev.conllu")->required();
    app.add_option("--out", out, "folder the model files are written to")->capture_default_str();
    app.add_option("--epochs", epochs, "tagger training epochs")->capture_default_str();
    app.add_option("--parsers", parsers, "which parsers to train: both, greedy (parser.bin) or beam (parser-beam.bin)")
        ->check(CLI::IsMember({"both", "greedy", "beam"}))
        ->capture_default_str();
    app.add_option("--parser-epochs", parser_epochs, "parser.bin training epochs")->capture_default_str();
    app.add_option("--beam-parser-epochs", beam_parser_epochs, "parser-beam.bin training epochs")->capture_default_str();
    app.add_option("--folds", folds, "jackknife folds for the parser's training tags (0 = gold tags)")->capture_default_str();
    app.add_option("--fold-epochs", fold_epochs, "epochs of each jackknife tagger")->capture_default_str();
    app.add_option("--tagger-prune", tagger_prune, "drop tagger weights below this magnitude")->capture_default_str();
    app.add_option("--parser-prune", parser_prune, "drop parser.bin weights below this magnitude")->capture_default_str();
    app.add_option("--beam-parser-prune", beam_parser_prune, "drop parser-beam.bin weights below this magnitude")
        ->capture_default_str();
    app.add_option("--tagger-rich-features", rich_tagger, "tagger uses suffix 5, prefix 4 and hyphen parts")
        ->capture_default_str();
    bool tagger_classes = true;
    app.add_option("--tagger-word-classes", tagger_classes, "tagger reads the word classes of --lexicons (false: the tagger before 2026-12-02)")
        ->capture_default_str();
    app.add_option("--reuse-tagger", reuse_tagger,
                   "load this tagger.bin instead of training one (for parser experiments)");
    app.add_option("--reuse-parser", reuse_parser,
                   "load this parser.bin instead of training one (to score a model with another tagger)");
    app.add_option("--reuse-beam-parser", reuse_beam_parser, "load this parser-beam.bin instead of training one");
    app.add_option("--parser-beam", parser_beam,
                   "parser-beam.bin's beam width (search and global training); parser.bin is greedy")
        ->capture_default_str();
    app.add_option("--parse-beam", parse_beam, "score dev with this beam width instead of the model's (experiments)");
    app.add_option("--parse-beam-margin", parse_margins,
                   "also score dev with beam search dropping sequences this far below the best (repeatable)");
    app.add_option("--partner", partner_file, "experiment: greedy parser whose scores the beam search adds");
    app.add_option("--partner-weight", partner_weights, "experiment: weights of the partner's scores (repeatable)");
    app.add_option("--labeller-epochs", labeller_options.epochs, "arc-labeller.bin training epochs")->capture_default_str();
    app.add_option("--labeller-dropout", labeller_options.feature_dropout, "arc labeller feature dropout")
        ->capture_default_str();
    app.add_option("--labeller-bonus", labeller_options.parser_bonus,
                   "score the arc labeller adds to the parser's own label (stored in the model)")
        ->capture_default_str();
    app.add_option("--labeller-prune", labeller_prune, "drop arc-labeller.bin weights below this magnitude")
        ->capture_default_str();
    app.add_option("--supertagger-epochs", supertagger_epochs, "supertagger.bin training epochs (feature sets 5 and 6)")
        ->capture_default_str();
    app.add_option("--supertagger-prune", supertagger_prune,
                   "drop supertagger.bin weights below this magnitude (not those of the jackknife's models)")
        ->capture_default_str();
    app.add_option("--supertagger", supertagger_kind,
                   "supertagger.bin: network (a window network over word vectors, docs/nlp.md twenty-second round) or perceptron")
        ->check(CLI::IsMember({"network", "perceptron"}))
        ->capture_default_str();
    app.add_option("--supertagger-hidden", net_options.hidden, "hidden units of the supertag network")->capture_default_str();
    app.add_option("--supertagger-net-epochs", net_options.epochs, "training epochs of the supertag network (and of its jackknife's)")
        ->capture_default_str();
    app.add_option("--reuse-supertagger", reuse_supertagger, "load this supertagger.bin instead of training one "
                   "(the jackknifed supertags of the parsers' training data are still trained)");
    app.add_option("--reuse-labeller", reuse_labeller, "load this arc-labeller.bin instead of training one");
    app.add_option("--labeller-bonus-report", labeller_bonuses,
                   "also score the beam pipeline with these labeller bonuses (repeatable)");
    app.add_option("--parser-features", parser_features,
                   "parser.bin feature set: 1 = templates 1-84, 2 = 1-91, 3 = set 1 without 23, 4 = set 3 and word classes, 5 = set 3 and supertags, 6 = set 5 without valency and label sets (see docs/nlp.md)")
        ->capture_default_str();
    app.add_option("--beam-parser-features", beam_parser_features, "parser-beam.bin feature set (as --parser-features)")
        ->capture_default_str();
    app.add_option("--check-cache", check_cache,
                   "also parse dev without the per-sentence score cache and report any difference")
        ->capture_default_str();
    app.add_option("--jackknife-cache", jackknife_cache,
                   "CoNLL-U file holding the jackknifed training tags: read if it exists, else written (for "
                   "parser experiments; keep it outside the repository)");
    app.add_option("--prune-report", prune_report,
                   "also score the parser with its move weights pruned at each of these magnitudes");
    app.add_option("--speed-runs", speed_runs, "time tagging and parsing of dev this often, report the fastest")
        ->capture_default_str();
    app.add_option("--seed", seed, "random seed for shuffling and exploration")->capture_default_str();
    std::string lexicons = "data/lexicons";
    std::vector<std::string> unlabelled;
    int uptrain_epochs = 8;
    bool uptrain_agreement = false;
    app.add_option("--unlabelled", unlabelled,
                   "plain text (build_unlabelled_text's output; repeatable): parsed by the beam pipeline of the "
                   "models just trained (needs ner.bin in --out), then parser.bin is trained again on the treebank "
                   "and those parses (uptraining, docs/nlp.md)");
    app.add_option("--uptrain-epochs", uptrain_epochs,
                   "epochs of the uptrained parser.bin (8 scored as 12 on dev, in two thirds of the time)")
        ->capture_default_str();
    app.add_flag("--uptrain-agreement", uptrain_agreement,
                 "the accurate pipeline of --out (parser-supertags.bin, supertagger.bin; for a parser.bin that reads "
                 "supertags, the treebank parser.bin just trained) parses the plain text too, and the parser learns only "
                 "the arcs on which both teachers agree (docs/nlp.md, twentieth and twenty-second rounds)");
    app.add_option("--lexicons", lexicons, "folder with word_clusters.tsv and word_cluster_levels.tsv (feature set 4)")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    try {
        const auto total_start = Clock::now();
        const fs::path dir(corpus);
        const std::vector<Sentence> train = read_file(dir / "en_ewt-ud-train.conllu");
        const std::vector<Sentence> dev = read_file(dir / "en_ewt-ud-dev.conllu");
        // Word classes for parsers of feature set 4, loaded only when one is trained or read.
        WordClusters word_classes;
        auto classes = [&]() -> const WordClusters* {
            if (word_classes.size() == 0)
                word_classes = WordClusters::load(fs::path(lexicons) / "word_clusters.tsv",
                                                  fs::path(lexicons) / "word_cluster_levels.tsv");
            return &word_classes;
        };
        // Word vectors for the supertag network, loaded only when one is trained.
        WordVectors word_vectors;
        auto vectors = [&]() -> const WordVectors* {
            if (word_vectors.size() == 0) word_vectors = WordVectors::load(fs::path(lexicons) / "word_vectors.bin");
            return &word_vectors;
        };
        // What a supertagger reads besides the words.
        auto attach = [&](Supertagger& s) {
            if (s.needs_word_clusters()) s.set_word_clusters(classes());
            if (s.needs_word_vectors()) s.set_word_vectors(vectors());
        };
        auto load_parser = [&](const std::string& path) {
            Parser p = Parser::load(path);
            if (p.needs_word_clusters()) p.set_word_clusters(classes());
            return p;
        };
        std::cout << "train: " << train.size() << " sentences, dev: " << dev.size() << " sentences\n";
        fs::create_directories(out);
        const fs::path out_dir(out);

        auto start = Clock::now();
        const Lemmatizer lemmatizer = Lemmatizer::train(train);
        lemmatizer.save((out_dir / "lemmatizer.bin").string());
        std::cout << "lemmatizer: " << lemmatizer.lexicon_size() << " exceptions, " << lemmatizer.rule_count()
                  << " rules (" << std::fixed << std::setprecision(1) << seconds_since(start) << " s)\n";

        TaggerTrainOptions topt;
        topt.epochs = epochs;
        topt.seed = seed;
        topt.prune_below = tagger_prune;
        topt.rich_word_features = rich_tagger;
        if (tagger_classes) topt.word_clusters = classes();

        // Jackknifed tags for the parser's training data, and the tagger itself: independent
        // trainings, run two at a time (the final tagger first, as the longest), each writing only
        // its own sentences, so the result does not depend on the order they finish in.
        std::vector<Sentence> parser_train = train;
        start = Clock::now();
        const bool cached = !jackknife_cache.empty() && fs::exists(jackknife_cache);
        if (cached) {
            parser_train = read_file(jackknife_cache);
            if (parser_train.size() != train.size()) throw factgraph::InputError(jackknife_cache, "sentence count differs from train");
            for (std::size_t k = 0; k < train.size(); ++k)
                for (std::size_t i = 0; i < train[k].tokens.size(); ++i) {
                    // Only the tags come from the cache: forms, heads and labels stay the corpus's.
                    const Token& c = parser_train[k].tokens.at(i);
                    const std::string upos = c.upos, xpos = c.xpos;
                    parser_train[k].tokens[i] = train[k].tokens[i];
                    parser_train[k].tokens[i].upos = upos;
                    parser_train[k].tokens[i].xpos = xpos;
                }
            std::cout << "jackknifed tags read from " << jackknife_cache << "\n";
        }
        const bool jackknife = !cached && folds >= 2;
        std::mutex print_lock;
        topt.progress = [&](int epoch, double acc) {
            const std::lock_guard<std::mutex> lock(print_lock);
            std::cout << "  tagger epoch " << epoch << ": train accuracy " << std::setprecision(2) << 100 * acc
                      << "% (" << std::setprecision(1) << seconds_since(start) << " s)\n"
                      << std::flush;
        };
        auto load_tagger = [&](const std::string& path) {
            Tagger t = Tagger::load(path);
            if (t.needs_word_clusters()) t.set_word_clusters(classes());
            return t;
        };
        std::optional<Tagger> trained_tagger;
        double tagger_seconds = 0;
        auto tagger_task = [&](int task) {
            if (task == 0) {
                const auto task_start = Clock::now();
                trained_tagger = reuse_tagger.empty() ? Tagger::train(train, topt) : load_tagger(reuse_tagger);
                tagger_seconds = seconds_since(task_start);
                return;
            }
            const int fold = task - 1;
            std::vector<Sentence> rest;
            for (std::size_t k = 0; k < train.size(); ++k)
                if (static_cast<int>(k % static_cast<std::size_t>(folds)) != fold) rest.push_back(train[k]);
            TaggerTrainOptions fopt = topt;
            fopt.epochs = fold_epochs;
            fopt.progress = nullptr;
            const Tagger fold_tagger = Tagger::train(rest, fopt);
            Tagger::Scratch scratch;
            for (std::size_t k = static_cast<std::size_t>(fold); k < train.size(); k += static_cast<std::size_t>(folds))
                fold_tagger.tag(parser_train[k], scratch);
        };
        run_two_at_a_time(1 + (jackknife ? folds : 0), tagger_task);
        if (jackknife) {
            std::size_t same = 0, n = 0;
            for (std::size_t k = 0; k < train.size(); ++k)
                for (std::size_t i = 0; i < train[k].tokens.size(); ++i, ++n)
                    same += train[k].tokens[i].xpos == parser_train[k].tokens[i].xpos;
            std::cout << "jackknife (" << folds << " folds): XPOS accuracy on train " << std::setprecision(2)
                      << Scores::pct(same, n) << "% (" << std::setprecision(1) << seconds_since(start)
                      << " s, next to the tagger)\n";
            if (!jackknife_cache.empty()) {
                std::ofstream cache(jackknife_cache);
                for (const Sentence& s : parser_train) write_conllu(s, cache);
            }
        }
        trained_tagger->save((out_dir / "tagger.bin").string());
        std::cout << "tagger" << (reuse_tagger.empty() ? "" : " (reused)") << ": " << trained_tagger->model().feature_count() << " features, "
                  << trained_tagger->model().weight_count() << " weights, " << trained_tagger->dictionary_size()
                  << " dictionary words (" << std::setprecision(1) << tagger_seconds << " s)\n";

        // The arc labeller learns from gold trees with the jackknifed tags (seconds).
        start = Clock::now();
        labeller_options.seed = seed;
        ArcLabeller labeller;
        if (reuse_labeller.empty()) {
            labeller = ArcLabeller::train(parser_train, labeller_options);
            if (labeller_prune > 0) labeller.prune(labeller_prune);
        } else {
            labeller = ArcLabeller::load(reuse_labeller);
        }
        labeller.save((out_dir / "arc-labeller.bin").string());
        std::cout << "arc labeller" << (reuse_labeller.empty() ? "" : " (reused)") << ": "
                  << labeller.model().feature_count() << " features, " << labeller.model().weight_count()
                  << " weights, parser bonus " << labeller.parser_bonus() << " (" << std::setprecision(1)
                  << seconds_since(start) << " s)\n";

        // Supertags for parsers of feature sets 5 and 6: the parser learns from jackknifed guesses (each
        // quarter of the training split supertagged by a model trained on the rest), as it will
        // see guesses, not the gold tree's supertags, when parsing.
        std::optional<Supertagger> supertagger;
        if (parser_features >= 5 || beam_parser_features >= 5) {
            start = Clock::now();
            TaggerTrainOptions sopt = topt;
            sopt.epochs = supertagger_epochs;
            sopt.prune_below = supertagger_prune;
            sopt.progress = nullptr;
            // The fold models unpruned: the parser learns from their guesses, and a parser trained on
            // a pruned supertagger's lost 0.4 UAS on dev; pruning the final model costs nothing.
            TaggerTrainOptions fold_sopt = sopt;
            fold_sopt.epochs = fold_epochs;
            fold_sopt.prune_below = 0.0f;
            std::vector<Sentence> guessed = parser_train;
            const std::size_t supertag_folds = static_cast<std::size_t>(std::max(folds, 2));
            const bool network = supertagger_kind == "network";
            net_options.seed = seed;
            if (network) {
                // Loaded before the tasks share them.
                vectors();
                classes();
            }
            auto train_one = [&](const std::vector<Sentence>& sentences, const TaggerTrainOptions& options) {
                return network ? Supertagger::from_network(SupertagNet::train(sentences, *vectors(), *classes(), net_options))
                               : Supertagger::train(sentences, options);
            };
            auto supertagger_task = [&](int task) {
                if (task == 0) {
                    supertagger = reuse_supertagger.empty() ? train_one(parser_train, sopt) : Supertagger::load(reuse_supertagger);
                    attach(*supertagger);
                    return;
                }
                const int fold = task - 1;
                std::vector<Sentence> rest;
                for (std::size_t k = 0; k < parser_train.size(); ++k)
                    if (static_cast<int>(k % supertag_folds) != fold) rest.push_back(parser_train[k]);
                Supertagger fold_tagger = train_one(rest, fold_sopt);
                attach(fold_tagger);
                Supertagger::Scratch scratch;
                for (std::size_t k = static_cast<std::size_t>(fold); k < guessed.size(); k += supertag_folds)
                    fold_tagger.tag(guessed[k], scratch);
            };
            run_two_at_a_time(1 + static_cast<int>(supertag_folds), supertagger_task);
            std::size_t same = 0, n = 0;
            for (std::size_t k = 0; k < parser_train.size(); ++k) {
                const std::vector<std::string> gold = Supertagger::supertags_of(parser_train[k]);
                for (std::size_t i = 0; i < parser_train[k].tokens.size(); ++i, ++n) {
                    same += guessed[k].tokens[i].supertag == gold[i];
                    parser_train[k].tokens[i].supertag = guessed[k].tokens[i].supertag;
                }
            }
            supertagger->save((out_dir / "supertagger.bin").string());
            std::cout << "supertagger" << (reuse_supertagger.empty() ? "" : " (reused)") << ": ";
            if (supertagger->is_network())
                std::cout << "network of " << supertagger->network().hidden() << " hidden units, "
                          << supertagger->network().supertags().size() << " supertags";
            else
                std::cout << supertagger->model().class_count() << " supertags, " << supertagger->model().feature_count()
                          << " features, " << supertagger->model().weight_count() << " weights";
            std::cout << "; jackknife (" << supertag_folds
                      << " folds) right on train " << std::setprecision(2) << Scores::pct(same, n) << "% ("
                      << std::setprecision(1) << seconds_since(start) << " s)\n";
        }

        // The two parsers train at the same time, one per core (the beam one takes much longer).
        struct ParserJob {
            std::string file, reuse;
            ParserTrainOptions options;
            Parser parser;
            double seconds = 0;
        };
        std::vector<ParserJob> jobs;
        ParserTrainOptions greedy;
        greedy.epochs = parser_epochs;
        greedy.prune_below = parser_prune;
        greedy.beam = 1;
        greedy.feature_set = parser_features;
        if (parser_features == 4) greedy.word_clusters = classes();
        ParserTrainOptions beam;
        beam.epochs = beam_parser_epochs;
        beam.prune_below = beam_parser_prune;
        beam.beam = parser_beam;
        beam.feature_set = beam_parser_features;
        if (beam_parser_features == 4) beam.word_clusters = classes();
        if (parsers != "beam") jobs.push_back({"parser.bin", reuse_parser, greedy, {}, 0});
        if (parsers != "greedy") jobs.push_back({"parser-beam.bin", reuse_beam_parser, beam, {}, 0});
        auto run_job = [&](ParserJob& job) {
            const auto job_start = Clock::now();
            job.options.seed = seed;
            job.options.progress = [&](int epoch, double uas) {
                const std::lock_guard<std::mutex> lock(print_lock);
                std::cout << "  " << job.file << " epoch " << epoch << ": train UAS " << std::setprecision(2) << 100 * uas
                          << "% (" << std::setprecision(1) << seconds_since(job_start) << " s)\n"
                          << std::flush;
            };
            job.parser = job.reuse.empty() ? Parser::train(parser_train, job.options) : load_parser(job.reuse);
            job.parser.save((out_dir / job.file).string());
            job.seconds = seconds_since(job_start);
        };
        {
            std::vector<std::thread> threads;
            for (ParserJob& job : jobs) threads.emplace_back([&run_job, &job, &print_lock] {
                try {
                    run_job(job);
                } catch (const std::exception& e) {
                    const std::lock_guard<std::mutex> lock(print_lock);
                    std::cerr << "train_tagger_parser: " << job.file << ": " << e.what() << "\n";
                    std::exit(1);
                }
            });
            for (std::thread& t : threads) t.join();
        }
        for (const ParserJob& job : jobs)
            std::cout << job.file << " (beam " << job.parser.beam_width() << "): " << job.parser.model().feature_count()
                      << " features, " << job.parser.model().weight_count() << " weights, " << job.parser.labels().size()
                      << " labels (" << std::setprecision(1) << job.seconds << " s)\n";
        if (!unlabelled.empty()) {
            // Uptraining: the beam pipeline (beam parser, greedy partner, labeller, names) parses
            // plain text, and the greedy parser learns from those parses next to the treebank; with
            // --uptrain-agreement only from the arcs the accurate pipeline gives too.
            if (parsers != "both") throw factgraph::InputError("--unlabelled", "needs both parsers (--parsers both)");
            start = Clock::now();
            const Pipeline teacher(out_dir, lexicons, ParserSpeed::beam);
            std::optional<Pipeline> second_teacher;
            if (uptrain_agreement) {
                // A greedy parser that reads supertags is the accurate pipeline's: its treebank model,
                // just trained, with this run's supertagger is the second teacher (so that one run
                // trains the accurate pipeline from scratch; docs/nlp.md, twenty-second round).
                if (jobs.front().options.feature_set >= 5)
                    fs::copy_file(out_dir / "parser.bin", out_dir / "parser-supertags.bin", fs::copy_options::overwrite_existing);
                second_teacher.emplace(out_dir, lexicons, ParserSpeed::accurate);
            }
            std::vector<Sentence> taught =
                parse_unlabelled(teacher, unlabelled, second_teacher ? &*second_teacher : nullptr);
            std::size_t words = 0;
            for (const Sentence& s : taught) words += s.tokens.size();
            std::cout << "uptraining: " << taught.size() << " sentences, " << words
                      << " words parsed by the beam pipeline (" << std::setprecision(1) << seconds_since(start)
                      << " s)\n";
            taught.insert(taught.begin(), parser_train.begin(), parser_train.end());
            ParserJob& job = jobs.front();
            const auto job_start = Clock::now();
            ParserTrainOptions options = job.options;
            options.epochs = uptrain_epochs;
            options.progress = [&](int epoch, double uas) {
                std::cout << "  " << job.file << " (uptrained) epoch " << epoch << ": train UAS " << std::setprecision(2)
                          << 100 * uas << "% (" << std::setprecision(1) << seconds_since(job_start) << " s)\n"
                          << std::flush;
            };
            // The treebank parser's features only: the parses teach better weights for them, not new
            // word pairs, which would make the model four times larger and the lookups slower.
            options.keep_features = job.parser.model().feature_keys();
            job.parser = Parser::train(taught, options);
            job.parser.save((out_dir / job.file).string());
            job.seconds = seconds_since(job_start);
            std::cout << job.file << " (uptrained): " << job.parser.model().feature_count() << " features, "
                      << job.parser.model().weight_count() << " weights (" << std::setprecision(1) << job.seconds
                      << " s)\n";
        }
        const double train_seconds = seconds_since(total_start);

        // Evaluate the files as written, so a save/load bug cannot hide.
        start = Clock::now();
        const Tagger pos_tagger = load_tagger((out_dir / "tagger.bin").string());
        std::optional<Supertagger> loaded_supertagger;
        if (supertagger) {
            loaded_supertagger = Supertagger::load((out_dir / "supertagger.bin").string());
            attach(*loaded_supertagger);
        }
        const Taggers tagger{pos_tagger, loaded_supertagger ? &*loaded_supertagger : nullptr};
        const Lemmatizer lemmas = Lemmatizer::load((out_dir / "lemmatizer.bin").string());
        const ArcLabeller arc_labeller = ArcLabeller::load((out_dir / "arc-labeller.bin").string());
        const double load_seconds = seconds_since(start);
        for (const ParserJob& job : jobs) {
            Parser parser = load_parser((out_dir / job.file).string());
            if (parse_beam > 0) parser.set_beam_width(parse_beam);
            const Scores sc = evaluate(dev, tagger, lemmas, parser, speed_runs);
            std::cout << std::setprecision(2) << "dev, " << job.file << " (gold tokenisation, predicted tags): UPOS "
                      << Scores::pct(sc.upos, sc.words) << "  XPOS " << Scores::pct(sc.xpos, sc.words) << "  lemma "
                      << Scores::pct(sc.lemma, sc.words) << "  UAS " << Scores::pct(sc.uas, sc.words) << "  LAS "
                      << Scores::pct(sc.las, sc.words) << "  (LAS on universal labels "
                      << Scores::pct(sc.las_universal, sc.words) << ")  words " << sc.words;
            if (tagger.supertagger) std::cout << "  supertags " << Scores::pct(sc.supertags, sc.words);
            std::cout << "\n";
            std::cout << "  ccomp recall " << Scores::pct(sc.ccomp_right, sc.ccomp_gold) << " (of " << sc.ccomp_gold
                      << "), xcomp precision " << Scores::pct(sc.xcomp_right, sc.xcomp_pred) << " (of " << sc.xcomp_pred
                      << ")\n";
            std::cout << std::setprecision(0) << "  speed (1 thread, CPU time): tagger " << double(sc.words) / sc.tag_seconds
                      << " tok/s, parser " << double(sc.words) / sc.parse_seconds << " tok/s, tag+parse "
                      << double(sc.words) / (sc.tag_seconds + sc.parse_seconds) << " tok/s\n";
            if (parser.beam_width() > 1 && fs::exists(out_dir / "parser.bin")) {
                // The beam pipeline: this beam parser, parser.bin as partner, the arc labeller.
                const Parser partner = load_parser((out_dir / "parser.bin").string());
                Parser combined = parser;
                combined.set_partner(&partner, 0.2f);
                std::cout << std::setprecision(2) << "  beam pipeline (partner parser.bin 0.2, arc labeller): "
                          << parse_summary(evaluate(dev, tagger, lemmas, combined, speed_runs, &arc_labeller)) << "\n";
                std::cout << "    without the labeller: " << parse_summary(evaluate(dev, tagger, lemmas, combined, speed_runs))
                          << "\n";
                for (float bonus : labeller_bonuses) {
                    ArcLabeller variant = arc_labeller;
                    variant.set_parser_bonus(bonus);
                    std::cout << "    labeller bonus " << bonus << ": "
                              << parse_summary(evaluate(dev, tagger, lemmas, combined, speed_runs, &variant)) << "\n";
                }
            }
            if (!partner_file.empty()) {
                const Parser partner = load_parser(partner_file);
                for (float weight : partner_weights) {
                    Parser combined = parser;
                    combined.set_partner(&partner, weight);
                    std::cout << std::setprecision(2) << "  partner weight " << weight << ": "
                              << parse_summary(evaluate(dev, tagger, lemmas, combined, speed_runs));
                    if (check_cache)
                        std::cout << ", cache check: " << check_cache_on(dev, tagger, combined).words_differ
                                  << " words differ";
                    std::cout << "\n" << std::flush;
                }
            }
            for (float margin : parse_margins) {
                Parser narrowed = parser;
                narrowed.set_beam_margin(margin);
                std::cout << std::setprecision(2) << "  beam margin " << margin << ": "
                          << parse_summary(evaluate(dev, tagger, lemmas, narrowed, speed_runs)) << "\n";
            }
            if (check_cache) {
                const CacheCheck check = check_cache_on(dev, tagger, parser);
                std::cout << std::setprecision(0) << "  cache check: " << check.words_differ << " words differ; parser "
                          << double(sc.words) / check.cached_seconds << " tok/s cached, "
                          << double(sc.words) / check.uncached_seconds << " tok/s uncached\n";
            }
            for (float level : prune_report) {
                Parser pruned = job.parser;
                pruned.prune(level);
                // Kept next to the parser, so a chosen level need not be retrained.
                std::ostringstream name;
                name << fs::path(job.file).stem().string() << "-prune-" << level << ".bin";
                const auto pruned_path = out_dir / name.str();
                pruned.save(pruned_path.string());
                const Scores ps = evaluate(dev, tagger, lemmas, load_parser(pruned_path.string()), speed_runs);
                std::cout << std::setprecision(2) << "  prune " << level << ": " << pruned.model().feature_count()
                          << " features, " << pruned.model().weight_count() << " weights, file "
                          << double(fs::file_size(pruned_path)) / 1e6 << " MB: " << parse_summary(ps) << "\n";
            }
        }
        std::uintmax_t bytes = 0;
        for (const char* name : {"tagger.bin", "supertagger.bin", "parser.bin", "parser-beam.bin", "arc-labeller.bin", "lemmatizer.bin"}) {
            if (!fs::exists(out_dir / name)) continue;
            const auto size = fs::file_size(out_dir / name);
            bytes += size;
            std::cout << "  " << name << ": " << std::setprecision(2) << double(size) / 1e6 << " MB\n";
        }
        std::cout << "models: " << double(bytes) / 1e6 << " MB, loaded in " << std::setprecision(3) << load_seconds
                  << " s; training took " << std::setprecision(1) << train_seconds << " s\n";
    } catch (const factgraph::Error& e) {
        std::cerr << "train_tagger_parser: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
