#include <algorithm>
#include <iostream>
#include <thread>

#include "command_list.hpp"
#include "factgraph/exporters/extraction_writer.hpp"
#include "factgraph/importers/import_pipeline.hpp"
#include "factgraph/nlp/pipeline.hpp"

namespace factgraph::cli {
namespace {

class ExtractCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("extract", "Extract actors, claims and relations as JSON Lines (no database)");
        app->add_option("paths", m_paths, "Article files, directories or glob patterns; - for stdin")->required();
        app->add_option("--format", m_format, "Output format")->check(CLI::IsMember({"jsonl"}))->capture_default_str();
        app->add_option("--extractor", m_extractor, importers::extractor_choices_help())
            ->check(CLI::IsMember(importers::extractor_names()))
            ->capture_default_str();
        app->add_option("--data", m_data, "Folder holding models/ and lexicons/ (default: FACTGRAPH_DATA_DIR or the build's)");
        app->add_option("--jobs,-j", m_jobs,
                        "Threads extracting articles (default: one per CPU core); any number gives the same output")
            ->check(CLI::Range(1u, 256u));
        app->add_option("--input-format", m_input_format, "Force a reader: text, html, json, jsonl");
        return app;
    }

    int run(const GlobalOptions&) override {
        auto readers = importers::ReaderRegistry::with_builtin_readers();
        auto extractor = importers::make_extractor(m_extractor, nlp::resolve_data_dir(m_data));
        auto errors = importers::extract_inputs(m_paths, *extractor, readers, m_input_format,
                                                [](const Extraction& e) { exporters::write_extraction_jsonl(e, std::cout); },
                                                m_jobs);
        for (const auto& e : errors) std::cerr << "factgraph: " << e.what() << '\n';
        return errors.empty() ? 0 : 1;
    }

private:
    std::vector<std::string> m_paths;
    std::string m_extractor = "nlp";
    unsigned m_jobs = std::max(1u, std::thread::hardware_concurrency());
    std::string m_data;
    std::string m_format = "jsonl";
    std::string m_input_format;
};

}  // namespace

std::unique_ptr<Command> make_extract_command() { return std::make_unique<ExtractCommand>(); }

}  // namespace factgraph::cli
