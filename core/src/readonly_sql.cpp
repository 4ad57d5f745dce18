// `factgraph sql`: one read-only statement against the store. Three locks: the command opens the
// database read-only; an authorizer refuses every write, ATTACH, transaction and side-effecting
// PRAGMA while the statement is prepared (and re-prepared); and sqlite3_stmt_readonly() must
// agree before the statement runs.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <array>
#include <cstring>
#include <string>

#include "factgraph/core/error.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/core/text.hpp"

namespace factgraph {

namespace {

// PRAGMAs that only report; any of them with an argument that sets something is refused.
// data_version: FTS5 asks it when reading its index.
constexpr std::array kReadPragmas = {"table_info",  "table_xinfo",      "index_list",   "index_info",
                                     "index_xinfo", "foreign_key_list", "user_version", "schema_version",
                                     "table_list",  "compile_options",  "function_list", "data_version"};

int authorize(void*, int action, const char* a, const char* b, const char*, const char*) {
    switch (action) {
        case SQLITE_SELECT:
        case SQLITE_READ:
        case SQLITE_RECURSIVE:
            return SQLITE_OK;
        case SQLITE_UPDATE:
            // Connecting a virtual table (the FTS5 text_index) declares its schema, which SQLite
            // checks as an update of sqlite_master; a real one is refused by the read-only check.
            return a && (std::strcmp(a, "sqlite_master") == 0 || std::strcmp(a, "sqlite_schema") == 0) ? SQLITE_OK
                                                                                                        : SQLITE_DENY;
        case SQLITE_FUNCTION:
            // load_extension() is off by default; refuse it by name all the same.
            return b && std::strcmp(b, "load_extension") == 0 ? SQLITE_DENY : SQLITE_OK;
        case SQLITE_PRAGMA: {
            if (!a) return SQLITE_DENY;
            bool known = false;
            for (const char* p : kReadPragmas) known = known || sqlite3_stricmp(a, p) == 0;
            bool setter = b && (sqlite3_stricmp(a, "user_version") == 0 || sqlite3_stricmp(a, "schema_version") == 0);
            return known && !setter ? SQLITE_OK : SQLITE_DENY;
        }
        default:
            return SQLITE_DENY;
    }
}

// Keeps the authorizer installed for the statement's whole life: SQLite re-prepares a statement
// after a schema change, and the authorizer must see that too.
class Guard {
public:
    explicit Guard(sqlite3* db) : m_db(db) { sqlite3_set_authorizer(m_db, authorize, nullptr); }
    ~Guard() {
        if (m_stmt) sqlite3_finalize(m_stmt);
        sqlite3_set_authorizer(m_db, nullptr, nullptr);
    }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    sqlite3_stmt*& stmt() { return m_stmt; }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

Cell cell_at(sqlite3_stmt* st, int i) {
    switch (sqlite3_column_type(st, i)) {
        case SQLITE_NULL:
            return std::monostate{};
        case SQLITE_INTEGER:
            return static_cast<std::int64_t>(sqlite3_column_int64(st, i));
        case SQLITE_FLOAT:
            return sqlite3_column_double(st, i);
        case SQLITE_BLOB:
            return "<blob, " + std::to_string(sqlite3_column_bytes(st, i)) + " bytes>";
        default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
        }
    }
}

}  // namespace

Table query_sql(Store& store, const std::string& sql) {
    if (text::trim(sql).empty()) throw UsageError("no SQL statement given");
    sqlite3* db = store.database().getHandle();
    Guard guard(db);
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &guard.stmt(), &tail) != SQLITE_OK) {
        std::string message = sqlite3_errmsg(db);
        if (message.find("not authorized") != std::string::npos)
            throw UsageError("refused: factgraph sql only reads (SELECT, WITH ... SELECT, read-only PRAGMAs)");
        throw UsageError("SQL: " + message);
    }
    if (!guard.stmt()) throw UsageError("no SQL statement given");
    // Whatever follows the first statement must be blank or comments: one statement at a time.
    if (tail && *tail) {
        sqlite3_stmt* next = nullptr;
        int rc = sqlite3_prepare_v2(db, tail, -1, &next, nullptr);
        bool more = rc != SQLITE_OK || next != nullptr;
        if (next) sqlite3_finalize(next);
        if (more) throw UsageError("refused: one SQL statement at a time");
    }
    if (!sqlite3_stmt_readonly(guard.stmt()))
        throw UsageError("refused: factgraph sql only reads (SELECT, WITH ... SELECT, read-only PRAGMAs)");

    Table t;
    int columns = sqlite3_column_count(guard.stmt());
    for (int i = 0; i < columns; ++i) {
        const char* name = sqlite3_column_name(guard.stmt(), i);
        t.columns.emplace_back(name ? name : "");
    }
    int rc;
    while ((rc = sqlite3_step(guard.stmt())) == SQLITE_ROW) {
        std::vector<Cell> row;
        row.reserve(static_cast<std::size_t>(columns));
        for (int i = 0; i < columns; ++i) row.push_back(cell_at(guard.stmt(), i));
        t.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) throw Error(std::string("SQL: ") + sqlite3_errmsg(db));
    return t;
}

}  // namespace factgraph
