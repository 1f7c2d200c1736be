"""The learned layer: targets, actual values and indicators extracted from documents, awaiting review.

Everything extracted automatically enters as *proposed*, with its evidence (the anchor of its passage and
the exact span); an analyst accepts, edits or rejects it, and may merge two indicators. The curated YAML is
the accepted layer that ships with the package; learned entries sit beside it and never overwrite it.

An entry's id is derived from the content hash of its document and the position and value of its figure,
so the same document ingested again (or under another file name) yields the same ids and keeps its review
state, while an edited document yields new entries.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

EDITABLE = frozenset(
    {"indicator", "indicator_phrase", "name", "value", "value_max", "unit", "comparator", "year", "baseline",
     "entity", "plan"}
)  # fmt: skip
"""Fields an analyst may correct."""
COMPARATORS = frozenset({"=", ">", ">=", "<", "<=", "~"})


class ReviewState(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class EntryKind(StrEnum):
    TARGET = "target"
    ACTUAL = "actual"
    INDICATOR = "indicator"


@dataclass(frozen=True)
class LearnedEntry:
    """One extracted entry with its review state; `fields` is what it says after the analyst's edits."""

    id: str
    kind: EntryKind
    data: dict[str, Any]
    """As extracted."""
    state: ReviewState = ReviewState.PROPOSED
    edited: dict[str, Any] = field(default_factory=dict)
    doc_id: str | None = None
    content_hash: str | None = None
    anchor: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    quote: str | None = None

    @property
    def fields(self) -> dict[str, Any]:
        return {**self.data, **self.edited}

    def get(self, key: str) -> Any:
        return self.fields.get(key)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind.value, "state": self.state.value, **self.fields,
            "extracted": self.data, "edited": self.edited, "doc_id": self.doc_id, "anchor": self.anchor,
            "span": [self.span_start, self.span_end] if self.span_start is not None else None, "quote": self.quote,
        }  # fmt: skip


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: str
    actor: str
    action: str
    entry_id: str
    reason: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "at": self.at, "actor": self.actor, "action": self.action, "entry_id": self.entry_id,
            "reason": self.reason, "before": self.before, "after": self.after,
        }  # fmt: skip


def entry_id(kind: EntryKind, content_hash: str, start: int, value: float) -> str:
    """Stable across re-ingestion of the same content, whatever the file is called."""
    key = json.dumps([kind.value, content_hash, start, value])
    prefix = "t" if kind is EntryKind.TARGET else "a"
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def check_edit(kind: EntryKind, changes: dict[str, Any]) -> str | None:
    """Why an edit cannot be applied, or None."""
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        return f"cannot edit {', '.join(unknown)} (editable: {', '.join(sorted(EDITABLE))})"
    if "comparator" in changes and changes["comparator"] not in COMPARATORS:
        return f"comparator must be one of {' '.join(sorted(COMPARATORS))}"
    for key in ("value", "value_max", "baseline"):
        if key in changes and changes[key] is not None and not isinstance(changes[key], int | float):
            return f"{key} must be a number"
    if "year" in changes and changes["year"] is not None and not isinstance(changes["year"], int):
        return "year must be a whole number"
    if kind is EntryKind.INDICATOR and set(changes) - {"name", "unit"}:
        return "an indicator's name and unit can be edited (merge it to join another indicator)"
    return None
