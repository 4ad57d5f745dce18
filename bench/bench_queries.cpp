// Latency of the graph questions on a large store (made by generate_corpus).
// Usage: bench_queries --db PATH [benchmark flags]
//
// Every iteration opens the store afresh, read-only, as one `factgraph` command does, and answers
// one question; printing is left out. Actors are picked by popularity: the 10th, 100th and 1000th
// most mentioned (by articles), so the numbers cover hubs and ordinary actors alike.
#include <benchmark/benchmark.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <iostream>
#include <string>
#include <vector>

#include "factgraph/core/fact_tracking.hpp"
#include "factgraph/core/graph.hpp"
#include "factgraph/core/graph_algorithms.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"

namespace {

using factgraph::Store;

std::string g_db;

struct Ranked {
    std::size_t rank;
    std::string name;
};

// Names of the actors at these popularity ranks (1 = most articles).
std::vector<Ranked> actors_at(const std::vector<std::size_t>& ranks) {
    SQLite::Database db(g_db, SQLite::OPEN_READONLY);
    SQLite::Statement st(db, "SELECT a.name FROM (SELECT actor_id, count(DISTINCT article_id) AS n FROM mentions "
                             "GROUP BY actor_id) m JOIN actors a ON a.id = m.actor_id ORDER BY m.n DESC, a.id");
    std::vector<Ranked> out;
    std::size_t r = 0, want = 0;
    while (want < ranks.size() && st.executeStep()) {
        ++r;
        if (r == ranks[want]) {
            out.push_back({r, st.getColumn(0).getString()});
            ++want;
        }
    }
    return out;
}

template <class Query>
void run(benchmark::State& state, Query query) {
    std::size_t rows = 0;
    for (auto _ : state) {
        Store store(g_db, Store::Mode::ReadOnly);
        auto table = query(store);
        rows = table.rows.size();
        benchmark::DoNotOptimize(table);
    }
    state.counters["rows"] = static_cast<double>(rows);
}

void register_all() {
    std::vector<Ranked> a = actors_at({10, 100, 1000, 5000, 10000});
    if (a.size() < 5) {
        std::cerr << "the store has too few actors for these benchmarks\n";
        std::exit(2);
    }
    auto tag = [](const Ranked& r) { return "rank" + std::to_string(r.rank); };
    auto reg = [](const std::string& name, auto fn) {
        return benchmark::RegisterBenchmark(name.c_str(), fn)
            ->Unit(benchmark::kMillisecond)
            ->Repetitions(5)
            ->ReportAggregatesOnly(true);
    };
    for (std::size_t i = 0; i < 3; ++i) {
        std::string name = a[i].name;
        reg("said_by/" + tag(a[i]), [name](benchmark::State& s) {
            factgraph::SaidQuery query;
            query.by = name;
            run(s, [&](Store& st) { return factgraph::query_said(st, query); });
        });
        reg("neighbours_depth2/" + tag(a[i]), [name](benchmark::State& s) {
            run(s, [&](Store& st) { return factgraph::query_neighbours(st, {name, 2, factgraph::LinkKinds::Both, {}, 50}); });
        });
        // The whole ring two links out, not just the 50 rows the command lists by default.
        reg("neighbours_depth2_all/" + tag(a[i]), [name](benchmark::State& s) {
            run(s, [&](Store& st) { return factgraph::query_neighbours(st, {name, 2, factgraph::LinkKinds::Both, {}, 0}); });
        });
        reg("conflicts/" + tag(a[i]), [name](benchmark::State& s) {
            run(s, [&](Store& st) { return factgraph::query_conflicts(st, {name, 20}); });
        });
        reg("timeline/" + tag(a[i]), [name](benchmark::State& s) {
            run(s, [&](Store& st) { return factgraph::query_timeline(st, {name, "", "", 1}); });
        });
    }
    {
        // An actor with fewer links than the listing holds: the second ring has to be read.
        std::string name = a[4].name;
        reg("neighbours_depth2/" + tag(a[4]), [name](benchmark::State& s) {
            run(s, [&](Store& st) { return factgraph::query_neighbours(st, {name, 2, factgraph::LinkKinds::Both, {}, 50}); });
        });
    }
    for (auto [x, y] : {std::pair{1, 2}, std::pair{2, 3}, std::pair{0, 4}}) {
        std::string from = a[static_cast<std::size_t>(x)].name, to = a[static_cast<std::size_t>(y)].name;
        reg("path/" + tag(a[static_cast<std::size_t>(x)]) + "-" + tag(a[static_cast<std::size_t>(y)]),
            [from, to](benchmark::State& s) { run(s, [&](Store& st) { return factgraph::query_path(st, {from, to}); }); });
    }
    benchmark::RegisterBenchmark("graph_view/build_graph", [](benchmark::State& s) {
        std::size_t edges = 0;
        for (auto _ : s) {
            Store store(g_db, Store::Mode::ReadOnly);
            auto g = factgraph::build_graph(store, {});
            edges = g.edges.size();
            benchmark::DoNotOptimize(g);
        }
        s.counters["edges"] = static_cast<double>(edges);
    })->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(true);
    benchmark::RegisterBenchmark("graph_view/load_network", [](benchmark::State& s) {
        std::size_t arcs = 0;
        for (auto _ : s) {
            Store store(g_db, Store::Mode::ReadOnly);
            auto n = factgraph::load_network(store);
            arcs = n.arcs.size();
            benchmark::DoNotOptimize(n);
        }
        s.counters["arcs"] = static_cast<double>(arcs);
    })->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(true);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--db" && i + 1 < argc) g_db = argv[++i];
        else rest.push_back(argv[i]);
    }
    if (g_db.empty()) {
        std::cerr << "usage: bench_queries --db PATH [benchmark flags]   (make PATH with generate_corpus)\n";
        return 2;
    }
    register_all();
    int n = static_cast<int>(rest.size());
    benchmark::Initialize(&n, rest.data());
    benchmark::RunSpecifiedBenchmarks();
    return 0;
}
