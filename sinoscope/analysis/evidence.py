"""Citations of knowledge-base entries as plain anchor strings, the currency every analysis result uses."""

from __future__ import annotations

from collections.abc import Iterable

from sinoscope.knowledge.base import Citation


def cited(citations: Iterable[Citation]) -> tuple[str, ...]:
    """Anchors (or outside source names) in first-seen order, without repeats."""
    out: dict[str, None] = {}
    for c in citations:
        key = c.anchor or c.source
        if key:
            out.setdefault(key, None)
    return tuple(out)
