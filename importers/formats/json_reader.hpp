#pragma once
// JsonReader (one article object or an array of them) and JsonLinesReader (one object a line).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "factgraph/importers/reader.hpp"

namespace factgraph::importers {

class JsonReader final : public Reader {
public:
    std::string_view name() const override { return "json"; }
    std::vector<std::string_view> extensions() const override { return {"json"}; }
    // '{' then a key or '}', or '[' then an object or ']'.
    bool sniff(std::string_view head) const override;
    // A bad element of an array goes to sink.error(); a bad document throws InputError.
    void read(std::istream& in, const Source& source, ArticleSink& sink) const override;
};

class JsonLinesReader final : public Reader {
public:
    // A longer line is reported and skipped rather than held in memory.
    static constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

    std::string_view name() const override { return "jsonl"; }
    std::vector<std::string_view> extensions() const override { return {"jsonl", "ndjson"}; }
    // The first line is a whole JSON object and the next non-blank line starts another.
    bool sniff(std::string_view head) const override;
    // Streams line by line; each bad line goes to sink.error() with its line number.
    void read(std::istream& in, const Source& source, ArticleSink& sink) const override;
};

// "Jane Doe", {"name": "Jane Doe"} or an array of either, as "Jane Doe, John Roe".
std::string json_names(const nlohmann::json& value);

// An Article from one JSON object. `origin` becomes Article::source, `fallback_id` its id when
// the object has none. Throws InputError(source.path, reason, line) when there is no body text.
Article article_from_json(const nlohmann::json& object, const Source& source, std::string origin,
                          std::string fallback_id, std::size_t line);

}  // namespace factgraph::importers
