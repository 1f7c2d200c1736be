"""What the reader page shows for one document: its table of contents and every passage, marked up.

Facts are highlighted (with value, unit, period and kind on hover), entity mentions link to their
knowledge-base page, and footnote markers link to their footnotes. Each passage's element id is the
part of its anchor after "#", so "/documents/000#4.1¶3" scrolls to passage "000#4.1¶3".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sinoscope.documents.model import Block, BlockKind, Chapter, Table
from sinoscope.extraction.model import Fact
from sinoscope.interfaces.web.markup import Mark, Run, runs
from sinoscope.knowledge import KnowledgeBase, Named, display_name, type_name
from sinoscope.knowledge.linking import Link, LinkKind, LinkMethod


@dataclass(frozen=True)
class TocEntry:
    ref: str
    anchor: str
    label: str
    level: int


@dataclass(frozen=True)
class Passage:
    anchor: str
    ref: str
    kind: str
    tag: str
    """The HTML element: h2..h6 for headings, p, li, table, footnote, caption."""
    runs: list[Run]
    label: str | None = None
    table: Table | None = None
    facts: int = 0
    entities: list[tuple[str, str]] = field(default_factory=list)
    """(id, name) of named entries that cite the passage as a source."""
    cited_figures: int = 0
    """Curated observations and targets that cite the passage."""


def ref_of(anchor: str) -> str:
    return anchor.partition("#")[2]


def toc(chapters: Sequence[Chapter]) -> list[TocEntry]:
    out: list[TocEntry] = []
    for c in chapters:
        label = c.title if c.number == 0 else f"{c.number} {c.title}"
        out.append(TocEntry(ref_of(c.anchor), c.anchor, label, 0))
        for s in c.sections:
            out.append(TocEntry(ref_of(s.anchor), s.anchor, f"{s.number} {s.title}", max(1, s.level - 1)))
    return out


def heading_levels(chapters: Sequence[Chapter]) -> dict[str, int]:
    levels: dict[str, int] = {}
    for c in chapters:
        levels[c.anchor] = 0
        for s in c.sections:
            levels[s.anchor] = max(1, s.level - 1)
    return levels


def fact_title(f: Fact) -> str:
    parts = [f"{f.value:,.6g} {f.unit}" + (f" per {f.per}" if f.per else "")]
    if f.value_max is not None:
        parts[0] = f"{f.value:,.6g}–{f.value_max:,.6g} {f.unit}"
    if f.approx:
        parts.append(f.approx)
    if f.period:
        parts.append(f.period)
    parts.append(f.kind.value)
    if f.subject:
        parts.append(f.subject)
    return " · ".join(parts)


def _marks(block: Block, facts: Sequence[Fact], mentions: Sequence[Link], kb: KnowledgeBase | None) -> list[Mark]:
    marks: list[Mark] = []
    for f in facts:
        marks.append(Mark(f.start, f.end, "fact", f.text, {"title": fact_title(f), "kind": f.kind.value}, priority=2))
    for r in block.footnote_refs:
        marks.append(Mark(r.offset, r.offset + len(r.marker), "fnref", None, {"ref": ref_of(r.target)}, priority=3))
    for lk in mentions:
        if lk.start is None or lk.end is None:
            continue
        entry = kb.find(lk.entity) if kb is not None else None
        title = f"{display_name(entry)} ({type_name(entry)})" if entry is not None else lk.entity
        marks.append(Mark(lk.start, lk.end, "entity", lk.surface, {"id": lk.entity, "title": title}, priority=1))
    return marks


def passages(
    blocks: Sequence[Block],
    chapters: Sequence[Chapter],
    facts: Sequence[Fact],
    links: Sequence[Link],
    kb: KnowledgeBase | None,
) -> list[Passage]:
    levels = heading_levels(chapters)
    facts_at: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        facts_at[f.section].append(f)
    mentions_at: dict[str, list[Link]] = defaultdict(list)
    cited_at: dict[str, list[str]] = defaultdict(list)
    for lk in links:
        if lk.kind is not LinkKind.BLOCK:
            continue
        if lk.method is LinkMethod.ALIAS:
            mentions_at[lk.anchor].append(lk)
        elif lk.method is LinkMethod.CITATION and lk.entity not in cited_at[lk.anchor]:
            cited_at[lk.anchor].append(lk.entity)
    out: list[Passage] = []
    for b in blocks:
        entities: list[tuple[str, str]] = []
        figures = 0
        for eid in cited_at.get(b.anchor, []):
            entry = kb.find(eid) if kb is not None else None
            if isinstance(entry, Named):
                entities.append((eid, entry.name))
            elif entry is not None:
                figures += 1
        if b.kind is BlockKind.TABLE:
            out.append(
                Passage(b.anchor, ref_of(b.anchor), b.kind.value, "table", [], b.label, b.table, 0, entities, figures)
            )
            continue
        if b.kind is BlockKind.HEADING:
            tag = f"h{min(6, 2 + levels.get(b.anchor, 1))}"
        else:
            tag = {"list_item": "li", "footnote": "footnote", "caption": "caption"}.get(b.kind.value, "p")
        here = facts_at.get(b.anchor, [])
        marked = runs(b, _marks(b, here, mentions_at.get(b.anchor, []), kb))
        out.append(
            Passage(b.anchor, ref_of(b.anchor), b.kind.value, tag, marked, b.label, None, len(here), entities, figures)
        )
    return out
