#include "factgraph/core/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "factgraph/core/error.hpp"
#include "factgraph/core/extraction_builder.hpp"
#include "factgraph/core/query.hpp"

using namespace factgraph;

namespace {

// A two-sentence article with two actors and one claim, built through the builder.
Extraction sample(const std::string& body = "Kestrel said it hired Lumen Labs. Lumen Labs declined to comment.") {
    Article a;
    a.source = "sample.txt";
    a.title = "Sample";
    a.published = "2024-03-01";
    a.text = body;
    ExtractionBuilder b(a, "test");
    int s0 = b.add_sentence({0, 33});
    b.add_sentence({34, body.size()});
    auto kestrel = b.actor("Kestrel", ActorType::Organization);
    auto lumen = b.actor("Lumen Labs", ActorType::Organization);
    b.add_mention(kestrel, s0, {0, 7});
    b.add_mention(lumen, s0, {22, 32});
    ClaimDraft d;
    d.speaker = kestrel;
    d.speaker_text = "Kestrel";
    d.cue = "say";
    d.content = {13, 32};
    d.sentence = s0;
    b.add_claim(d);
    return b.finish();
}

std::int64_t count(Store& s, const std::string& table) {
    return s.database().execAndGet("SELECT count(*) FROM " + table).getInt64();
}

}  // namespace

TEST(Store, NewDatabaseIsAtLatestSchemaWithForeignKeys) {
    Store s(":memory:");
    EXPECT_EQ(s.schema_version(), Store::latest_schema_version());
    EXPECT_EQ(s.database().execAndGet("PRAGMA foreign_keys").getInt(), 1);
}

TEST(Store, MigratesAnOldDatabaseForward) {
    auto path = std::filesystem::temp_directory_path() / "factgraph_migrate_test.db";
    std::filesystem::remove(path);
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        EXPECT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 0);
    }
    {
        Store s(path.string());
        EXPECT_EQ(s.schema_version(), Store::latest_schema_version());
        EXPECT_EQ(s.database().execAndGet("PRAGMA journal_mode").getString(), "wal");
        s.add(sample());
    }
    Store again(path.string());  // reopening does not re-run migrations or lose data
    EXPECT_EQ(count(again, "articles"), 1);
    std::filesystem::remove(path);
}

TEST(Store, RefusesADatabaseFromTheFuture) {
    auto path = std::filesystem::temp_directory_path() / "factgraph_future_test.db";
    std::filesystem::remove(path);
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA user_version = 999");
    }
    EXPECT_THROW(Store s(path.string()), StorageError);
    std::filesystem::remove(path);
}

TEST(Store, ReadOnlyOnAMissingFileNamesIt) {
    try {
        Store s("/nonexistent/dir/x.db", Store::Mode::ReadOnly);
        FAIL();
    } catch (const StorageError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/x.db"), std::string::npos);
    }
}

TEST(Store, ReimportingTheSameBodyIsANoOp) {
    Store s(":memory:");
    AddResult first = s.add(sample());
    EXPECT_FALSE(first.duplicate);
    EXPECT_EQ(first.actors_added, 2u);
    EXPECT_EQ(first.claims, 1u);
    AddResult second = s.add(sample());
    EXPECT_TRUE(second.duplicate);
    EXPECT_EQ(second.article_id, first.article_id);
    EXPECT_EQ(count(s, "articles"), 1);
    EXPECT_EQ(count(s, "claims"), 1);
    EXPECT_EQ(count(s, "mentions"), 2);
}

TEST(Store, SameActorsFromAnotherArticleAreMatchedNotDuplicated) {
    Store s(":memory:");
    s.add(sample());
    AddResult r = s.add(sample("Kestrel said it hired Lumen Labs. Lumen Labs declined to comment again."));
    EXPECT_EQ(r.actors_added, 0u);
    EXPECT_EQ(r.actors_matched, 2u);
    EXPECT_EQ(count(s, "actors"), 2);
}

TEST(Store, AnInvalidExtractionWritesNothing) {
    Store s(":memory:");
    Extraction bad = sample();
    bad.claims[0].speaker = "a99";  // dangling
    EXPECT_THROW(s.add(bad), ValidationError);
    EXPECT_EQ(count(s, "articles"), 0);
    EXPECT_EQ(count(s, "actors"), 0);
}

TEST(Store, FullTextIndexCoversSentencesAndClaims) {
    Store s(":memory:");
    s.add(sample());
    auto hits = s.database().execAndGet("SELECT count(*) FROM text_index WHERE text_index MATCH 'lumen'").getInt();
    EXPECT_EQ(hits, 3);  // two sentences and the claim
    SaidQuery q;
    q.contains = "hired";
    EXPECT_EQ(query_said(s, q).rows.size(), 1u);
}
