#include "factgraph/core/curation.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <map>
#include <set>

#include "curation_rules.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/core/text.hpp"
#include "sql_support.hpp"

namespace factgraph {

namespace detail {

CurationRules::CurationRules(SQLite::Database& db)
    : m_db(db),
      m_any(db.execAndGet("SELECT EXISTS (SELECT 1 FROM curated_actors)").getInt() != 0),
      m_find(db, "SELECT c.id, c.name, c.type, c.dropped, c.actor_id FROM curated_names n "
                 "JOIN curated_actors c ON c.id = n.curated_id WHERE n.norm_name = ? AND n.excluded = 0"),
      m_excluded(db, "SELECT 1 FROM curated_names n JOIN curated_actors c ON c.id = n.curated_id "
                     "WHERE c.actor_id = ? AND n.norm_name = ? AND n.excluded = 1") {}

std::optional<CuratedActor> CurationRules::find(const std::string& norm_name) {
    if (!m_any) return std::nullopt;
    m_find.reset();
    m_find.bind(1, norm_name);
    if (!m_find.executeStep()) return std::nullopt;
    CuratedActor c;
    c.id = m_find.getColumn(0).getInt64();
    c.name = m_find.getColumn(1).getString();
    if (!m_find.getColumn(2).isNull()) c.type = parse_actor_type(m_find.getColumn(2).getString());
    c.dropped = m_find.getColumn(3).getInt() != 0;
    c.actor_id = m_find.getColumn(4).isNull() ? 0 : m_find.getColumn(4).getInt64();
    return c;
}

bool CurationRules::excluded(std::int64_t actor_id, const std::string& norm_name) {
    if (!m_any) return false;
    m_excluded.reset();
    m_excluded.bind(1, actor_id);
    m_excluded.bind(2, norm_name);
    return m_excluded.executeStep();
}

void claim_curated_name(SQLite::Database& db, std::int64_t curated_id, const std::string& name, bool take) {
    std::string norm = text::normalize_name(name);
    if (norm.empty()) return;
    SQLite::Statement owner(db, "SELECT curated_id FROM curated_names WHERE norm_name = ? AND excluded = 0");
    owner.bind(1, norm);
    if (owner.executeStep()) {
        std::int64_t current = owner.getColumn(0).getInt64();
        if (current == curated_id || !take) return;
    }
    SQLite::Statement clear(db, "DELETE FROM curated_names WHERE norm_name = ?1 AND (excluded = 0 OR curated_id = ?2)");
    clear.bind(1, norm);
    clear.bind(2, curated_id);
    clear.exec();
    SQLite::Statement add(db, "INSERT INTO curated_names(curated_id, name, norm_name) VALUES (?, ?, ?)");
    add.bind(1, curated_id);
    add.bind(2, name);
    add.bind(3, norm);
    add.exec();
}

namespace {

// Folds curated actor `from` into `into`: its names, its exclusions and (when `into` has none) its type.
void join_curated(SQLite::Database& db, std::int64_t into, std::int64_t from) {
    std::vector<std::pair<std::string, bool>> names;
    SQLite::Statement list(db, "SELECT name, excluded FROM curated_names WHERE curated_id = ? ORDER BY rowid");
    list.bind(1, from);
    while (list.executeStep()) names.emplace_back(list.getColumn(0).getString(), list.getColumn(1).getInt() != 0);
    SQLite::Statement type(db, "UPDATE curated_actors SET type = (SELECT type FROM curated_actors WHERE id = ?2) "
                               "WHERE id = ?1 AND type IS NULL");
    type.bind(1, into);
    type.bind(2, from);
    type.exec();
    SQLite::Statement remove(db, "DELETE FROM curated_actors WHERE id = ?");
    remove.bind(1, from);
    remove.exec();
    SQLite::Statement exclude(db, "INSERT OR IGNORE INTO curated_names(curated_id, name, norm_name, excluded) "
                                  "VALUES (?, ?, ?, 1)");
    for (const auto& [name, is_excluded] : names) {
        if (!is_excluded) {
            claim_curated_name(db, into, name, true);
            continue;
        }
        exclude.reset();
        exclude.bind(1, into);
        exclude.bind(2, name);
        exclude.bind(3, text::normalize_name(name));
        exclude.exec();
    }
}

}  // namespace

void CurationRules::link(std::int64_t curated_id, std::int64_t actor_id) {
    SQLite::Statement other(m_db, "SELECT id FROM curated_actors WHERE actor_id = ? AND id <> ?");
    other.bind(1, actor_id);
    other.bind(2, curated_id);
    if (other.executeStep()) join_curated(m_db, curated_id, other.getColumn(0).getInt64());
    SQLite::Statement set(m_db, "UPDATE curated_actors SET actor_id = ? WHERE id = ?");
    set.bind(1, actor_id);
    set.bind(2, curated_id);
    set.exec();
}

}  // namespace detail

namespace {

using detail::claim_curated_name;

struct StoredActor {
    std::int64_t id = 0;
    std::string name;
    std::string norm_name;
    std::string type;
};

StoredActor load_actor(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement st(db, "SELECT id, name, norm_name, type FROM actors WHERE id = ?");
    st.bind(1, id);
    if (!st.executeStep()) throw NotFoundError("no actor with id " + std::to_string(id));
    return {st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString(),
            st.getColumn(3).getString()};
}

std::string label(const StoredActor& a) { return "'" + a.name + "' (id:" + std::to_string(a.id) + ")"; }

std::string plural(std::int64_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// The actor's name first, then its aliases, as written.
std::vector<std::string> names_of(SQLite::Database& db, const StoredActor& a) {
    std::vector<std::string> names{a.name};
    SQLite::Statement st(db, "SELECT alias FROM actor_aliases WHERE actor_id = ? AND norm_alias <> ? ORDER BY rowid");
    st.bind(1, a.id);
    st.bind(2, a.norm_name);
    while (st.executeStep()) names.push_back(st.getColumn(0).getString());
    return names;
}

// Runs one statement with integer parameters; returns the number of rows it changed.
int change(SQLite::Database& db, const std::string& sql, std::int64_t p1, std::int64_t p2 = 0) {
    SQLite::Statement st(db, sql);
    st.bind(1, p1);
    if (st.getBindParameterCount() > 1) st.bind(2, p2);
    return st.exec();
}

std::int64_t count_of(SQLite::Database& db, const std::string& sql, std::int64_t id) {
    SQLite::Statement st(db, sql);
    st.bind(1, id);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

void log_curation(SQLite::Database& db, const std::string& action, const std::string& actor,
                  const std::string& detail) {
    SQLite::Statement st(db, "INSERT INTO curations(action, actor, detail) VALUES (?, ?, ?)");
    st.bind(1, action);
    st.bind(2, actor);
    st.bind(3, detail);
    st.exec();
}

// The curated actor standing for stored actor `id`, created (named after it) when there is none.
std::int64_t curated_id_of(SQLite::Database& db, const StoredActor& a) {
    SQLite::Statement find(db, "SELECT id FROM curated_actors WHERE actor_id = ?");
    find.bind(1, a.id);
    if (find.executeStep()) return find.getColumn(0).getInt64();
    SQLite::Statement add(db, "INSERT INTO curated_actors(name, actor_id) VALUES (?, ?)");
    add.bind(1, a.name);
    add.bind(2, a.id);
    add.exec();
    std::int64_t id = db.getLastInsertRowid();
    claim_curated_name(db, id, a.name, true);
    return id;
}

void add_alias_row(SQLite::Database& db, std::int64_t actor_id, const std::string& alias) {
    SQLite::Statement st(db, "INSERT OR IGNORE INTO actor_aliases(actor_id, alias, norm_alias) VALUES (?, ?, ?)");
    st.bind(1, actor_id);
    st.bind(2, alias);
    st.bind(3, text::normalize_name(alias));
    st.exec();
}

// actor_links is kept by triggers on insert and delete only; after moving facts between actors
// with UPDATE, the rows of the actor they moved to are counted again from the facts.
void recount_links(SQLite::Database& db, std::int64_t actor_id) {
    change(db, "DELETE FROM actor_links WHERE actor_id = ?1 OR other_id = ?1", actor_id);
    change(db, R"SQL(
INSERT INTO actor_links(actor_id, other_id, claims_out, claims_in, relations_out, relations_in)
SELECT a, b, sum(co), sum(ci), sum(ro), sum(ri) FROM (
    SELECT c.speaker_id AS a, x.actor_id AS b, 1 AS co, 0 AS ci, 0 AS ro, 0 AS ri
      FROM claim_about x JOIN claims c ON c.id = x.claim_id
     WHERE c.speaker_id IS NOT NULL AND c.speaker_id <> x.actor_id AND (c.speaker_id = ?1 OR x.actor_id = ?1)
    UNION ALL
    SELECT x.actor_id, c.speaker_id, 0, 1, 0, 0
      FROM claim_about x JOIN claims c ON c.id = x.claim_id
     WHERE c.speaker_id IS NOT NULL AND c.speaker_id <> x.actor_id AND (c.speaker_id = ?1 OR x.actor_id = ?1)
    UNION ALL
    SELECT subject_id, object_id, 0, 0, 1, 0 FROM relations
     WHERE subject_id <> object_id AND (subject_id = ?1 OR object_id = ?1)
    UNION ALL
    SELECT object_id, subject_id, 0, 0, 0, 1 FROM relations
     WHERE subject_id <> object_id AND (subject_id = ?1 OR object_id = ?1)
) GROUP BY a, b)SQL",
           actor_id);
}

struct Moved {
    std::int64_t mentions = 0, claims = 0, relations = 0;
};

// Moves every fact of actor `from` to `into`, makes its names aliases of `into` (now and for later
// imports) and deletes it.
Moved fold_actor(SQLite::Database& db, const StoredActor& into, const StoredActor& from) {
    Moved moved;
    std::vector<std::string> names = names_of(db, from);
    moved.mentions = change(db, "UPDATE mentions SET actor_id = ?1 WHERE actor_id = ?2", into.id, from.id);
    moved.claims = count_of(db,
                            "SELECT count(*) FROM claims WHERE speaker_id = ?1 OR id IN "
                            "(SELECT claim_id FROM claim_about WHERE actor_id = ?1)",
                            from.id);
    change(db, "UPDATE claims SET speaker_id = ?1 WHERE speaker_id = ?2", into.id, from.id);
    change(db, "UPDATE claims SET reported_by_id = ?1 WHERE reported_by_id = ?2", into.id, from.id);
    change(db, "UPDATE OR IGNORE claim_about SET actor_id = ?1 WHERE actor_id = ?2", into.id, from.id);
    change(db, "DELETE FROM claim_about WHERE actor_id = ?1", from.id);
    moved.relations = count_of(db, "SELECT count(*) FROM relations WHERE subject_id = ?1 OR object_id = ?1", from.id);
    change(db, "UPDATE relations SET subject_id = ?1 WHERE subject_id = ?2", into.id, from.id);
    change(db, "UPDATE relations SET object_id = ?1 WHERE object_id = ?2", into.id, from.id);
    change(db, "UPDATE actor_roles SET actor_id = ?1 WHERE actor_id = ?2", into.id, from.id);
    change(db, "UPDATE actor_roles SET organization_id = ?1 WHERE organization_id = ?2", into.id, from.id);
    for (const auto& name : names) add_alias_row(db, into.id, name);

    // Curations: what was decided about `from` now holds for `into`, and its names lead there.
    std::int64_t target = curated_id_of(db, into);
    SQLite::Statement from_curated(db, "SELECT id FROM curated_actors WHERE actor_id = ?");
    from_curated.bind(1, from.id);
    std::vector<std::int64_t> joined;
    while (from_curated.executeStep()) joined.push_back(from_curated.getColumn(0).getInt64());
    for (auto id : joined) detail::join_curated(db, target, id);
    for (const auto& name : names) claim_curated_name(db, target, name, true);

    change(db, "DELETE FROM actors WHERE id = ?1", from.id);
    recount_links(db, into.id);
    return moved;
}

struct Removed {
    std::int64_t mentions = 0, claims = 0, relations = 0;
};

// Deletes a false positive: mentions, roles, "about" links and relations go with it (foreign
// keys cascade; their delete triggers keep actor_links), claims it spoke keep the speaker text.
Removed delete_actor(SQLite::Database& db, std::int64_t id) {
    Removed removed;
    removed.mentions = count_of(db, "SELECT count(*) FROM mentions WHERE actor_id = ?1", id);
    removed.claims = count_of(db, "SELECT count(*) FROM claims WHERE speaker_id = ?1", id);
    removed.relations = count_of(db, "SELECT count(*) FROM relations WHERE subject_id = ?1 OR object_id = ?1", id);
    change(db, "DELETE FROM actors WHERE id = ?1", id);
    return removed;
}

std::vector<std::int64_t> ids_of(SQLite::Statement& st) {
    std::vector<std::int64_t> ids;
    while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
    return ids;
}

[[noreturn]] void ambiguous(SQLite::Database& db, const std::string& reference, const std::vector<std::int64_t>& ids) {
    std::string list;
    for (auto id : ids) {
        StoredActor a = load_actor(db, id);
        list += (list.empty() ? "" : ", ") + a.name + " (id:" + std::to_string(id) + ", " + a.type + ")";
    }
    throw UsageError("'" + reference + "' is ambiguous: it names " + list +
                     "; give the full name or the id as id:N");
}

std::int64_t resolve_in(SQLite::Database& db, const std::string& raw) {
    std::string reference(text::trim(raw));
    for (std::string_view prefix : {"id:", "#"}) {
        if (reference.rfind(prefix, 0) != 0) continue;
        std::string digits = reference.substr(prefix.size());
        if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            break;
        SQLite::Statement st(db, "SELECT id FROM actors WHERE id = ?");
        st.bind(1, static_cast<std::int64_t>(std::stoll(digits)));
        if (!st.executeStep()) throw NotFoundError("no actor with id " + digits + " (try `factgraph actors`)");
        return st.getColumn(0).getInt64();
    }
    std::string norm = text::normalize_name(reference);
    if (norm.empty()) throw UsageError("empty actor name");
    // A name before an alias: "NSO" is the actor called NSO even when NSO Group has it as an alias.
    SQLite::Statement by_name(db, "SELECT id FROM actors WHERE norm_name = ? ORDER BY id");
    by_name.bind(1, norm);
    auto ids = ids_of(by_name);
    if (ids.empty()) {
        SQLite::Statement by_alias(db, "SELECT DISTINCT actor_id FROM actor_aliases WHERE norm_alias = ? ORDER BY actor_id");
        by_alias.bind(1, norm);
        ids = ids_of(by_alias);
    }
    if (ids.size() == 1) return ids.front();
    if (ids.size() > 1) ambiguous(db, reference, ids);
    SQLite::Statement near(db, "SELECT name FROM actors WHERE instr(norm_name, ?1) > 0 OR id IN "
                               "(SELECT actor_id FROM actor_aliases WHERE instr(norm_alias, ?1) > 0) "
                               "ORDER BY name LIMIT 5");
    near.bind(1, norm);
    std::string names;
    while (near.executeStep()) names += (names.empty() ? "" : ", ") + near.getColumn(0).getString();
    throw NotFoundError("no actor is called '" + reference + "'" +
                        (names.empty() ? " (try `factgraph actors`)" : " (did you mean: " + names + "?)"));
}

// Wraps SQLite failures in the store's error, naming the database.
template <typename Work>
auto in_transaction(Store& store, Work work) {
    try {
        SQLite::Transaction tx(store.database());
        auto result = work(store.database());
        tx.commit();
        return result;
    } catch (const SQLite::Exception& e) {
        throw StorageError(store.path() + ": curation failed: " + e.what());
    }
}

void check_name(const std::string& name, const char* what) {
    if (text::normalize_name(name).empty()) throw UsageError(std::string("empty ") + what);
}

// The actor other than `self` that goes by `norm` (as its name or an alias), or 0.
std::int64_t other_actor_named(SQLite::Database& db, const std::string& norm, std::int64_t self) {
    SQLite::Statement st(db, "SELECT id FROM actors WHERE norm_name = ?1 AND id <> ?2 UNION "
                             "SELECT actor_id FROM actor_aliases WHERE norm_alias = ?1 AND actor_id <> ?2 LIMIT 1");
    st.bind(1, norm);
    st.bind(2, self);
    return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

}  // namespace

std::int64_t resolve_actor(Store& store, const std::string& reference) {
    try {
        return resolve_in(store.database(), reference);
    } catch (const SQLite::Exception& e) {
        throw StorageError(store.path() + ": " + e.what());
    }
}

CurationResult merge_actors(Store& store, const std::string& into_ref, const std::string& from_ref) {
    return in_transaction(store, [&](SQLite::Database& db) {
        StoredActor into = load_actor(db, resolve_in(db, into_ref));
        StoredActor from = load_actor(db, resolve_in(db, from_ref));
        if (into.id == from.id)
            throw UsageError("cannot merge an actor into itself: '" + into_ref + "' and '" + from_ref + "' are both " +
                             label(into));
        Moved moved = fold_actor(db, into, from);
        log_curation(db, "merge", into.name, from.name);
        return CurationResult{into.id, "merged " + label(from) + " into " + label(into) + ": " +
                                           plural(moved.mentions, "mention") + ", " + plural(moved.claims, "claim") +
                                           ", " + plural(moved.relations, "relation") + " moved"};
    });
}

CurationResult rename_actor(Store& store, const std::string& actor, const std::string& new_name_raw) {
    std::string new_name = text::collapse_whitespace(new_name_raw);
    check_name(new_name, "new name");
    return in_transaction(store, [&](SQLite::Database& db) {
        StoredActor a = load_actor(db, resolve_in(db, actor));
        std::string norm = text::normalize_name(new_name);
        if (std::int64_t other = other_actor_named(db, norm, a.id))
            throw UsageError("another actor is already called '" + new_name + "': " + label(load_actor(db, other)) +
                             " (use `factgraph actor merge`)");
        add_alias_row(db, a.id, a.name);
        add_alias_row(db, a.id, new_name);
        SQLite::Statement set(db, "UPDATE actors SET name = ?, norm_name = ? WHERE id = ?");
        set.bind(1, new_name);
        set.bind(2, norm);
        set.bind(3, a.id);
        set.exec();
        std::int64_t curated = curated_id_of(db, a);
        SQLite::Statement named(db, "UPDATE curated_actors SET name = ? WHERE id = ?");
        named.bind(1, new_name);
        named.bind(2, curated);
        named.exec();
        claim_curated_name(db, curated, a.name, true);
        claim_curated_name(db, curated, new_name, true);
        log_curation(db, "rename", new_name, a.name);
        return CurationResult{a.id, "renamed " + label(a) + " to '" + new_name + "' (the old name stays an alias)"};
    });
}

CurationResult add_actor_alias(Store& store, const std::string& actor, const std::string& alias_raw) {
    std::string alias = text::collapse_whitespace(alias_raw);
    check_name(alias, "alias");
    return in_transaction(store, [&](SQLite::Database& db) {
        StoredActor a = load_actor(db, resolve_in(db, actor));
        std::string norm = text::normalize_name(alias);
        if (std::int64_t other = other_actor_named(db, norm, a.id))
            throw UsageError("'" + alias + "' already names " + label(load_actor(db, other)) +
                             " (use `factgraph actor merge` to join the two)");
        add_alias_row(db, a.id, alias);
        claim_curated_name(db, curated_id_of(db, a), alias, true);
        log_curation(db, "alias add", a.name, alias);
        return CurationResult{a.id, "'" + alias + "' is now an alias of " + label(a)};
    });
}

CurationResult remove_actor_alias(Store& store, const std::string& actor, const std::string& alias_raw) {
    std::string alias = text::collapse_whitespace(alias_raw);
    check_name(alias, "alias");
    return in_transaction(store, [&](SQLite::Database& db) {
        StoredActor a = load_actor(db, resolve_in(db, actor));
        std::string norm = text::normalize_name(alias);
        if (norm == a.norm_name)
            throw UsageError("'" + alias + "' is the name of " + label(a) + ", not an alias (rename it instead)");
        SQLite::Statement remove(db, "DELETE FROM actor_aliases WHERE actor_id = ? AND norm_alias = ?");
        remove.bind(1, a.id);
        remove.bind(2, norm);
        if (remove.exec() == 0) {
            auto names = names_of(db, a);
            std::string list;
            for (std::size_t i = 1; i < names.size(); ++i) list += (list.empty() ? "" : ", ") + names[i];
            throw NotFoundError("'" + alias + "' is not an alias of " + label(a) +
                                (list.empty() ? " (it has none)" : " (its aliases: " + list + ")"));
        }
        std::int64_t curated = curated_id_of(db, a);
        SQLite::Statement exclude(db, "DELETE FROM curated_names WHERE curated_id = ?1 AND norm_name = ?2");
        exclude.bind(1, curated);
        exclude.bind(2, norm);
        exclude.exec();
        SQLite::Statement add(db, "INSERT INTO curated_names(curated_id, name, norm_name, excluded) VALUES (?, ?, ?, 1)");
        add.bind(1, curated);
        add.bind(2, alias);
        add.bind(3, norm);
        add.exec();
        log_curation(db, "alias remove", a.name, alias);
        return CurationResult{a.id, "'" + alias + "' is no longer an alias of " + label(a)};
    });
}

CurationResult set_actor_type(Store& store, const std::string& actor, ActorType type) {
    return in_transaction(store, [&](SQLite::Database& db) {
        StoredActor a = load_actor(db, resolve_in(db, actor));
        std::string type_name(to_string(type));
        SQLite::Statement set(db, "UPDATE actors SET type = ? WHERE id = ?");
        set.bind(1, type_name);
        set.bind(2, a.id);
        set.exec();
        SQLite::Statement curated(db, "UPDATE curated_actors SET type = ? WHERE id = ?");
        curated.bind(1, type_name);
        curated.bind(2, curated_id_of(db, a));
        curated.exec();
        log_curation(db, "type", a.name, type_name);
        return CurationResult{a.id, label(a) + " is now of type " + type_name + " (was " + a.type + ")"};
    });
}

CurationResult drop_actor(Store& store, const std::string& actor) {
    return in_transaction(store, [&](SQLite::Database& db) {
        StoredActor a = load_actor(db, resolve_in(db, actor));
        std::vector<std::string> names = names_of(db, a);
        std::int64_t curated = curated_id_of(db, a);
        SQLite::Statement mark(db, "UPDATE curated_actors SET name = ?, dropped = 1, actor_id = NULL WHERE id = ?");
        mark.bind(1, a.name);
        mark.bind(2, curated);
        mark.exec();
        // The name itself is declared a false positive; aliases only where no other curation
        // already sends them elsewhere.
        for (std::size_t i = 0; i < names.size(); ++i) claim_curated_name(db, curated, names[i], i == 0);
        Removed removed = delete_actor(db, a.id);
        log_curation(db, "drop", a.name, "");
        return CurationResult{0, "dropped " + label(a) + ": " + plural(removed.mentions, "mention") + " and " +
                                     plural(removed.relations, "relation") + " removed, " +
                                     plural(removed.claims, "claim") + " left with an unresolved speaker"};
    });
}

LoadResult load_actor_entries(Store& store, const std::vector<ActorEntry>& entries) {
    // Each name belongs to one entry: a file that says otherwise is refused before anything changes.
    std::map<std::string, const ActorEntry*> owner;
    for (const auto& e : entries) {
        std::string where = e.origin.empty() ? "" : e.origin + ": ";
        if (text::normalize_name(e.name).empty()) throw UsageError(where + "an actor entry needs a name");
        std::vector<std::string> names{e.name};
        names.insert(names.end(), e.aliases.begin(), e.aliases.end());
        std::set<std::string> own;
        for (const auto& n : names) {
            std::string norm = text::normalize_name(n);
            if (norm.empty()) throw UsageError(where + "empty alias in entry '" + e.name + "'");
            if (!own.insert(norm).second) continue;
            auto [it, fresh] = owner.emplace(norm, &e);
            if (!fresh)
                throw UsageError(where + "'" + n + "' is already a name of '" + it->second->name + "'" +
                                 (it->second->origin.empty() ? "" : " (" + it->second->origin + ")"));
        }
    }
    return in_transaction(store, [&](SQLite::Database& db) {
        LoadResult result;
        detail::CurationRules rules(db);
        for (const auto& e : entries) {
            ++result.entries;
            std::vector<std::string> names{text::collapse_whitespace(e.name)};
            for (const auto& alias : e.aliases) names.push_back(text::collapse_whitespace(alias));
            std::string norm = text::normalize_name(e.name);

            // The curated actor the entry updates: the one its name already leads to, or a new one.
            std::int64_t curated = 0;
            std::int64_t linked_actor = 0;
            SQLite::Statement find(db, "SELECT c.id, c.actor_id FROM curated_names n JOIN curated_actors c "
                                       "ON c.id = n.curated_id WHERE n.norm_name = ? AND n.excluded = 0");
            find.bind(1, norm);
            if (find.executeStep()) {
                curated = find.getColumn(0).getInt64();
                linked_actor = find.getColumn(1).isNull() ? 0 : find.getColumn(1).getInt64();
            } else {
                SQLite::Statement add(db, "INSERT INTO curated_actors(name) VALUES (?)");
                add.bind(1, names[0]);
                add.exec();
                curated = db.getLastInsertRowid();
            }
            for (const auto& n : names) claim_curated_name(db, curated, n, true);
            SQLite::Statement set(db, "UPDATE curated_actors SET name = ?, type = COALESCE(?, type), dropped = ? "
                                      "WHERE id = ?");
            set.bind(1, names[0]);
            if (e.type) set.bind(2, std::string(to_string(*e.type)));
            else set.bind(2);
            set.bind(3, e.drop ? 1 : 0);
            set.bind(4, curated);
            set.exec();

            // The stored actors the entry names, by name or alias.
            std::set<std::int64_t> matching;
            if (linked_actor) matching.insert(linked_actor);
            SQLite::Statement match(db, "SELECT id FROM actors WHERE norm_name = ?1 UNION "
                                        "SELECT actor_id FROM actor_aliases WHERE norm_alias = ?1");
            for (const auto& n : names) {
                match.reset();
                match.bind(1, text::normalize_name(n));
                while (match.executeStep()) matching.insert(match.getColumn(0).getInt64());
            }
            if (e.drop) {
                for (auto id : matching) delete_actor(db, id);
                result.actors_dropped += matching.size();
                change(db, "UPDATE curated_actors SET actor_id = NULL WHERE id = ?1", curated);
                log_curation(db, "load", names[0], (e.origin.empty() ? "" : e.origin + ": ") + "drop");
                continue;
            }
            if (!matching.empty()) {
                // The actor that stays: the one already curated, else the one with the entry's
                // name, else the most mentioned.
                std::int64_t keeper = 0;
                if (linked_actor) keeper = linked_actor;
                for (auto id : matching)
                    if (!keeper && load_actor(db, id).norm_name == norm) keeper = id;
                if (!keeper) {
                    std::int64_t best = -1;
                    for (auto id : matching) {
                        std::int64_t n = count_of(db, "SELECT count(*) FROM mentions WHERE actor_id = ?1", id);
                        if (n > best) best = n, keeper = id;
                    }
                }
                rules.link(curated, keeper);
                StoredActor into = load_actor(db, keeper);
                for (auto id : matching) {
                    if (id == keeper) continue;
                    fold_actor(db, into, load_actor(db, id));
                    ++result.actors_merged;
                }
                for (const auto& n : names) add_alias_row(db, keeper, n);
                SQLite::Statement update(db, "UPDATE actors SET name = ?, norm_name = ?, type = COALESCE(?, type) "
                                             "WHERE id = ?");
                update.bind(1, names[0]);
                update.bind(2, norm);
                if (e.type) update.bind(3, std::string(to_string(*e.type)));
                else update.bind(3);
                update.bind(4, keeper);
                update.exec();
                ++result.actors_updated;
            }
            std::string detail = e.origin.empty() ? "" : e.origin;
            if (e.type) detail += std::string(detail.empty() ? "" : ": ") + "type " + std::string(to_string(*e.type));
            log_curation(db, "load", names[0], detail);
        }
        return result;
    });
}

Table query_curations(Store& store) {
    SQLite::Statement st(store.database(), "SELECT id, at, action, actor, detail FROM curations ORDER BY id");
    return detail::run_table(st);
}

}  // namespace factgraph
