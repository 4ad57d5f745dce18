#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/core/graph_algorithms.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class NeighboursCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("neighbours", "The ego network: actors within N links of an actor");
        m_query.limit = 50;
        app->alias("neighbors");
        app->add_option("actor", m_query.actor, "Actor (name or alias)")->required();
        app->add_option("--depth", m_query.depth, "Links away from the actor")->capture_default_str();
        app->add_option("--via", m_via, "Links to follow: relation, claim or both")
            ->check(CLI::IsMember({"relation", "claim", "both"}))
            ->capture_default_str();
        app->add_option("--type", m_type, "List only actors of this type");
        app->add_option("--limit", m_query.limit, "Actors to list, nearest first (0 for all)")->capture_default_str();
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        m_query.via = *parse_link_kinds(m_via);
        if (!m_type.empty()) {
            m_query.type = parse_actor_type(m_type);
            if (!m_query.type) throw UsageError("unknown actor type '" + m_type + "'");
        }
        Store store(global.db, Store::Mode::ReadOnly);
        exporters::write_table(query_neighbours(store, m_query), std::cout, exporters::parse_table_format(m_format),
                               table_width(global));
        return 0;
    }

private:
    NeighbourQuery m_query;
    std::string m_via = "both";
    std::string m_type;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_neighbours_command() { return std::make_unique<NeighboursCommand>(); }

}  // namespace factgraph::cli
