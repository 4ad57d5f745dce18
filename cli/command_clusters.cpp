#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/graph_algorithms.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class ClustersCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("clusters", "Groups of linked actors: connected components or communities");
        app->add_flag("--communities", m_query.communities, "Split components into communities (label propagation)");
        app->add_flag("--members", m_query.members, "One row per member");
        app->add_option("--min-size", m_query.min_size, "Smallest cluster to list")->capture_default_str();
        app->add_option("--limit", m_query.limit, "Clusters to list, largest first (0 for all)")->capture_default_str();
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        Store store(global.db, Store::Mode::ReadOnly);
        exporters::write_table(query_clusters(store, m_query), std::cout, exporters::parse_table_format(m_format),
                               table_width(global));
        return 0;
    }

private:
    ClusterQuery m_query;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_clusters_command() { return std::make_unique<ClustersCommand>(); }

}  // namespace factgraph::cli
