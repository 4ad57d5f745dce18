// Actors named by description: groups and national institutions, on sentences written for them.
#include <gtest/gtest.h>

#include <algorithm>

#include "extractor_test_support.hpp"

using namespace factgraph;

namespace {

Extraction run(const std::string& body) { return factgraph::testing::extract_text(body); }

const Actor* actor_named(const Extraction& e, const std::string& name) {
    for (const auto& a : e.actors)
        if (a.name == name) return &a;
    return nullptr;
}

std::vector<std::string> names(const Extraction& e) {
    std::vector<std::string> out;
    for (const auto& a : e.actors) out.push_back(a.name + " (" + std::string(to_string(a.type)) + ")");
    return out;
}

bool has_alias(const Actor& a, const std::string& alias) {
    return std::find(a.aliases.begin(), a.aliases.end(), alias) != a.aliases.end();
}

/** The speaker actor's name of the claim whose content starts with `content`. */
std::string speaker_of(const Extraction& e, const std::string& content) {
    for (const auto& c : e.claims) {
        if (c.content.rfind(content, 0) != 0) continue;
        if (!c.speaker) return "(unresolved: " + c.speaker_text + ")";
        const Actor* a = e.find_actor(*c.speaker);
        return a ? a->name : "?";
    }
    return "(no claim)";
}

}  // namespace

TEST(DescriptorNames, GroupIntroducedByItsDescriptionSpeaksLater) {
    auto e = run("The Tribune joined an international reporting coalition that studied the contracts. "
                 "The coalition said the contracts had been backdated. "
                 "Coalition members said the ministry never answered their questions.");
    const Actor* g = actor_named(e, "international reporting coalition");
    ASSERT_NE(g, nullptr) << ::testing::PrintToString(names(e));
    EXPECT_EQ(g->type, ActorType::Group);
    EXPECT_TRUE(has_alias(*g, "coalition")) << ::testing::PrintToString(g->aliases);
    EXPECT_TRUE(has_alias(*g, "Coalition members")) << ::testing::PrintToString(g->aliases);
    EXPECT_EQ(speaker_of(e, "the contracts had been backdated"), "international reporting coalition");
    EXPECT_EQ(speaker_of(e, "the ministry never answered"), "international reporting coalition");
}

TEST(DescriptorNames, MembersOfTheGroupSpeakForIt) {
    auto e = run("Dozens of unions formed a regional labour federation in March. "
                 "The members of the federation said wages had not kept up with prices.");
    const Actor* g = actor_named(e, "regional labour federation");
    ASSERT_NE(g, nullptr) << ::testing::PrintToString(names(e));
    EXPECT_EQ(speaker_of(e, "wages had not kept up"), "regional labour federation");
}

TEST(DescriptorNames, BareDefiniteReferenceWithoutAntecedentNamesNothing) {
    auto e = run("The coalition said the vote had been fair.");
    for (const auto& a : e.actors) EXPECT_NE(a.type, ActorType::Group) << a.name;
    EXPECT_EQ(speaker_of(e, "the vote had been fair"), "(unresolved: The coalition)");
}

TEST(DescriptorNames, DemonymInstitutionIsAnOrganisationWithoutVagueWords) {
    auto e = run("Investigators traced the payments to an unnamed Peruvian intelligence agency. "
                 "The agency did not respond to questions.");
    const Actor* a = actor_named(e, "Peruvian intelligence agency");
    ASSERT_NE(a, nullptr) << ::testing::PrintToString(names(e));
    EXPECT_EQ(a->type, ActorType::Organization);
    EXPECT_EQ(a->mentions.size(), 2u) << "the later 'the agency' is the same actor";
}

TEST(DescriptorNames, InstitutionWithoutDemonymOrInsideANameIsLeftAlone) {
    auto e = run("The agency raised interest rates. Kestrel Systems hired a security service.");
    EXPECT_EQ(actor_named(e, "security service"), nullptr) << ::testing::PrintToString(names(e));
    EXPECT_EQ(actor_named(e, "agency"), nullptr) << ::testing::PrintToString(names(e));
}
