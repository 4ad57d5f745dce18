// `factgraph sql`, `search` and `stats`: the read-only questions answered by SQL.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "factgraph/core/error.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"
#include "story_builder.hpp"

using namespace factgraph;
using factgraph::testing::Story;

namespace {

void add_sample(Store& store) {
    store.add(Story("s1.txt", "Lisbon Post", "2024-03-04")
                  .said("Elena Rossi", "the tanker [Aurora] dumped fuel oil near [Porto]")
                  .relation("Solano Shipping", "operates", "Aurora")
                  .build({{"Elena Rossi", ActorType::Person}}));
    store.add(Story("s2.txt", "Harbour Wire", "2024-03-07")
                  .said("Solano Shipping", "[Aurora] dumped any fuel oil", Stance::Deny)
                  .build());
}

std::int64_t int_at(const Table& t, std::size_t row, std::size_t col) { return std::get<std::int64_t>(t.rows.at(row).at(col)); }
std::string str_at(const Table& t, std::size_t row, std::size_t col) { return std::get<std::string>(t.rows.at(row).at(col)); }

}  // namespace

TEST(ReadonlySql, ReadsTheDocumentedViews) {
    Store store(":memory:");
    add_sample(store);
    Table t = query_sql(store, "SELECT speaker, stance, about, outlet, date FROM v_claims ORDER BY id");
    ASSERT_EQ(t.columns, (std::vector<std::string>{"speaker", "stance", "about", "outlet", "date"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(str_at(t, 0, 0), "Elena Rossi");
    EXPECT_EQ(str_at(t, 0, 2), "Aurora; Porto");
    EXPECT_EQ(str_at(t, 1, 1), "deny");
    EXPECT_EQ(str_at(t, 1, 3), "Harbour Wire");
    for (const char* view : {"v_articles", "v_actors", "v_claims", "v_claim_about", "v_relations", "v_mentions", "v_links"})
        EXPECT_NO_THROW(query_sql(store, std::string("SELECT * FROM ") + view)) << view;
    Table rel = query_sql(store, "SELECT subject, predicate, object, sentence FROM v_relations");
    ASSERT_EQ(rel.rows.size(), 1u);
    EXPECT_EQ(str_at(rel, 0, 3), "Solano Shipping operates Aurora.");
    Table with = query_sql(store, "WITH n AS (SELECT count(*) AS c FROM v_actors) SELECT c, NULL, 1.5 FROM n -- done");
    EXPECT_EQ(int_at(with, 0, 0), 4);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(with.rows[0][1]));
    EXPECT_DOUBLE_EQ(std::get<double>(with.rows[0][2]), 1.5);
    EXPECT_EQ(query_sql(store, "SELECT count(*) FROM text_index WHERE text_index MATCH 'fuel'").rows.size(), 1u);
    EXPECT_FALSE(query_sql(store, "PRAGMA table_info(claims)").rows.empty());
    EXPECT_EQ(int_at(query_sql(store, "PRAGMA user_version"), 0, 0), Store::latest_schema_version());
}

TEST(ReadonlySql, RefusesAnythingThatWrites) {
    Store store(":memory:");
    add_sample(store);
    for (const char* sql : {"DELETE FROM claims", "UPDATE actors SET name = 'x'", "INSERT INTO actors(name, norm_name, type) VALUES ('a','a','other')",
                            "DROP VIEW v_claims", "CREATE TABLE t(x)", "CREATE TEMP TABLE t(x)", "ATTACH ':memory:' AS other",
                            "PRAGMA user_version = 99", "PRAGMA journal_mode = delete", "BEGIN", "VACUUM",
                            "SELECT 1; DELETE FROM claims", "SELECT 1; SELECT 2", "REINDEX", "ANALYZE",
                            "WITH x AS (SELECT 1) DELETE FROM claims", "SELECT load_extension('x')", "", "  -- nothing"})
        EXPECT_THROW(query_sql(store, sql), UsageError) << sql;
    EXPECT_THROW(query_sql(store, "SELEC 1"), UsageError);
    EXPECT_EQ(store.database().execAndGet("SELECT count(*) FROM claims").getInt(), 2);
    EXPECT_EQ(store.schema_version(), Store::latest_schema_version());
    // The authorizer is gone afterwards: the store writes as before.
    EXPECT_NO_THROW(store.add(Story("s3.txt", "Wire", "2024-03-08").relation("Aurora", "visits", "Porto").build()));
}

TEST(ReadonlySql, MigratesAVersionOneDatabaseAndBackfillsLinks) {
    auto path = std::filesystem::temp_directory_path() / "factgraph_links_migrate_test.db";
    std::filesystem::remove(path);
    {
        Store store(path.string());
        add_sample(store);
        // Back to what version 1 had: no link table, triggers or views, the old indexes.
        store.database().exec(
            "DROP TRIGGER claim_about_link; DROP TRIGGER claim_unlink; DROP TRIGGER claim_about_unlink; "
            "DROP TRIGGER relation_link; DROP TRIGGER relation_unlink; DROP TABLE actor_links; "
            "DROP VIEW v_articles; DROP VIEW v_actors; DROP VIEW v_claims; DROP VIEW v_claim_about; "
            "DROP VIEW v_relations; DROP VIEW v_mentions; DROP VIEW v_links; "
            "DROP INDEX claim_about_actor; CREATE INDEX claim_about_actor ON claim_about(actor_id); "
            "DROP INDEX relations_pair; CREATE INDEX relations_subject ON relations(subject_id); "
            "DROP INDEX mentions_actor; CREATE INDEX mentions_actor ON mentions(actor_id); DROP INDEX articles_origin; "
            "PRAGMA user_version = 1");
    }
    {
        Store store(path.string());
        EXPECT_EQ(store.schema_version(), Store::latest_schema_version());
        EXPECT_EQ(int_at(query_sql(store, "SELECT count(*) FROM v_links"), 0, 0), 2 * 3);
        EXPECT_EQ(int_at(query_sql(store, "SELECT claims_out FROM v_links WHERE actor = 'Elena Rossi' AND other = 'Porto'"), 0, 0), 1);
        EXPECT_EQ(int_at(query_sql(store, "SELECT relations_in + claims_in FROM v_links WHERE actor = 'Aurora' AND other = 'Solano Shipping'"), 0, 0), 2);
        // A fresh connection: the full-text table is connected under the authorizer.
        EXPECT_EQ(int_at(query_sql(store, "SELECT count(*) FROM text_index WHERE text_index MATCH 'fuel'"), 0, 0), 4);
        EXPECT_THROW(query_sql(store, "UPDATE sqlite_master SET sql = ''"), UsageError);
    }
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
}

TEST(Search, FindsSentencesAndClaimsWithTheirActors) {
    Store store(":memory:");
    add_sample(store);
    Table t = query_search(store, {"fuel oil", "", false, 20});
    ASSERT_EQ(t.columns, (std::vector<std::string>{"kind", "hit", "actors", "outlet", "date"}));
    ASSERT_EQ(t.rows.size(), 4u);  // two sentences and two claims
    bool claim_hit = false;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        EXPECT_NE(str_at(t, r, 1).find("[fuel] [oil]"), std::string::npos) << str_at(t, r, 1);
        if (str_at(t, r, 0) == "claim" && str_at(t, r, 3) == "Lisbon Post") {
            claim_hit = true;
            EXPECT_EQ(str_at(t, r, 2), "Elena Rossi, Aurora, Porto");
            EXPECT_EQ(str_at(t, r, 4), "2024-03-04");
        }
    }
    EXPECT_TRUE(claim_hit);
    EXPECT_EQ(query_search(store, {"fuel", "claim", false, 20}).rows.size(), 2u);
    EXPECT_EQ(query_search(store, {"fuel", "", false, 1}).rows.size(), 1u);
    EXPECT_EQ(query_search(store, {"tank*", "sentence", true, 20}).rows.size(), 1u);
    EXPECT_EQ(query_search(store, {"\"oil near\"", "", true, 20}).rows.size(), 2u);
    EXPECT_TRUE(query_search(store, {"whale", "", false, 20}).rows.empty());
    EXPECT_THROW(query_search(store, {"fuel AND", "", true, 20}), UsageError);
    EXPECT_THROW(query_search(store, {"  ", "", false, 20}), UsageError);
    // Without --raw, FTS syntax is just words.
    EXPECT_NO_THROW(query_search(store, {"fuel AND (", "", false, 20}));
}

TEST(Stats, CountsAndTops) {
    Store store(":memory:");
    add_sample(store);
    Table t = query_stats(store, 2);
    ASSERT_EQ(t.columns, (std::vector<std::string>{"section", "item", "value"}));
    auto value = [&](const std::string& section, const std::string& item) -> Cell {
        for (const auto& r : t.rows)
            if (std::get<std::string>(r[0]) == section && std::get<std::string>(r[1]) == item) return r[2];
        ADD_FAILURE() << section << "/" << item;
        return {};
    };
    EXPECT_EQ(std::get<std::int64_t>(value("counts", "articles")), 2);
    EXPECT_EQ(std::get<std::int64_t>(value("counts", "outlets")), 2);
    EXPECT_EQ(std::get<std::string>(value("counts", "first date")), "2024-03-04");
    EXPECT_EQ(std::get<std::int64_t>(value("counts", "claims")), 2);
    EXPECT_EQ(std::get<std::int64_t>(value("counts", "claims: deny")), 1);
    EXPECT_EQ(std::get<std::int64_t>(value("counts", "actors: person")), 1);
    EXPECT_EQ(std::get<std::int64_t>(value("counts", "relations")), 1);
    EXPECT_EQ(std::get<std::int64_t>(value("counts", "linked actor pairs")), 3);
    EXPECT_EQ(std::get<std::int64_t>(value("top actors", "Aurora")), 2);
    std::size_t speakers = 0;
    for (const auto& r : t.rows) speakers += std::get<std::string>(r[0]) == "top speakers";
    EXPECT_EQ(speakers, 2u);
}
