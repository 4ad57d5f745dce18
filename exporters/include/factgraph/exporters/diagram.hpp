#pragma once
/** @file Relationship diagrams: the Graph as DOT (built with cgraph) or rendered with gvc. */
#include <ostream>
#include <string>
#include <vector>

#include "factgraph/core/graph.hpp"

namespace factgraph::exporters {

struct DiagramOptions {
    /// auto (dot up to 40 actors, else sfdp), dot, neato, fdp, sfdp, circo, twopi or osage
    std::string layout = "auto";
    std::string title;   ///< drawn above the diagram when set
    bool legend = true;  ///< actor types and edge colours, drawn below the diagram
};

/** @brief Output formats `render` accepts. */
const std::vector<std::string>& diagram_formats();

/** @brief Writes the graph as DOT text (deterministic: same graph, same bytes). */
void write_dot(const Graph& graph, std::ostream& out, const DiagramOptions& options);

/** @brief Lays the graph out and renders it as svg, png or pdf (or dot for the DOT text).
 *  Throws UsageError for an unknown format or layout, Error when Graphviz fails. */
void render_diagram(const Graph& graph, std::ostream& out, const std::string& format, const DiagramOptions& options);

}  // namespace factgraph::exporters
