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
    ClaimDraft d;
    d.speaker_text = "Voss";
    d.cue = "say";
    d.content = span_of(s.text, "Lisbon is next.");
    d.sentence = 0;
    s.builder.add_claim(d);
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
