#pragma once
// Small helpers every query file inside core shares: statement -> Table, id lists, the outlet
// expression. Internal to factgraph_core (SQLiteCpp stays out of the public headers).
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>
#include <vector>

#include "factgraph/core/query.hpp"

namespace factgraph::detail {

/** The outlet an article is shown under: its outlet, else its byline, else its source file. */
inline constexpr const char* kOutletSql = "COALESCE(NULLIF(ar.outlet, ''), NULLIF(ar.byline, ''), ar.source)";

inline Cell cell_of(const SQLite::Column& c) {
    if (c.isNull()) return std::monostate{};
    if (c.isInteger()) return c.getInt64();
    if (c.isFloat()) return c.getDouble();
    return c.getString();
}

/** Steps `st` to the end; the columns are named as the statement names them. */
inline Table run_table(SQLite::Statement& st) {
    Table t;
    for (int i = 0; i < st.getColumnCount(); ++i) t.columns.emplace_back(st.getColumnName(i));
    while (st.executeStep()) {
        std::vector<Cell> row;
        for (int i = 0; i < st.getColumnCount(); ++i) row.push_back(cell_of(st.getColumn(i)));
        t.rows.push_back(std::move(row));
    }
    return t;
}

inline std::string id_list(const std::vector<std::int64_t>& ids) {
    std::string s;
    for (auto id : ids) {
        if (!s.empty()) s += ',';
        s += std::to_string(id);
    }
    return s;
}

/** "Outlet, YYYY-MM-DD" (or just the outlet when the date is unknown). */
inline std::string source_label(const std::string& outlet, const std::string& date) {
    return date.empty() ? outlet : outlet + ", " + date;
}

}  // namespace factgraph::detail
