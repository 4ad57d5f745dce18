#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class SaidCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("said", "Who said what: claims with speaker, cue, stance and source");
        app->add_option("--by", m_query.by, "Speaker (name or alias)");
        app->add_option("--about", m_query.about, "Actor the claim is about");
        app->add_option("--stance", m_stance, "assert, deny, decline or other");
        app->add_option("--cue", m_query.cue, "Cue lemma (say, deny, according to, ...)");
        app->add_option("--contains", m_query.contains, "Words the claim content contains (full-text search)");
        app->add_option("--since", m_query.since, "Articles published on or after this date (YYYY-MM-DD)");
        app->add_option("--until", m_query.until, "Articles published on or before this date (YYYY-MM-DD)");
        app->add_flag("--speech-only", m_query.speech_only, "Leave out beliefs, intentions and findings");
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        if (!m_stance.empty()) {
            m_query.stance = parse_stance(m_stance);
            if (!m_query.stance) throw UsageError("unknown stance '" + m_stance + "' (assert, deny, decline, other)");
        }
        Store store(global.db, Store::Mode::ReadOnly);
        exporters::write_table(query_said(store, m_query), std::cout, exporters::parse_table_format(m_format),
                               table_width(global));
        return 0;
    }

private:
    SaidQuery m_query;
    std::string m_stance;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_said_command() { return std::make_unique<SaidCommand>(); }

}  // namespace factgraph::cli
