#pragma once
/** @file Read-side questions over the store, answered as tables exporters can print. */
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "factgraph/core/model.hpp"

namespace factgraph {

class Store;

/** @brief One table cell: empty, integer, real or text. */
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

/** @brief A query result: named columns and rows, in a deterministic order. */
struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
};

/** @brief Stored actors whose name or alias matches `name` case-insensitively: exact matches when
 *  there are any, else those containing it. Throws NotFoundError when none does. */
std::vector<std::int64_t> find_actors(Store& store, const std::string& name);

struct ActorQuery {
    std::optional<ActorType> type;
    std::string name;  ///< restrict to actors matching this name, if set
};
/** @brief Columns: id, name, type, aliases, mentions, articles. Most mentioned first. */
Table query_actors(Store& store, const ActorQuery& query);

struct SaidQuery {
    std::string by;        ///< speaker name or alias
    std::string about;     ///< actor the claim is about
    std::optional<Stance> stance;
    std::string cue;       ///< cue lemma
    std::string contains;  ///< full-text query over claim content
    std::string since;     ///< ISO date, inclusive, on the article's date
    std::string until;
    bool speech_only = false;  ///< leave out beliefs, intentions and findings
};
/** @brief Columns: id, speaker, cue, stance, content, outlet, date. In article and text order. */
Table query_said(Store& store, const SaidQuery& query);

/** @brief One claim in full, as a single row. Columns: id, speaker, speaker_text, cue, cue_kind,
 *  stance, direct, content, about, reported_by, sentence, article, title, outlet, date, url,
 *  extractor, confidence. Throws NotFoundError when there is no claim `id`. */
Table query_claim(Store& store, std::int64_t id);

/** @brief A one-row table turned on its side for reading: columns field and value, one row per
 *  column of `record`; values longer than `wrap` code points (if not 0) continue on further rows
 *  with an empty field, broken at spaces. */
Table record_as_fields(const Table& record, std::size_t wrap = 0);

struct RelationQuery {
    std::string actor;      ///< subject or object
    std::string predicate;  ///< substring of the predicate
    std::string type;       ///< canonical relation type
};
/** @brief Columns: subject, predicate, object, asserted_by, sources. One row per distinct edge. */
Table query_relations(Store& store, const RelationQuery& query);

struct SearchQuery {
    std::string text;        ///< words to find (all of them); FTS5 syntax when `raw`
    std::string kind;        ///< "sentence" or "claim"; empty for both
    bool raw = false;        ///< pass `text` to FTS5 as a query (phrases, OR, NEAR, prefix*)
    std::size_t limit = 20;  ///< 0 for all
};
/** @brief Full-text search over sentences and claim contents, best match first (bm25), with the
 *  hit's words in [brackets] and the actors mentioned in the hit's sentence.
 *  Columns: kind, hit, actors, outlet, date. Throws UsageError for a malformed raw query. */
Table query_search(Store& store, const SearchQuery& query);

/** @brief Counts, the top speakers (by claims) and the top actors (by articles mentioning them).
 *  Columns: section, item, value. */
Table query_stats(Store& store, std::size_t top = 5);

/** @brief Runs one read-only SQL statement (a SELECT, WITH ... SELECT, or a read-only PRAGMA such
 *  as table_info) and returns its rows. Anything that would write, attach, or run more than one
 *  statement is refused with UsageError; the views it is meant for are documented in docs/sql.md. */
Table query_sql(Store& store, const std::string& sql);

}  // namespace factgraph
