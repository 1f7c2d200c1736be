-- Documents, their outline and blocks, with a full-text index over blocks.
-- Everything hangs off documents(doc_id) with ON DELETE CASCADE, so replacing a document is one DELETE
-- plus inserts inside a single transaction.

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
    id            INTEGER PRIMARY KEY,
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
    spans         TEXT NOT NULL,          -- JSON [[start, end], ...]
    text          TEXT NOT NULL,
    caption       TEXT,                   -- table caption, indexed for search
    table_json    TEXT,                   -- JSON {label, caption, caption_span, caption_position, rows, row_spans, notes}
    footnote_refs TEXT NOT NULL DEFAULT '[]',
    UNIQUE (doc_id, ordinal)
);
CREATE INDEX blocks_doc_section ON blocks(doc_id, chapter, section);

CREATE VIRTUAL TABLE blocks_fts USING fts5(
    caption, text,
    content = 'blocks', content_rowid = 'id',
    tokenize = 'porter unicode61'
);

CREATE TRIGGER blocks_fts_insert AFTER INSERT ON blocks BEGIN
    INSERT INTO blocks_fts(rowid, caption, text) VALUES (new.id, new.caption, new.text);
END;
CREATE TRIGGER blocks_fts_delete AFTER DELETE ON blocks BEGIN
    INSERT INTO blocks_fts(blocks_fts, rowid, caption, text) VALUES ('delete', old.id, old.caption, old.text);
END;
CREATE TRIGGER blocks_fts_update AFTER UPDATE ON blocks BEGIN
    INSERT INTO blocks_fts(blocks_fts, rowid, caption, text) VALUES ('delete', old.id, old.caption, old.text);
    INSERT INTO blocks_fts(rowid, caption, text) VALUES (new.id, new.caption, new.text);
END;

-- Extracted data (written by the extraction stage; kept with its document).
CREATE TABLE facts (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    section   TEXT NOT NULL,              -- anchor of the block holding the quantity
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    value     REAL NOT NULL,
    value_max REAL,
    unit      TEXT NOT NULL,
    period    TEXT,
    kind      TEXT NOT NULL,
    subject   TEXT NOT NULL,
    line      INTEGER,
    data      TEXT NOT NULL               -- the whole Fact as JSON (lossless round trip)
);
CREATE INDEX facts_doc ON facts(doc_id, start);
CREATE INDEX facts_section ON facts(section);

CREATE TABLE table_records (
    id            INTEGER PRIMARY KEY,
    doc_id        TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    table_anchor  TEXT NOT NULL,
    row           INTEGER NOT NULL,
    col           INTEGER NOT NULL,
    row_label     TEXT NOT NULL,
    col_label     TEXT NOT NULL,
    raw           TEXT NOT NULL,
    value         REAL,
    printed_value REAL,
    unit          TEXT,
    scale         REAL NOT NULL,
    period        TEXT,
    confidence    REAL NOT NULL
);
CREATE INDEX table_records_anchor ON table_records(table_anchor, row, col);
CREATE INDEX table_records_doc ON table_records(doc_id);
