"""Lossless conversion between document-model values and the JSON columns that hold them.

Kept apart from the SQL so any backend (SQLite now, PostgreSQL JSONB later) stores the same shapes.
"""

from __future__ import annotations

import json
from typing import Any

from sinoscope.documents.model import FootnoteRef, Span, Table


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
