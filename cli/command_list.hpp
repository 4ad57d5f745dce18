#pragma once
#include <memory>

#include "command.hpp"

namespace factgraph::cli {

std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_extract_command();
std::unique_ptr<Command> make_actors_command();
std::unique_ptr<Command> make_actor_command();
std::unique_ptr<Command> make_said_command();
std::unique_ptr<Command> make_claim_command();
std::unique_ptr<Command> make_relations_command();
std::unique_ptr<Command> make_conflicts_command();
std::unique_ptr<Command> make_timeline_command();
std::unique_ptr<Command> make_path_command();
std::unique_ptr<Command> make_neighbours_command();
std::unique_ptr<Command> make_rank_command();
std::unique_ptr<Command> make_clusters_command();
std::unique_ptr<Command> make_search_command();
std::unique_ptr<Command> make_sql_command();
std::unique_ptr<Command> make_stats_command();
std::unique_ptr<Command> make_render_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_nlp_command();

}  // namespace factgraph::cli
