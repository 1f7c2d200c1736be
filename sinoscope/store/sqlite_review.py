"""Review state of learned entries, indicator merges and the audit trail, in SQLite (migration 0006).

Functions over an open connection in autocommit mode; each change and its audit record are written in one
transaction, so the trail never misses a change nor records one that did not happen.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sinoscope.errors import StoreError
from sinoscope.knowledge.learned import AuditRecord, EntryKind, LearnedEntry, ReviewState

_COLUMNS = "id, kind, state, doc_id, content_hash, anchor, span_start, span_end, quote, data, edited"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _row(r: tuple[Any, ...]) -> LearnedEntry:
    return LearnedEntry(
        id=r[0], kind=EntryKind(r[1]), state=ReviewState(r[2]), doc_id=r[3], content_hash=r[4], anchor=r[5],
        span_start=r[6], span_end=r[7], quote=r[8], data=json.loads(r[9]), edited=json.loads(r[10] or "{}"),
    )  # fmt: skip


def _guard(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_entries'").fetchone()
    if row is None:
        raise StoreError("this database has no review tables (schema older than migration 6)")


def has_review_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_entries'").fetchone()
    return row is not None


def register(conn: sqlite3.Connection, entries: Iterable[LearnedEntry]) -> int:
    """Store entries not stored yet (state proposed); known ones keep their state. Returns how many were new."""
    _guard(conn)
    stamp = now()
    rows = [
        (e.id, e.kind.value, e.state.value, e.doc_id, e.content_hash, e.anchor, e.span_start, e.span_end, e.quote,
         json.dumps(e.data, ensure_ascii=False), None, stamp, stamp)
        for e in entries
    ]  # fmt: skip
    before = conn.total_changes
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            f"INSERT OR IGNORE INTO review_entries ({_COLUMNS}, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return conn.total_changes - before


def entries(conn: sqlite3.Connection) -> dict[str, LearnedEntry]:
    if not has_review_tables(conn):
        return {}
    return {r[0]: _row(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM review_entries")}


def get(conn: sqlite3.Connection, entry_id: str) -> LearnedEntry | None:
    _guard(conn)
    r = conn.execute(f"SELECT {_COLUMNS} FROM review_entries WHERE id = ?", (entry_id,)).fetchone()
    return _row(r) if r else None


def merges(conn: sqlite3.Connection) -> dict[str, str]:
    if not has_review_tables(conn):
        return {}
    return dict(conn.execute("SELECT source_id, target_id FROM indicator_merges").fetchall())


def _audit(
    conn: sqlite3.Connection, actor: str, action: str, entry_id: str, reason: str, before: Any, after: Any
) -> None:
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, entry_id, reason, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (now(), actor, action, entry_id, reason, json.dumps(before, ensure_ascii=False),
         json.dumps(after, ensure_ascii=False)),
    )  # fmt: skip


def update(
    conn: sqlite3.Connection,
    entry: LearnedEntry,
    *,
    state: ReviewState,
    edited: dict[str, Any],
    actor: str,
    action: str,
    reason: str,
) -> None:
    """Set an entry's state and edits, and record the change (before/after) in the audit trail."""
    _guard(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "UPDATE review_entries SET state = ?, edited = ?, updated_at = ? WHERE id = ?",
            (state.value, json.dumps(edited, ensure_ascii=False) if edited else None, now(), entry.id),
        )
        before = {"state": entry.state.value, **entry.fields}
        after = {"state": state.value, **entry.data, **edited}
        _audit(conn, actor, action, entry.id, reason, before, after)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def merge(conn: sqlite3.Connection, source: LearnedEntry, target_id: str, actor: str, reason: str) -> None:
    """Merge indicator `source` into `target_id`: recorded as a merge, the source marked accepted-as-merged."""
    _guard(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT OR REPLACE INTO indicator_merges (source_id, target_id, merged_at) VALUES (?, ?, ?)",
            (source.id, target_id, now()),
        )
        conn.execute("UPDATE indicator_merges SET target_id = ? WHERE target_id = ?", (target_id, source.id))
        _audit(conn, actor, "merge", source.id, reason, {"indicator": source.id}, {"indicator": target_id})
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def audit_log(conn: sqlite3.Connection, entry_id: str | None = None) -> list[AuditRecord]:
    _guard(conn)
    sql = "SELECT seq, at, actor, action, entry_id, reason, before, after FROM audit_log"
    args: tuple[str, ...] = ()
    if entry_id is not None:
        sql += " WHERE entry_id = ?"
        args = (entry_id,)
    return [
        AuditRecord(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]) if r[6] else None,
                    json.loads(r[7]) if r[7] else None)
        for r in conn.execute(sql + " ORDER BY seq", args)
    ]  # fmt: skip
