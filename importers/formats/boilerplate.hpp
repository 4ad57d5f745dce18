#pragma once
// Cleanup shared by the format readers: bounded input, line and paragraph splitting, and the
// removal of what surrounds an article's body (photo captions, headline rails, bylines).
// Every rule here is generic: it looks at the shape of a line, never at one outlet's wording.
#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "factgraph/importers/reader.hpp"

namespace factgraph::importers::boilerplate {

// One article is never this big; a larger input is a mistake or an attack.
inline constexpr std::size_t kMaxDocumentBytes = std::size_t{256} << 20;

// Reads all of `in`, throwing InputError when it exceeds max_bytes.
std::string read_document(std::istream& in, const Source& source, std::size_t max_bytes = kMaxDocumentBytes);

// Replaces invalid UTF-8 with U+FFFD and drops control characters other than tab and newlines,
// so that everything downstream may assume valid text.
std::string sanitize_utf8(std::string_view s);

std::string_view strip_bom(std::string_view s);
std::string_view skip_bom_and_space(std::string_view s);

// Article id derived from the input's file name ("pegasus-2021-07-21"), "stdin" for "-".
std::string article_id(const Source& source);

// Decodes the character references HTML puts into JSON-LD and feeds (&amp;, &#8217;, &rsquo;...).
std::string decode_entities(std::string_view s);

struct Line {
    std::string text;       // trimmed, inner whitespace collapsed, never empty
    std::size_t block = 0;  // lines of one block were separated by no blank line
};

// Splits text into non-empty lines; a blank line starts a new block.
std::vector<Line> split_lines(std::string_view text);

// Turns the surviving lines into paragraphs: a block is one paragraph when it is hard-wrapped,
// else each of its lines is a paragraph.
std::vector<std::string> assemble_paragraphs(const std::vector<Line>& lines);

// Paragraphs joined by a blank line: the exact form of Article::text.
std::string join_paragraphs(const std::vector<std::string>& paragraphs);

// The credit when the line is a photo caption ("... Picture: PA", "... (Phil Noble/PA)").
std::optional<std::string> caption_credit(std::string_view line);
// The name when the line is a standalone byline ("By Press Association").
std::optional<std::string> byline_name(std::string_view line);
// A short line that starts a trailing list of other headlines ("Latest World News", "Related").
bool is_rail_marker(std::string_view line);
// A line that is never body on its own ("Advertisement", "Read more: ...").
bool is_junk_line(std::string_view line);
// Short, no sentence-final punctuation: a heading, an image's alt title or a headline.
bool is_heading_like(std::string_view line);

void add_credit(std::vector<std::string>& credits, std::string credit);

struct Metadata {
    std::string published;
    std::string byline;
    std::vector<std::string> credits;
};

// Removes date and byline lines from the top of the lines (at most a few), filling `meta` where
// it is still empty.
void strip_header(std::vector<Line>& lines, Metadata& meta);

// Removes captions (and their alt titles), junk lines, a trailing headline rail and a closing
// byline with everything after it; records credits and the byline in `meta`.
void strip_boilerplate(std::vector<Line>& lines, Metadata& meta);

}  // namespace factgraph::importers::boilerplate
