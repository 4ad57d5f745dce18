// Relations read off the parse, one family of patterns per test, on sentences written for them.
#include <gtest/gtest.h>

#include "extractor_test_support.hpp"

using namespace factgraph;

namespace {

Extraction run(const std::string& body) { return factgraph::testing::extract_text(body); }

std::string name_of(const Extraction& e, const std::string& id) {
    const Actor* a = e.find_actor(id);
    return a ? a->name : "?";
}

/** "subject | predicate | object" of every relation, to compare whole lists in one message. */
std::vector<std::string> triples(const Extraction& e) {
    std::vector<std::string> out;
    for (const auto& r : e.relations)
        out.push_back(name_of(e, r.subject) + " | " + r.predicate + " | " + name_of(e, r.object));
    return out;
}

const Relation* find(const Extraction& e, const std::string& subject, const std::string& predicate,
                     const std::string& object) {
    for (const auto& r : e.relations)
        if (name_of(e, r.subject) == subject && r.predicate == predicate && name_of(e, r.object) == object) return &r;
    return nullptr;
}

#define EXPECT_RELATION(e, s, p, o) EXPECT_NE(find(e, s, p, o), nullptr) << ::testing::PrintToString(triples(e))

}  // namespace

TEST(RelationPatterns, ActiveVerbWithPhrasalParticle) {
    auto e = factgraph::testing::extract_parsed("Orion Bank cut off Kestrel Systems in May.", R"(
Orion    Orion   PROPN NNP  2 compound     B-ORG
Bank     Bank    PROPN NNP  3 nsubj        I-ORG
cut      cut     VERB  VBD  0 root         O
off      off     ADP   RP   3 compound:prt O
Kestrel  Kestrel PROPN NNP  6 compound     B-ORG
Systems  System  PROPN NNPS 3 obj          I-ORG
in       in      ADP   IN   8 case         O
May      May     PROPN NNP  3 obl          O
.        .       PUNCT .    3 punct        O
)");
    EXPECT_RELATION(e, "Orion Bank", "cut off", "Kestrel Systems");
    const Relation* r = find(e, "Orion Bank", "cut off", "Kestrel Systems");
    ASSERT_NE(r, nullptr);
    EXPECT_FALSE(r->claim) << "the outlet states it itself";
    EXPECT_FALSE(r->negated);
    EXPECT_EQ(e.article.text.substr(r->provenance.span.start, r->provenance.span.end - r->provenance.span.start),
              "Orion Bank cut off Kestrel Systems");
}

TEST(RelationPatterns, PassiveAgentBecomesTheSubject) {
    auto e = run("Lumen Labs was hired by Kestrel Systems last year.");
    EXPECT_RELATION(e, "Kestrel Systems", "hire", "Lumen Labs");
    EXPECT_EQ(find(e, "Kestrel Systems", "hire", "Lumen Labs")->type, "employs");
    EXPECT_EQ(find(e, "Lumen Labs", "hire", "Kestrel Systems"), nullptr);
}

TEST(RelationPatterns, ParticipleOnAProductNoun) {
    auto e = run("Investigators examined the Corvalin spyware made by Kestrel Systems.");
    EXPECT_RELATION(e, "Kestrel Systems", "make", "Corvalin");
    EXPECT_EQ(find(e, "Kestrel Systems", "make", "Corvalin")->type, "makes");
}

TEST(RelationPatterns, RelativeClauseSubjectIsTheNounItModifies) {
    auto e = factgraph::testing::extract_parsed("Orion Bank, which financed Kestrel Systems, is headquartered in Geneva.", R"(
Orion         Orion        PROPN NNP   2 compound   B-ORG
Bank          Bank         PROPN NNP  10 nsubj:pass I-ORG
,             ,            PUNCT ,     5 punct      O
which         which        PRON  WDT   5 nsubj      O
financed      finance      VERB  VBD   2 acl:relcl  O
Kestrel       Kestrel      PROPN NNP   7 compound   B-ORG
Systems       System       PROPN NNPS  5 obj        I-ORG
,             ,            PUNCT ,     5 punct      O
is            be           AUX   VBZ  10 aux:pass   O
headquartered headquarter  VERB  VBN   0 root       O
in            in           ADP   IN   12 case       O
Geneva        Geneva       PROPN NNP  10 obl        B-LOC
.             .            PUNCT .    10 punct      O
)");
    EXPECT_RELATION(e, "Orion Bank", "finance", "Kestrel Systems");
    EXPECT_RELATION(e, "Orion Bank", "headquartered in", "Geneva");
}

TEST(RelationPatterns, PlaceModifiersAndAppositions) {
    auto e = run("The Tallinn-based firm Kestrel Systems hired Lumen Labs.");
    EXPECT_RELATION(e, "Kestrel Systems", "based in", "Tallinn");
    EXPECT_EQ(find(e, "Kestrel Systems", "based in", "Tallinn")->type, "based_in");
    // The parse and entities are given: the pattern is under test, not the models of the day.
    auto f = factgraph::testing::extract_parsed("Lumen Labs, a cybersecurity firm based in Riga, declined to comment.", R"(
Lumen         Lumen         PROPN NNP   2 compound B-ORG
Labs          Labs          PROPN NNPS 11 nsubj    I-ORG
,             ,             PUNCT ,     6 punct    O
a             a             DET   DT    6 det      O
cybersecurity cybersecurity NOUN  NN    6 compound O
firm          firm          NOUN  NN    2 appos    O
based         base          VERB  VBN   6 acl      O
in            in            ADP   IN    9 case     O
Riga          Riga          PROPN NNP   7 obl      B-LOC
,             ,             PUNCT ,     6 punct    O
declined      decline       VERB  VBD   0 root     O
to            to            PART  TO   13 mark     O
comment       comment       VERB  VB   11 xcomp    O
.             .             PUNCT .    11 punct    O
)");
    EXPECT_RELATION(f, "Lumen Labs", "based in", "Riga");
}

TEST(RelationPatterns, NominalForms) {
    auto e = factgraph::testing::extract_parsed("Regulators approved Solano Shipping Group's takeover of Maris Freight on Monday.", R"(
Regulators Regulator NOUN  NNS  2 nsubj     O
approved   approve   VERB  VBD  0 root      O
Solano     Solano    PROPN NNP  5 compound  B-ORG
Shipping   Shipping  PROPN NNP  5 compound  I-ORG
Group      Group     PROPN NNP  7 nmod:poss I-ORG
's         's        PART  POS  5 case      O
takeover   takeover  NOUN  NN   2 obj       O
of         of        ADP   IN   9 case      O
Maris      Maris     PROPN NNP  7 nmod      B-ORG
Freight    Freight   PROPN NNP  9 flat      I-ORG
on         on        ADP   IN  12 case      O
Monday     Monday    PROPN NNP  2 obl       O
.          .         PUNCT .    2 punct     O
)");
    EXPECT_RELATION(e, "Solano Shipping Group", "take over", "Maris Freight");
    auto f = factgraph::testing::extract_parsed("Lawyers studied Kestrel Systems' Corvalin spyware.", R"(
Lawyers  lawyer   NOUN  NNS  2 nsubj     O
studied  study    VERB  VBD  0 root      O
Kestrel  Kestrel  PROPN NNP  4 compound  B-ORG
Systems  Systems  PROPN NNPS 7 nmod:poss I-ORG
'        '        PART  POS  4 case      O
Corvalin Corvalin PROPN NNP  7 compound  O
spyware  spyware  NOUN  NN   2 obj       O
.        .        PUNCT .    2 punct     O
)");
    EXPECT_RELATION(f, "Kestrel Systems", "make", "Corvalin");
}

TEST(RelationPatterns, TitlesBecomeRolesAndRelations) {
    auto e = run("German Chancellor Greta Lindqvist met Lukas Brenner in Lisbon.");
    EXPECT_RELATION(e, "Greta Lindqvist", "chancellor of", "Germany");
    EXPECT_EQ(find(e, "Greta Lindqvist", "chancellor of", "Germany")->type, "leads");
    const Actor* person = nullptr;
    for (const auto& a : e.actors)
        if (a.name == "Greta Lindqvist") person = &a;
    ASSERT_NE(person, nullptr);
    ASSERT_EQ(person->roles.size(), 1u);
    EXPECT_EQ(person->roles[0].title, "chancellor");
    EXPECT_EQ(name_of(e, person->roles[0].organization), "Germany");

    auto f = run("Helena Voss, chief executive of Kestrel Systems, resigned on Friday.");
    EXPECT_RELATION(f, "Helena Voss", "chief executive of", "Kestrel Systems");

    auto h = run("Investigators met Kestrel Systems' chief executive, Helena Voss, on Monday.");
    EXPECT_RELATION(h, "Helena Voss", "chief executive of", "Kestrel Systems");
    auto i = run("Orion Bank is based in Geneva. Its spokesman, Daniel Reyes, declined to comment.");
    EXPECT_RELATION(i, "Daniel Reyes", "spokesman of", "Orion Bank");
    EXPECT_EQ(find(i, "Daniel Reyes", "spokesman of", "Orion Bank")->type, "employed_by");

    auto g = run("Daniel Osei, a former adviser to Prime Minister Lukas Brenner, resigned.");
    const Relation* adviser = find(g, "Daniel Osei", "adviser to", "Lukas Brenner");
    ASSERT_NE(adviser, nullptr) << ::testing::PrintToString(triples(g));
    EXPECT_EQ(adviser->modality, "former");
}

TEST(RelationPatterns, MembershipNounsAndHedges) {
    auto e = run("Morland is reported to be among Kestrel Systems clients.");
    const Relation* r = find(e, "Morland", "client of", "Kestrel Systems");
    ASSERT_NE(r, nullptr) << ::testing::PrintToString(triples(e));
    EXPECT_EQ(r->type, "client_of");
    EXPECT_EQ(r->modality, "reportedly");
    auto f = factgraph::testing::extract_parsed("Lumen Labs is a subsidiary of Kestrel Systems.", R"(
Lumen      Lumen      PROPN NNP  2 compound B-ORG
Labs       Labs       PROPN NNPS 5 nsubj    I-ORG
is         be         AUX   VBZ  5 cop      O
a          a          DET   DT   5 det      O
subsidiary subsidiary NOUN  NN   0 root     O
of         of         ADP   IN   8 case     O
Kestrel    Kestrel    PROPN NNP  8 compound B-ORG
Systems    Systems    PROPN NNPS 5 nmod     I-ORG
.          .          PUNCT .    5 punct    O
)");
    EXPECT_RELATION(f, "Lumen Labs", "subsidiary of", "Kestrel Systems");
}

TEST(RelationPatterns, NegationAndModalityAreKept) {
    auto e = factgraph::testing::extract_parsed("Kestrel Systems did not pay Orion Bank.", R"(
Kestrel Kestrel PROPN NNP  2 compound B-ORG
Systems System  PROPN NNPS 5 nsubj    I-ORG
did     do      AUX   VBD  5 aux      O
not     not     PART  RB   5 advmod   O
pay     pay     VERB  VB   0 root     O
Orion   Orion   PROPN NNP  7 compound B-ORG
Bank    Bank    PROPN NNP  5 obj      I-ORG
.       .       PUNCT .    5 punct    O
)");
    const Relation* r = find(e, "Kestrel Systems", "pay", "Orion Bank");
    ASSERT_NE(r, nullptr) << ::testing::PrintToString(triples(e));
    EXPECT_TRUE(r->negated);
    auto f = factgraph::testing::extract_parsed("Investigators say Kestrel Systems may have hosted Lumen Labs servers.", R"(
Investigators investigator NOUN  NNS  2 nsubj    O
say           say          VERB  VBP  0 root     O
Kestrel       Kestrel      PROPN NNP  4 compound B-ORG
Systems       Systems      PROPN NNPS 7 nsubj    I-ORG
may           may          AUX   MD   7 aux      O
have          have         AUX   VB   7 aux      O
hosted        host         VERB  VBN  2 ccomp    O
Lumen         Lumen        PROPN NNP  9 compound B-ORG
Labs          Labs         PROPN NNPS 10 compound I-ORG
servers       server       NOUN  NNS  7 obj      O
.             .            PUNCT .    2 punct    O
)");
    const Relation* m = find(f, "Kestrel Systems", "host", "Lumen Labs");
    ASSERT_NE(m, nullptr) << ::testing::PrintToString(triples(f));
    EXPECT_EQ(m->modality, "may");
    EXPECT_FALSE(m->negated);
}

TEST(RelationPatterns, ARelationInsideAClaimIsTheSpeakers) {
    auto e = factgraph::testing::extract_parsed("Amnesty International said Kestrel Systems hosted Lumen Labs servers.", R"(
Amnesty       Amnesty       PROPN NNP  2 compound B-ORG
International International PROPN NNP  3 nsubj    I-ORG
said          say           VERB  VBD  0 root     O
Kestrel       Kestrel       PROPN NNP  5 compound B-ORG
Systems       Systems       PROPN NNPS 6 nsubj    I-ORG
hosted        host          VERB  VBD  3 ccomp    O
Lumen         Lumen         PROPN NNP  8 compound B-ORG
Labs          Labs          PROPN NNPS 9 compound I-ORG
servers       server        NOUN  NNS  6 obj      O
.             .             PUNCT .    3 punct    O
)");
    const Relation* r = find(e, "Kestrel Systems", "host", "Lumen Labs");
    ASSERT_NE(r, nullptr) << ::testing::PrintToString(triples(e));
    ASSERT_TRUE(r->claim);
    const Claim* claim = nullptr;
    for (const auto& c : e.claims)
        if (c.id == *r->claim) claim = &c;
    ASSERT_NE(claim, nullptr);
    ASSERT_TRUE(claim->speaker);
    EXPECT_EQ(name_of(e, *claim->speaker), "Amnesty International");
}

TEST(RelationPatterns, PronounSubjectsResolveToTheNearestFittingActor) {
    auto e = run("Orion Bank said it cut off Kestrel Systems.");
    EXPECT_RELATION(e, "Orion Bank", "cut off", "Kestrel Systems");
}

TEST(RelationPatterns, ReportedSpeechAndUnrelatedNamesMakeNoRelation) {
    auto e = run("Helena Voss said the deal with Lisbon was sound. Orion Bank's clients met in Geneva.");
    EXPECT_TRUE(e.relations.empty()) << ::testing::PrintToString(triples(e));
}
