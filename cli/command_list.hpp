#pragma once
#include <memory>

#include "command.hpp"

namespace factgraph::cli {

std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_extract_command();
std::unique_ptr<Command> make_actors_command();
std::unique_ptr<Command> make_said_command();
std::unique_ptr<Command> make_relations_command();
std::unique_ptr<Command> make_render_command();
std::unique_ptr<Command> make_nlp_command();

}  // namespace factgraph::cli
