#include "factgraph/core/claim_records.hpp"

#include <gtest/gtest.h>

#include "factgraph/core/error.hpp"
#include "factgraph/core/extraction_builder.hpp"
#include "factgraph/core/store.hpp"

using namespace factgraph;

namespace {

ByteSpan span_of(const std::string& body, const std::string& needle, std::size_t from = 0) {
    std::size_t at = body.find(needle, from);
    EXPECT_NE(at, std::string::npos) << needle;
    return {at, at + needle.size()};
}

// Article 1 (March): Helena says Kestrel is based in Zürich (a reported relation), Kestrel denies
// "it" (a claim about no actor), an unnamed spokesperson declines to comment.
Extraction audit_story() {
    Article a;
    a.id = "audit";
    a.source = "audit.txt";
    a.outlet = "Lisbon Post";
    a.title = "Audit";
    a.published = "2024-03-01";
    a.text = "Helena Voss said Kestrel is based in Zürich. Kestrel denied it. A spokesperson declined to comment.";
    const std::string& t = a.text;
    ExtractionBuilder b(a, "test");
    int s0 = b.add_sentence(span_of(t, "Helena Voss said Kestrel is based in Zürich."));
    int s1 = b.add_sentence(span_of(t, "Kestrel denied it."));
    int s2 = b.add_sentence(span_of(t, "A spokesperson declined to comment."));
    auto helena = b.actor("Helena Voss", ActorType::Person);
    auto kestrel = b.actor("Kestrel", ActorType::Organization);
    auto zurich = b.actor("Zürich", ActorType::Location);
    b.add_mention(helena, s0, span_of(t, "Helena Voss"));
    b.add_mention(kestrel, s0, span_of(t, "Kestrel"));
    b.add_mention(zurich, s0, span_of(t, "Zürich"));
    b.add_mention(kestrel, s1, span_of(t, "Kestrel", t.find("Kestrel denied")));
    b.add_role(helena, Role{"auditor", kestrel});
    ClaimDraft said;
    said.speaker = helena;
    said.speaker_text = "Helena Voss";
    said.cue = "say";
    said.content = span_of(t, "Kestrel is based in Zürich");
    said.sentence = s0;
    auto claim = b.add_claim(said);
    RelationDraft based;
    based.subject = kestrel;
    based.predicate = "based in";
    based.type = "based_in";
    based.object = zurich;
    based.claim = claim;
    based.evidence = span_of(t, "Kestrel is based in Zürich");
    based.sentence = s0;
    b.add_relation(based);
    ClaimDraft denied;
    denied.speaker = kestrel;
    denied.speaker_text = "Kestrel";
    denied.cue = "deny";
    denied.stance = Stance::Deny;
    denied.content = span_of(t, "it.");
    denied.sentence = s1;
    b.add_claim(denied);
    ClaimDraft declined;
    declined.speaker_text = "A spokesperson";
    declined.cue = "decline";
    declined.stance = Stance::Decline;
    declined.content = span_of(t, "to comment");
    declined.sentence = s2;
    b.add_claim(declined);
    return b.finish();
}

// Article 2 (May): one person speaking about another, unrelated to article 1.
Extraction quarrel_story() {
    Article a;
    a.source = "quarrel.txt";
    a.title = "Quarrel";
    a.published = "2024-05-01";
    a.text = "Mara Lind said Omar Test lied.";
    const std::string& t = a.text;
    ExtractionBuilder b(a, "test");
    int s0 = b.add_sentence({0, t.size()});
    auto mara = b.actor("Mara Lind", ActorType::Person);
    auto omar = b.actor("Omar Test", ActorType::Person);
    b.add_mention(mara, s0, span_of(t, "Mara Lind"));
    b.add_mention(omar, s0, span_of(t, "Omar Test"));
    ClaimDraft said;
    said.speaker = mara;
    said.speaker_text = "Mara Lind";
    said.cue = "say";
    said.content = span_of(t, "Omar Test lied");
    said.sentence = s0;
    b.add_claim(said);
    return b.finish();
}

class ClaimRecordsTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_audit = m_store.add(audit_story()).article_id;
        m_quarrel = m_store.add(quarrel_story()).article_id;
    }
    Store m_store{":memory:"};
    std::int64_t m_audit = 0;
    std::int64_t m_quarrel = 0;
};

std::vector<std::string> contents(const FactRecords& r) {
    std::vector<std::string> out;
    for (const auto& c : r.claims) out.push_back(c.content);
    return out;
}

}  // namespace

TEST_F(ClaimRecordsTest, AllFactsWithProvenanceInArticleOrder) {
    FactRecords r = fact_records(m_store, {});
    ASSERT_EQ(contents(r), (std::vector<std::string>{"Kestrel is based in Zürich", "it.", "to comment", "Omar Test lied"}));
    const ClaimRecord& said = r.claims[0];
    ASSERT_TRUE(said.speaker);
    EXPECT_EQ(said.speaker->name, "Helena Voss");
    ASSERT_EQ(said.about.size(), 2u);
    EXPECT_EQ(said.about[0].name, "Kestrel");  // by name
    EXPECT_EQ(said.about[1].name, "Zürich");
    EXPECT_EQ(said.source.article_id, m_audit);
    EXPECT_EQ(said.source.sentence, 0);
    EXPECT_EQ(said.source.sentence_text, "Helena Voss said Kestrel is based in Zürich.");
    EXPECT_EQ(said.source.span.start, 17u);  // code points
    EXPECT_EQ(said.source.span.end, 43u);
    EXPECT_FALSE(r.claims[2].speaker);
    EXPECT_EQ(r.claims[2].speaker_text, "A spokesperson");
    EXPECT_EQ(r.claims[2].stance, Stance::Decline);

    ASSERT_EQ(r.relations.size(), 1u);
    EXPECT_EQ(r.relations[0].subject.name, "Kestrel");
    EXPECT_EQ(r.relations[0].object.name, "Zürich");
    EXPECT_EQ(r.relations[0].asserted_by, "Helena Voss");
    EXPECT_EQ(r.relations[0].claim_id, said.id);

    ASSERT_EQ(r.roles.size(), 1u);
    EXPECT_EQ(r.roles[0].title, "auditor");
    ASSERT_TRUE(r.roles[0].organization);
    EXPECT_EQ(r.roles[0].organization->name, "Kestrel");

    ASSERT_EQ(r.articles.size(), 2u);
    const ArticleRef* audit = r.article(m_audit);
    ASSERT_NE(audit, nullptr);
    EXPECT_EQ(audit->outlet, "Lisbon Post");
    EXPECT_EQ(audit->ext_id, "audit");
    EXPECT_EQ(r.article(9999), nullptr);
}

TEST_F(ClaimRecordsTest, ArticleAndDateFilters) {
    GraphQuery since;
    since.since = "2024-04-01";
    EXPECT_EQ(contents(fact_records(m_store, since)), std::vector<std::string>{"Omar Test lied"});
    GraphQuery one;
    one.article = m_audit;
    FactRecords r = fact_records(m_store, one);
    EXPECT_EQ(r.claims.size(), 3u);
    EXPECT_EQ(r.relations.size(), 1u);
    EXPECT_EQ(r.articles.size(), 1u);
}

TEST_F(ClaimRecordsTest, KindFilters) {
    GraphQuery claims_only;
    claims_only.relations = false;
    EXPECT_TRUE(fact_records(m_store, claims_only).relations.empty());
    GraphQuery relations_only;
    relations_only.claims = false;
    FactRecords r = fact_records(m_store, relations_only);
    EXPECT_TRUE(r.claims.empty());
    EXPECT_EQ(r.relations.size(), 1u);
}

TEST_F(ClaimRecordsTest, FocusKeepsOnlyFactsBehindTheGraph) {
    GraphQuery q;
    q.focus = "Helena Voss";
    FactRecords r = fact_records(m_store, q);
    // Kestrel's denial is about no actor, and Kestrel is in the graph: kept. The unnamed source
    // and the unrelated quarrel are not.
    EXPECT_EQ(contents(r), (std::vector<std::string>{"Kestrel is based in Zürich", "it."}));
    EXPECT_EQ(r.relations.size(), 1u);
    EXPECT_EQ(r.articles.size(), 1u);
}

TEST_F(ClaimRecordsTest, TypeFilterFollowsTheGraphEdges) {
    GraphQuery q;
    q.type = ActorType::Person;
    FactRecords r = fact_records(m_store, q);
    EXPECT_EQ(contents(r), std::vector<std::string>{"Omar Test lied"});
    EXPECT_TRUE(r.relations.empty());
    EXPECT_TRUE(r.roles.empty());  // Helena is not in the selection
}

TEST_F(ClaimRecordsTest, UnknownFocusIsNotFound) {
    GraphQuery q;
    q.focus = "Nobody Atall";
    EXPECT_THROW(fact_records(m_store, q), NotFoundError);
}
