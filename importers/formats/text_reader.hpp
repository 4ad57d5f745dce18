#pragma once
// TextReader: plain-text articles as saved from a browser or a wire feed.
#include "factgraph/importers/reader.hpp"

namespace factgraph::importers {

// First non-empty line is the title; a date and a "By NAME" line may follow it. The body is the
// remaining paragraphs with photo captions, headline rails and a closing byline removed.
class TextReader final : public Reader {
public:
    std::string_view name() const override { return "text"; }
    std::vector<std::string_view> extensions() const override { return {"txt", "text"}; }
    // Any text that is not an HTML document: valid UTF-8 (a code point cut by the end of `head`
    // is fine), not binary.
    bool sniff(std::string_view head) const override;
    void read(std::istream& in, const Source& source, ArticleSink& sink) const override;
};

}  // namespace factgraph::importers
