#pragma once
/** @file Graph questions over the actor network: paths, ego networks, centrality, clusters.
 *  The network is read from the store's link table; the algorithms run on Boost.Graph views. */
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "factgraph/core/model.hpp"
#include "factgraph/core/query.hpp"

namespace factgraph {

class Store;

/** @brief Which facts link two actors: relations, claims (speaker to actor spoken about), or both. */
enum class LinkKinds { Both, Relations, Claims };

/** @brief "both", "relation"/"relations", "claim"/"claims"; nullopt otherwise. */
std::optional<LinkKinds> parse_link_kinds(std::string_view name);

/** @brief The whole actor network: actors that take part in a link, and directed arcs
 *  (speaker to actor spoken about, subject to object) with their fact counts. */
struct ActorNetwork {
    struct Arc {
        std::uint32_t from = 0;  ///< index into actors
        std::uint32_t to = 0;
        std::uint32_t claims = 0;
        std::uint32_t relations = 0;
    };
    std::vector<std::int64_t> actors;  ///< actor ids, sorted; a vertex is its index here
    std::vector<Arc> arcs;             ///< sorted by (from, to)
};

/** @brief Reads the network from the store's link table. */
ActorNetwork load_network(Store& store, LinkKinds via = LinkKinds::Both);

struct PathQuery {
    std::string from;
    std::string to;
    int max_hops = 4;
    LinkKinds via = LinkKinds::Both;
    std::size_t limit = 5;  ///< paths to list when several are equally short
};
/** @brief The shortest chains linking two actors (links taken in either direction), one row per
 *  hop with its evidence: the earliest sentence stating a fact on that link. No rows when no
 *  chain of at most max_hops exists. Columns: path, hop, from, link, to, evidence, source. */
Table query_path(Store& store, const PathQuery& query);

struct NeighbourQuery {
    std::string actor;
    int depth = 1;
    LinkKinds via = LinkKinds::Both;
    std::optional<ActorType> type;  ///< list only actors of this type
    std::size_t limit = 0;          ///< 0 for all
};
/** @brief The ego network: the actor and those within `depth` links, nearest and most strongly
 *  linked first. `links` counts the actors one step nearer it is linked to, `facts` the claims
 *  and relations on those links, `via` the strongest of them.
 *  Columns: actor, type, distance, links, facts, via. */
Table query_neighbours(Store& store, const NeighbourQuery& query);

struct RankQuery {
    std::optional<ActorType> type;  ///< list only actors of this type (ranked in the whole network)
    LinkKinds via = LinkKinds::Both;
    std::size_t limit = 20;
};
/** @brief The most central actors by PageRank (over directed links, normalised to sum 1), with
 *  betweenness (undirected, normalised to 0..1) and degree. On networks of more than 5,000 actors
 *  betweenness is computed among the 2,000 with the highest PageRank.
 *  Columns: rank, actor, type, pagerank, betweenness, degree. */
Table query_rank(Store& store, const RankQuery& query);

struct ClusterQuery {
    bool communities = false;  ///< split components into communities (label propagation)
    bool members = false;      ///< one row per member instead of one per cluster
    std::size_t min_size = 2;
    std::size_t limit = 20;    ///< clusters to list, largest first; 0 for all
};
/** @brief Connected components (or communities) of the network, largest first.
 *  Columns: cluster, size, links, members (the best-linked ten) — or with `members`:
 *  cluster, actor, type, degree. */
Table query_clusters(Store& store, const ClusterQuery& query);

}  // namespace factgraph
