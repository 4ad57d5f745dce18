// Diagrams are built with cgraph so that Graphviz itself does the DOT quoting, and laid out and
// rendered in-process with gvc: no `dot` executable needs to be on the PATH.
#include "factgraph/exporters/diagram.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"

namespace factgraph::exporters {

namespace {

struct TypeStyle {
    const char* shape;
    const char* fill;
    const char* font;
    const char* label;
};

TypeStyle style_of(ActorType t) {
    switch (t) {
        case ActorType::Person: return {"ellipse", "#4E79A7", "white", "person"};
        case ActorType::Organization: return {"box", "#F28E2B", "black", "organization"};
        case ActorType::Location: return {"house", "#59A14F", "white", "location"};
        case ActorType::Product: return {"hexagon", "#B07AA1", "white", "product"};
        case ActorType::Group: return {"octagon", "#EDC948", "black", "group"};
        case ActorType::Other: return {"ellipse", "#BAB0AC", "black", "other"};
    }
    return {"ellipse", "#BAB0AC", "black", "other"};
}

// Graphviz reads backslash escapes (\n, \l, \N) inside labels: a literal backslash must be doubled.
std::string escape_label(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '\\') out += "\\\\";
        else out += c;
    }
    return out;
}

// Wraps at word boundaries so long names and labels do not stretch the layout.
std::string wrap(std::string_view s, std::size_t width) {
    std::string out, line;
    std::string word;
    auto flush_word = [&] {
        if (word.empty()) return;
        if (!line.empty() && text::codepoint_length(line) + 1 + text::codepoint_length(word) > width) {
            out += (out.empty() ? "" : "\\n") + line;
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        word.clear();
    };
    for (char c : text::collapse_whitespace(s)) {
        if (c == ' ') flush_word();
        else word += c;
    }
    flush_word();
    if (!line.empty()) out += (out.empty() ? "" : "\\n") + line;
    return out;
}

int put_string(void* chan, const char* str) {
    *static_cast<std::ostream*>(chan) << str;
    return 0;
}
int flush_stream(void* chan) {
    static_cast<std::ostream*>(chan)->flush();
    return 0;
}
int no_read(void*, char*, int) { return 0; }

struct GraphDeleter {
    void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphDeleter>;

void set(void* obj, const char* name, const std::string& value) {
    agsafeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

const char* edge_colour(const GraphEdge& e) {
    if (e.kind == GraphEdge::Kind::Relation) return "#2C3E50";
    switch (e.stance) {
        case Stance::Deny: return "#C0392B";
        case Stance::Decline: return "#E67E22";
        default: return "#7F8C8D";
    }
}

GraphPtr build(const Graph& graph, const DiagramOptions& options, Agdisc_t* disc) {
    GraphPtr g(agopen(const_cast<char*>("factgraph"), Agdirected, disc));
    if (!g) throw Error("Graphviz could not create a graph");
    Agraph_t* root = g.get();
    set(root, "charset", "UTF-8");
    set(root, "rankdir", "LR");
    set(root, "overlap", "false");
    set(root, "splines", "true");
    set(root, "outputorder", "edgesfirst");
    set(root, "nodesep", "0.35");
    set(root, "ranksep", "0.9");
    set(root, "pad", "0.3");
    set(root, "fontname", "Helvetica");
    if (!options.title.empty()) {
        set(root, "label", escape_label(options.title));
        set(root, "labelloc", "t");
        set(root, "fontsize", "20");
    }
    std::int64_t max_mentions = 1;
    for (const auto& n : graph.nodes) max_mentions = std::max(max_mentions, n.mentions);
    for (const auto& n : graph.nodes) {
        std::string key = "a" + std::to_string(n.id);
        Agnode_t* v = agnode(root, const_cast<char*>(key.c_str()), 1);
        TypeStyle st = style_of(n.type);
        // Size grows with the square root of mentions so one dominant actor does not dwarf the rest.
        double scale = std::sqrt(static_cast<double>(n.mentions) / static_cast<double>(max_mentions));
        char fontsize[16];
        std::snprintf(fontsize, sizeof fontsize, "%.1f", 11.0 + 9.0 * scale);
        set(v, "label", wrap(escape_label(n.name), 18));
        set(v, "shape", st.shape);
        set(v, "style", "filled");
        set(v, "fillcolor", st.fill);
        set(v, "fontcolor", st.font);
        set(v, "color", "#333333");
        set(v, "fontname", "Helvetica");
        set(v, "fontsize", fontsize);
        std::string tip = n.name + " (" + std::string(st.label) + "), " + std::to_string(n.mentions) +
                          " mention" + (n.mentions == 1 ? "" : "s") + " in " + std::to_string(n.articles) +
                          " article" + (n.articles == 1 ? "" : "s");
        if (!n.aliases.empty()) {
            tip += "; also: ";
            for (std::size_t i = 0; i < n.aliases.size(); ++i) tip += (i ? ", " : "") + n.aliases[i];
        }
        set(v, "tooltip", escape_label(tip));
    }
    std::size_t k = 0;
    for (const auto& e : graph.edges) {
        Agnode_t* from = agnode(root, const_cast<char*>(("a" + std::to_string(e.source)).c_str()), 0);
        Agnode_t* to = agnode(root, const_cast<char*>(("a" + std::to_string(e.target)).c_str()), 0);
        if (!from || !to) continue;
        std::string key = "e" + std::to_string(k++);
        Agedge_t* edge = agedge(root, from, to, const_cast<char*>(key.c_str()), 1);
        std::string label = e.label;
        if (e.kind == GraphEdge::Kind::Claim && e.stance != Stance::Assert) label += " (" + std::string(to_string(e.stance)) + ")";
        if (e.kind == GraphEdge::Kind::Relation && !e.asserted_by.empty()) label += "\nper " + e.asserted_by;
        if (e.sources > 1) label += " \u00D7" + std::to_string(e.sources);
        set(edge, "label", wrap(escape_label(label), 22));
        set(edge, "color", edge_colour(e));
        set(edge, "fontcolor", edge_colour(e));
        set(edge, "fontname", "Helvetica");
        set(edge, "fontsize", "10");
        char width[16];
        std::snprintf(width, sizeof width, "%.1f", 1.0 + std::min<double>(4.0, std::log2(static_cast<double>(e.sources))));
        set(edge, "penwidth", width);
        if (e.kind == GraphEdge::Kind::Claim) set(edge, "style", e.stance == Stance::Decline ? "dotted" : "solid");
        else set(edge, "style", e.asserted_by.empty() ? "bold" : "dashed");
        if (e.kind == GraphEdge::Kind::Claim) set(edge, "arrowhead", "vee");
        std::string tip = (e.kind == GraphEdge::Kind::Claim ? "said (" + e.label + "): " : e.label + ": ") + e.evidence;
        if (!e.origin.empty()) tip += " [" + e.origin + "]";
        if (e.sources > 1) tip += " (+" + std::to_string(e.sources - 1) + " more sources)";
        set(edge, "tooltip", escape_label(tip));
        set(edge, "labeltooltip", escape_label(tip));
    }
    if (options.legend) {
        // The legend is its own cluster, ranked after the graph, so it never sits on top of nodes.
        Agraph_t* legend = agsubg(root, const_cast<char*>("cluster_legend"), 1);
        set(legend, "label", "Actor types");
        set(legend, "fontsize", "11");
        set(legend, "style", "rounded");
        set(legend, "color", "#999999");
        Agnode_t* prev = nullptr;
        std::vector<ActorType> present;
        for (const auto& n : graph.nodes)
            if (std::find(present.begin(), present.end(), n.type) == present.end()) present.push_back(n.type);
        std::sort(present.begin(), present.end());
        for (ActorType t : present) {
            TypeStyle st = style_of(t);
            std::string key = std::string("legend_") + st.label;
            Agnode_t* v = agnode(legend, const_cast<char*>(key.c_str()), 1);
            set(v, "label", st.label);
            set(v, "shape", st.shape);
            set(v, "style", "filled");
            set(v, "fillcolor", st.fill);
            set(v, "fontcolor", st.font);
            set(v, "fontsize", "10");
            set(v, "fontname", "Helvetica");
            set(v, "height", "0.3");
            set(v, "tooltip", st.label);
            if (prev) {
                Agedge_t* link = agedge(legend, prev, v, const_cast<char*>(("legend_link_" + key).c_str()), 1);
                set(link, "style", "invis");
            }
            prev = v;
        }
    }
    return g;
}

bool known_layout(const std::string& layout) {
    static const char* layouts[] = {"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage"};
    return std::any_of(std::begin(layouts), std::end(layouts), [&](const char* l) { return layout == l; });
}

}  // namespace

const std::vector<std::string>& diagram_formats() {
    static const std::vector<std::string> formats = {"dot", "svg", "png", "pdf"};
    return formats;
}

void write_dot(const Graph& graph, std::ostream& out, const DiagramOptions& options) {
    Agiodisc_t io = {no_read, put_string, flush_stream};
    Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};
    GraphPtr g = build(graph, options, &disc);
    if (agwrite(g.get(), &out) != 0) throw Error("Graphviz could not write DOT");
}

void render_diagram(const Graph& graph, std::ostream& out, const std::string& format, const DiagramOptions& options) {
    if (std::find(diagram_formats().begin(), diagram_formats().end(), format) == diagram_formats().end())
        throw UsageError("unknown diagram format '" + format + "' (choose dot, svg, png or pdf)");
    if (!known_layout(options.layout))
        throw UsageError("unknown layout '" + options.layout + "' (choose dot, neato, fdp, sfdp or circo)");
    if (format == "dot") {
        write_dot(graph, out, options);
        return;
    }
    std::unique_ptr<GVC_t, int (*)(GVC_t*)> gvc(gvContext(), gvFreeContext);
    if (!gvc) throw Error("Graphviz could not start (is the graphviz package installed?)");
    GraphPtr g = build(graph, options, nullptr);
    agseterr(AGERR);
    if (gvLayout(gvc.get(), g.get(), options.layout.c_str()) != 0)
        throw Error("Graphviz layout '" + options.layout + "' failed" + (aglasterr() ? std::string(": ") + aglasterr() : ""));
    char* data = nullptr;
    unsigned int length = 0;
    int rc = gvRenderData(gvc.get(), g.get(), format.c_str(), &data, &length);
    gvFreeLayout(gvc.get(), g.get());
    if (rc != 0 || !data || length == 0) {
        if (data) gvFreeRenderData(data);
        throw Error("Graphviz could not render " + format + " (is its plugin installed? try `dot -c` as root)");
    }
    out.write(data, length);
    gvFreeRenderData(data);
}

}  // namespace factgraph::exporters
