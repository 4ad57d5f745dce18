#include "factgraph/core/claim_records.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "factgraph/core/store.hpp"

namespace factgraph {

const ArticleRef* FactRecords::article(std::int64_t id) const {
    auto it = std::lower_bound(articles.begin(), articles.end(), id,
                               [](const ArticleRef& a, std::int64_t v) { return a.id < v; });
    return it != articles.end() && it->id == id ? &*it : nullptr;
}

namespace {

std::string article_filter(const GraphQuery& q, const char* alias) {
    std::string f;
    if (!q.since.empty()) f += std::string(" AND ") + alias + ".article_id IN (SELECT id FROM articles WHERE published >= :since)";
    if (q.article) f += std::string(" AND ") + alias + ".article_id = :article";
    return f;
}

void bind_filter(SQLite::Statement& st, const GraphQuery& q) {
    if (!q.since.empty()) st.bind(":since", q.since);
    if (q.article) st.bind(":article", q.article);
}

std::optional<ActorRef> actor_at(SQLite::Statement& st, int id_column, int name_column) {
    if (st.getColumn(id_column).isNull()) return std::nullopt;
    return ActorRef{st.getColumn(id_column).getInt64(), st.getColumn(name_column).getString()};
}

FactSource source_at(SQLite::Statement& st, int first) {
    FactSource s;
    s.article_id = st.getColumn(first).getInt64();
    s.sentence = st.getColumn(first + 1).getInt();
    s.span.start = static_cast<std::size_t>(st.getColumn(first + 2).getInt64());
    s.span.end = static_cast<std::size_t>(st.getColumn(first + 3).getInt64());
    s.extractor = st.getColumn(first + 4).getString();
    s.confidence = st.getColumn(first + 5).getDouble();
    s.sentence_text = st.getColumn(first + 6).getString();
    return s;
}

// The columns source_at reads, for a fact table aliased `t`.
std::string source_columns(const char* t) {
    std::string a(t);
    return a + ".article_id, " + a + ".sentence, " + a + ".start, " + a + ".end, " + a + ".extractor, " + a +
           ".confidence, COALESCE(se.text, '')";
}

std::vector<ClaimRecord> load_claims(SQLite::Database& db, const GraphQuery& q) {
    SQLite::Statement st(db,
        "SELECT c.id, c.speaker_id, sp.name, c.speaker_text, c.cue, c.cue_kind, c.stance, c.direct, c.content, "
        "  c.reported_by_id, rb.name, " + source_columns("c") +
        " FROM claims c JOIN articles ar ON ar.id = c.article_id "
        "LEFT JOIN actors sp ON sp.id = c.speaker_id LEFT JOIN actors rb ON rb.id = c.reported_by_id "
        "LEFT JOIN sentences se ON se.article_id = c.article_id AND se.idx = c.sentence WHERE 1" +
        article_filter(q, "c") + " ORDER BY ar.published, ar.id, c.start, c.id");
    bind_filter(st, q);
    SQLite::Statement about(db, "SELECT a.id, a.name FROM claim_about ca JOIN actors a ON a.id = ca.actor_id "
                                "WHERE ca.claim_id = ? ORDER BY a.name, a.id");
    std::vector<ClaimRecord> claims;
    while (st.executeStep()) {
        ClaimRecord c;
        c.id = st.getColumn(0).getInt64();
        c.speaker = actor_at(st, 1, 2);
        c.speaker_text = st.getColumn(3).getString();
        c.cue = st.getColumn(4).getString();
        c.cue_kind = st.getColumn(5).getString();
        c.stance = parse_stance(st.getColumn(6).getString()).value_or(Stance::Other);
        c.direct = st.getColumn(7).getInt() != 0;
        c.content = st.getColumn(8).getString();
        c.reported_by = actor_at(st, 9, 10);
        c.source = source_at(st, 11);
        about.reset();
        about.bind(1, c.id);
        while (about.executeStep()) c.about.push_back({about.getColumn(0).getInt64(), about.getColumn(1).getString()});
        claims.push_back(std::move(c));
    }
    return claims;
}

std::vector<RelationRecord> load_relations(SQLite::Database& db, const GraphQuery& q) {
    // asserted_by is computed exactly as build_graph does, so records match the graph's edges.
    SQLite::Statement st(db,
        "SELECT r.id, r.subject_id, s.name, r.predicate, r.type, r.object_id, o.name, "
        "  COALESCE(sp.name, c.speaker_text, ''), r.claim_id, r.negated, r.modality, " + source_columns("r") +
        " FROM relations r JOIN articles ar ON ar.id = r.article_id "
        "JOIN actors s ON s.id = r.subject_id JOIN actors o ON o.id = r.object_id "
        "LEFT JOIN claims c ON c.id = r.claim_id LEFT JOIN actors sp ON sp.id = c.speaker_id "
        "LEFT JOIN sentences se ON se.article_id = r.article_id AND se.idx = r.sentence WHERE 1" +
        article_filter(q, "r") + " ORDER BY ar.published, ar.id, r.start, r.id");
    bind_filter(st, q);
    std::vector<RelationRecord> relations;
    while (st.executeStep()) {
        RelationRecord r;
        r.id = st.getColumn(0).getInt64();
        r.subject = {st.getColumn(1).getInt64(), st.getColumn(2).getString()};
        r.predicate = st.getColumn(3).getString();
        r.type = st.getColumn(4).getString();
        r.object = {st.getColumn(5).getInt64(), st.getColumn(6).getString()};
        r.asserted_by = st.getColumn(7).getString();
        if (!st.getColumn(8).isNull()) r.claim_id = st.getColumn(8).getInt64();
        r.negated = st.getColumn(9).getInt() != 0;
        r.modality = st.getColumn(10).getString();
        r.source = source_at(st, 11);
        relations.push_back(std::move(r));
    }
    return relations;
}

// Keeps only the facts behind the edges (and actors) of a narrowed graph selection.
void restrict_to(const Graph& graph, std::vector<ClaimRecord>& claims, std::vector<RelationRecord>& relations) {
    using ClaimKey = std::tuple<std::int64_t, std::int64_t, std::string, Stance>;
    using RelationKey = std::tuple<std::int64_t, std::int64_t, std::string, std::string>;
    std::set<ClaimKey> claim_edges;
    std::set<RelationKey> relation_edges;
    for (const auto& e : graph.edges) {
        if (e.kind == GraphEdge::Kind::Claim) claim_edges.emplace(e.source, e.target, e.label, e.stance);
        else relation_edges.emplace(e.source, e.target, e.label, e.asserted_by);
    }
    std::erase_if(claims, [&](const ClaimRecord& c) {
        if (!c.speaker) return true;
        bool about_others = false;
        for (const auto& a : c.about) {
            if (a.id == c.speaker->id) continue;
            about_others = true;
            if (claim_edges.count({c.speaker->id, a.id, c.cue, c.stance})) return false;
        }
        return about_others || !graph.node(c.speaker->id);
    });
    std::erase_if(relations, [&](const RelationRecord& r) {
        return !relation_edges.count({r.subject.id, r.object.id, r.predicate, r.asserted_by});
    });
}

std::vector<RoleRecord> load_roles(SQLite::Database& db, const GraphQuery& q, const std::set<std::int64_t>& actors) {
    SQLite::Statement st(db,
        "SELECT ro.actor_id, ro.title, ro.organization_id, org.name, ro.article_id FROM actor_roles ro "
        "LEFT JOIN actors org ON org.id = ro.organization_id WHERE 1" + article_filter(q, "ro") +
        " ORDER BY ro.actor_id, ro.title, org.name, ro.article_id");
    bind_filter(st, q);
    std::vector<RoleRecord> roles;
    while (st.executeStep()) {
        RoleRecord r;
        r.actor_id = st.getColumn(0).getInt64();
        if (!actors.count(r.actor_id)) continue;
        r.title = st.getColumn(1).getString();
        r.organization = actor_at(st, 2, 3);
        r.article_id = st.getColumn(4).getInt64();
        roles.push_back(std::move(r));
    }
    return roles;
}

std::vector<ArticleRef> load_articles(SQLite::Database& db, const std::set<std::int64_t>& ids) {
    SQLite::Statement st(db, "SELECT id, ext_id, source, url, outlet, title, byline, published FROM articles WHERE id = ?");
    std::vector<ArticleRef> articles;
    for (auto id : ids) {
        st.reset();
        st.bind(1, id);
        if (!st.executeStep()) continue;
        articles.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                            st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getString(),
                            st.getColumn(6).getString(), st.getColumn(7).getString()});
    }
    return articles;
}

}  // namespace

FactRecords fact_records(Store& store, const GraphQuery& q) {
    auto& db = store.database();
    FactRecords out;
    if (q.claims) out.claims = load_claims(db, q);
    if (q.relations) out.relations = load_relations(db, q);

    std::set<std::int64_t> actors;
    bool narrowed = !q.focus.empty() || q.type || q.min_sources > 1;
    if (narrowed) {
        Graph graph = build_graph(store, q);
        restrict_to(graph, out.claims, out.relations);
        for (const auto& n : graph.nodes) actors.insert(n.id);
    }
    for (const auto& c : out.claims) {
        if (c.speaker) actors.insert(c.speaker->id);
        for (const auto& a : c.about) actors.insert(a.id);
    }
    for (const auto& r : out.relations) {
        actors.insert(r.subject.id);
        actors.insert(r.object.id);
    }
    out.roles = load_roles(db, q, actors);

    std::set<std::int64_t> articles;
    for (const auto& c : out.claims) articles.insert(c.source.article_id);
    for (const auto& r : out.relations) articles.insert(r.source.article_id);
    for (const auto& r : out.roles) articles.insert(r.article_id);
    out.articles = load_articles(db, articles);
    return out;
}

}  // namespace factgraph
