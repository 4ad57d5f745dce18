#include "factgraph/exporters/graph_export.hpp"

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"

namespace factgraph::exporters {

const std::vector<std::string>& export_formats() {
    static const std::vector<std::string> formats = {"graphml", "json", "csv", "jsonl", "md"};
    return formats;
}

ExportFormat parse_export_format(std::string_view name) {
    std::string n = text::ascii_lower(name);
    if (n == "graphml") return ExportFormat::GraphMl;
    if (n == "json") return ExportFormat::Json;
    if (n == "csv") return ExportFormat::Csv;
    if (n == "jsonl" || n == "ndjson") return ExportFormat::Jsonl;
    if (n == "md" || n == "markdown") return ExportFormat::Markdown;
    throw UsageError("unknown export format '" + std::string(name) + "' (choose graphml, json, csv, jsonl or md)");
}

}  // namespace factgraph::exporters
