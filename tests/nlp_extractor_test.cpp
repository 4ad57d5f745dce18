#include <gtest/gtest.h>

#include "factgraph/core/error.hpp"
#include "extractor_test_support.hpp"
#include "factgraph/importers/extractor.hpp"

using namespace factgraph;

namespace {

const std::string kData = std::string(FACTGRAPH_SOURCE_DIR) + "/data";

Extraction run(const std::string& body) { return factgraph::testing::extract_text(body); }

const Actor* actor_named(const Extraction& e, const std::string& name) {
    for (const auto& a : e.actors)
        if (a.name == name) return &a;
    return nullptr;
}

}  // namespace

TEST(NlpExtractor, EntitiesBecomeTypedActors) {
    auto e = run("German Chancellor Greta Lindqvist met officials of the World Health Organization in Lisbon on Tuesday.");
    const Actor* person = actor_named(e, "Greta Lindqvist");
    ASSERT_NE(person, nullptr);
    EXPECT_EQ(person->type, ActorType::Person);
    const Actor* place = actor_named(e, "Lisbon");
    ASSERT_NE(place, nullptr);
    EXPECT_EQ(place->type, ActorType::Location);
    const Actor* org = actor_named(e, "World Health Organization");
    ASSERT_NE(org, nullptr);
    EXPECT_EQ(org->type, ActorType::Organization);
}

TEST(NlpExtractor, ANameBeforeAProductNounIsAProduct) {
    auto e = run("Investigators said the Corvalin spyware had been sold to three governments.");
    const Actor* product = actor_named(e, "Corvalin");
    ASSERT_NE(product, nullptr);
    EXPECT_EQ(product->type, ActorType::Product);
}

TEST(NlpExtractor, ClaimsUseTheRecognisedSpeaker) {
    auto e = run("Greta Lindqvist said the inquiry into Solano Shipping would finish in May.");
    ASSERT_EQ(e.claims.size(), 1u);
    ASSERT_TRUE(e.claims[0].speaker);
    EXPECT_EQ(e.find_actor(*e.claims[0].speaker)->name, "Greta Lindqvist");
    EXPECT_EQ(e.claims[0].content, "the inquiry into Solano Shipping would finish in May");
}

TEST(NlpExtractor, MissingModelsAreAClearError) {
    try {
        importers::make_nlp_extractor("/nonexistent/factgraph-data");
        FAIL() << "expected ModelError";
    } catch (const ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/factgraph-data/models/"), std::string::npos);
    }
}

TEST(NlpExtractor, UnknownExtractorNameIsAUsageError) {
    EXPECT_THROW(importers::make_extractor("magic", kData), UsageError);
}
