#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "factgraph/core/error.hpp"
#include "factgraph/importers/reader.hpp"
#include "reader_test_support.hpp"

namespace factgraph::importers {
namespace {

using testing::slurp;

const Reader& html_reader() { return *testing::builtin_readers().by_name("html"); }

Article read_html(const std::string& input, const std::string& path = "page.html") {
    return testing::read_one("html", input, path);
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

const std::string kData = FACTGRAPH_TEST_DATA "/readers/";

TEST(HtmlReader, JsonLdMetadataWinsOverMeta) {
    Article a = read_html(slurp(kData + "article.html"), kData + "article.html");
    EXPECT_EQ(a.id, "article");
    EXPECT_EQ(a.title, "Z\u00fcrich tram strike ends after pay deal & new rota");
    EXPECT_EQ(a.published, "2021-07-21T08:30:00+02:00");
    EXPECT_EQ(a.byline, "Anna Kowalska, Piotr Nowak");
    EXPECT_EQ(a.outlet, "The Daily Example");
    EXPECT_EQ(a.url, "https://example.com/news/zurich-tram-strike-ends");
    EXPECT_TRUE(has(a.credits, "Keystone"));
    EXPECT_TRUE(has(a.credits, "Lena Weber/Keystone"));
}

TEST(HtmlReader, BodyWithoutNoise) {
    Article a = read_html(slurp(kData + "article.html"));
    EXPECT_EQ(a.text,
              "Tram drivers in Z\u00fcrich returned to work on Wednesday after unions accepted a pay offer worth 4% over "
              "two years.\n\n"
              "The strike, the first in the city for 30 years, had halted most lines since Monday.\n\n"
              "Talks in \u0141\u00f3d\u017a\n\n"
              "Negotiators met in \u0141\u00f3d\u017a, where the operator\u2019s parent company is based, and agreed the "
              "deal late on Tuesday & signed it on Wednesday.\n\n"
              "\u201cWe are glad to be back,\u201d said one driver.");
}

TEST(HtmlReader, MetaFallbacksAndDensestBlock) {
    Article a = read_html(slurp(kData + "no_semantics.html"));
    EXPECT_EQ(a.title, "Lake levels fall to record low");
    EXPECT_EQ(a.outlet, "Valley Gazette");
    EXPECT_EQ(a.published, "2021-07-20T18:00");
    EXPECT_EQ(a.byline, "Tom Berg");
    EXPECT_EQ(a.text,
              "The water level in Lake Moss fell to its lowest point since records began, the water board said on "
              "Tuesday.\n\nA dry spring and a hot June left the lake two metres below its average for July.\n\n"
              "Boat hire companies have closed for the rest of the season.");
}

TEST(HtmlReader, OpenGraphWithoutJsonLd) {
    Article a = read_html(
        "<!doctype html><html><head><meta property=\"og:title\" content=\"Bridge reopens | City News\">"
        "<meta property=\"og:site_name\" content=\"City News\"><meta property=\"og:url\" content=\"https://c.example/b\">"
        "<meta property=\"article:published_time\" content=\"2021-07-21T09:00:00Z\"><meta name=\"author\" content=\"Sam Lee\">"
        "</head><body><article><p>The bridge reopened on Wednesday.</p></article></body></html>");
    EXPECT_EQ(a.title, "Bridge reopens");
    EXPECT_EQ(a.published, "2021-07-21T09:00:00Z");
    EXPECT_EQ(a.byline, "Sam Lee");
    EXPECT_EQ(a.url, "https://c.example/b");
    EXPECT_EQ(a.text, "The bridge reopened on Wednesday.");
}

TEST(HtmlReader, JsonLdArticleBodyIsTheLastResort) {
    Article a = read_html(
        "<html><head><script type=\"application/ld+json\">[{\"@type\": \"BreadcrumbList\"}, {\"@type\": "
        "[\"ReportageNewsArticle\"], \"headline\": \"Dam report\", \"author\": \"Kim Park\", \"articleBody\": "
        "\"The dam is safe.\\n\\nInspectors said so.\"}]</script></head><body><div id=\"app\"></div></body></html>");
    EXPECT_EQ(a.title, "Dam report");
    EXPECT_EQ(a.byline, "Kim Park");
    EXPECT_EQ(a.text, "The dam is safe.\n\nInspectors said so.");
}

TEST(HtmlReader, ScriptContentAndEntities) {
    Article a = read_html(
        "<html><body><p>Before</p><script>document.write(\"</p><p>evil</p>\")</script>"
        "<p>Caf&eacute; &amp; bar &lt;b&gt; &#x141;&oacute;d&#378; &nbsp;end</p><p>After</p></body></html>");
    EXPECT_EQ(a.text, "Before\n\nCaf\u00e9 & bar <b> \u0141\u00f3d\u017a end\n\nAfter");
}

TEST(HtmlReader, UnclosedTags) {
    Article a = read_html("<html><body><article><p>One<p>Two<div><span>Three <b>bold<i> and more");
    EXPECT_EQ(a.text, "One\n\nTwo\n\nThree bold and more");
}

TEST(HtmlReader, HugeNestingIsFastAndKeepsText) {
    for (const std::string tag : {"div", "b", "span", "table"}) {
        std::string html = "<html><body>";
        for (int i = 0; i < 100000; ++i) html += "<" + tag + ">";
        html += "<p>Deep text.</p>";
        for (int i = 0; i < 100000; ++i) html += "</" + tag + ">";
        html += "<p>After the pit.</p></body></html>";
        auto start = std::chrono::steady_clock::now();
        Article a = read_html(html);
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
        EXPECT_LT(ms, 5000) << tag;
        EXPECT_NE(a.text.find("Deep text."), std::string::npos) << tag;
        EXPECT_NE(a.text.find("After the pit."), std::string::npos) << tag;
    }
    // Unclosed paragraphs and list items close each other, as HTML says.
    std::string html = "<html><body><article>";
    for (int i = 0; i < 20000; ++i) html += "<p>p" + std::to_string(i) + "<li>x";
    Article a = read_html(html);
    EXPECT_NE(a.text.find("p19999"), std::string::npos);
}

TEST(HtmlReader, GarbageNeverCrashes) {
    std::string junk = "<html><body><p>ok</p>";
    for (int i = 0; i < 50000; ++i) junk += static_cast<char>((i * 7919 + 13) % 256);
    for (const std::string& input : {junk, std::string("<html><body><p>\xff\xfe\x00 text</p>", 28),
                                     std::string("<<<>>><!--<!--><p attr='unclosed>text"),
                                     "<html><head><script type=\"application/ld+json\">" + std::string(100000, '[') +
                                         "</script></head><body><p>Deep JSON.</p></body></html>"}) {
        std::istringstream in(input);
        CollectingSink sink;
        try {
            html_reader().read(in, Source{"junk.html"}, sink);
        } catch (const InputError&) {
        }
    }
    Article a = read_html("<html><head><script type=\"application/ld+json\">" + std::string(100000, '[') +
                          "</script></head><body><p>Deep JSON.</p></body></html>");
    EXPECT_EQ(a.text, "Deep JSON.");
}

TEST(HtmlReader, EmptyPageIsAnInputError) {
    for (const char* input : {"", "<html><head><title>Nothing</title></head><body></body></html>",
                              "<html><body><nav>Home News</nav><script>var a = 1;</script></body></html>"}) {
        std::istringstream in(input);
        CollectingSink sink;
        try {
            html_reader().read(in, Source{"blank.html"}, sink);
            ADD_FAILURE() << "no error for: " << input;
        } catch (const InputError& e) {
            EXPECT_EQ(e.file(), "blank.html");
            EXPECT_EQ(e.reason(), "empty article");
        }
    }
}

TEST(HtmlReader, Sniff) {
    const Reader& r = html_reader();
    EXPECT_TRUE(r.sniff("<!DOCTYPE html><html>"));
    EXPECT_TRUE(r.sniff("\xEF\xBB\xBF  \n<HTML lang=en>"));
    EXPECT_TRUE(r.sniff("<!-- saved page --><?xml version=\"1.0\"?>\n<html>"));
    EXPECT_TRUE(r.sniff("<article>"));
    EXPECT_TRUE(r.sniff("<body>"));
    EXPECT_TRUE(r.sniff("<div class=\"story\"><p>Text</p>"));
    EXPECT_FALSE(r.sniff("<madeup>"));
    EXPECT_FALSE(r.sniff("< html>"));
    EXPECT_FALSE(r.sniff("Plain text <html>"));
    EXPECT_FALSE(r.sniff("{\"a\": 1}"));
    EXPECT_FALSE(r.sniff(""));
}

}  // namespace
}  // namespace factgraph::importers
