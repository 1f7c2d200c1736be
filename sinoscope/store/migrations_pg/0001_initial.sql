-- Documents, their outline and blocks, with full-text indexes over blocks (PostgreSQL dialect of
-- migrations/0001_initial.sql; same tables and columns, so one codec and one set of tests serve both).
-- Full-text search goes through one generated tsvector per block. Words of space-separated scripts are
-- stemmed (English). Blocks with Han text also carry their index form (`search_text`, `search_caption`:
-- written by the store with `fts_text.index_text`, the form SQLite's FTS5 index holds since its migration
-- 0005): Traditional folded to Simplified, every Han character a token of its own, so a Chinese word of
-- any length is a phrase of characters.

-- English stemming without a stop-word list: FTS5 ('porter unicode61') indexes every word, so "the" or "of"
-- in a quoted phrase must match here too.
CREATE TEXT SEARCH DICTIONARY sinoscope_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION sinoscope_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION sinoscope_en
    ALTER MAPPING FOR asciiword, hword_asciipart, word, hword_part WITH sinoscope_stem;
-- FTS5 splits "domestic-production" into its parts; index the parts only, never the hyphenated whole.
ALTER TEXT SEARCH CONFIGURATION sinoscope_en DROP MAPPING FOR asciihword, hword, numhword;

CREATE TABLE documents (
    doc_id       TEXT PRIMARY KEY,
    file_name    TEXT NOT NULL,
    path         TEXT NOT NULL,
    format       TEXT NOT NULL,
    title        TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    text         TEXT NOT NULL,
    chars        INTEGER NOT NULL,
    metadata     TEXT NOT NULL DEFAULT '{}',
    ingested_at  TEXT NOT NULL
);

CREATE TABLE chapters (
    doc_id  TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number  INTEGER NOT NULL,
    anchor  TEXT NOT NULL,
    title   TEXT NOT NULL,
    line    INTEGER NOT NULL,
    PRIMARY KEY (doc_id, ordinal)
);
CREATE INDEX chapters_anchor ON chapters(anchor);

CREATE TABLE sections (
    doc_id          TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    chapter_ordinal INTEGER NOT NULL,
    ordinal         INTEGER NOT NULL,
    number          TEXT NOT NULL,
    anchor          TEXT NOT NULL,
    title           TEXT NOT NULL,
    level           INTEGER NOT NULL,
    line            INTEGER NOT NULL,
    PRIMARY KEY (doc_id, chapter_ordinal, ordinal)
);
CREATE INDEX sections_anchor ON sections(anchor);

CREATE TABLE blocks (
    id            BIGSERIAL PRIMARY KEY,
    doc_id        TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    anchor        TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    chapter       TEXT,
    section       TEXT,
    label         TEXT,
    ordinal       INTEGER NOT NULL,
    line          INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    spans         TEXT NOT NULL,
    text          TEXT NOT NULL,
    caption       TEXT,
    table_json    TEXT,
    footnote_refs TEXT NOT NULL DEFAULT '[]',
    -- caption weighs more than text, as the bm25 column weights do in SQLite
    search_text    TEXT,                 -- index form of text when it holds Han characters, else NULL
    search_caption TEXT,
    search_bigrams TEXT,                 -- the Han character pairs of text and caption (see postgres_search)
    tsv           TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('sinoscope_en', coalesce(search_caption, caption, '')), 'A')
        || setweight(to_tsvector('sinoscope_en', coalesce(search_text, text)), 'B')
        || setweight(to_tsvector('simple', coalesce(search_bigrams, '')), 'D')
    ) STORED,
    UNIQUE (doc_id, ordinal)
);
CREATE INDEX blocks_doc_section ON blocks(doc_id, chapter, section);
CREATE INDEX blocks_tsv ON blocks USING gin (tsv);

CREATE TABLE facts (
    id        BIGSERIAL PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    section   TEXT NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    value     DOUBLE PRECISION NOT NULL,
    value_max DOUBLE PRECISION,
    unit      TEXT NOT NULL,
    period    TEXT,
    kind      TEXT NOT NULL,
    subject   TEXT NOT NULL,
    line      INTEGER,
    data      TEXT NOT NULL
);
CREATE INDEX facts_doc ON facts(doc_id, start);
CREATE INDEX facts_section ON facts(section);

CREATE TABLE table_records (
    id            BIGSERIAL PRIMARY KEY,
    doc_id        TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    table_anchor  TEXT NOT NULL,
    row           INTEGER NOT NULL,
    col           INTEGER NOT NULL,
    row_label     TEXT NOT NULL,
    col_label     TEXT NOT NULL,
    raw           TEXT NOT NULL,
    value         DOUBLE PRECISION,
    printed_value DOUBLE PRECISION,
    unit          TEXT,
    scale         DOUBLE PRECISION NOT NULL,
    period        TEXT,
    confidence    DOUBLE PRECISION NOT NULL
);
CREATE INDEX table_records_anchor ON table_records(table_anchor, row, col);
CREATE INDEX table_records_doc ON table_records(doc_id);
