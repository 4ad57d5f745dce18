#include "factgraph/core/curation.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "factgraph/core/error.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/importers/actors_file.hpp"
#include "story_builder.hpp"

using namespace factgraph;
using factgraph::testing::Story;

namespace {

const std::map<std::string, ActorType> kPeople = {{"Daniel Reyes", ActorType::Person},
                                                  {"Daniel Osei", ActorType::Person},
                                                  {"Reyes", ActorType::Person}};

// Day one: NSO Group and Amnesty International under their full names.
Extraction day_one() {
    return Story("one.txt", "Wire", "2021-07-21")
        .said("NSO Group", "[Amnesty International] was wrong")
        .said("Amnesty International", "[NSO Group] servers ran on [Amazon Web Services]")
        .relation("Amazon Web Services", "host", "NSO Group")
        .build();
}

// Day two: the same actors under short names, as separate actors the store cannot join.
Extraction day_two(const std::string& extra = "") {
    return Story("two" + extra + ".txt", "Wire", "2021-07-22")
        .said("NSO", "[Amnesty] was wrong again" + extra)
        .said("Daniel Reyes", "[NSO] would cooperate" + extra)
        .relation("AWS", "host", "NSO")
        .build(kPeople);
}

std::int64_t count(Store& s, const std::string& sql) { return s.database().execAndGet(sql).getInt64(); }

std::int64_t actors_named(Store& s, const std::string& name) {
    SQLite::Statement st(s.database(), "SELECT count(*) FROM actors WHERE name = ?");
    st.bind(1, name);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

std::string type_of(Store& s, const std::string& name) {
    SQLite::Statement st(s.database(), "SELECT type FROM actors WHERE name = ?");
    st.bind(1, name);
    return st.executeStep() ? st.getColumn(0).getString() : "";
}

bool has_alias(Store& s, const std::string& name, const std::string& alias) {
    SQLite::Statement st(s.database(), "SELECT count(*) FROM actor_aliases x JOIN actors a ON a.id = x.actor_id "
                                       "WHERE a.name = ? AND x.alias = ?");
    st.bind(1, name);
    st.bind(2, alias);
    st.executeStep();
    return st.getColumn(0).getInt64() > 0;
}

// actor_links must equal what the facts say, however they were moved or deleted.
void expect_links_consistent(Store& s) {
    const std::string recount = R"SQL(
SELECT a, b, sum(co), sum(ci), sum(ro), sum(ri) FROM (
    SELECT c.speaker_id AS a, x.actor_id AS b, 1 AS co, 0 AS ci, 0 AS ro, 0 AS ri
      FROM claim_about x JOIN claims c ON c.id = x.claim_id WHERE c.speaker_id IS NOT NULL AND c.speaker_id <> x.actor_id
    UNION ALL SELECT x.actor_id, c.speaker_id, 0, 1, 0, 0
      FROM claim_about x JOIN claims c ON c.id = x.claim_id WHERE c.speaker_id IS NOT NULL AND c.speaker_id <> x.actor_id
    UNION ALL SELECT subject_id, object_id, 0, 0, 1, 0 FROM relations WHERE subject_id <> object_id
    UNION ALL SELECT object_id, subject_id, 0, 0, 0, 1 FROM relations WHERE subject_id <> object_id
) GROUP BY a, b)SQL";
    const std::string stored = "SELECT actor_id, other_id, claims_out, claims_in, relations_out, relations_in "
                               "FROM actor_links";
    EXPECT_EQ(count(s, "SELECT count(*) FROM (" + recount + " EXCEPT " + stored + ")"), 0);
    EXPECT_EQ(count(s, "SELECT count(*) FROM (" + stored + " EXCEPT " + recount + ")"), 0);
}

}  // namespace

TEST(Curation, MergeMovesFactsAndAliasesAndKeepsLinksConsistent) {
    Store s(":memory:");
    s.add(day_one());
    s.add(day_two());
    ASSERT_EQ(actors_named(s, "NSO"), 1);
    auto nso_claims = count(s, "SELECT count(*) FROM claims c JOIN actors a ON a.id = c.speaker_id WHERE a.name = 'NSO'");
    auto before = count(s, "SELECT count(*) FROM mentions");

    CurationResult r = merge_actors(s, "NSO Group", "NSO");
    EXPECT_NE(r.message.find("merged 'NSO'"), std::string::npos) << r.message;
    EXPECT_EQ(actors_named(s, "NSO"), 0);
    EXPECT_TRUE(has_alias(s, "NSO Group", "NSO"));
    EXPECT_EQ(count(s, "SELECT count(*) FROM mentions"), before);
    EXPECT_EQ(count(s, "SELECT count(*) FROM claims c JOIN actors a ON a.id = c.speaker_id WHERE a.name = 'NSO Group'"),
              1 + nso_claims);
    // The relation AWS -host-> NSO now points at NSO Group, and Reyes's claim is about it.
    EXPECT_EQ(count(s, "SELECT count(*) FROM relations r JOIN actors o ON o.id = r.object_id WHERE o.name = 'NSO Group'"),
              2);
    EXPECT_EQ(count(s, "SELECT count(*) FROM claim_about x JOIN actors a ON a.id = x.actor_id WHERE a.name = 'NSO Group'"),
              2);
    expect_links_consistent(s);
}

TEST(Curation, MergedNamesResolveToTheTargetOnLaterImports) {
    Store s(":memory:");
    s.add(day_one());
    s.add(day_two());
    merge_actors(s, "NSO Group", "NSO");
    merge_actors(s, "Amnesty International", "Amnesty");
    auto actors = count(s, "SELECT count(*) FROM actors");
    // A later article naming them the short way, even with another type, adds no actor.
    AddResult r = s.add(Story("three.txt", "Wire", "2021-07-23")
                            .said("Amnesty", "[NSO] sold spyware")
                            .build({{"NSO", ActorType::Product}}));
    EXPECT_EQ(r.actors_added, 0u);
    EXPECT_EQ(r.actors_matched, 2u);
    EXPECT_EQ(count(s, "SELECT count(*) FROM actors"), actors);
    EXPECT_EQ(type_of(s, "NSO Group"), "organization");
    expect_links_consistent(s);
}

TEST(Curation, MergingAnActorIntoItselfOrAnUnknownOneIsRefused) {
    Store s(":memory:");
    s.add(day_one());
    s.add(day_two());
    merge_actors(s, "NSO Group", "NSO");
    EXPECT_THROW(merge_actors(s, "NSO Group", "NSO"), UsageError);  // "NSO" is an alias of it now
    EXPECT_THROW(merge_actors(s, "NSO Group", "nso group"), UsageError);
    try {
        merge_actors(s, "NSO Group", "Nobody Atall");
        FAIL();
    } catch (const NotFoundError& e) {
        EXPECT_NE(std::string(e.what()).find("Nobody Atall"), std::string::npos);
    }
    try {
        merge_actors(s, "NSO Group", "Amnest");
        FAIL();
    } catch (const NotFoundError& e) {
        EXPECT_NE(std::string(e.what()).find("did you mean: Amnesty"), std::string::npos) << e.what();
    }
}

TEST(Curation, AnAmbiguousNameIsRefusedAndAnIdPicksOne) {
    Store s(":memory:");
    s.add(Story("a.txt", "Wire", "2024-01-01").said("Amazon", "[Amazon] is burning").build({{"Amazon", ActorType::Location}}));
    s.add(Story("b.txt", "Wire", "2024-01-02").relation("Amazon", "host", "NSO Group").build());
    ASSERT_EQ(actors_named(s, "Amazon"), 2);
    try {
        resolve_actor(s, "amazon");
        FAIL();
    } catch (const UsageError& e) {
        std::string what = e.what();
        EXPECT_NE(what.find("ambiguous"), std::string::npos) << what;
        EXPECT_NE(what.find("location"), std::string::npos) << what;
        EXPECT_NE(what.find("id:"), std::string::npos) << what;
    }
    auto location = count(s, "SELECT id FROM actors WHERE name = 'Amazon' AND type = 'location'");
    EXPECT_EQ(resolve_actor(s, "id:" + std::to_string(location)), location);
    EXPECT_EQ(resolve_actor(s, "#" + std::to_string(location)), location);
    EXPECT_THROW(resolve_actor(s, "id:999"), NotFoundError);
    EXPECT_THROW(resolve_actor(s, "  "), UsageError);
}

TEST(Curation, RenameKeepsTheOldNameAsAliasAndSurvivesReimport) {
    Store s(":memory:");
    s.add(day_one());
    rename_actor(s, "NSO Group", "NSO Group Technologies");
    EXPECT_EQ(actors_named(s, "NSO Group"), 0);
    EXPECT_TRUE(has_alias(s, "NSO Group Technologies", "NSO Group"));
    AddResult r = s.add(Story("again.txt", "Wire", "2021-07-24").said("NSO Group", "it did nothing wrong").build());
    EXPECT_EQ(r.actors_added, 0u);
    EXPECT_EQ(actors_named(s, "NSO Group"), 0);
    EXPECT_EQ(actors_named(s, "NSO Group Technologies"), 1);
    // A name another actor has is a merge, not a rename.
    EXPECT_THROW(rename_actor(s, "NSO Group Technologies", "Amnesty International"), UsageError);
    EXPECT_EQ(actors_named(s, "NSO Group Technologies"), 1);  // the failed rename changed nothing
}

TEST(Curation, AnAddedAliasResolvesLaterImports) {
    Store s(":memory:");
    s.add(day_one());
    add_actor_alias(s, "Amnesty International", "Amnesty");
    AddResult r = s.add(Story("amnesty.txt", "Wire", "2021-07-25").said("Amnesty", "[NSO Group] lied").build());
    EXPECT_EQ(r.actors_added, 0u);
    EXPECT_EQ(actors_named(s, "Amnesty"), 0);
    // An alias that names another actor would join two actors behind the user's back.
    EXPECT_THROW(add_actor_alias(s, "Amnesty International", "NSO Group"), UsageError);
}

TEST(Curation, ARemovedAliasIsNotAddedBack) {
    Store s(":memory:");
    Extraction e = day_one();
    for (auto& a : e.actors)
        if (a.name == "Amazon Web Services") a.aliases.push_back("Amazon");
    s.add(e);
    ASSERT_TRUE(has_alias(s, "Amazon Web Services", "Amazon"));
    remove_actor_alias(s, "Amazon Web Services", "Amazon");
    EXPECT_FALSE(has_alias(s, "Amazon Web Services", "Amazon"));
    EXPECT_THROW(remove_actor_alias(s, "Amazon Web Services", "Amazon"), NotFoundError);
    EXPECT_THROW(remove_actor_alias(s, "Amazon Web Services", "Amazon Web Services"), UsageError);

    Extraction again = Story("again.txt", "Wire", "2021-07-26").relation("Amazon Web Services", "host", "NSO Group").build();
    for (auto& a : again.actors)
        if (a.name == "Amazon Web Services") a.aliases.push_back("Amazon");
    s.add(again);
    EXPECT_FALSE(has_alias(s, "Amazon Web Services", "Amazon"));
    // "Amazon" on its own is now another actor.
    AddResult r = s.add(Story("amazon.txt", "Wire", "2021-07-27").said("Amazon", "it shut accounts").build());
    EXPECT_EQ(r.actors_added, 1u);
}

TEST(Curation, ASetTypeIsKeptByLaterImports) {
    Store s(":memory:");
    s.add(day_one());
    set_actor_type(s, "Amnesty International", ActorType::Group);
    EXPECT_EQ(type_of(s, "Amnesty International"), "group");
    AddResult r = s.add(Story("t.txt", "Wire", "2021-07-28").said("Amnesty International", "it was right").build());
    EXPECT_EQ(r.actors_added, 0u);
    EXPECT_EQ(actors_named(s, "Amnesty International"), 1);
    EXPECT_EQ(type_of(s, "Amnesty International"), "group");
}

TEST(Curation, ADroppedActorGoesWithItsMentionsAndNeverComesBack) {
    Store s(":memory:");
    s.add(day_one());
    s.add(day_two());
    CurationResult r = drop_actor(s, "AWS");
    EXPECT_EQ(r.actor_id, 0);
    EXPECT_EQ(actors_named(s, "AWS"), 0);
    EXPECT_EQ(count(s, "SELECT count(*) FROM mentions WHERE text = 'AWS'"), 0);
    EXPECT_EQ(count(s, "SELECT count(*) FROM relations r JOIN actors a ON a.id = r.subject_id WHERE a.name = 'NSO'"), 0);
    expect_links_consistent(s);

    // Dropping a speaker keeps its claims, with the speaker text and no speaker actor.
    drop_actor(s, "Daniel Reyes");
    EXPECT_EQ(count(s, "SELECT count(*) FROM claims WHERE speaker_text = 'Daniel Reyes' AND speaker_id IS NULL"), 1);
    expect_links_consistent(s);

    AddResult again = s.add(day_two("!"));
    EXPECT_EQ(again.actors_dropped, 2u);
    EXPECT_EQ(actors_named(s, "AWS"), 0);
    EXPECT_EQ(actors_named(s, "Daniel Reyes"), 0);
    EXPECT_EQ(count(s, "SELECT count(*) FROM claims WHERE speaker_text = 'Daniel Reyes' AND speaker_id IS NULL"), 2);
    EXPECT_EQ(count(s, "SELECT count(*) FROM relations"), 1);  // day one's; the AWS ones went with it
    expect_links_consistent(s);

    // A dropped name is a false positive as a name: an actor that merely has it as an alias stays.
    Extraction other = Story("aws.txt", "Wire", "2021-07-30").said("Amazon Web Services", "it acted").build();
    other.actors[0].aliases.push_back("AWS");
    AddResult kept = s.add(other);
    EXPECT_EQ(kept.actors_dropped, 0u);
    EXPECT_EQ(actors_named(s, "Amazon Web Services"), 1);
}

TEST(Curation, EveryCurationIsLogged) {
    Store s(":memory:");
    s.add(day_one());
    s.add(day_two());
    merge_actors(s, "NSO Group", "NSO");
    add_actor_alias(s, "Amnesty International", "AI");
    set_actor_type(s, "Daniel Reyes", ActorType::Person);
    drop_actor(s, "AWS");
    Table log = query_curations(s);
    ASSERT_EQ(log.rows.size(), 4u);
    EXPECT_EQ(std::get<std::string>(log.rows[0][2]), "merge");
    EXPECT_EQ(std::get<std::string>(log.rows[3][2]), "drop");
    EXPECT_EQ(std::get<std::string>(log.rows[3][3]), "AWS");
}

TEST(Curation, CurationsSurviveClosingTheDatabase) {
    auto path = std::filesystem::temp_directory_path() / "factgraph_curation_test.db";
    std::filesystem::remove(path);
    {
        Store s(path.string());
        s.add(day_one());
        s.add(day_two());
        merge_actors(s, "NSO Group", "NSO");
        drop_actor(s, "AWS");
    }
    {
        Store s(path.string());
        AddResult r = s.add(day_two("?"));
        EXPECT_EQ(r.actors_added, 0u);
        EXPECT_EQ(r.actors_dropped, 1u);
        EXPECT_EQ(actors_named(s, "NSO"), 0);
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST(Curation, LoadedEntriesApplyToStoredActorsAndToLaterImports) {
    Store s(":memory:");
    s.add(day_one());
    s.add(day_two());
    std::vector<ActorEntry> entries(3);
    entries[0].name = "NSO Group";
    entries[0].aliases = {"NSO", "NSO Group Technologies"};
    entries[1].name = "Amazon Web Services";
    entries[1].aliases = {"AWS"};
    entries[1].type = ActorType::Organization;
    entries[2].name = "Daniel Reyes";
    entries[2].drop = true;
    LoadResult r = load_actor_entries(s, entries);
    EXPECT_EQ(r.entries, 3u);
    EXPECT_EQ(r.actors_merged, 2u);  // NSO, AWS
    EXPECT_EQ(r.actors_dropped, 1u);
    EXPECT_EQ(actors_named(s, "NSO"), 0);
    EXPECT_EQ(actors_named(s, "AWS"), 0);
    EXPECT_EQ(actors_named(s, "Daniel Reyes"), 0);
    expect_links_consistent(s);

    // On a fresh store the entries apply as the articles come in.
    Store fresh(":memory:");
    load_actor_entries(fresh, entries);
    fresh.add(day_two());
    EXPECT_EQ(actors_named(fresh, "NSO"), 0);
    EXPECT_EQ(actors_named(fresh, "NSO Group"), 1);
    EXPECT_EQ(actors_named(fresh, "Amazon Web Services"), 1);
    EXPECT_EQ(actors_named(fresh, "Daniel Reyes"), 0);
    fresh.add(day_one());
    EXPECT_EQ(actors_named(fresh, "NSO Group"), 1);
    EXPECT_EQ(actors_named(fresh, "Amazon Web Services"), 1);
    expect_links_consistent(fresh);
}

TEST(Curation, LoadRefusesANameTwoEntriesClaim) {
    Store s(":memory:");
    s.add(day_one());
    std::vector<ActorEntry> entries(2);
    entries[0].name = "NSO Group";
    entries[0].aliases = {"NSO"};
    entries[1].name = "NSO";
    EXPECT_THROW(load_actor_entries(s, entries), UsageError);
    EXPECT_EQ(count(s, "SELECT count(*) FROM curated_actors"), 0);
}

TEST(ActorsFile, ParsesEntriesWithTheirLines) {
    std::istringstream in(R"(# comment
[[actor]]
name = "NSO Group"
type = "organisation"
aliases = ["NSO"]

[[actor]]
name = "Picture"
drop = true
)");
    auto entries = importers::parse_actors_file(in, "actors.toml");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].name, "NSO Group");
    EXPECT_EQ(entries[0].type, ActorType::Organization);
    EXPECT_EQ(entries[0].aliases, std::vector<std::string>{"NSO"});
    EXPECT_EQ(entries[0].origin, "actors.toml:2");
    EXPECT_TRUE(entries[1].drop);
    EXPECT_FALSE(entries[1].type);
}

TEST(ActorsFile, BadFilesNameTheFileAndLine) {
    auto error_of = [](const std::string& text) -> InputError {
        std::istringstream in(text);
        try {
            importers::parse_actors_file(in, "bad.toml");
        } catch (const InputError& e) {
            return e;
        }
        ADD_FAILURE() << "no error for: " << text;
        return InputError("", "");
    };
    InputError syntax = error_of("[[actor]]\nname = \"NSO\n");
    EXPECT_EQ(syntax.file(), "bad.toml");
    EXPECT_EQ(syntax.line(), 2u);
    EXPECT_NE(syntax.reason().find("bad TOML"), std::string::npos);
    EXPECT_EQ(error_of("[[actor]]\nname = \"A\"\ntype = \"robot\"\n").line(), 3u);
    EXPECT_EQ(error_of("[[actor]]\nname = \"A\"\ncolour = \"red\"\n").line(), 3u);
    EXPECT_EQ(error_of("[[actor]]\naliases = [\"A\"]\n").line(), 1u);
    EXPECT_EQ(error_of("[[actor]]\nname = \"A\"\naliases = \"B\"\n").line(), 3u);
    EXPECT_EQ(error_of("[[actor]]\nname = \"A\"\ndrop = \"yes\"\n").line(), 3u);
    EXPECT_EQ(error_of("[[actor]]\nname = \"A\"\n\n[[actor]]\nname = \"B\"\naliases = [\"a\"]\n").line(), 4u);
    EXPECT_NE(error_of("[actors]\nname = \"A\"\n").reason().find("[[actor]]"), std::string::npos);
    EXPECT_THROW(importers::read_actors_file("/nonexistent/actors.toml"), InputError);
}
