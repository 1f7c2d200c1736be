"""Entity linking: which entities a passage mentions, and which curated figures a fact or cell is.

- An `AliasIndex` maps every name and alias ("Big Fund", "National IC Fund", "China Integrated Circuit
  Industry Investment Fund") to entity ids and finds mentions in text, longest name first. Acronyms
  ("SMIC", "NSFC") match only in capitals, so "smic" in a URL or "cas" in "cases" does not count.
- Extracted facts and table cells link to the curated entries whose cited figure they are: same
  passage, same printed number, and a consistent period or label.

All pure functions: the store saves what they return.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sinoscope.documents.model import Block
from sinoscope.extraction.model import Fact, TableRecord
from sinoscope.knowledge.base import Entry, Named
from sinoscope.knowledge.chains import Stage
from sinoscope.knowledge.funds import Fund, FundPhase, PortfolioSnapshot
from sinoscope.knowledge.kb import KnowledgeBase, type_name
from sinoscope.knowledge.measures import Observation, Target
from sinoscope.knowledge.quotes import is_numeric, parse_printed

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+")
"""A word is a run of letters and digits, except that each Han character is a word of its own: Chinese
text has no spaces, so a Chinese name (中芯国际) is matched as a sequence of characters inside a sentence."""
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
MAX_ALIAS_WORDS = 32
MIN_WORD_ALIAS = 4
"""A one-word alias shorter than this that is not an acronym would match too much ("Fund", "Plan")."""

NOT_MENTIONED: frozenset[str] = frozenset({"country"})
"""Types too common in the reports to be worth a link per passage ("China", "Japan")."""


class LinkKind(StrEnum):
    BLOCK = "block"
    FACT = "fact"
    TABLE_RECORD = "table_record"


class LinkMethod(StrEnum):
    ALIAS = "alias"
    """The passage names the entity."""
    CITATION = "citation"
    """A curated entry cites this passage as its source."""
    VALUE = "value"
    """The fact or cell is the figure a curated entry cites."""
    LABEL = "label"
    """A fact's subject names the indicator."""


@dataclass(frozen=True)
class Link:
    entity: str
    kind: LinkKind
    anchor: str
    """The block (or table) anchor the link lands on."""
    method: LinkMethod
    surface: str = ""
    start: int | None = None
    """Document offsets of the mention or fact, when there is one."""
    end: int | None = None
    row: int | None = None
    col: int | None = None
    score: float = 1.0

    @property
    def doc_id(self) -> str:
        return self.anchor.split("#", 1)[0]


@dataclass(frozen=True)
class Mention:
    entity: str
    start: int
    end: int
    surface: str


def normalize(text: str) -> str:
    """Lower-case words separated by single spaces; quotes and dashes unified."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return " ".join(w.lower() for w in _WORD.findall(text))


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    # isupper(), not "not islower()": Han characters have no case and are never an acronym.
    return bool(letters) and all(c.isupper() for c in letters) and len(alias.split()) == 1


class AliasIndex:
    """Names and aliases → entity ids, for exact resolution and for finding mentions in text."""

    def __init__(self, names: Iterable[tuple[str, str, Sequence[str]]]) -> None:
        """`names`: (entity id, type, [name, alias, ...])."""
        self._words: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self._acronyms: dict[str, set[str]] = defaultdict(set)
        self._types: dict[str, str] = {}
        self._longest = 1
        for entity, etype, aliases in names:
            self._types[entity] = etype
            for alias in aliases:
                self.add(entity, alias)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> AliasIndex:
        return cls((e.id, type_name(e), e.names) for e in kb.all() if isinstance(e, Named))

    def add(self, entity: str, alias: str) -> None:
        if _is_acronym(alias):
            self._acronyms[alias.strip()].add(entity)
            return
        words = tuple(normalize(alias).split())
        if not words or (len(words) == 1 and len(words[0]) < MIN_WORD_ALIAS):
            return
        self._words[words].add(entity)
        self._longest = min(MAX_ALIAS_WORDS, max(self._longest, len(words)))

    def entity_type(self, entity: str) -> str | None:
        return self._types.get(entity)

    def resolve(self, name: str) -> list[str]:
        """Entities whose name or alias is exactly `name` (case-insensitive, punctuation ignored)."""
        hits = set(self._acronyms.get(name.strip(), set()))
        words = tuple(normalize(name).split())
        hits |= self._words.get(words, set())
        if not hits:  # an acronym typed in lower case
            hits |= {e for a, ids in self._acronyms.items() if a.lower() == name.strip().lower() for e in ids}
        return sorted(hits)

    def search(self, text: str, limit: int = 10) -> list[str]:
        """Entities with a name containing all the words of `text`, shortest name first."""
        want = normalize(text).split()
        if not want:
            return []
        scored: dict[str, int] = {}
        for words, ids in self._words.items():
            if all(w in words for w in want):
                for e in ids:
                    scored[e] = min(scored.get(e, 1 << 30), len(words))
        return sorted(scored, key=lambda e: (scored[e], e))[:limit]

    def find(self, text: str, *, skip_types: frozenset[str] = NOT_MENTIONED) -> list[Mention]:
        """Mentions of known names in `text`, longest match first, no overlaps, in text order."""
        tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        lowered = [normalize(t[2]) for t in tokens]
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            hit = self._match_at(tokens, lowered, i, skip_types)
            if hit is None:
                i += 1
                continue
            n, ids = hit
            start, end = tokens[i][0], tokens[i + n - 1][1]
            out.extend(Mention(e, start, end, text[start:end]) for e in sorted(ids))
            i += n
        return out

    def _match_at(
        self, tokens: list[tuple[int, int, str]], lowered: list[str], i: int, skip: frozenset[str]
    ) -> tuple[int, set[str]] | None:
        for n in range(min(self._longest, len(tokens) - i), 0, -1):
            ids = self._words.get(tuple(lowered[i : i + n]))
            if ids:
                kept = {e for e in ids if self._types.get(e) not in skip}
                if kept:
                    return n, kept
        acr = self._acronyms.get(tokens[i][2])
        if acr:
            kept = {e for e in acr if self._types.get(e) not in skip}
            if kept:
                return 1, kept
        return None


# -- passages -------------------------------------------------------------------------------------


def link_block(index: AliasIndex, block: Block) -> list[Link]:
    """One link per entity the block mentions (at its first mention), scored by how often it appears."""
    found: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in index.find(block.text):
        found[m.entity].append((block.source_offset(m.start), block.source_offset(m.end), m.surface))
    if block.table is not None and block.table.caption and block.table.caption_span is not None:
        base = block.table.caption_span.start
        for m in index.find(block.table.caption):
            found[m.entity].append((base + m.start, base + m.end, m.surface))
    return [
        Link(
            entity,
            LinkKind.BLOCK,
            block.anchor,
            LinkMethod.ALIAS,
            spans[0][2],
            spans[0][0],
            spans[0][1],
            score=float(len(spans)),
        )
        for entity, spans in found.items()
    ]


def citation_links(kb: KnowledgeBase, anchors: set[str]) -> list[Link]:
    """Entries citing one of `anchors` (the blocks of an ingested document)."""
    seen: set[tuple[str, str]] = set()
    out: list[Link] = []
    for entry, cite in kb.citations():
        if cite.anchor in anchors and (entry.id, cite.anchor) not in seen:
            seen.add((entry.id, cite.anchor))
            out.append(Link(entry.id, LinkKind.BLOCK, cite.anchor, LinkMethod.CITATION, cite.quote_value or ""))
    return out


# -- figures --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValuePoint:
    """A figure a curated entry cites: where, as printed, and what period or label it belongs to."""

    entity: str
    anchor: str
    printed: float
    period: str | None = None
    label: str | None = None


def value_points(kb: KnowledgeBase) -> list[ValuePoint]:
    out: list[ValuePoint] = []
    for entry in kb.all():
        out.extend(_entry_points(entry))
    return out


def _entry_points(entry: Entry) -> Iterator[ValuePoint]:
    period = label = None
    if isinstance(entry, Observation):
        period, label = entry.period, entry.dimension
    elif isinstance(entry, Target):
        period = entry.year
    yield from _points(entry.id, entry.sources, period, label)
    if isinstance(entry, Fund):
        for st in entry.statements:
            yield from _points(st.phase, st.sources, st.period, None)
        for fig in entry.capital:
            yield from _points(entry.id, fig.sources, None, None)
    elif isinstance(entry, FundPhase):
        for fig in entry.capital:
            yield from _points(entry.id, fig.sources, None, None)
    elif isinstance(entry, PortfolioSnapshot):
        for h in entry.holdings:
            yield from _points(entry.id, h.sources, None, h.sector if h.investee is None else None)
    elif isinstance(entry, Stage):
        for m in entry.metrics:
            yield from _points(entry.id, m.sources, m.period, None)


def _points(entity: str, sources: Iterable[object], period: str | None, label: str | None) -> Iterator[ValuePoint]:
    for cite in sources:
        anchor = getattr(cite, "anchor", None)
        quote = getattr(cite, "quote_value", None)
        if anchor and quote and is_numeric(quote):
            yield ValuePoint(entity, anchor, parse_printed(quote), period, label)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def link_fact(index: AliasIndex, points_by_anchor: dict[str, list[ValuePoint]], fact: Fact) -> list[Link]:
    out: list[Link] = []
    printed = fact.value / fact.scale if fact.scale else fact.value
    for p in points_by_anchor.get(fact.section, ()):
        period_ok = p.period is None or fact.period is None or _period_fits(p.period, fact.period)
        if _same(p.printed, printed) and period_ok:
            out.append(Link(p.entity, LinkKind.FACT, fact.section, LinkMethod.VALUE, fact.text, fact.start, fact.end))
    for m in index.find(fact.subject):
        if index.entity_type(m.entity) == "indicator":
            out.append(
                Link(
                    m.entity, LinkKind.FACT, fact.section, LinkMethod.LABEL, fact.text, fact.start, fact.end, score=0.5
                )
            )
    return _dedupe(out)


def link_record(points_by_anchor: dict[str, list[ValuePoint]], record: TableRecord) -> list[Link]:
    """Curated figures this cell is: same table, same printed number, and the most specific fit.

    A point whose period or label is confirmed by the cell's labels beats one that merely does not
    contradict them; several equally good points share the link (each scored 1/n).
    """
    if record.printed_value is None:
        return []
    words = set(normalize(f"{record.row_label} {record.col_label}").split())
    years = set(_YEAR.findall(f"{record.row_label} {record.col_label} {record.period or ''}"))
    scored: list[tuple[int, ValuePoint]] = []
    for p in points_by_anchor.get(record.table_anchor, ()):
        if not _same(p.printed, record.printed_value):
            continue
        fit = 0
        if p.period is not None and years:
            if not any(_period_fits(p.period, y) for y in years):
                continue
            fit += 1
        if p.label is not None:
            if not set(normalize(p.label).split()) <= words:
                continue
            fit += 1
        scored.append((fit, p))
    if not scored:
        return []
    best = max(f for f, _ in scored)
    out = _dedupe(
        [
            Link(
                p.entity,
                LinkKind.TABLE_RECORD,
                record.table_anchor,
                LinkMethod.VALUE,
                record.raw,
                row=record.row,
                col=record.col,
            )
            for f, p in scored
            if f == best
        ]
    )
    if len(out) > 1:  # the same printed figure in several places of the table: say how unsure the link is
        out = [dataclasses.replace(lk, score=1.0 / len(out)) for lk in out]
    return out


def _period_fits(a: str, b: str) -> bool:
    return a == b or a.startswith(b) or b.startswith(a) or a[:4] == b[:4]


def _dedupe(links: list[Link]) -> list[Link]:
    seen: set[tuple[str, str, LinkMethod]] = set()
    out = []
    for lk in links:
        key = (lk.entity, lk.anchor, lk.method)
        if key not in seen:
            seen.add(key)
            out.append(lk)
    return out


def link_document(
    kb: KnowledgeBase,
    index: AliasIndex,
    blocks: Sequence[Block],
    facts: Sequence[Fact] = (),
    records: Sequence[TableRecord] = (),
) -> list[Link]:
    """Every link for one document: mentions, citations, and facts / cells that are curated figures."""
    anchors = {b.anchor for b in blocks}
    points: dict[str, list[ValuePoint]] = defaultdict(list)
    for p in value_points(kb):
        if p.anchor in anchors:
            points[p.anchor].append(p)
    out: list[Link] = []
    for b in blocks:
        out.extend(link_block(index, b))
    out.extend(citation_links(kb, anchors))
    for f in facts:
        out.extend(link_fact(index, points, f))
    for r in records:
        out.extend(link_record(points, r))
    return out
