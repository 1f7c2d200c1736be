"""Results as JSON-ready values: one conversion for every interface, so the CLI and the API print the same."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from enum import Enum
from typing import Any


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
    writer = csv.writer(out)
    writer.writerow(columns)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict):
        named = value.get("name") or value.get("id") or value.get("anchor")
        return named if isinstance(named, str) else json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "; ".join(str(v) for v in value)
        if all(isinstance(v, dict) and isinstance(v.get("anchor") or v.get("name") or v.get("id"), str) for v in value):
            return "; ".join(_cell(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    return value
