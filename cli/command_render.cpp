#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "command_list.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/core/graph.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/diagram.hpp"

namespace factgraph::cli {
namespace {

class RenderCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("render", "Draw the relationship diagram (DOT, SVG, PNG or PDF)");
        app->add_option("--format", m_format, "dot, svg, png or pdf (default: from -o's extension, else dot)");
        app->add_option("-o,--output", m_output, "Output file (default: stdout)");
        app->add_option("--layout", m_options.layout, "dot, neato, fdp, sfdp or circo")->capture_default_str();
        app->add_option("--focus", m_query.focus, "Only what lies around this actor");
        app->add_option("--depth", m_query.depth, "Hops around --focus")->capture_default_str();
        app->add_option("--type", m_type, "Only actors of this type");
        app->add_option("--min-sources", m_query.min_sources, "Only edges backed by this many articles")->capture_default_str();
        app->add_option("--since", m_query.since, "Only facts from articles published on or after this date");
        app->add_option("--article", m_query.article, "Only facts from this article id");
        app->add_flag("--claims", m_claims_only, "Only who-said-about-whom edges");
        app->add_flag("--relations", m_relations_only, "Only relation edges");
        app->add_option("--title", m_options.title, "Title drawn above the diagram");
        app->add_flag("--no-legend", m_no_legend, "Leave out the legend of actor types");
        return app;
    }

    int run(const GlobalOptions& global) override {
        if (m_format.empty()) {
            std::string ext = std::filesystem::path(m_output).extension().string();
            m_format = ext.empty() ? "dot" : ext.substr(1);
        }
        if (!m_type.empty()) {
            m_query.type = parse_actor_type(m_type);
            if (!m_query.type) throw UsageError("unknown actor type '" + m_type + "'");
        }
        if (m_claims_only && !m_relations_only) m_query.relations = false;
        if (m_relations_only && !m_claims_only) m_query.claims = false;
        m_options.legend = !m_no_legend;
        Store store(global.db, Store::Mode::ReadOnly);
        Graph graph = build_graph(store, m_query);
        // Render into memory first so a failure never leaves a broken or empty file behind.
        std::ostringstream rendered;
        exporters::render_diagram(graph, rendered, m_format, m_options);
        if (m_output.empty() || m_output == "-") {
            std::cout << rendered.str();
        } else {
            std::ofstream out(m_output, std::ios::binary);
            if (!out || !(out << rendered.str())) throw Error("cannot write " + m_output);
            if (!global.quiet)
                std::cerr << "wrote " << m_output << " (" << graph.nodes.size() << " actors, " << graph.edges.size()
                          << " edges)\n";
        }
        return 0;
    }

private:
    GraphQuery m_query;
    exporters::DiagramOptions m_options;
    std::string m_format;
    std::string m_output;
    std::string m_type;
    bool m_claims_only = false;
    bool m_relations_only = false;
    bool m_no_legend = false;
};

}  // namespace

std::unique_ptr<Command> make_render_command() { return std::make_unique<RenderCommand>(); }

}  // namespace factgraph::cli
