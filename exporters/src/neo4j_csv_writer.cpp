// Input for `neo4j-admin database import full --nodes=actors.csv --relationships=relationships.csv`.
// The files follow the tool's defaults (',' between fields, ';' inside arrays, '"' quotes doubled,
// no multi-line fields) so no import option is needed.
#include "actor_style.hpp"
#include "factgraph/core/text.hpp"
#include "factgraph/exporters/graph_export.hpp"

namespace factgraph::exporters {

namespace {

// One line per record: line breaks and tabs become spaces, other control characters go, invalid
// UTF-8 becomes U+FFFD. `array` also replaces the array delimiter, which the importer cannot escape.
std::string clean(std::string_view s, bool array = false) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = text::decode(s, i);
        if (cp == '\n' || cp == '\r' || cp == '\t') cp = ' ';
        else if (cp < 0x20 || cp == 0x7F) continue;
        else if (array && cp == ';') cp = ',';
        text::append_utf8(out, cp);
    }
    return out;
}

// Empty values are left unquoted so the importer stores no property rather than "".
std::string quoted(std::string_view s) {
    if (s.empty()) return {};
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string field(std::string_view s) { return quoted(clean(s)); }

std::string type_label(ActorType t) {
    switch (t) {
        case ActorType::Person: return "Person";
        case ActorType::Organization: return "Organization";
        case ActorType::Location: return "Location";
        case ActorType::Product: return "Product";
        case ActorType::Group: return "Group";
        case ActorType::Other: return "Other";
    }
    return "Other";
}

// Relationship types are plain Cypher names: "based in" becomes BASED_IN, usable without backticks
// (the predicate itself stays in the label property, accents and all).
std::string relationship_type(const GraphEdge& e) {
    if (e.kind == GraphEdge::Kind::Claim) return "SAID_ABOUT";
    std::string out;
    bool gap = false;
    for (char c : e.label) {
        bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!word) {
            gap = true;
            continue;
        }
        if (gap && !out.empty()) out += '_';
        gap = false;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (out.empty()) return "RELATED_TO";
    if (out[0] >= '0' && out[0] <= '9') out = "R_" + out;
    return out;
}

}  // namespace

void write_neo4j_csv(const Graph& graph, std::ostream& actors, std::ostream& relationships) {
    actors << "actorId:ID(Actor),name,type,aliases:string[],mentions:int,articles:int,:LABEL\n";
    for (const auto& n : graph.nodes) {
        std::string aliases;
        for (const auto& a : n.aliases) {
            std::string item = clean(a, true);
            if (!item.empty()) aliases += (aliases.empty() ? "" : ";") + item;
        }
        actors << n.id << ',' << field(n.name) << ',' << to_string(n.type) << ',' << quoted(aliases) << ','
               << n.mentions << ',' << n.articles << ",Actor;" << type_label(n.type) << '\n';
    }
    relationships << ":START_ID(Actor),:END_ID(Actor),:TYPE,label,stance,asserted_by,sources:int,evidence,count:int,"
                     "origin\n";
    for (const auto& e : graph.edges) {
        bool claim = e.kind == GraphEdge::Kind::Claim;
        relationships << e.source << ',' << e.target << ',' << relationship_type(e) << ',' << field(e.label) << ','
                      << (claim ? std::string(to_string(e.stance)) : std::string()) << ',' << field(e.asserted_by)
                      << ',' << e.sources << ',' << field(e.evidence) << ',' << e.count << ',' << field(e.origin)
                      << '\n';
    }
}

}  // namespace factgraph::exporters
