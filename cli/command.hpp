#pragma once
// Every subcommand is a Command: setup() declares its options (parsing only), run() works.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace factgraph::cli {

/** Options every subcommand understands. */
struct GlobalOptions {
    std::string db = "factgraph.db";
    bool quiet = false;
    bool verbose = false;
    std::size_t width = 0;  ///< table width; 0 = the terminal's, or 80 when not a terminal
};

/** Width for text tables: --width, else the terminal's when stdout is one, else 80. */
std::size_t table_width(const GlobalOptions& global);

class Command {
public:
    virtual ~Command() = default;
    /** Adds the subcommand and its options to `parent`; returns the subcommand. */
    virtual CLI::App* setup(CLI::App& parent) = 0;
    /** Runs after parsing; returns the exit status. */
    virtual int run(const GlobalOptions& global) = 0;
};

/** The one list of subcommands, in the order `--help` shows them. */
std::vector<std::unique_ptr<Command>> make_commands();

/** Adds `--format` with the query formats (table, json, csv, md). */
void add_table_format_option(CLI::App& app, std::string& format);

}  // namespace factgraph::cli
