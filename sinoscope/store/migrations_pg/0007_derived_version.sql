-- What a document's derived rows came from and how many were written (as migrations/0007).

ALTER TABLE documents ADD COLUMN derived_version TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN derived_counts TEXT NOT NULL DEFAULT '{}';
