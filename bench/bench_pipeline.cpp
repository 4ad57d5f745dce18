// Throughput of the text pipeline over a corpus of plain-text articles.
// Usage: bench_pipeline --corpus DIR [--repeat N] [benchmark flags]
// The corpus is read once and repeated until it holds at least 5 MB of text.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "factgraph/importers/extractor.hpp"
#include "factgraph/nlp/pipeline.hpp"
#include "factgraph/nlp/tokenizer.hpp"

namespace {

struct Corpus {
    std::vector<std::string> texts;
    std::size_t bytes = 0;
};

Corpus load(const std::string& dir, std::size_t min_bytes) {
    Corpus c;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    std::vector<std::string> once;
    for (const auto& f : files) {
        std::ifstream in(f);
        std::stringstream ss;
        ss << in.rdbuf();
        once.push_back(ss.str());
    }
    if (once.empty()) return c;
    while (c.bytes < min_bytes)
        for (const auto& t : once) {
            c.texts.push_back(t);
            c.bytes += t.size();
        }
    return c;
}

Corpus& corpus() {
    static Corpus c;
    return c;
}

void BM_Tokenize(benchmark::State& state) {
    factgraph::nlp::Tokenizer tokenizer;
    std::size_t tokens = 0;
    for (auto _ : state) {
        for (const auto& t : corpus().texts) {
            auto sentences = tokenizer.tokenize(t);
            for (const auto& s : sentences) tokens += s.tokens.size();
        }
    }
    state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
    state.SetBytesProcessed(static_cast<std::int64_t>(corpus().bytes * state.iterations()));
}

// Loading the models and lexicons, which every factgraph command that reads text pays once (the
// whole run of a command on one short article; docs/benchmarks.md, "Loading").
void BM_LoadPipeline(benchmark::State& state, factgraph::nlp::ParserSpeed speed) {
    for (auto _ : state) {
        factgraph::nlp::Pipeline pipeline(factgraph::nlp::resolve_data_dir(), speed);
        benchmark::DoNotOptimize(&pipeline);
    }
}

// The three pipelines: "fast" (greedy, the default), "accurate" (greedy, reading supertags) and
// "beam" (beam search with a partner and the arc labeller).
void BM_Annotate(benchmark::State& state, factgraph::nlp::ParserSpeed speed) {
    factgraph::nlp::Pipeline pipeline(factgraph::nlp::resolve_data_dir(), speed);
    std::size_t tokens = 0;
    for (auto _ : state) {
        for (const auto& t : corpus().texts) {
            auto sentences = pipeline.annotate(t);
            for (const auto& s : sentences) tokens += s.tokens.size();
        }
    }
    state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
    state.SetBytesProcessed(static_cast<std::int64_t>(corpus().bytes * state.iterations()));
}

// The whole extraction (annotation + actors + claims): compare with BM_Annotate for the cost
// of the extraction stages on top of the NLP pipeline.
void BM_Extract(benchmark::State& state, const char* extractor_name) {
    auto extractor = factgraph::importers::make_extractor(extractor_name, factgraph::nlp::resolve_data_dir());
    for (auto _ : state) {
        for (const auto& t : corpus().texts) {
            factgraph::Article a;
            a.text = t;
            a.source = "bench";
            benchmark::DoNotOptimize(extractor->extract(a));
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(corpus().bytes * state.iterations()));
}

// One long article: the corpus's texts joined into a single text of state.range(0) MB. The time
// per megabyte should not grow with the length (every stage is linear in the article); compare
// /1 with /4.
void BM_ExtractLongArticle(benchmark::State& state) {
    auto extractor = factgraph::importers::make_extractor("nlp", factgraph::nlp::resolve_data_dir());
    const std::size_t wanted = static_cast<std::size_t>(state.range(0)) << 20;
    factgraph::Article a;
    a.source = "bench";
    for (std::size_t i = 0; a.text.size() < wanted; i = (i + 1) % corpus().texts.size()) a.text += corpus().texts[i] + "\n\n";
    for (auto _ : state) benchmark::DoNotOptimize(extractor->extract(a));
    state.SetBytesProcessed(static_cast<std::int64_t>(a.text.size() * state.iterations()));
}

}  // namespace

BENCHMARK(BM_ExtractLongArticle)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond)->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_LoadPipeline, fast, factgraph::nlp::ParserSpeed::fast)
    ->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_LoadPipeline, accurate, factgraph::nlp::ParserSpeed::accurate)
    ->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_Annotate, fast, factgraph::nlp::ParserSpeed::fast)
    ->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_Annotate, accurate, factgraph::nlp::ParserSpeed::accurate)
    ->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_Annotate, beam, factgraph::nlp::ParserSpeed::beam)
    ->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_Extract, fast, "nlp-fast")->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_Extract, accurate, "nlp")->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

int main(int argc, char** argv) {
    std::string dir;
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--corpus" && i + 1 < argc) dir = argv[++i];
        else rest.push_back(argv[i]);
    }
    if (dir.empty()) {
        std::cerr << "usage: bench_pipeline --corpus DIR [benchmark flags]\n";
        return 2;
    }
    try {
        corpus() = load(dir, 5u << 20);
    } catch (const std::filesystem::filesystem_error& e) {
        std::cerr << "bench_pipeline: cannot read the corpus folder " << dir << ": " << e.code().message() << '\n';
        return 2;
    }
    if (corpus().texts.empty()) {
        std::cerr << "no files in " << dir << '\n';
        return 2;
    }
    int n = static_cast<int>(rest.size());
    benchmark::Initialize(&n, rest.data());
    benchmark::RunSpecifiedBenchmarks();
    return 0;
}
