#pragma once
/** @file The actors file: canonical names, aliases, types and drops in TOML (docs/actors.md). */
#include <istream>
#include <string>
#include <vector>

#include "factgraph/core/curation.hpp"

namespace factgraph::importers {

/** @brief Parses an actors file's text; `path` names it in errors and in each entry's origin.
 *  Throws InputError with the line for bad TOML, an unknown key or type, a missing name or a
 *  name that two entries claim. */
std::vector<ActorEntry> parse_actors_file(std::istream& in, const std::string& path);

/** @brief Opens and parses the actors file at `path`. */
std::vector<ActorEntry> read_actors_file(const std::string& path);

}  // namespace factgraph::importers
