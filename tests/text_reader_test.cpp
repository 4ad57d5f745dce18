#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "factgraph/core/error.hpp"
#include "factgraph/importers/reader.hpp"
#include "reader_test_support.hpp"

namespace factgraph::importers {
namespace {

using testing::slurp;

const Reader& text_reader() { return *testing::builtin_readers().by_name("text"); }

Article read_text(const std::string& input, const std::string& path = "article.txt") {
    std::istringstream in(input);
    CollectingSink sink;
    text_reader().read(in, Source{path}, sink);
    EXPECT_EQ(sink.articles.size(), 1u);
    EXPECT_TRUE(sink.errors.empty());
    return sink.articles.empty() ? Article{} : sink.articles.front();
}

std::vector<std::string> paragraphs(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (auto at = text.find("\n\n"); ; at = text.find("\n\n", start)) {
        out.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) break;
        start = at + 2;
    }
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

const std::string kSeed = FACTGRAPH_SOURCE_DIR "/examples/pegasus/pegasus-2021-07-21.txt";
const std::string kData = FACTGRAPH_TEST_DATA "/readers/";

TEST(TextReader, SeedMetadata) {
    Article a = read_text(slurp(kSeed), kSeed);
    EXPECT_EQ(a.title, "France probes use of NSO spyware with Macron a possible target");
    EXPECT_EQ(a.published, "2021-07-21T11:06");
    EXPECT_EQ(a.byline, "Press Association");
    EXPECT_TRUE(has(a.credits, "PA"));
    EXPECT_TRUE(has(a.credits, "Phil Noble/PA"));
    EXPECT_EQ(a.id, "pegasus-2021-07-21");
    EXPECT_EQ(a.source, kSeed);
}

TEST(TextReader, SeedBodyKeepsStoryDropsBoilerplate) {
    Article a = read_text(slurp(kSeed), kSeed);
    auto paras = paragraphs(a.text);
    ASSERT_EQ(paras.size(), 19u);
    EXPECT_EQ(paras.front(),
              "Le Monde is part of a global media consortium that identified the targets from a leaked list of more "
              "than 50,000 phone numbers.");
    EXPECT_EQ(paras.back(),
              "As is common under French law, the investigation doesn\u2019t name a suspected perpetrator but is aimed "
              "at determining who might eventually be sent to trial. It was prompted by a legal complaint by two "
              "journalists and French investigative website Mediapart.");
    for (const char* keep : {"Le Monde is part of a global media consortium",
                             "The Paris prosecutor\u2019s office said in a statement that it opened an investigation",
                             "It was prompted by a legal complaint by two journalists and French investigative website Mediapart."})
        EXPECT_NE(a.text.find(keep), std::string::npos) << keep;
    for (const char* drop : {"Latest World News", "See more Latest World News",
                             "Huge wildfires kill two and destroy 1,000 structures in Los Angeles",
                             "Trump asks US Supreme Court to block sentencing in hush money case",
                             "Japan links Chinese hackers MirrorFace to dozens of cyber attacks",
                             "Ukraine claims strike on key military fuel depot deep inside Russia", "Picture: PA",
                             "France Ocenia Summit", "G7 Summit", "(Phil Noble/PA)", "By Press Association",
                             "21 July 2021"})
        EXPECT_EQ(a.text.find(drop), std::string::npos) << drop;
    // Paragraphs are separated by exactly one blank line and carry no stray whitespace.
    EXPECT_EQ(a.text.find("\n\n\n"), std::string::npos);
    for (const auto& p : paras) {
        EXPECT_FALSE(p.empty());
        EXPECT_EQ(p.find('\n'), std::string::npos);
        EXPECT_EQ(p.find("  "), std::string::npos);
    }
}

TEST(TextReader, CaptionsAltTitlesAndRail) {
    Article a = read_text(slurp(kData + "captions_and_rail.txt"));
    EXPECT_EQ(a.title, "Harbour authority approves new ferry terminal after two-year review");
    EXPECT_EQ(a.published, "2021-07-21");
    EXPECT_EQ(a.byline, "Jane Doe");
    EXPECT_EQ(a.credits, (std::vector<std::string>{"Reuters", "AP Photo/John Roe", "Getty Images"}));
    EXPECT_EQ(paragraphs(a.text),
              (std::vector<std::string>{
                  "The plan will double passenger capacity at the port by 2025.",
                  "Members of the Northport harbour authority voted 7-2 on Tuesday to approve a new ferry terminal, "
                  "ending a review that began in 2019.",
                  "The chair of the authority, Maria Lopez, said the terminal would \"open the town to the islands again.\"",
                  "Opponents had argued the project would increase traffic on the coast road. A spokesman for the "
                  "residents' group said it would consider an appeal.",
                  "Construction is expected to start in the spring and to take about three years.",
                  "The new building will also house a small museum about the history of the crossing."}));
}

TEST(TextReader, SingleLineParagraphsAndClosingByline) {
    Article a = read_text(slurp(kData + "single_lines.txt"));
    EXPECT_EQ(a.title, "Storm closes mountain pass for third day");
    EXPECT_EQ(a.published, "2021-07-21T11:06:00+00:00");
    EXPECT_EQ(a.byline, "Alex Martin");
    auto paras = paragraphs(a.text);
    ASSERT_EQ(paras.size(), 4u);
    EXPECT_EQ(paras[0], "Snow and high winds kept the Col de Fer closed on Wednesday, the regional roads agency said.");
    EXPECT_EQ(paras[3], "Forecasters expect the weather to clear by Friday.");
    EXPECT_EQ(a.text.find("glacier"), std::string::npos);
}

TEST(TextReader, HardWrappedParagraphsAreJoined) {
    Article a = read_text(slurp(kData + "hard_wrapped.txt"));
    EXPECT_EQ(a.published, "2021-07-21");
    EXPECT_EQ(a.text,
              "The central library will stay open until nine in the evening on Thursdays from next month, the city "
              "council announced, after a survey found that most users work during the day.\n\n"
              "The change costs about 40,000 euros a year and will be paid for from the culture budget.");
}

TEST(TextReader, InlineRelatedBoxIsDroppedButStoryContinues) {
    Article a = read_text(
        "Title\n\nFirst paragraph of the story is here and it is long enough.\n\nRelated\n\nOther headline about "
        "something\n\nThe story continues with another full sentence of text here.\n\nAnd it ends with a third "
        "sentence that is also quite long.\n");
    EXPECT_EQ(a.text,
              "First paragraph of the story is here and it is long enough.\n\nThe story continues with another full "
              "sentence of text here.\n\nAnd it ends with a third sentence that is also quite long.");
}

TEST(TextReader, ProseThatMerelyLooksLikeACaptionIsKept) {
    const std::string body =
        "He described the image: a crowd waving flags at dawn.\n\n"
        "The figures were confirmed by the agency (AFP).\n\n"
        "Engineers said the link used TCP and UDP (not both).\n\n"
        "A Credit: the union called it a fair deal.";
    Article a = read_text("Title\n\n" + body + "\n");
    EXPECT_EQ(a.text, body);
    EXPECT_TRUE(a.credits.empty());
}

TEST(TextReader, CrLfBomTabsAndNonAscii) {
    Article a = read_text("\xEF\xBB\xBFZ\xC3\xBCrich   news\r\n\r\nThe\tcouncil  in \xC5\x81\xC3\xB3" "d\xC5\xBA met.\r\n");
    EXPECT_EQ(a.title, "Z\xC3\xBCrich news");
    EXPECT_EQ(a.text, "The council in \xC5\x81\xC3\xB3" "d\xC5\xBA met.");
}

TEST(TextReader, EmptyArticleIsAnInputError) {
    for (const char* input : {"", "\n\n  \n", "Only a title\n", "Title\n\n21 July 2021\n\nBy Jane Doe\n",
                              "Title\n\nLatest News\n\nHeadline one\n\nHeadline two\n"}) {
        std::istringstream in(input);
        CollectingSink sink;
        try {
            text_reader().read(in, Source{"empty.txt"}, sink);
            ADD_FAILURE() << "no error for: " << input;
        } catch (const InputError& e) {
            EXPECT_EQ(e.file(), "empty.txt");
            EXPECT_EQ(e.reason(), "empty article");
        }
        EXPECT_TRUE(sink.articles.empty());
    }
}

TEST(TextReader, HostileBytesNeverCrash) {
    std::string junk;
    for (int i = 0; i < 20000; ++i) junk += static_cast<char>((i * 7919 + 13) % 256);
    junk += "\nA real sentence at the end.\n";
    std::istringstream in(junk);
    CollectingSink sink;
    try {
        text_reader().read(in, Source{"junk.txt"}, sink);
        ASSERT_EQ(sink.articles.size(), 1u);
        EXPECT_EQ(std::string(sink.articles[0].text).find('\0'), std::string::npos);
    } catch (const InputError&) {
    }
    // One enormous line is a title-less paragraph, read in linear time.
    std::string huge(2 << 20, 'x');
    Article big = read_text("Title\n\n" + huge + ".\n");
    EXPECT_EQ(big.text.size(), huge.size() + 1);
}

TEST(TextReader, ReadersAreSharedSafelyAcrossThreads) {
    std::string seed = slurp(kSeed);
    Article expected = read_text(seed);
    std::vector<std::string> texts(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < texts.size(); ++t)
        threads.emplace_back([&, t] {
            std::istringstream in(seed);
            CollectingSink sink;
            text_reader().read(in, Source{"seed.txt"}, sink);
            texts[t] = sink.articles.at(0).text;
        });
    for (auto& th : threads) th.join();
    for (const auto& t : texts) EXPECT_EQ(t, expected.text);
}

}  // namespace
}  // namespace factgraph::importers
