#include "factgraph/core/fact_tracking.hpp"

#include <gtest/gtest.h>

#include "factgraph/core/error.hpp"
#include "factgraph/core/store.hpp"
#include "story_builder.hpp"

using namespace factgraph;
using factgraph::testing::Story;

namespace {

std::string text_at(const Table& t, std::size_t row, const std::string& column) {
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        if (t.columns[i] == column) {
            const Cell& c = t.rows.at(row).at(i);
            if (auto s = std::get_if<std::string>(&c)) return *s;
            if (auto n = std::get_if<std::int64_t>(&c)) return std::to_string(*n);
            return "";
        }
    ADD_FAILURE() << "no column " << column;
    return "";
}

const std::map<std::string, ActorType> kPeople = {{"Elena Rossi", ActorType::Person}, {"Tomas Vidal", ActorType::Person}};

// The Solano story in four articles: Rossi's claim reported twice, Solano's denial, two speakers
// disagreeing on who was responsible, and a relation.
void add_solano(Store& store) {
    store.add(Story("a1.txt", "Lisbon Post", "2024-03-04")
                  .said("Elena Rossi", "the tanker [Aurora] dumped fuel oil in the estuary near [Porto]")
                  .relation("Solano Shipping", "operates", "Aurora")
                  .build(kPeople));
    store.add(Story("a2.txt", "Harbour Wire", "2024-03-05")
                  .said("Elena Rossi", "the tanker [Aurora] dumped fuel oil in the estuary near [Porto]")
                  .said("Maritime Agency", "[Aurora] was responsible for the spill")
                  .relation("Solano Shipping", "operates", "Aurora")
                  .build(kPeople));
    store.add(Story("a3.txt", "Lisbon Post", "2024-03-07")
                  .said("Solano Shipping", "[Aurora] dumped any fuel oil", Stance::Deny)
                  .said("Tomas Vidal", "[Aurora] was not responsible for the spill")
                  .said("Tomas Vidal", "the crew followed every rule")
                  .build(kPeople));
}

}  // namespace

TEST(ContentSignature, DropsStopWordsStemsAndSpotsNegation) {
    auto s = content_signature("The tanker was targeted; it wasn't dumping oil");
    EXPECT_TRUE(s.negated);
    EXPECT_EQ(s.words, (std::vector<std::string>{"dump", "oil", "tanker", "target"}));
    EXPECT_FALSE(content_signature("NSO kept a list of targets").negated);
    EXPECT_TRUE(content_signature("NSO never kept a list").negated);
    // Punctuation outside ASCII separates words too.
    EXPECT_EQ(content_signature("fuel\u2014oil").words, (std::vector<std::string>{"fuel", "oil"}));
}

TEST(ContentSignature, SameContentNeedsSamePolarityAndNearIdenticalWords) {
    auto a = content_signature("The tanker Aurora dumped fuel oil in the estuary near Porto");
    auto b = content_signature("the tanker Aurora dumped fuel oil in the estuary near Porto, officials feared");
    auto c = content_signature("The tanker Aurora did not dump fuel oil in the estuary near Porto");
    auto d = content_signature("Aurora dumped fuel");
    auto e = content_signature("The regulator fined the company");
    EXPECT_TRUE(same_content(a, b));   // the shorter one is contained in the longer
    EXPECT_FALSE(same_content(a, c));  // opposite polarity is never the same fact
    EXPECT_TRUE(same_content(a, d));   // contained, three words
    EXPECT_FALSE(same_content(a, e));
    EXPECT_DOUBLE_EQ(jaccard({"a", "b"}, {"b", "c"}), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(jaccard({}, {}), 0.0);
}

TEST(Corroborate, TheSameClaimInTwoArticlesIsOneFactWithTwoSources) {
    Store store(":memory:");
    add_solano(store);
    auto rossi = find_actors(store, "Elena Rossi");
    auto facts = corroborate(store, rossi);
    ASSERT_EQ(facts.size(), 1u);
    EXPECT_EQ(facts[0].claims.size(), 2u);
    EXPECT_EQ(facts[0].sources, 2);
    EXPECT_EQ(facts[0].first_outlet, "Lisbon Post");
    EXPECT_EQ(facts[0].first_date, "2024-03-04");

    // Vidal's two claims differ: two facts, one source each.
    auto vidal = corroborate(store, find_actors(store, "Tomas Vidal"));
    ASSERT_EQ(vidal.size(), 2u);
    EXPECT_EQ(vidal[0].sources, 1);
    EXPECT_TRUE(corroborate(store, {}).empty());
}

TEST(Corroborate, ManyNearDuplicatesFormOneFact) {
    Store store(":memory:");
    for (int i = 0; i < 30; ++i) {
        std::string extra = i % 3 == 0 ? "" : " again";
        store.add(Story("r" + std::to_string(i) + ".txt", "Wire", "2024-04-" + std::string(i < 9 ? "0" : "") +
                                                                        std::to_string(i + 1))
                      .said("Elena Rossi", "the spill near [Porto] killed thousands of fish" + extra)
                      .said("Elena Rossi", "claim number " + std::to_string(i) + " stands alone today")
                      .build(kPeople));
    }
    auto facts = corroborate(store, find_actors(store, "Elena Rossi"));
    ASSERT_EQ(facts.size(), 31u);
    EXPECT_EQ(facts[0].sources, 30);
    EXPECT_EQ(facts[0].first_date, "2024-04-01");
}

TEST(Conflicts, FindsADenialAgainstAnAssertionAndOppositeAssertions) {
    Store store(":memory:");
    add_solano(store);
    Table t = query_conflicts(store, {});
    ASSERT_EQ(t.columns, (std::vector<std::string>{"pair", "kind", "speaker", "stance", "content", "outlet", "date"}));
    ASSERT_EQ(t.rows.size() % 2, 0u);
    bool denial = false, opposite = false;
    for (std::size_t r = 0; r < t.rows.size(); r += 2) {
        std::string kind = text_at(t, r, "kind");
        std::string a = text_at(t, r, "speaker"), b = text_at(t, r + 1, "speaker");
        EXPECT_NE(a, b) << "a speaker does not conflict with itself";
        EXPECT_LE(text_at(t, r, "date"), text_at(t, r + 1, "date")) << "earlier side first";
        if (kind == "denial" && a == "Elena Rossi" && b == "Solano Shipping") denial = true;
        if (kind == "opposite" && a == "Maritime Agency" && b == "Tomas Vidal") opposite = true;
    }
    EXPECT_TRUE(denial);
    EXPECT_TRUE(opposite);
    // "the crew followed every rule" shares nothing with anyone: never part of a pair.
    for (std::size_t r = 0; r < t.rows.size(); ++r) EXPECT_EQ(text_at(t, r, "content").find("crew"), std::string::npos);
}

TEST(Conflicts, ScopedToAnActorAndLimited) {
    Store store(":memory:");
    add_solano(store);
    Table about_porto = query_conflicts(store, {"Porto", 20});
    // Only Rossi's claims mention Porto, and nothing about Porto contradicts them.
    EXPECT_TRUE(about_porto.rows.empty());
    Table aurora = query_conflicts(store, {"Aurora", 1});
    ASSERT_EQ(aurora.rows.size(), 2u);
    EXPECT_THROW(query_conflicts(store, {"Nobody Atall", 20}), NotFoundError);
}

TEST(Conflicts, ADenialAgreeingWithANegatedAssertionIsNoConflict) {
    Store store(":memory:");
    store.add(Story("x.txt", "Wire", "2024-01-01")
                  .said("Solano Shipping", "[Aurora] dumped fuel oil", Stance::Deny)
                  .said("Maritime Agency", "[Aurora] never dumped fuel oil")
                  .build());
    EXPECT_TRUE(query_conflicts(store, {}).rows.empty());
}

TEST(Timeline, OneRowPerFactInDateOrderWithSources) {
    Store store(":memory:");
    add_solano(store);
    Table t = query_timeline(store, {"Aurora", "", "", 1});
    ASSERT_EQ(t.columns, (std::vector<std::string>{"date", "who", "verb", "text", "outlet", "sources"}));
    ASSERT_EQ(t.rows.size(), 5u);
    EXPECT_EQ(text_at(t, 0, "date"), "2024-03-04");
    EXPECT_EQ(text_at(t, 0, "who"), "Elena Rossi");
    EXPECT_EQ(text_at(t, 0, "sources"), "2");
    EXPECT_EQ(text_at(t, 1, "who"), "Solano Shipping");
    EXPECT_EQ(text_at(t, 1, "verb"), "operates");
    EXPECT_EQ(text_at(t, 1, "text"), "Aurora");
    EXPECT_EQ(text_at(t, 1, "sources"), "2");
    EXPECT_EQ(text_at(t, 2, "who"), "Maritime Agency");
    EXPECT_EQ(text_at(t, 3, "verb"), "deny");
    EXPECT_EQ(text_at(t, 4, "who"), "Tomas Vidal");
    for (std::size_t r = 1; r < t.rows.size(); ++r) EXPECT_LE(text_at(t, r - 1, "date"), text_at(t, r, "date"));

    Table corroborated = query_timeline(store, {"", "", "", 2});
    ASSERT_EQ(corroborated.rows.size(), 2u);
    Table late = query_timeline(store, {"Aurora", "2024-03-06", "", 1});
    EXPECT_EQ(late.rows.size(), 2u);
    Table early = query_timeline(store, {"Aurora", "", "2024-03-04", 1});
    EXPECT_EQ(early.rows.size(), 2u);
}
