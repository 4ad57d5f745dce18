// The registration list: one line per subcommand.
#include "command.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include "command_list.hpp"
#include "factgraph/exporters/table_writer.hpp"

namespace factgraph::cli {

std::vector<std::unique_ptr<Command>> make_commands() {
    std::vector<std::unique_ptr<Command>> list;
    list.push_back(make_import_command());
    list.push_back(make_extract_command());
    list.push_back(make_actors_command());
    list.push_back(make_actor_command());
    list.push_back(make_said_command());
    list.push_back(make_claim_command());
    list.push_back(make_relations_command());
    list.push_back(make_conflicts_command());
    list.push_back(make_timeline_command());
    list.push_back(make_path_command());
    list.push_back(make_neighbours_command());
    list.push_back(make_rank_command());
    list.push_back(make_clusters_command());
    list.push_back(make_search_command());
    list.push_back(make_sql_command());
    list.push_back(make_stats_command());
    list.push_back(make_render_command());
    list.push_back(make_export_command());
    list.push_back(make_nlp_command());
    return list;
}

std::size_t table_width(const GlobalOptions& global) {
    if (global.width > 0) return std::max<std::size_t>(global.width, 40);
    winsize ws{};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
    return 80;
}

void add_table_format_option(CLI::App& app, std::string& format) {
    app.add_option("--format", format, "Output format")
        ->check(CLI::IsMember({"table", "json", "csv", "md"}))
        ->capture_default_str();
}

}  // namespace factgraph::cli
