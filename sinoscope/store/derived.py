"""Bookkeeping of derived rows, the same SQL for both backends: what was written, what is there, what is orphaned.

A document is saved with its outline, blocks, facts and table cells in one transaction, and the counts of
what that transaction wrote are saved with it (`documents.derived_counts`); the link stage records the
number of links it saved beside their version (kb_state "link-count:<doc_id>"). Comparing those records
with the rows found later tells a document whose derived data was lost (a row deleted by hand, a bug, a
tool that bypassed the store) from one that simply has none. Rows whose document is gone (possible when
something wrote with foreign keys off, as the `sqlite3` shell does by default) are orphans.

The statements take no parameters (table names and key prefixes are constants), so one text runs on
SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

from sinoscope.documents.model import Document
from sinoscope.store import codec
from sinoscope.store.base import DerivedState, IngestExtras

DOCUMENT_TABLES = ("chapters", "sections", "blocks", "facts", "table_records")
"""Tables written with their document, in one transaction."""
LINKS_TABLE = "kb_links"
LINKS_VERSION_KEY = "links:"
"""kb_state keys "links:<doc_id>" hold the version each document's links were derived from."""
LINK_COUNT_KEY = "link-count:"
"""kb_state keys "link-count:<doc_id>" hold how many links the link stage saved for it."""


class Connection(Protocol):
    def execute(self, query: Any, /) -> Any: ...


def written_counts(doc: Document, extras: IngestExtras | None) -> dict[str, int]:
    """The rows `save_document` writes for `doc`, per table (recorded with it as `derived_counts`)."""
    return {
        "chapters": len(doc.chapters),
        "sections": sum(len(c.sections) for c in doc.chapters),
        "blocks": len(doc.blocks),
        "facts": len(extras.facts) if extras is not None else 0,
        "table_records": len(extras.table_records) if extras is not None else 0,
    }


def counts_json(doc: Document, extras: IngestExtras | None) -> str:
    return json.dumps(written_counts(doc, extras), separators=(",", ":"))


def link_keys(doc_id: str) -> tuple[str, str]:
    """The kb_state keys of one document's links: dropped whenever the document is rewritten or deleted, so
    links a crash left unwritten are never mistaken for current ones."""
    return LINKS_VERSION_KEY + doc_id, LINK_COUNT_KEY + doc_id


DROP_ALL_LINK_KEYS = (
    f"DELETE FROM kb_state WHERE substr(key, 1, {len(LINKS_VERSION_KEY)}) = '{LINKS_VERSION_KEY}'"
    f" OR substr(key, 1, {len(LINK_COUNT_KEY)}) = '{LINK_COUNT_KEY}'"
)
"""Run with every replacement of the knowledge base (which drops every link): until relinked, every
document reads as not linked, so a run killed before relinking is repaired by the next one."""


def _rows(conn: Connection, sql: str) -> list[Sequence[Any]]:
    return list(conn.execute(sql).fetchall())


def _keyed(conn: Connection, prefix: str) -> dict[str, str]:
    sql = f"SELECT key, value FROM kb_state WHERE substr(key, 1, {len(prefix)}) = '{prefix}'"
    return {str(k)[len(prefix) :]: str(v) for k, v in _rows(conn, sql)}


def derived_states(conn: Connection) -> list[DerivedState]:
    found: dict[str, dict[str, int]] = {}
    for table in (*DOCUMENT_TABLES, LINKS_TABLE):
        name = "links" if table == LINKS_TABLE else table
        for doc_id, n in _rows(conn, f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id"):
            found.setdefault(str(doc_id), {})[name] = int(n)
    link_counts = _keyed(conn, LINK_COUNT_KEY)
    link_versions = _keyed(conn, LINKS_VERSION_KEY)
    out: list[DerivedState] = []
    for doc_id, version, counts, chars in _rows(
        conn, "SELECT doc_id, derived_version, derived_counts, chars FROM documents ORDER BY doc_id"
    ):
        recorded = {k: int(v) for k, v in codec.dict_from_json(counts).items()}
        if doc_id in link_counts:
            recorded["links"] = int(link_counts[doc_id])
        here = found.get(doc_id, {})
        now = {name: here.get(name, 0) for name in (*DOCUMENT_TABLES, "links")}
        out.append(DerivedState(doc_id, version, recorded, now, int(chars), link_versions.get(doc_id)))
    return out


def _orphan_conditions() -> dict[str, str]:
    """Where-clauses selecting orphaned rows, by what they are."""
    alive = "(SELECT doc_id FROM documents)"
    out = {table: f"{table} WHERE doc_id NOT IN {alive}" for table in (*DOCUMENT_TABLES, LINKS_TABLE)}
    for label, prefix in (("links versions", LINKS_VERSION_KEY), ("link counts", LINK_COUNT_KEY)):
        n = len(prefix)
        out[label] = f"kb_state WHERE substr(key, 1, {n}) = '{prefix}' AND substr(key, {n + 1}) NOT IN {alive}"
    return out


def orphan_rows(conn: Connection) -> dict[str, int]:
    """Rows whose document is not stored, by table ("links versions"/"link counts": kb_state keys); only
    the tables that have some."""
    counts = {what: _rows(conn, f"SELECT count(*) FROM {where}")[0][0] for what, where in _orphan_conditions().items()}
    return {what: int(n) for what, n in counts.items() if n}


def delete_orphan_rows(conn: Connection) -> int:
    """Delete every orphaned row (inside the caller's transaction); how many went."""
    total = 0
    for where in _orphan_conditions().values():
        total += int(conn.execute(f"DELETE FROM {where}").rowcount)
    return total
