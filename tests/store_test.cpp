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

namespace {

// One person speaking in an article of their own; `aliases` as the extractor grouped them.
Extraction person_says(const std::string& name, const std::vector<std::string>& aliases, const std::string& tag) {
    std::string body = name + " said the talks had failed " + tag + ".";
    Article a;
    a.source = tag + ".txt";
    a.text = body;
    ExtractionBuilder b(a, "test");
    int s0 = b.add_sentence({0, body.size()});
    auto id = b.actor(name, ActorType::Person);
    for (const auto& alias : aliases) b.add_alias(id, alias);
    b.add_mention(id, s0, {0, name.size()});
    return b.finish();
}

std::int64_t people_called(Store& s, const std::string& name) {
    SQLite::Statement st(s.database(), "SELECT count(*) FROM actors WHERE name = ? AND type = 'person'");
    st.bind(1, name);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

}  // namespace

TEST(Store, PeopleSharingAFirstNameAreNotMerged) {
    Store s(":memory:");
    s.add(person_says("Daniel Reyes", {"Reyes", "Daniel"}, "one"));
    s.add(person_says("Daniel Osei", {"Osei", "Daniel"}, "two"));
    EXPECT_EQ(people_called(s, "Daniel Reyes"), 1);
    EXPECT_EQ(people_called(s, "Daniel Osei"), 1);
    // A lone "Daniel" could be either: it is not joined to one of them at random.
    AddResult r = s.add(person_says("Daniel", {}, "three"));
    EXPECT_EQ(r.actors_added, 1u);
    EXPECT_EQ(people_called(s, "Daniel"), 1);
}

TEST(Store, ASurnameJoinsTheOnePersonWhoHasIt) {
    Store s(":memory:");
    s.add(person_says("Daniel Reyes", {"Reyes", "Mr Reyes"}, "one"));
    s.add(person_says("Daniel Osei", {"Osei"}, "two"));
    AddResult r = s.add(person_says("Reyes", {}, "three"));
    EXPECT_EQ(r.actors_matched, 1u);
    EXPECT_EQ(people_called(s, "Reyes"), 0);
    // A titled, two-word alias is strong enough on its own.
    AddResult titled = s.add(person_says("Mr Reyes", {}, "four"));
    EXPECT_EQ(titled.actors_matched, 1u);
    EXPECT_EQ(count(s, "actors"), 2);
}

TEST(Store, ASharedFirstNameAliasDoesNotJoinAnotherPerson) {
    Store s(":memory:");
    s.add(person_says("Daniel Reyes", {"Daniel"}, "one"));
    // Osei's article also calls him "Daniel": the weak alias must not pull him into Reyes.
    AddResult r = s.add(person_says("Daniel Osei", {"Daniel"}, "two"));
    EXPECT_EQ(r.actors_added, 1u);
    EXPECT_EQ(people_called(s, "Daniel Osei"), 1);
}
