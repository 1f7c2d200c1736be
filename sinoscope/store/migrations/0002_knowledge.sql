-- The knowledge base: curated entries (with their nested parts), their names, their citations, and the
-- links between entries and ingested passages, facts and table cells.
-- Entries do not depend on documents: the curated data loads into a database with no report in it.
-- Links depend on both: deleting a document or reloading the knowledge base removes its links.

CREATE TABLE kb_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE kb_entities (
    id      TEXT PRIMARY KEY,
    type    TEXT NOT NULL,
    name    TEXT NOT NULL,
    parent  TEXT,                     -- the enclosing entry of a nested one (a fund phase → its fund)
    top     INTEGER NOT NULL,         -- 1 for entries as they appear in the data files
    ordinal INTEGER NOT NULL,
    data    TEXT NOT NULL             -- the entry as JSON (lossless round trip)
);
CREATE INDEX kb_entities_type ON kb_entities(type);

CREATE TABLE kb_aliases (
    alias     TEXT NOT NULL,          -- normalized: lower-case words separated by single spaces
    entity_id TEXT NOT NULL REFERENCES kb_entities(id) ON DELETE CASCADE,
    PRIMARY KEY (alias, entity_id)
);

CREATE TABLE kb_citations (
    entity_id   TEXT NOT NULL REFERENCES kb_entities(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    anchor      TEXT,
    doc_id      TEXT,
    quote_value TEXT,
    source      TEXT,
    PRIMARY KEY (entity_id, ordinal)
);
CREATE INDEX kb_citations_anchor ON kb_citations(anchor);

CREATE TABLE kb_links (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES kb_entities(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,          -- block | fact | table_record
    anchor    TEXT NOT NULL,
    method    TEXT NOT NULL,          -- alias | citation | value | label
    surface   TEXT NOT NULL,
    start     INTEGER,
    "end"     INTEGER,
    row       INTEGER,
    col       INTEGER,
    score     REAL NOT NULL
);
CREATE INDEX kb_links_entity ON kb_links(entity_id);
CREATE INDEX kb_links_anchor ON kb_links(anchor);
CREATE INDEX kb_links_doc ON kb_links(doc_id);
