#pragma once
// HtmlReader: one article page. Metadata from JSON-LD and <meta>, body from the article element.
#include <string>
#include <string_view>
#include <vector>

#include "factgraph/importers/reader.hpp"

namespace factgraph::importers {

class HtmlReader final : public Reader {
public:
    std::string_view name() const override { return "html"; }
    std::vector<std::string_view> extensions() const override { return {"html", "htm", "xhtml"}; }
    // "<!doctype html" or a known HTML element ("<html", "<body", "<article", "<div"...) first,
    // after a BOM, space and comments.
    bool sniff(std::string_view head) const override;
    void read(std::istream& in, const Source& source, ArticleSink& sink) const override;

    // The paragraphs of an HTML fragment (a JSON body, JSON-LD articleBody); credits found in its
    // captions are added to `credits`.
    static std::vector<std::string> fragment_paragraphs(std::string_view html, std::vector<std::string>& credits);
};

// HtmlReader::sniff as a free function, for readers that must not claim HTML.
bool looks_like_html_document(std::string_view head);

}  // namespace factgraph::importers
