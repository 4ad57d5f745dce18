#include "formats/json_reader.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <nlohmann/json.hpp>
#include <sstream>

#include "factgraph/core/text.hpp"
#include "factgraph/importers/date_parser.hpp"
#include "formats/boilerplate.hpp"
#include "formats/html_reader.hpp"

namespace factgraph::importers {
namespace {

using nlohmann::json;

constexpr std::initializer_list<const char*> kTextKeys = {"text", "body", "content", "articleBody", "article"};

const json* first_field(const json& o, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (auto it = o.find(k); it != o.end() && !it->is_null()) return &*it;
    return nullptr;
}

std::string clean(std::string_view s) {
    return text::collapse_whitespace(boilerplate::decode_entities(boilerplate::sanitize_utf8(s)));
}

std::string string_field(const json& o, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (auto it = o.find(k); it != o.end() && it->is_string())
            if (std::string s = clean(it->get_ref<const std::string&>()); !s.empty()) return s;
    return {};
}

// "starts with '<' and contains tags", or plain text with paragraph tags inside.
bool looks_like_html(std::string_view s) {
    std::string_view t = text::trim(s);
    if (t.size() >= 3 && t[0] == '<' && t.find('>') != std::string_view::npos) {
        char c = t[1];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '!' || c == '/') return true;
    }
    std::string head = text::ascii_lower(t.substr(0, 1 << 16));
    return head.find("</p>") != std::string::npos || head.find("<br") != std::string::npos ||
           head.find("<p>") != std::string::npos;
}

std::string date_from(const json& v) {
    if (v.is_string()) return parse_date(v.get_ref<const std::string&>());
    if (v.is_number()) {
        // Unix time, in seconds or (JavaScript) milliseconds.
        double d = v.get<double>();
        if (d >= 1e11 && d < 1e14) d /= 1000;
        if (d >= 1e8 && d < 1e11) return iso_from_unix_seconds(static_cast<std::int64_t>(d));
    }
    return {};
}

// "[json.exception.parse_error.101] parse error at line 3, column 7: syntax error ..." -> "syntax error ...":
// the line travels in InputError, and the column is noise next to it.
std::string json_error_reason(const std::string& what) {
    if (auto at = what.find("column "); at != std::string::npos)
        if (auto colon = what.find(": ", at); colon != std::string::npos) return "invalid JSON: " + what.substr(colon + 2);
    auto bracket = what.find("] ");
    return "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2));
}

std::size_t line_of_byte(std::string_view data, std::size_t byte) {
    byte = std::min(byte, data.size());
    return 1 + static_cast<std::size_t>(std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(byte), '\n'));
}

// Heads whose first line has not ended yet are JSON Lines from this length on.
constexpr std::size_t kLongFirstLine = 1024;

// A whole object on the first line and another object starting on the next non-blank line.
bool several_objects_on_lines(std::string_view head) {
    auto nl = head.find('\n');
    if (nl == std::string_view::npos) return false;
    std::string_view rest = boilerplate::skip_bom_and_space(head.substr(nl + 1));
    if (rest.empty() || rest[0] != '{') return false;
    return json::parse(head.substr(0, nl), nullptr, /*allow_exceptions=*/false).is_object();
}

bool first_line_is_object(std::string_view data) {
    std::string_view s = boilerplate::skip_bom_and_space(data);
    auto nl = s.find('\n');
    if (nl == std::string_view::npos) return false;
    json first = json::parse(s.substr(0, nl), nullptr, /*allow_exceptions=*/false);
    return first.is_object();
}

// Reads lines of at most max_bytes without ever holding more; a longer line is skipped whole.
class LineReader {
public:
    enum class Status { Line, TooLong, End };
    LineReader(std::istream& in, std::size_t max_bytes) : m_in(in), m_max(max_bytes) {}

    Status next(std::string& line) {
        line.clear();
        bool too_long = false, any = false;
        for (;;) {
            if (m_pos == m_end) {
                if (m_eof || !m_in) break;
                m_in.read(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
                m_end = static_cast<std::size_t>(m_in.gcount());
                m_pos = 0;
                if (m_end == 0) {
                    m_eof = true;
                    break;
                }
            }
            any = true;
            const char* start = m_buf.data() + m_pos;
            const void* nl = std::memchr(start, '\n', m_end - m_pos);
            std::size_t n = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : m_end - m_pos;
            if (!too_long) {
                if (line.size() + n > m_max) {
                    too_long = true;
                    std::string().swap(line);
                } else {
                    line.append(start, n);
                }
            }
            m_pos += n;
            if (nl) {
                ++m_pos;
                return too_long ? Status::TooLong : Status::Line;
            }
        }
        if (!any) return Status::End;
        return too_long ? Status::TooLong : Status::Line;
    }

private:
    std::istream& m_in;
    std::size_t m_max;
    std::array<char, 1 << 16> m_buf{};
    std::size_t m_pos = 0, m_end = 0;
    bool m_eof = false;
};

}  // namespace

std::string json_names(const json& value) {
    std::vector<std::string> names;
    auto add = [&](const json& v) {
        std::string name;
        if (v.is_string()) {
            name = clean(v.get_ref<const std::string&>());
        } else if (v.is_object()) {
            if (auto it = v.find("name"); it != v.end() && it->is_string()) name = clean(it->get_ref<const std::string&>());
        }
        if (!name.empty() && names.size() < 20 && std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(std::move(name));
    };
    if (value.is_array()) {
        for (const auto& v : value) add(v);
    } else {
        add(value);
    }
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

Article article_from_json(const json& o, const Source& source, std::string origin, std::string fallback_id,
                          std::size_t line) {
    Article a;
    a.source = std::move(origin);
    if (const json* id = first_field(o, {"id", "_id", "guid"})) {
        if (id->is_string()) a.id = clean(id->get_ref<const std::string&>());
        else if (id->is_number()) a.id = id->dump();
    }
    if (a.id.empty()) a.id = std::move(fallback_id);
    a.title = string_field(o, {"title", "headline"});
    a.url = string_field(o, {"url", "link", "canonical_url"});
    for (const char* key : {"date", "published", "datePublished", "published_at", "publishedAt", "pubDate",
                            "date_published", "publication_date"}) {
        if (auto it = o.find(key); it != o.end()) a.published = date_from(*it);
        if (!a.published.empty()) break;
    }
    for (const char* key : {"outlet", "source", "publisher", "site_name", "siteName", "site"}) {
        auto it = o.find(key);
        if (it == o.end()) continue;
        if (it->is_string()) a.outlet = clean(it->get_ref<const std::string&>());
        else if (it->is_object()) a.outlet = string_field(*it, {"name"});
        if (!a.outlet.empty()) break;
    }
    for (const char* key : {"author", "authors", "byline", "creator"}) {
        if (auto it = o.find(key); it != o.end()) a.byline = json_names(*it);
        if (!a.byline.empty()) break;
    }
    if (auto name = boilerplate::byline_name(a.byline)) a.byline = *name;  // "By Jane Doe"
    if (auto it = o.find("credits"); it != o.end()) {
        if (it->is_string()) boilerplate::add_credit(a.credits, clean(it->get_ref<const std::string&>()));
        else if (it->is_array())
            for (const auto& c : *it)
                if (c.is_string()) boilerplate::add_credit(a.credits, clean(c.get_ref<const std::string&>()));
    }

    const json* body = first_field(o, kTextKeys);
    std::string raw;
    bool has_text = false;
    if (body && body->is_string()) {
        raw = boilerplate::sanitize_utf8(body->get_ref<const std::string&>());
        has_text = true;
    } else if (body && body->is_array()) {  // a list of paragraphs
        for (const auto& p : *body)
            if (p.is_string()) raw += (raw.empty() ? "" : "\n\n") + boilerplate::sanitize_utf8(p.get_ref<const std::string&>());
        has_text = true;
    }
    std::vector<std::string> paragraphs;
    if (looks_like_html(raw)) {
        paragraphs = HtmlReader::fragment_paragraphs(raw, a.credits);
    } else {
        // A plain body pasted from a page carries its captions and closing byline like a text
        // file does: they are metadata, and left in the body their names would become actors.
        auto lines = boilerplate::split_lines(raw);
        boilerplate::Metadata meta;
        boilerplate::strip_boilerplate(lines, meta);
        if (a.byline.empty()) a.byline = std::move(meta.byline);
        for (auto& credit : meta.credits) boilerplate::add_credit(a.credits, std::move(credit));
        paragraphs = boilerplate::assemble_paragraphs(lines);
    }
    a.text = boilerplate::join_paragraphs(paragraphs);
    if (a.text.empty())
        throw InputError(source.path, has_text ? "empty article" : "no text (expected \"text\", \"body\" or \"content\")", line);
    return a;
}

bool JsonReader::sniff(std::string_view head) const {
    std::string_view h = boilerplate::skip_bom_and_space(head);
    if (h.empty() || (h[0] != '{' && h[0] != '[')) return false;
    if (several_objects_on_lines(h)) return false;  // JSON Lines, whatever the file is called
    std::string_view rest = boilerplate::skip_bom_and_space(h.substr(1));
    if (rest.empty()) return true;
    return h[0] == '{' ? rest[0] == '"' || rest[0] == '}' : rest[0] == '{' || rest[0] == ']';
}

void JsonReader::read(std::istream& in, const Source& source, ArticleSink& sink) const {
    std::string data = boilerplate::read_document(in, source);
    std::string_view body = boilerplate::strip_bom(data);
    json doc;
    try {
        doc = json::parse(body);
    } catch (const json::parse_error& e) {
        std::size_t line = line_of_byte(body, e.byte > 0 ? e.byte - 1 : 0);
        // JSON Lines saved as .json: the first line is a whole object and the error comes later.
        if (line > 1 && first_line_is_object(body)) {
            std::istringstream lines{std::string(body)};
            data.clear();
            JsonLinesReader().read(lines, source, sink);
            return;
        }
        throw InputError(source.path, json_error_reason(e.what()), line);
    } catch (const json::exception& e) {
        throw InputError(source.path, json_error_reason(e.what()));
    }
    data.clear();

    const json* items = doc.is_array() ? &doc : nullptr;
    if (doc.is_object() && !first_field(doc, kTextKeys)) {
        // News API dumps wrap their articles: {"status": "ok", "articles": [...]}.
        for (const char* key : {"articles", "items", "data", "results", "entries", "documents", "posts"})
            if (auto it = doc.find(key); it != doc.end() && it->is_array()) {
                items = &*it;
                break;
            }
    }
    std::string stem = boilerplate::article_id(source);
    if (!items) {
        if (!doc.is_object())
            throw InputError(source.path, std::string("expected a JSON object or an array of objects, got ") + doc.type_name());
        sink.article(article_from_json(doc, source, source.path, stem, 0));
        return;
    }
    if (items->empty()) throw InputError(source.path, "no articles: the JSON array is empty");
    std::size_t index = 0;
    for (const auto& item : *items) {
        ++index;
        std::string label = "article " + std::to_string(index) + ": ";
        if (!item.is_object()) {
            sink.error(InputError(source.path, label + "expected a JSON object, got " + item.type_name()));
            continue;
        }
        Article article;
        try {
            article = article_from_json(item, source, source.path, stem + "#" + std::to_string(index), 0);
        } catch (const InputError& e) {
            sink.error(InputError(source.path, label + e.reason()));
            continue;
        }
        sink.article(std::move(article));
    }
}

bool JsonLinesReader::sniff(std::string_view head) const {
    std::string_view h = boilerplate::skip_bom_and_space(head);
    if (h.empty() || h[0] != '{') return false;
    auto nl = h.find('\n');
    if (nl == std::string_view::npos) {
        // The first line does not fit in the head: far too long for a hand-formatted JSON
        // document, and what JSON Lines with a whole article on each line looks like.
        std::string_view rest = boilerplate::skip_bom_and_space(h.substr(1));
        return h.size() >= kLongFirstLine && !rest.empty() && rest[0] == '"';
    }
    json first = json::parse(h.substr(0, nl), nullptr, /*allow_exceptions=*/false);
    if (!first.is_object()) return false;
    std::string_view rest = boilerplate::skip_bom_and_space(h.substr(nl + 1));
    if (rest.empty()) return first_field(first, kTextKeys) != nullptr;  // a file of one article
    return rest[0] == '{';
}

void JsonLinesReader::read(std::istream& in, const Source& source, ArticleSink& sink) const {
    LineReader reader(in, kMaxLineBytes);
    const std::string stem = boilerplate::article_id(source);
    std::string line;
    std::size_t number = 0;
    for (;;) {
        auto status = reader.next(line);
        if (status == LineReader::Status::End) break;
        ++number;
        if (status == LineReader::Status::TooLong) {
            sink.error(InputError(source.path, "line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB; skipped", number));
            continue;
        }
        std::string_view v = number == 1 ? boilerplate::strip_bom(line) : std::string_view(line);
        if (boilerplate::skip_bom_and_space(v).empty()) continue;
        json object;
        try {
            object = json::parse(v);
        } catch (const json::exception& e) {
            sink.error(InputError(source.path, json_error_reason(e.what()), number));
            continue;
        }
        if (!object.is_object()) {
            sink.error(InputError(source.path, std::string("expected a JSON object, got ") + object.type_name(), number));
            continue;
        }
        std::string tag = std::to_string(number);
        Article article;
        try {
            article = article_from_json(object, source, source.path + ":" + tag, stem + ":" + tag, number);
        } catch (const InputError& e) {
            sink.error(e);
            continue;
        }
        sink.article(std::move(article));
    }
}

}  // namespace factgraph::importers
