#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class ActorsCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("actors", "List actors, most mentioned first");
        app->add_option("name", m_query.name, "Only actors matching this name or alias");
        app->add_option("--type", m_type, "person, organization, location, product, group or other");
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        if (!m_type.empty()) {
            m_query.type = parse_actor_type(m_type);
            if (!m_query.type) throw UsageError("unknown actor type '" + m_type + "'");
        }
        Store store(global.db, Store::Mode::ReadOnly);
        exporters::write_table(query_actors(store, m_query), std::cout, exporters::parse_table_format(m_format),
                               table_width(global));
        return 0;
    }

private:
    ActorQuery m_query;
    std::string m_type;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_actors_command() { return std::make_unique<ActorsCommand>(); }

}  // namespace factgraph::cli
