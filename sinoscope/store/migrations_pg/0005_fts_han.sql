-- Chinese full-text search (migrations/0005 rebuilds SQLite's FTS5 table with one token per Han character).
-- The PostgreSQL tsvector of 0001 already spaces Han characters apart, so this migration only keeps the
-- version numbers of both backends in step.

SELECT 1;
