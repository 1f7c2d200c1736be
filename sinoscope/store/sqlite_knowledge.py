"""The knowledge-base half of `SqliteStore`: curated entries, their aliases and citations, and links.

Kept apart from `sqlite.py` so document storage and knowledge storage can change independently. The
whole knowledge base is replaced in one transaction (it is small and curated); entries are stored as
JSON so that `knowledge()` rebuilds exactly the models that were saved.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Concatenate, ParamSpec, TypeVar

from sinoscope.errors import NotFoundError, StoreError
from sinoscope.knowledge import TOP_TYPES, KnowledgeBase
from sinoscope.knowledge.base import Entry
from sinoscope.knowledge.linking import Link, LinkKind, LinkMethod, normalize
from sinoscope.store.base import EntityRef
from sinoscope.store.derived import DROP_ALL_LINK_KEYS, LINK_COUNT_KEY
from sinoscope.store.rows import alias_rows, citation_rows, entity_rows, link_row

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="KnowledgeTables")

_DIGEST_KEY = "digest"
LINKS_VERSION_KEY = "links:"
"""kb_state keys "links:<doc_id>" hold the version each document's links were derived from."""
_LINK_COLUMNS = 'entity_id, kind, anchor, method, surface, start, "end", row, col, score'


def _errors(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as err:
            raise StoreError(f"{self.location}: {err}") from err

    return functools.update_wrapper(wrapper, method)


class KnowledgeTables:
    """Mixin: needs `conn`, `location` and `_transaction()` from the store it is mixed into."""

    @property
    def location(self) -> str:
        raise NotImplementedError

    @property
    def conn(self) -> sqlite3.Connection:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    @_errors
    def knowledge_digest(self) -> str | None:
        row = self.conn.execute("SELECT value FROM kb_state WHERE key = ?", (_DIGEST_KEY,)).fetchone()
        return None if row is None else str(row[0])

    @_errors
    def save_knowledge(self, kb: KnowledgeBase) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM kb_entities")  # cascades to aliases, citations and links
            conn.execute(DROP_ALL_LINK_KEYS)
            conn.executemany(
                "INSERT INTO kb_entities(id, type, name, parent, top, ordinal, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                entity_rows(kb),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO kb_aliases(alias, entity_id) VALUES (?, ?)",
                alias_rows(kb),
            )
            conn.executemany(
                "INSERT INTO kb_citations(entity_id, ordinal, anchor, doc_id, quote_value, source)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                citation_rows(kb),
            )
            conn.execute(
                "INSERT INTO kb_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (_DIGEST_KEY, kb.digest),
            )

    @_errors
    def knowledge(self) -> KnowledgeBase:
        digest = self.knowledge_digest()
        if digest is None:
            raise NotFoundError(f"{self.location}: no knowledge base loaded (run `sinoscope kb load`)")
        entries: list[Entry] = []
        for etype, data in self.conn.execute("SELECT type, data FROM kb_entities WHERE top = 1 ORDER BY ordinal"):
            cls = TOP_TYPES.get(etype)
            if cls is None:
                raise StoreError(f"{self.location}: unknown knowledge entry type {etype!r}")
            entries.append(cls.model_validate_json(data))
        return KnowledgeBase(tuple(entries), digest)

    @_errors
    def find_entities(self, name: str, *, limit: int = 10) -> list[EntityRef]:
        """By id, then by exact name or alias, then by names containing all the words, shortest first."""
        sql = "SELECT e.id, e.type, e.name, e.parent FROM kb_entities e"
        row = self.conn.execute(sql + " WHERE e.id = ?", (name.strip(),)).fetchone()
        if row is not None:
            return [EntityRef(*row)]
        key = normalize(name)
        if not key:
            return []
        rows = self.conn.execute(
            sql + " JOIN kb_aliases a ON a.entity_id = e.id WHERE a.alias = ? GROUP BY e.id ORDER BY e.ordinal",
            (key,),
        ).fetchall()
        if not rows:
            like = "%" + "%".join(key.split()) + "%"
            rows = self.conn.execute(
                sql + " JOIN kb_aliases a ON a.entity_id = e.id WHERE a.alias LIKE ?"
                " GROUP BY e.id ORDER BY min(length(a.alias)), e.ordinal LIMIT ?",
                (like, limit),
            ).fetchall()
        return [EntityRef(*r) for r in rows[:limit]]

    @_errors
    def save_links(self, doc_id: str, links: Sequence[Link], *, version: str | None = None) -> None:
        known = {r[0] for r in self.conn.execute("SELECT id FROM kb_entities")}
        with self._transaction() as conn:
            conn.execute("DELETE FROM kb_links WHERE doc_id = ?", (doc_id,))
            conn.executemany(
                f"INSERT INTO kb_links(doc_id, {_LINK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows := [link_row(doc_id, lk) for lk in links if lk.entity in known],
            )
            if version is not None:  # the count beside the version: links lost later are found (doctor)
                conn.executemany(
                    "INSERT INTO kb_state(key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [(LINKS_VERSION_KEY + doc_id, version), (LINK_COUNT_KEY + doc_id, str(len(rows)))],
                )

    @_errors
    def links_versions(self) -> dict[str, str]:
        rows = self.conn.execute(
            "SELECT key, value FROM kb_state WHERE substr(key, 1, ?) = ?", (len(LINKS_VERSION_KEY), LINKS_VERSION_KEY)
        ).fetchall()
        return {str(k)[len(LINKS_VERSION_KEY) :]: str(v) for k, v in rows}

    @_errors
    def links(self, *, entity: str | None = None, anchor: str | None = None, doc_id: str | None = None) -> list[Link]:
        where: list[str] = []
        args: list[Any] = []
        for column, value in (("entity_id", entity), ("anchor", anchor), ("doc_id", doc_id)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        sql = f"SELECT {_LINK_COLUMNS} FROM kb_links"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY doc_id, anchor, id"
        return list(_links(self.conn.execute(sql, args)))


def _links(rows: Iterator[Any]) -> Iterator[Link]:
    for entity, kind, anchor, method, surface, start, end, row, col, score in rows:
        yield Link(entity, LinkKind(kind), anchor, LinkMethod(method), surface, start, end, row, col, score)
