// Layout and rendering time of the relationship diagram on generated news-like graphs.
// Usage: bench_render [benchmark flags]
//        bench_render --write ACTORS LAYOUT FILE   (writes one generated diagram, e.g. to look at)
// The generated graph grows by preferential attachment, as news graphs do: a few actors (the
// story's subjects) gather most edges, most actors appear once or twice.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>
#include <tuple>
#include <string>
#include <vector>

#include "factgraph/exporters/diagram.hpp"

namespace {

using namespace factgraph;

// A fixed-seed generator of our own: std distributions differ between standard libraries and the
// benchmark must measure the same graph everywhere.
class Lcg {
public:
    explicit Lcg(std::uint64_t seed) : m_state(seed) {}
    std::uint32_t next() {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(m_state >> 33);
    }
    std::size_t below(std::size_t n) { return n ? next() % n : 0; }

private:
    std::uint64_t m_state;
};

const char* const kFirst[] = {"Amira", "Bruno", "Chen", "Dalia", "Emeka", "Frida", "Goran", "Hana", "Ivan", "Jolene",
                              "Kofi", "Léa", "Marek", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Søren", "Tomás"};
const char* const kLast[] = {"Okafor", "Lindqvist", "Moreau", "Nakamura", "Kowalski", "Haddad", "Ferreira", "Novak",
                             "O'Brien", "Schäfer", "Jansen", "Rossi", "Petrov", "García", "Mbeki", "Tanaka"};
const char* const kOrgWord[] = {"Kestrel", "Meridian", "Northwind", "Helios", "Arbor", "Cobalt", "Vantage", "Lumen",
                                "Granite", "Osprey", "Juniper", "Atlas"};
const char* const kOrgKind[] = {"Systems", "Holdings", "Group", "Labs", "Ministry of Finance", "Foundation",
                                "Media", "Capital", "International", "Party"};
const char* const kPlace[] = {"Zürich", "Łódź", "Lisbon", "Nairobi", "Ōsaka", "Montréal", "Reykjavík", "Kraków",
                              "São Paulo", "Tbilisi", "Gdańsk", "Bogotá"};
const char* const kCue[] = {"say", "tell", "accuse", "deny", "claim", "warn", "confirm"};
const char* const kPredicate[] = {"based in", "owns", "works for", "invested in", "sued", "met", "chief executive of"};

template <std::size_t N>
const char* pick(Lcg& rng, const char* const (&items)[N]) {
    return items[rng.below(N)];
}

/** Builds a graph of `actors` actors with about 1.6 edges per actor. */
Graph generate(std::size_t actors, std::uint64_t seed = 42) {
    Lcg rng(seed);
    Graph g;
    std::vector<std::size_t> ends;  // one entry per edge end: picking from it favours hubs
    for (std::size_t i = 0; i < actors; ++i) {
        GraphNode n;
        n.id = static_cast<std::int64_t>(i + 1);
        std::size_t kind = rng.below(10);
        if (kind < 5) {
            n.type = ActorType::Person;
            n.name = std::string(pick(rng, kFirst)) + " " + pick(rng, kLast);
        } else if (kind < 8) {
            n.type = ActorType::Organization;
            n.name = std::string(pick(rng, kOrgWord)) + " " + pick(rng, kOrgKind);
        } else if (kind < 9) {
            n.type = ActorType::Location;
            n.name = pick(rng, kPlace);
        } else {
            n.type = rng.below(2) ? ActorType::Group : ActorType::Product;
            n.name = std::string(pick(rng, kOrgWord)) + (n.type == ActorType::Group ? " protesters" : " X2");
        }
        n.name += " " + std::to_string(i + 1);  // names stay distinct, as resolved actors are
        n.mentions = 1 + static_cast<std::int64_t>(rng.below(3));
        n.articles = 1;
        g.nodes.push_back(std::move(n));
        if (i == 0) continue;
        std::size_t links = 1 + (rng.below(10) < 6 ? 1 : 0);
        for (std::size_t l = 0; l < links; ++l) {
            std::size_t other = ends.empty() || rng.below(4) == 0 ? rng.below(i) : ends[rng.below(ends.size())];
            if (other == i) continue;
            GraphEdge e;
            bool claim = rng.below(3) != 0;
            e.kind = claim ? GraphEdge::Kind::Claim : GraphEdge::Kind::Relation;
            e.source = static_cast<std::int64_t>(rng.below(2) ? i + 1 : other + 1);
            e.target = static_cast<std::int64_t>(e.source == static_cast<std::int64_t>(i + 1) ? other + 1 : i + 1);
            e.label = claim ? pick(rng, kCue) : pick(rng, kPredicate);
            if (claim && e.label == "deny") e.stance = Stance::Deny;
            e.sources = 1 + static_cast<std::int64_t>(rng.below(5) == 0 ? rng.below(4) : 0);
            e.count = e.sources;
            e.evidence = "A sentence that states the fact, as the article put it.";
            e.origin = "The Daily Example, 2024-03-01";
            g.edges.push_back(std::move(e));
            ends.push_back(i);
            ends.push_back(other);
        }
    }
    // Mentions follow degree, as they do in real articles: the hubs are the story's subjects.
    for (const auto& e : g.edges) {
        g.nodes[static_cast<std::size_t>(e.source - 1)].mentions += 2;
        g.nodes[static_cast<std::size_t>(e.target - 1)].mentions += 2;
    }
    std::sort(g.edges.begin(), g.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
        return std::tie(a.kind, a.source, a.target, a.label) < std::tie(b.kind, b.source, b.target, b.label);
    });
    return g;
}

void BM_RenderSvg(benchmark::State& state, std::string layout) {
    Graph graph = generate(static_cast<std::size_t>(state.range(0)));
    exporters::DiagramOptions options;
    options.layout = layout;
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::ostringstream out;
        exporters::render_diagram(graph, out, "svg", options);
        bytes = out.str().size();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["actors"] = static_cast<double>(graph.nodes.size());
    state.counters["edges"] = static_cast<double>(graph.edges.size());
    state.counters["svg_bytes"] = static_cast<double>(bytes);
}

// Whole seconds per iteration: a few iterations are enough, and repetitions give the median.
BENCHMARK_CAPTURE(BM_RenderSvg, sfdp, std::string("sfdp"))
    ->Arg(200)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5)
    ->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(BM_RenderSvg, dot, std::string("dot"))
    ->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(true);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (argc == 5 && std::string(argv[1]) == "--write") {
        Graph graph = generate(std::stoul(argv[2]));
        exporters::DiagramOptions options;
        options.layout = argv[3];
        std::string file = argv[4];
        std::ostringstream out;
        exporters::render_diagram(graph, out, file.substr(file.rfind('.') + 1), options);
        std::ofstream(file, std::ios::binary) << out.str();
        std::cerr << "wrote " << file << " (" << graph.nodes.size() << " actors, " << graph.edges.size() << " edges)\n";
        return 0;
    }
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
