"""SQLite backend of `Store`: one file, WAL journal, FTS5 full-text index over blocks.

Writes use explicit `BEGIN IMMEDIATE` … `COMMIT` on an autocommit connection, so that a document and
everything derived from it appear atomically; WAL makes an interrupted writer (even `kill -9`) leave the
last committed state, and lets readers keep reading while a writer works.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, Self, TypeVar

from sinoscope.documents.anchors import split_anchor
from sinoscope.documents.model import Block, BlockKind, Chapter, Document, Section
from sinoscope.documents.zh_variants import has_han
from sinoscope.errors import NotFoundError, StoreError
from sinoscope.extraction.model import Fact, TableRecord
from sinoscope.store import codec, derived, fts_text
from sinoscope.store.base import DerivedState, DocumentInfo, Expected, IngestExtras, OutlineEntry, SearchHit
from sinoscope.store.fts_query import (
    HIGHLIGHT_CLOSE,
    HIGHLIGHT_OPEN,
    any_tier,
    build_tiers,
    fts_string,
    parse_snippet,
    phrase_frequency_order,
)
from sinoscope.store.identity import origin_of
from sinoscope.store.rows import fact_row, table_record_row
from sinoscope.store.schema import apply_migrations, current_version, load_migrations
from sinoscope.store.sqlite_knowledge import KnowledgeTables

P = ParamSpec("P")
R = TypeVar("R")

BUSY_TIMEOUT_MS = 10_000
SNIPPET_TOKENS = 24
PHRASE_POOL = 50
"""Extra phrase-tier rows read for a Chinese query, to order by phrase frequency (`phrase_frequency_order`)."""
ANY_MAX_DF = 10_000
"""The loosest search tier ignores words held by more blocks than this (see `fts_query.any_tier`)."""
# bm25 column weights: (caption, text). A table's caption names what the table is about.
BM25_WEIGHTS = (2.0, 1.0)

_BLOCK_COLUMNS = "anchor, kind, chapter, section, label, ordinal, line, spans, text, table_json, footnote_refs"


def _sqlite_errors(
    method: Callable[Concatenate[SqliteStore, P], R],
) -> Callable[Concatenate[SqliteStore, P], R]:
    """Turn driver errors (locked, read-only, corrupt file) into a one-line StoreError naming the db."""

    def wrapper(self: SqliteStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as err:
            raise StoreError(f"{self.location}: {_describe(err)}") from err

    return functools.update_wrapper(wrapper, method)


def _describe(err: sqlite3.Error) -> str:
    msg = str(err)
    if isinstance(err, sqlite3.DatabaseError) and "file is not a database" in msg:
        return "not a SQLite database"
    return msg


def _as_expected(conn: sqlite3.Connection, doc: Document, expect: Expected) -> bool:
    """The store still holds what the writer decided `doc`'s id from (`Expected`)."""
    row = conn.execute("SELECT content_hash FROM documents WHERE doc_id = ?", (doc.doc_id,)).fetchone()
    if (row[0] if row else None) != expect.content_hash:
        return False
    if expect.content_hash is not None:
        return True
    same = "SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1"  # a new document's content, stored meanwhile
    return conn.execute(same, (doc.content_hash,)).fetchone() is None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class SqliteStore(KnowledgeTables):
    """`Store` over a SQLite file. Use as a context manager, or call `open()`/`close()`."""

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self._path = str(path)
        self._create = create
        self._conn: sqlite3.Connection | None = None
        self.any_max_df: int | None = ANY_MAX_DF
        """None keeps every word in the loosest tier."""

    # -- lifecycle ---------------------------------------------------------------------------------

    @property
    def location(self) -> str:
        return self._path

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self._path}: store is not open")
        return self._conn

    def open(self) -> None:
        if self._conn is not None:
            return
        memory = self._path == ":memory:"
        path = Path(self._path)
        if not memory:
            if path.is_dir():
                raise StoreError(f"{self._path}: is a directory, not a database file")
            if not path.exists():
                if not self._create:
                    raise StoreError(f"{self._path}: no database here (run `sinoscope ingest` first)")
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as err:
                    raise StoreError(f"{self._path}: cannot create folder: {err.strerror}") from err
        try:
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as err:
            raise StoreError(f"{self._path}: cannot open database: {_describe(err)}") from err
        self._conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            fts_text.register(conn)
            if not memory:
                conn.execute("PRAGMA journal_mode = WAL")
                # In WAL mode NORMAL survives application crashes; only power loss may drop the last commits.
                conn.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        except sqlite3.Error as err:
            self.close()
            raise StoreError(f"{self._path}: {_describe(err)}") from err
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

    @_sqlite_errors
    def migrate(self) -> int:
        migrations = load_migrations()
        latest = migrations[-1].version
        found = current_version(self.conn)
        if found > latest:
            raise StoreError(f"{self._path}: database schema version {found} is newer than this sinoscope ({latest})")
        if found == latest:
            return found
        return apply_migrations(self.conn, migrations)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- writes ------------------------------------------------------------------------------------

    @_sqlite_errors
    def save_document(
        self,
        doc: Document,
        extras: IngestExtras | None = None,
        *,
        derived_version: str = "",
        expect: Expected | None = None,
    ) -> bool:
        try:
            with self._transaction() as conn:  # BEGIN IMMEDIATE: the check below sees every other writer's commits
                if expect is not None and not _as_expected(conn, doc, expect):
                    return False
                conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc.doc_id,))
                conn.execute("DELETE FROM kb_state WHERE key IN (?, ?)", derived.link_keys(doc.doc_id))
                self._write_document_row(conn, doc, derived_version, derived.counts_json(doc, extras))
                self._write_outline(conn, doc)
                self._write_blocks(conn, doc)
                if extras is not None:
                    self._write_extras(conn, doc, extras)
        except sqlite3.IntegrityError as err:
            raise StoreError(f"cannot store document {doc.doc_id}: {err}") from err
        return True

    def _write_document_row(self, conn: sqlite3.Connection, doc: Document, version: str, counts: str) -> None:
        conn.execute(
            "INSERT INTO documents(doc_id, file_name, path, format, title, content_hash, text, chars,"
            " metadata, ingested_at, origin, derived_version, derived_counts)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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

    def _write_outline(self, conn: sqlite3.Connection, doc: Document) -> None:
        conn.executemany(
            "INSERT INTO chapters(doc_id, ordinal, number, anchor, title, line) VALUES (?, ?, ?, ?, ?, ?)",
            [(doc.doc_id, i, c.number, c.anchor, c.title, c.line) for i, c in enumerate(doc.chapters)],
        )
        conn.executemany(
            "INSERT INTO sections(doc_id, chapter_ordinal, ordinal, number, anchor, title, level, line)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc.doc_id, ci, si, s.number, s.anchor, s.title, s.level, s.line)
                for ci, c in enumerate(doc.chapters)
                for si, s in enumerate(c.sections)
            ],
        )

    def _write_blocks(self, conn: sqlite3.Connection, doc: Document) -> None:
        conn.executemany(
            'INSERT INTO blocks(doc_id, anchor, kind, chapter, section, label, ordinal, line, start, "end",'
            " spans, text, caption, table_json, footnote_refs)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_block_row(doc.doc_id, b) for b in doc.blocks],
        )

    def _write_extras(self, conn: sqlite3.Connection, doc: Document, extras: IngestExtras) -> None:
        conn.executemany(
            'INSERT INTO facts(doc_id, section, start, "end", text, value, value_max, unit, period, kind,'
            " subject, line, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [fact_row(doc.doc_id, f) for f in extras.facts],
        )
        conn.executemany(
            "INSERT INTO table_records(doc_id, table_anchor, row, col, row_label, col_label, raw, value,"
            " printed_value, unit, scale, period, confidence, per, approx)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [table_record_row(doc.doc_id, r) for r in extras.table_records],
        )

    @_sqlite_errors
    def delete_document(self, doc_id: str) -> bool:
        with self._transaction() as conn:
            cur = conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
            conn.execute("DELETE FROM kb_state WHERE key IN (?, ?)", derived.link_keys(doc_id))
            return cur.rowcount > 0

    @_sqlite_errors
    def derived_states(self) -> list[DerivedState]:
        return derived.derived_states(self.conn)

    @_sqlite_errors
    def orphan_rows(self) -> dict[str, int]:
        return derived.orphan_rows(self.conn)

    @_sqlite_errors
    def delete_orphan_rows(self) -> int:
        with self._transaction() as conn:
            return derived.delete_orphan_rows(conn)

    # -- reads -------------------------------------------------------------------------------------

    @_sqlite_errors
    def document_state(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    _INFO_SQL = (
        "SELECT d.doc_id, d.file_name, d.path, d.format, d.title, d.content_hash, d.ingested_at, d.chars,"
        " (SELECT count(*) FROM chapters c WHERE c.doc_id = d.doc_id),"
        " (SELECT count(*) FROM blocks b WHERE b.doc_id = d.doc_id),"
        " (SELECT count(*) FROM blocks b WHERE b.doc_id = d.doc_id AND b.kind = 'table'),"
        " (SELECT count(*) FROM facts f WHERE f.doc_id = d.doc_id),"
        " d.metadata, d.origin, d.derived_version, d.derived_counts FROM documents d"
    )

    @staticmethod
    def _info(row: Sequence[Any]) -> DocumentInfo:
        (
            doc_id,
            file_name,
            path,
            fmt,
            title,
            content_hash,
            ingested_at,
            chars,
            chapters,
            blocks,
            tables,
            facts,
            metadata,
            origin,
            derived_version,
            derived_counts,
        ) = row
        return DocumentInfo(
            doc_id=doc_id,
            file_name=file_name,
            path=path,
            format=fmt,
            title=title,
            content_hash=content_hash,
            ingested_at=ingested_at,
            chars=chars,
            chapters=chapters,
            blocks=blocks,
            tables=tables,
            facts=facts,
            metadata=codec.dict_from_json(metadata),
            origin=origin,
            derived_version=derived_version,
            derived_counts={k: int(v) for k, v in codec.dict_from_json(derived_counts).items()},
        )

    @_sqlite_errors
    def list_documents(self) -> list[DocumentInfo]:
        return [self._info(r) for r in self.conn.execute(self._INFO_SQL + " ORDER BY d.doc_id")]

    @_sqlite_errors
    def get_document(self, doc_id: str) -> DocumentInfo:
        row = self.conn.execute(self._INFO_SQL + " WHERE d.doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"{doc_id}: no such document")
        return self._info(row)

    @_sqlite_errors
    def document_text(self, doc_id: str) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"{doc_id}: no such document")
        return str(row[0])

    @_sqlite_errors
    def outline(self, doc_id: str) -> tuple[Chapter, ...]:
        if self.document_state(doc_id) is None:
            raise NotFoundError(f"{doc_id}: no such document")
        sections: dict[int, list[Section]] = {}
        for ci, number, title, level, line, anchor in self.conn.execute(
            "SELECT chapter_ordinal, number, title, level, line, anchor FROM sections WHERE doc_id = ?"
            " ORDER BY chapter_ordinal, ordinal",
            (doc_id,),
        ):
            sections.setdefault(ci, []).append(Section(number, title, level, line, anchor))
        return tuple(
            Chapter(number, title, line, anchor, tuple(sections.get(ci, ())))
            for ci, number, title, line, anchor in self.conn.execute(
                "SELECT ordinal, number, title, line, anchor FROM chapters WHERE doc_id = ? ORDER BY ordinal",
                (doc_id,),
            )
        )

    @_sqlite_errors
    def find_heading(self, anchor: str) -> OutlineEntry | None:
        parts = split_anchor(anchor)
        if parts is None:
            return None
        doc_id = parts[0]
        chapters = self.outline(doc_id) if self.document_state(doc_id) is not None else ()
        for chapter in chapters:
            if chapter.anchor == anchor:
                number = str(chapter.number)
                return OutlineEntry(doc_id, anchor, number, chapter.title, 0, chapter.line, chapter)
            for s in chapter.sections:
                if s.anchor == anchor:
                    return OutlineEntry(doc_id, anchor, s.number, s.title, s.level, s.line, chapter)
        return None

    @_sqlite_errors
    def get_block(self, anchor: str) -> Block:
        row = self.conn.execute(f"SELECT {_BLOCK_COLUMNS} FROM blocks WHERE anchor = ?", (anchor,)).fetchone()
        if row is None:
            raise NotFoundError(f"{anchor}: no such anchor")
        return _block_from_row(row)

    @_sqlite_errors
    def blocks(self, doc_id: str, *, chapter: str | None = None, section: str | None = None) -> list[Block]:
        sql = f"SELECT {_BLOCK_COLUMNS} FROM blocks WHERE doc_id = ?"
        args: list[Any] = [doc_id]
        if chapter is not None:
            sql += " AND chapter = ?"
            args.append(chapter)
        if section is not None:
            sql += " AND (section = ? OR substr(section, 1, ?) = ?)"
            args += [section, len(section) + 1, section + "."]
        sql += " ORDER BY ordinal"
        return [_block_from_row(r) for r in self.conn.execute(sql, args)]

    @_sqlite_errors
    def search(
        self, query: str, limit: int = 10, *, doc_id: str | None = None, snippets: bool = True
    ) -> list[SearchHit]:
        if limit <= 0:
            return []
        hits: list[SearchHit] = []
        seen: set[str] = set()
        snippet_sql = (
            f"snippet(blocks_fts, -1, '{HIGHLIGHT_OPEN}', '{HIGHLIGHT_CLOSE}', '…', {SNIPPET_TOKENS})"
            if snippets
            else "''"
        )
        sql = (
            "SELECT b.anchor, b.doc_id, b.kind, b.line, b.chapter, b.section, b.text, b.caption,"
            f" {snippet_sql},"
            f" bm25(blocks_fts, {BM25_WEIGHTS[0]}, {BM25_WEIGHTS[1]}) AS raw_score"
            " FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid"
            " WHERE blocks_fts MATCH ?"
            + (" AND b.doc_id = ?" if doc_id is not None else "")
            + " ORDER BY raw_score LIMIT ?"
        )
        cap = self.any_max_df
        for tier in build_tiers(query):
            want = limit - len(hits)
            if want <= 0:
                break
            if tier.match == "any":  # built again here: only a search that gets this far asks the index about words
                keep = (lambda w: not self._more_common_than(w, cap)) if cap is not None else (lambda _: True)
                pruned = any_tier(query, keep, lambda w: not self._more_common_than(w, 0))
                if pruned is None:
                    break
                tier = pruned
            args: list[Any] = [tier.expression]
            if doc_id is not None:
                args.append(doc_id)
            han_phrase = tier.match == "phrase" and has_han(query)
            args.append(want + len(seen) + (PHRASE_POOL if han_phrase else 0))
            rows = list(self.conn.execute(sql, args))
            if han_phrase:
                rows = phrase_frequency_order(rows, query, text_of=lambda r: f"{r[7] or ''} {r[6]}")
            for anchor, d, kind, line, chapter, section, text, caption, raw_snippet, raw_score in rows:
                if anchor in seen or len(hits) >= limit:
                    continue
                seen.add(anchor)
                snippet, highlights = (
                    parse_snippet(_shown_snippet(raw_snippet or "", text, caption)) if snippets else ("", ())
                )
                hits.append(
                    SearchHit(
                        anchor=anchor,
                        doc_id=d,
                        kind=kind,
                        line=line,
                        snippet=snippet,
                        highlights=highlights,
                        score=round(-float(raw_score), 4),
                        match=tier.match,
                        chapter=chapter,
                        section=section,
                    )
                )
        return hits

    def _more_common_than(self, word: str, cap: int) -> bool:
        """Whether more than `cap` blocks hold `word`; reads at most cap+1 rowids and scores none."""
        sql = "SELECT count(*) FROM (SELECT 1 FROM blocks_fts WHERE blocks_fts MATCH ? LIMIT ?)"
        return int(self.conn.execute(sql, (fts_string(word), cap + 1)).fetchone()[0]) > cap

    @_sqlite_errors
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
                where.append(f"{column} = ?")
                args.append(value)
        if period is not None:
            # "2022" selects "2022", "2022-01" and "2022-01-31", but not the span "2022-2025"
            where.append("(period = ? OR period GLOB ? OR period GLOB ?)")
            args += [period, f"{_glob_escape(period)}-[0-9][0-9]", f"{_glob_escape(period)}-[0-9][0-9]-[0-9][0-9]"]
        if text is not None:
            where.append("(instr(lower(text), ?) > 0 OR instr(lower(subject), ?) > 0)")
            args += [text.lower(), text.lower()]
        sql = "SELECT data FROM facts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows: Iterable[Any] = self.conn.execute(sql + " ORDER BY doc_id, start, id", args)
        return [Fact.model_validate_json(r[0]) for r in rows]

    @_sqlite_errors
    def table_records(self, table_anchor: str | None = None, *, doc_id: str | None = None) -> list[TableRecord]:
        sql = (
            "SELECT table_anchor, row, col, row_label, col_label, raw, value, printed_value, unit, scale,"
            " period, confidence, per, approx FROM table_records"
        )
        if table_anchor is not None:
            rows = self.conn.execute(sql + " WHERE table_anchor = ? ORDER BY row, col", (table_anchor,))
        elif doc_id is not None:
            rows = self.conn.execute(sql + " WHERE doc_id = ? ORDER BY id", (doc_id,))
        else:
            rows = self.conn.execute(sql + " ORDER BY doc_id, id")
        return [
            TableRecord(
                table_anchor=r[0],
                row=r[1],
                col=r[2],
                row_label=r[3],
                col_label=r[4],
                raw=r[5],
                value=r[6],
                printed_value=r[7],
                unit=r[8],
                scale=r[9],
                period=r[10],
                confidence=r[11],
                per=r[12],
                approx=r[13],
            )
            for r in rows
        ]


def _shown_snippet(raw: str, text: str, caption: str | None) -> str:
    """The snippet in the block's own characters (the index holds a folded, spaced form of Han text)."""
    markers = (HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE)
    for column in (text, caption or ""):
        shown = fts_text.original_snippet(raw, column, markers)
        if shown is not None:
            return shown
    return fts_text.squeeze(raw)


def _glob_escape(text: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[]" else ch for ch in text)


def _block_row(doc_id: str, b: Block) -> tuple[Any, ...]:
    return (
        doc_id,
        b.anchor,
        str(b.kind),
        b.chapter,
        b.section,
        b.label,
        b.ordinal,
        b.line,
        b.spans[0].start if b.spans else 0,
        b.spans[-1].end if b.spans else 0,
        codec.spans_to_json(b.spans),
        b.text,
        b.table.caption if b.table is not None else None,
        codec.table_to_json(b.table) if b.table is not None else None,
        codec.refs_to_json(b.footnote_refs),
    )


def _block_from_row(row: Sequence[Any]) -> Block:
    anchor, kind, chapter, section, label, ordinal, line, spans, text, table_json, refs = row
    return Block(
        kind=BlockKind(kind),
        anchor=anchor,
        spans=codec.spans_from_json(spans),
        text=text,
        line=line,
        chapter=chapter,
        section=section,
        ordinal=ordinal,
        label=label,
        table=codec.table_from_json(table_json) if table_json else None,
        footnote_refs=codec.refs_from_json(refs),
    )
