"""Results as JSON-ready values: one conversion for every interface, so the CLI and the API print the same."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import IO, Any


def plain(obj: Any) -> Any:
    """Dataclasses (with their `evidence`/`difference` properties), pydantic models and enums as JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        for name in ("evidence", "difference", "relative_difference"):
            if hasattr(type(obj), name):
                out[name] = plain(getattr(obj, name))
        return out
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    return obj


def listing_csv(rows: list[Any]) -> str | None:
    """A JSON listing (a list of records) as CSV, or None for anything else: one column per key, in the order
    keys first appear. A nested entity becomes its name (or id), a list of anchors or names one cell joined
    by "; ", anything else nested its JSON, so every listing of the API downloads as one flat table."""
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        return None
    columns = list(dict.fromkeys(k for r in rows for k in r))
    out = io.StringIO()
    write_csv(out, ({c: flat_cell(r.get(c)) for c in columns} for r in rows), columns)
    return out.getvalue()


def write_csv(out: IO[str], rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> int:
    """Rows as CSV under a header of `columns` (others ignored, null as an empty cell); return how many. The
    one CSV writer of every export: facts, table cells, listings, the data package."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})
        n += 1
    return n


def flat_cell(value: Any) -> Any:
    """One CSV cell for a JSON value: a nested entity as its name (or id, or anchor), a list of scalars or of
    named entities joined by "; ", anything else nested as JSON."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, dict):
        named = value.get("name") or value.get("id") or value.get("anchor")
        return named if isinstance(named, str) else json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "; ".join(str(v) for v in value)
        if all(isinstance(v, dict) and isinstance(v.get("anchor") or v.get("name") or v.get("id"), str) for v in value):
            return "; ".join(flat_cell(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    return value
