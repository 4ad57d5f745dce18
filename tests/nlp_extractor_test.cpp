#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"
#include "extractor_test_support.hpp"
#include "factgraph/importers/extractor.hpp"
#include "reader_test_support.hpp"

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

TEST(NlpExtractor, AStateAbbreviationIsTheStateItNames) {
    auto e = run("Police in Tulsa, Okla., said the man was unarmed. Lawmakers in Oklahoma disagreed.");
    const Actor* state = actor_named(e, "Oklahoma");
    ASSERT_NE(state, nullptr);
    EXPECT_EQ(state->type, ActorType::Location);
    EXPECT_EQ(state->mentions.size(), 2u);
    EXPECT_EQ(actor_named(e, "Okla."), nullptr);
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

TEST(NlpExtractor, AGivenParseIsReadAsGivenAndOnlyTheNlpExtractorTakesOne) {
    // The parse decides: with "Group" given as the head of the subject, the relation follows it.
    const std::string body = "Kestrel Group hired Lumen Labs.";
    const std::string parse = R"(
Kestrel Kestrel PROPN NNP 2 compound B-ORG
Group   Group   PROPN NNP 3 nsubj    I-ORG
hired   hire    VERB  VBD 0 root     O
Lumen   Lumen   PROPN NNP 5 compound B-ORG
Labs    Labs    PROPN NNP 3 obj      I-ORG
.       .       PUNCT .   3 punct    O
)";
    const Extraction e = factgraph::testing::extract_parsed(body, parse);
    ASSERT_EQ(e.relations.size(), 1u);
    EXPECT_EQ(e.find_actor(e.relations[0].subject)->name, "Kestrel Group");
    EXPECT_EQ(e.find_actor(e.relations[0].object)->name, "Lumen Labs");
    // The same words with the object as the subject's apposition: no hiring relation.
    std::string appositive = parse;
    appositive.replace(appositive.find("3 obj     "), 10, "2 appos   ");
    EXPECT_TRUE(factgraph::testing::extract_parsed(body, appositive).relations.empty());

    Article a;
    a.text = body;
    EXPECT_THROW(importers::extract_annotated(*importers::make_rule_extractor(), a, {}), std::invalid_argument);
}

// The issue's bar for the reference story: nothing in quotation marks goes missing, every quoted
// span of three or more words in the body lies inside some claim.
TEST(NlpExtractor, EveryQuotationOfThreeWordsInTheReferenceStoryBelongsToAClaim) {
    const std::string path = FACTGRAPH_SOURCE_DIR "/examples/pegasus/pegasus-2021-07-21.txt";
    std::istringstream in(importers::testing::slurp(path));
    importers::CollectingSink sink;
    importers::testing::builtin_readers().by_name("text")->read(in, importers::Source{path}, sink);
    ASSERT_EQ(sink.articles.size(), 1u);
    Extraction e = factgraph::testing::nlp_extractor().extract(sink.articles.front());
    // code point offsets of the quotations, as the claims' spans are
    std::u32string text;
    for (std::size_t i = 0; i < e.article.text.size();) text += text::decode(e.article.text, i);
    int checked = 0;
    for (std::size_t open = 0; open < text.size(); ++open) {
        if (text[open] != U'\u201C' && text[open] != U'"') continue;
        std::size_t close = open + 1;
        while (close < text.size() && text[close] != U'\u201D' && text[close] != U'"') ++close;
        if (close >= text.size()) break;
        std::size_t words = 1;
        for (std::size_t k = open + 1; k < close; ++k) words += text[k] == U' ';
        if (words >= 3) {
            ++checked;
            bool covered = std::any_of(e.claims.begin(), e.claims.end(), [&](const Claim& c) {
                return c.provenance.span.start <= open + 1 && close - 1 <= c.provenance.span.end;
            });
            EXPECT_TRUE(covered) << "quotation at " << open << " belongs to no claim";
        }
        open = close;
    }
    EXPECT_GE(checked, 4);
}

// Hostile text for the claim patterns: quotation marks of every kind that do not pair up, dashes,
// frames and cues in random order. Whatever the patterns make of it, an article never fails
// (a fixed seed, so a failure is reproducible).
TEST(NlpExtractor, RandomMarksAndWordsNeverFailAnArticle) {
    static const std::vector<std::string> kWords = {
        "\"", "\u201C", "\u201D", "''", "``", ",", ".", "?", "!", ":", ";", "\u2015", "\u2014", "--", "(", ")",
        "as", "said", "says", "saying", "told", "that", "he", "she", "Mr.", "Lena", "Park", "(D-Mass.)", "the",
        "mayor", "noted", "which", "and", "called", "\"Morning", "Joe\"", "who", "claim", "'s", "believe", "\n",
        "\n\n", "Kestrel", "Systems", "asked", "continued:", "according", "to", "nobody", "it", "was", "brand",
        "yelled", "\u201CWhy?\u201D", "said.", "\u201CA,\u201D", "\u201CB.\u201D", "denied", "Brandt\u2019s"};
    std::mt19937 random(20261201);
    for (int article = 0; article < 150; ++article) {
        std::string body = "Title\n\n";
        int words = std::uniform_int_distribution<int>(1, 300)(random);
        for (int w = 0; w < words; ++w)
            body += kWords[std::uniform_int_distribution<std::size_t>(0, kWords.size() - 1)(random)] + " ";
        EXPECT_NO_THROW(run(body)) << "article " << article << ":\n" << body;
    }
}
