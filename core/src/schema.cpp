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

}  // namespace

const std::vector<std::string_view>& schema_migrations() {
    static const std::vector<std::string_view> migrations = {kVersion1};
    return migrations;
}

}  // namespace factgraph::detail
