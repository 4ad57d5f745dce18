#include <iostream>

#include "command_list.hpp"
#include "factgraph/core/query.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {
namespace {

// `factgraph claim ID`: one claim in full, with the sentence that states it and its article.
class ClaimCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("claim", "One claim in full: speaker, cue, stance, content, sentence, article");
        app->add_option("id", m_id, "Claim id (the id column of `factgraph said`)")->required();
        add_table_format_option(*app, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        Store store(global.db, Store::Mode::ReadOnly);
        Table claim = query_claim(store, m_id);
        auto format = exporters::parse_table_format(m_format);
        std::size_t width = table_width(global);
        // Tables and Markdown read better as field/value rows; JSON and CSV keep one record.
        if (format == exporters::TableFormat::Table)
            claim = record_as_fields(claim, width > 16 ? width - 14 : 0);
        else if (format == exporters::TableFormat::Markdown)
            claim = record_as_fields(claim);
        exporters::write_table(claim, std::cout, format, width);
        return 0;
    }

private:
    std::int64_t m_id = 0;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_claim_command() { return std::make_unique<ClaimCommand>(); }

}  // namespace factgraph::cli
