"""Rows as both backends store them: one builder per table, so SQLite and PostgreSQL write the same columns
from the same objects and differ only in their SQL dialect."""

from __future__ import annotations

from typing import Any

from sinoscope.extraction.model import Fact, TableRecord
from sinoscope.knowledge import KnowledgeBase, Named, display_name, type_name
from sinoscope.knowledge.kb import own_citations
from sinoscope.knowledge.linking import Link, normalize


def fact_row(doc_id: str, f: Fact) -> tuple[Any, ...]:
    """A fact as the `facts` table stores it (both backends): the columns queries filter on, then the whole
    fact as JSON."""
    return (doc_id, f.section, f.start, f.end, f.text, f.value, f.value_max, f.unit, f.period, str(f.kind),
            f.subject, f.line, f.model_dump_json())  # fmt: skip


def table_record_row(doc_id: str, r: TableRecord) -> tuple[Any, ...]:
    """A table cell as the `table_records` table stores it (both backends)."""
    return (doc_id, r.table_anchor, r.row, r.col, r.row_label, r.col_label, r.raw, r.value, r.printed_value,
            r.unit, r.scale, r.period, r.confidence, r.per, r.approx)  # fmt: skip


def link_row(doc_id: str, lk: Link) -> tuple[Any, ...]:
    """An entity link as the `kb_links` table stores it (both backends)."""
    return (doc_id, lk.entity, str(lk.kind), lk.anchor, str(lk.method), lk.surface, lk.start, lk.end, lk.row,
            lk.col, lk.score)  # fmt: skip


def entity_rows(kb: KnowledgeBase) -> list[tuple[Any, ...]]:
    """`kb_entities`: id, type, name, parent, whether top-level, ordinal and the entry as JSON."""
    tops = {e.id for e in kb.entries}
    rows = []
    for i, entry in enumerate(kb.all()):
        owner = kb.parent_of(entry.id)
        rows.append((entry.id, type_name(entry), display_name(entry), owner.id if owner else None,
                     int(entry.id in tops), i, entry.model_dump_json(exclude_defaults=True)))  # fmt: skip
    return rows


def alias_rows(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """`kb_aliases`: every name of every named entry, normalised as lookups normalise a query."""
    return [(normalize(n), e.id) for e in kb.all() if isinstance(e, Named) for n in e.names if normalize(n)]


def citation_rows(kb: KnowledgeBase) -> list[tuple[Any, ...]]:
    """`kb_citations`: each entry's own citations, in order."""
    return [
        (e.id, i, c.anchor, c.doc_id, c.quote_value, c.source) for e in kb.all() for i, c in enumerate(own_citations(e))
    ]
