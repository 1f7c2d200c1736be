-- Document identity (as migrations/0004): the absolute path a document came from, and lookups by content hash.

ALTER TABLE documents ADD COLUMN origin TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_origin ON documents(origin);
CREATE INDEX documents_content_hash ON documents(content_hash);
