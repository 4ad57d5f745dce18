// The thin `factgraph` executable: parse, dispatch, and the one place errors are caught.
// Exit status: 0 ok, 1 error (including partly failed imports), 2 usage.
#include <iostream>

#include "command.hpp"
#include "factgraph/core/error.hpp"

int main(int argc, char** argv) {
    using namespace factgraph;
    CLI::App app{"factgraph: turn news articles into a fact-tracking knowledge graph"};
    app.name("factgraph");
    app.set_version_flag("--version", "factgraph 0.1.0");
    app.require_subcommand(1);
    cli::GlobalOptions global;
    app.add_option("--db", global.db, "SQLite database file")->capture_default_str();
    app.add_flag("-q,--quiet", global.quiet, "Only errors on stderr");
    app.add_flag("-v,--verbose", global.verbose, "More detail on stderr");

    auto commands = cli::make_commands();
    std::vector<std::pair<CLI::App*, cli::Command*>> dispatch;
    for (auto& c : commands) {
        CLI::App* sub = c->setup(app);
        // Global options are accepted (and listed by -h) after the subcommand too.
        sub->add_option("--db", global.db, "SQLite database file")->capture_default_str();
        sub->add_flag("-q,--quiet", global.quiet, "Only errors on stderr");
        sub->add_flag("-v,--verbose", global.verbose, "More detail on stderr");
        sub->add_option("--width", global.width, "Width of text tables (default: the terminal's, else 80)");
        dispatch.emplace_back(sub, c.get());
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    try {
        for (auto& [sub, command] : dispatch)
            if (sub->parsed()) return command->run(global);
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "factgraph: " << e.what() << '\n';
        return 2;
    } catch (const Error& e) {
        std::cerr << "factgraph: " << e.what() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "factgraph: internal error: " << e.what() << '\n';
        return 1;
    }
}
