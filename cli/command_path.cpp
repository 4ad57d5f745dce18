#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/core/graph_algorithms.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class PathCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("path", "Shortest chains of relations and claims linking two actors");
        app->add_option("from", m_query.from, "First actor (name or alias)")->required();
        app->add_option("to", m_query.to, "Second actor (name or alias)")->required();
        app->add_option("--max-hops", m_query.max_hops, "Longest chain to look for")->capture_default_str();
        app->add_option("--via", m_via, "Links to follow: relation, claim or both")
            ->check(CLI::IsMember({"relation", "claim", "both"}))
            ->capture_default_str();
        app->add_option("--limit", m_query.limit, "Chains to list when several are equally short (0 for all)")
            ->capture_default_str();
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        m_query.via = *parse_link_kinds(m_via);
        Store store(global.db, Store::Mode::ReadOnly);
        Table table = query_path(store, m_query);
        if (table.rows.empty() && !global.quiet)
            std::cerr << "no chain of at most " << m_query.max_hops << " links between '" << m_query.from << "' and '"
                      << m_query.to << "'\n";
        exporters::write_table(table, std::cout, exporters::parse_table_format(m_format), table_width(global));
        return 0;
    }

private:
    PathQuery m_query;
    std::string m_via = "both";
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_path_command() { return std::make_unique<PathCommand>(); }

}  // namespace factgraph::cli
