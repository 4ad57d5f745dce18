#include <gtest/gtest.h>

#include "factgraph/importers/extractor.hpp"

using namespace factgraph;

namespace {

Extraction run(const std::string& body) {
    Article a;
    a.source = "test.txt";
    a.text = body;
    return importers::make_rule_extractor()->extract(a);
}

const Actor* actor_named(const Extraction& e, const std::string& name) {
    for (const auto& a : e.actors)
        if (a.name == name) return &a;
    return nullptr;
}

std::string speaker_name(const Extraction& e, const Claim& c) {
    if (!c.speaker) return "";
    return e.find_actor(*c.speaker)->name;
}

}  // namespace

TEST(RuleExtractor, IndirectSpeechWithNamedSpeaker) {
    auto e = run("The regulator fined Kestrel Systems on Monday. Later, Kestrel Systems said it would appeal the fine.");
    ASSERT_EQ(e.claims.size(), 1u);
    EXPECT_EQ(speaker_name(e, e.claims[0]), "Kestrel Systems");
    EXPECT_EQ(e.claims[0].cue, "say");
    EXPECT_EQ(e.claims[0].content, "it would appeal the fine");
    EXPECT_FALSE(e.claims[0].direct);
}

TEST(RuleExtractor, DirectQuoteWithPronounSpeakerResolvesToTheOrganisation) {
    auto e = run("Reporters contacted Lumen Labs on Friday.\n\n“We have nothing to hide,” it said in a statement.");
    ASSERT_EQ(e.claims.size(), 1u);
    EXPECT_TRUE(e.claims[0].direct);
    EXPECT_EQ(e.claims[0].content, "We have nothing to hide");
    EXPECT_EQ(speaker_name(e, e.claims[0]), "Lumen Labs");
}

TEST(RuleExtractor, SpeakerAfterTheQuote) {
    auto e = run("“The audit is over,” said Helena Voss, the company's chief.");
    ASSERT_EQ(e.claims.size(), 1u);
    EXPECT_EQ(e.claims[0].speaker_text, "Helena Voss");
    EXPECT_EQ(e.claims[0].content, "The audit is over");
}

TEST(RuleExtractor, AccordingToAndDenialStance) {
    auto e = run("The ships were sold in March, according to the Lisbon Post. Solano Shipping denied that it sold them.");
    ASSERT_EQ(e.claims.size(), 2u);
    EXPECT_EQ(e.claims[0].cue, "according to");
    EXPECT_EQ(e.claims[0].content, "The ships were sold in March");
    EXPECT_EQ(e.claims[1].stance, Stance::Deny);
    EXPECT_EQ(e.claims[1].content, "it sold them");
}

TEST(RuleExtractor, NeitherConfirmedNorDeniedIsADecline) {
    auto e = run("Asked by reporters, Corvalin neither confirmed nor denied whether it had closed the accounts.");
    ASSERT_EQ(e.claims.size(), 1u);
    EXPECT_EQ(e.claims[0].stance, Stance::Decline);
    EXPECT_EQ(e.claims[0].content, "whether it had closed the accounts");
}

TEST(RuleExtractor, NestedAttributionRecordsTheReporter) {
    auto e = run("The Lisbon Post quoted Kestrel Systems as saying the deal was legal.");
    ASSERT_EQ(e.claims.size(), 1u);
    EXPECT_EQ(speaker_name(e, e.claims[0]), "Kestrel Systems");
    ASSERT_TRUE(e.claims[0].reported_by);
    EXPECT_EQ(e.find_actor(*e.claims[0].reported_by)->name, "Lisbon Post");
}

TEST(RuleExtractor, SurnamesAndShortFormsJoinTheFullName) {
    auto e = run("President Daniel Brandt met Kestrel Systems. Brandt said Kestrel was welcome.");
    const Actor* brandt = actor_named(e, "Daniel Brandt");
    ASSERT_NE(brandt, nullptr);
    EXPECT_EQ(brandt->type, ActorType::Person);
    EXPECT_EQ(brandt->mentions.size(), 2u);
    const Actor* kestrel = actor_named(e, "Kestrel Systems");
    ASSERT_NE(kestrel, nullptr);
    EXPECT_EQ(kestrel->mentions.size(), 2u);
    ASSERT_EQ(e.claims.size(), 1u);
    EXPECT_EQ(e.claims[0].about, std::vector<std::string>{kestrel->id});
}

TEST(RuleExtractor, NeverInventsASpeaker) {
    auto e = run("The weather was fine. It rained later.");
    EXPECT_TRUE(e.claims.empty());
}

TEST(RuleExtractor, OutputAlwaysValidates) {
    auto e = run("“Open quote that never closes, said nobody\n\nNext paragraph.");
    EXPECT_NO_THROW(validate(e));
}
