// Diagrams are built with cgraph so that Graphviz itself does the DOT quoting, and laid out and
// rendered in-process with gvc: no `dot` executable needs to be on the PATH.
#include "factgraph/exporters/diagram.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>

#include "actor_style.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"

namespace factgraph::exporters {

namespace {

using detail::edge_colour;
using detail::style_of;
using detail::TypeStyle;

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

// HTML-like labels must be interned with agstrdup_html, or Graphviz draws the markup as text.
void set_html(void* obj, const char* name, const std::string& html) {
    Agraph_t* g = agraphof(obj);
    char* value = agstrdup_html(g, const_cast<char*>(html.c_str()));
    set(obj, name, value);
    agstrfree(g, value);
}

std::string html_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string format(const char* pattern, double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, pattern, value);
    return buf;
}

// Beyond this many edges the force-directed engines route straight lines: spline routing around
// nodes costs seconds per hundred edges (22 s for 300 edges with sfdp, 0.3 s with lines).
constexpr std::size_t kMaxSplineEdges = 60;

// The hierarchical layout stays readable up to a few dozen actors; beyond that its ranks grow
// wider than any screen and a force-directed layout shows the structure better.
constexpr std::size_t kMaxDotActors = 40;

std::string resolve_layout(const Graph& graph, const std::string& layout) {
    if (layout != "auto") return layout;
    return graph.nodes.size() <= kMaxDotActors ? "dot" : "sfdp";
}

// The legend is the graph's own label, drawn outside the drawing area so it can never cover a node,
// and it explains the edge colours as well as the actor types; only what the diagram uses is listed.
std::string legend_html(const Graph& graph, const DiagramOptions& options) {
    std::vector<ActorType> types;
    for (const auto& n : graph.nodes)
        if (std::find(types.begin(), types.end(), n.type) == types.end()) types.push_back(n.type);
    std::sort(types.begin(), types.end());
    bool said = false, denied = false, declined = false, related = false, attributed = false;
    for (const auto& e : graph.edges) {
        if (e.kind == GraphEdge::Kind::Relation) (e.asserted_by.empty() ? related : attributed) = true;
        else if (e.stance == Stance::Deny) denied = true;
        else if (e.stance == Stance::Decline) declined = true;
        else said = true;
    }
    std::string cells;
    if (options.legend) {
        for (ActorType t : types) {
            TypeStyle st = style_of(t);
            cells += std::string("<TD BGCOLOR=\"") + st.fill + "\" STYLE=\"rounded\"><FONT COLOR=\"" + st.font +
                     "\">" + st.label + "</FONT></TD>";
        }
        auto edge_cell = [&](bool present, const char* colour, const char* text) {
            if (!present) return;
            cells += std::string("<TD><FONT COLOR=\"") + colour + "\">" + text + "</FONT></TD>";
        };
        GraphEdge probe;
        edge_cell(said, edge_colour(probe), "\u2192 said about");
        probe.stance = Stance::Deny;
        edge_cell(denied, edge_colour(probe), "\u2192 denied");
        probe.stance = Stance::Decline;
        edge_cell(declined, edge_colour(probe), "\u2192 declined (dotted)");
        probe.kind = GraphEdge::Kind::Relation;
        edge_cell(related, edge_colour(probe), "<B>\u2192</B> relation");
        edge_cell(attributed, edge_colour(probe), "\u21E2 relation per someone");
    }
    if (cells.empty() && options.title.empty()) return {};
    // The legend row is a table of its own so a long title does not stretch its cells.
    std::string html = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">";
    if (!options.title.empty())
        html += "<TR><TD><FONT POINT-SIZE=\"20\">" + html_escape(options.title) + "</FONT></TD></TR>";
    if (!cells.empty())
        html += "<TR><TD><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"6\" CELLPADDING=\"3\"><TR>" + cells +
                "</TR></TABLE></TD></TR>";
    return html + "</TABLE>";
}

GraphPtr build(const Graph& graph, const DiagramOptions& options, Agdisc_t* disc) {
    GraphPtr g(agopen(const_cast<char*>("factgraph"), Agdirected, disc));
    if (!g) throw Error("Graphviz could not create a graph");
    Agraph_t* root = g.get();
    const std::string layout = resolve_layout(graph, options.layout);
    const bool ranked = layout == "dot";
    // Recorded in the DOT so `dot -Tsvg file.dot` draws it with the same engine.
    set(root, "layout", layout);
    set(root, "charset", "UTF-8");
    set(root, "rankdir", "LR");
    set(root, "overlap", "false");
    set(root, "splines", ranked || graph.edges.size() <= kMaxSplineEdges ? "true" : "false");
    set(root, "outputorder", "edgesfirst");
    set(root, "nodesep", "0.35");
    set(root, "ranksep", "0.9");
    set(root, "pad", "0.3");
    set(root, "fontname", "Helvetica");
    set(root, "fontsize", "10");
    if (!ranked) {
        // External edge labels are placed after layout where they overlap nothing, and left out
        // (the SVG tooltip keeps them) where there is no such place.
        set(root, "forcelabels", "false");
        set(root, "sep", "+14");  // room between nodes: 220 of 306 labels placed at 200 actors, not 185
    }
    if (std::string legend = legend_html(graph, options); !legend.empty()) {
        set_html(root, "label", legend);
        set(root, "labelloc", options.title.empty() ? "b" : "t");
    }
    std::int64_t max_mentions = 1;
    for (const auto& n : graph.nodes) max_mentions = std::max(max_mentions, n.mentions);
    for (const auto& n : graph.nodes) {
        std::string key = "a" + std::to_string(n.id);
        Agnode_t* v = agnode(root, const_cast<char*>(key.c_str()), 1);
        TypeStyle st = style_of(n.type);
        // Size grows with the square root of mentions so one dominant actor does not dwarf the
        // rest; width and height are minimums, a long name still gets the room it needs.
        double scale = std::sqrt(static_cast<double>(n.mentions) / static_cast<double>(max_mentions));
        set(v, "label", wrap(escape_label(n.name), 18));
        set(v, "shape", st.shape);
        set(v, "style", "filled");
        set(v, "fillcolor", st.fill);
        set(v, "fontcolor", st.font);
        set(v, "color", "#333333");
        set(v, "fontname", "Helvetica");
        set(v, "fontsize", format("%.1f", 11.0 + 9.0 * scale));
        set(v, "width", format("%.2f", 0.75 + 1.25 * scale));
        set(v, "height", format("%.2f", 0.4 + 0.5 * scale));
        set(v, "margin", "0.08,0.04");
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
        // "deny (deny)" says nothing twice: the stance is shown only when the cue does not say it.
        if (e.kind == GraphEdge::Kind::Claim && e.stance != Stance::Assert && e.label != to_string(e.stance))
            label += " (" + std::string(to_string(e.stance)) + ")";
        if (e.kind == GraphEdge::Kind::Relation && !e.asserted_by.empty()) label += "\nper " + e.asserted_by;
        if (e.sources > 1) label += " \u00D7" + std::to_string(e.sources);
        set(edge, ranked ? "label" : "xlabel", wrap(escape_label(label), 22));
        set(edge, "color", edge_colour(e));
        set(edge, "fontcolor", edge_colour(e));
        set(edge, "fontname", "Helvetica");
        set(edge, "fontsize", "10");
        set(edge, "penwidth", format("%.1f", 1.0 + std::min<double>(4.0, std::log2(static_cast<double>(e.sources)))));
        if (e.kind == GraphEdge::Kind::Claim) set(edge, "style", e.stance == Stance::Decline ? "dotted" : "solid");
        else set(edge, "style", e.asserted_by.empty() ? "bold" : "dashed");
        if (e.kind == GraphEdge::Kind::Claim) set(edge, "arrowhead", "vee");
        if (!ranked) set(edge, "len", "1.6");  // neato and fdp: room for the label beside the edge
        std::string tip = (e.kind == GraphEdge::Kind::Claim ? "said (" + e.label + "): " : e.label + ": ") + e.evidence;
        if (!e.origin.empty()) tip += " [" + e.origin + "]";
        if (e.sources > 1) tip += " (+" + std::to_string(e.sources - 1) + " more sources)";
        set(edge, "tooltip", escape_label(tip));
        set(edge, "labeltooltip", escape_label(tip));
    }
    return g;
}

bool known_layout(const std::string& layout) {
    static const char* layouts[] = {"auto", "dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage"};
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

namespace {

// The Graphviz context every drawing of the process uses, and the lock that keeps two threads
// from drawing at once (Graphviz is not thread-safe). One context rather than one per drawing,
// because Graphviz keeps state of its own across contexts: its pango plugin (Graphviz 2.42, Debian
// 12) remembers a pointer to the last font name it measured, a string the measuring context owns,
// so a drawing after that context was freed compared a freed string (AddressSanitizer,
// 2026-12-03). Never freed: it lives as long as the plugin's pointer into it.
struct GraphvizContext {
    GVC_t* gvc;
    std::mutex lock;
};

GraphvizContext& graphviz() {
    static GraphvizContext context{gvContext(), {}};
    return context;
}

}  // namespace

void render_diagram(const Graph& graph, std::ostream& out, const std::string& format, const DiagramOptions& options) {
    if (std::find(diagram_formats().begin(), diagram_formats().end(), format) == diagram_formats().end())
        throw UsageError("unknown diagram format '" + format + "' (choose dot, svg, png or pdf)");
    if (!known_layout(options.layout))
        throw UsageError("unknown layout '" + options.layout + "' (choose auto, dot, neato, fdp, sfdp or circo)");
    if (format == "dot") {
        write_dot(graph, out, options);
        return;
    }
    GraphvizContext& context = graphviz();
    if (!context.gvc) throw Error("Graphviz could not start (is the graphviz package installed?)");
    const std::lock_guard<std::mutex> drawing(context.lock);
    GVC_t* gvc = context.gvc;
    GraphPtr g = build(graph, options, nullptr);
    agseterr(AGERR);
    const std::string layout = resolve_layout(graph, options.layout);
    if (gvLayout(gvc, g.get(), layout.c_str()) != 0)
        throw Error("Graphviz layout '" + layout + "' failed" + (aglasterr() ? std::string(": ") + aglasterr() : ""));
    char* data = nullptr;
    unsigned int length = 0;
    int rc = gvRenderData(gvc, g.get(), format.c_str(), &data, &length);
    gvFreeLayout(gvc, g.get());
    if (rc != 0 || !data || length == 0) {
        if (data) gvFreeRenderData(data);
        throw Error("Graphviz could not render " + format + " (is its plugin installed? try `dot -c` as root)");
    }
    out.write(data, length);
    gvFreeRenderData(data);
}

}  // namespace factgraph::exporters
