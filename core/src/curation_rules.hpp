#pragma once
// What the import asks of the stored curations (schema version 3, docs/actors.md): which curated
// actor a name leads to, and which names must not be added to an actor again.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>

#include "factgraph/core/model.hpp"

namespace factgraph::detail {

struct CuratedActor {
    std::int64_t id = 0;
    std::string name;               ///< canonical name
    std::optional<ActorType> type;  ///< nullopt: the extracted type stands
    bool dropped = false;
    std::int64_t actor_id = 0;      ///< the stored actor, 0 while there is none
};

class CurationRules {
public:
    explicit CurationRules(SQLite::Database& db);
    /** False when nothing was ever curated: the import then skips every lookup. */
    bool any() const { return m_any; }
    /** The curated actor a normalised name leads to. */
    std::optional<CuratedActor> find(const std::string& norm_name);
    /** True when the curations say `norm_name` is not a name of this actor. */
    bool excluded(std::int64_t actor_id, const std::string& norm_name);
    /** Ties a curated actor to the stored actor it stands for (joining another curated actor
     *  already tied to it). */
    void link(std::int64_t curated_id, std::int64_t actor_id);

private:
    SQLite::Database& m_db;
    bool m_any;
    SQLite::Statement m_find, m_excluded;
};

/** Moves (or adds) a name to curated actor `curated_id`; a name leading to another curated actor
 *  is taken from it only when `take` is set. Clears an exclusion of the name. */
void claim_curated_name(SQLite::Database& db, std::int64_t curated_id, const std::string& name, bool take);

}  // namespace factgraph::detail
