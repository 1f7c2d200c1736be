"""Other figures the knowledge base records for the same indicator, entity and period as an answer.

A question such as "What was the IC domestic production rate in 2020?" has several honest answers from
different publishers; retrieval may surface only one of them. When the answer's own figure is a curated
observation, its siblings (same indicator, entity, period, unit and breakdown, another value) are added
to the card, each quoted from the passage its citation points at. A sibling whose passage is not stored,
or does not print the cited figure, is left out: no number appears without the passage that prints it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sinoscope.documents.model import Block, BlockKind
from sinoscope.errors import NotFoundError
from sinoscope.extraction.model import Kind
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.knowledge.measures import Observation
from sinoscope.knowledge.quotes import contains_quote
from sinoscope.store.base import Store

SAME_VALUE = 0.005
_SENTENCE = re.compile(r"(?<=[.!?。])[\"”’)]?\s+")


@dataclass(frozen=True)
class CuratedFigure:
    observation: Observation
    anchor: str
    printed: str
    line: int
    quote: str
    source: str
    """"table" or "fact" (prose), as for retrieved figures."""


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_VALUE * max(abs(a), abs(b), 1e-12)


def _anchors(o: Observation) -> list[str]:
    return [c.anchor for c in o.sources if c.anchor]


def source_observation(kb: KnowledgeBase, anchor: str, value: float, unit: str) -> Observation | None:
    """The curated observation that is this figure: cited from this passage, with this value and unit."""
    for o in kb.observations():
        if o.unit == unit and _same(o.value, value) and anchor in _anchors(o) and o.kind not in (Kind.TARGET,):
            return o
    return None


def siblings(kb: KnowledgeBase, o: Observation) -> list[Observation]:
    """Observations of the same measure and period that state a different value."""
    out: list[Observation] = []
    for x in kb.observations(indicator=o.indicator, entity=o.entity, period=o.period):
        if x.id == o.id or x.unit != o.unit or x.per != o.per or x.dimension != o.dimension:
            continue
        if x.kind in (Kind.TARGET, Kind.FORECAST) or _same(x.value, o.value):
            continue
        if not any(_same(x.value, y.value) for y in out):
            out.append(x)
    return out


def _quote(block: Block, printed: str) -> str | None:
    if block.kind is BlockKind.TABLE and block.table is not None:
        for row in block.table.rows:
            line = " | ".join(c for c in row if c)
            if contains_quote(line, printed):
                return f"{block.table.caption} — {line}"
        return None
    for sentence in _SENTENCE.split(block.text):
        if contains_quote(sentence, printed):
            return sentence.strip()
    return None


def quoted(store: Store, observations: Iterable[Observation]) -> list[CuratedFigure]:
    out: list[CuratedFigure] = []
    for o in observations:
        for citation in o.sources:
            if citation.anchor is None or not citation.quote_value:
                continue
            try:
                block = store.get_block(citation.anchor)
            except NotFoundError:
                continue
            quote = _quote(block, citation.quote_value)
            if quote is None:
                continue
            source = "table" if block.kind is BlockKind.TABLE else "fact"
            out.append(CuratedFigure(o, citation.anchor, citation.quote_value, block.line, quote, source))
            break
    return out
