#pragma once
#include <string>
#include <string_view>

namespace factgraph::detail {
/** SHA-256 of the bytes as 64 lower-case hex digits (FIPS 180-4). */
std::string sha256_hex(std::string_view data);
}  // namespace factgraph::detail
