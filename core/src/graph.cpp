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

namespace {

// The node with this id in `nodes` (sorted by id), or nullptr.
template <class Nodes>
auto find_node(Nodes& nodes, std::int64_t id) -> decltype(&nodes.front()) {
    auto it = std::lower_bound(nodes.begin(), nodes.end(), id, [](const GraphNode& n, std::int64_t v) { return n.id < v; });
    return it != nodes.end() && it->id == id ? &*it : nullptr;
}

// Calls on_row(node, statement) for each row of `st` (ordered by its first column, an actor id)
// whose actor is in `nodes` (sorted by id): one merge pass, no lookup per row.
template <class OnRow>
void merge_rows_into(SQLite::Statement& st, std::vector<GraphNode>& nodes, OnRow on_row) {
    auto it = nodes.begin();
    while (st.executeStep()) {
        auto id = st.getColumn(0).getInt64();
        while (it != nodes.end() && it->id < id) ++it;
        if (it == nodes.end()) return;
        if (it->id == id) on_row(*it, st);
    }
}

}  // namespace

const GraphNode* Graph::node(std::int64_t id) const { return find_node(nodes, id); }

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

// Edge groups keyed by (source, target, two labels), the labels interned. The groups live in one
// vector, found through an open-addressing table of indexes: with hundreds of thousands of groups
// (a generated 100k-article store has one per row or nearly), a node-based hash map spends most of
// the load chasing pointers and allocating. groups() returns them in (source, target, label, label)
// order, the order SQL's GROUP BY produced.
template <class Tally>
class EdgeGroups {
public:
    Tally& at(std::int64_t source, std::int64_t target, std::string_view a, std::string_view b) {
        Key k{source, target, intern(a), intern(b)};
        if (2 * (m_tallies.size() + 1) > m_slots.size()) grow();
        std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash(k) & mask;; i = (i + 1) & mask) {
            std::uint32_t slot = m_slots[i];
            if (slot == kEmpty) {
                m_slots[i] = static_cast<std::uint32_t>(m_tallies.size());
                m_tallies.emplace_back(k, Tally{});
                return m_tallies.back().second;
            }
            if (m_tallies[slot].first == k) return m_tallies[slot].second;
        }
    }
    std::size_t size() const { return m_tallies.size(); }
    template <class Emit>
    void each_in_order(Emit emit) {
        // Labels are few: order them once, then compare ranks instead of strings.
        std::vector<std::uint32_t> by_name(m_names.size()), rank(m_names.size());
        for (std::uint32_t i = 0; i < by_name.size(); ++i) by_name[i] = i;
        std::sort(by_name.begin(), by_name.end(), [&](auto x, auto y) { return m_names[x] < m_names[y]; });
        for (std::uint32_t r = 0; r < by_name.size(); ++r) rank[by_name[r]] = r;
        std::vector<std::size_t> order(m_tallies.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            const Key &a = m_tallies[x].first, &b = m_tallies[y].first;
            return std::tie(a.source, a.target, rank[a.a], rank[a.b]) < std::tie(b.source, b.target, rank[b.a], rank[b.b]);
        });
        for (auto i : order) {
            const Key& k = m_tallies[i].first;
            emit(k.source, k.target, m_names[k.a], m_names[k.b], m_tallies[i].second);
        }
    }

private:
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    struct Key {
        std::int64_t source, target;
        std::uint32_t a, b;
        bool operator==(const Key&) const = default;
    };
    static std::size_t hash(const Key& k) {
        std::uint64_t h = static_cast<std::uint64_t>(k.source) * 0x9E3779B97F4A7C15ull;
        h ^= static_cast<std::uint64_t>(k.target) + 0x7F4A7C159E3779B9ull + (h << 6) + (h >> 2);
        h ^= (static_cast<std::uint64_t>(k.a) << 32 | k.b) + (h << 6) + (h >> 2);
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
    void grow() {
        std::vector<std::uint32_t> slots(std::max<std::size_t>(1024, 2 * m_slots.size()), kEmpty);
        std::size_t mask = slots.size() - 1;
        for (std::uint32_t t = 0; t < m_tallies.size(); ++t) {
            std::size_t i = hash(m_tallies[t].first) & mask;
            while (slots[i] != kEmpty) i = (i + 1) & mask;
            slots[i] = t;
        }
        m_slots = std::move(slots);
    }
    std::uint32_t intern(std::string_view s) {
        if (auto it = m_ids.find(s); it != m_ids.end()) return it->second;
        auto id = static_cast<std::uint32_t>(m_names.size());
        m_names.emplace_back(s);
        m_ids.emplace(m_names.back(), id);
        return id;
    }
    std::vector<std::uint32_t> m_slots;
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
    edges.reserve(edges.size() + groups.size());
    groups.each_in_order([&](std::int64_t source, std::int64_t target, const std::string& cue,
                             const std::string& stance, Tally& t) {
        if (t.count == 0) return;
        GraphEdge& e = edges.emplace_back();
        e.kind = GraphEdge::Kind::Claim;
        e.source = source;
        e.target = target;
        e.label = cue;
        e.stance = parse_stance(stance).value_or(Stance::Other);
        e.sources = t.sources();
        e.count = t.count;
        e.evidence = std::move(t.evidence);
        e.origin = *t.origin;
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
        auto sentence = st.getColumn(5);
        std::string_view text(sentence.getText(), static_cast<std::size_t>(sentence.getBytes()));
        if (!t.has_evidence || text < t.evidence) {
            t.evidence.assign(text);
            t.has_evidence = true;
        }
        t.add(article, arts.origin[a]);
    }
    edges.reserve(edges.size() + groups.size());
    groups.each_in_order([&](std::int64_t source, std::int64_t target, const std::string& predicate,
                             const std::string& asserted, EdgeTally& t) {
        GraphEdge& e = edges.emplace_back();
        e.kind = GraphEdge::Kind::Relation;
        e.source = source;
        e.target = target;
        e.label = predicate;
        e.asserted_by = asserted;
        e.sources = t.sources();
        e.count = t.count;
        e.evidence = std::move(t.evidence);
        e.origin = *t.origin;
    });
}

// Every actor (sorted by id) with its mention and article counts, from one grouped pass over the
// (actor, article) index: two counting subqueries per actor cost seconds on a large store.
std::vector<GraphNode> load_nodes(SQLite::Database& db) {
    std::vector<GraphNode> nodes;
    SQLite::Statement actor(db, "SELECT id, name, type FROM actors ORDER BY id");
    while (actor.executeStep()) {
        GraphNode n;
        n.id = actor.getColumn(0).getInt64();
        n.name = actor.getColumn(1).getString();
        n.type = parse_actor_type(actor.getColumn(2).getString()).value_or(ActorType::Other);
        nodes.push_back(std::move(n));
    }
    SQLite::Statement counts(db,
        "SELECT actor_id, count(*), count(DISTINCT article_id) FROM mentions GROUP BY actor_id ORDER BY actor_id");
    merge_rows_into(counts, nodes, [](GraphNode& n, SQLite::Statement& row) {
        n.mentions = row.getColumn(1).getInt64();
        n.articles = row.getColumn(2).getInt64();
    });
    return nodes;
}

// The aliases of `nodes` (sorted by id) other than their own name, alphabetically. A whole-store
// view reads them in one pass; a focused one looks up its few actors.
void load_aliases(SQLite::Database& db, std::vector<GraphNode>& nodes) {
    constexpr std::size_t kOnePassFrom = 2000;
    if (nodes.size() >= kOnePassFrom) {
        SQLite::Statement st(db,
            "SELECT aa.actor_id, aa.alias FROM actor_aliases aa JOIN actors a ON a.id = aa.actor_id "
            "WHERE aa.norm_alias <> a.norm_name ORDER BY aa.actor_id, aa.alias");
        merge_rows_into(st, nodes, [](GraphNode& n, SQLite::Statement& row) {
            n.aliases.push_back(row.getColumn(1).getString());
        });
        return;
    }
    SQLite::Statement st(db, "SELECT alias FROM actor_aliases WHERE actor_id = ? AND norm_alias <> "
                             "(SELECT norm_name FROM actors WHERE id = actor_id) ORDER BY alias");
    for (auto& n : nodes) {
        st.reset();
        st.bind(1, n.id);
        while (st.executeStep()) n.aliases.push_back(st.getColumn(0).getString());
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
    Articles articles = load_articles(db, q);
    if (q.claims) load_claim_edges(db, q, articles, edges);
    if (q.relations) load_relation_edges(db, q, articles, edges);
    edges.erase(std::remove_if(edges.begin(), edges.end(), [&](const GraphEdge& e) { return e.sources < q.min_sources; }),
                edges.end());

    std::vector<GraphNode> nodes = load_nodes(db);
    if (q.type)
        edges.erase(std::remove_if(edges.begin(), edges.end(), [&](const GraphEdge& e) {
                        const GraphNode *s = find_node(nodes, e.source), *t = find_node(nodes, e.target);
                        return !s || !t || s->type != *q.type || t->type != *q.type;
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
    g.nodes.reserve(ids.size());
    for (auto id : ids) {
        if (GraphNode* n = find_node(nodes, id)) g.nodes.push_back(std::move(*n));
        else {
            GraphNode unknown;  // an id without an actors row: the foreign keys forbid it
            unknown.id = id;
            g.nodes.push_back(std::move(unknown));
        }
    }
    load_aliases(db, g.nodes);
    // Both loaders emit their edges in this order already (claims first); sort only if filtering
    // or a future loader breaks it.
    auto edge_order = [](const GraphEdge& a, const GraphEdge& b) {
        return std::tie(a.kind, a.source, a.target, a.label, a.asserted_by) <
               std::tie(b.kind, b.source, b.target, b.label, b.asserted_by);
    };
    if (!std::is_sorted(edges.begin(), edges.end(), edge_order)) std::stable_sort(edges.begin(), edges.end(), edge_order);
    g.edges = std::move(edges);
    if (g.nodes.empty()) throw Error("nothing to draw: the selection holds no actors with claims or relations");
    return g;
}

}  // namespace factgraph
