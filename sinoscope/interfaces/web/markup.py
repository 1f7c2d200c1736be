"""A passage's text cut into plain runs and marked runs (facts, entity mentions, footnote markers).

Marks arrive as document offsets (where extraction and linking found them); a block's text is its
spans joined by single spaces, so offsets are mapped back into the text and a mark whose text does not
line up is dropped rather than shown in the wrong place. The template escapes every run: marking
never builds HTML from document text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sinoscope.documents.model import Block


@dataclass(frozen=True)
class Mark:
    start: int
    """Document offsets."""
    end: int
    kind: str
    """"fact", "entity" or "fnref"."""
    expect: str | None = None
    """The text the mark must cover (compared without case and spacing), or None to accept any."""
    data: dict[str, Any] = field(default_factory=dict)
    priority: int = 0
    """When marks overlap, the higher priority wins (then the earlier, then the longer)."""


@dataclass(frozen=True)
class Run:
    text: str
    kind: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


def text_index(block: Block, offset: int) -> int | None:
    """Index into `block.text` of a document offset (the inverse of `Block.source_offset`)."""
    pos = 0
    for span in block.spans:
        if span.start <= offset <= span.end:
            return pos + (offset - span.start)
        pos += span.end - span.start + 1
    return None


def _same(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


def runs(block: Block, marks: Iterable[Mark]) -> list[Run]:
    """The block's text as runs, marked where a mark lands cleanly; unmarked text is kept whole."""
    text = block.text
    placed: list[tuple[int, int, Mark]] = []
    for m in marks:
        a, b = text_index(block, m.start), text_index(block, m.end)
        if a is None or b is None or not 0 <= a < b <= len(text):
            continue
        if m.expect is not None and not _same(text[a:b], m.expect):
            continue
        placed.append((a, b, m))
    placed.sort(key=lambda t: (-t[2].priority, t[0], -(t[1] - t[0])))
    chosen: list[tuple[int, int, Mark]] = []
    for a, b, m in placed:
        if all(b <= c or a >= d for c, d, _ in chosen):
            chosen.append((a, b, m))
    chosen.sort(key=lambda t: t[0])
    out: list[Run] = []
    pos = 0
    for a, b, m in chosen:
        if a > pos:
            out.append(Run(text[pos:a]))
        out.append(Run(text[a:b], m.kind, m.data))
        pos = b
    if pos < len(text) or not out:
        out.append(Run(text[pos:]))
    return out
