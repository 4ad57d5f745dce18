#pragma once
/** @file The actor graph as exporters draw it: actors as nodes, claims and relations as edges. */
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "factgraph/core/model.hpp"

namespace factgraph {

class Store;

struct GraphNode {
    std::int64_t id = 0;
    std::string name;
    ActorType type = ActorType::Other;
    std::vector<std::string> aliases;
    std::int64_t mentions = 0;
    std::int64_t articles = 0;
};

/** @brief Several claims or relations with the same ends and label are one edge with sources. */
struct GraphEdge {
    enum class Kind { Claim, Relation };
    Kind kind = Kind::Claim;
    std::int64_t source = 0;  ///< speaker or subject actor id
    std::int64_t target = 0;  ///< actor spoken about, or object
    std::string label;        ///< cue lemma or predicate
    Stance stance = Stance::Assert;
    std::string asserted_by;  ///< for relations reported by someone else: who says so
    std::int64_t sources = 0; ///< distinct articles
    std::int64_t count = 0;   ///< supporting claims or relation mentions
    std::string evidence;     ///< first supporting sentence or content
    std::string origin;       ///< outlet (or source file) and date of that evidence
};

struct Graph {
    std::vector<GraphNode> nodes;  ///< sorted by id
    std::vector<GraphEdge> edges;  ///< sorted by (kind, source, target, label)
    const GraphNode* node(std::int64_t id) const;
};

struct GraphQuery {
    bool claims = true;
    bool relations = true;
    std::string focus;  ///< actor name: keep what lies within `depth` hops of it
    int depth = 1;
    std::optional<ActorType> type;  ///< keep only actors of this type (and edges between them)
    int min_sources = 1;
    std::string since;  ///< ISO date: only facts from articles published on or after it
    std::int64_t article = 0;  ///< only facts from this article id
};

/** @brief Builds the graph view selected by `query` from the store. Throws NotFoundError for an
 *  unknown focus actor and Error for an empty selection. */
Graph build_graph(Store& store, const GraphQuery& query);

}  // namespace factgraph
