#include "formats/text_reader.hpp"

#include "factgraph/core/text.hpp"
#include "formats/boilerplate.hpp"
#include "formats/html_reader.hpp"

namespace factgraph::importers {
namespace {

// A first line this long is a paragraph of a file that has no title.
constexpr std::size_t kMaxTitleCodepoints = 300;

}  // namespace

bool TextReader::sniff(std::string_view head) const {
    // HTML is text too, but read as text its markup would end up in the body.
    if (text::looks_binary(head) || looks_like_html_document(head)) return false;
    auto bad = text::find_invalid_utf8(head);
    if (bad == std::string_view::npos) return true;
    // `head` may end in the middle of a multi-byte sequence.
    auto lead = static_cast<unsigned char>(head[bad]);
    std::size_t need = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (need == 0 || head.size() - bad >= need) return false;
    for (std::size_t k = bad + 1; k < head.size(); ++k)
        if ((static_cast<unsigned char>(head[k]) & 0xC0) != 0x80) return false;
    return true;
}

void TextReader::read(std::istream& in, const Source& source, ArticleSink& sink) const {
    std::string raw = boilerplate::read_document(in, source);
    std::string clean = boilerplate::sanitize_utf8(boilerplate::strip_bom(raw));
    raw.clear();
    auto lines = boilerplate::split_lines(clean);

    Article article;
    article.id = boilerplate::article_id(source);
    article.source = source.path;
    if (!lines.empty() && text::codepoint_length(lines.front().text) <= kMaxTitleCodepoints) {
        article.title = std::move(lines.front().text);
        lines.erase(lines.begin());
    }
    boilerplate::Metadata meta;
    boilerplate::strip_header(lines, meta);
    boilerplate::strip_boilerplate(lines, meta);
    article.text = boilerplate::join_paragraphs(boilerplate::assemble_paragraphs(lines));
    if (article.text.empty()) throw InputError(source.path, "empty article");
    article.published = std::move(meta.published);
    article.byline = std::move(meta.byline);
    article.credits = std::move(meta.credits);
    sink.article(std::move(article));
}

}  // namespace factgraph::importers
