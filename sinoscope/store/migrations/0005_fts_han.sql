-- Chinese full-text search. The index now holds its own copy of each block's text in index form
-- (`sinoscope.store.fts_text.index_text`: Traditional folded to Simplified, every Han character its own
-- token), computed by the SQL function `sinoscope_fts_text` that `SqliteStore` registers on its
-- connection. Text without Han characters is indexed exactly as before (porter, unicode61).
-- The index keeps its own content (not external content) so that deleting a row never depends on
-- recomputing the index form of the old text.

DROP TRIGGER IF EXISTS blocks_fts_insert;
DROP TRIGGER IF EXISTS blocks_fts_delete;
DROP TRIGGER IF EXISTS blocks_fts_update;
DROP TABLE IF EXISTS blocks_fts;

CREATE VIRTUAL TABLE blocks_fts USING fts5(
    caption, text,
    tokenize = 'porter unicode61'
);

CREATE TRIGGER blocks_fts_insert AFTER INSERT ON blocks BEGIN
    INSERT INTO blocks_fts(rowid, caption, text)
    VALUES (new.id, sinoscope_fts_text(new.caption), sinoscope_fts_text(new.text));
END;
CREATE TRIGGER blocks_fts_delete AFTER DELETE ON blocks BEGIN
    DELETE FROM blocks_fts WHERE rowid = old.id;
END;
CREATE TRIGGER blocks_fts_update AFTER UPDATE ON blocks BEGIN
    DELETE FROM blocks_fts WHERE rowid = old.id;
    INSERT INTO blocks_fts(rowid, caption, text)
    VALUES (new.id, sinoscope_fts_text(new.caption), sinoscope_fts_text(new.text));
END;

INSERT INTO blocks_fts(rowid, caption, text)
SELECT id, sinoscope_fts_text(caption), sinoscope_fts_text(text) FROM blocks;
