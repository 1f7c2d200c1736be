"""What the reader shows of a document: its table of contents and every passage, marked up.

Facts are highlighted (with value, unit, period and kind on hover), entity mentions link to their
knowledge-base page, and footnote markers link to their footnotes. Each passage's element id is the
part of its anchor after "#", so "/documents/000#4.1¶3" scrolls to passage "000#4.1¶3".

Marks arrive as document offsets (where extraction and linking found them); a block's text is its
spans joined by single spaces, so offsets are mapped back into the text and a mark whose text does not
line up is dropped rather than shown in the wrong place. The template escapes every run: marking
never builds HTML from document text.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sinoscope.app.documents import PassageDetail, passage
from sinoscope.documents.model import Block, BlockKind, Chapter, Table
from sinoscope.extraction.display import human_quantity
from sinoscope.extraction.model import Fact, TableRecord
from sinoscope.knowledge import KnowledgeBase, Named, Observation, Target, display_name, type_name
from sinoscope.knowledge.linking import Link, LinkKind, LinkMethod
from sinoscope.store.base import DocumentInfo, SearchHit, Store

__all__ = [
    "CitedEntry",
    "Mark",
    "Passage",
    "PassageView",
    "Reading",
    "Run",
    "TocEntry",
    "cited_entries",
    "fact_title",
    "human_quantity",
    "num",
    "passage_view",
    "passages",
    "plain_numbers",
    "qty",
    "reading",
    "runs",
    "snippet_runs",
    "text_index",
    "toc",
]


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


@dataclass(frozen=True)
class CitedEntry:
    """A knowledge-base entry that cites a passage or is named in it."""

    kind: str
    """"indicator" (an observation or target, shown as its indicator's figure) or "entity"."""
    id: str
    """The indicator's id for a figure, else the entity's."""
    name: str
    how: str


def cited_entries(kb: KnowledgeBase, links: Sequence[Link]) -> list[CitedEntry]:
    """What the knowledge base says about a passage: entries citing it (figures read as text) or named in it."""
    out: list[CitedEntry] = []
    seen: set[str] = set()
    for lk in links:
        entry = kb.find(lk.entity)
        if entry is None or lk.entity in seen:
            continue
        seen.add(lk.entity)
        how = "cites this passage" if lk.method is LinkMethod.CITATION else "named here"
        if isinstance(entry, Observation | Target):
            indicator = kb.find(entry.indicator)
            what = display_name(indicator) if indicator is not None else entry.indicator
            value = "" if entry.value is None else human_quantity(float(entry.value), entry.unit)
            when = entry.period if isinstance(entry, Observation) else f"target for {entry.year}"
            out.append(CitedEntry("indicator", entry.indicator, f"{what}: {value} ({when})", how))
        else:
            out.append(CitedEntry("entity", entry.id, display_name(entry), how))
    return out


@dataclass(frozen=True)
class Reading:
    info: DocumentInfo
    toc: list[TocEntry]
    passages: list[Passage]


def reading(store: Store, kb: KnowledgeBase | None, doc_id: str) -> Reading:
    """The reader page of one document; entity marks and citations only when a knowledge base is loaded."""
    info = store.get_document(doc_id)
    chapters = store.outline(doc_id)
    links = store.links(doc_id=doc_id) if kb is not None else []
    return Reading(info, toc(chapters), passages(store.blocks(doc_id), chapters, store.facts(doc_id), links, kb))


@dataclass(frozen=True)
class PassageView:
    detail: PassageDetail
    item: Passage
    """The block marked up as the reader shows it."""
    entities: list[CitedEntry]
    records: list[TableRecord]
    """A table's cells in tidy form; empty for any other block."""


def passage_view(store: Store, kb: KnowledgeBase | None, anchor: str) -> PassageView:
    """One passage on its own page: marked up as in the reader, with what cites it and a table's records."""
    found = passage(store, anchor)
    anchor = found.block.anchor
    links = found.links if kb is not None else []
    detail = PassageDetail(found.block, found.heading, found.facts, links)
    chapters = store.outline(found.block.anchor.partition("#")[0])
    item = passages([found.block], chapters, found.facts, links, kb)[0]
    entities = cited_entries(kb, links) if kb is not None else []
    records = store.table_records(anchor) if found.block.table is not None else []
    return PassageView(detail, item, entities, records)


# -- figures and snippets as people read them (the pages' template filters) ---------------------------------


def num(value: Any) -> str:
    """Figures as people read them: 98720000000 → "98,720,000,000", 25.60 → "25.6", None → "–"."""
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    v = float(value)
    if math.isnan(v) or math.isinf(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e18:
        return f"{int(v):,}"
    text = f"{v:,.4f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{v:.3g}"


def qty(
    value: Any, unit: str | None = None, *, value_max: Any = None, comparator: str | None = None, per: str | None = None
) -> str:
    """A figure with its unit as people read it ("RMB 98.72 bn", "at least 70%"): see extraction.display."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return num(value)
    high = value_max if isinstance(value_max, (int, float)) and not isinstance(value_max, bool) else None

    def text(x: Any) -> str | None:  # absent keys arrive as Undefined: they mean "none"
        return x if isinstance(x, str) else None

    return human_quantity(float(value), text(unit), value_max=high, comparator=text(comparator), per=text(per))


_MACHINE_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?e[+-]?\d+(?![\w.])|(?<![\w.])-?\d+\.\d{7,}(?![\w.])", re.I)


def plain_numbers(text: Any) -> str:
    """Sentences composed by the analyses (notes, findings) may print figures as `1.663e+07` or with a
    float's full tail; on a page each such figure reads as `num` shows it ("16,630,000"). The JSON keeps
    the sentence as the analysis wrote it."""
    if not isinstance(text, str):
        return "" if text is None else str(text)
    return _MACHINE_NUMBER.sub(lambda m: num(float(m.group(0))), text)


def snippet_runs(hit: SearchHit) -> list[tuple[str, bool]]:
    """A search snippet cut at its highlighted ranges: (text, highlighted) pairs, escaped by the template."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(hit.highlights):
        if start < pos or end > len(hit.snippet):
            continue
        if start > pos:
            out.append((hit.snippet[pos:start], False))
        out.append((hit.snippet[start:end], True))
        pos = end
    if pos < len(hit.snippet):
        out.append((hit.snippet[pos:], False))
    return out
