// The bar for the reference story (examples/pegasus, the seed article): through the default
// pipeline every sentence of the body ends where it should, and every person, organisation and
// location of the gold file's core tier is a recognised entity span of the right type.
#include "extractor_test_support.hpp"
#include "factgraph/nlp/entity_recognizer.hpp"
#include "factgraph/nlp/pipeline.hpp"
#include "reader_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace factgraph;

namespace {

struct ReferenceStory {
    Article article;  // its text is the body the sentences' offsets point into
    std::vector<nlp::Sentence> sentences;
};

const ReferenceStory& reference_story() {
    static const ReferenceStory story = [] {
        const std::string path = FACTGRAPH_SOURCE_DIR "/examples/pegasus/pegasus-2021-07-21.txt";
        // The body as import reads it: title, byline, captions and the site's links are gone.
        Article article = importers::testing::read_one("text", importers::testing::slurp(path), path);
        const nlp::Pipeline pipeline(std::string(FACTGRAPH_SOURCE_DIR) + "/data");
        std::vector<nlp::Sentence> sentences = pipeline.annotate(article.text);
        return ReferenceStory{std::move(article), std::move(sentences)};
    }();
    return story;
}

}  // namespace

TEST(ReferenceStory, EverySentenceBoundaryIsRight) {
    // Checked by hand: quotations ending a sentence (”.), "Mr Macron’s", "then-government",
    // "1,000", dashes of two kinds, and "The Associated Press" mid-sentence.
    const std::vector<std::string> expected = {
        "Le Monde is part of a global media consortium that identified the targets from a leaked list of more than 50,000 phone numbers.",
        "The mobile phones of French President Emmanuel Macron and 15 members of the French government may have been among potential targets in 2019 of surveillance by spyware made by the Israel-based NSO Group, according to a newspaper report.",
        "The report by Le Monde follows an announcement by the Paris prosecutor’s office that it is investigating the suspected widespread use of NSO’s Pegasus spyware to target journalists, human rights activists and politicians in multiple countries.",
        "Le Monde is part of a global media consortium that identified the targets from a leaked list of more than 50,000 phone numbers obtained by the Paris-based journalism non-profit Forbidden Stories and the human rights group Amnesty International and shared with 16 news organisations which began publishing their findings on Sunday.",
        "That same day, Amnesty released a forensic analysis of the alleged targeting that showed Amazon Web Services was hosting NSO infrastructure.",
        "In response, Amazon said it shut down NSO accounts that were “confirmed to be supporting the reported hacking activity.”",
        "Amazon said they had violated its terms of use.",
        "Another US company identified by Amnesty as hosting NSO servers was DigitalOcean.",
        "When contacted by The Associated Press, DigitalOcean neither confirmed nor denied whether it had identified or cut off such servers.",
        "“All of the infrastructure outlined in the Amnesty report is no longer on DigitalOcean,” it said without elaborating in an emailed statement.",
        "Le Monde said the phone numbers for Mr Macron and the then-government members were among thousands allegedly selected by NSO clients for potential surveillance.",
        "In this case, the client was an unidentified Moroccan security service, according to Le Monde.",
        "Consortium members said they were able to link more than 1,000 numbers on the list with individuals, including more than 600 politicians and government officials and 189 journalists.",
        "Among the numbers were those of journalists and politicians in France.",
        "The largest share were in Mexico and the Middle East, where Saudi Arabia is reported to be among NSO clients.",
        "Also on the list were phone numbers in Azerbaijan, Kazakhstan, Pakistan, Morocco and Rwanda, as well as ones for several Arab royal family members, heads of state and prime ministers, the consortium reported.",
        "An official in Mr Macron’s office said authorities would investigate Le Monde’s report, and if the targeting is proven, it would be “extremely grave.”",
        "Le Monde quoted NSO as saying the French president was never targeted by its clients.",
        "NSO Group denied that it ever maintained “a list of potential, past or existing targets.”",
        "It called the Forbidden Stories report “full of wrong assumptions and uncorroborated theories.”",
        "The source of the leak — and how it was authenticated – was not disclosed.",
        "While a phone number’s presence in the data does not mean an attempt was made to hack a device, the consortium said it believed the data indicated potential targets of NSO’s government clients.",
        "The Paris prosecutor’s office said in a statement that it opened an investigation into a raft of potential charges, including violation of privacy, illegal use of data and illegally selling spyware.",
        "As is common under French law, the investigation doesn’t name a suspected perpetrator but is aimed at determining who might eventually be sent to trial.",
        "It was prompted by a legal complaint by two journalists and French investigative website Mediapart.",
    };
    const auto& story = reference_story();
    std::vector<std::string> got;
    for (const auto& s : story.sentences) got.push_back(story.article.text.substr(s.start, s.end - s.start));
    EXPECT_EQ(got, expected);
}

TEST(ReferenceStory, EveryCoreActorIsAnEntityOfItsType) {
    // (type, text) of the gold file's core persons, organisations and locations, each under one of
    // the names the story gives it. Not here: "Paris prosecutor's office", a description rather
    // than a name (the recogniser tags its "Paris" LOC, as UNER English-EWT's guidelines do; the
    // extraction makes the office an organisation, the next test).
    const std::vector<std::pair<std::string, std::string>> core = {
        {"ORG", "NSO Group"},        {"PER", "Emmanuel Macron"},      {"ORG", "Le Monde"},
        {"ORG", "Forbidden Stories"}, {"ORG", "Amnesty International"}, {"ORG", "Amazon Web Services"},
        {"ORG", "DigitalOcean"},     {"ORG", "The Associated Press"}, {"ORG", "Mediapart"},
        {"LOC", "France"},           {"LOC", "Paris"},                {"LOC", "Israel"},
        {"LOC", "Mexico"},           {"LOC", "Middle East"},          {"LOC", "Saudi Arabia"},
        {"LOC", "Azerbaijan"},       {"LOC", "Kazakhstan"},           {"LOC", "Pakistan"},
        {"LOC", "Morocco"},          {"LOC", "Rwanda"},
    };
    const auto& story = reference_story();
    std::set<std::pair<std::string, std::string>> found;
    for (const auto& e : nlp::entity_spans(story.sentences)) {
        const auto& tokens = story.sentences[static_cast<std::size_t>(e.sentence)].tokens;
        const std::size_t start = tokens[static_cast<std::size_t>(e.first_token)].start;
        const std::size_t end = tokens[static_cast<std::size_t>(e.end_token - 1)].end;
        found.emplace(e.type, story.article.text.substr(start, end - start));
    }
    for (const auto& want : core) EXPECT_TRUE(found.count(want)) << want.first << " " << want.second;
}

TEST(ReferenceStory, TheProsecutorsOfficeIsAnOrganisationOfTheExtraction) {
    const Extraction e = factgraph::testing::nlp_extractor().extract(reference_story().article);
    const auto office = std::find_if(e.actors.begin(), e.actors.end(),
                                     [](const Actor& a) { return a.name == "Paris prosecutor\u2019s office"; });
    ASSERT_NE(office, e.actors.end());
    EXPECT_EQ(office->type, ActorType::Organization);
    EXPECT_EQ(office->mentions.size(), 2u);
}
