#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

class SqlCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand(
            "sql", "One read-only SQL query against the views v_articles, v_actors, v_claims, v_relations, "
                   "v_mentions, v_claim_about, v_links (docs/sql.md)");
        app->add_option("query", m_words, "The SELECT statement (quote it)")->required();
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        std::string sql;
        for (const auto& w : m_words) sql += (sql.empty() ? "" : " ") + w;
        // Read-only at the connection too: even a statement the checks missed could not write.
        Store store(global.db, Store::Mode::ReadOnly);
        exporters::write_table(query_sql(store, sql), std::cout, exporters::parse_table_format(m_format),
                               table_width(global));
        return 0;
    }

private:
    std::vector<std::string> m_words;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_sql_command() { return std::make_unique<SqlCommand>(); }

}  // namespace factgraph::cli
