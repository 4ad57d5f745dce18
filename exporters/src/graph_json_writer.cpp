// Node-link JSON in the shape d3-force and networkx's node_link_graph expect: links refer to nodes
// by id, so `forceLink().id(d => d.id)` works unchanged.
#include <nlohmann/json.hpp>

#include "actor_style.hpp"
#include "factgraph/exporters/graph_export.hpp"

namespace factgraph::exporters {

void write_graph_json(const Graph& graph, std::ostream& out) {
    using Json = nlohmann::ordered_json;
    Json nodes = Json::array();
    for (const auto& n : graph.nodes)
        nodes.push_back({{"id", n.id},
                         {"name", n.name},
                         {"type", std::string(to_string(n.type))},
                         {"aliases", n.aliases},
                         {"mentions", n.mentions},
                         {"articles", n.articles},
                         {"color", detail::style_of(n.type).fill}});
    Json links = Json::array();
    for (const auto& e : graph.edges) {
        bool claim = e.kind == GraphEdge::Kind::Claim;
        // null marks an attribute that does not apply, so consumers need not guess from "".
        links.push_back({{"source", e.source},
                         {"target", e.target},
                         {"kind", detail::kind_name(e.kind)},
                         {"label", e.label},
                         {"stance", claim ? Json(std::string(to_string(e.stance))) : Json(nullptr)},
                         {"asserted_by", e.asserted_by.empty() ? Json(nullptr) : Json(e.asserted_by)},
                         {"sources", e.sources},
                         {"count", e.count},
                         {"evidence", e.evidence},
                         {"origin", e.origin},
                         {"color", detail::edge_colour(e)}});
    }
    Json j;
    j["directed"] = true;
    j["multigraph"] = true;  // a speaker can both say and deny something about the same actor
    j["graph"] = {{"generator", "factgraph"}};
    j["nodes"] = std::move(nodes);
    j["links"] = std::move(links);
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace factgraph::exporters
