"""Lossless conversion between document-model values and the JSON columns that hold them.

Kept apart from the SQL so any backend (SQLite now, PostgreSQL JSONB later) stores the same shapes.
"""

from __future__ import annotations

import json
from typing import Any

from sinoscope.documents.model import FootnoteRef, Span, Table
from sinoscope.extraction.model import Fact, TableRecord
from sinoscope.knowledge.linking import Link


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def spans_to_json(spans: tuple[Span, ...]) -> str:
    # hot path (one call per block): integers need no escaping, so skip the json module
    return "[" + ",".join(f"[{s.start},{s.end}]" for s in spans) + "]"


def spans_from_json(data: str) -> tuple[Span, ...]:
    return tuple(Span(int(s), int(e)) for s, e in json.loads(data))


def table_to_json(table: Table) -> str:
    return _dumps(
        {
            "label": table.label,
            "caption": table.caption,
            "caption_span": ([table.caption_span.start, table.caption_span.end] if table.caption_span else None),
            "caption_position": table.caption_position,
            "rows": [list(r) for r in table.rows],
            "row_spans": [[s.start, s.end] for s in table.row_spans],
            "notes": list(table.notes),
        }
    )


def table_from_json(data: str) -> Table:
    d = json.loads(data)
    cs = d.get("caption_span")
    return Table(
        label=d["label"],
        caption=d["caption"],
        caption_span=Span(int(cs[0]), int(cs[1])) if cs else None,
        caption_position=d["caption_position"],
        rows=tuple(tuple(str(c) for c in r) for r in d["rows"]),
        row_spans=tuple(Span(int(s), int(e)) for s, e in d["row_spans"]),
        notes=tuple(d.get("notes", ())),
    )


def refs_to_json(refs: tuple[FootnoteRef, ...]) -> str:
    if not refs:
        return "[]"
    return _dumps([{"marker": r.marker, "offset": r.offset, "target": r.target} for r in refs])


def refs_from_json(data: str) -> tuple[FootnoteRef, ...]:
    return tuple(FootnoteRef(str(r["marker"]), int(r["offset"]), str(r["target"])) for r in json.loads(data))


def dict_to_json(d: dict[str, str]) -> str:
    return _dumps(d)


def dict_from_json(data: str) -> dict[str, str]:
    raw = json.loads(data)
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


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
