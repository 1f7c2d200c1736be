-- What a document's derived rows came from and how many were written. `derived_version` names the structure
-- and extraction code that produced its outline, blocks, facts and table cells (`app.derived`); a document
-- stored by older code is derived again by the next ingest, even from an unchanged file. `derived_counts`
-- (JSON: chapters, sections, blocks, facts, table_records) is what that same transaction wrote, so rows lost
-- since are found by comparing (`sinoscope doctor`). Documents stored before this have '' and '{}': they are
-- derived again once.

ALTER TABLE documents ADD COLUMN derived_version TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN derived_counts TEXT NOT NULL DEFAULT '{}';
