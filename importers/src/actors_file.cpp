#include "factgraph/importers/actors_file.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <toml++/toml.h>

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"

namespace factgraph::importers {

namespace {

std::size_t line_of(const toml::node& node) { return node.source().begin.line; }

std::string string_value(const toml::node& node, const std::string& path, const std::string& key) {
    auto value = node.value<std::string>();
    if (!value) throw InputError(path, "'" + key + "' must be a string", line_of(node));
    if (text::normalize_name(*value).empty()) throw InputError(path, "'" + key + "' is empty", line_of(node));
    return *value;
}

ActorEntry read_entry(const toml::table& table, const std::string& path) {
    ActorEntry entry;
    std::size_t line = line_of(table);
    entry.origin = path + ":" + std::to_string(line);
    bool named = false;
    for (const auto& [key, node] : table) {
        std::string name(key.str());
        if (name == "name") {
            entry.name = string_value(node, path, name);
            named = true;
        } else if (name == "aliases") {
            const toml::array* list = node.as_array();
            if (!list) throw InputError(path, "'aliases' must be a list of strings", line_of(node));
            for (const auto& alias : *list) entry.aliases.push_back(string_value(alias, path, "aliases"));
        } else if (name == "type") {
            std::string type = string_value(node, path, name);
            entry.type = parse_actor_type(type);
            if (!entry.type)
                throw InputError(path, "unknown type '" + type + "' (person, organization, location, product, group or other)",
                                 line_of(node));
        } else if (name == "drop") {
            auto drop = node.value<bool>();
            if (!drop || !node.is_boolean()) throw InputError(path, "'drop' must be true or false", line_of(node));
            entry.drop = *drop;
        } else {
            throw InputError(path, "unknown key '" + name + "' (an actor has name, aliases, type and drop)",
                             key.source().begin.line ? key.source().begin.line : line_of(node));
        }
    }
    if (!named) throw InputError(path, "an [[actor]] needs a name", line);
    return entry;
}

}  // namespace

std::vector<ActorEntry> parse_actors_file(std::istream& in, const std::string& path) {
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string document = buffer.str();
    if (text::find_invalid_utf8(document) != std::string::npos) throw InputError(path, "not valid UTF-8");
    toml::table root;
    try {
        root = toml::parse(document, path);
    } catch (const toml::parse_error& e) {
        throw InputError(path, "bad TOML: " + std::string(e.description()), e.source().begin.line);
    }
    std::vector<ActorEntry> entries;
    std::map<std::string, std::size_t> claimed;  // normalised name -> index of the entry naming it
    for (const auto& [key, node] : root) {
        std::string name(key.str());
        const toml::array* list = node.as_array();
        if (name != "actor" || !list || !list->is_array_of_tables())
            throw InputError(path, "unexpected '" + name + "': an actors file holds [[actor]] tables",
                             key.source().begin.line ? key.source().begin.line : line_of(node));
        for (const auto& item : *list) {
            ActorEntry entry = read_entry(*item.as_table(), path);
            std::vector<std::string> names{entry.name};
            names.insert(names.end(), entry.aliases.begin(), entry.aliases.end());
            for (const auto& n : names) {
                auto [it, fresh] = claimed.try_emplace(text::normalize_name(n), entries.size());
                if (!fresh && it->second != entries.size())
                    throw InputError(path, "'" + n + "' is already a name of '" + entries[it->second].name + "' (" +
                                               entries[it->second].origin + ")", line_of(item));
            }
            entries.push_back(std::move(entry));
        }
    }
    return entries;
}

std::vector<ActorEntry> read_actors_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open actors file");
    return parse_actors_file(in, path);
}

}  // namespace factgraph::importers
