#include "schema.hpp"

namespace factgraph::detail {

namespace {

// Version 1: articles, sentences, actors with aliases, mentions, claims, relations, full-text index.
constexpr std::string_view kVersion1 = R"SQL(
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    ext_id       TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    outlet       TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    byline       TEXT NOT NULL DEFAULT '',
    published    TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    imported_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE article_credits (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    credit     TEXT NOT NULL
);
CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (article_id, idx)
);
CREATE TABLE actors (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    norm_name TEXT NOT NULL,
    type      TEXT NOT NULL CHECK (type IN ('person','organization','location','product','group','other'))
);
CREATE INDEX actors_norm_name ON actors(norm_name);
CREATE TABLE actor_aliases (
    actor_id   INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    norm_alias TEXT NOT NULL,
    PRIMARY KEY (actor_id, norm_alias)
);
CREATE INDEX actor_aliases_norm ON actor_aliases(norm_alias);
CREATE TABLE actor_roles (
    actor_id        INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    organization_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    actor_id    INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence    INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE TABLE claims (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence       INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    speaker_id     INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    speaker_text   TEXT NOT NULL,
    cue            TEXT NOT NULL,
    cue_kind       TEXT NOT NULL DEFAULT 'speech',
    stance         TEXT NOT NULL CHECK (stance IN ('assert','deny','decline','other')),
    direct         INTEGER NOT NULL DEFAULT 0,
    content        TEXT NOT NULL,
    reported_by_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    extractor      TEXT NOT NULL,
    confidence     REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX claims_speaker ON claims(speaker_id);
CREATE INDEX claims_article ON claims(article_id);
CREATE TABLE claim_about (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    PRIMARY KEY (claim_id, actor_id)
);
CREATE INDEX claim_about_actor ON claim_about(actor_id);
CREATE TABLE relations (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    subject_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    predicate  TEXT NOT NULL,
    type       TEXT NOT NULL DEFAULT '',
    object_id  INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    claim_id   INTEGER REFERENCES claims(id) ON DELETE SET NULL,
    negated    INTEGER NOT NULL DEFAULT 0,
    modality   TEXT NOT NULL DEFAULT '',
    extractor  TEXT NOT NULL,
    confidence REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX relations_subject ON relations(subject_id);
CREATE INDEX relations_object ON relations(object_id);
CREATE VIRTUAL TABLE text_index USING fts5(
    text, kind UNINDEXED, ref_id UNINDEXED, article_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
)SQL";

// Version 2: the actor link table the graph questions walk (kept current by triggers, so every
// writer maintains it without knowing about it), covering indexes for those walks, and the
// documented read views of `factgraph sql` (docs/sql.md).
constexpr std::string_view kVersion2 = R"SQL(
CREATE TABLE actor_links (
    actor_id      INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    other_id      INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    claims_out    INTEGER NOT NULL DEFAULT 0,
    claims_in     INTEGER NOT NULL DEFAULT 0,
    relations_out INTEGER NOT NULL DEFAULT 0,
    relations_in  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, other_id)
) WITHOUT ROWID;
CREATE INDEX actor_links_other ON actor_links(other_id);
INSERT INTO actor_links(actor_id, other_id, claims_out, claims_in, relations_out, relations_in)
SELECT a, b, sum(co), sum(ci), sum(ro), sum(ri) FROM (
    SELECT c.speaker_id AS a, x.actor_id AS b, 1 AS co, 0 AS ci, 0 AS ro, 0 AS ri
      FROM claim_about x JOIN claims c ON c.id = x.claim_id
     WHERE c.speaker_id IS NOT NULL AND c.speaker_id <> x.actor_id
    UNION ALL
    SELECT x.actor_id, c.speaker_id, 0, 1, 0, 0
      FROM claim_about x JOIN claims c ON c.id = x.claim_id
     WHERE c.speaker_id IS NOT NULL AND c.speaker_id <> x.actor_id
    UNION ALL
    SELECT subject_id, object_id, 0, 0, 1, 0 FROM relations WHERE subject_id <> object_id
    UNION ALL
    SELECT object_id, subject_id, 0, 0, 0, 1 FROM relations WHERE subject_id <> object_id
) GROUP BY a, b;

CREATE TRIGGER claim_about_link AFTER INSERT ON claim_about
WHEN (SELECT speaker_id FROM claims WHERE id = NEW.claim_id) IS NOT NULL
 AND (SELECT speaker_id FROM claims WHERE id = NEW.claim_id) <> NEW.actor_id
BEGIN
    INSERT INTO actor_links(actor_id, other_id, claims_out)
    VALUES ((SELECT speaker_id FROM claims WHERE id = NEW.claim_id), NEW.actor_id, 1)
    ON CONFLICT (actor_id, other_id) DO UPDATE SET claims_out = claims_out + 1;
    INSERT INTO actor_links(actor_id, other_id, claims_in)
    VALUES (NEW.actor_id, (SELECT speaker_id FROM claims WHERE id = NEW.claim_id), 1)
    ON CONFLICT (actor_id, other_id) DO UPDATE SET claims_in = claims_in + 1;
END;
-- A claim deleted directly or by cascade: its claim_about rows are still there before it goes.
CREATE TRIGGER claim_unlink BEFORE DELETE ON claims WHEN OLD.speaker_id IS NOT NULL
BEGIN
    UPDATE actor_links SET claims_out = claims_out - 1
     WHERE actor_id = OLD.speaker_id
       AND other_id IN (SELECT actor_id FROM claim_about WHERE claim_id = OLD.id AND actor_id <> OLD.speaker_id);
    UPDATE actor_links SET claims_in = claims_in - 1
     WHERE other_id = OLD.speaker_id
       AND actor_id IN (SELECT actor_id FROM claim_about WHERE claim_id = OLD.id AND actor_id <> OLD.speaker_id);
    DELETE FROM actor_links
     WHERE (actor_id = OLD.speaker_id OR other_id = OLD.speaker_id)
       AND claims_out = 0 AND claims_in = 0 AND relations_out = 0 AND relations_in = 0;
END;
-- A claim_about row deleted on its own (its claim stays).
CREATE TRIGGER claim_about_unlink AFTER DELETE ON claim_about
WHEN (SELECT speaker_id FROM claims WHERE id = OLD.claim_id) IS NOT NULL
 AND (SELECT speaker_id FROM claims WHERE id = OLD.claim_id) <> OLD.actor_id
BEGIN
    UPDATE actor_links SET claims_out = claims_out - 1
     WHERE actor_id = (SELECT speaker_id FROM claims WHERE id = OLD.claim_id) AND other_id = OLD.actor_id;
    UPDATE actor_links SET claims_in = claims_in - 1
     WHERE actor_id = OLD.actor_id AND other_id = (SELECT speaker_id FROM claims WHERE id = OLD.claim_id);
    DELETE FROM actor_links
     WHERE (actor_id = OLD.actor_id OR other_id = OLD.actor_id)
       AND claims_out = 0 AND claims_in = 0 AND relations_out = 0 AND relations_in = 0;
END;
CREATE TRIGGER relation_link AFTER INSERT ON relations WHEN NEW.subject_id <> NEW.object_id
BEGIN
    INSERT INTO actor_links(actor_id, other_id, relations_out) VALUES (NEW.subject_id, NEW.object_id, 1)
    ON CONFLICT (actor_id, other_id) DO UPDATE SET relations_out = relations_out + 1;
    INSERT INTO actor_links(actor_id, other_id, relations_in) VALUES (NEW.object_id, NEW.subject_id, 1)
    ON CONFLICT (actor_id, other_id) DO UPDATE SET relations_in = relations_in + 1;
END;
CREATE TRIGGER relation_unlink AFTER DELETE ON relations WHEN OLD.subject_id <> OLD.object_id
BEGIN
    UPDATE actor_links SET relations_out = relations_out - 1
     WHERE actor_id = OLD.subject_id AND other_id = OLD.object_id;
    UPDATE actor_links SET relations_in = relations_in - 1
     WHERE actor_id = OLD.object_id AND other_id = OLD.subject_id;
    DELETE FROM actor_links
     WHERE ((actor_id = OLD.subject_id AND other_id = OLD.object_id)
         OR (actor_id = OLD.object_id AND other_id = OLD.subject_id))
       AND claims_out = 0 AND claims_in = 0 AND relations_out = 0 AND relations_in = 0;
END;

-- Covering indexes: the claims about an actor, evidence between two actors, mention counts.
DROP INDEX claim_about_actor;
CREATE INDEX claim_about_actor ON claim_about(actor_id, claim_id);
DROP INDEX relations_subject;
CREATE INDEX relations_pair ON relations(subject_id, object_id);
DROP INDEX mentions_actor;
CREATE INDEX mentions_actor ON mentions(actor_id, article_id);
-- Outlet and date of every article without reading its (wide) row: the graph view cites them.
CREATE INDEX articles_origin ON articles(id, published, outlet, byline, source);

CREATE VIEW v_articles AS
SELECT id, ext_id, title, COALESCE(NULLIF(outlet, ''), NULLIF(byline, ''), source) AS outlet, byline,
       published, substr(published, 1, 10) AS date, url, source, body
  FROM articles;
CREATE VIEW v_actors AS
SELECT a.id, a.name, a.type,
       (SELECT group_concat(alias, '; ') FROM (SELECT alias FROM actor_aliases x
         WHERE x.actor_id = a.id AND x.norm_alias <> a.norm_name ORDER BY alias)) AS aliases,
       (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions,
       (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.actor_id = a.id) AS articles
  FROM actors a;
CREATE VIEW v_claims AS
SELECT c.id, c.article_id, substr(ar.published, 1, 10) AS date,
       COALESCE(NULLIF(ar.outlet, ''), NULLIF(ar.byline, ''), ar.source) AS outlet,
       c.speaker_id, COALESCE(s.name, c.speaker_text) AS speaker, c.speaker_text, c.cue, c.cue_kind, c.stance,
       c.direct, c.content,
       (SELECT group_concat(name, '; ') FROM (SELECT a.name FROM claim_about x JOIN actors a ON a.id = x.actor_id
         WHERE x.claim_id = c.id ORDER BY a.name)) AS about,
       rb.name AS reported_by, se.text AS sentence, c.confidence
  FROM claims c JOIN articles ar ON ar.id = c.article_id
  LEFT JOIN actors s ON s.id = c.speaker_id LEFT JOIN actors rb ON rb.id = c.reported_by_id
  LEFT JOIN sentences se ON se.article_id = c.article_id AND se.idx = c.sentence;
CREATE VIEW v_claim_about AS
SELECT x.claim_id, x.actor_id, a.name AS actor FROM claim_about x JOIN actors a ON a.id = x.actor_id;
CREATE VIEW v_relations AS
SELECT r.id, r.article_id, substr(ar.published, 1, 10) AS date,
       COALESCE(NULLIF(ar.outlet, ''), NULLIF(ar.byline, ''), ar.source) AS outlet,
       r.subject_id, s.name AS subject, r.predicate, r.type, r.object_id, o.name AS object, r.negated, r.modality,
       r.claim_id, COALESCE(sp.name, c.speaker_text) AS asserted_by, se.text AS sentence, r.confidence
  FROM relations r JOIN articles ar ON ar.id = r.article_id
  JOIN actors s ON s.id = r.subject_id JOIN actors o ON o.id = r.object_id
  LEFT JOIN claims c ON c.id = r.claim_id LEFT JOIN actors sp ON sp.id = c.speaker_id
  LEFT JOIN sentences se ON se.article_id = r.article_id AND se.idx = r.sentence;
CREATE VIEW v_mentions AS
SELECT m.id, m.actor_id, a.name AS actor, a.type, m.article_id, substr(ar.published, 1, 10) AS date, m.text,
       se.text AS sentence
  FROM mentions m JOIN actors a ON a.id = m.actor_id JOIN articles ar ON ar.id = m.article_id
  LEFT JOIN sentences se ON se.article_id = m.article_id AND se.idx = m.sentence;
CREATE VIEW v_links AS
SELECT l.actor_id, a.name AS actor, l.other_id, o.name AS other, l.claims_out, l.claims_in, l.relations_out,
       l.relations_in
  FROM actor_links l JOIN actors a ON a.id = l.actor_id JOIN actors o ON o.id = l.other_id;
)SQL";

// Version 3: curation (docs/actors.md). `curated_actors` holds what the user decided about one
// actor: its canonical name, a fixed type, or that it is a false positive (dropped); `actor_id` is
// the stored actor it stands for, once there is one. `curated_names` are the names that lead to it
// (or, excluded, that must not be added to it again). The import consults both before resolving
// an extracted actor, so a curation survives re-import; `curations` logs every curation command.
// IF NOT EXISTS: a database rolled back by hand to an earlier version may still hold these tables.
constexpr std::string_view kVersion3 = R"SQL(
CREATE TABLE IF NOT EXISTS curated_actors (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    type     TEXT CHECK (type IN ('person','organization','location','product','group','other')),
    dropped  INTEGER NOT NULL DEFAULT 0,
    actor_id INTEGER UNIQUE REFERENCES actors(id) ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS curated_names (
    curated_id INTEGER NOT NULL REFERENCES curated_actors(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    norm_name  TEXT NOT NULL,
    excluded   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (curated_id, norm_name)
);
-- A name leads to at most one curated actor.
CREATE UNIQUE INDEX IF NOT EXISTS curated_names_lookup ON curated_names(norm_name) WHERE excluded = 0;
CREATE TABLE IF NOT EXISTS curations (
    id     INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    actor  TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
)SQL";

}  // namespace

const std::vector<std::string_view>& schema_migrations() {
    static const std::vector<std::string_view> migrations = {kVersion1, kVersion2, kVersion3};
    return migrations;
}

}  // namespace factgraph::detail
