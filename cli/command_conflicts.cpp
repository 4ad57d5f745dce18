#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/fact_tracking.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class ConflictsCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand(
            "conflicts", "Contradicting claims: a denial against an assertion, or opposite assertions");
        app->add_option("actor", m_query.actor, "Only conflicts about this actor (name or alias)");
        app->add_option("--limit", m_query.limit, "Pairs to list, strongest first (0 for all)")->capture_default_str();
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        Store store(global.db, Store::Mode::ReadOnly);
        exporters::write_table(query_conflicts(store, m_query), std::cout, exporters::parse_table_format(m_format),
                               table_width(global));
        return 0;
    }

private:
    ConflictQuery m_query;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_conflicts_command() { return std::make_unique<ConflictsCommand>(); }

}  // namespace factgraph::cli
