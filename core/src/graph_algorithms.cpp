#include "factgraph/core/graph_algorithms.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/page_rank.hpp>
#include <boost/pending/queue.hpp>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <unordered_map>

#include "factgraph/core/error.hpp"
#include "factgraph/core/store.hpp"
#include "sql_support.hpp"

namespace factgraph {

namespace {

using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
using Directed = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

constexpr int kUnreached = std::numeric_limits<int>::max();

// An actor's links, read one actor at a time from the link table (its primary key covers this).
class LinkReader {
public:
    LinkReader(SQLite::Database& db, LinkKinds via) : m_st(db, sql(via)) {}

    /** Calls visit(other actor, facts on the link) for each link of `actor`. */
    template <class Visit>
    void each(std::int64_t actor, Visit visit) {
        m_st.reset();
        m_st.bind(1, actor);
        while (m_st.executeStep()) visit(m_st.getColumn(0).getInt64(), m_st.getColumn(1).getInt64());
    }

private:
    static std::string sql(LinkKinds via) {
        std::string w = via == LinkKinds::Claims      ? "claims_out + claims_in"
                        : via == LinkKinds::Relations ? "relations_out + relations_in"
                                                      : "claims_out + claims_in + relations_out + relations_in";
        return "SELECT other_id, " + w + " AS w FROM actor_links WHERE actor_id = ? AND w > 0";
    }
    SQLite::Statement m_st;
};

// Names and types of actors, looked up as needed; for a long listing, read all at once.
class ActorInfo {
public:
    explicit ActorInfo(SQLite::Database& db, std::size_t expected = 0)
        : m_st(db, "SELECT name, type FROM actors WHERE id = ?") {
        if (expected < 2000) return;
        SQLite::Statement all(db, "SELECT id, name, type FROM actors");
        while (all.executeStep())
            m_cache.emplace(all.getColumn(0).getInt64(),
                            std::make_pair(all.getColumn(1).getString(), all.getColumn(2).getString()));
    }
    const std::pair<std::string, std::string>& operator()(std::int64_t id) {
        auto it = m_cache.find(id);
        if (it != m_cache.end()) return it->second;
        m_st.reset();
        m_st.bind(1, id);
        std::pair<std::string, std::string> v;
        if (m_st.executeStep()) v = {m_st.getColumn(0).getString(), m_st.getColumn(1).getString()};
        return m_cache.emplace(id, std::move(v)).first->second;
    }
    const std::string& name(std::int64_t id) { return (*this)(id).first; }
    const std::string& type(std::int64_t id) { return (*this)(id).second; }

private:
    SQLite::Statement m_st;
    std::unordered_map<std::int64_t, std::pair<std::string, std::string>> m_cache;
};

// BFS distances from several sources at once.
std::vector<int> distances(const Undirected& g, const std::vector<std::size_t>& sources) {
    std::vector<int> d(boost::num_vertices(g), kUnreached);
    for (auto s : sources) d[s] = 0;
    std::vector<boost::default_color_type> color(boost::num_vertices(g), boost::white_color);
    boost::queue<std::size_t> buffer;
    auto index = boost::get(boost::vertex_index, g);
    boost::breadth_first_search(
        g, sources.begin(), sources.end(), buffer,
        boost::make_bfs_visitor(boost::record_distances(boost::make_iterator_property_map(d.begin(), index),
                                                        boost::on_tree_edge())),
        boost::make_iterator_property_map(color.begin(), index));
    return d;
}

// The earliest fact on the link between two actors, for a path hop.
struct Evidence {
    std::string link;
    std::string sentence;
    std::string source;
    std::string published;
    std::int64_t article = 0;
    std::int64_t start = 0;
    bool found = false;
};

class EvidenceFinder {
public:
    EvidenceFinder(SQLite::Database& db, LinkKinds via)
        : m_relation(db, std::string("SELECT r.subject_id, CASE WHEN r.negated THEN 'not ' ELSE '' END || r.predicate, "
                                     "  se.text, ") + detail::kOutletSql + ", ar.published, r.article_id, r.start "
                                     "FROM relations r JOIN articles ar INDEXED BY articles_origin ON ar.id = r.article_id "
                                     "LEFT JOIN sentences se ON se.article_id = r.article_id AND se.idx = r.sentence "
                                     "WHERE r.subject_id = ?1 AND r.object_id = ?2 "
                                     "ORDER BY ar.published, r.article_id, r.start LIMIT 1"),
          // The claims by ?1 about ?2 are the intersection of two index ranges, read without
          // touching a claim row; joined instead, SQLite reads every claim about ?2 (thousands
          // for a hub) to test its speaker.
          m_claim(db, std::string("SELECT c.speaker_id, c.cue, COALESCE(se.text, c.content), ") + detail::kOutletSql +
                          ", ar.published, c.article_id, c.start "
                          "FROM claims c JOIN articles ar INDEXED BY articles_origin ON ar.id = c.article_id "
                          "LEFT JOIN sentences se ON se.article_id = c.article_id AND se.idx = c.sentence "
                          "WHERE c.id IN (SELECT id FROM claims WHERE speaker_id = ?1 "
                          "               INTERSECT SELECT claim_id FROM claim_about WHERE actor_id = ?2) "
                          "ORDER BY ar.published, c.article_id, c.start LIMIT 1"),
          m_via(via) {}

    Evidence operator()(std::int64_t from, std::int64_t to) {
        Evidence best;
        auto consider = [&](SQLite::Statement& st, std::int64_t a, std::int64_t b) {
            st.reset();
            st.bind(1, a);
            st.bind(2, b);
            if (!st.executeStep()) return;
            Evidence e;
            e.found = true;
            std::string label = st.getColumn(1).getString();
            e.link = st.getColumn(0).getInt64() == from ? label + " \u2192" : "\u2190 " + label;
            e.sentence = st.getColumn(2).getString();
            e.published = st.getColumn(4).getString();
            e.source = detail::source_label(st.getColumn(3).getString(), e.published.substr(0, 10));
            e.article = st.getColumn(5).getInt64();
            e.start = st.getColumn(6).getInt64();
            if (!best.found || std::tie(e.published, e.article, e.start) < std::tie(best.published, best.article, best.start))
                best = std::move(e);
        };
        if (m_via != LinkKinds::Claims) {
            consider(m_relation, from, to);
            consider(m_relation, to, from);
        }
        if (m_via != LinkKinds::Relations) {
            consider(m_claim, from, to);
            consider(m_claim, to, from);
        }
        return best;
    }

private:
    SQLite::Statement m_relation, m_claim;
    LinkKinds m_via;
};

// Maps actor ids to dense vertex indices.
class VertexIndex {
public:
    std::size_t operator()(std::int64_t id) {
        auto [it, added] = m_index.emplace(id, m_ids.size());
        if (added) m_ids.push_back(id);
        return it->second;
    }
    std::size_t size() const { return m_ids.size(); }
    std::int64_t id(std::size_t v) const { return m_ids[v]; }

private:
    std::unordered_map<std::int64_t, std::size_t> m_index;
    std::vector<std::int64_t> m_ids;
};

Undirected undirected_of(const ActorNetwork& net) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    pairs.reserve(net.arcs.size());
    for (const auto& a : net.arcs) pairs.emplace_back(std::min(a.from, a.to), std::max(a.from, a.to));
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    Undirected g(net.actors.size());
    for (auto [a, b] : pairs) boost::add_edge(a, b, g);
    return g;
}

std::string join_names(const std::vector<std::string>& names, std::size_t total) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    if (total > names.size()) s += " +" + std::to_string(total - names.size()) + " more";
    return s;
}

}  // namespace

std::optional<LinkKinds> parse_link_kinds(std::string_view name) {
    if (name == "both") return LinkKinds::Both;
    if (name == "relation" || name == "relations") return LinkKinds::Relations;
    if (name == "claim" || name == "claims") return LinkKinds::Claims;
    return std::nullopt;
}

ActorNetwork load_network(Store& store, LinkKinds via) {
    std::string where = via == LinkKinds::Claims      ? "claims_out > 0"
                        : via == LinkKinds::Relations ? "relations_out > 0"
                                                      : "(claims_out > 0 OR relations_out > 0)";
    SQLite::Statement st(store.database(),
                         "SELECT actor_id, other_id, claims_out, relations_out FROM actor_links WHERE " + where);
    struct Raw {
        std::int64_t from, to, claims, relations;
    };
    std::vector<Raw> raw;
    while (st.executeStep())
        raw.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64(),
                       st.getColumn(3).getInt64()});
    ActorNetwork net;
    net.actors.reserve(raw.size());
    for (const auto& r : raw) {
        net.actors.push_back(r.from);
        net.actors.push_back(r.to);
    }
    std::sort(net.actors.begin(), net.actors.end());
    net.actors.erase(std::unique(net.actors.begin(), net.actors.end()), net.actors.end());
    auto index = [&](std::int64_t id) {
        return static_cast<std::uint32_t>(std::lower_bound(net.actors.begin(), net.actors.end(), id) - net.actors.begin());
    };
    net.arcs.reserve(raw.size());
    for (const auto& r : raw) {
        ActorNetwork::Arc a;
        a.from = index(r.from);
        a.to = index(r.to);
        a.claims = via == LinkKinds::Relations ? 0 : static_cast<std::uint32_t>(r.claims);
        a.relations = via == LinkKinds::Claims ? 0 : static_cast<std::uint32_t>(r.relations);
        net.arcs.push_back(a);
    }
    std::sort(net.arcs.begin(), net.arcs.end(),
              [](const ActorNetwork::Arc& x, const ActorNetwork::Arc& y) { return std::tie(x.from, x.to) < std::tie(y.from, y.to); });
    return net;
}

Table query_path(Store& store, const PathQuery& q) {
    auto& db = store.database();
    std::vector<std::int64_t> ends[2] = {find_actors(store, q.from), find_actors(store, q.to)};
    for (auto id : ends[0])
        if (std::binary_search(ends[1].begin(), ends[1].end(), id))
            throw UsageError("'" + q.from + "' and '" + q.to + "' name the same actor");
    if (q.max_hops < 1) throw UsageError("--max-hops must be at least 1");
    Table t;
    t.columns = {"path", "hop", "from", "link", "to", "evidence", "source"};

    // Bidirectional breadth-first search over the link table, always growing the smaller side,
    // until the two balls touch: then every shortest chain lies in the links read so far.
    LinkReader links(db, q.via);
    std::unordered_map<std::int64_t, int> dist[2];
    std::vector<std::int64_t> frontier[2];
    for (int s = 0; s < 2; ++s)
        for (auto id : ends[s]) {
            dist[s][id] = 0;
            frontier[s].push_back(id);
        }
    std::vector<std::pair<std::int64_t, std::int64_t>> explored;
    int radius[2] = {0, 0};
    bool met = false;
    while (!met && radius[0] + radius[1] < q.max_hops) {
        if (frontier[0].empty() || frontier[1].empty()) break;
        int s = frontier[0].size() <= frontier[1].size() ? 0 : 1;
        std::vector<std::int64_t> next;
        for (auto u : frontier[s])
            links.each(u, [&](std::int64_t v, std::int64_t) {
                explored.emplace_back(u, v);
                if (dist[s].emplace(v, radius[s] + 1).second) next.push_back(v);
                if (dist[1 - s].count(v)) met = true;
            });
        ++radius[s];
        std::sort(next.begin(), next.end());
        frontier[s] = std::move(next);
    }
    if (!met) return t;

    // The shortest chains on a Boost.Graph view of the links read: distances from both ends,
    // then every chain along which they add up to the shortest length.
    VertexIndex vx;
    std::vector<std::int64_t> ids;
    for (auto& [u, v] : explored) {
        ids.push_back(u);
        ids.push_back(v);
    }
    for (int s = 0; s < 2; ++s) ids.insert(ids.end(), ends[s].begin(), ends[s].end());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (auto id : ids) vx(id);
    std::set<std::pair<std::size_t, std::size_t>> pairs;
    for (auto& [u, v] : explored) pairs.emplace(std::min(vx(u), vx(v)), std::max(vx(u), vx(v)));
    Undirected g(vx.size());
    for (auto [a, b] : pairs) boost::add_edge(a, b, g);
    std::vector<std::size_t> sources, targets;
    for (auto id : ends[0]) sources.push_back(vx(id));
    for (auto id : ends[1]) targets.push_back(vx(id));
    std::vector<int> da = distances(g, sources), dz = distances(g, targets);
    int length = kUnreached;
    for (auto v : targets) length = std::min(length, da[v]);
    if (length == kUnreached || length > q.max_hops) return t;

    std::vector<std::vector<std::size_t>> chains;
    std::vector<std::size_t> chain;
    auto on_shortest = [&](std::size_t v) { return da[v] != kUnreached && dz[v] != kUnreached && da[v] + dz[v] == length; };
    // Depth-first along the shortest-path DAG, neighbours in actor id order, until `limit` chains.
    auto walk = [&](auto&& self, std::size_t u) -> void {
        if (q.limit && chains.size() >= q.limit) return;
        chain.push_back(u);
        if (da[u] == length) {
            chains.push_back(chain);
        } else {
            std::vector<std::size_t> next;
            for (auto [it, end] = boost::adjacent_vertices(u, g); it != end; ++it)
                if (da[*it] == da[u] + 1 && on_shortest(*it)) next.push_back(*it);
            std::sort(next.begin(), next.end(), [&](std::size_t a, std::size_t b) { return vx.id(a) < vx.id(b); });
            for (auto v : next) self(self, v);
        }
        chain.pop_back();
    };
    std::sort(sources.begin(), sources.end(), [&](std::size_t a, std::size_t b) { return vx.id(a) < vx.id(b); });
    for (auto s : sources)
        if (on_shortest(s)) walk(walk, s);

    ActorInfo info(db);
    EvidenceFinder evidence(db, q.via);
    std::map<std::pair<std::int64_t, std::int64_t>, Evidence> cache;
    std::int64_t number = 0;
    for (const auto& c : chains) {
        ++number;
        for (std::size_t h = 0; h + 1 < c.size(); ++h) {
            std::int64_t a = vx.id(c[h]), b = vx.id(c[h + 1]);
            auto it = cache.find({a, b});
            if (it == cache.end()) it = cache.emplace(std::make_pair(a, b), evidence(a, b)).first;
            const Evidence& e = it->second;
            t.rows.push_back({number, static_cast<std::int64_t>(h + 1), info.name(a), e.link, info.name(b), e.sentence,
                              e.source});
        }
    }
    return t;
}

Table query_neighbours(Store& store, const NeighbourQuery& q) {
    auto& db = store.database();
    if (q.depth < 0) throw UsageError("--depth must not be negative");
    std::vector<std::int64_t> ego = find_actors(store, q.actor);
    // Actor ids are dense row ids: an array indexed by id beats hash maps on hub-sized ego networks.
    // It is calloc'd, not a vector: fresh zeroed pages come from the kernel untouched, so a small
    // ego network faults in only the pages it reaches (a vector would write all of them).
    struct Reach {  // all zero from calloc
        int ring;       // distance + 1; 0: not reached
        std::int64_t links, facts, via, via_weight;
    };
    auto size = static_cast<std::size_t>(db.execAndGet("SELECT COALESCE(max(id), 0) + 1 FROM actors").getInt64());
    std::unique_ptr<Reach[], decltype(&std::free)> reach(static_cast<Reach*>(std::calloc(size, sizeof(Reach))), &std::free);
    if (!reach) throw std::bad_alloc();
    auto at = [&](std::int64_t id) -> Reach& { return reach[static_cast<std::size_t>(id)]; };
    std::vector<std::int64_t> reached;
    for (auto id : ego) {
        at(id).ring = 1;
        reached.push_back(id);
    }
    std::vector<std::int64_t> frontier = ego;
    LinkReader reader(db, q.via);
    for (int d = 1; d <= q.depth && !frontier.empty(); ++d) {
        // Rows come nearest first: once the nearer rings fill the listing, the next ring would
        // not show (nor change what does).
        if (q.limit && !q.type && reached.size() >= q.limit) break;
        std::size_t first_new = reached.size();
        for (auto u : frontier)
            reader.each(u, [&](std::int64_t v, std::int64_t w) {
                Reach& r = at(v);
                if (r.ring == 0) {
                    r.ring = d + 1;
                    reached.push_back(v);
                } else if (r.ring != d + 1) {
                    return;
                }
                ++r.links;
                r.facts += w;
                if (w > r.via_weight || (w == r.via_weight && u < r.via)) {
                    r.via = u;
                    r.via_weight = w;
                }
            });
        frontier.assign(reached.begin() + static_cast<std::ptrdiff_t>(first_new), reached.end());
    }
    auto nearer = [&](std::int64_t x, std::int64_t y) {
        const Reach &a = at(x), &b = at(y);
        if (a.ring != b.ring) return a.ring < b.ring;
        if (a.facts != b.facts) return a.facts > b.facts;
        if (a.links != b.links) return a.links > b.links;
        return x < y;
    };
    // Without a type filter only the first `limit` need ordering.
    if (q.limit && !q.type && q.limit < reached.size()) {
        std::partial_sort(reached.begin(), reached.begin() + static_cast<std::ptrdiff_t>(q.limit), reached.end(), nearer);
        reached.resize(q.limit);
    } else {
        std::sort(reached.begin(), reached.end(), nearer);
    }
    ActorInfo info(db, reached.size());
    Table t;
    t.columns = {"actor", "type", "distance", "links", "facts", "via"};
    std::string type = q.type ? std::string(to_string(*q.type)) : "";
    for (auto id : reached) {
        if (q.limit && t.rows.size() >= q.limit) break;
        if (!type.empty() && info.type(id) != type) continue;
        const Reach& r = at(id);
        t.rows.push_back({info.name(id), info.type(id), static_cast<std::int64_t>(r.ring - 1), r.links, r.facts,
                          r.ring > 1 ? Cell(info.name(r.via)) : Cell()});
    }
    return t;
}

Table query_rank(Store& store, const RankQuery& q) {
    ActorNetwork net = load_network(store, q.via);
    std::size_t n = net.actors.size();
    Table t;
    t.columns = {"rank", "actor", "type", "pagerank", "betweenness", "degree"};
    if (n == 0) return t;

    Directed dg(n);
    for (const auto& a : net.arcs) boost::add_edge(a.from, a.to, dg);
    std::vector<double> pr(n, 0.0);
    boost::graph::page_rank(dg, boost::make_iterator_property_map(pr.begin(), boost::get(boost::vertex_index, dg)),
                            boost::graph::n_iterations(50));
    double total = 0;
    for (double x : pr) total += x;
    if (total > 0)
        for (double& x : pr) x /= total;

    Undirected ug = undirected_of(net);
    std::vector<std::size_t> by_rank(n);
    for (std::size_t i = 0; i < n; ++i) by_rank[i] = i;
    std::sort(by_rank.begin(), by_rank.end(), [&](std::size_t a, std::size_t b) {
        return pr[a] != pr[b] ? pr[a] > pr[b] : net.actors[a] < net.actors[b];
    });

    // Brandes is O(V E): on a large network, betweenness among the most central actors only.
    constexpr std::size_t kExactLimit = 5000, kSubset = 2000;
    std::vector<double> between(n, 0.0);
    {
        std::vector<std::size_t> members;
        if (n <= kExactLimit) {
            for (std::size_t i = 0; i < n; ++i) members.push_back(i);
        } else {
            members.assign(by_rank.begin(), by_rank.begin() + kSubset);
            std::sort(members.begin(), members.end());
        }
        std::vector<std::size_t> local(n, static_cast<std::size_t>(-1));
        for (std::size_t i = 0; i < members.size(); ++i) local[members[i]] = i;
        Undirected sub(members.size());
        for (auto [it, end] = boost::edges(ug); it != end; ++it) {
            auto a = local[boost::source(*it, ug)], b = local[boost::target(*it, ug)];
            if (a != static_cast<std::size_t>(-1) && b != static_cast<std::size_t>(-1)) boost::add_edge(a, b, sub);
        }
        std::vector<double> c(members.size(), 0.0);
        boost::brandes_betweenness_centrality(
            sub, boost::make_iterator_property_map(c.begin(), boost::get(boost::vertex_index, sub)));
        double m = static_cast<double>(members.size());
        double scale = m > 2 ? 2.0 / ((m - 1) * (m - 2)) : 0.0;
        for (std::size_t i = 0; i < members.size(); ++i) between[members[i]] = c[i] * scale;
    }

    ActorInfo info(store.database());
    std::string type = q.type ? std::string(to_string(*q.type)) : "";
    std::int64_t position = 0;
    for (auto v : by_rank) {
        std::int64_t id = net.actors[v];
        ++position;
        if (!type.empty() && info.type(id) != type) continue;
        if (q.limit && t.rows.size() >= q.limit) break;
        t.rows.push_back({position, info.name(id), info.type(id), pr[v], between[v],
                          static_cast<std::int64_t>(boost::degree(v, ug))});
    }
    return t;
}

Table query_clusters(Store& store, const ClusterQuery& q) {
    ActorNetwork net = load_network(store, LinkKinds::Both);
    std::size_t n = net.actors.size();
    Undirected g = undirected_of(net);
    std::vector<std::size_t> label(n);
    if (n) boost::connected_components(g, boost::make_iterator_property_map(label.begin(), boost::get(boost::vertex_index, g)));

    if (q.communities && n) {
        // Label propagation within components: each actor takes the label that weighs most among
        // its neighbours (ties: keep its own if among them, else the smallest). Visiting actors in
        // a fixed order keeps the result deterministic.
        std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t> weight;
        for (const auto& a : net.arcs)
            weight[{std::min(a.from, a.to), std::max(a.from, a.to)}] += a.claims + a.relations;
        std::vector<std::size_t> community(n);
        for (std::size_t v = 0; v < n; ++v) community[v] = v;
        for (int round = 0; round < 30; ++round) {
            bool changed = false;
            for (std::size_t v = 0; v < n; ++v) {
                std::map<std::size_t, std::int64_t> score;
                for (auto [it, end] = boost::adjacent_vertices(v, g); it != end; ++it) {
                    auto u = static_cast<std::uint32_t>(*it);
                    auto w = weight[{std::min(static_cast<std::uint32_t>(v), u), std::max(static_cast<std::uint32_t>(v), u)}];
                    score[community[*it]] += std::max<std::int64_t>(w, 1);
                }
                if (score.empty()) continue;
                std::int64_t best = 0;
                for (auto& [c, s] : score) best = std::max(best, s);
                std::size_t pick = community[v];
                if (!score.count(pick) || score[pick] != best)
                    for (auto& [c, s] : score)
                        if (s == best) {
                            pick = c;
                            break;
                        }
                if (pick != community[v]) {
                    community[v] = pick;
                    changed = true;
                }
            }
            if (!changed) break;
        }
        label = community;
    }

    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t v = 0; v < n; ++v) groups[label[v]].push_back(v);
    std::vector<std::vector<std::size_t>> clusters;
    for (auto& [l, members] : groups)
        if (members.size() >= q.min_size) clusters.push_back(std::move(members));
    // Largest first; among equals, the one holding the lowest actor id (members are in id order).
    std::stable_sort(clusters.begin(), clusters.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    if (q.limit && clusters.size() > q.limit) clusters.resize(q.limit);

    ActorInfo info(store.database());
    Table t;
    t.columns = q.members ? std::vector<std::string>{"cluster", "actor", "type", "degree"}
                          : std::vector<std::string>{"cluster", "size", "links", "members"};
    std::int64_t number = 0;
    for (auto& members : clusters) {
        ++number;
        std::set<std::size_t> in(members.begin(), members.end());
        std::int64_t inside = 0;
        for (auto v : members)
            for (auto [it, end] = boost::adjacent_vertices(v, g); it != end; ++it)
                if (in.count(*it) && *it > v) ++inside;
        std::vector<std::pair<std::int64_t, std::size_t>> by_degree;
        for (auto v : members) by_degree.emplace_back(static_cast<std::int64_t>(boost::degree(v, g)), v);
        std::sort(by_degree.begin(), by_degree.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        if (q.members) {
            for (auto& [deg, v] : by_degree)
                t.rows.push_back({number, info.name(net.actors[v]), info.type(net.actors[v]), deg});
            continue;
        }
        std::vector<std::string> names;
        for (std::size_t i = 0; i < by_degree.size() && i < 10; ++i) names.push_back(info.name(net.actors[by_degree[i].second]));
        t.rows.push_back({number, static_cast<std::int64_t>(members.size()), inside, join_names(names, members.size())});
    }
    return t;
}

}  // namespace factgraph
