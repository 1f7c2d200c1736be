"""Candidate figures inside retrieved passages, each with the words around it and an exact quote.

Every candidate comes from a stored fact (a figure in prose) or a table record (a cell), and carries the
quote it will be cited with: the sentence from the document text, or the printed table row. A candidate
whose printed figure is not inside its own quote is dropped, so an answer can never show a number that
the cited passage does not contain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sinoscope.answer import zh_clause
from sinoscope.answer.question import STOPWORDS, word_set, words
from sinoscope.documents.model import Block, BlockKind, Chapter
from sinoscope.documents.zh_variants import has_han
from sinoscope.errors import NotFoundError
from sinoscope.extraction.model import Fact, Kind, TableRecord
from sinoscope.extraction.q_kind import label_kind
from sinoscope.extraction.respectively import paired_names
from sinoscope.store.base import Store

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|(?<=[。！？；])[”’）]?\s*")
_ABBREVIATIONS = ("U.S.", "U.K.", "e.g.", "i.e.", "etc.", "No.", "Fig.", "approx.", "Co.", "Ltd.", "Inc.", "vs.",
                  "Dr.", "Mr.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "St.")  # fmt: skip
_BREAKDOWN = re.compile(r"\b(?:of which|of whom|among which|including)\b")
_CLAUSE_BREAK = re.compile(
    r"(?<!\d),|,(?!\d{3}(?!\d))|[;:()\[\]，；：（）、=＝]|(?<=[\s)）])[+＋]|\s(?:and|while|whereas|but|of which)\s|其中"
)
"""Punctuation, conjunctions joining two statements, and the terms of a weighted sum ("A（60%）+B（40%）";
a plus inside a name, "互联网+政务", joins words and is kept). A comma grouping a number's thousands
("22,734元") is part of the figure: cut there, the clause of "income 22,734, up 6.4%" lost its subject."""
_FIGURE = re.compile(r"(?<![A-Za-z])\d+(?:[.,]\d+)*(?![A-Za-z\d])")
"""A number standing alone ("355", "1.4", "2021"), not part of a name ("5G", "A100")."""


@dataclass(frozen=True)
class Candidate:
    value: float
    unit: str
    printed: str
    """The figure as printed ("RMB 98.72 billion", or a table cell "420.2")."""
    period: str | None
    kind: str
    anchor: str
    """The citation anchor of the passage (paragraph or table)."""
    doc_id: str
    line: int | None
    quote: str
    """The sentence (prose) or "caption | header: cell" row (tables) the figure is cited with."""
    near: str
    """Words closest to the figure: its clause and subject, or the row and column labels."""
    before: str
    """The quote up to the figure (prose only): proximity is measured from here and `after`."""
    after: str
    context: str
    """The whole passage (or table caption and notes) for weak evidence."""
    source: str
    """"fact" or "table"."""
    as_of: str | None = None
    rank: int = 0
    """The passage's rank in retrieval (0 = best)."""
    caption: str = ""
    headings: str = ""
    """Titles of the section, its parents and the chapter the passage sits in: what it is about."""
    indicator: str | None = None
    """What the knowledge base says this figure measures, when it curates it (from this passage)."""
    entity: str | None = None
    publisher: str | None = None
    value_max: float | None = None
    """The upper end of a range ("2-3年", "35%-50%"); `value` is its lower end."""


def _sentence_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around [start, end) within [lo, hi)."""
    s, e = lo, hi
    for m in _SENTENCE_END.finditer(text, lo, hi):
        cut = m.start()
        if any(text.endswith(a, max(lo, cut - len(a)), cut) for a in _ABBREVIATIONS):
            continue
        if cut <= start:
            s = m.end()
        elif cut >= end:
            e = cut
            break
    return s, e


def _states_figure(text: str) -> bool:
    """A number other than a Chinese date ("2023年", "3月"): "2023年国民经济和社会发展" joins two nouns."""
    return any(not text.startswith(("年", "月", "日"), m.end()) for m in _FIGURE.finditer(text))


def _breaks(sentence: str) -> list[tuple[int, int, bool]]:
    """(start, end, is a conjunction) of each place a clause may end: punctuation and conjunctions, English
    ones by pattern and Chinese ones as words of their own (`zh_clause.coordinator_spans`)."""
    found = [(m.start(), m.end(), m.group().strip().isalpha()) for m in _CLAUSE_BREAK.finditer(sentence)]
    found += [(s, e, True) for s, e in zh_clause.coordinator_spans(sentence)]
    return sorted(found)


def _plain_clause(sentence: str, start: int, end: int) -> str:
    """Punctuation always ends a clause; a conjunction only when the other side states a figure of its own
    ("imports were X, and exports Y"), not when it joins two nouns ("subscribers and users reached Y").
    A Chinese clause with no subject of its own takes the clause before it, and a member of a Chinese list
    that ends at its measure word takes the head noun the list shares (`zh_clause`)."""
    breaks = _breaks(sentence)
    left, right = 0, len(sentence)
    cut_left = cut_right = None
    for i, (b_start, b_end, conjunction) in enumerate(breaks):
        if b_end <= start:
            segment = sentence[breaks[i - 1][1] if i else 0 : b_start]
            if not conjunction or _states_figure(segment):
                left, cut_left = b_end, i
        elif b_start >= end:
            following = sentence[b_end : breaks[i + 1][0] if i + 1 < len(breaks) else len(sentence)]
            if not conjunction or _states_figure(following):
                right, cut_right = b_start, i
                break
    clause = sentence[left:right]
    chinese = has_han(clause)
    before = _inherited_subject(sentence, breaks, cut_left, start, chinese)
    if not chinese:
        return f"{before}{clause}"
    return f"{before}{clause}{_shared_head(sentence, breaks, cut_right, end)}"


_COMMAS = frozenset({",", "，"})
_EMPTY_HEADS = word_set(
    """average mean rate level figure figures total number amount year years annual full whole month months
    period one ones it its this that same rest remainder january february march april may june july august
    september october november december"""
)
"""English words that stand for a measure named before them ("…, and the average for the year was 5.2%"):
a clause whose words before its figure are only these and function words names nothing of its own."""


def _inherited_subject(
    sentence: str, breaks: list[tuple[int, int, bool]], cut: int | None, start: int, chinese: bool
) -> str:
    """The clause before a comma, for a clause naming nothing before its figure ("…，增长5.1%", "…, and the
    average for the year was 5.2%")."""
    if cut is None or sentence[breaks[cut][0] : breaks[cut][1]].strip() not in _COMMAS:
        return ""
    if _has_subject(sentence[breaks[cut][1] : start], chinese):
        return ""
    return sentence[breaks[cut - 1][1] if cut else 0 : breaks[cut][0]] + " "


def _has_subject(text: str, chinese: bool) -> bool:
    if chinese:
        return zh_clause.has_subject(text)
    return any(w not in STOPWORDS and w not in _EMPTY_HEADS and not w[:1].isdigit() for w in words(text))


def _shared_head(sentence: str, breaks: list[tuple[int, int, bool]], cut: int | None, end: int) -> str:
    """The head noun after the last member of a Chinese list ("A的800种、B的1500种出口商品"), for a member
    that ends at its measure word: the words after the first later member's figure that has any."""
    if cut is None or zh_clause.has_subject(sentence[end : breaks[cut][0]]):
        return ""
    for i in range(cut, len(breaks)):
        b_start, b_end, conjunction = breaks[i]
        if not conjunction and sentence[b_start:b_end].strip() != "、":
            return ""
        stop = breaks[i + 1][0] if i + 1 < len(breaks) else len(sentence)
        figures = list(_FIGURE.finditer(sentence, b_end, stop))
        if figures and zh_clause.has_subject(tail := sentence[figures[-1].end() : stop]):
            return " " + tail
    return ""


_ASIDE = re.compile(r"\([^()]*\)|（[^（）]*）")
_BARE = word_set(
    """approx approximately about around roughly nearly some over more than less under up down from to by both
    each respectively or yen rmb usd yuan jpy cny eur billion million trillion thousand hundred units unit"""
)
_NUMERIC = re.compile(r"[\d.,]+%?")


def _describes(text: str) -> bool:
    """Does a parenthesis say what its figure is, beyond hedges, units, scale words and years?"""
    return any(w not in STOPWORDS and w not in _BARE and not _NUMERIC.fullmatch(w) for w in words(text))


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause around [start, end), read past parenthetical asides ("the number of patents (per 10,000)
    was 12"); a figure inside parentheses also gets the clause the parenthesis sits in, since it restates
    that clause's noun ("the estimate (USD 192.5 billion) for the market size")."""
    own = next((m for m in _ASIDE.finditer(sentence) if m.start() < start and end < m.end()), None)
    masked = _ASIDE.sub(lambda m: m.group() if own and m.span() == own.span() else " " * len(m.group()), sentence)
    clause = " ".join(_plain_clause(masked, start, end).split())
    if own is None or _describes(sentence[own.start() + 1 : start] + " " + sentence[end : own.end() - 1]):
        return clause  # "(730 million 5G plan subscribers)" names its own figure
    blanked = masked[: own.start()] + " " * len(own.group()) + masked[own.end() :]
    return f"{clause} {' '.join(_plain_clause(blanked, own.start(), own.end()).split())}"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _paired(doc_text: str, facts: Sequence[Fact], bounds: Sequence[tuple[int, int]]) -> dict[int, str]:
    """Figures a list of names pairs one by one ("A和B分别增长5%和3%"): their own name is their clause, since
    the clause they share describes them all alike (`extraction.respectively`)."""
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, b in enumerate(bounds):
        by_sentence.setdefault(b, []).append(i)
    out: dict[int, str] = {}
    for (s, e), members in by_sentence.items():
        if len(members) < 2:
            continue
        names = paired_names(doc_text[s:e], [(facts[i].start - s, facts[i].end - s) for i in members])
        out.update((members[k], name) for k, name in names.items())
    return out


def fact_candidates(doc_text: str, block: Block, facts: Sequence[Fact], rank: int) -> list[Candidate]:
    if not block.spans:
        return []
    lo, hi = block.spans[0].start, block.spans[-1].end
    facts = [f for f in facts if lo <= f.start < f.end <= hi and doc_text[f.start : f.end] == f.text]
    bounds = [_sentence_bounds(doc_text, f.start, f.end, lo, hi) for f in facts]
    paired = _paired(doc_text, facts, bounds)
    out = []
    for i, (f, (s, e)) in enumerate(zip(facts, bounds, strict=True)):
        sentence = doc_text[s:e]
        rel_start, rel_end = f.start - s, f.end - s
        clause = paired.get(i) or _clause(sentence, rel_start, rel_end)
        head = _BREAKDOWN.search(sentence, 0, rel_start)
        if head is not None and head.start() > 0:
            # "the revenue was X, of which Y from A": a part inherits the whole's measure words
            whole = len(sentence[: head.start()].rstrip(" ,;"))
            clause = f"{clause} {_clause(sentence, whole, whole)}"
        quote = _flat(sentence)
        if _flat(f.text) not in quote:
            continue
        out.append(
            Candidate(
                value=f.value,
                value_max=f.value_max,
                unit=f.unit,
                printed=f.text,
                period=f.period,
                kind=str(f.kind),
                anchor=block.anchor,
                doc_id=f.doc_id,
                line=f.line,
                quote=quote,
                near=clause if i in paired else f"{clause} {f.subject}",
                before=sentence[:rel_start],
                after=sentence[rel_end:],
                context=block.text,
                source="fact",
                as_of=f.as_of,
                rank=rank,
            )
        )
    return out


def _row_line(doc_text: str, block: Block, row: int) -> int | None:
    table = block.table
    if table is None or row >= len(table.row_spans):
        return None
    return doc_text.count("\n", 0, table.row_spans[row].start) + 1


def table_candidates(doc_text: str, block: Block, records: Sequence[TableRecord], rank: int) -> list[Candidate]:
    table = block.table
    if table is None:
        return []
    caption = table.caption
    notes = " ".join(table.notes)
    out = []
    for r in records:
        if r.value is None or r.unit is None or not r.raw.strip():
            continue
        cells = table.rows[r.row] if r.row < len(table.rows) else ()
        printed_row = " | ".join(c for c in cells if c.strip())
        if r.raw.strip() not in printed_row:
            continue
        quote = f"{caption} — {r.col_label}: {printed_row}" if caption else f"{r.col_label}: {printed_row}"
        out.append(
            Candidate(
                value=r.value,
                unit=r.unit,
                printed=r.raw.strip(),
                period=r.period,
                kind=str(label_kind(r.col_label) or Kind.ACTUAL),
                anchor=block.anchor,
                doc_id=block.anchor.split("#", 1)[0],
                line=_row_line(doc_text, block, r.row),
                quote=_flat(quote),
                near=f"{r.row_label} {r.col_label}",
                before="",
                after="",
                context=f"{notes} {caption}",
                source="table",
                rank=rank,
                caption=caption,
            )
        )
    return out


def _titles(outline: Sequence[Chapter]) -> dict[str, str]:
    out = {}
    for chapter in outline:
        out[chapter.anchor] = chapter.title
        for section in chapter.sections:
            out[section.anchor] = section.title
    return out


def _headings(titles: dict[str, str], block: Block) -> str:
    doc_id = block.anchor.split("#", 1)[0]
    key = block.anchor.split("¶", 1)[0] if "¶" in block.anchor else f"{doc_id}#{block.section or ''}"
    found = []
    while key.partition("#")[2]:
        if key in titles:
            found.append(titles[key])
        cut = max(key.rfind("."), key.rfind("/"))
        key = key[:cut] if cut > key.find("#") else f"{doc_id}#"
    chapter = titles.get(f"{doc_id}#{block.chapter}") if block.chapter is not None else None
    if chapter and chapter not in found:
        found.append(chapter)
    return " | ".join(found)


def collect(store: Store, anchors: Sequence[str]) -> list[Candidate]:
    """Candidates from the passages `anchors` (best first); facts and table cells of each."""
    texts: dict[str, str] = {}
    titles: dict[str, dict[str, str]] = {}
    facts_by_doc: dict[str, dict[str, list[Fact]]] = {}
    out: list[Candidate] = []
    for rank, anchor in enumerate(anchors):
        doc_id = anchor.split("#", 1)[0]
        try:
            block = store.get_block(anchor)
        except NotFoundError:  # an index older than the store: skip the passage
            continue
        if doc_id not in texts:
            texts[doc_id] = store.document_text(doc_id)
            by_section: dict[str, list[Fact]] = {}
            for f in store.facts(doc_id):
                by_section.setdefault(f.section, []).append(f)
            facts_by_doc[doc_id] = by_section
        if doc_id not in titles:
            titles[doc_id] = _titles(store.outline(doc_id))
        found = []
        if block.kind is BlockKind.TABLE:
            found.extend(table_candidates(texts[doc_id], block, store.table_records(anchor), rank))
        found.extend(fact_candidates(texts[doc_id], block, facts_by_doc[doc_id].get(anchor, []), rank))
        headings = _headings(titles[doc_id], block)
        out.extend(replace(c, headings=headings) for c in found)
    return out
