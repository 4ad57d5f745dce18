#include "factgraph/exporters/diagram.hpp"

#include <graphviz/cgraph.h>
#include <gtest/gtest.h>

#include <sstream>

#include "factgraph/core/error.hpp"
#include "golden.hpp"

using namespace factgraph;

namespace {

// A small graph with hostile names: quotes, angle brackets, a backslash and non-ASCII letters.
Graph sample_graph() {
    Graph g;
    g.nodes = {{1, "Kestrel \"K\" Systems", ActorType::Organization, {"Kestrel"}, 6, 2},
               {2, "Helena <Voss>", ActorType::Person, {}, 3, 1},
               {3, "Zürich", ActorType::Location, {}, 1, 1},
               {4, "Łódź\\Depot", ActorType::Location, {}, 1, 1}};
    GraphEdge said;
    said.kind = GraphEdge::Kind::Claim;
    said.source = 2;
    said.target = 1;
    said.label = "say";
    said.sources = 2;
    said.count = 2;
    said.evidence = "the audit of Kestrel is over";
    said.origin = "Lisbon Post, 2024-03-01";
    GraphEdge denied = said;
    denied.source = 1;
    denied.target = 2;
    denied.label = "deny";
    denied.stance = Stance::Deny;
    denied.sources = 1;
    GraphEdge based;
    based.kind = GraphEdge::Kind::Relation;
    based.source = 1;
    based.target = 3;
    based.label = "based in";
    based.sources = 1;
    based.evidence = "Kestrel, based in Zürich, ...";
    GraphEdge depot = based;
    depot.target = 4;
    depot.label = "owns";
    depot.asserted_by = "Helena <Voss>";
    g.edges = {said, denied, based, depot};
    return g;
}

std::string dot_of(const Graph& g) {
    std::ostringstream out;
    exporters::write_dot(g, out, {});
    return out.str();
}

}  // namespace

TEST(Diagram, DotMatchesGoldenFile) { expect_golden("diagram_basic.dot", dot_of(sample_graph())); }

TEST(Diagram, DotIsDeterministic) { EXPECT_EQ(dot_of(sample_graph()), dot_of(sample_graph())); }

TEST(Diagram, GraphvizParsesTheDotItWrote) {
    std::string dot = dot_of(sample_graph());
    Agraph_t* g = agmemread(dot.c_str());
    ASSERT_NE(g, nullptr);
    Agnode_t* kestrel = agnode(g, const_cast<char*>("a1"), 0);
    ASSERT_NE(kestrel, nullptr);
    EXPECT_STREQ(agget(kestrel, const_cast<char*>("label")), "Kestrel \"K\"\\nSystems");  // wrapped
    Agnode_t* lodz = agnode(g, const_cast<char*>("a4"), 0);
    ASSERT_NE(lodz, nullptr);
    EXPECT_STREQ(agget(lodz, const_cast<char*>("label")), "Łódź\\\\Depot");  // backslash kept literal
    EXPECT_EQ(agnnodes(g), 4);  // four actors: the legend is the graph label, not nodes
    agclose(g);
}

TEST(Diagram, SvgCarriesEscapedLabelsAndTooltips) {
    std::ostringstream out;
    exporters::render_diagram(sample_graph(), out, "svg", {});
    std::string svg = out.str();
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("Zürich"), std::string::npos);
    EXPECT_NE(svg.find("Łódź\\Depot"), std::string::npos);
    EXPECT_NE(svg.find("Helena &lt;Voss&gt;"), std::string::npos);
    EXPECT_NE(svg.find("the audit of Kestrel is over"), std::string::npos);  // edge tooltip
}

TEST(Diagram, UnknownLayoutOrFormatIsAUsageError) {
    std::ostringstream out;
    exporters::DiagramOptions bad;
    bad.layout = "spiral";
    EXPECT_THROW(exporters::render_diagram(sample_graph(), out, "svg", bad), UsageError);
    EXPECT_THROW(exporters::render_diagram(sample_graph(), out, "gif", {}), UsageError);
    EXPECT_TRUE(out.str().empty());
}

TEST(Diagram, PngAndPdfRender) {
    for (std::string format : {"png", "pdf"}) {
        std::ostringstream out;
        exporters::render_diagram(sample_graph(), out, format, {});
        std::string data = out.str();
        ASSERT_GT(data.size(), 100u) << format;
        EXPECT_EQ(data.substr(1, 3), format == "png" ? "PNG" : "PDF") << format;
    }
}
