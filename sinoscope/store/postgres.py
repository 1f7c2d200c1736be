"""PostgreSQL backend of `Store`, for a team's shared server: same schema, same answers as SQLite.

Every write is one transaction on an autocommit connection (`conn.transaction()`), so a document and
everything derived from it appear atomically and a writer killed mid-document leaves the last committed
version. Saving a document first takes a transaction-scoped advisory lock on its id: two processes
writing the same document queue up instead of colliding on its anchors. Bulk rows go in with COPY.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, Self, TypeVar

import psycopg

from sinoscope.documents.anchors import split_anchor
from sinoscope.documents.model import Block, Chapter, Document, Section
from sinoscope.documents.zh_variants import has_han
from sinoscope.errors import NotFoundError, StoreError
from sinoscope.extraction.model import Fact, TableRecord
from sinoscope.store import codec, derived
from sinoscope.store.base import DerivedState, DocumentInfo, Expected, IngestExtras, OutlineEntry, SearchHit
from sinoscope.store.fts_query import parse_snippet
from sinoscope.store.fts_text import index_text
from sinoscope.store.identity import origin_of
from sinoscope.store.postgres_knowledge import PgKnowledgeTables
from sinoscope.store.postgres_schema import apply_pg_migrations, load_pg_migrations, pg_current_version
from sinoscope.store.postgres_search import (
    CONFIG,
    SNIPPET_OPTIONS,
    build_pg_tiers,
    han_bigrams,
    han_snippet,
    ranking,
    term_condition,
)
from sinoscope.store.postgres_url import redact
from sinoscope.store.rows import fact_row, table_record_row
from sinoscope.store.sqlite import _BLOCK_COLUMNS, ANY_MAX_DF, SqliteStore, _block_from_row, _block_row

P = ParamSpec("P")
R = TypeVar("R")
Conn = psycopg.Connection[tuple[Any, ...]]

CONNECT_TIMEOUT_S = 10
RANK_CANDIDATES = 1_000
"""Matches of one search tier that are ranked; see `_tier_rows`."""


def _pg_errors(method: Callable[Concatenate[PostgresStore, P], R]) -> Callable[Concatenate[PostgresStore, P], R]:
    """Driver errors (lost connection, constraint, bad data) become a one-line StoreError naming the db."""

    def wrapper(self: PostgresStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except psycopg.Error as err:
            raise StoreError(f"{self.location}: {describe(err)}") from err

    return functools.update_wrapper(wrapper, method)


def describe(err: psycopg.Error) -> str:
    first = (str(err).strip().splitlines() or [type(err).__name__])[0]
    if isinstance(err, psycopg.OperationalError) and "connection" in first.lower():
        return f"connection to the server lost ({first})"
    return first


def connect_failure(err: psycopg.Error) -> str:
    """The server's reason ("password authentication failed for user …") without libpq's preamble."""
    text = " ".join(str(err).split())
    for marker in ("FATAL:", "failed:"):
        if marker in text:
            return text.rsplit(marker, 1)[1].strip() or text
    return text or type(err).__name__


def merge_adjacent(snippet: str, highlights: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """One range for words marked side by side ("self-sufficiency", a matched phrase), as FTS5 marks them;
    ts_headline marks every word on its own."""
    out: list[tuple[int, int]] = []
    for start, end in highlights:
        if out and start - out[-1][1] <= 1 and not snippet[out[-1][1] : start].strip(" -‐'’"):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return tuple(out)


def _search_forms(block: Block) -> tuple[str | None, str | None, str | None]:
    """The index form of a block's text and caption (as SQLite's FTS5 index holds it), or NULL when the
    text has no Han characters and is indexed as it is; and the block's Han character pairs."""
    caption = block.table.caption if block.table is not None else None
    pairs = " | ".join(p for p in (han_bigrams(caption), han_bigrams(block.text)) if p)
    return (
        index_text(block.text) if has_han(block.text) else None,
        index_text(caption) if caption and has_han(caption) else None,
        pairs or None,
    )


def _as_expected(conn: Conn, doc: Document, expect: Expected) -> bool:
    """The store still holds what the writer decided `doc`'s id from (`Expected`). Called under the id's
    advisory lock; a new document also locks its content hash (ids first, then hashes: no lock cycle), so
    two writers of the same new content cannot both find it absent. Read committed: each query sees every
    commit made before it."""
    row = conn.execute("SELECT content_hash FROM documents WHERE doc_id = %s", (doc.doc_id,)).fetchone()
    if (row[0] if row else None) != expect.content_hash:
        return False
    if expect.content_hash is not None:
        return True
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 1))", (doc.content_hash,))
    same = conn.execute("SELECT 1 FROM documents WHERE content_hash = %s LIMIT 1", (doc.content_hash,)).fetchone()
    return same is None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class PostgresStore(PgKnowledgeTables):
    """`Store` over a PostgreSQL database URL. Use as a context manager, or call `open()`/`close()`."""

    def __init__(self, url: str, *, create: bool = True) -> None:
        self._url = url
        self._create = create
        self._conn: Conn | None = None
        self.any_max_df: int | None = ANY_MAX_DF

    # -- lifecycle ---------------------------------------------------------------------------------

    @property
    def location(self) -> str:
        return redact(self._url)

    @property
    def url(self) -> str:
        return self._url

    @property
    def conn(self) -> Conn:
        if self._conn is None:
            raise StoreError(f"{self.location}: store is not open")
        return self._conn

    def open(self) -> None:
        if self._conn is not None:
            return
        try:
            self._conn = psycopg.connect(self._url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as err:
            raise StoreError(f"{self.location}: cannot connect: {connect_failure(err)}") from err
        except ValueError as err:  # a malformed URL (bad port, unknown option)
            raise StoreError(f"{self.location}: not a valid PostgreSQL URL: {err}") from err
        try:
            if not self._create and pg_current_version(self.conn) == 0:
                raise StoreError(f"{self.location}: no sinoscope database here (run `sinoscope ingest` first)")
            self.migrate()
        except psycopg.Error as err:
            self.close()
            raise StoreError(f"{self.location}: {describe(err)}") from err
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @_pg_errors
    def migrate(self) -> int:
        migrations = load_pg_migrations()
        latest = migrations[-1].version
        found = pg_current_version(self.conn)
        if found > latest:
            raise StoreError(
                f"{self.location}: database schema version {found} is newer than this sinoscope ({latest})"
            )
        if found == latest:
            return found
        return apply_pg_migrations(self.conn, migrations)

    @contextmanager
    def _transaction(self) -> Iterator[Conn]:
        with self.conn.transaction():
            yield self.conn

    # -- writes ------------------------------------------------------------------------------------

    @_pg_errors
    def save_document(
        self,
        doc: Document,
        extras: IngestExtras | None = None,
        *,
        derived_version: str = "",
        expect: Expected | None = None,
    ) -> bool:
        try:
            with self._transaction() as conn:
                conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (doc.doc_id,))
                if expect is not None and not _as_expected(conn, doc, expect):
                    return False
                conn.execute("DELETE FROM documents WHERE doc_id = %s", (doc.doc_id,))
                conn.execute("DELETE FROM kb_state WHERE key IN (%s, %s)", derived.link_keys(doc.doc_id))
                self._write_document_row(conn, doc, derived_version, derived.counts_json(doc, extras))
                self._write_outline(conn, doc)
                self._write_blocks(conn, doc)
                if extras is not None:
                    self._write_extras(conn, doc, extras)
        except psycopg.errors.IntegrityError as err:
            raise StoreError(f"cannot store document {doc.doc_id}: {describe(err)}") from err
        return True

    def _write_document_row(self, conn: Conn, doc: Document, version: str, counts: str) -> None:
        conn.execute(
            "INSERT INTO documents(doc_id, file_name, path, format, title, content_hash, text, chars,"
            " metadata, ingested_at, origin, derived_version, derived_counts)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                doc.doc_id,
                Path(doc.source_path).name if doc.source_path else "",
                doc.source_path,
                doc.source_format,
                doc.title,
                doc.content_hash,
                doc.text,
                len(doc.text),
                codec.dict_to_json(doc.metadata),
                _now(),
                origin_of(doc.source_path),
                version,
                counts,
            ),
        )

    def _write_outline(self, conn: Conn, doc: Document) -> None:
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO chapters(doc_id, ordinal, number, anchor, title, line) VALUES (%s, %s, %s, %s, %s, %s)",
                [(doc.doc_id, i, c.number, c.anchor, c.title, c.line) for i, c in enumerate(doc.chapters)],
            )
            cur.executemany(
                "INSERT INTO sections(doc_id, chapter_ordinal, ordinal, number, anchor, title, level, line)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (doc.doc_id, ci, si, s.number, s.anchor, s.title, s.level, s.line)
                    for ci, c in enumerate(doc.chapters)
                    for si, s in enumerate(c.sections)
                ],
            )

    @staticmethod
    def _copy(conn: Conn, table: str, columns: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        with conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _write_blocks(self, conn: Conn, doc: Document) -> None:
        self._copy(
            conn,
            "blocks",
            'doc_id, anchor, kind, chapter, section, label, ordinal, line, start, "end", spans, text, caption,'
            " table_json, footnote_refs, search_text, search_caption, search_bigrams",
            [(*_block_row(doc.doc_id, b), *_search_forms(b)) for b in doc.blocks],
        )

    def _write_extras(self, conn: Conn, doc: Document, extras: IngestExtras) -> None:
        self._copy(
            conn,
            "facts",
            'doc_id, section, start, "end", text, value, value_max, unit, period, kind, subject, line, data',
            [fact_row(doc.doc_id, f) for f in extras.facts],
        )
        self._copy(
            conn,
            "table_records",
            "doc_id, table_anchor, row, col, row_label, col_label, raw, value, printed_value, unit, scale, period,"
            " confidence, per, approx",
            [table_record_row(doc.doc_id, r) for r in extras.table_records],
        )

    @_pg_errors
    def delete_document(self, doc_id: str) -> bool:
        with self._transaction() as conn:
            cur = conn.execute("DELETE FROM documents WHERE doc_id = %s", (doc_id,))
            conn.execute("DELETE FROM kb_state WHERE key IN (%s, %s)", derived.link_keys(doc_id))
            return cur.rowcount > 0

    @_pg_errors
    def derived_states(self) -> list[DerivedState]:
        return derived.derived_states(self.conn)

    @_pg_errors
    def orphan_rows(self) -> dict[str, int]:
        return derived.orphan_rows(self.conn)

    @_pg_errors
    def delete_orphan_rows(self) -> int:
        with self._transaction() as conn:
            return derived.delete_orphan_rows(conn)

    # -- reads -------------------------------------------------------------------------------------

    @_pg_errors
    def document_state(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM documents WHERE doc_id = %s", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    @_pg_errors
    def list_documents(self) -> list[DocumentInfo]:
        rows = self.conn.execute(SqliteStore._INFO_SQL + " ORDER BY d.doc_id").fetchall()
        return [SqliteStore._info(r) for r in rows]

    @_pg_errors
    def get_document(self, doc_id: str) -> DocumentInfo:
        row = self.conn.execute(SqliteStore._INFO_SQL + " WHERE d.doc_id = %s", (doc_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"{doc_id}: no such document")
        return SqliteStore._info(row)

    @_pg_errors
    def document_text(self, doc_id: str) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE doc_id = %s", (doc_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"{doc_id}: no such document")
        return str(row[0])

    @_pg_errors
    def outline(self, doc_id: str) -> tuple[Chapter, ...]:
        if self.document_state(doc_id) is None:
            raise NotFoundError(f"{doc_id}: no such document")
        sections: dict[int, list[Section]] = {}
        for ci, number, title, level, line, anchor in self.conn.execute(
            "SELECT chapter_ordinal, number, title, level, line, anchor FROM sections WHERE doc_id = %s"
            " ORDER BY chapter_ordinal, ordinal",
            (doc_id,),
        ).fetchall():
            sections.setdefault(ci, []).append(Section(number, title, level, line, anchor))
        return tuple(
            Chapter(number, title, line, anchor, tuple(sections.get(ci, ())))
            for ci, number, title, line, anchor in self.conn.execute(
                "SELECT ordinal, number, title, line, anchor FROM chapters WHERE doc_id = %s ORDER BY ordinal",
                (doc_id,),
            ).fetchall()
        )

    @_pg_errors
    def find_heading(self, anchor: str) -> OutlineEntry | None:
        parts = split_anchor(anchor)
        if parts is None:
            return None
        doc_id = parts[0]
        chapters = self.outline(doc_id) if self.document_state(doc_id) is not None else ()
        for chapter in chapters:
            if chapter.anchor == anchor:
                return OutlineEntry(doc_id, anchor, str(chapter.number), chapter.title, 0, chapter.line, chapter)
            for s in chapter.sections:
                if s.anchor == anchor:
                    return OutlineEntry(doc_id, anchor, s.number, s.title, s.level, s.line, chapter)
        return None

    @_pg_errors
    def get_block(self, anchor: str) -> Block:
        row = self.conn.execute(f"SELECT {_BLOCK_COLUMNS} FROM blocks WHERE anchor = %s", (anchor,)).fetchone()
        if row is None:
            raise NotFoundError(f"{anchor}: no such anchor")
        return _block_from_row(row)

    @_pg_errors
    def blocks(self, doc_id: str, *, chapter: str | None = None, section: str | None = None) -> list[Block]:
        sql = f"SELECT {_BLOCK_COLUMNS} FROM blocks WHERE doc_id = %s"
        args: list[Any] = [doc_id]
        if chapter is not None:
            sql += " AND chapter = %s"
            args.append(chapter)
        if section is not None:
            sql += " AND (section = %s OR starts_with(section, %s))"
            args += [section, section + "."]
        sql += " ORDER BY ordinal"
        return [_block_from_row(r) for r in self.conn.execute(sql, args).fetchall()]

    @_pg_errors
    def search(
        self, query: str, limit: int = 10, *, doc_id: str | None = None, snippets: bool = True
    ) -> list[SearchHit]:
        if limit <= 0:
            return []
        query = query.replace("\x00", " ")
        keep = None
        if self.any_max_df is not None:
            cap = self.any_max_df
            keep = lambda w: not self._more_common_than(w, cap)  # noqa: E731
        rank = ranking(query)
        hits: list[SearchHit] = []
        seen: set[str] = set()
        absent = functools.cache(lambda w: not self._more_common_than(w, 0))
        for tier in build_pg_tiers(query, keep, absent):
            want = limit - len(hits)
            if want <= 0:
                break
            for row in self._tier_rows(tier.where.sql, tier.where.params, rank, doc_id, want + len(seen), snippets):
                anchor, d, kind, line, chapter, section, text, headline, score = row
                if anchor in seen or len(hits) >= limit:
                    continue
                seen.add(anchor)
                snippet, highlights = "", tuple[tuple[int, int], ...]()
                if snippets:
                    raw = headline if headline is not None else han_snippet(text, rank.unspaced_terms)
                    snippet, highlights = parse_snippet(raw or "")
                    highlights = merge_adjacent(snippet, highlights)
                hits.append(
                    SearchHit(
                        anchor=anchor,
                        doc_id=d,
                        kind=kind,
                        line=line,
                        snippet=snippet,
                        highlights=highlights,
                        score=round(float(score), 4),
                        match=tier.match,
                        chapter=chapter,
                        section=section,
                    )
                )
        return hits

    def _tier_rows(
        self,
        where: str,
        where_params: tuple[object, ...],
        rank: Any,
        doc_id: str | None,
        limit: int,
        snippets: bool = True,
    ) -> list[tuple[Any, ...]]:
        # Rank at most RANK_CANDIDATES matches of a tier: ts_rank_cd reads each candidate's whole tsvector,
        # and a loose tier over a common word would otherwise rank every block that holds it.
        inner = (
            f"SELECT b.anchor, b.doc_id, b.kind, b.line, b.chapter, b.section, b.text, b.caption, b.tsv, b.id,"
            f" {rank.score_sql} AS score FROM (SELECT * FROM blocks b WHERE {where}"
            + (" AND b.doc_id = %s" if doc_id is not None else "")
            + " LIMIT %s) b ORDER BY score DESC, b.id LIMIT %s"
        )
        params: list[object] = []
        if snippets and rank.tsquery_sql is not None and not rank.unspaced_terms:
            headline = f"ts_headline('{CONFIG}', coalesce(t.caption || ' ', '') || t.text, {rank.tsquery_sql}, %s)"
            params += [*rank.tsquery_params, SNIPPET_OPTIONS]
        else:
            headline = "NULL"
        params += [*rank.score_params, *where_params]
        if doc_id is not None:
            params.append(doc_id)
        params += [RANK_CANDIDATES, limit]
        sql = (
            f"SELECT t.anchor, t.doc_id, t.kind, t.line, t.chapter, t.section, t.text, {headline}, t.score"
            f" FROM ({inner}) t ORDER BY t.score DESC, t.id"
        )
        return self.conn.execute(sql.encode(), params).fetchall()

    def _more_common_than(self, word: str, cap: int) -> bool:
        cond = term_condition(word)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM blocks b WHERE {cond.sql} LIMIT %s) s"
        row = self.conn.execute(sql.encode(), [*cond.params, cap + 1]).fetchone()
        return row is not None and int(row[0]) > cap

    @_pg_errors
    def facts(
        self,
        doc_id: str | None = None,
        *,
        unit: str | None = None,
        kind: str | None = None,
        period: str | None = None,
        text: str | None = None,
    ) -> list[Fact]:
        where: list[str] = []
        args: list[Any] = []
        for column, value in (("doc_id", doc_id), ("unit", unit), ("kind", kind)):
            if value is not None:
                where.append(f"{column} = %s")
                args.append(value)
        if period is not None:
            # "2022" selects "2022", "2022-01" and "2022-01-31", but not the span "2022-2025"
            where.append("(period = %s OR period ~ %s OR period ~ %s)")
            args += [period, f"^{re.escape(period)}-[0-9]{{2}}$", f"^{re.escape(period)}-[0-9]{{2}}-[0-9]{{2}}$"]
        if text is not None:
            where.append("(strpos(lower(text), %s) > 0 OR strpos(lower(subject), %s) > 0)")
            args += [text.lower(), text.lower()]
        sql = "SELECT data FROM facts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.conn.execute(sql + " ORDER BY doc_id, start, id", args).fetchall()
        return [Fact.model_validate_json(r[0]) for r in rows]

    @_pg_errors
    def table_records(self, table_anchor: str | None = None, *, doc_id: str | None = None) -> list[TableRecord]:
        sql = (
            "SELECT table_anchor, row, col, row_label, col_label, raw, value, printed_value, unit, scale,"
            " period, confidence, per, approx FROM table_records"
        )
        if table_anchor is not None:
            rows = self.conn.execute(sql + " WHERE table_anchor = %s ORDER BY row, col", (table_anchor,)).fetchall()
        elif doc_id is not None:
            rows = self.conn.execute(sql + " WHERE doc_id = %s ORDER BY id", (doc_id,)).fetchall()
        else:
            rows = self.conn.execute(sql + " ORDER BY doc_id, id").fetchall()
        names = (
            "table_anchor",
            "row",
            "col",
            "row_label",
            "col_label",
            "raw",
            "value",
            "printed_value",
            "unit",
            "scale",
            "period",
            "confidence",
            "per",
            "approx",
        )
        return [TableRecord(**dict(zip(names, r, strict=True))) for r in rows]
