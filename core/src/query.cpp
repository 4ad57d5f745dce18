#include "factgraph/core/query.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <set>

#include "factgraph/core/error.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/core/text.hpp"
#include "sql_support.hpp"

namespace factgraph {

namespace {

using detail::id_list;

Table run(SQLite::Statement& st) { return detail::run_table(st); }

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

Table query_claim(Store& store, std::int64_t id) {
    SQLite::Statement st(store.database(),
                         "SELECT v.id, v.speaker, v.speaker_text, v.cue, v.cue_kind, v.stance, v.direct, v.content, "
                         "  v.about, v.reported_by, v.sentence, v.article_id AS article, ar.title, v.outlet, v.date, "
                         "  ar.url, c.extractor, v.confidence "
                         "FROM v_claims v JOIN claims c ON c.id = v.id JOIN articles ar ON ar.id = v.article_id "
                         "WHERE v.id = ?1");
    st.bind(1, static_cast<int64_t>(id));
    Table t = run(st);
    if (t.rows.empty())
        throw NotFoundError("no claim " + std::to_string(id) + " (`factgraph said` lists the claims and their ids)");
    return t;
}

Table record_as_fields(const Table& record, std::size_t wrap) {
    Table out;
    out.columns = {"field", "value"};
    if (record.rows.empty()) return out;
    const auto& row = record.rows.front();
    for (std::size_t i = 0; i < record.columns.size() && i < row.size(); ++i) {
        const Cell& c = row[i];
        if (!wrap || !std::holds_alternative<std::string>(c)) {
            out.rows.push_back({record.columns[i], c});
            continue;
        }
        // Break long text at spaces so a text table shows all of it.
        const std::string& s = std::get<std::string>(c);
        std::string line, word;
        bool first = true;
        auto push = [&] {
            out.rows.push_back({first ? Cell(record.columns[i]) : Cell(std::string()), line});
            first = false;
            line.clear();
        };
        auto add_word = [&] {
            if (word.empty()) return;
            if (!line.empty() && text::codepoint_length(line) + 1 + text::codepoint_length(word) > wrap) push();
            line += (line.empty() ? "" : " ") + word;
            word.clear();
        };
        for (char ch : s) {
            if (ch == ' ' || ch == '\n') add_word();
            else word += ch;
        }
        add_word();
        if (!line.empty() || first) push();
    }
    return out;
}

Table query_relations(Store& store, const RelationQuery& q) {
    std::string sql =
        // Negation and hedges are part of what is asserted: "not pay", "reportedly client of".
        "SELECT s.name AS subject, "
        "  (CASE WHEN r.negated THEN 'not ' ELSE '' END) || (CASE WHEN r.modality = '' THEN '' ELSE r.modality || ' ' END) "
        "    || r.predicate AS predicate, o.name AS object, "
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
    sql += " GROUP BY r.subject_id, 2, r.object_id, asserted_by ORDER BY sources DESC, subject, 2, object";
    SQLite::Statement st(store.database(), sql);
    if (!q.predicate.empty()) st.bind(":pred", q.predicate);
    if (!q.type.empty()) st.bind(":type", q.type);
    return run(st);
}

}  // namespace factgraph

namespace factgraph {

Table query_search(Store& store, const SearchQuery& q) {
    auto& db = store.database();
    std::string match = q.raw ? q.text : fts_terms(q.text);
    if (text::trim(match).empty()) throw UsageError("nothing to search for");
    if (!q.kind.empty() && q.kind != "sentence" && q.kind != "claim")
        throw UsageError("unknown kind '" + q.kind + "' (sentence or claim)");
    std::string sql =
        "SELECT kind, ref_id, article_id, snippet(text_index, 0, '[', ']', '\u2026', 16) "
        "FROM text_index WHERE text_index MATCH :q";
    if (!q.kind.empty()) sql += " AND kind = :kind";
    sql += " ORDER BY bm25(text_index), article_id, kind DESC, ref_id";
    if (q.limit) sql += " LIMIT " + std::to_string(q.limit);
    Table t;
    t.columns = {"kind", "hit", "actors", "outlet", "date"};
    try {
        SQLite::Statement st(db, sql);
        st.bind(":q", match);
        if (!q.kind.empty()) st.bind(":kind", q.kind);
        SQLite::Statement sentence(db, "SELECT idx FROM sentences WHERE id = ?");
        SQLite::Statement claim(db, "SELECT sentence FROM claims WHERE id = ?");
        SQLite::Statement actors(db, "SELECT a.name FROM mentions m JOIN actors a ON a.id = m.actor_id "
                                     "WHERE m.article_id = ?1 AND m.sentence = ?2 GROUP BY a.id ORDER BY min(m.start), a.id");
        SQLite::Statement article(db, std::string("SELECT ") + detail::kOutletSql +
                                          ", substr(ar.published, 1, 10) FROM articles ar WHERE ar.id = ?");
        while (st.executeStep()) {
            std::string kind = st.getColumn(0).getString();
            std::int64_t ref = st.getColumn(1).getInt64(), art = st.getColumn(2).getInt64();
            SQLite::Statement& which = kind == "claim" ? claim : sentence;
            which.reset();
            which.bind(1, ref);
            std::string names;
            if (which.executeStep()) {
                actors.reset();
                actors.bind(1, art);
                actors.bind(2, which.getColumn(0).getInt64());
                while (actors.executeStep()) names += (names.empty() ? "" : ", ") + actors.getColumn(0).getString();
            }
            article.reset();
            article.bind(1, art);
            std::string outlet, date;
            if (article.executeStep()) {
                outlet = article.getColumn(0).getString();
                date = article.getColumn(1).getString();
            }
            t.rows.push_back({kind, st.getColumn(3).getString(), names, outlet, date});
        }
    } catch (const SQLite::Exception& e) {
        if (q.raw) throw UsageError(std::string("bad search query: ") + e.what());
        throw;
    }
    return t;
}

Table query_stats(Store& store, std::size_t top) {
    auto& db = store.database();
    Table t;
    t.columns = {"section", "item", "value"};
    auto count = [&](const std::string& item, const std::string& sql) {
        t.rows.push_back({std::string("counts"), item, detail::cell_of(db.execAndGet(sql))});
    };
    count("articles", "SELECT count(*) FROM articles");
    count("outlets", std::string("SELECT count(DISTINCT ") + detail::kOutletSql + ") FROM articles ar");
    count("first date", "SELECT substr(min(NULLIF(published, '')), 1, 10) FROM articles");
    count("last date", "SELECT substr(max(NULLIF(published, '')), 1, 10) FROM articles");
    count("sentences", "SELECT count(*) FROM sentences");
    count("actors", "SELECT count(*) FROM actors");
    {
        SQLite::Statement st(db, "SELECT type, count(*) AS n FROM actors GROUP BY type ORDER BY n DESC, type");
        while (st.executeStep())
            t.rows.push_back({std::string("counts"), "actors: " + st.getColumn(0).getString(), st.getColumn(1).getInt64()});
    }
    count("mentions", "SELECT count(*) FROM mentions");
    count("claims", "SELECT count(*) FROM claims");
    {
        SQLite::Statement st(db, "SELECT stance, count(*) AS n FROM claims GROUP BY stance ORDER BY n DESC, stance");
        while (st.executeStep())
            t.rows.push_back({std::string("counts"), "claims: " + st.getColumn(0).getString(), st.getColumn(1).getInt64()});
    }
    count("relations", "SELECT count(*) FROM relations");
    count("linked actor pairs", "SELECT count(*) FROM actor_links WHERE actor_id < other_id");
    std::string limit = " LIMIT " + std::to_string(top);
    SQLite::Statement speakers(db, "SELECT a.name, count(*) AS n FROM claims c JOIN actors a ON a.id = c.speaker_id "
                                   "GROUP BY c.speaker_id ORDER BY n DESC, a.name, a.id" + limit);
    while (speakers.executeStep())
        t.rows.push_back({std::string("top speakers"), speakers.getColumn(0).getString(), speakers.getColumn(1).getInt64()});
    SQLite::Statement actors(db, "SELECT a.name, count(DISTINCT m.article_id) AS n FROM mentions m "
                                 "JOIN actors a ON a.id = m.actor_id GROUP BY m.actor_id ORDER BY n DESC, a.name, a.id" + limit);
    while (actors.executeStep())
        t.rows.push_back({std::string("top actors"), actors.getColumn(0).getString(), actors.getColumn(1).getInt64()});
    return t;
}

}  // namespace factgraph
