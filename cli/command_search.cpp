#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class SearchCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("search", "Full-text search over sentences and claims, with the actors in each hit");
        app->add_option("text", m_words, "Words to find (all of them)")->required();
        app->add_option("--kind", m_query.kind, "Search only sentences or only claims")
            ->check(CLI::IsMember({"sentence", "claim"}));
        app->add_flag("--raw", m_query.raw, "TEXT is an FTS5 query (\"a phrase\", OR, NEAR, prefix*)");
        app->add_option("--limit", m_query.limit, "Hits to list, best first (0 for all)")->capture_default_str();
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        for (const auto& w : m_words) m_query.text += (m_query.text.empty() ? "" : " ") + w;
        Store store(global.db, Store::Mode::ReadOnly);
        exporters::write_table(query_search(store, m_query), std::cout, exporters::parse_table_format(m_format),
                               table_width(global));
        return 0;
    }

private:
    SearchQuery m_query;
    std::vector<std::string> m_words;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_search_command() { return std::make_unique<SearchCommand>(); }

}  // namespace factgraph::cli
