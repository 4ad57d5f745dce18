#include "factgraph/core/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <map>
#include <set>

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"
#include "curation_rules.hpp"
#include "schema.hpp"

namespace factgraph {

namespace {

// Finds the stored actor an extracted one refers to, or creates it. Names and aliases are compared
// in normalised form, the name first; for each, the curations speak first (a merged or aliased
// name leads to its curated actor, a dropped name to nothing), then the stored actors of the same
// type. A lone word (a surname, "Daniel") is too weak to join a person across articles: for people
// only multi-word aliases count, and a one-word name only when a single stored person has it.
class ActorResolver {
public:
    struct Resolution {
        std::int64_t id = 0;  ///< 0 when the curations dropped the actor
        bool added = false;
    };

    explicit ActorResolver(SQLite::Database& db)
        : m_by_name(db, "SELECT id FROM actors WHERE norm_name = ? AND type = ? ORDER BY id LIMIT 2"),
          m_by_alias(db, "SELECT DISTINCT a.id FROM actor_aliases x JOIN actors a ON a.id = x.actor_id "
                         "WHERE x.norm_alias = ? AND a.type = ? ORDER BY a.id LIMIT 2"),
          m_insert(db, "INSERT INTO actors(name, norm_name, type) VALUES (?, ?, ?)"),
          m_alias(db, "INSERT OR IGNORE INTO actor_aliases(actor_id, alias, norm_alias) VALUES (?, ?, ?)"),
          m_curations(db),
          m_db(db) {}

    Resolution resolve(const Actor& actor) {
        std::vector<std::string> keys{text::normalize_name(actor.name)};
        for (const auto& alias : actor.aliases) keys.push_back(text::normalize_name(alias));
        Resolution found;
        for (std::size_t i = 0; i < keys.size() && !found.id; ++i) {
            const std::string& key = keys[i];
            if (key.empty() || (i > 0 && !strong_key(key, actor.type))) continue;
            if (auto curated = m_curations.find(key)) {
                // A dropped name is a false positive as a name, not as an alias of another actor.
                if (curated->dropped) {
                    if (i == 0) return {};
                    continue;
                }
                found = curated_actor(*curated, actor.type);
                break;
            }
            found.id = lookup(key, actor.type);
        }
        if (!found.id) found = {insert(actor.name, actor.type), true};
        add_alias(found.id, actor.name);
        for (const auto& alias : actor.aliases) add_alias(found.id, alias);
        return found;
    }

private:
    static bool strong_key(const std::string& key, ActorType type) {
        return type != ActorType::Person || key.find(' ') != std::string::npos;
    }
    // The stored actor called `key` (or, failing that, having it as an alias), of this type.
    std::int64_t lookup(const std::string& key, ActorType type) {
        bool need_unique = !strong_key(key, type);
        for (auto* st : {&m_by_name, &m_by_alias}) {
            st->reset();
            st->bind(1, key);
            st->bind(2, std::string(to_string(type)));
            if (!st->executeStep()) continue;
            std::int64_t id = st->getColumn(0).getInt64();
            if (need_unique && st->executeStep()) return 0;  // "Reyes" or "Daniel" for two people
            return id;
        }
        return 0;
    }
    // The stored actor of a curated one: the one it is tied to, else the one with its canonical
    // name and type (found or created, then tied to it).
    Resolution curated_actor(const detail::CuratedActor& curated, ActorType extracted_type) {
        if (curated.actor_id) return {curated.actor_id, false};
        ActorType type = curated.type.value_or(extracted_type);
        Resolution r{lookup(text::normalize_name(curated.name), type), false};
        if (!r.id) r = {insert(curated.name, type), true};
        m_curations.link(curated.id, r.id);
        return r;
    }
    std::int64_t insert(const std::string& name, ActorType type) {
        m_insert.reset();
        m_insert.bind(1, name);
        m_insert.bind(2, text::normalize_name(name));
        m_insert.bind(3, std::string(to_string(type)));
        m_insert.exec();
        return m_db.getLastInsertRowid();
    }
    void add_alias(std::int64_t id, const std::string& alias) {
        std::string norm = text::normalize_name(alias);
        if (norm.empty() || m_curations.excluded(id, norm)) return;  // removed by `actor alias remove`
        m_alias.reset();
        m_alias.bind(1, id);
        m_alias.bind(2, alias);
        m_alias.bind(3, norm);
        m_alias.exec();
    }
    SQLite::Statement m_by_name, m_by_alias, m_insert, m_alias;
    detail::CurationRules m_curations;
    SQLite::Database& m_db;
};

void index_text(SQLite::Statement& st, const std::string& text, const char* kind, std::int64_t ref,
                std::int64_t article) {
    st.reset();
    st.bind(1, text);
    st.bind(2, kind);
    st.bind(3, ref);
    st.bind(4, article);
    st.exec();
}

}  // namespace

Store::Store(const std::string& path, Mode mode) : m_path(path) {
    if (mode == Mode::ReadOnly && path != ":memory:" && !std::filesystem::exists(path))
        throw StorageError("no database at " + path + " (import articles first, or pass --db PATH)");
    try {
        int flags = mode == Mode::ReadOnly ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
        m_db = std::make_unique<SQLite::Database>(path, flags, 5000);
        m_db->exec("PRAGMA foreign_keys = ON");
        // SQLite's default 2 MB page cache, not a larger one: a page the cache grows by is fresh
        // memory, and on virtual machines a page fault costs more than reading the page again
        // from the OS cache (a 64 MB cache made `said --by` 2x and `path` 2x slower as commands;
        // memory-mapping the file was slower still).
        if (mode == Mode::ReadWrite) {
            if (path != ":memory:") m_db->exec("PRAGMA journal_mode = WAL");
            m_db->exec("PRAGMA synchronous = NORMAL");
            migrate();
        } else if (schema_version() != latest_schema_version()) {
            throw StorageError(path + ": schema version " + std::to_string(schema_version()) +
                               ", expected " + std::to_string(latest_schema_version()) +
                               " (open it once with a writing command to migrate)");
        }
    } catch (const SQLite::Exception& e) {
        throw StorageError(path + ": " + e.what());
    }
}

Store::~Store() = default;

int Store::latest_schema_version() { return static_cast<int>(detail::schema_migrations().size()); }

int Store::schema_version() const { return m_db->execAndGet("PRAGMA user_version").getInt(); }

SQLite::Database& Store::database() { return *m_db; }

void Store::migrate() {
    int current = schema_version();
    int latest = latest_schema_version();
    if (current > latest)
        throw StorageError(m_path + ": database schema version " + std::to_string(current) +
                           " is newer than this factgraph understands (" + std::to_string(latest) + ")");
    const auto& steps = detail::schema_migrations();
    for (int v = current; v < latest; ++v) {
        SQLite::Transaction tx(*m_db);
        m_db->exec(std::string(steps[static_cast<std::size_t>(v)]));
        m_db->exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
}

AddResult Store::add(const Extraction& e) {
    validate(e);
    AddResult result;
    const Article& a = e.article;
    std::string hash = a.content_hash();
    try {
        SQLite::Transaction tx(*m_db);
        SQLite::Statement existing(*m_db, "SELECT id FROM articles WHERE content_hash = ?");
        existing.bind(1, hash);
        if (existing.executeStep()) {
            result.duplicate = true;
            result.article_id = existing.getColumn(0).getInt64();
            return result;  // the transaction rolls back: nothing was written
        }
        SQLite::Statement ins(*m_db,
                              "INSERT INTO articles(ext_id, source, url, outlet, title, byline, published, body, "
                              "content_hash) VALUES (?,?,?,?,?,?,?,?,?)");
        ins.bind(1, a.id);
        ins.bind(2, a.source);
        ins.bind(3, a.url);
        ins.bind(4, a.outlet);
        ins.bind(5, a.title);
        ins.bind(6, a.byline);
        ins.bind(7, a.published);
        ins.bind(8, a.text);
        ins.bind(9, hash);
        ins.exec();
        std::int64_t article_id = m_db->getLastInsertRowid();
        result.article_id = article_id;

        SQLite::Statement credit(*m_db, "INSERT INTO article_credits(article_id, credit) VALUES (?, ?)");
        for (const auto& c : a.credits) {
            credit.reset();
            credit.bind(1, article_id);
            credit.bind(2, c);
            credit.exec();
        }

        SQLite::Statement fts(*m_db, "INSERT INTO text_index(text, kind, ref_id, article_id) VALUES (?,?,?,?)");
        text::OffsetMap offsets(a.text);
        SQLite::Statement sent(*m_db,
                               "INSERT INTO sentences(article_id, idx, start, end, text) VALUES (?,?,?,?,?)");
        for (std::size_t i = 0; i < e.sentences.size(); ++i) {
            const Span& s = e.sentences[i];
            std::size_t b = offsets.to_byte(s.start), bend = offsets.to_byte(s.end);
            std::string sentence_text = a.text.substr(b, bend - b);
            sent.reset();
            sent.bind(1, article_id);
            sent.bind(2, static_cast<std::int64_t>(i));
            sent.bind(3, static_cast<std::int64_t>(s.start));
            sent.bind(4, static_cast<std::int64_t>(s.end));
            sent.bind(5, sentence_text);
            sent.exec();
            index_text(fts, sentence_text, "sentence", m_db->getLastInsertRowid(), article_id);
        }

        ActorResolver resolver(*m_db);
        std::map<std::string, std::int64_t> actor_ids;
        SQLite::Statement mention(*m_db, "INSERT INTO mentions(actor_id, article_id, sentence, start, end, text) "
                                         "VALUES (?,?,?,?,?,?)");
        for (const auto& actor : e.actors) {
            auto resolution = resolver.resolve(actor);
            if (!resolution.id) {
                ++result.actors_dropped;  // its mentions, roles, relations and "about" links go too
                continue;
            }
            std::int64_t id = resolution.id;
            actor_ids[actor.id] = id;
            (resolution.added ? result.actors_added : result.actors_matched)++;
            for (const auto& m : actor.mentions) {
                mention.reset();
                mention.bind(1, id);
                mention.bind(2, article_id);
                mention.bind(3, m.sentence);
                mention.bind(4, static_cast<std::int64_t>(m.span.start));
                mention.bind(5, static_cast<std::int64_t>(m.span.end));
                mention.bind(6, m.text);
                mention.exec();
                ++result.mentions;
            }
        }
        SQLite::Statement role(*m_db, "INSERT INTO actor_roles(actor_id, title, organization_id, article_id) "
                                      "VALUES (?,?,?,?)");
        auto stored = [&](const std::string& id) { return actor_ids.count(id) > 0; };
        for (const auto& actor : e.actors)
            for (const auto& r : actor.roles) {
                if (!stored(actor.id)) continue;
                role.reset();
                role.bind(1, actor_ids.at(actor.id));
                role.bind(2, r.title);
                if (r.organization.empty() || !stored(r.organization)) role.bind(3);
                else role.bind(3, actor_ids.at(r.organization));
                role.bind(4, article_id);
                role.exec();
            }

        auto bind_actor = [&](SQLite::Statement& st, int index, const std::optional<std::string>& id) {
            if (id && stored(*id)) st.bind(index, actor_ids.at(*id));
            else st.bind(index);  // unresolved, or a dropped actor: the speaker text stays
        };
        std::map<std::string, std::int64_t> claim_ids;
        SQLite::Statement claim(*m_db,
                                "INSERT INTO claims(article_id, sentence, start, end, speaker_id, speaker_text, cue, "
                                "cue_kind, stance, direct, content, reported_by_id, extractor, confidence) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        SQLite::Statement about(*m_db, "INSERT OR IGNORE INTO claim_about(claim_id, actor_id) VALUES (?, ?)");
        for (const auto& c : e.claims) {
            claim.reset();
            claim.bind(1, article_id);
            claim.bind(2, c.provenance.sentence);
            claim.bind(3, static_cast<std::int64_t>(c.provenance.span.start));
            claim.bind(4, static_cast<std::int64_t>(c.provenance.span.end));
            bind_actor(claim, 5, c.speaker);
            claim.bind(6, c.speaker_text);
            claim.bind(7, c.cue);
            claim.bind(8, c.cue_kind);
            claim.bind(9, std::string(to_string(c.stance)));
            claim.bind(10, c.direct ? 1 : 0);
            claim.bind(11, c.content);
            bind_actor(claim, 12, c.reported_by);
            claim.bind(13, c.provenance.extractor);
            claim.bind(14, c.provenance.confidence);
            claim.exec();
            std::int64_t id = m_db->getLastInsertRowid();
            claim_ids[c.id] = id;
            for (const auto& target : c.about) {
                if (!stored(target)) continue;
                about.reset();
                about.bind(1, id);
                about.bind(2, actor_ids.at(target));
                about.exec();
            }
            index_text(fts, c.content, "claim", id, article_id);
            ++result.claims;
        }
        SQLite::Statement rel(*m_db,
                              "INSERT INTO relations(article_id, sentence, start, end, subject_id, predicate, type, "
                              "object_id, claim_id, negated, modality, extractor, confidence) "
                              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
        for (const auto& r : e.relations) {
            if (!stored(r.subject) || !stored(r.object)) continue;
            rel.reset();
            rel.bind(1, article_id);
            rel.bind(2, r.provenance.sentence);
            rel.bind(3, static_cast<std::int64_t>(r.provenance.span.start));
            rel.bind(4, static_cast<std::int64_t>(r.provenance.span.end));
            rel.bind(5, actor_ids.at(r.subject));
            rel.bind(6, r.predicate);
            rel.bind(7, r.type);
            rel.bind(8, actor_ids.at(r.object));
            if (r.claim) rel.bind(9, claim_ids.at(*r.claim));
            else rel.bind(9);
            rel.bind(10, r.negated ? 1 : 0);
            rel.bind(11, r.modality);
            rel.bind(12, r.provenance.extractor);
            rel.bind(13, r.provenance.confidence);
            rel.exec();
            ++result.relations;
        }
        tx.commit();
    } catch (const SQLite::Exception& ex) {
        throw StorageError(m_path + ": storing '" + a.source + "' failed: " + ex.what());
    }
    return result;
}

}  // namespace factgraph
