-- The knowledge base (PostgreSQL dialect of migrations/0002_knowledge.sql).

CREATE TABLE kb_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE kb_entities (
    id      TEXT PRIMARY KEY,
    type    TEXT NOT NULL,
    name    TEXT NOT NULL,
    parent  TEXT,
    top     INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    data    TEXT NOT NULL
);
CREATE INDEX kb_entities_type ON kb_entities(type);

CREATE TABLE kb_aliases (
    alias     TEXT NOT NULL,
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
    id        BIGSERIAL PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES kb_entities(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    anchor    TEXT NOT NULL,
    method    TEXT NOT NULL,
    surface   TEXT NOT NULL,
    start     INTEGER,
    "end"     INTEGER,
    row       INTEGER,
    col       INTEGER,
    score     DOUBLE PRECISION NOT NULL
);
CREATE INDEX kb_links_entity ON kb_links(entity_id);
CREATE INDEX kb_links_anchor ON kb_links(anchor);
CREATE INDEX kb_links_doc ON kb_links(doc_id);
