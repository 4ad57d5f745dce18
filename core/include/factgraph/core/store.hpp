#pragma once
/** @file The SQLite store: versioned schema, one transaction per article. */
#include <cstdint>
#include <memory>
#include <string>

#include "factgraph/core/model.hpp"

namespace SQLite {
class Database;
}

namespace factgraph {

/** @brief What adding one extraction did. */
struct AddResult {
    bool duplicate = false;         ///< the same body text was already stored: nothing written
    std::int64_t article_id = 0;
    std::size_t actors_added = 0;   ///< actors new to the store
    std::size_t actors_matched = 0; ///< actors resolved to ones already stored
    std::size_t actors_dropped = 0; ///< actors not stored because a curation dropped their name
    std::size_t mentions = 0;
    std::size_t claims = 0;
    std::size_t relations = 0;
};

/** @brief Opens (creating and migrating as needed) a factgraph database. */
class Store {
public:
    enum class Mode { ReadWrite, ReadOnly };

    /** @brief Opens PATH (":memory:" for a private in-memory store); migrates a writable one. */
    explicit Store(const std::string& path, Mode mode = Mode::ReadWrite);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /** @brief Schema version this build writes. */
    static int latest_schema_version();
    /** @brief Schema version of the open database (PRAGMA user_version). */
    int schema_version() const;
    const std::string& path() const { return m_path; }

    /** @brief Stores one article's extraction in a single transaction; a no-op for a body
     *  already stored. Validates first; on any error nothing of the article is kept. */
    AddResult add(const Extraction& extraction);

    /** @brief The underlying connection, for the query layer inside core. */
    SQLite::Database& database();

private:
    void migrate();
    std::string m_path;
    std::unique_ptr<SQLite::Database> m_db;
};

}  // namespace factgraph
