"""Recover a report's structure from its extracted text: the one entry point `build_document`.

The outline (chapters, sections) and the tables are found first, because they decide what every other
line is; the rest becomes paragraphs, list items, footnotes and figure captions. Paragraphs cut by a page
break (often with footnote bodies printed in between) are joined back into one block of several spans.
Anchors are given last, from the finished order, so they depend on the text alone.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from sinoscope.documents import anchors
from sinoscope.documents import lines as L
from sinoscope.documents.hinted_outline import find_hinted_outline
from sinoscope.documents.lines import Line
from sinoscope.documents.model import (
    Block,
    BlockKind,
    Chapter,
    Document,
    FootnoteRef,
    Section,
    Span,
    Table,
)
from sinoscope.documents.outline import HeadingLine, Outline, find_outline
from sinoscope.documents.paragraphs import continues, split_page_breaks, split_runs
from sinoscope.documents.scheme_outline import find_scheme_outline
from sinoscope.documents.schemes import is_cjk_text, parse_marker
from sinoscope.documents.table_regions import TableRegion, find_tables
from sinoscope.sources.model import SourceFormat, SourceText

_HINTED_FORMATS = frozenset({SourceFormat.MARKDOWN, SourceFormat.HTML, SourceFormat.DOCX})
"""Formats whose headings are marked by the format itself (PDF headings are guessed from font sizes, so a
PDF's outline is read from its text like plain text)."""
_CJK_PARAGRAPH_END = ("。", "！", "？", "：", "；", "”", "」")


@dataclass
class _Draft:
    """A block before it has an anchor."""

    kind: BlockKind
    lines: list[int]
    region: TableRegion | None = None
    heading: HeadingLine | None = None
    marker: str | None = None
    extra_spans: list[int] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(self.lines)


def build_document(source: SourceText, doc_id: str) -> Document:
    text = source.text
    cjk = is_cjk_text(text)
    lines = L.split_lines(text)
    if "\f" in text or "\v" in text:
        lines = split_page_breaks(lines)
    if cjk:
        lines = split_runs(lines)
    outline = _outline(source, lines, cjk)
    heading_at = {h.index: h for h in (*outline.chapters, *outline.sections)}
    blocked = set(outline.toc) | set(heading_at)
    regions = find_tables(lines, blocked)
    drafts = _merge_page_breaks(lines, _drafts(lines, outline, heading_at, regions, cjk))
    blocks = _finish(doc_id, text, lines, outline, drafts)
    chapters = _chapters(doc_id, lines, outline)
    title = source.title or next((ln.text.strip() for ln in lines if not ln.blank), doc_id)
    return Document(
        doc_id=doc_id,
        title=title[:300],
        text=text,
        chapters=chapters,
        blocks=tuple(blocks),
        source_path=str(source.path),
        source_format=str(source.format),
        content_hash=source.content_hash,
    )


def _outline(source: SourceText, lines: list[Line], cjk: bool) -> Outline:
    """Headings the format marks (Markdown, HTML, DOCX), else Chinese numbering schemes in Chinese text,
    else the numbered-chapter layout of the plain-text conversions, else Chinese numbering in mixed text."""
    found: Outline | None = None
    if source.format in _HINTED_FORMATS and source.hints.headings:
        found = find_hinted_outline(lines, source.hints.headings)
    if cjk:
        schemed = find_scheme_outline(lines)
        if schemed is not None and (found is None or _refines(schemed, found)):
            found = schemed
    if found is not None:
        return found
    plain = find_outline(lines)
    if not plain.chapters and not cjk:
        found = find_scheme_outline(lines, mixed=True)  # Chinese numbering in mixed text, "I." / "A." outlines
    return found if found is not None else plain


def _refines(schemed: Outline, marked: Outline) -> bool:
    """The numbering finds every heading the format marks, and more (a Word file styling only 一、 parts
    as headings and numbering its （一） subparts in plain paragraphs)."""
    ours = {h.index for h in (*schemed.chapters, *schemed.sections)}
    theirs = {h.index for h in (*marked.chapters, *marked.sections)}
    return theirs < ours


def _drafts(
    lines: list[Line],
    outline: Outline,
    heading_at: dict[int, HeadingLine],
    regions: list[TableRegion],
    cjk: bool = False,
) -> list[_Draft]:
    region_start: dict[int, TableRegion] = {}
    in_region: set[int] = set()
    for r in regions:
        members = r.all_lines()
        region_start[members[0]] = r
        in_region.update(members)
    drafts: list[_Draft] = []
    if outline.toc:
        drafts.append(_Draft(BlockKind.PARAGRAPH, [i for i in outline.toc if not lines[i].blank]))
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in region_start:
            r = region_start[i]
            kind = BlockKind.TABLE if r.kind == "table" else BlockKind.CAPTION
            drafts.append(_Draft(kind, r.all_lines(), region=r))
            i += 1
            continue
        if line.blank or i in in_region or i in outline.toc:
            i += 1
            continue
        if i in heading_at:
            drafts.append(_Draft(BlockKind.HEADING, [i], heading=heading_at[i]))
            i += 1
            continue
        if L.PAGE_NUMBER.match(line.text) and _isolated(lines, i):
            i += 1  # page furniture
            continue
        fn = L.FOOTNOTE_BODY.match(line.text)
        if fn:
            group = _run(lines, i + 1, heading_at, in_region, cjk)
            drafts.append(_Draft(BlockKind.FOOTNOTE, [i, *group], marker=L.superscript_to_digits(fn.group(1))))
            i = (group[-1] if group else i) + 1
            continue
        numbered = L.LIST_ITEM.match(line.text) or (cjk and parse_marker(line.text) is not None)
        kind = BlockKind.LIST_ITEM if numbered else BlockKind.PARAGRAPH
        group = _run(lines, i + 1, heading_at, in_region, cjk)
        drafts.append(_Draft(kind, [i, *group]))
        i = (group[-1] if group else i) + 1
    return sorted(drafts, key=lambda d: d.first)


def _isolated(lines: list[Line], i: int) -> bool:
    before = i == 0 or lines[i - 1].blank
    after = i + 1 >= len(lines) or lines[i + 1].blank
    return before and after


def _run(
    lines: list[Line], j: int, heading_at: dict[int, HeadingLine], in_region: set[int], cjk: bool = False
) -> list[int]:
    """Following lines of the same paragraph: non-blank, and not the start of something else.

    A piece cut from the same file line (a lead phrase that is not a heading) always continues. An
    ideographic indent opens a new paragraph, and in Chinese text so does a line after one that ends a
    sentence: Chinese is not wrapped at a word, so a line break after a full stop ends the paragraph.
    """
    out: list[int] = []
    while j < len(lines):
        line = lines[j]
        if line.blank or j in heading_at or j in in_region:
            break
        if not continues(lines, j):
            if L.FOOTNOTE_BODY.match(line.text) or L.LIST_ITEM.match(line.text) or L.is_row(line.text):
                break
            if line.text.startswith("\u3000") or (cjk and _opens_chinese_paragraph(lines, j)):
                break
        out.append(j)
        j += 1
    return out


_CONTINUES = re.compile(r"^\s*[a-z(“\"'‘,;]")


def _opens_chinese_paragraph(lines: list[Line], j: int) -> bool:
    """After a full stop, or at a numbering marker, a Chinese line starts a new block."""
    return lines[j - 1].text.rstrip().endswith(_CJK_PARAGRAPH_END) or parse_marker(lines[j].text) is not None


def _merge_page_breaks(lines: list[Line], drafts: list[_Draft]) -> list[_Draft]:
    """Join a paragraph cut mid-sentence by a page break to its continuation.

    The cut paragraph does not end a sentence, and the continuation (after any footnote bodies, figure
    captions or page furniture printed between the halves) starts in lower case.
    """
    out: list[_Draft] = []
    waiting: _Draft | None = None
    for d in drafts:
        if waiting is not None:
            if d.kind in (BlockKind.FOOTNOTE, BlockKind.CAPTION):
                out.append(d)
                continue
            if d.kind is BlockKind.PARAGRAPH and _CONTINUES.match(lines[d.first].text):
                waiting.extra_spans.extend(d.lines)
                waiting = waiting if not L.ends_sentence(lines[d.lines[-1]].text) else None
                continue
            waiting = None
        out.append(d)
        if d.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            last = lines[(d.extra_spans or d.lines)[-1]].text
            waiting = d if not L.ends_sentence(last) and len(last.strip()) > 40 else None
    return out


def _line_no(lines: list[Line], i: int) -> int:
    return lines[i].number


def _chapters(doc_id: str, lines: list[Line], outline: Outline) -> tuple[Chapter, ...]:
    out: list[Chapter] = []
    starts = [c.index for c in outline.chapters]
    under: list[list[HeadingLine]] = [[] for _ in outline.chapters]
    for s in outline.sections:  # each section under the last chapter that starts before it
        k = bisect.bisect_left(starts, s.index) - 1
        if k >= 0:
            under[k].append(s)
    for k, ch in enumerate(outline.chapters):
        sections = tuple(
            Section(
                number=s.number,
                title=s.title,
                level=s.level,
                line=lines[s.index].number,
                anchor=anchors.heading_anchor(doc_id, ch.number, s.number),
            )
            for s in under[k]
        )
        out.append(
            Chapter(
                int(ch.number),
                ch.title,
                lines[ch.index].number,
                anchors.heading_anchor(doc_id, ch.number, None),
                sections,
            )
        )
    return tuple(out)


class _Locator:
    """Which chapter and section a line falls in."""

    def __init__(self, outline: Outline) -> None:
        self.chapter_lines = [c.index for c in outline.chapters]
        self.chapters = list(outline.chapters)
        self.section_lines = [s.index for s in outline.sections]
        self.sections = list(outline.sections)

    def at(self, i: int) -> tuple[str | None, str | None]:
        k = bisect.bisect_right(self.chapter_lines, i) - 1
        if k < 0:
            return None, None
        chapter = self.chapters[k]
        s = bisect.bisect_right(self.section_lines, i) - 1
        if s < 0 or self.sections[s].index < chapter.index:
            return chapter.number, None
        return chapter.number, self.sections[s].number


def _finish(doc_id: str, text: str, lines: list[Line], outline: Outline, drafts: list[_Draft]) -> list[Block]:
    locate = _Locator(outline)
    taken = _Taken()
    counters: dict[str, int] = {}
    footnotes: dict[tuple[str | None, str], str] = {}
    blocks: list[Block] = []
    for d in drafts:
        chapter, section = locate.at(d.first)
        anchor, label = _anchor(doc_id, d, chapter, section, taken, counters)
        if d.kind is BlockKind.FOOTNOTE and d.marker is not None:
            footnotes.setdefault((chapter, d.marker), anchor)
        taken.used.add(anchor)
        blocks.append(_block(lines, d, anchor, label, chapter, section, len(blocks)))
    if not footnotes:
        return blocks  # no footnote to point at: the marker scan (a look-behind tried at every character) finds none
    return [_with_refs(b, text, footnotes) for b in blocks]


def _anchor(
    doc_id: str,
    d: _Draft,
    chapter: str | None,
    section: str | None,
    taken: _Taken,
    counters: dict[str, int],
) -> tuple[str, str | None]:
    if d.kind is BlockKind.HEADING and d.heading is not None:
        number = d.heading.number
        is_chapter = d.heading.level == 1
        base = anchors.heading_anchor(
            doc_id, number if is_chapter else (chapter or "0"), None if is_chapter else number
        )
        printed = number if d.heading.label is None else (d.heading.label or None)
        return taken.unique(base), printed
    if d.region is not None and d.region.label:
        base = anchors.labelled_anchor(doc_id, d.region.kind, d.region.label, set())
        return taken.unique(base), d.region.label
    if d.kind is BlockKind.FOOTNOTE and d.marker is not None:
        return taken.unique(anchors.footnote_anchor(doc_id, chapter, d.marker)), d.marker
    key = anchors.section_key(chapter, section)
    counters[key] = counters.get(key, 0) + 1
    return taken.unique(anchors.paragraph_anchor(doc_id, chapter, section, counters[key])), None


class _Taken:
    """Anchors given so far; a repeated base gets "-b", "-c"... The next suffix to try is remembered per
    base, so a label printed thousands of times costs linear time, with the same anchors as a fresh scan."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._next: dict[str, int] = {}

    def unique(self, base: str) -> str:
        if base not in self.used:
            return base
        i = self._next.get(base, 1)
        anchor = f"{base}-{chr(ord('a') + i)}"
        while anchor in self.used:
            i += 1
            anchor = f"{base}-{chr(ord('a') + i)}"
        self._next[base] = i + 1
        return anchor


def _block(
    lines: list[Line],
    d: _Draft,
    anchor: str,
    label: str | None,
    chapter: str | None,
    section: str | None,
    ordinal: int,
) -> Block:
    members = sorted({*d.lines, *d.extra_spans})
    spans, pieces = _spans(lines, members)
    table = _table(lines, d.region) if d.kind is BlockKind.TABLE and d.region is not None else None
    if table is not None:
        parts = [table.caption] if table.caption else []
        parts += ["\t".join(row) for row in table.rows]
        parts += list(table.notes)
        text = "\n".join(parts)
    else:
        text = " ".join(pieces)
    return Block(
        kind=d.kind,
        anchor=anchor,
        spans=spans,
        text=text,
        line=lines[members[0]].number,
        chapter=chapter,
        section=section,
        ordinal=ordinal,
        label=label,
        table=table,
    )


def _spans(lines: list[Line], members: list[int]) -> tuple[tuple[Span, ...], list[str]]:
    """One span per line, except that pieces cut from one file line and kept together are one span again."""
    spans: list[Span] = []
    pieces: list[str] = []
    for i in members:
        line = lines[i]
        own = line.text.rstrip()
        if spans and spans[-1].end == line.start:
            spans[-1] = Span(spans[-1].start, line.start + len(own))
            pieces[-1] += own
        else:
            spans.append(Span(line.start, line.start + len(own)))
            pieces.append(own)
    return tuple(spans), pieces


def _table(lines: list[Line], r: TableRegion) -> Table:
    caption_span = None
    if r.caption_lines:
        first, last = lines[min(r.caption_lines)], lines[max(r.caption_lines)]
        caption_span = Span(first.start, last.start + len(last.text.rstrip()))
    kept = [i for i in r.rows if not L.is_pipe_rule(lines[i].text)]
    rows = tuple(tuple(L.cells(lines[i].text)) for i in kept)
    row_spans = tuple(Span(lines[i].start, lines[i].start + len(lines[i].text.rstrip())) for i in kept)
    notes = tuple(lines[i].text.strip() for i in r.notes)
    return Table(r.label, r.caption, caption_span, r.position if r.caption_lines else "none", rows, row_spans, notes)


def _with_refs(block: Block, text: str, footnotes: dict[tuple[str | None, str], str]) -> Block:
    """Footnote markers in the block's text that point at a footnote of the same chapter."""
    if block.kind in (BlockKind.FOOTNOTE, BlockKind.HEADING):
        return block
    refs: list[FootnoteRef] = []
    for span in block.spans:
        for m in L.FOOTNOTE_MARKER.finditer(text, span.start, span.end):
            marker = L.superscript_to_digits(m.group(1))
            target = footnotes.get((block.chapter, marker))
            if target is not None:
                refs.append(FootnoteRef(marker, m.start(1), target))
    return replace(block, footnote_refs=tuple(refs)) if refs else block
