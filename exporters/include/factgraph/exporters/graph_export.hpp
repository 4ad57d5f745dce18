#pragma once
/** @file Graph exports for other tools: GraphML, node-link JSON, Neo4j CSV, claim JSONL and a
 *  Markdown dossier. Every writer is deterministic: the same input gives the same bytes. */
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "factgraph/core/claim_records.hpp"
#include "factgraph/core/graph.hpp"

namespace factgraph::exporters {

enum class ExportFormat { GraphMl, Json, Csv, Jsonl, Markdown };

/** @brief Format names `export` accepts, in the order `--help` lists them. */
const std::vector<std::string>& export_formats();

/** @brief "graphml", "json", "csv", "jsonl", "md"/"markdown"; throws UsageError otherwise. */
ExportFormat parse_export_format(std::string_view name);

/** @brief GraphML with typed keys (for Gephi, yEd, networkx): actors as nodes, claims and
 *  relations as directed edges. Names Gephi understands (label, weight, r/g/b) are used where
 *  they fit so the graph opens labelled and coloured by actor type. */
void write_graphml(const Graph& graph, std::ostream& out);

/** @brief {"directed", "multigraph", "graph", "nodes", "links"}: node-link JSON as d3-force,
 *  Cytoscape's JSON importer and networkx's node_link_graph read it; links name node ids. */
void write_graph_json(const Graph& graph, std::ostream& out);

/** @brief File names write_neo4j_csv's two outputs get in a directory. */
inline constexpr const char* kNeo4jActorsFile = "actors.csv";
inline constexpr const char* kNeo4jRelationshipsFile = "relationships.csv";

/** @brief `neo4j-admin database import` input: a node file (`actorId:ID(Actor)`, labels
 *  `Actor;<Type>`) and a relationship file (`:START_ID(Actor)`, `:END_ID(Actor)`, `:TYPE`).
 *  Array delimiter ';', no multi-line fields, quotes doubled (the tool's defaults). */
void write_neo4j_csv(const Graph& graph, std::ostream& actors, std::ostream& relationships);

/** @brief One JSON object per line, claims first then relations, each with its article,
 *  sentence, span, speaker or ends, and the words that state it. */
void write_facts_jsonl(const FactRecords& records, std::ostream& out);

/** @brief A Markdown dossier per actor of `graph`, most mentioned first: who they are, what they
 *  said, what was said about them and their relations, each fact citing its article. */
void write_dossier(const Graph& graph, const FactRecords& records, std::ostream& out);

}  // namespace factgraph::exporters
