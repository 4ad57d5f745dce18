// The builder turns byte offsets into code points and keeps provenance for every fact; these
// tests cover claims that run over several fragments of one quotation.
#include "factgraph/core/extraction_builder.hpp"

#include <gtest/gtest.h>

#include "factgraph/core/error.hpp"

using namespace factgraph;

namespace {

ByteSpan span_of(const std::string& body, const std::string& needle) {
    std::size_t at = body.find(needle);
    EXPECT_NE(at, std::string::npos) << needle;
    return {at, at + needle.size()};
}

Article article(const std::string& text) {
    Article a;
    a.id = "q";
    a.text = text;
    return a;
}

// A quotation in two fragments with the attribution frame between them.
struct QuoteStory {
    std::string text = "\u201CZürich is ready,\u201D Voss said of Kestrel. \u201CLisbon is next.\u201D";
    ExtractionBuilder builder{article(text), "test"};
    std::string voss, kestrel, lisbon, claim;

    // A second, unquoted claim by Voss with this content (claim c2).
    std::string add_claim_by_voss(const std::string& content) {
        ClaimDraft d;
        d.speaker_text = "Voss";
        d.cue = "say";
        d.content = span_of(text, content);
        d.sentence = 0;
        return builder.add_claim(d);
    }

    QuoteStory() {
        int s0 = builder.add_sentence({0, text.size()});
        voss = builder.actor("Voss", ActorType::Person);
        kestrel = builder.actor("Kestrel", ActorType::Organization);
        lisbon = builder.actor("Lisbon", ActorType::Location);
        builder.add_mention(voss, s0, span_of(text, "Voss"));
        builder.add_mention(kestrel, s0, span_of(text, "Kestrel"));
        builder.add_mention(lisbon, s0, span_of(text, "Lisbon"));
        ClaimDraft d;
        d.speaker = voss;
        d.speaker_text = "Voss";
        d.cue = "say";
        d.direct = true;
        d.content = span_of(text, "Zürich is ready");
        d.sentence = s0;
        claim = builder.add_claim(d);
    }
};

}  // namespace

TEST(ExtractionBuilder, ExtendedClaimJoinsItsFragmentsAndSpansThem) {
    QuoteStory s;
    s.builder.extend_claim(s.claim, span_of(s.text, "Lisbon is next."));
    const Claim& c = s.builder.current().claims.at(0);
    EXPECT_EQ(c.content, "Zürich is ready \u2026 Lisbon is next.");
    EXPECT_EQ(c.provenance.span.start, 1u);   // after the opening mark
    EXPECT_EQ(c.provenance.span.end, 57u);    // code points, not bytes: "ü" and the marks are one each
    EXPECT_EQ(c.about, std::vector<std::string>{s.lisbon});  // Kestrel is named in the frame only
}

TEST(ExtractionBuilder, TheFrameBetweenFragmentsIsNotCoveredByTheClaim) {
    QuoteStory s;
    s.builder.extend_claim(s.claim, span_of(s.text, "Lisbon is next."));
    EXPECT_FALSE(s.builder.claim_covering(span_of(s.text, "Voss said of Kestrel")));
    EXPECT_EQ(s.builder.claim_covering(span_of(s.text, "Lisbon is next")), s.claim);
    EXPECT_EQ(s.builder.claim_covering(span_of(s.text, "Zürich")), s.claim);
}

TEST(ExtractionBuilder, ExtendingRejectsUnknownClaimsAndFragmentsOutOfOrder) {
    QuoteStory s;
    EXPECT_THROW(s.builder.extend_claim("c9", span_of(s.text, "Lisbon is next.")), ValidationError);
    EXPECT_THROW(s.builder.extend_claim(s.claim, span_of(s.text, "Zürich")), ValidationError);
    EXPECT_NO_THROW(s.builder.finish());
}

TEST(ExtractionBuilder, DroppedClaimsLeaveTheRestNumberedInOrder) {
    QuoteStory s;
    s.add_claim_by_voss("Lisbon is next.");
    s.builder.extend_claim(s.claim, span_of(s.text, "Lisbon is next."));
    s.builder.drop_claims({s.claim});
    const auto& claims = s.builder.current().claims;
    ASSERT_EQ(claims.size(), 1u);
    EXPECT_EQ(claims[0].id, "c1");
    EXPECT_EQ(claims[0].content, "Lisbon is next.");
    EXPECT_NO_THROW(s.builder.finish());
}

TEST(ExtractionBuilder, ClaimsCannotBeDroppedOnceARelationNamesOne) {
    QuoteStory s;
    RelationDraft r;
    r.subject = s.voss;
    r.predicate = "visit";
    r.object = s.lisbon;
    r.claim = s.claim;
    r.evidence = span_of(s.text, "Lisbon is next");
    r.sentence = 0;
    s.builder.add_relation(r);
    EXPECT_THROW(s.builder.drop_claims({s.claim}), ValidationError);
}

TEST(ExtractionBuilder, AboutListsTheActorsNamedInsideTheContentInIdOrderButNotTheSpeaker) {
    const std::string text = "Voss said Lisbon and Kestrel met Voss in Porto.";
    ExtractionBuilder builder(article(text), "test");
    const int s0 = builder.add_sentence({0, text.size()});
    const std::string voss = builder.actor("Voss", ActorType::Person);
    const std::string kestrel = builder.actor("Kestrel", ActorType::Organization);
    const std::string lisbon = builder.actor("Lisbon", ActorType::Location);
    const std::string porto = builder.actor("Porto", ActorType::Location);
    builder.add_mention(voss, s0, {0, 4});
    builder.add_mention(voss, s0, {33, 37});
    builder.add_mention(lisbon, s0, span_of(text, "Lisbon"));
    builder.add_mention(lisbon, s0, span_of(text, "Lisbon"));  // the same mention again: kept once
    builder.add_mention(kestrel, s0, span_of(text, "Kestrel"));
    builder.add_mention(porto, s0, span_of(text, "Porto"));
    ClaimDraft d;
    d.speaker = voss;
    d.speaker_text = "Voss";
    d.cue = "say";
    d.content = span_of(text, "Lisbon and Kestrel met Voss in Port");  // Porto reaches past the end
    d.sentence = s0;
    builder.add_claim(d);
    const Extraction& e = builder.current();
    EXPECT_EQ(e.claims.at(0).about, (std::vector<std::string>{kestrel, lisbon}));
    EXPECT_EQ(e.find_actor(lisbon)->mentions.size(), 1u);
    EXPECT_EQ(e.find_actor(porto)->name, "Porto");
    EXPECT_EQ(e.find_actor("a9"), nullptr);
    EXPECT_NO_THROW(builder.finish());
}

TEST(ExtractionBuilder, UnknownActorAndClaimIdsAreRejected) {
    QuoteStory s;
    for (const char* id : {"a0", "a9", "a", "b1", "a1x", "A1", "a01"})
        EXPECT_THROW(s.builder.add_mention(id, 0, span_of(s.text, "Voss")), ValidationError) << id;
    for (const char* id : {"c0", "c2", "c", "a1", "c1 "})
        EXPECT_THROW(s.builder.extend_claim(id, span_of(s.text, "Lisbon is next.")), ValidationError) << id;
}

TEST(ExtractionBuilder, ClaimsNumberedAgainAfterADropAreFoundByTheirNewIds) {
    QuoteStory s;
    s.add_claim_by_voss("Voss said");  // c2
    s.builder.drop_claims({s.claim});
    // the claim that was c2 is c1 now, and extends as c1
    s.builder.extend_claim("c1", span_of(s.text, "Lisbon is next."));
    EXPECT_EQ(s.builder.current().claims.at(0).content, "Voss said \u2026 Lisbon is next.");
    EXPECT_THROW(s.builder.extend_claim("c2", span_of(s.text, "next.")), ValidationError);
}
