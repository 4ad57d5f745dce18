#include "factgraph/core/query.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <set>

#include "factgraph/core/error.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/core/text.hpp"

namespace factgraph {

namespace {

Cell cell_of(const SQLite::Column& c) {
    if (c.isNull()) return std::monostate{};
    if (c.isInteger()) return c.getInt64();
    if (c.isFloat()) return c.getDouble();
    return c.getString();
}

Table run(SQLite::Statement& st) {
    Table t;
    for (int i = 0; i < st.getColumnCount(); ++i) t.columns.emplace_back(st.getColumnName(i));
    while (st.executeStep()) {
        std::vector<Cell> row;
        for (int i = 0; i < st.getColumnCount(); ++i) row.push_back(cell_of(st.getColumn(i)));
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::string id_list(const std::vector<std::int64_t>& ids) {
    std::string s;
    for (auto id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
    return s;
}

// Turns free text into an FTS5 query of quoted terms, so user input is never FTS syntax.
std::string fts_terms(const std::string& input) {
    std::string out, word;
    auto flush = [&] {
        if (word.empty()) return;
        out += (out.empty() ? "\"" : " \"") + word + "\"";
        word.clear();
    };
    for (char c : input) {
        if (c == '"' || c == ' ' || c == '\t') flush();
        else word += c;
    }
    flush();
    return out;
}

}  // namespace

std::vector<std::int64_t> find_actors(Store& store, const std::string& name) {
    auto& db = store.database();
    std::string norm = text::normalize_name(name);
    if (norm.empty()) throw NotFoundError("empty actor name");
    std::set<std::int64_t> ids;
    SQLite::Statement exact(db, "SELECT id FROM actors WHERE norm_name = ?1 UNION "
                                "SELECT actor_id FROM actor_aliases WHERE norm_alias = ?1");
    exact.bind(1, norm);
    while (exact.executeStep()) ids.insert(exact.getColumn(0).getInt64());
    if (ids.empty()) {
        SQLite::Statement like(db, "SELECT id FROM actors WHERE instr(norm_name, ?1) > 0 UNION "
                                   "SELECT actor_id FROM actor_aliases WHERE instr(norm_alias, ?1) > 0");
        like.bind(1, norm);
        while (like.executeStep()) ids.insert(like.getColumn(0).getInt64());
    }
    if (ids.empty()) throw NotFoundError("no actor matches '" + name + "' (try `factgraph actors`)");
    return {ids.begin(), ids.end()};
}

Table query_actors(Store& store, const ActorQuery& q) {
    std::string sql =
        "SELECT a.id, a.name, a.type, "
        "  (SELECT group_concat(alias, '; ') FROM (SELECT alias FROM actor_aliases x WHERE x.actor_id = a.id "
        "     AND x.norm_alias <> a.norm_name ORDER BY alias)) AS aliases, "
        "  (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions, "
        "  (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.actor_id = a.id) AS articles "
        "FROM actors a WHERE 1";
    if (q.type) sql += " AND a.type = :type";
    if (!q.name.empty()) sql += " AND a.id IN (" + id_list(find_actors(store, q.name)) + ")";
    sql += " ORDER BY mentions DESC, a.name COLLATE NOCASE, a.id";
    SQLite::Statement st(store.database(), sql);
    if (q.type) st.bind(":type", std::string(to_string(*q.type)));
    return run(st);
}

Table query_said(Store& store, const SaidQuery& q) {
    std::string sql =
        "SELECT c.id, COALESCE(s.name, c.speaker_text) AS speaker, c.cue, c.stance, c.content, "
        "  COALESCE(NULLIF(ar.outlet, ''), NULLIF(ar.byline, ''), ar.source) AS outlet, "
        "  substr(ar.published, 1, 10) AS date "
        "FROM claims c JOIN articles ar ON ar.id = c.article_id LEFT JOIN actors s ON s.id = c.speaker_id WHERE 1";
    if (!q.by.empty()) sql += " AND c.speaker_id IN (" + id_list(find_actors(store, q.by)) + ")";
    if (!q.about.empty())
        sql += " AND c.id IN (SELECT claim_id FROM claim_about WHERE actor_id IN (" +
               id_list(find_actors(store, q.about)) + "))";
    if (q.stance) sql += " AND c.stance = :stance";
    if (!q.cue.empty()) sql += " AND (c.cue = :cue OR c.cue LIKE :cue || '/%' OR c.cue LIKE '%/' || :cue)";
    if (!q.contains.empty())
        sql += " AND c.id IN (SELECT ref_id FROM text_index WHERE text_index MATCH :fts AND kind = 'claim')";
    if (!q.since.empty()) sql += " AND ar.published >= :since";
    if (!q.until.empty()) sql += " AND substr(ar.published, 1, 10) <= :until";
    if (q.speech_only) sql += " AND c.cue_kind = 'speech'";
    sql += " ORDER BY ar.published, ar.id, c.start, c.id";
    SQLite::Statement st(store.database(), sql);
    if (q.stance) st.bind(":stance", std::string(to_string(*q.stance)));
    if (!q.cue.empty()) st.bind(":cue", q.cue);
    if (!q.contains.empty()) st.bind(":fts", fts_terms(q.contains));
    if (!q.since.empty()) st.bind(":since", q.since);
    if (!q.until.empty()) st.bind(":until", q.until);
    return run(st);
}

Table query_relations(Store& store, const RelationQuery& q) {
    std::string sql =
        "SELECT s.name AS subject, r.predicate, o.name AS object, "
        "  COALESCE(sp.name, c.speaker_text, '(the outlet)') AS asserted_by, "
        "  count(DISTINCT r.article_id) AS sources "
        "FROM relations r JOIN actors s ON s.id = r.subject_id JOIN actors o ON o.id = r.object_id "
        "LEFT JOIN claims c ON c.id = r.claim_id LEFT JOIN actors sp ON sp.id = c.speaker_id WHERE 1";
    if (!q.actor.empty()) {
        std::string ids = id_list(find_actors(store, q.actor));
        sql += " AND (r.subject_id IN (" + ids + ") OR r.object_id IN (" + ids + "))";
    }
    if (!q.predicate.empty()) sql += " AND r.predicate LIKE '%' || :pred || '%'";
    if (!q.type.empty()) sql += " AND r.type = :type";
    sql += " GROUP BY r.subject_id, r.predicate, r.object_id, asserted_by ORDER BY sources DESC, subject, r.predicate, object";
    SQLite::Statement st(store.database(), sql);
    if (!q.predicate.empty()) st.bind(":pred", q.predicate);
    if (!q.type.empty()) st.bind(":type", q.type);
    return run(st);
}

}  // namespace factgraph
