#include "formats/html_reader.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "factgraph/core/text.hpp"
#include "factgraph/importers/date_parser.hpp"
#include "formats/boilerplate.hpp"
#include "formats/json_reader.hpp"

namespace factgraph::importers {
namespace {

using nlohmann::json;

// Gumbo 0.10 spends time quadratic in the nesting depth and frees its tree recursively, so
// nesting beyond this is flattened before parsing. Real pages stay far below it.
constexpr std::size_t kMaxDepth = 400;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& set) {
    return std::find(set.begin(), set.end(), s) != set.end();
}

constexpr std::array<std::string_view, 19> kVoidElements = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "bgsound", "frame"};
constexpr std::array<std::string_view, 8> kRawTextElements = {
    "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"};
constexpr std::array<std::string_view, 33> kClosesParagraph = {
    "p", "div", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
    "aside", "header", "footer", "nav", "blockquote", "pre", "form", "figure", "main", "address",
    "details", "fieldset", "figcaption", "hr", "menu", "summary", "center", "li", "hgroup"};

// Case-insensitive search for an ASCII needle (already lower case).
std::size_t find_icase(std::string_view hay, std::string_view needle, std::size_t from) {
    for (auto at = hay.find('<', from); at != std::string_view::npos; at = hay.find('<', at + 1))
        if (hay.size() - at >= needle.size() && text::ascii_lower(hay.substr(at, needle.size())) == needle)
            return at;
    return std::string_view::npos;
}

// Drops start tags nested deeper than kMaxDepth, and their end tags. The depth count follows
// HTML's implicit closes (p, li, td...) and tokenises tags the way HTML does, so that it agrees
// with the parser about what is open.
std::string limit_depth(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    std::vector<std::string> open;
    std::unordered_map<std::string, std::size_t> suppressed;
    std::size_t i = 0;
    while (i < html.size()) {
        auto lt = html.find('<', i);
        if (lt == std::string_view::npos) {
            out.append(html.substr(i));
            break;
        }
        out.append(html.substr(i, lt - i));
        i = lt;
        std::string_view rest = html.substr(i);
        if (rest.substr(0, 4) == "<!--") {
            auto end = html.find("-->", i + 4);
            std::size_t stop = end == std::string_view::npos ? html.size() : end + 3;
            out.append(html.substr(i, stop - i));
            i = stop;
            continue;
        }
        if (rest.size() >= 2 && (rest[1] == '!' || rest[1] == '?')) {
            auto end = html.find('>', i);
            std::size_t stop = end == std::string_view::npos ? html.size() : end + 1;
            out.append(html.substr(i, stop - i));
            i = stop;
            continue;
        }
        bool closing = rest.size() >= 2 && rest[1] == '/';
        std::size_t name_start = i + (closing ? 2 : 1);
        if (name_start >= html.size() || !is_alpha(html[name_start])) {
            out += '<';
            ++i;
            continue;
        }
        std::size_t name_end = name_start;
        while (name_end < html.size() && !is_space(html[name_end]) && html[name_end] != '>' && html[name_end] != '/')
            ++name_end;
        std::string name = text::ascii_lower(html.substr(name_start, name_end - name_start));
        // Find the end of the tag; only a quote right after '=' opens a quoted value.
        std::size_t j = name_end;
        while (j < html.size() && html[j] != '>') {
            if (html[j] == '=') {
                ++j;
                while (j < html.size() && is_space(html[j])) ++j;
                if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
                    auto close = html.find(html[j], j + 1);
                    j = close == std::string_view::npos ? html.size() : close + 1;
                }
                continue;
            }
            ++j;
        }
        std::size_t tag_end = j < html.size() ? j + 1 : html.size();
        std::string_view tag = html.substr(i, tag_end - i);
        i = tag_end;

        if (closing) {
            if (auto it = suppressed.find(name); it != suppressed.end() && it->second > 0) {
                --it->second;
                continue;
            }
            for (std::size_t k = open.size(); k-- > 0;)
                if (open[k] == name) {
                    open.resize(k);
                    break;
                }
            out.append(tag);
            continue;
        }
        if (one_of(name, kVoidElements)) {
            out.append(tag);
            continue;
        }
        if (one_of(name, kRawTextElements)) {
            out.append(tag);
            auto end = find_icase(html, "</" + name, i);
            std::size_t stop = end == std::string_view::npos ? html.size() : end;
            out.append(html.substr(i, stop - i));
            i = stop;
            continue;
        }
        if (name == "plaintext") {
            out.append(tag);
            out.append(html.substr(i));
            break;
        }
        if (!open.empty()) {
            const std::string& top = open.back();
            if (top == "p" && one_of(name, kClosesParagraph)) open.pop_back();
        }
        if (!open.empty()) {
            const std::string& top = open.back();
            bool cell = top == "td" || top == "th";
            if ((name == "li" && top == "li") || (name == "option" && top == "option") ||
                ((name == "dt" || name == "dd") && (top == "dt" || top == "dd")) ||
                ((name == "td" || name == "th" || name == "tr") && cell))
                open.pop_back();
            if (name == "tr" && !open.empty() && open.back() == "tr") open.pop_back();
        }
        if (open.size() >= kMaxDepth) {
            ++suppressed[name];
            continue;
        }
        open.push_back(std::move(name));
        out.append(tag);
    }
    return out;
}

// Owns one parsed document; gumbo's tree lives as long as this object.
class GumboDocument {
public:
    explicit GumboDocument(std::string_view html) : m_html(limit_depth(html)), m_options(kGumboDefaultOptions) {
        m_options.max_errors = 0;  // errors are never read; don't let hostile input grow the list
        m_output = gumbo_parse_with_options(&m_options, m_html.data(), m_html.size());
    }
    ~GumboDocument() {
        if (m_output) gumbo_destroy_output(&m_options, m_output);
    }
    GumboDocument(const GumboDocument&) = delete;
    GumboDocument& operator=(const GumboDocument&) = delete;
    const GumboNode* root() const { return m_output ? m_output->root : nullptr; }

private:
    std::string m_html;
    GumboOptions m_options;
    GumboOutput* m_output = nullptr;
};

bool is_element(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }
bool is_text(const GumboNode* n) {
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA;
}
GumboTag tag_of(const GumboNode* n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN; }

const GumboVector* children_of(const GumboNode* n) {
    if (is_element(n)) return &n->v.element.children;
    if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
    return nullptr;
}

const char* attribute(const GumboNode* n, const char* name) {
    if (!is_element(n)) return nullptr;
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : nullptr;
}

std::string attribute_lower(const GumboNode* n, const char* name) {
    const char* v = attribute(n, name);
    return v ? text::ascii_lower(v) : std::string();
}

bool has_content_to_skip(GumboTag t) {
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE;
}

// Pre-order walk without recursion; `visit` returns false to skip a node's children.
template <class Visit>
void walk(const GumboNode* root, Visit&& visit) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (!visit(n)) continue;
        if (const GumboVector* kids = children_of(n))
            for (unsigned k = kids->length; k-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids->data[k]));
    }
}

std::string text_of(const GumboNode* root) {
    std::string out;
    walk(root, [&](const GumboNode* n) {
        if (is_text(n)) {
            out += n->v.text.text;
            return false;
        }
        if (tag_of(n) == GUMBO_TAG_BR) out += ' ';
        return !has_content_to_skip(tag_of(n));
    });
    return text::collapse_whitespace(out);
}

// Lower-case words of the class and id attributes, split at punctuation and camelCase humps:
// "shareButtons related-links" -> share buttons related links.
std::vector<std::string> class_words(const GumboNode* n) {
    std::vector<std::string> words;
    for (const char* attr : {"class", "id"}) {
        const char* v = attribute(n, attr);
        if (!v) continue;
        std::string cur;
        char prev = 0;
        for (const char* p = v; *p; ++p) {
            char c = *p;
            bool hump = c >= 'A' && c <= 'Z' && prev >= 'a' && prev <= 'z';
            if (!is_alnum(c) || hump) {
                if (!cur.empty()) words.push_back(std::move(cur));
                cur.clear();
            }
            if (is_alnum(c)) cur += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            prev = c;
        }
        if (!cur.empty()) words.push_back(std::move(cur));
        if (words.size() > 64) break;
    }
    return words;
}

constexpr std::array<std::string_view, 40> kNoiseWords = {
    "share", "sharing", "shares", "social", "related", "newsletter", "newsletters", "advert",
    "adverts", "advertisement", "advertising", "ad", "ads", "promo", "promos", "promotion",
    "comment", "comments", "caption", "captions", "byline", "bylines", "sidebar", "cookie",
    "cookies", "subscribe", "subscription", "recommended", "recirculation", "outbrain", "taboola",
    "popup", "modal", "breadcrumb", "breadcrumbs", "toolbar", "credit", "credits", "author", "hidden"};
constexpr std::array<std::string_view, 5> kCreditWords = {"credit", "credits", "copyright", "photographer", "attribution"};
constexpr std::array<std::string_view, 4> kBylineWords = {"byline", "bylines", "author", "authors"};

bool has_word(const std::vector<std::string>& words, const auto& set) {
    for (const auto& w : words)
        if (one_of(w, set)) return true;
    return false;
}

bool is_noise(const GumboNode* n) {
    std::string role = attribute_lower(n, "role");
    if (role == "navigation" || role == "complementary" || role == "banner" || role == "contentinfo" ||
        role == "dialog")
        return true;
    return has_word(class_words(n), kNoiseWords);
}

bool is_hidden(const GumboNode* n) {
    if (attribute(n, "hidden")) return true;
    if (attribute_lower(n, "aria-hidden") == "true") return true;
    std::string style = attribute_lower(n, "style");
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

// Never body text, whatever their size.
bool is_dropped_tag(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
        case GUMBO_TAG_ASIDE: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_BUTTON: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_H1: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_MENU:
        case GUMBO_TAG_IMG:
            return true;
        default:
            return false;
    }
}

// Dropped unless they hold most of the text: some sites wrap the whole page in a <form>.
bool is_droppable_wrapper(GumboTag t) {
    return t == GUMBO_TAG_HEADER || t == GUMBO_TAG_FOOTER || t == GUMBO_TAG_FORM;
}

bool is_block(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_MAIN: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
        case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
        case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
        case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER: case GUMBO_TAG_HR: case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_SUMMARY: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_HGROUP:
        case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_FORM: case GUMBO_TAG_BR:
            return true;
        default:
            return false;
    }
}

// Text length of every element and, for each element, the text of its <p> children: the
// readability score that finds the body when the page has no <article> or <main>.
struct Lengths {
    std::unordered_map<const GumboNode*, std::size_t> text;
    std::unordered_map<const GumboNode*, std::size_t> paragraph_text;
    std::size_t of(const GumboNode* n) const {
        auto it = text.find(n);
        return it == text.end() ? 0 : it->second;
    }
};

Lengths measure(const GumboNode* root) {
    Lengths lengths;
    struct Frame { const GumboNode* node; unsigned next; std::size_t total; };
    std::vector<Frame> stack{{root, 0, 0}};
    while (!stack.empty()) {
        Frame& f = stack.back();
        const GumboVector* kids = has_content_to_skip(tag_of(f.node)) ? nullptr : children_of(f.node);
        if (kids && f.next < kids->length) {
            auto* child = static_cast<const GumboNode*>(kids->data[f.next++]);
            if (is_text(child)) f.total += text::collapse_whitespace(child->v.text.text).size();
            else if (children_of(child)) stack.push_back({child, 0, 0});
            continue;
        }
        Frame done = f;
        stack.pop_back();
        lengths.text[done.node] = done.total;
        if (!stack.empty()) {
            stack.back().total += done.total;
            if (tag_of(done.node) == GUMBO_TAG_P) lengths.paragraph_text[stack.back().node] += done.total;
        }
    }
    return lengths;
}

std::string credit_from_element(std::string_view raw) {
    std::string t = text::collapse_whitespace(raw);
    if (auto credit = boilerplate::caption_credit(t)) return *credit;
    std::string_view v = t;
    if (v.size() >= 2 && v.front() == '(' && v.back() == ')') v = v.substr(1, v.size() - 2);
    if (auto credit = boilerplate::caption_credit("Credit: " + std::string(v))) return *credit;
    return {};
}

// Captions and credits are short; a long one is not worth reading (and nested ones would make
// reading them quadratic).
constexpr std::size_t kMaxCaptionBytes = 2000;

// Photo credits inside a subtree that is being dropped (a figure, a caption).
void harvest_credits(const GumboNode* root, const Lengths& lengths, std::vector<std::string>& credits) {
    walk(root, [&](const GumboNode* n) {
        if (!is_element(n) || has_content_to_skip(tag_of(n))) return false;
        auto words = class_words(n);
        bool small = lengths.of(n) <= kMaxCaptionBytes;
        if (has_word(words, kCreditWords)) {
            if (small) boilerplate::add_credit(credits, credit_from_element(text_of(n)));
            return false;
        }
        if (small && (tag_of(n) == GUMBO_TAG_FIGCAPTION || has_word(words, std::array<std::string_view, 2>{"caption", "captions"}))) {
            if (auto credit = boilerplate::caption_credit(text_of(n))) boilerplate::add_credit(credits, *credit);
        }
        return true;
    });
}

// A <time> that is a paragraph of its own is the page's dateline; inside a sentence it is text.
bool is_standalone_time(const GumboNode* n, const GumboNode* container) {
    if (tag_of(n) != GUMBO_TAG_TIME) return false;
    for (const GumboNode* p = n->parent; p && p != container; p = p->parent) {
        switch (tag_of(p)) {
            case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DD: case GUMBO_TAG_TD:
            case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
                return false;
            default:
                break;
        }
    }
    return true;
}

// Paragraphs of the body inside `container`: block elements start and end paragraphs, noise is
// dropped, and what a caption credits is kept.
std::vector<std::string> extract_paragraphs(const GumboNode* container, const Lengths& lengths,
                                            std::vector<std::string>& credits) {
    std::vector<std::string> paragraphs;
    std::string buf;
    auto flush = [&] {
        std::string p = text::collapse_whitespace(buf);
        buf.clear();
        if (!p.empty()) paragraphs.push_back(std::move(p));
    };
    std::size_t container_len = lengths.of(container);
    struct Item { const GumboNode* node; bool leaving; };
    std::vector<Item> stack;
    auto push_children = [&](const GumboNode* n) {
        if (const GumboVector* kids = children_of(n))
            for (unsigned k = kids->length; k-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids->data[k]), false});
    };
    push_children(container);
    while (!stack.empty()) {
        Item item = stack.back();
        stack.pop_back();
        const GumboNode* n = item.node;
        if (item.leaving) {
            flush();
            continue;
        }
        if (is_text(n)) {
            buf += n->v.text.text;
            continue;
        }
        if (!is_element(n)) continue;
        GumboTag t = tag_of(n);
        bool small = lengths.of(n) * 2 < container_len;
        if (is_dropped_tag(t) || is_hidden(n) || is_standalone_time(n, container) ||
            ((is_droppable_wrapper(t) || is_noise(n)) && small)) {
            harvest_credits(n, lengths, credits);
            buf += ' ';  // a dropped inline element still separates the words around it
            continue;
        }
        if (is_block(t)) {
            flush();
            stack.push_back({n, true});
        }
        push_children(n);
    }
    flush();
    return paragraphs;
}

struct Page {
    std::string title_tag, h1, canonical, time_datetime, byline_element;
    std::map<std::string, std::string> meta;  // first value of each property/name/itemprop
    std::vector<std::string> json_ld;
    std::vector<const GumboNode*> articles, article_bodies, mains;
    const GumboNode* body = nullptr;
};

Page collect(const GumboNode* root, const Lengths& lengths) {
    Page page;
    bool time_is_publication = false;
    walk(root, [&](const GumboNode* n) {
        if (!is_element(n)) return n->type == GUMBO_NODE_DOCUMENT;
        GumboTag t = tag_of(n);
        switch (t) {
            case GUMBO_TAG_TITLE:
                if (page.title_tag.empty()) page.title_tag = text_of(n);
                return false;
            case GUMBO_TAG_META: {
                const char* content = attribute(n, "content");
                for (const char* key : {"property", "name", "itemprop"}) {
                    const char* k = attribute(n, key);
                    if (k && content) page.meta.emplace(text::ascii_lower(text::trim(k)), text::collapse_whitespace(content));
                }
                return false;
            }
            case GUMBO_TAG_LINK:
                if (page.canonical.empty() && (" " + attribute_lower(n, "rel") + " ").find(" canonical ") != std::string::npos)
                    if (const char* href = attribute(n, "href")) page.canonical = text::trim(href);
                return false;
            case GUMBO_TAG_SCRIPT:
                if (attribute_lower(n, "type").find("ld+json") != std::string::npos && n->v.element.children.length > 0) {
                    auto* child = static_cast<const GumboNode*>(n->v.element.children.data[0]);
                    if (is_text(child)) page.json_ld.emplace_back(child->v.text.text);
                }
                return false;
            case GUMBO_TAG_BODY:
                if (!page.body) page.body = n;
                break;
            case GUMBO_TAG_ARTICLE:
                page.articles.push_back(n);
                break;
            case GUMBO_TAG_MAIN:
                page.mains.push_back(n);
                break;
            case GUMBO_TAG_H1:
                if (page.h1.empty()) page.h1 = text_of(n);
                break;
            case GUMBO_TAG_TIME:
                if (const char* dt = attribute(n, "datetime")) {
                    bool publication = attribute(n, "pubdate") || attribute_lower(n, "itemprop") == "datepublished";
                    if (page.time_datetime.empty() || (publication && !time_is_publication)) {
                        page.time_datetime = dt;
                        time_is_publication = publication;
                    }
                }
                break;
            default:
                break;
        }
        if (attribute_lower(n, "itemprop") == "articlebody") page.article_bodies.push_back(n);
        if (attribute_lower(n, "role") == "main") page.mains.push_back(n);
        if (page.byline_element.empty() && lengths.of(n) <= 200 &&
            (has_word(class_words(n), kBylineWords) || attribute_lower(n, "rel") == "author" ||
             attribute_lower(n, "itemprop") == "author")) {
            std::string t2 = text_of(n);
            if (auto name = boilerplate::byline_name(t2)) page.byline_element = *name;
            else if (!t2.empty() && text::codepoint_length(t2) <= 80 && boilerplate::is_heading_like(t2)) page.byline_element = t2;
        }
        return !has_content_to_skip(t);
    });
    return page;
}

// What a schema.org NewsArticle in JSON-LD says about the page.
struct LinkedData {
    std::string headline, published, byline, outlet, url, body;
    std::vector<std::string> credits;
};

std::string clean_string(const json& v) {
    return v.is_string() ? text::collapse_whitespace(boilerplate::decode_entities(v.get<std::string>())) : std::string();
}

bool is_article_type(const json& type) {
    static constexpr std::array<std::string_view, 14> kTypes = {
        "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting",
        "liveblogposting", "report", "satiricalarticle", "techarticle", "scholarlyarticle"};
    auto matches = [&](const json& t) {
        if (!t.is_string()) return false;
        std::string s = text::ascii_lower(t.get<std::string>());
        if (auto slash = s.find_last_of("/:"); slash != std::string::npos) s.erase(0, slash + 1);
        return one_of(std::string_view(s), kTypes);
    };
    if (type.is_array()) return std::any_of(type.begin(), type.end(), matches);
    return matches(type);
}

const json* find_article(const json& doc) {
    std::vector<const json*> candidates;
    auto add = [&](const json& v) {
        if (!v.is_object()) return;
        candidates.push_back(&v);
        if (auto g = v.find("@graph"); g != v.end() && g->is_array())
            for (const auto& item : *g) candidates.push_back(&item);
    };
    if (doc.is_array()) {
        for (const auto& item : doc) add(item);
    } else {
        add(doc);
    }
    for (const json* c : candidates)
        if (c->is_object() && c->contains("@type") && is_article_type((*c)["@type"])) return c;
    return nullptr;
}

LinkedData read_linked_data(const std::vector<std::string>& scripts) {
    LinkedData ld;
    for (const auto& script : scripts) {
        json doc = json::parse(script, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
        if (doc.is_discarded()) continue;
        const json* a = find_article(doc);
        if (!a) continue;
        const json& o = *a;
        auto field = [&](const char* key) { return o.contains(key) ? clean_string(o[key]) : std::string(); };
        ld.headline = field("headline");
        if (ld.headline.empty()) ld.headline = field("name");
        ld.published = parse_date(field("datePublished"));
        if (ld.published.empty()) ld.published = parse_date(field("dateCreated"));
        if (o.contains("author")) ld.byline = text::collapse_whitespace(boilerplate::decode_entities(json_names(o["author"])));
        if (o.contains("publisher")) {
            const json& p = o["publisher"];
            ld.outlet = p.is_object() && p.contains("name") ? clean_string(p["name"]) : clean_string(p);
        }
        ld.url = field("url");
        if (ld.url.empty() && o.contains("mainEntityOfPage")) {
            const json& m = o["mainEntityOfPage"];
            ld.url = m.is_object() && m.contains("@id") ? clean_string(m["@id"]) : clean_string(m);
        }
        if (o.contains("articleBody") && o["articleBody"].is_string()) ld.body = o["articleBody"].get<std::string>();
        if (o.contains("image")) {
            const json& img = o["image"];
            auto credit_of = [&](const json& i) {
                if (!i.is_object()) return;
                if (i.contains("creditText")) boilerplate::add_credit(ld.credits, clean_string(i["creditText"]));
                else if (i.contains("copyrightHolder")) boilerplate::add_credit(ld.credits, json_names(i["copyrightHolder"]));
            };
            if (img.is_array()) {
                for (const auto& i : img) credit_of(i);
            } else {
                credit_of(img);
            }
        }
        return ld;
    }
    return ld;
}

std::string meta_value(const Page& page, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (auto it = page.meta.find(k); it != page.meta.end() && !it->second.empty()) return it->second;
    return {};
}

// "Headline | The Outlet" -> "Headline".
std::string strip_site_suffix(std::string title, std::string_view outlet) {
    for (std::string_view sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
        auto at = title.rfind(sep);
        if (at == std::string::npos || at == 0) continue;
        std::string_view tail = std::string_view(title).substr(at + sep.size());
        bool is_outlet = !outlet.empty() && text::normalize_name(tail) == text::normalize_name(outlet);
        if (is_outlet || (sep == " | " && boilerplate::is_heading_like(tail) && text::codepoint_length(tail) <= 40)) {
            title.resize(at);
            return title;
        }
    }
    return title;
}

bool html_sniff(std::string_view head) {
    std::string_view h = boilerplate::skip_bom_and_space(head);
    for (int k = 0; k < 16; ++k) {
        std::string_view close;
        if (h.substr(0, 4) == "<!--") close = "-->";
        else if (h.substr(0, 5) == "<?xml") close = "?>";
        else break;
        auto end = h.find(close);
        if (end == std::string_view::npos) return false;
        h = boilerplate::skip_bom_and_space(h.substr(end + close.size()));
    }
    std::string lower = text::ascii_lower(h.substr(0, 20));
    if (lower.rfind("<!doctype html", 0) == 0) return true;
    // A document that opens with a known HTML element ("<html", "<body", "<article", "<div"...).
    if (lower.size() < 2 || lower[0] != '<' || !is_alpha(lower[1])) return false;
    std::size_t end = 1;
    while (end < lower.size() && is_alnum(lower[end])) ++end;
    if (end == lower.size() && lower.size() == 20) return false;  // no tag is that long
    if (end < lower.size() && !is_space(lower[end]) && lower[end] != '>' && lower[end] != '/') return false;
    std::string name = lower.substr(1, end - 1);
    return gumbo_tag_enum(name.c_str()) != GUMBO_TAG_UNKNOWN;
}

std::vector<std::string> body_paragraphs(std::string_view body, std::vector<std::string>& credits) {
    std::string_view t = text::trim(body);
    if (!t.empty() && t.front() == '<') return HtmlReader::fragment_paragraphs(body, credits);
    return boilerplate::assemble_paragraphs(boilerplate::split_lines(body));
}

}  // namespace

bool looks_like_html_document(std::string_view head) { return html_sniff(head); }

bool HtmlReader::sniff(std::string_view head) const { return html_sniff(head); }

std::vector<std::string> HtmlReader::fragment_paragraphs(std::string_view html, std::vector<std::string>& credits) {
    GumboDocument doc(boilerplate::sanitize_utf8(html));
    if (!doc.root()) return {};
    Lengths lengths = measure(doc.root());
    return extract_paragraphs(doc.root(), lengths, credits);
}

void HtmlReader::read(std::istream& in, const Source& source, ArticleSink& sink) const {
    std::string raw = boilerplate::read_document(in, source);
    GumboDocument doc(boilerplate::sanitize_utf8(boilerplate::strip_bom(raw)));
    raw.clear();
    if (!doc.root()) throw InputError(source.path, "HTML could not be parsed");
    Lengths lengths = measure(doc.root());
    Page page = collect(doc.root(), lengths);
    LinkedData ld = read_linked_data(page.json_ld);

    Article article;
    article.id = boilerplate::article_id(source);
    article.source = source.path;
    article.outlet = !ld.outlet.empty() ? ld.outlet : meta_value(page, {"og:site_name", "application-name", "publisher"});
    article.title = ld.headline;
    if (article.title.empty()) article.title = strip_site_suffix(meta_value(page, {"og:title", "twitter:title"}), article.outlet);
    if (article.title.empty()) article.title = page.h1;
    if (article.title.empty()) article.title = strip_site_suffix(page.title_tag, article.outlet);
    article.published = ld.published;
    for (const char* key : {"article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
                            "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
                            "parsely-pub-date", "sailthru.date"}) {
        if (!article.published.empty()) break;
        article.published = parse_date(meta_value(page, {key}));
    }
    if (article.published.empty()) article.published = parse_date(page.time_datetime);
    article.byline = ld.byline;
    for (const char* key : {"author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"}) {
        if (!article.byline.empty()) break;
        std::string v = meta_value(page, {key});
        if (v.rfind("http", 0) == 0) continue;  // a profile URL, not a name
        auto name = boilerplate::byline_name(v);
        article.byline = name ? *name : v;
    }
    if (article.byline.empty()) article.byline = page.byline_element;
    article.url = !page.canonical.empty() ? page.canonical : meta_value(page, {"og:url", "twitter:url"});
    if (article.url.empty()) article.url = ld.url;
    article.credits = ld.credits;

    // Most specific container first; one that holds far less than the page's densest block of
    // paragraphs is a teaser, not the story.
    const GumboNode* densest = nullptr;
    std::size_t densest_score = 0;
    walk(doc.root(), [&](const GumboNode* n) {  // document order keeps ties deterministic
        if (auto it = lengths.paragraph_text.find(n); it != lengths.paragraph_text.end() && it->second > densest_score) {
            densest = n;
            densest_score = it->second;
        }
        return !has_content_to_skip(tag_of(n));
    });
    auto largest = [&](const std::vector<const GumboNode*>& nodes) -> const GumboNode* {
        const GumboNode* best = nullptr;
        for (auto* n : nodes)
            if (!best || lengths.of(n) > lengths.of(best)) best = n;
        return best;
    };
    std::vector<const GumboNode*> candidates = {largest(page.articles), largest(page.article_bodies),
                                                largest(page.mains), densest, page.body};
    std::vector<std::string> best_paragraphs;
    boilerplate::Metadata best_meta;
    std::size_t best_size = 0;
    for (const GumboNode* c : candidates) {
        if (!c) continue;
        boilerplate::Metadata meta;
        std::vector<std::string> paragraphs = extract_paragraphs(c, lengths, meta.credits);
        std::vector<boilerplate::Line> lines;
        for (std::size_t k = 0; k < paragraphs.size(); ++k)
            if (k > 0 || paragraphs[k] != article.title) lines.push_back({std::move(paragraphs[k]), k});
        boilerplate::strip_header(lines, meta);
        boilerplate::strip_boilerplate(lines, meta);
        std::size_t size = 0;
        paragraphs.clear();
        for (auto& l : lines) {
            size += l.text.size();
            paragraphs.push_back(std::move(l.text));
        }
        bool enough = size > 0 && size * 4 >= densest_score;
        if (enough || size > best_size) {
            best_paragraphs = std::move(paragraphs);
            best_meta = std::move(meta);
            best_size = size;
        }
        if (enough) break;
    }
    if (best_paragraphs.empty() && !ld.body.empty()) best_paragraphs = body_paragraphs(ld.body, best_meta.credits);
    article.text = boilerplate::join_paragraphs(best_paragraphs);
    if (article.text.empty()) throw InputError(source.path, "empty article");
    if (article.published.empty()) article.published = best_meta.published;
    if (article.byline.empty()) article.byline = best_meta.byline;
    for (auto& c : best_meta.credits) boilerplate::add_credit(article.credits, std::move(c));
    sink.article(std::move(article));
}

}  // namespace factgraph::importers
