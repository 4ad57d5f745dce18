// train_ner: trains the named-entity recogniser on Universal NER English-EWT and reports dev scores.
//
//   train_ner --corpus DIR --out data/models [--epochs N] [--lexicons data/lexicons]
//       trains on DIR/en_ewt-ud-train.iob2, prints exact-span entity F1 on DIR/en_ewt-ud-dev.iob2
//       (micro over PER/ORG/LOC and per type), writes OUT/ner.bin
//   train_ner --eval --corpus DIR [--model data/models/ner.bin]
//       scores an existing model on dev and measures its speed
//   train_ner --check FILE [--model data/models/ner.bin]
//       tokenises a text file and prints the entities found, one per line
#include "factgraph/core/error.hpp"
#include "factgraph/nlp/entity_recognizer.hpp"
#include "factgraph/nlp/tokenizer.hpp"

#include <CLI/CLI.hpp>

#include <cctype>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace factgraph::nlp;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void print_scores(const char* label, const EntityScores& scores) {
    std::printf("%s: F1 %.2f (P %.2f R %.2f; %zu gold, %zu predicted)\n", label, 100 * scores.micro.f1(),
                100 * scores.micro.precision(), 100 * scores.micro.recall(), scores.micro.gold, scores.micro.predicted);
    for (const auto& [type, c] : scores.by_type)
        std::printf("  %s: F1 %.2f (P %.2f R %.2f; %zu gold)\n", type.c_str(), 100 * c.f1(), 100 * c.precision(),
                    100 * c.recall(), c.gold);
}

// Scores a model on dev twice: sentence by sentence, and with the document pass.
void evaluate(const EntityRecognizer& ner, const std::vector<Iob2Document>& dev, const std::string& dump,
              bool measure_speed = true) {
    std::ofstream dump_out;
    if (!dump.empty()) dump_out.open(dump);
    EntityScores sentence_scores, document_scores;
    std::size_t tokens = 0;
    for (const Iob2Document& doc : dev) {
        const std::vector<EntitySpan> gold = entity_spans(doc.sentences);
        std::vector<Sentence> one = doc.sentences;
        for (Sentence& s : one) {
            ner.recognize_sentence(s);
            tokens += s.tokens.size();
        }
        sentence_scores.add(gold, entity_spans(one));
        std::vector<Sentence> whole = doc.sentences;
        ner.recognize(whole);
        document_scores.add(gold, entity_spans(whole));
        if (dump_out) {
            // token TAB gold TAB predicted, blank line between sentences: for reading the errors.
            for (std::size_t s = 0; s < whole.size(); ++s) {
                for (std::size_t i = 0; i < whole[s].tokens.size(); ++i)
                    dump_out << whole[s].tokens[i].form << '\t' << doc.sentences[s].tokens[i].ner << '\t'
                             << whole[s].tokens[i].ner << '\n';
                dump_out << '\n';
            }
        }
    }
    print_scores("dev, sentence by sentence", sentence_scores);
    print_scores("dev, with the document pass", document_scores);

    if (!measure_speed) return;
    // Speed: the whole dev set through recognize(), repeated for a stable figure.
    std::vector<std::vector<Sentence>> docs;
    for (const Iob2Document& doc : dev) docs.push_back(doc.sentences);
    // CPU time of this thread, so that other processes on the machine do not count.
    auto cpu_seconds = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
    };
    const double start = cpu_seconds();
    int rounds = 0;
    do {
        for (std::vector<Sentence>& doc : docs) ner.recognize(doc);
        ++rounds;
    } while (cpu_seconds() - start < 2.0);
    std::printf("speed: %.0f tokens/s (recognize() on whole documents, one thread, CPU time, %zu tokens x %d rounds)\n",
                double(tokens) * rounds / (cpu_seconds() - start), tokens, rounds);
}

int check(const EntityRecognizer& ner, const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw factgraph::InputError(file, "cannot open");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<Sentence> doc = Tokenizer().tokenize(text);
    ner.recognize(doc);
    for (const EntitySpan& span : entity_spans(doc)) {
        const Sentence& s = doc[static_cast<std::size_t>(span.sentence)];
        const std::size_t begin = s.tokens[static_cast<std::size_t>(span.first_token)].start;
        const std::size_t end = s.tokens[static_cast<std::size_t>(span.end_token - 1)].end;
        std::printf("%s\t%s\n", span.type.c_str(), text.substr(begin, end - begin).c_str());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Trains and checks the named-entity recogniser (see docs/ner.md)"};
    std::string corpus, out, model = "data/models/ner.bin", lexicons = "data/lexicons", check_file;
    double lowercase_copies = 0.15;
    const NerTrainOptions defaults;
    int epochs = defaults.epochs;
    float prune = defaults.prune_below;
    float dropout = defaults.feature_dropout;
    int ensemble = defaults.ensemble;
    std::uint64_t seed = defaults.seed;
    bool eval_only = false;
    std::string dump;
    app.add_option("--corpus", corpus, "folder with en_ewt-ud-train.iob2 and en_ewt-ud-dev.iob2");
    app.add_option("--out", out, "folder to write ner.bin to");
    app.add_option("--epochs", epochs, "training passes")->check(CLI::Range(1, 100));
    app.add_option("--prune", prune, "drop averaged weights below this magnitude");
    app.add_option("--seed", seed, "shuffling seed");
    app.add_option("--dropout", dropout, "feature dropout while training (0..1)");
    app.add_option("--ensemble", ensemble, "models trained on different shuffles, summed into one")->check(CLI::Range(1, 16));
    app.add_option("--lexicons", lexicons, "lexicon folder");
    app.add_option("--lowercase-copies", lowercase_copies,
                   "share of training documents also added in lower case (web text often is)")
        ->check(CLI::Range(0.0, 1.0));
    int window_net_folds = defaults.window_net_folds;
    WindowNetOptions window_net;
    app.add_option("--window-net-folds", window_net_folds,
                   "folds for the window network's guesses on the training text (0: no window network)")
        ->check(CLI::Range(0, 20));
    app.add_option("--window-net-hidden", window_net.hidden, "hidden units of the window network")
        ->check(CLI::Range(1, static_cast<int>(EntityWindowNet::kMaxHidden)));
    app.add_option("--window-net-epochs", window_net.epochs, "training epochs of the window network")->check(CLI::Range(1, 100));
    app.add_option("--window-net-dropout", window_net.input_dropout, "input dropout of the window network while training")
        ->check(CLI::Range(0.0, 0.9));
    app.add_option("--model", model, "model to check or evaluate");
    app.add_flag("--eval", eval_only, "evaluate --model on the dev split instead of training");
    app.add_option("--check", check_file, "print the entities of a text file");
    app.add_option("--dump-dev", dump, "write dev tokens with gold and predicted tags to this file");
    CLI11_PARSE(app, argc, argv);

    try {
        if (!check_file.empty()) return check(EntityRecognizer::load(model, lexicons), check_file);
        if (corpus.empty()) {
            std::cerr << "train_ner: --corpus is required (or --check FILE)\n";
            return 2;
        }
        const auto dev = read_iob2_file(fs::path(corpus) / "en_ewt-ud-dev.iob2");
        if (eval_only) {
            const auto start = Clock::now();
            const EntityRecognizer ner = EntityRecognizer::load(model, lexicons);
            std::printf("loaded %s in %.3f s\n", model.c_str(), seconds_since(start));
            evaluate(ner, dev, dump);
            return 0;
        }
        if (out.empty()) {
            std::cerr << "train_ner: --out is required for training\n";
            return 2;
        }
        auto train = read_iob2_file(fs::path(corpus) / "en_ewt-ud-train.iob2");
        if (lowercase_copies > 0) {
            // Web text is often written in lower case ("kerala", "taco bell"): a lower-cased copy of
            // every k-th training document shows the model names without their capitals. Every
            // k-th, so the choice does not depend on the seed. With the word classes (which do not
            // depend on case) it gains about a point on dev over eight seeds (docs/ner.md).
            const std::size_t docs = train.size();
            const double step = 1.0 / lowercase_copies;
            for (double k = 0; k < static_cast<double>(docs); k += step) {
                Iob2Document copy = train[static_cast<std::size_t>(k)];
                for (Sentence& s : copy.sentences)
                    for (Token& t : s.tokens)
                        for (char& c : t.form) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                train.push_back(std::move(copy));
            }
        }
        std::size_t sentences = 0;
        for (const auto& d : train) sentences += d.sentences.size();
        std::printf("train: %zu documents, %zu sentences\n", train.size(), sentences);

        const auto start = Clock::now();
        NerTrainOptions options;
        options.epochs = epochs;
        options.seed = seed;
        options.prune_below = prune;
        options.feature_dropout = dropout;
        options.ensemble = ensemble;
        options.window_net_folds = window_net_folds;
        options.window_net = window_net;
        options.window_net.seed = seed;
        options.on_epoch = [&](int epoch, double accuracy) {
            std::printf("epoch %d: train token accuracy %.4f (%.1f s)\n", epoch, accuracy, seconds_since(start));
            std::fflush(stdout);
        };
        EntityRecognizer ner = EntityRecognizer::train(train, Gazetteer::load(lexicons), options);
        std::printf("trained in %.1f s, %zu weights\n", seconds_since(start), ner.weight_count());
        fs::create_directories(out);
        const fs::path path = fs::path(out) / "ner.bin";
        ner.save(path);
        std::printf("wrote %s (%.2f MB)\n", path.c_str(), double(fs::file_size(path)) / 1e6);
        // Score the model as it was written, so the numbers are those of the file.
        evaluate(EntityRecognizer::load(path, lexicons), dev, dump, false);
    } catch (const factgraph::Error& e) {
        std::cerr << "train_ner: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
