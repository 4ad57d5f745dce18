#include "factgraph/core/graph.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <map>
#include <set>

#include "factgraph/core/error.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"

namespace factgraph {

const GraphNode* Graph::node(std::int64_t id) const {
    auto it = std::lower_bound(nodes.begin(), nodes.end(), id, [](const GraphNode& n, std::int64_t v) { return n.id < v; });
    return it != nodes.end() && it->id == id ? &*it : nullptr;
}

namespace {

std::string article_filter(const GraphQuery& q, const char* alias) {
    std::string f;
    if (!q.since.empty()) f += std::string(" AND ") + alias + ".article_id IN (SELECT id FROM articles WHERE published >= :since)";
    if (q.article) f += std::string(" AND ") + alias + ".article_id = :article";
    return f;
}

void bind_filter(SQLite::Statement& st, const GraphQuery& q) {
    if (!q.since.empty()) st.bind(":since", q.since);
    if (q.article) st.bind(":article", q.article);
}

void load_claim_edges(SQLite::Database& db, const GraphQuery& q, std::vector<GraphEdge>& edges) {
    // One edge per (speaker, actor spoken about, cue, stance); the earliest claim is the evidence.
    SQLite::Statement st(db,
        "SELECT c.speaker_id, ca.actor_id, c.cue, c.stance, count(DISTINCT c.article_id), count(*), "
        "  (SELECT c2.content FROM claims c2 JOIN claim_about x2 ON x2.claim_id = c2.id "
        "     WHERE c2.speaker_id = c.speaker_id AND x2.actor_id = ca.actor_id AND c2.cue = c.cue "
        "     AND c2.stance = c.stance ORDER BY c2.article_id, c2.start LIMIT 1), "
        "  min(COALESCE(NULLIF(ar.outlet,''), NULLIF(ar.byline,''), ar.source) || "
        "      CASE WHEN ar.published <> '' THEN ', ' || substr(ar.published, 1, 10) ELSE '' END) "
        "FROM claims c JOIN claim_about ca ON ca.claim_id = c.id JOIN articles ar ON ar.id = c.article_id "
        "WHERE c.speaker_id IS NOT NULL AND c.speaker_id <> ca.actor_id" + article_filter(q, "c") +
        " GROUP BY c.speaker_id, ca.actor_id, c.cue, c.stance");
    bind_filter(st, q);
    while (st.executeStep()) {
        GraphEdge e;
        e.kind = GraphEdge::Kind::Claim;
        e.source = st.getColumn(0).getInt64();
        e.target = st.getColumn(1).getInt64();
        e.label = st.getColumn(2).getString();
        e.stance = parse_stance(st.getColumn(3).getString()).value_or(Stance::Other);
        e.sources = st.getColumn(4).getInt64();
        e.count = st.getColumn(5).getInt64();
        e.evidence = st.getColumn(6).getString();
        e.origin = st.getColumn(7).getString();
        edges.push_back(std::move(e));
    }
}

void load_relation_edges(SQLite::Database& db, const GraphQuery& q, std::vector<GraphEdge>& edges) {
    SQLite::Statement st(db,
        "SELECT r.subject_id, r.object_id, r.predicate, COALESCE(sp.name, c.speaker_text, '') AS asserted, "
        "  count(DISTINCT r.article_id), count(*), min(se.text), "
        "  min(COALESCE(NULLIF(ar.outlet,''), NULLIF(ar.byline,''), ar.source) || "
        "      CASE WHEN ar.published <> '' THEN ', ' || substr(ar.published, 1, 10) ELSE '' END) "
        "FROM relations r JOIN articles ar ON ar.id = r.article_id "
        "JOIN sentences se ON se.article_id = r.article_id AND se.idx = r.sentence "
        "LEFT JOIN claims c ON c.id = r.claim_id LEFT JOIN actors sp ON sp.id = c.speaker_id "
        "WHERE r.subject_id <> r.object_id" + article_filter(q, "r") +
        " GROUP BY r.subject_id, r.object_id, r.predicate, asserted");
    bind_filter(st, q);
    while (st.executeStep()) {
        GraphEdge e;
        e.kind = GraphEdge::Kind::Relation;
        e.source = st.getColumn(0).getInt64();
        e.target = st.getColumn(1).getInt64();
        e.label = st.getColumn(2).getString();
        e.asserted_by = st.getColumn(3).getString();
        e.sources = st.getColumn(4).getInt64();
        e.count = st.getColumn(5).getInt64();
        e.evidence = st.getColumn(6).getString();
        e.origin = st.getColumn(7).getString();
        edges.push_back(std::move(e));
    }
}

// Actors within `depth` hops of `focus`, edges taken as undirected.
std::set<std::int64_t> within_hops(const std::vector<GraphEdge>& edges, const std::vector<std::int64_t>& focus, int depth) {
    using UGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    std::map<std::int64_t, std::size_t> index;
    std::vector<std::int64_t> actor_of;
    auto vertex = [&](std::int64_t id) {
        auto [it, added] = index.emplace(id, actor_of.size());
        if (added) actor_of.push_back(id);
        return it->second;
    };
    for (auto f : focus) vertex(f);
    for (const auto& e : edges) {
        vertex(e.source);
        vertex(e.target);
    }
    UGraph g(actor_of.size());
    for (const auto& e : edges) boost::add_edge(index[e.source], index[e.target], g);
    std::vector<int> distance(actor_of.size(), -1);
    std::set<std::int64_t> keep;
    for (auto f : focus) {
        std::vector<int> d(actor_of.size(), -1);
        std::size_t start = index[f];
        d[start] = 0;
        boost::breadth_first_search(
            g, boost::vertex(start, g),
            boost::visitor(boost::make_bfs_visitor(boost::record_distances(
                boost::make_iterator_property_map(d.begin(), boost::get(boost::vertex_index, g)),
                boost::on_tree_edge()))));
        for (std::size_t v = 0; v < d.size(); ++v)
            if ((v == start || d[v] > 0) && d[v] <= depth) keep.insert(actor_of[v]);
    }
    return keep;
}

}  // namespace

Graph build_graph(Store& store, const GraphQuery& q) {
    auto& db = store.database();
    std::vector<GraphEdge> edges;
    if (q.claims) load_claim_edges(db, q, edges);
    if (q.relations) load_relation_edges(db, q, edges);
    edges.erase(std::remove_if(edges.begin(), edges.end(), [&](const GraphEdge& e) { return e.sources < q.min_sources; }),
                edges.end());

    std::map<std::int64_t, GraphNode> nodes;
    SQLite::Statement actor(db,
        "SELECT a.id, a.name, a.type, (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id), "
        "  (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.actor_id = a.id) FROM actors a");
    SQLite::Statement alias(db, "SELECT alias FROM actor_aliases WHERE actor_id = ? AND norm_alias <> "
                                "(SELECT norm_name FROM actors WHERE id = actor_id) ORDER BY alias");
    while (actor.executeStep()) {
        GraphNode n;
        n.id = actor.getColumn(0).getInt64();
        n.name = actor.getColumn(1).getString();
        n.type = parse_actor_type(actor.getColumn(2).getString()).value_or(ActorType::Other);
        n.mentions = actor.getColumn(3).getInt64();
        n.articles = actor.getColumn(4).getInt64();
        nodes.emplace(n.id, std::move(n));
    }
    if (q.type)
        edges.erase(std::remove_if(edges.begin(), edges.end(), [&](const GraphEdge& e) {
                        return nodes[e.source].type != *q.type || nodes[e.target].type != *q.type;
                    }), edges.end());
    std::set<std::int64_t> keep;
    if (!q.focus.empty()) {
        std::vector<std::int64_t> focus = find_actors(store, q.focus);
        keep = within_hops(edges, focus, std::max(0, q.depth));
        edges.erase(std::remove_if(edges.begin(), edges.end(), [&](const GraphEdge& e) {
                        return !keep.count(e.source) || !keep.count(e.target);
                    }), edges.end());
        for (auto f : focus) keep.insert(f);
    }
    for (const auto& e : edges) {
        keep.insert(e.source);
        keep.insert(e.target);
    }
    Graph g;
    for (auto id : keep) {
        GraphNode n = nodes[id];
        alias.reset();
        alias.bind(1, id);
        while (alias.executeStep()) n.aliases.push_back(alias.getColumn(0).getString());
        g.nodes.push_back(std::move(n));
    }
    std::sort(edges.begin(), edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
        return std::tie(a.kind, a.source, a.target, a.label, a.asserted_by) <
               std::tie(b.kind, b.source, b.target, b.label, b.asserted_by);
    });
    g.edges = std::move(edges);
    if (g.nodes.empty()) throw Error("nothing to draw: the selection holds no actors with claims or relations");
    return g;
}

}  // namespace factgraph
