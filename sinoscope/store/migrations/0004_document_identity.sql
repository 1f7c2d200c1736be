-- Document identity: a stored document is bound to the file it came from (its absolute path, `origin`) and
-- to the content hash of what was ingested. Ingestion looks documents up by both: the same path updates its
-- document, the same content under another path is the same document, and a different file never takes over
-- another document's id. Metadata (title, date, issuer, 文号, language) stays in `documents.metadata` (JSON).

ALTER TABLE documents ADD COLUMN origin TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_origin ON documents(origin);
CREATE INDEX documents_content_hash ON documents(content_hash);
