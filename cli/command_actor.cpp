// `factgraph actor ...`: curation of stored actors (docs/actors.md). The work is in core
// (factgraph/core/curation.hpp); this file only parses and prints.
#include <filesystem>
#include <iostream>
#include <optional>

#include "command_list.hpp"
#include "factgraph/core/curation.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/exporters/table_writer.hpp"
#include "factgraph/importers/actors_file.hpp"

namespace factgraph::cli {
namespace {

class ActorCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("actor", "Curate actors: merge, rename, alias, type, drop, load a file");
        app->require_subcommand(1);
        // `factgraph actor merge A B --db x.db`: options of `actor` after the action.
        auto action = [&](const char* name, const char* help) {
            auto* sub = app->add_subcommand(name, help);
            sub->fallthrough();
            return sub;
        };
        m_merge = action("merge", "Fold actor FROM into INTO (mentions, claims, relations, aliases)");
        m_merge->add_option("into", m_actor, "The actor that stays (name, alias or id:N)")->required();
        m_merge->add_option("from", m_value, "The actor folded into it; its name becomes an alias")->required();

        m_rename = action("rename", "Give an actor a new name (the old one stays an alias)");
        m_rename->add_option("actor", m_actor, "Name, alias or id:N")->required();
        m_rename->add_option("name", m_value, "The new name")->required();

        m_alias = action("alias", "Add or remove an alias");
        m_alias->require_subcommand(1);
        m_alias_add = m_alias->add_subcommand("add", "Add ALIAS to ACTOR; later imports resolve it there");
        m_alias_remove = m_alias->add_subcommand("remove", "Remove ALIAS from ACTOR; later imports do not add it back");
        for (auto* sub : {m_alias_add, m_alias_remove}) {
            sub->fallthrough();
            sub->add_option("actor", m_actor, "Name, alias or id:N")->required();
            sub->add_option("alias", m_value, "The alias")->required();
        }

        m_type = action("type", "Set an actor's type; later imports keep it");
        m_type->add_option("actor", m_actor, "Name, alias or id:N")->required();
        m_type->add_option("type", m_value, "person, organization, location, product, group or other")->required();

        m_drop = action("drop", "Remove a false positive; its name never becomes an actor again");
        m_drop->add_option("actor", m_actor, "Name, alias or id:N")->required();

        m_load = action("load", "Store an actors file (TOML) as curations and apply it");
        m_load->add_option("file", m_value, "The actors file (see docs/actors.md)")->required();

        m_log = action("log", "List the curations stored, oldest first");
        add_table_format_option(*m_log, m_format);
        return app;
    }

    int run(const GlobalOptions& global) override {
        if (m_log->parsed()) {
            Store store(global.db, Store::Mode::ReadOnly);
            exporters::write_table(query_curations(store), std::cout, exporters::parse_table_format(m_format),
                                   table_width(global));
            return 0;
        }
        if (m_load->parsed()) {
            auto entries = importers::read_actors_file(m_value);  // before the database is touched
            Store store(global.db);
            LoadResult r = load_actor_entries(store, entries);
            if (!global.quiet)
                std::cout << "loaded " << r.entries << " actor entr" << (r.entries == 1 ? "y" : "ies") << " from "
                          << m_value << ": " << r.actors_updated << " stored actors updated, " << r.actors_merged
                          << " merged, " << r.actors_dropped << " dropped\n";
            return 0;
        }
        std::optional<ActorType> type;
        if (m_type->parsed() && !(type = parse_actor_type(m_value)))
            throw UsageError("unknown actor type '" + m_value + "' (person, organization, location, product, group or other)");
        // Curating names stored actors: there must be a database already.
        if (global.db != ":memory:" && !std::filesystem::exists(global.db))
            throw StorageError("no database at " + global.db + " (import articles first, or pass --db PATH)");
        Store store(global.db);
        CurationResult result;
        if (m_merge->parsed()) result = merge_actors(store, m_actor, m_value);
        else if (m_rename->parsed()) result = rename_actor(store, m_actor, m_value);
        else if (m_alias_add->parsed()) result = add_actor_alias(store, m_actor, m_value);
        else if (m_alias_remove->parsed()) result = remove_actor_alias(store, m_actor, m_value);
        else if (m_drop->parsed()) result = drop_actor(store, m_actor);
        else if (type) result = set_actor_type(store, m_actor, *type);
        if (!global.quiet) std::cout << result.message << '\n';
        return 0;
    }

private:
    CLI::App *m_merge = nullptr, *m_rename = nullptr, *m_alias = nullptr, *m_alias_add = nullptr,
             *m_alias_remove = nullptr, *m_type = nullptr, *m_drop = nullptr, *m_load = nullptr, *m_log = nullptr;
    std::string m_actor;
    std::string m_value;
    std::string m_format = "table";
};

}  // namespace

std::unique_ptr<Command> make_actor_command() { return std::make_unique<ActorCommand>(); }

}  // namespace factgraph::cli
