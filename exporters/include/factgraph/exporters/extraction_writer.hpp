#pragma once
/** @file The JSONL contract of `factgraph extract`: one object per article. */
#include <ostream>

#include "factgraph/core/model.hpp"

namespace factgraph::exporters {

/** @brief Writes one line: {"article", "actors", "claims", "relations"} with code point offsets. */
void write_extraction_jsonl(const Extraction& extraction, std::ostream& out);

}  // namespace factgraph::exporters
