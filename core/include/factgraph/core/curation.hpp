#pragma once
/** @file Actor curation: merge, rename, alias, retype and drop stored actors, and load an actors
 *  file. Every curation is stored and applied again whenever a later import meets one of the
 *  curated names (docs/actors.md). Each call runs in one transaction. */
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "factgraph/core/model.hpp"
#include "factgraph/core/query.hpp"

namespace factgraph {

class Store;

/** @brief One entry of an actors file: a canonical name, its aliases, a type, or a drop. */
struct ActorEntry {
    std::string name;
    std::vector<std::string> aliases;
    std::optional<ActorType> type;  ///< nullopt: keep the type the extractor finds
    bool drop = false;              ///< a false positive: never stored
    std::string origin;             ///< "file:line", for the log and messages
};

/** @brief What a curation did, for the one line the CLI prints. */
struct CurationResult {
    std::int64_t actor_id = 0;  ///< the actor curated (0 after a drop)
    std::string message;
};

/** @brief Resolves a user's actor reference to one stored actor: "#12" is an id; otherwise a
 *  name or alias compared in normalised form, an exact name before an alias. Throws
 *  NotFoundError when nothing matches (naming near matches) and UsageError when the name is
 *  ambiguous (naming the candidates and their ids). */
std::int64_t resolve_actor(Store& store, const std::string& reference);

/** @brief Folds `from` into `into`: mentions, claims, relations, roles and aliases move, and
 *  `from`'s name becomes an alias. Later imports resolve `from`'s names to `into`. */
CurationResult merge_actors(Store& store, const std::string& into, const std::string& from);

/** @brief Renames an actor; the old name stays an alias. Refuses a name another actor has. */
CurationResult rename_actor(Store& store, const std::string& actor, const std::string& new_name);

/** @brief Adds an alias; later imports resolve it to this actor. Refuses one naming another actor. */
CurationResult add_actor_alias(Store& store, const std::string& actor, const std::string& alias);

/** @brief Removes an alias; later imports do not add it back to this actor. */
CurationResult remove_actor_alias(Store& store, const std::string& actor, const std::string& alias);

/** @brief Sets an actor's type; later imports keep it. */
CurationResult set_actor_type(Store& store, const std::string& actor, ActorType type);

/** @brief Removes a false positive with its mentions and relations; claims it spoke keep their
 *  speaker text, unresolved. Its names are never stored as an actor again. */
CurationResult drop_actor(Store& store, const std::string& actor);

/** @brief What loading actors-file entries did. */
struct LoadResult {
    std::size_t entries = 0;
    std::size_t actors_updated = 0;  ///< stored actors renamed, retyped or given aliases
    std::size_t actors_merged = 0;   ///< stored actors folded into an entry's actor
    std::size_t actors_dropped = 0;
};

/** @brief Stores the entries as curations and applies them to the actors already stored: the
 *  actors an entry names are merged into one, renamed, typed and given the aliases, or dropped.
 *  Throws UsageError for an entry whose name or aliases another entry also claims. */
LoadResult load_actor_entries(Store& store, const std::vector<ActorEntry>& entries);

/** @brief The curation log, oldest first. Columns: id, at, action, actor, detail. */
Table query_curations(Store& store);

}  // namespace factgraph
