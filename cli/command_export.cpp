#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "command_list.hpp"
#include "factgraph/core/claim_records.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/core/graph.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/graph_export.hpp"

namespace factgraph::cli {
namespace {

namespace fs = std::filesystem;

// Writes through a temporary file and a rename, so readers never see half a file and a failure
// leaves whatever was there before.
void write_file(const fs::path& path, const std::string& content) {
    fs::path tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        if (!out || !(out << content) || !out.flush()) {
            std::error_code ignored;
            fs::remove(tmp, ignored);
            throw Error("cannot write " + path.string());
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error("cannot write " + path.string());
    }
}

class ExportCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand(
            "export", "Export the graph for other tools (GraphML, JSON, Neo4j CSV, JSONL, Markdown dossier)");
        app->add_option("--format", m_format,
                        "graphml (Gephi, yEd), json (d3), csv (neo4j-admin import), jsonl (one fact per line), "
                        "md (dossier per actor); default: from -o's extension");
        app->add_option("-o,--output", m_output,
                        "Output file (default: stdout); for csv a directory, or a prefix for PREFIX-actors.csv "
                        "and PREFIX-relationships.csv");
        app->add_option("--focus", m_query.focus, "Only what lies around this actor");
        app->add_option("--depth", m_query.depth, "Hops around --focus")->capture_default_str();
        app->add_option("--type", m_type, "Only actors of this type");
        app->add_option("--min-sources", m_query.min_sources, "Only edges backed by this many articles")->capture_default_str();
        app->add_option("--since", m_query.since, "Only facts from articles published on or after this date");
        app->add_option("--article", m_query.article, "Only facts from this article id");
        app->add_flag("--claims", m_claims_only, "Only who-said-about-whom facts");
        app->add_flag("--relations", m_relations_only, "Only relations");
        return app;
    }

    int run(const GlobalOptions& global) override {
        bool to_stdout = m_output.empty() || m_output == "-";
        if (m_format.empty()) {
            if (to_stdout) throw UsageError("export needs --format (graphml, json, csv, jsonl or md)");
            std::string ext = fs::path(m_output).extension().string();
            if (ext.empty() || fs::is_directory(m_output))
                throw UsageError("cannot tell the format from '" + m_output + "': use --format");
            m_format = ext.substr(1);
        }
        exporters::ExportFormat format = exporters::parse_export_format(m_format);
        if (format == exporters::ExportFormat::Csv && to_stdout)
            throw UsageError("csv export writes two files (actors and relationships): give -o DIR or -o PREFIX");
        if (!m_type.empty()) {
            m_query.type = parse_actor_type(m_type);
            if (!m_query.type) throw UsageError("unknown actor type '" + m_type + "'");
        }
        if (m_claims_only && !m_relations_only) m_query.relations = false;
        if (m_relations_only && !m_claims_only) m_query.claims = false;

        Store store(global.db, Store::Mode::ReadOnly);
        // Everything is written to memory first so a failure never leaves a broken or empty file.
        std::ostringstream primary, second;
        std::string summary;
        if (format == exporters::ExportFormat::Jsonl) {
            FactRecords records = fact_records(store, m_query);
            if (records.claims.empty() && records.relations.empty())
                throw Error("nothing to export: the selection holds no claims or relations");
            exporters::write_facts_jsonl(records, primary);
            summary = std::to_string(records.claims.size()) + " claims, " + std::to_string(records.relations.size()) +
                      " relations";
        } else {
            Graph graph = build_graph(store, m_query);
            switch (format) {
                case exporters::ExportFormat::GraphMl: exporters::write_graphml(graph, primary); break;
                case exporters::ExportFormat::Json: exporters::write_graph_json(graph, primary); break;
                case exporters::ExportFormat::Csv: exporters::write_neo4j_csv(graph, primary, second); break;
                case exporters::ExportFormat::Markdown:
                    exporters::write_dossier(graph, fact_records(store, m_query), primary);
                    break;
                case exporters::ExportFormat::Jsonl: break;
            }
            summary = std::to_string(graph.nodes.size()) + " actors, " + std::to_string(graph.edges.size()) + " edges";
        }

        if (to_stdout) {
            std::cout << primary.str();
            return 0;
        }
        std::string written;
        if (format == exporters::ExportFormat::Csv) {
            auto [actors, relationships] = csv_paths(m_output);
            write_file(actors, primary.str());
            write_file(relationships, second.str());
            written = actors.string() + " and " + relationships.string();
        } else {
            write_file(m_output, primary.str());
            written = m_output;
        }
        if (!global.quiet) std::cerr << "wrote " << written << " (" << summary << ")\n";
        return 0;
    }

private:
    // DIR (existing, or ending in '/') gets actors.csv and relationships.csv; anything else is a
    // prefix: out/pegasus or out/pegasus.csv gives out/pegasus-actors.csv and out/pegasus-relationships.csv.
    static std::pair<fs::path, fs::path> csv_paths(const std::string& output) {
        bool dir_syntax = output.back() == '/' || fs::is_directory(output);
        if (dir_syntax) {
            fs::path dir(output);
            if (!fs::is_directory(dir)) {
                std::error_code ec;
                fs::create_directories(dir, ec);
                if (ec) throw Error("cannot create directory " + output + ": " + ec.message());
            }
            return {dir / exporters::kNeo4jActorsFile, dir / exporters::kNeo4jRelationshipsFile};
        }
        std::string prefix = output;
        if (fs::path(prefix).extension() == ".csv") prefix.resize(prefix.size() - 4);
        return {prefix + "-" + exporters::kNeo4jActorsFile, prefix + "-" + exporters::kNeo4jRelationshipsFile};
    }

    GraphQuery m_query;
    std::string m_format;
    std::string m_output;
    std::string m_type;
    bool m_claims_only = false;
    bool m_relations_only = false;
};

}  // namespace

std::unique_ptr<Command> make_export_command() { return std::make_unique<ExportCommand>(); }

}  // namespace factgraph::cli
