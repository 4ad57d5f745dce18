#include <gtest/gtest.h>

#include "factgraph/core/error.hpp"
#include "factgraph/importers/reader.hpp"

namespace factgraph::importers {
namespace {

const ReaderRegistry& registry() {
    static const ReaderRegistry r = ReaderRegistry::with_builtin_readers();
    return r;
}

std::string_view resolved(const std::string& path, std::string_view head, std::string_view forced = {}) {
    return registry().resolve(path, head, forced).name();
}

TEST(ReaderRegistry, BuiltinReadersInSniffingOrder) {
    std::vector<std::string_view> names;
    for (const auto& r : registry().readers()) names.push_back(r->name());
    EXPECT_EQ(names, (std::vector<std::string_view>{"jsonl", "json", "html", "text"}));
    EXPECT_EQ(registry().by_name("HTML")->name(), "html");
    EXPECT_EQ(registry().by_name("rtf"), nullptr);
    EXPECT_EQ(registry().by_extension(".NDJSON")->name(), "jsonl");
    EXPECT_EQ(registry().by_extension("htm")->name(), "html");
    EXPECT_EQ(registry().by_extension("docx"), nullptr);
}

TEST(ReaderRegistry, ForcedNameWins) {
    EXPECT_EQ(resolved("a.json", "{\"a\": 1}", "text"), "text");
    EXPECT_EQ(resolved("-", "", "jsonl"), "jsonl");
    try {
        registry().resolve("a.txt", "x", "docx");
        FAIL() << "no error";
    } catch (const UnknownFormatError& e) {
        EXPECT_EQ(e.file(), "a.txt");
        EXPECT_EQ(e.reason(), "unknown input format 'docx' (known formats: jsonl, json, html, text)");
    }
}

TEST(ReaderRegistry, ExtensionThenContent) {
    EXPECT_EQ(resolved("story.txt", "Title\n\nBody."), "text");
    EXPECT_EQ(resolved("story.TEXT", "Title\n\nBody."), "text");
    EXPECT_EQ(resolved("dir/page.HTM", "<!doctype html>"), "html");
    EXPECT_EQ(resolved("page.xhtml", "<html>"), "html");
    EXPECT_EQ(resolved("a.json", "{\"a\": 1}"), "json");
    EXPECT_EQ(resolved("a.jsonl", "{\"a\": 1}\n{\"a\": 2}\n"), "jsonl");
    EXPECT_EQ(resolved("a.ndjson", "{\"text\": \"x\"}\n"), "jsonl");
    EXPECT_EQ(resolved("one.json", "{\"text\": \"x\"}\n"), "json");
    // A first line longer than the head: JSON Lines with whole articles on a line.
    std::string long_line = "{\"title\": \"t\", \"text\": \"" + std::string(4000, 'x');
    EXPECT_EQ(resolved("dump.jsonl", long_line), "jsonl");
    EXPECT_EQ(resolved("-", long_line), "jsonl");
    EXPECT_EQ(resolved("minified.json", long_line), "json");
    // A pretty-printed JSON document is JSON whatever it is called.
    EXPECT_EQ(resolved("pretty.jsonl", "{\n  \"text\": \"x\"\n}\n"), "json");
    // The content beats the extension when another, more specific reader recognises it.
    EXPECT_EQ(resolved("feed.json", "{\"a\": 1}\n{\"a\": 2}\n"), "jsonl");
    EXPECT_EQ(resolved("saved.txt", "<!DOCTYPE html><html>"), "html");
    EXPECT_EQ(resolved("fragment.txt", "<div><p>Text</p></div>"), "html");
    EXPECT_EQ(resolved("data.txt", "{\"a\": 1}"), "text");
    // ...but the catch-all text reader never overrides a named format.
    EXPECT_EQ(resolved("page.html", "Just words, no markup."), "html");
    EXPECT_EQ(resolved("broken.json", "hello"), "json");
    EXPECT_EQ(resolved("empty.json", ""), "json");
}

TEST(ReaderRegistry, SniffingWithoutAKnownExtension) {
    EXPECT_EQ(resolved("-", "{\"a\": 1}\n{\"a\": 2}\n"), "jsonl");
    EXPECT_EQ(resolved("-", "[{\"a\": 1}]"), "json");
    EXPECT_EQ(resolved("article", "\xEF\xBB\xBF<!doctype html>"), "html");
    EXPECT_EQ(resolved("notes.md", "# Title\n\nSome text."), "text");
    EXPECT_EQ(resolved("v1.2/README", "Title"), "text");
    EXPECT_EQ(resolved("cut.bin", "Caf\xC3"), "text");  // a code point cut by the end of the head
    for (std::string head : {std::string("\x00\x01\x02\x03", 4), std::string("ab\xff\xfe cd"), std::string("\x80")}) {
        try {
            registry().resolve("blob.bin", head);
            ADD_FAILURE() << "resolved binary input";
        } catch (const UnknownFormatError& e) {
            EXPECT_EQ(e.file(), "blob.bin");
            EXPECT_EQ(e.reason(), "no reader recognises this input");
        }
    }
}

}  // namespace
}  // namespace factgraph::importers
