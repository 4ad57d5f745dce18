#include "factgraph/core/graph_algorithms.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
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
            if (auto d = std::get_if<double>(&c)) return std::to_string(*d);
            return "";
        }
    ADD_FAILURE() << "no column " << column;
    return "";
}

double number_at(const Table& t, std::size_t row, const std::string& column) {
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        if (t.columns[i] == column) return std::get<double>(t.rows.at(row).at(i));
    ADD_FAILURE() << "no column " << column;
    return 0;
}

// A -rel- B -rel- D and A -claim- C -rel- D: two shortest chains of two links from A to D;
// D -rel- E; and a separate pair X -rel- Y.
void add_diamond(Store& store) {
    store.add(Story("d1.txt", "Wire", "2024-01-01")
                  .relation("Alpha", "owns", "Bravo")
                  .relation("Bravo", "supplies", "Delta")
                  .said("Alpha", "[Charlie] will help")
                  .build());
    store.add(Story("d2.txt", "Post", "2024-01-02")
                  .relation("Charlie", "funds", "Delta")
                  .relation("Delta", "employs", "Echo")
                  .relation("Xray", "sues", "Yankee")
                  .build());
}

NeighbourQuery ego(const std::string& actor, int depth, LinkKinds via = LinkKinds::Both, std::size_t limit = 0,
                   std::optional<ActorType> type = std::nullopt) {
    NeighbourQuery q;
    q.actor = actor;
    q.depth = depth;
    q.via = via;
    q.limit = limit;
    q.type = type;
    return q;
}

std::int64_t links_count(Store& s) { return s.database().execAndGet("SELECT count(*) FROM actor_links").getInt64(); }

}  // namespace

TEST(ActorLinks, TriggersKeepTheLinkTableInStepWithFacts) {
    Store store(":memory:");
    add_diamond(store);
    // Every link is stored in both directions.
    EXPECT_EQ(links_count(store), 2 * 6);
    auto& db = store.database();
    EXPECT_EQ(db.execAndGet("SELECT relations_out FROM actor_links l JOIN actors a ON a.id = l.actor_id "
                            "JOIN actors b ON b.id = l.other_id WHERE a.name = 'Alpha' AND b.name = 'Bravo'")
                  .getInt(),
              1);
    EXPECT_EQ(db.execAndGet("SELECT claims_in FROM actor_links l JOIN actors a ON a.id = l.actor_id "
                            "JOIN actors b ON b.id = l.other_id WHERE a.name = 'Charlie' AND b.name = 'Alpha'")
                  .getInt(),
              1);
    // Deleting an article (its claims and relations cascade) takes its links away.
    db.exec("DELETE FROM articles WHERE source = 'd2.txt'");
    EXPECT_EQ(links_count(store), 2 * 3);
    db.exec("DELETE FROM articles");
    EXPECT_EQ(links_count(store), 0);
}

TEST(ActorLinks, LoadNetworkHasDirectedArcs) {
    Store store(":memory:");
    add_diamond(store);
    ActorNetwork all = load_network(store);
    EXPECT_EQ(all.actors.size(), 7u);
    EXPECT_EQ(all.arcs.size(), 6u);
    EXPECT_EQ(load_network(store, LinkKinds::Claims).arcs.size(), 1u);
    EXPECT_EQ(load_network(store, LinkKinds::Relations).arcs.size(), 5u);
    EXPECT_EQ(parse_link_kinds("claim"), LinkKinds::Claims);
    EXPECT_EQ(parse_link_kinds("both"), LinkKinds::Both);
    EXPECT_FALSE(parse_link_kinds("edges"));
}

TEST(Path, ListsEveryTiedShortestChainWithEvidence) {
    Store store(":memory:");
    add_diamond(store);
    Table t = query_path(store, {"Alpha", "Delta"});
    ASSERT_EQ(t.columns, (std::vector<std::string>{"path", "hop", "from", "link", "to", "evidence", "source"}));
    ASSERT_EQ(t.rows.size(), 4u);  // two chains of two hops
    EXPECT_EQ(text_at(t, 0, "path"), "1");
    EXPECT_EQ(text_at(t, 0, "from"), "Alpha");
    EXPECT_EQ(text_at(t, 0, "to"), "Bravo");
    EXPECT_EQ(text_at(t, 0, "link"), "owns \u2192");
    EXPECT_EQ(text_at(t, 0, "evidence"), "Alpha owns Bravo.");
    EXPECT_EQ(text_at(t, 0, "source"), "Wire, 2024-01-01");
    EXPECT_EQ(text_at(t, 1, "to"), "Delta");
    EXPECT_EQ(text_at(t, 2, "path"), "2");
    EXPECT_EQ(text_at(t, 2, "to"), "Charlie");
    EXPECT_EQ(text_at(t, 2, "link"), "say \u2192");
    EXPECT_EQ(text_at(t, 3, "link"), "funds \u2192");

    // Walking the other way shows the links reversed.
    Table back = query_path(store, {"Echo", "Bravo"});
    ASSERT_EQ(back.rows.size(), 2u);
    EXPECT_EQ(text_at(back, 0, "link"), "\u2190 employs");

    EXPECT_EQ(query_path(store, {"Alpha", "Delta", 4, LinkKinds::Both, 1}).rows.size(), 2u);
    EXPECT_EQ(query_path(store, {"Alpha", "Delta", 4, LinkKinds::Relations, 5}).rows.size(), 2u);
    EXPECT_EQ(query_path(store, {"Alpha", "Echo", 3, LinkKinds::Both, 5}).rows.size(), 6u);
    EXPECT_TRUE(query_path(store, {"Alpha", "Echo", 2, LinkKinds::Both, 5}).rows.empty());
    EXPECT_TRUE(query_path(store, {"Alpha", "Yankee"}).rows.empty());
    EXPECT_THROW(query_path(store, {"Alpha", "alpha"}), UsageError);
    EXPECT_THROW(query_path(store, {"Alpha", "Nobody Atall"}), NotFoundError);
}

TEST(Neighbours, EgoNetworkByDistance) {
    Store store(":memory:");
    add_diamond(store);
    Table one = query_neighbours(store, ego("Delta", 1));
    ASSERT_EQ(one.columns, (std::vector<std::string>{"actor", "type", "distance", "links", "facts", "via"}));
    ASSERT_EQ(one.rows.size(), 4u);
    EXPECT_EQ(text_at(one, 0, "actor"), "Delta");
    EXPECT_EQ(text_at(one, 0, "distance"), "0");
    EXPECT_EQ(text_at(one, 0, "via"), "");
    for (std::size_t r = 1; r < 4; ++r) EXPECT_EQ(text_at(one, r, "via"), "Delta");

    Table two = query_neighbours(store, ego("Echo", 2));
    ASSERT_EQ(two.rows.size(), 4u);
    EXPECT_EQ(text_at(two, 3, "distance"), "2");
    EXPECT_EQ(text_at(two, 3, "via"), "Delta");

    // Alpha reaches Delta two ways at distance 2: two links.
    Table a = query_neighbours(store, ego("Alpha", 2));
    for (std::size_t r = 0; r < a.rows.size(); ++r) {
        if (text_at(a, r, "actor") == "Delta") {
            EXPECT_EQ(text_at(a, r, "links"), "2");
        }
    }
    EXPECT_EQ(query_neighbours(store, ego("Alpha", 2, LinkKinds::Relations)).rows.size(), 3u);
    EXPECT_EQ(query_neighbours(store, ego("Alpha", 3, LinkKinds::Both, 2)).rows.size(), 2u);
    EXPECT_EQ(query_neighbours(store, ego("Alpha", 3, LinkKinds::Both, 0, ActorType::Person)).rows.size(), 0u);
}

TEST(Rank, TheHubOfAStarComesFirst) {
    Store store(":memory:");
    Story s("star.txt", "Wire", "2024-01-01");
    for (const char* spoke : {"One", "Two", "Three", "Four"}) s.said(spoke, std::string("[Hub] is ") + spoke);
    s.relation("Four", "knows", "Five");
    store.add(s.build());
    Table t = query_rank(store, {});
    ASSERT_EQ(t.columns, (std::vector<std::string>{"rank", "actor", "type", "pagerank", "betweenness", "degree"}));
    ASSERT_EQ(t.rows.size(), 6u);
    EXPECT_EQ(text_at(t, 0, "actor"), "Hub");
    EXPECT_EQ(text_at(t, 0, "degree"), "4");
    double total = 0;
    for (std::size_t r = 0; r < t.rows.size(); ++r) total += number_at(t, r, "pagerank");
    EXPECT_NEAR(total, 1.0, 1e-9);
    // Hub lies on every path between the spokes: (4 choose 2) pairs plus 3 to Five, of 15.
    EXPECT_NEAR(number_at(t, 0, "betweenness"), 9.0 / 10.0, 1e-9);
    EXPECT_EQ(query_rank(store, {std::nullopt, LinkKinds::Both, 2}).rows.size(), 2u);
    EXPECT_TRUE(query_rank(store, {ActorType::Person, LinkKinds::Both, 20}).rows.empty());
}

TEST(Clusters, ComponentsLargestFirst) {
    Store store(":memory:");
    add_diamond(store);
    Table t = query_clusters(store, {});
    ASSERT_EQ(t.columns, (std::vector<std::string>{"cluster", "size", "links", "members"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(text_at(t, 0, "size"), "5");
    EXPECT_EQ(text_at(t, 0, "links"), "5");
    EXPECT_EQ(text_at(t, 0, "members").rfind("Delta, ", 0), 0u);  // best linked first
    EXPECT_EQ(text_at(t, 1, "members"), "Xray, Yankee");

    Table members = query_clusters(store, {false, true, 2, 20});
    ASSERT_EQ(members.rows.size(), 7u);
    EXPECT_EQ(text_at(members, 0, "actor"), "Delta");
    EXPECT_EQ(text_at(members, 6, "cluster"), "2");
    EXPECT_EQ(query_clusters(store, {false, false, 3, 20}).rows.size(), 1u);
}

TEST(Clusters, CommunitiesSplitTwoGroupsJoinedByOneLink) {
    Store store(":memory:");
    Story s("c.txt", "Wire", "2024-01-01");
    for (const char* a : {"Ann", "Bob", "Cid"})
        for (const char* b : {"Ann", "Bob", "Cid"})
            if (std::string(a) < b) s.relation(a, "meets", b).relation(a, "calls", b);
    for (const char* a : {"Xia", "Yul", "Zed"})
        for (const char* b : {"Xia", "Yul", "Zed"})
            if (std::string(a) < b) s.relation(a, "meets", b).relation(a, "calls", b);
    s.relation("Cid", "knows", "Xia");
    store.add(s.build());
    EXPECT_EQ(query_clusters(store, {}).rows.size(), 1u);
    Table c = query_clusters(store, {true, false, 2, 20});
    ASSERT_EQ(c.rows.size(), 2u);
    EXPECT_EQ(text_at(c, 0, "size"), "3");
    EXPECT_EQ(text_at(c, 1, "size"), "3");
}
