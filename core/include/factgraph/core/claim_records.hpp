#pragma once
/** @file Claim-level records with full provenance, for exports that cite every fact's source. */
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "factgraph/core/graph.hpp"
#include "factgraph/core/model.hpp"

namespace factgraph {

class Store;

/** @brief A stored actor as facts refer to it. */
struct ActorRef {
    std::int64_t id = 0;
    std::string name;
    friend bool operator==(const ActorRef&, const ActorRef&) = default;
};

/** @brief The article a fact comes from. */
struct ArticleRef {
    std::int64_t id = 0;     ///< store id
    std::string ext_id;      ///< caller-supplied id, may be empty
    std::string source;      ///< input path (or path:line)
    std::string url;
    std::string outlet;
    std::string title;
    std::string byline;
    std::string published;   ///< ISO date or date-time, may be empty
};

/** @brief Where in its article a fact is stated. */
struct FactSource {
    std::int64_t article_id = 0;  ///< key into FactRecords::articles
    int sentence = -1;
    std::string sentence_text;
    Span span;  ///< code point offsets into the article text
    std::string extractor;
    double confidence = 1.0;
};

/** @brief One stored claim: who said what about whom, and where. */
struct ClaimRecord {
    std::int64_t id = 0;
    std::optional<ActorRef> speaker;  ///< nullopt for an unresolved source
    std::string speaker_text;         ///< the words naming the source
    std::string cue;
    std::string cue_kind;
    Stance stance = Stance::Assert;
    bool direct = false;
    std::string content;
    std::vector<ActorRef> about;  ///< sorted by name, then id
    std::optional<ActorRef> reported_by;
    FactSource source;
};

/** @brief One stored relation mention. */
struct RelationRecord {
    std::int64_t id = 0;
    ActorRef subject;
    std::string predicate;
    std::string type;  ///< canonical type or empty
    ActorRef object;
    std::string asserted_by;  ///< who says so when reported speech, else empty
    std::optional<std::int64_t> claim_id;
    bool negated = false;
    std::string modality;
    FactSource source;
};

/** @brief A role an actor holds according to one article. */
struct RoleRecord {
    std::int64_t actor_id = 0;
    std::string title;
    std::optional<ActorRef> organization;
    std::int64_t article_id = 0;
};

/** @brief The facts behind a graph selection, each tied to its article and sentence. */
struct FactRecords {
    std::vector<ArticleRef> articles;        ///< every article a record cites, sorted by id
    std::vector<ClaimRecord> claims;         ///< by article date, article id, offset
    std::vector<RelationRecord> relations;   ///< by article date, article id, offset
    std::vector<RoleRecord> roles;           ///< of actors in the selection, by actor, title

    const ArticleRef* article(std::int64_t id) const;
};

/** @brief The claims and relations selected by `query`, with provenance.
 *
 *  `since` and `article` select facts by their article. When `focus`, `type` or `min_sources`
 *  narrow the selection, a fact is kept only if it supports an edge of `build_graph(store, query)`;
 *  a claim about no other actor is kept when its speaker is in that graph. `claims`/`relations`
 *  choose which kinds are returned. Throws like build_graph for an unknown focus actor. */
FactRecords fact_records(Store& store, const GraphQuery& query);

}  // namespace factgraph
