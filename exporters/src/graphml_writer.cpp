// GraphML for Gephi, yEd and networkx. Every key declares attr.name and attr.type: Gephi reports
// an untyped key as an error, and yEd only shows typed data in its properties mapper.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "actor_style.hpp"
#include "factgraph/core/text.hpp"
#include "factgraph/exporters/graph_export.hpp"

namespace factgraph::exporters {

namespace {

// XML 1.0 allows only these code points, even as character references.
bool allowed_in_xml(char32_t cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
           (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Escapes for element content and attribute values alike; control characters XML forbids are
// dropped, invalid UTF-8 becomes U+FFFD. Tabs and line breaks are written as references so
// attribute-value normalisation cannot turn them into spaces.
std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = text::decode(s, i);
        if (!allowed_in_xml(cp)) continue;
        switch (cp) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\t': out += "&#9;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            default: text::append_utf8(out, cp);
        }
    }
    return out;
}

struct Key {
    const char* id;
    const char* domain;  // node | edge
    const char* name;
    const char* type;    // string | int | double | boolean
    const char* description;
};

// Gephi maps node keys named label, size, r, g, b and edge keys named label, weight, r, g, b onto
// its own label, size, colour and weight; the rest become typed columns.
constexpr Key kKeys[] = {
    {"n_label", "node", "label", "string", "actor name"},
    {"n_type", "node", "type", "string", "person, organization, location, product, group or other"},
    {"n_aliases", "node", "aliases", "string", "other names, separated by '; '"},
    {"n_mentions", "node", "mentions", "int", "times the actor is mentioned"},
    {"n_articles", "node", "articles", "int", "articles that mention the actor"},
    {"n_size", "node", "size", "double", "display size, grows with the square root of mentions"},
    {"n_r", "node", "r", "int", "red part of the actor type colour"},
    {"n_g", "node", "g", "int", "green part of the actor type colour"},
    {"n_b", "node", "b", "int", "blue part of the actor type colour"},
    {"e_kind", "edge", "kind", "string", "claim (speaker said something about target) or relation"},
    {"e_label", "edge", "label", "string", "cue lemma of a claim or predicate of a relation"},
    {"e_stance", "edge", "stance", "string", "claims: assert, deny, decline or other"},
    {"e_asserted_by", "edge", "asserted_by", "string", "relations: who says so, when reported speech"},
    {"e_attributed", "edge", "attributed", "boolean", "relation stated by another actor, not the outlet"},
    {"e_sources", "edge", "sources", "int", "distinct articles supporting the edge"},
    {"e_count", "edge", "count", "int", "supporting claims or relation mentions"},
    {"e_weight", "edge", "weight", "double", "equals sources"},
    {"e_evidence", "edge", "evidence", "string", "first supporting sentence or claim content"},
    {"e_origin", "edge", "origin", "string", "outlet and date of the evidence"},
    {"e_r", "edge", "r", "int", "red part of the edge colour"},
    {"e_g", "edge", "g", "int", "green part of the edge colour"},
    {"e_b", "edge", "b", "int", "blue part of the edge colour"},
};

void data(std::ostream& out, const char* key, std::string_view value, const char* indent) {
    if (value.empty()) return;  // a missing <data> means "no value" to every reader
    out << indent << "<data key=\"" << key << "\">" << xml_escape(value) << "</data>\n";
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

}  // namespace

void write_graphml(const Graph& graph, std::ostream& out) {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
           "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
           "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    for (const Key& k : kKeys)
        out << "  <key id=\"" << k.id << "\" for=\"" << k.domain << "\" attr.name=\"" << k.name << "\" attr.type=\""
            << k.type << "\">\n    <desc>" << xml_escape(k.description) << "</desc>\n  </key>\n";
    out << "  <graph id=\"factgraph\" edgedefault=\"directed\">\n";

    std::int64_t max_mentions = 1;
    for (const auto& n : graph.nodes) max_mentions = std::max(max_mentions, n.mentions);
    const char* in = "      ";
    for (const auto& n : graph.nodes) {
        out << "    <node id=\"a" << n.id << "\">\n";
        data(out, "n_label", n.name, in);
        data(out, "n_type", to_string(n.type), in);
        std::string aliases;
        for (const auto& a : n.aliases) aliases += (aliases.empty() ? "" : "; ") + a;
        data(out, "n_aliases", aliases, in);
        data(out, "n_mentions", std::to_string(n.mentions), in);
        data(out, "n_articles", std::to_string(n.articles), in);
        double scale = std::sqrt(static_cast<double>(n.mentions) / static_cast<double>(max_mentions));
        data(out, "n_size", number(10.0 + 30.0 * scale), in);
        detail::Rgb c = detail::rgb_of(detail::style_of(n.type).fill);
        data(out, "n_r", std::to_string(c.r), in);
        data(out, "n_g", std::to_string(c.g), in);
        data(out, "n_b", std::to_string(c.b), in);
        out << "    </node>\n";
    }
    std::size_t k = 0;
    for (const auto& e : graph.edges) {
        bool claim = e.kind == GraphEdge::Kind::Claim;
        out << "    <edge id=\"e" << k++ << "\" source=\"a" << e.source << "\" target=\"a" << e.target << "\">\n";
        data(out, "e_kind", detail::kind_name(e.kind), in);
        data(out, "e_label", e.label, in);
        if (claim) data(out, "e_stance", to_string(e.stance), in);
        data(out, "e_asserted_by", e.asserted_by, in);
        if (!claim) data(out, "e_attributed", e.asserted_by.empty() ? "false" : "true", in);
        data(out, "e_sources", std::to_string(e.sources), in);
        data(out, "e_count", std::to_string(e.count), in);
        data(out, "e_weight", number(static_cast<double>(e.sources)), in);
        data(out, "e_evidence", e.evidence, in);
        data(out, "e_origin", e.origin, in);
        detail::Rgb c = detail::rgb_of(detail::edge_colour(e));
        data(out, "e_r", std::to_string(c.r), in);
        data(out, "e_g", std::to_string(c.g), in);
        data(out, "e_b", std::to_string(c.b), in);
        out << "    </edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
}

}  // namespace factgraph::exporters
