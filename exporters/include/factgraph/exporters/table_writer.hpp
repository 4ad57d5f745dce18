#pragma once
/** @file Query results as an aligned text table, JSON, CSV or Markdown. */
#include <ostream>
#include <string>
#include <string_view>

#include "factgraph/core/query.hpp"

namespace factgraph::exporters {

enum class TableFormat { Table, Json, Csv, Markdown };

/** @brief "table", "json", "csv", "md"/"markdown"; throws UsageError otherwise. */
TableFormat parse_table_format(std::string_view name);

/** @brief Writes `table`. The text table fits `width` columns by trimming the widest cells;
 *  the other formats are written in full. */
void write_table(const Table& table, std::ostream& out, TableFormat format, std::size_t width = 80);

}  // namespace factgraph::exporters
