#include "factgraph/core/graph.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <deque>
#include <string_view>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "factgraph/core/error.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"

namespace factgraph {

const GraphNode* Graph::node(std::int64_t id) const {
    auto it = std::lower_bound(nodes.begin(), nodes.end(), id, [](const GraphNode& n, std::int64_t v) { return n.id < v; });
    return it != nodes.end() && it->id == id ? &*it : nullptr;
}

namespace {

// Per article: whether the query selects it, and the origin label its facts cite ("outlet, date").
// Read once from a covering index, so the fact queries need not join the (wide) articles rows.
struct Articles {
    std::vector<char> selected;
    std::vector<std::string> origin;
};

Articles load_articles(SQLite::Database& db, const GraphQuery& q) {
    Articles a;
    SQLite::Statement st(db,
        "SELECT id, published, COALESCE(NULLIF(outlet,''), NULLIF(byline,''), source) || "
        "  CASE WHEN published <> '' THEN ', ' || substr(published, 1, 10) ELSE '' END FROM articles");
    while (st.executeStep()) {
        auto id = static_cast<std::size_t>(st.getColumn(0).getInt64());
        if (id >= a.selected.size()) {
            a.selected.resize(id + 1, 0);
            a.origin.resize(id + 1);
        }
        bool selected = (q.since.empty() || st.getColumn(1).getString() >= q.since) &&
                        (!q.article || static_cast<std::int64_t>(id) == q.article);
        a.selected[id] = selected ? 1 : 0;
        a.origin[id] = st.getColumn(2).getString();
    }
    return a;
}

// What one edge accumulates from its supporting rows.
struct EdgeTally {
    std::int64_t first_article = 0;
    std::vector<std::int64_t> more_articles;  // distinct, other than the first (most edges have none)
    std::int64_t count = 0;
    const std::string* origin = nullptr;      // the smallest origin label, as SQL min() would pick
    std::string evidence;
    bool has_evidence = false;
    void add(std::int64_t article, const std::string& article_origin) {
        if (count == 0) first_article = article;
        else if (article != first_article &&
                 std::find(more_articles.begin(), more_articles.end(), article) == more_articles.end())
            more_articles.push_back(article);
        if (count == 0 || article_origin < *origin) origin = &article_origin;
        ++count;
    }
    std::int64_t sources() const { return count ? 1 + static_cast<std::int64_t>(more_articles.size()) : 0; }
};

// Edge groups keyed by (source, target, two labels), the labels interned: hashing four integers
// is much cheaper than ordering string tuples for hundreds of thousands of groups. groups()
// returns them in (source, target, label, label) order, the order SQL's GROUP BY produced.
template <class Tally>
class EdgeGroups {
public:
    Tally& at(std::int64_t source, std::int64_t target, std::string_view a, std::string_view b) {
        Key k{source, target, intern(a), intern(b)};
        auto [it, added] = m_index.try_emplace(k, m_tallies.size());
        if (added) m_tallies.emplace_back(k, Tally{});
        return m_tallies[it->second].second;
    }
    template <class Emit>
    void each_in_order(Emit emit) {
        std::vector<std::size_t> order(m_tallies.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            const Key &a = m_tallies[x].first, &b = m_tallies[y].first;
            if (a.source != b.source) return a.source < b.source;
            if (a.target != b.target) return a.target < b.target;
            if (a.a != b.a) return m_names[a.a] < m_names[b.a];
            return m_names[a.b] < m_names[b.b];
        });
        for (auto i : order) {
            const Key& k = m_tallies[i].first;
            emit(k.source, k.target, m_names[k.a], m_names[k.b], m_tallies[i].second);
        }
    }

private:
    struct Key {
        std::int64_t source, target;
        std::uint32_t a, b;
        bool operator==(const Key&) const = default;
    };
    struct Hash {
        std::size_t operator()(const Key& k) const {
            std::uint64_t h = static_cast<std::uint64_t>(k.source) * 0x9E3779B97F4A7C15ull;
            h ^= static_cast<std::uint64_t>(k.target) + 0x7F4A7C159E3779B9ull + (h << 6) + (h >> 2);
            h ^= (static_cast<std::uint64_t>(k.a) << 32 | k.b) + (h << 6) + (h >> 2);
            return static_cast<std::size_t>(h);
        }
    };
    std::uint32_t intern(std::string_view s) {
        if (auto it = m_ids.find(s); it != m_ids.end()) return it->second;
        auto id = static_cast<std::uint32_t>(m_names.size());
        m_names.emplace_back(s);
        m_ids.emplace(m_names.back(), id);
        return id;
    }
    std::unordered_map<Key, std::size_t, Hash> m_index;
    std::vector<std::pair<Key, Tally>> m_tallies;
    std::deque<std::string> m_names;  // stable addresses: m_ids views them
    std::unordered_map<std::string_view, std::uint32_t> m_ids;
};

void load_claim_edges(SQLite::Database& db, const GraphQuery&, const Articles& arts, std::vector<GraphEdge>& edges) {
    // One edge per (speaker, actor spoken about, cue, stance); its evidence is the group's first
    // claim in (article, position) order over the whole store, its counts come from the selection.
    // Aggregated here in one pass: a grouped query with a per-group subquery is quadratic in a
    // speaker's claims.
    struct Tally : EdgeTally {
        std::tuple<std::int64_t, std::int64_t, std::int64_t> first{};
    };
    EdgeGroups<Tally> groups;
    SQLite::Statement st(db,
        "SELECT c.speaker_id, ca.actor_id, c.cue, c.stance, c.article_id, c.start, c.id, c.content "
        "FROM claims c JOIN claim_about ca ON ca.claim_id = c.id "
        "WHERE c.speaker_id IS NOT NULL AND c.speaker_id <> ca.actor_id");
    while (st.executeStep()) {
        Tally& t = groups.at(st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getText(),
                             st.getColumn(3).getText());
        auto article = st.getColumn(4).getInt64();
        auto order = std::make_tuple(article, st.getColumn(5).getInt64(), st.getColumn(6).getInt64());
        if (!t.has_evidence || order < t.first) {
            t.first = order;
            t.evidence = st.getColumn(7).getString();
            t.has_evidence = true;
        }
        auto a = static_cast<std::size_t>(article);
        if (a < arts.selected.size() && arts.selected[a]) t.add(article, arts.origin[a]);
    }
    groups.each_in_order([&](std::int64_t source, std::int64_t target, const std::string& cue,
                             const std::string& stance, Tally& t) {
        if (t.count == 0) return;
        GraphEdge e;
        e.kind = GraphEdge::Kind::Claim;
        e.source = source;
        e.target = target;
        e.label = cue;
        e.stance = parse_stance(stance).value_or(Stance::Other);
        e.sources = t.sources();
        e.count = t.count;
        e.evidence = std::move(t.evidence);
        e.origin = *t.origin;
        edges.push_back(std::move(e));
    });
}

void load_relation_edges(SQLite::Database& db, const GraphQuery&, const Articles& arts, std::vector<GraphEdge>& edges) {
    // One edge per (subject, object, predicate, who asserts it); evidence is the smallest sentence.
    EdgeGroups<EdgeTally> groups;
    SQLite::Statement st(db,
        "SELECT r.subject_id, r.object_id, "
        // A negated or hedged relation is a different statement: "not pay", "may host".
        "  (CASE WHEN r.negated THEN 'not ' ELSE '' END) || (CASE WHEN r.modality = '' THEN '' ELSE r.modality || ' ' END) "
        "    || r.predicate, "
        "  COALESCE(sp.name, c.speaker_text, ''), r.article_id, se.text "
        "FROM relations r JOIN sentences se ON se.article_id = r.article_id AND se.idx = r.sentence "
        "LEFT JOIN claims c ON c.id = r.claim_id LEFT JOIN actors sp ON sp.id = c.speaker_id "
        "WHERE r.subject_id <> r.object_id");
    while (st.executeStep()) {
        auto article = st.getColumn(4).getInt64();
        auto a = static_cast<std::size_t>(article);
        if (a >= arts.selected.size() || !arts.selected[a]) continue;
        EdgeTally& t = groups.at(st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getText(),
                                 st.getColumn(3).getText());
        std::string sentence = st.getColumn(5).getString();
        if (!t.has_evidence || sentence < t.evidence) {
            t.evidence = std::move(sentence);
            t.has_evidence = true;
        }
        t.add(article, arts.origin[a]);
    }
    groups.each_in_order([&](std::int64_t source, std::int64_t target, const std::string& predicate,
                             const std::string& asserted, EdgeTally& t) {
        GraphEdge e;
        e.kind = GraphEdge::Kind::Relation;
        e.source = source;
        e.target = target;
        e.label = predicate;
        e.asserted_by = asserted;
        e.sources = t.sources();
        e.count = t.count;
        e.evidence = std::move(t.evidence);
        e.origin = *t.origin;
        edges.push_back(std::move(e));
    });
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
    Articles articles = load_articles(db, q);
    if (q.claims) load_claim_edges(db, q, articles, edges);
    if (q.relations) load_relation_edges(db, q, articles, edges);
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
    std::vector<std::int64_t> ids(keep.begin(), keep.end());
    ids.reserve(ids.size() + 2 * edges.size());
    for (const auto& e : edges) {
        ids.push_back(e.source);
        ids.push_back(e.target);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    Graph g;
    for (auto id : ids) {
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
