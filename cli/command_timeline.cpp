#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/fact_tracking.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class TimelineCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand(
            "timeline", "What was said by and about an actor, and its relations, by date; one row per fact");
        app->add_option("actor", m_query.actor, "Actor (name or alias); every fact when left out");
        app->add_option("--since", m_query.since, "Facts first reported on or after this date (YYYY-MM-DD)");
        app->add_option("--until", m_query.until, "Facts first reported on or before this date (YYYY-MM-DD)");
        app->add_option("--min-sources", m_query.min_sources, "Only facts reported by at least this many articles")
            ->capture_default_str();
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        Store store(global.db, Store::Mode::ReadOnly);
        exporters::write_table(query_timeline(store, m_query), std::cout, exporters::parse_table_format(m_format),
                               table_width(global));
        return 0;
    }

private:
    TimelineQuery m_query;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_timeline_command() { return std::make_unique<TimelineCommand>(); }

}  // namespace factgraph::cli
