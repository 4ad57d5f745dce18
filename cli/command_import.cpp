#include <algorithm>
#include <iostream>
#include <thread>

#include "command_list.hpp"
#include "factgraph/core/curation.hpp"
#include "factgraph/importers/actors_file.hpp"
#include "factgraph/importers/import_pipeline.hpp"
#include "factgraph/nlp/pipeline.hpp"

namespace factgraph::cli {
namespace {

class ImportCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("import", "Import articles (files, directories, globs) into the database");
        app->add_option("paths", m_paths, "Article files, directories or glob patterns")->required();
        app->add_option("--extractor", m_extractor, importers::extractor_choices_help())
            ->check(CLI::IsMember(importers::extractor_names()))
            ->capture_default_str();
        app->add_option("--data", m_data, "Folder holding models/ and lexicons/ (default: FACTGRAPH_DATA_DIR or the build's)");
        app->add_option("--jobs,-j", m_jobs,
                        "Threads extracting articles (default: one per CPU core); any number gives the same output")
            ->check(CLI::Range(1u, 256u));
        app->add_option("--input-format", m_format, "Force a reader: text, html, json, jsonl");
        app->add_option("--actors", m_actors_file,
                        "Actors file (TOML: canonical names, aliases, types, drops) stored and applied first");
        return app;
    }

    int run(const GlobalOptions& global) override {
        std::vector<ActorEntry> actor_entries;
        if (!m_actors_file.empty()) actor_entries = importers::read_actors_file(m_actors_file);
        Store store(global.db);
        if (!m_actors_file.empty()) {
            LoadResult loaded = load_actor_entries(store, actor_entries);
            if (!global.quiet)
                std::cerr << m_actors_file << ": " << loaded.entries << " actor entr"
                          << (loaded.entries == 1 ? "y" : "ies") << " stored\n";
        }
        auto readers = importers::ReaderRegistry::with_builtin_readers();
        auto extractor = importers::make_extractor(m_extractor, nlp::resolve_data_dir(m_data));
        importers::ImportOptions options;
        options.forced_format = m_format;
        options.jobs = m_jobs;
        options.progress = [&](const std::string& line) {
            bool is_error = line.rfind("error: ", 0) == 0;
            if (is_error) std::cerr << "factgraph: " << line.substr(7) << '\n';
            else if (!global.quiet) std::cerr << line << '\n';
        };
        auto s = importers::import_inputs(m_paths, store, *extractor, readers, options);
        if (!global.quiet)
            std::cerr << "imported " << s.articles_added << " article" << (s.articles_added == 1 ? "" : "s") << " ("
                      << s.articles_unchanged << " unchanged, " << s.errors.size() << " failed): "
                      << s.actors_added << " new actors, " << s.actors_matched << " matched, "
                      << (s.actors_dropped ? std::to_string(s.actors_dropped) + " dropped (curated), " : "") << s.claims
                      << " claims, " << s.relations << " relations -> " << global.db << '\n';
        return s.ok() ? 0 : 1;
    }

private:
    std::vector<std::string> m_paths;
    std::string m_extractor = "nlp";
    unsigned m_jobs = std::max(1u, std::thread::hardware_concurrency());
    std::string m_data;
    std::string m_format;
    std::string m_actors_file;
};

}  // namespace

std::unique_ptr<Command> make_import_command() { return std::make_unique<ImportCommand>(); }

}  // namespace factgraph::cli
