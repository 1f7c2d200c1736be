-- The learned layer's review state and audit trail (PostgreSQL dialect of migrations/0006_review.sql).

CREATE TABLE review_entries (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('target', 'actual', 'indicator')),
    state       TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'accepted', 'rejected')),
    doc_id      TEXT,
    content_hash TEXT,
    anchor      TEXT,
    span_start  INTEGER,
    span_end    INTEGER,
    quote       TEXT,
    data        TEXT NOT NULL,
    edited      TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX review_entries_state ON review_entries(state, kind);

CREATE TABLE indicator_merges (
    source_id   TEXT PRIMARY KEY,
    target_id   TEXT NOT NULL,
    merged_at   TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq         BIGSERIAL PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entry_id    TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    before      TEXT,
    after       TEXT
);
