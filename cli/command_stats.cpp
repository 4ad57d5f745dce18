#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class StatsCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("stats", "Counts, the top speakers and the most mentioned actors");
        app->add_option("--top", m_top, "Speakers and actors to list")->capture_default_str();
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        Store store(global.db, Store::Mode::ReadOnly);
        exporters::write_table(query_stats(store, m_top), std::cout, exporters::parse_table_format(m_format),
                               table_width(global));
        return 0;
    }

private:
    std::size_t m_top = 5;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_stats_command() { return std::make_unique<StatsCommand>(); }

}  // namespace factgraph::cli
