#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class RelationsCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("relations", "Relations between actors, with who asserts them");
        app->add_option("actor", m_query.actor, "Only relations of this actor");
        app->add_option("--predicate", m_query.predicate, "Predicate contains this text");
        app->add_option("--type", m_query.type, "Canonical relation type (based_in, member_of, ...)");
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        Store store(global.db, Store::Mode::ReadOnly);
        exporters::write_table(query_relations(store, m_query), std::cout, exporters::parse_table_format(m_format),
                               table_width(global));
        return 0;
    }

private:
    RelationQuery m_query;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_relations_command() { return std::make_unique<RelationsCommand>(); }

}  // namespace factgraph::cli
