"""Verify citations against the passages they point to: does the passage exist, and print the figure?

Pure functions over a passage lookup, so the store, a test fake or a freshly built document can all
serve as the source of passages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from sinoscope.documents.model import Block
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.knowledge.quotes import contains_quote

PassageLookup = Callable[[str], "str | None"]
"""anchor → the passage's text, or None when the document holds no such anchor."""


class CitationStatus(StrEnum):
    OK = "ok"
    NO_SUCH_ANCHOR = "no-such-anchor"
    VALUE_NOT_FOUND = "value-not-found"
    NOT_INGESTED = "not-ingested"
    EXTERNAL = "external"


FAILURES = frozenset({CitationStatus.NO_SUCH_ANCHOR, CitationStatus.VALUE_NOT_FOUND})


@dataclass(frozen=True)
class CitationCheck:
    entry: str
    anchor: str | None
    quote: str | None
    status: CitationStatus
    source: str | None = None

    @property
    def failed(self) -> bool:
        return self.status in FAILURES


@dataclass(frozen=True)
class CheckReport:
    results: tuple[CitationCheck, ...]

    @property
    def failures(self) -> list[CitationCheck]:
        return [r for r in self.results if r.failed]

    @property
    def checked(self) -> int:
        return sum(1 for r in self.results if r.status in FAILURES or r.status is CitationStatus.OK)

    def counts(self) -> dict[str, int]:
        c = Counter(str(r.status) for r in self.results)
        return {str(s): c.get(str(s), 0) for s in CitationStatus}

    def missing_docs(self) -> list[str]:
        return sorted(
            {r.anchor.split("#", 1)[0] for r in self.results if r.status is CitationStatus.NOT_INGESTED and r.anchor}
        )

    @property
    def ok(self) -> bool:
        return self.checked > 0 and not self.failures


def passage_text(block: Block) -> str:
    """What a citation of `block` may quote: its text, plus a table's caption and notes."""
    if block.table is None:
        return block.text
    return "\n".join((block.table.caption, block.text, *block.table.notes))


def check_citations(kb: KnowledgeBase, passage: PassageLookup, ingested: Iterable[str]) -> CheckReport:
    docs = set(ingested)
    cache: dict[str, str | None] = {}
    out: list[CitationCheck] = []
    for entry, cite in kb.citations():
        if cite.anchor is None:
            out.append(CitationCheck(entry.id, None, cite.quote_value, CitationStatus.EXTERNAL, cite.source))
            continue
        if cite.doc_id not in docs:
            out.append(CitationCheck(entry.id, cite.anchor, cite.quote_value, CitationStatus.NOT_INGESTED))
            continue
        if cite.anchor not in cache:
            cache[cite.anchor] = passage(cite.anchor)
        text = cache[cite.anchor]
        if text is None:
            status = CitationStatus.NO_SUCH_ANCHOR
        elif cite.quote_value is not None and not contains_quote(text, cite.quote_value):
            status = CitationStatus.VALUE_NOT_FOUND
        else:
            status = CitationStatus.OK
        out.append(CitationCheck(entry.id, cite.anchor, cite.quote_value, status))
    return CheckReport(tuple(out))


def suggest_anchors(quote: str, blocks: Iterable[Block], limit: int = 5) -> list[str]:
    """Anchors of blocks that do print `quote`: where a broken citation probably meant to point."""
    found = [b.anchor for b in blocks if contains_quote(passage_text(b), quote)]
    return found[:limit]
