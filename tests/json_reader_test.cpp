#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "factgraph/core/error.hpp"
#include "factgraph/importers/reader.hpp"
#include "reader_test_support.hpp"

namespace factgraph::importers {
namespace {

using testing::slurp;

const ReaderRegistry& registry() { return testing::builtin_readers(); }

CollectingSink read_as(std::string_view format, const std::string& input, const std::string& path) {
    std::istringstream in(input);
    CollectingSink sink;
    registry().by_name(format)->read(in, Source{path}, sink);
    return sink;
}

const std::string kData = FACTGRAPH_TEST_DATA "/readers/";

TEST(JsonReader, SingleObject) {
    auto sink = read_as("json",
                        R"({"id": 42, "title": "Vote &amp; count", "content": "  One   two.\n\n\nThree\tfour.  ",
                            "datePublished": "Wed, 21 Jul 2021 11:06:00 +0000", "source": "Example Wire",
                            "author": "By Jane Doe", "link": "https://example.org/a", "credits": ["PA", "PA"]})",
                        "one.json");
    ASSERT_EQ(sink.articles.size(), 1u);
    const Article& a = sink.articles[0];
    EXPECT_EQ(a.id, "42");
    EXPECT_EQ(a.source, "one.json");
    EXPECT_EQ(a.title, "Vote & count");
    EXPECT_EQ(a.text, "One two.\n\nThree four.");
    EXPECT_EQ(a.published, "2021-07-21T11:06:00+00:00");
    EXPECT_EQ(a.outlet, "Example Wire");
    EXPECT_EQ(a.byline, "Jane Doe");
    EXPECT_EQ(a.url, "https://example.org/a");
    EXPECT_EQ(a.credits, std::vector<std::string>{"PA"});
}

TEST(JsonReader, ArrayReportsBadElementsAndKeepsGoodOnes) {
    auto sink = read_as("json", slurp(kData + "articles.json"), "articles.json");
    ASSERT_EQ(sink.articles.size(), 2u);
    const Article& first = sink.articles[0];
    EXPECT_EQ(first.id, "101");
    EXPECT_EQ(first.title, "Museum reopens");
    EXPECT_EQ(first.text, "The city museum reopened on Monday.\n\nVisitors queued from early morning.");
    EXPECT_EQ(first.published, "2021-07-21");
    EXPECT_EQ(first.outlet, "Example Post");
    EXPECT_EQ(first.byline, "Ruth Bell, Omar Haddad");
    EXPECT_EQ(first.url, "https://example.org/museum");
    const Article& second = sink.articles[1];
    EXPECT_EQ(second.id, "articles#4");
    EXPECT_EQ(second.text, "First & foremost.\n\nSecond bold paragraph.");
    EXPECT_EQ(second.published, "2021-07-22T10:15:00Z");
    EXPECT_EQ(second.outlet, "Example Wire");
    EXPECT_EQ(second.byline, "Lee Chan");
    ASSERT_EQ(sink.errors.size(), 2u);
    EXPECT_EQ(sink.errors[0].file(), "articles.json");
    EXPECT_EQ(sink.errors[0].reason(), "article 2: expected a JSON object, got string");
    EXPECT_EQ(sink.errors[1].reason(), "article 3: no text (expected \"text\", \"body\" or \"content\")");
}

TEST(JsonReader, WrappedArticlesAndEpochDates) {
    auto sink = read_as("json", R"({"status": "ok", "articles": [{"title": "T", "text": "Body.", "date": 1626865560}]})",
                        "dump.json");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].published, "2021-07-21T11:06:00Z");
}

TEST(JsonReader, ParseErrorNamesTheLine) {
    try {
        read_as("json", "{\"title\": \"x\",\n \"text\": \"y\",\n \"url\": }\n", "bad.json");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.file(), "bad.json");
        EXPECT_EQ(e.line(), 3u);
        EXPECT_NE(e.reason().find("invalid JSON"), std::string::npos) << e.reason();
        EXPECT_EQ(std::string(e.what()).rfind("bad.json:3: invalid JSON", 0), 0u) << e.what();
    }
}

TEST(JsonReader, DocumentErrors) {
    struct Case { const char* input; const char* reason; };
    for (const Case& c : {Case{R"({"title": "no body"})", "no text (expected \"text\", \"body\" or \"content\")"},
                          Case{R"({"title": "blank", "text": "  \n\n "})", "empty article"},
                          Case{"[]", "no articles: the JSON array is empty"},
                          Case{"\"just a string\"", "expected a JSON object or an array of objects, got string"}}) {
        try {
            read_as("json", c.input, "doc.json");
            ADD_FAILURE() << "no error for " << c.input;
        } catch (const InputError& e) {
            EXPECT_EQ(e.file(), "doc.json");
            EXPECT_EQ(e.reason(), c.reason);
        }
    }
}

TEST(JsonReader, HostileInputIsAnErrorNotACrash) {
    for (const std::string& input : {std::string(200000, '[') + std::string(200000, ']'),
                                     std::string(200000, '['), std::string("{\"text\": \"\xff\xfe\"}"),
                                     std::string("{\"text\": 1e999999}"), std::string("\0\0\0", 3)}) {
        try {
            auto sink = read_as("json", input, "hostile.json");
            EXPECT_TRUE(sink.articles.empty());
        } catch (const InputError& e) {
            EXPECT_EQ(e.file(), "hostile.json");
        }
    }
    auto sink = read_as("jsonl", std::string(100000, '{') + "\n{\"text\": \"fine.\"}\n", "hostile.jsonl");
    EXPECT_EQ(sink.errors.size(), 1u);
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].text, "fine.");
}

TEST(JsonReader, JsonLinesSavedAsJsonStillReads) {
    auto sink = read_as("json", "{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n", "mislabelled.json");
    ASSERT_EQ(sink.articles.size(), 2u);
    EXPECT_EQ(sink.articles[1].source, "mislabelled.json:2");
}

TEST(JsonLinesReader, BadLinesAreReportedAndSkipped) {
    const std::string path = kData + "feed.jsonl";
    auto sink = read_as("jsonl", slurp(path), path);
    ASSERT_EQ(sink.articles.size(), 3u);
    EXPECT_EQ(sink.articles[0].id, "a1");
    EXPECT_EQ(sink.articles[0].source, path + ":1");
    EXPECT_EQ(sink.articles[0].text, "Para one.\n\nPara two.");
    EXPECT_EQ(sink.articles[0].published, "2021-07-21T09:00:00Z");
    EXPECT_EQ(sink.articles[0].outlet, "Example Wire");
    EXPECT_EQ(sink.articles[0].byline, "Jane Doe");
    EXPECT_EQ(sink.articles[1].id, "2");
    EXPECT_EQ(sink.articles[1].source, path + ":2");
    EXPECT_EQ(sink.articles[1].published, "2021-07-21");
    EXPECT_EQ(sink.articles[2].id, "a5");
    EXPECT_EQ(sink.articles[2].source, path + ":5");
    EXPECT_EQ(sink.articles[2].text, "Body five.");

    ASSERT_EQ(sink.errors.size(), 3u);
    EXPECT_EQ(sink.errors[0].file(), path);
    EXPECT_EQ(sink.errors[0].line(), 3u);
    EXPECT_NE(sink.errors[0].reason().find("invalid JSON"), std::string::npos);
    EXPECT_EQ(std::string(sink.errors[0].what()).rfind(path + ":3: invalid JSON", 0), 0u);
    EXPECT_EQ(sink.errors[1].line(), 6u);
    EXPECT_EQ(sink.errors[1].reason(), "expected a JSON object, got array");
    EXPECT_EQ(sink.errors[2].line(), 7u);
    EXPECT_EQ(sink.errors[2].reason(), "no text (expected \"text\", \"body\" or \"content\")");
}

TEST(JsonLinesReader, CrLfAndMissingFinalNewline) {
    auto sink = read_as("jsonl", "\xEF\xBB\xBF{\"text\": \"A.\"}\r\n\r\n{\"text\": \"B.\", \"id\": 7.5}", "f.jsonl");
    ASSERT_EQ(sink.articles.size(), 2u);
    EXPECT_EQ(sink.articles[0].id, "f:1");
    EXPECT_EQ(sink.articles[1].id, "7.5");
    EXPECT_EQ(sink.articles[1].source, "f.jsonl:3");
    EXPECT_TRUE(sink.errors.empty());
}

TEST(JsonLinesReader, OverlongLineIsRejectedNotLoaded) {
    std::string input = "{\"text\": \"" + std::string((std::size_t{64} << 20) + 16, 'a') + "\"}\n{\"text\": \"Next.\"}\n";
    auto sink = read_as("jsonl", input, "big.jsonl");
    ASSERT_EQ(sink.errors.size(), 1u);
    EXPECT_EQ(sink.errors[0].line(), 1u);
    EXPECT_EQ(sink.errors[0].reason(), "line longer than 64 MiB; skipped");
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].text, "Next.");
    EXPECT_EQ(sink.articles[0].source, "big.jsonl:2");
}

TEST(JsonLinesReader, Sniff) {
    const Reader& jsonl = *registry().by_name("jsonl");
    const Reader& json = *registry().by_name("json");
    EXPECT_TRUE(jsonl.sniff("{\"a\": 1}\n{\"a\": 2}\n"));
    EXPECT_TRUE(jsonl.sniff("{\"a\": 1}\n\n  {\"a\""));  // head cut mid-line
    EXPECT_FALSE(jsonl.sniff("{\"a\": 1}\n"));
    EXPECT_FALSE(jsonl.sniff("{\n  \"a\": 1\n}\n"));
    EXPECT_FALSE(jsonl.sniff("[1]\n[2]\n"));
    EXPECT_TRUE(json.sniff("{\n  \"a\": 1\n}\n"));
    EXPECT_TRUE(json.sniff("  [ {\"a\": 1} ]"));
    EXPECT_TRUE(json.sniff("[]"));
    EXPECT_FALSE(json.sniff("[Updated] Title of a text article"));
    EXPECT_FALSE(json.sniff("{not json"));
    EXPECT_FALSE(json.sniff("Title"));
}

}  // namespace
}  // namespace factgraph::importers
