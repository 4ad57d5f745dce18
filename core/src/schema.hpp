#pragma once
#include <string_view>
#include <vector>

namespace factgraph::detail {

/** Forward migrations: entry i takes the schema from user_version i to i + 1. Never edit a
 *  released entry; append a new one instead. */
const std::vector<std::string_view>& schema_migrations();

}  // namespace factgraph::detail
