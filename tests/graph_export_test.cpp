#include "factgraph/exporters/graph_export.hpp"

#include <graphviz/cgraph.h>
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "factgraph/core/error.hpp"
#include "factgraph/exporters/diagram.hpp"
#include "golden.hpp"

using namespace factgraph;

namespace {

// Hostile names: quotes, angle brackets, an ampersand, a backslash, a semicolon (Neo4j's array
// delimiter), non-ASCII letters and a control character XML 1.0 cannot hold.
Graph sample_graph() {
    Graph g;
    g.nodes = {{1, "Kestrel \"K\" Systems", ActorType::Organization, {"Kestrel", "K; Sys"}, 6, 2},
               {2, "Helena <Voss> & Co", ActorType::Person, {}, 3, 1},
               {3, "Zürich", ActorType::Location, {}, 1, 1},
               {4, "Łódź\\Depot\x01", ActorType::Location, {}, 1, 1}};
    GraphEdge said;
    said.kind = GraphEdge::Kind::Claim;
    said.source = 2;
    said.target = 1;
    said.label = "say";
    said.sources = 2;
    said.count = 3;
    said.evidence = "the audit of Kestrel is \"over\",\nfor now";
    said.origin = "Lisbon Post, 2024-03-01";
    GraphEdge denied = said;
    denied.source = 1;
    denied.target = 2;
    denied.label = "deny";
    denied.stance = Stance::Deny;
    denied.sources = 1;
    denied.count = 1;
    GraphEdge based;
    based.kind = GraphEdge::Kind::Relation;
    based.source = 1;
    based.target = 3;
    based.label = "based in";
    based.sources = 1;
    based.count = 1;
    based.evidence = "Kestrel, based in Zürich, ...";
    based.origin = "Lisbon Post, 2024-03-01";
    GraphEdge depot = based;
    depot.target = 4;
    depot.label = "owns";
    depot.asserted_by = "Helena <Voss> & Co";
    g.edges = {said, denied, based, depot};
    return g;
}

FactRecords sample_records() {
    FactRecords r;
    r.articles = {{7, "lp-1", "feeds/lisbon.jsonl:3", "https://example.org/a?x=1&y=2", "Lisbon Post", "Audit <over> at Kestrel",
                   "By Ana *Lima*", "2024-03-01T09:00:00Z"}};
    FactSource s1{7, 2, "Helena <Voss> & Co said the audit of Kestrel is \"over\".", {40, 68}, "rules", 0.9};
    ClaimRecord said;
    said.id = 11;
    said.speaker = ActorRef{2, "Helena <Voss> & Co"};
    said.speaker_text = "Voss";
    said.cue = "say";
    said.cue_kind = "speech";
    said.content = "the audit of Kestrel is \"over\"";
    said.direct = true;
    said.about = {{1, "Kestrel \"K\" Systems"}};
    said.source = s1;
    ClaimRecord denied;
    denied.id = 12;
    denied.speaker = ActorRef{1, "Kestrel \"K\" Systems"};
    denied.speaker_text = "Kestrel";
    denied.cue = "deny";
    denied.cue_kind = "speech";
    denied.stance = Stance::Deny;
    denied.content = "any wrongdoing by Helena <Voss> & Co";
    denied.about = {{2, "Helena <Voss> & Co"}};
    denied.reported_by = ActorRef{5, "Lisbon Post"};
    denied.source = {7, 3, "Kestrel denied any wrongdoing by Helena <Voss> & Co.", {15, 50}, "rules", 1.0};
    ClaimRecord unnamed;
    unnamed.id = 13;
    unnamed.speaker_text = "a spokesperson";
    unnamed.cue = "decline";
    unnamed.cue_kind = "speech";
    unnamed.stance = Stance::Decline;
    unnamed.content = "to comment";
    unnamed.source = {7, 4, "A spokesperson declined to comment.", {0, 35}, "rules", 1.0};
    r.claims = {said, denied, unnamed};
    RelationRecord based;
    based.id = 21;
    based.subject = {1, "Kestrel \"K\" Systems"};
    based.predicate = "based in";
    based.type = "based_in";
    based.object = {3, "Zürich"};
    based.source = {7, 0, "Kestrel, based in Zürich, ...", {0, 29}, "rules", 1.0};
    RelationRecord owns;
    owns.id = 22;
    owns.subject = {1, "Kestrel \"K\" Systems"};
    owns.predicate = "owns";
    owns.object = {4, "Łódź\\Depot"};
    owns.asserted_by = "Helena <Voss> & Co";
    owns.claim_id = 11;
    owns.source = {7, 2, "Helena says Kestrel owns the Łódź\\Depot.", {12, 40}, "rules", 1.0};
    r.relations = {based, owns};
    r.roles = {{2, "chief auditor", ActorRef{1, "Kestrel \"K\" Systems"}, 7}};
    return r;
}

std::string graphml_of(const Graph& g) {
    std::ostringstream out;
    exporters::write_graphml(g, out);
    return out.str();
}

std::string json_of(const Graph& g) {
    std::ostringstream out;
    exporters::write_graph_json(g, out);
    return out.str();
}

std::pair<std::string, std::string> csv_of(const Graph& g) {
    std::ostringstream actors, relationships;
    exporters::write_neo4j_csv(g, actors, relationships);
    return {actors.str(), relationships.str()};
}

std::string jsonl_of(const FactRecords& r) {
    std::ostringstream out;
    exporters::write_facts_jsonl(r, out);
    return out.str();
}

std::string dossier_of(const Graph& g, const FactRecords& r) {
    std::ostringstream out;
    exporters::write_dossier(g, r, out);
    return out.str();
}

struct XmlDocDeleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string attribute(xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    std::string s = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return s;
}

std::string content(xmlNode* n) {
    xmlChar* v = xmlNodeGetContent(n);
    std::string s = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return s;
}

bool named(xmlNode* n, const char* name) {
    return n->type == XML_ELEMENT_NODE && std::string(reinterpret_cast<const char*>(n->name)) == name;
}

// RFC 4180 fields of one CSV record (no embedded line breaks: the writer never emits them).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') fields.back() += '"', ++i;
            else if (c == '"') quoted = false;
            else fields.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    EXPECT_FALSE(quoted) << "unterminated quote in " << line;
    return fields;
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> lines;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

TEST(GraphExport, FormatNamesParse) {
    EXPECT_EQ(exporters::parse_export_format("GraphML"), exporters::ExportFormat::GraphMl);
    EXPECT_EQ(exporters::parse_export_format("markdown"), exporters::ExportFormat::Markdown);
    EXPECT_EQ(exporters::parse_export_format("jsonl"), exporters::ExportFormat::Jsonl);
    EXPECT_THROW(exporters::parse_export_format("gexf"), UsageError);
    EXPECT_EQ(exporters::export_formats().size(), 5u);
}

TEST(GraphExport, GraphMlMatchesGoldenFile) { expect_golden("export_basic.graphml", graphml_of(sample_graph())); }
TEST(GraphExport, JsonMatchesGoldenFile) { expect_golden("export_basic.json", json_of(sample_graph())); }
TEST(GraphExport, JsonlMatchesGoldenFile) { expect_golden("export_basic.jsonl", jsonl_of(sample_records())); }
TEST(GraphExport, DossierMatchesGoldenFile) {
    expect_golden("export_basic.md", dossier_of(sample_graph(), sample_records()));
}
TEST(GraphExport, Neo4jCsvMatchesGoldenFiles) {
    auto [actors, relationships] = csv_of(sample_graph());
    expect_golden("export_actors.csv", actors);
    expect_golden("export_relationships.csv", relationships);
}

TEST(GraphExport, OutputIsDeterministic) {
    EXPECT_EQ(graphml_of(sample_graph()), graphml_of(sample_graph()));
    EXPECT_EQ(json_of(sample_graph()), json_of(sample_graph()));
    EXPECT_EQ(jsonl_of(sample_records()), jsonl_of(sample_records()));
    EXPECT_EQ(dossier_of(sample_graph(), sample_records()), dossier_of(sample_graph(), sample_records()));
}

TEST(GraphExport, GraphMlIsWellFormedAndTyped) {
    std::string xml = graphml_of(sample_graph());
    std::unique_ptr<xmlDoc, XmlDocDeleter> doc(
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "export.graphml", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOWARNING));
    ASSERT_NE(doc, nullptr) << "libxml2 rejected the GraphML";
    xmlNode* root = xmlDocGetRootElement(doc.get());
    ASSERT_TRUE(named(root, "graphml"));
    EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href), "http://graphml.graphdrawing.org/xmlns");

    std::map<std::string, std::string> key_type, key_name;
    xmlNode* graph = nullptr;
    for (xmlNode* n = root->children; n; n = n->next) {
        if (named(n, "key")) {
            std::string type = attribute(n, "attr.type");
            EXPECT_TRUE(type == "string" || type == "int" || type == "double" || type == "boolean") << type;
            key_type[attribute(n, "id")] = type;
            key_name[attribute(n, "id")] = attribute(n, "attr.name");
        } else if (named(n, "graph")) {
            graph = n;
        }
    }
    ASSERT_NE(graph, nullptr);
    EXPECT_EQ(attribute(graph, "edgedefault"), "directed");
    std::map<std::string, std::map<std::string, std::string>> node_data;
    std::vector<std::map<std::string, std::string>> edge_data;
    std::set<std::string> node_ids;
    for (xmlNode* n = graph->children; n; n = n->next) {
        if (!named(n, "node") && !named(n, "edge")) continue;
        std::map<std::string, std::string> data;
        for (xmlNode* d = n->children; d; d = d->next) {
            if (!named(d, "data")) continue;
            std::string key = attribute(d, "key");
            ASSERT_TRUE(key_type.count(key)) << "undeclared key " << key;
            std::string value = content(d);
            if (key_type[key] == "int") {
                EXPECT_NO_THROW((void)std::stoll(value)) << key << "=" << value;
            } else if (key_type[key] == "double") {
                EXPECT_NO_THROW((void)std::stod(value)) << key << "=" << value;
            } else if (key_type[key] == "boolean") {
                EXPECT_TRUE(value == "true" || value == "false") << key << "=" << value;
            }
            data[key_name[key]] = value;
        }
        if (named(n, "node")) {
            node_ids.insert(attribute(n, "id"));
            node_data[attribute(n, "id")] = data;
        } else {
            EXPECT_TRUE(node_ids.count(attribute(n, "source")) && node_ids.count(attribute(n, "target")));
            edge_data.push_back(data);
        }
    }
    ASSERT_EQ(node_data.size(), 4u);
    ASSERT_EQ(edge_data.size(), 4u);
    // Escaped text reads back exactly; the control character is gone, everything else kept.
    EXPECT_EQ(node_data["a1"]["label"], "Kestrel \"K\" Systems");
    EXPECT_EQ(node_data["a2"]["label"], "Helena <Voss> & Co");
    EXPECT_EQ(node_data["a4"]["label"], "Łódź\\Depot");
    EXPECT_EQ(node_data["a1"]["aliases"], "Kestrel; K; Sys");
    EXPECT_EQ(node_data["a1"]["mentions"], "6");
    EXPECT_EQ(node_data["a1"]["type"], "organization");
    EXPECT_EQ(edge_data[0]["evidence"], "the audit of Kestrel is \"over\",\nfor now");
    EXPECT_EQ(edge_data[0]["kind"], "claim");
    EXPECT_EQ(edge_data[1]["stance"], "deny");
    EXPECT_EQ(edge_data[3]["asserted_by"], "Helena <Voss> & Co");
    EXPECT_EQ(edge_data[3]["attributed"], "true");
    EXPECT_EQ(edge_data[0]["weight"], "2");
}

TEST(GraphExport, GraphMlReplacesInvalidUtf8) {
    Graph g = sample_graph();
    g.nodes[2].name = "Z\xC3rich";  // truncated sequence
    std::string xml = graphml_of(g);
    std::unique_ptr<xmlDoc, XmlDocDeleter> doc(
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "bad.graphml", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOWARNING));
    EXPECT_NE(doc, nullptr);
    EXPECT_NE(xml.find("Z\uFFFDrich"), std::string::npos);
}

TEST(GraphExport, JsonIsNodeLinkWithAllAttributes) {
    auto j = nlohmann::json::parse(json_of(sample_graph()));
    ASSERT_TRUE(j["nodes"].is_array());
    ASSERT_TRUE(j["links"].is_array());
    EXPECT_EQ(j["directed"], true);
    std::set<std::int64_t> ids;
    for (const auto& n : j["nodes"]) {
        ids.insert(n["id"].get<std::int64_t>());
        for (const char* field : {"name", "type", "aliases", "mentions", "articles"}) EXPECT_TRUE(n.contains(field)) << field;
    }
    EXPECT_EQ(ids.size(), 4u);
    for (const auto& l : j["links"]) {
        EXPECT_TRUE(ids.count(l["source"].get<std::int64_t>()));
        EXPECT_TRUE(ids.count(l["target"].get<std::int64_t>()));
        for (const char* field : {"kind", "label", "stance", "asserted_by", "sources", "count", "evidence", "origin"})
            EXPECT_TRUE(l.contains(field)) << field;
    }
    EXPECT_EQ(j["nodes"][3]["name"], "Łódź\\Depot\x01");  // JSON can hold it: escaped, not dropped
    EXPECT_EQ(j["links"][1]["stance"], "deny");
    EXPECT_TRUE(j["links"][2]["stance"].is_null());  // relations have no stance
    EXPECT_EQ(j["links"][3]["asserted_by"], "Helena <Voss> & Co");
}

TEST(GraphExport, Neo4jCsvFollowsTheImportHeaderConventions) {
    auto [actors, relationships] = csv_of(sample_graph());
    auto node_lines = lines_of(actors);
    auto rel_lines = lines_of(relationships);
    ASSERT_EQ(node_lines.size(), 5u);
    ASSERT_EQ(rel_lines.size(), 5u);
    EXPECT_EQ(node_lines[0], "actorId:ID(Actor),name,type,aliases:string[],mentions:int,articles:int,:LABEL");
    EXPECT_EQ(rel_lines[0].rfind(":START_ID(Actor),:END_ID(Actor),:TYPE,label,stance,asserted_by,sources:int,evidence", 0), 0u);
    auto header = csv_fields(node_lines[0]);
    for (std::size_t i = 1; i < node_lines.size(); ++i) EXPECT_EQ(csv_fields(node_lines[i]).size(), header.size()) << node_lines[i];
    auto rel_header = csv_fields(rel_lines[0]);
    for (std::size_t i = 1; i < rel_lines.size(); ++i) EXPECT_EQ(csv_fields(rel_lines[i]).size(), rel_header.size()) << rel_lines[i];

    auto kestrel = csv_fields(node_lines[1]);
    EXPECT_EQ(kestrel[0], "1");
    EXPECT_EQ(kestrel[1], "Kestrel \"K\" Systems");
    EXPECT_EQ(kestrel[3], "Kestrel;K, Sys");  // the alias's own ';' cannot be escaped: it becomes ','
    EXPECT_EQ(kestrel[6], "Actor;Organization");
    EXPECT_EQ(csv_fields(node_lines[4])[1], "Łódź\\Depot");  // control character gone, backslash literal
    auto said = csv_fields(rel_lines[1]);
    EXPECT_EQ(said[2], "SAID_ABOUT");
    EXPECT_EQ(said[4], "assert");
    EXPECT_EQ(said[7], "the audit of Kestrel is \"over\", for now");  // one line per record
    auto based = csv_fields(rel_lines[3]);
    EXPECT_EQ(based[2], "BASED_IN");
    EXPECT_EQ(based[4], "");  // no stance on relations: no property
}

TEST(GraphExport, JsonlIsOneFactPerLineWithProvenance) {
    auto lines = lines_of(jsonl_of(sample_records()));
    ASSERT_EQ(lines.size(), 5u);
    auto first = nlohmann::json::parse(lines[0]);
    EXPECT_EQ(first["kind"], "claim");
    EXPECT_EQ(first["speaker"], "Helena <Voss> & Co");
    EXPECT_EQ(first["speaker_id"], 2);
    EXPECT_EQ(first["about"], nlohmann::json::array({"Kestrel \"K\" Systems"}));
    EXPECT_EQ(first["article"]["outlet"], "Lisbon Post");
    EXPECT_EQ(first["article"]["title"], "Audit <over> at Kestrel");
    EXPECT_EQ(first["article"]["published"], "2024-03-01T09:00:00Z");
    EXPECT_EQ(first["sentence"], 2);
    EXPECT_EQ(first["start"], 40);
    EXPECT_EQ(first["end"], 68);
    EXPECT_EQ(first["direct"], true);
    auto second = nlohmann::json::parse(lines[1]);
    EXPECT_EQ(second["reported_by"], "Lisbon Post");
    EXPECT_EQ(second["stance"], "deny");
    auto unnamed = nlohmann::json::parse(lines[2]);
    EXPECT_EQ(unnamed["speaker"], "a spokesperson");
    EXPECT_TRUE(unnamed["speaker_id"].is_null());
    auto owns = nlohmann::json::parse(lines[4]);
    EXPECT_EQ(owns["kind"], "relation");
    EXPECT_EQ(owns["asserted_by"], "Helena <Voss> & Co");
    EXPECT_EQ(owns["claim_id"], 11);
}

TEST(GraphExport, DossierCitesEverySourceAndEscapesMarkdown) {
    std::string md = dossier_of(sample_graph(), sample_records());
    EXPECT_NE(md.find("## Kestrel \"K\" Systems\n"), std::string::npos);
    EXPECT_NE(md.find("## Helena \\<Voss\\> \\& Co\n"), std::string::npos);
    EXPECT_NE(md.find("## Łódź\\\\Depot"), std::string::npos);
    EXPECT_NE(md.find("- **Role:** chief auditor, Kestrel \"K\" Systems — Lisbon Post, 2024-03-01"), std::string::npos);
    EXPECT_NE(md.find("### What they said"), std::string::npos);
    EXPECT_NE(md.find("### What was said about them"), std::string::npos);
    EXPECT_NE(md.find("### Relations"), std::string::npos);
    EXPECT_NE(md.find("## Claims from unidentified sources"), std::string::npos);
    EXPECT_EQ(md.find("<Voss>"), std::string::npos);  // never raw HTML
    EXPECT_NE(md.find("\n## Sources\n\n- *Audit \\<over\\> at Kestrel* — Lisbon Post, 2024-03-01, "
                      "<https://example.org/a?x=1&y=2>"),
              std::string::npos);
    for (const auto& line : lines_of(md)) {
        if (line == "## Sources") break;
        bool fact = line.rfind("- ", 0) == 0 && line.rfind("- **Type", 0) != 0 &&
                    line.rfind("- **Mentioned", 0) != 0 && line.rfind("- **Also", 0) != 0;
        if (!fact) continue;
        EXPECT_NE(line.find(" — Lisbon Post, 2024-03-01, *Audit \\<over\\> at Kestrel*"), std::string::npos) << line;
    }
}

// A generated graph big enough that `auto` leaves the hierarchical layout.
Graph star_graph(std::size_t actors) {
    Graph g;
    for (std::size_t i = 1; i <= actors; ++i)
        g.nodes.push_back({static_cast<std::int64_t>(i), "Actor " + std::to_string(i),
                           i % 2 ? ActorType::Person : ActorType::Organization, {}, i == 1 ? 40 : 1, 1});
    for (std::size_t i = 2; i <= actors; ++i) {
        GraphEdge e;
        e.source = static_cast<std::int64_t>(i);
        e.target = static_cast<std::int64_t>(i % 7 + 1);
        e.label = "say";
        e.sources = 1;
        e.count = 1;
        g.edges.push_back(e);
    }
    return g;
}

std::string dot_of(const Graph& g, const exporters::DiagramOptions& options = {}) {
    std::ostringstream out;
    exporters::write_dot(g, out, options);
    return out.str();
}

TEST(DiagramLayout, NodeSizeGrowsWithMentions) {
    Agraph_t* g = agmemread(dot_of(star_graph(10)).c_str());
    ASSERT_NE(g, nullptr);
    auto width = [&](const char* name) {
        return std::stod(agget(agnode(g, const_cast<char*>(name), 0), const_cast<char*>("width")));
    };
    EXPECT_GT(width("a1"), 1.5 * width("a2"));
    EXPECT_EQ(width("a2"), width("a3"));
    agclose(g);
}

TEST(DiagramLayout, AutoPicksDotForSmallAndSfdpForLargeGraphs) {
    EXPECT_NE(dot_of(star_graph(10)).find("layout=dot"), std::string::npos);
    std::string big = dot_of(star_graph(200));
    EXPECT_NE(big.find("layout=sfdp"), std::string::npos);
    EXPECT_NE(big.find("splines=false"), std::string::npos);  // straight lines keep sfdp fast
    EXPECT_NE(big.find("xlabel="), std::string::npos);        // labels placed only where they fit
    exporters::DiagramOptions dot;
    dot.layout = "dot";
    EXPECT_NE(dot_of(star_graph(200), dot).find("layout=dot"), std::string::npos);  // an explicit choice stands
}

TEST(DiagramLayout, LegendIsTheGraphLabelAndListsOnlyWhatIsDrawn) {
    exporters::DiagramOptions titled;
    titled.title = "Who said <what> & \"why\"";
    std::string dot = dot_of(sample_graph(), titled);
    Agraph_t* g = agmemread(dot.c_str());
    ASSERT_NE(g, nullptr);
    char* label = agget(g, const_cast<char*>("label"));
    ASSERT_NE(label, nullptr);
    EXPECT_TRUE(aghtmlstr(label));
    std::string legend = label;
    EXPECT_NE(legend.find("Who said &lt;what&gt; &amp; &quot;why&quot;"), std::string::npos);
    EXPECT_NE(legend.find("organization"), std::string::npos);
    EXPECT_NE(legend.find("denied"), std::string::npos);
    EXPECT_NE(legend.find("relation per someone"), std::string::npos);
    EXPECT_EQ(legend.find("product"), std::string::npos);
    EXPECT_EQ(legend.find("declined"), std::string::npos);
    agclose(g);
}

TEST(DiagramLayout, LargeGraphRendersToSvg) {
    std::ostringstream out;
    exporters::render_diagram(star_graph(120), out, "svg", {});
    std::string svg = out.str();
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("Actor 120"), std::string::npos);
}
