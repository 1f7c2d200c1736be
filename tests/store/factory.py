"""Build small, valid `Document`s by hand, so store tests do not depend on the structure parser."""

from __future__ import annotations

import hashlib

from sinoscope.documents.anchors import footnote_anchor, heading_anchor, labelled_anchor, paragraph_anchor
from sinoscope.documents.model import Block, BlockKind, Chapter, Document, FootnoteRef, Section, Span, Table


class DocBuilder:
    def __init__(self, doc_id: str = "900", title: str = "A Made-Up Report on Widget Policy") -> None:
        self.doc_id = doc_id
        self.title = title
        self._text = ""
        self._blocks: list[Block] = []
        self._chapters: list[tuple[int, str, int, str, list[Section]]] = []
        self._chapter: str | None = None
        self._section: str | None = None
        self._para_n: dict[str, int] = {}
        self._taken: set[str] = set()
        self._line(title)

    def _line(self, s: str) -> tuple[Span, int]:
        line_no = self._text.count("\n") + 1
        start = len(self._text)
        self._text += s + "\n\n"
        return Span(start, start + len(s)), line_no

    def _add(self, kind: BlockKind, anchor: str, span: Span, line: int, text: str, **kw: object) -> None:
        self._blocks.append(
            Block(
                kind=kind,
                anchor=anchor,
                spans=(span,),
                text=text,
                line=line,
                chapter=self._chapter,
                section=self._section,
                ordinal=len(self._blocks),
                **kw,  # type: ignore[arg-type]
            )
        )

    def chapter(self, number: int, title: str) -> DocBuilder:
        heading = f"{number} {title}"
        span, line = self._line(heading)
        self._chapter, self._section = str(number), None
        anchor = heading_anchor(self.doc_id, str(number), None)
        self._chapters.append((number, title, line, anchor, []))
        self._add(BlockKind.HEADING, anchor, span, line, heading, label=str(number))
        return self

    def section(self, number: str, title: str) -> DocBuilder:
        heading = f"{number} {title}"
        span, line = self._line(heading)
        self._section = number
        anchor = heading_anchor(self.doc_id, self._chapter or "0", number)
        self._chapters[-1][4].append(Section(number, title, number.count("."), line, anchor))
        self._add(BlockKind.HEADING, anchor, span, line, heading, label=number)
        return self

    def para(self, text: str, *, footnote: str | None = None) -> DocBuilder:
        key = f"{self._chapter}/{self._section}"
        self._para_n[key] = self._para_n.get(key, 0) + 1
        refs: tuple[FootnoteRef, ...] = ()
        if footnote is not None:
            offset = len(self._text) + len(text)
            text = text + footnote
            refs = (FootnoteRef(footnote, offset, footnote_anchor(self.doc_id, self._chapter, footnote)),)
        span, line = self._line(text)
        anchor = paragraph_anchor(self.doc_id, self._chapter, self._section, self._para_n[key])
        self._add(BlockKind.PARAGRAPH, anchor, span, line, text, footnote_refs=refs)
        return self

    def table(self, label: str, caption: str, rows: list[list[str]], notes: tuple[str, ...] = ()) -> DocBuilder:
        cap_span, line = self._line(f"Table {label}. {caption}")
        row_spans = []
        start = len(self._text)
        for r in rows:
            s = "\t".join(r)
            row_spans.append(Span(len(self._text), len(self._text) + len(s)))
            self._text += s + "\n"
        end = len(self._text) - 1
        self._text += "\n"
        for n in notes:
            self._line(n)
        cells = tuple(tuple(r) for r in rows)
        table = Table(label, caption, cap_span, "above", cells, tuple(row_spans), notes)
        anchor = labelled_anchor(self.doc_id, "table", label, self._taken)
        self._taken.add(anchor)
        body = "\n".join("\t".join(r) for r in rows)
        self._add(BlockKind.TABLE, anchor, Span(start, end), line, body, label=label, table=table)
        return self

    def footnote(self, marker: str, text: str) -> DocBuilder:
        span, line = self._line(f"{marker} {text}")
        anchor = footnote_anchor(self.doc_id, self._chapter, marker)
        self._add(BlockKind.FOOTNOTE, anchor, span, line, f"{marker} {text}", label=marker)
        return self

    def build(self, *, source_path: str | None = None) -> Document:
        chapters = tuple(
            Chapter(number, title, line, anchor, tuple(sections))
            for number, title, line, anchor, sections in self._chapters
        )
        return Document(
            doc_id=self.doc_id,
            title=self.title,
            text=self._text,
            chapters=chapters,
            blocks=tuple(self._blocks),
            source_path=source_path or f"/reports/{self.doc_id}_made_up.txt",
            source_format="text",
            content_hash=hashlib.sha256(self._text.encode()).hexdigest(),
        )


def sample_document(doc_id: str = "900", *, variant: int = 1) -> Document:
    """A two-chapter report with sections, a table and a footnote; `variant` changes its wording."""
    b = DocBuilder(doc_id)
    b.chapter(1, "Widget Industry Policy")
    b.para(f"Version {variant} of this made-up report studies widget subsidies in three provinces.")
    b.section("1.1", "Targets")
    b.para("The plan set a domestic production rate target of 40% for widgets by 2030.", footnote="1")
    b.para("Observers doubted that the production of widgets at home could rise that fast.")
    b.para("A rate of domestic growth was reported, while production moved abroad.")
    b.footnote("1", "Ministry of Widgets (2019) planning notice.")
    b.section("1.2", "Spending")
    b.para("R&D spending on widgets grew 7% a year; C++ tooling and RMB 10,000 grants were common.")
    b.table(
        "1-1",
        "Widget output by year (RMB 10,000)",
        [["Year", "2019", "2020", "2021"], ["Output", "120", "135", "150"], ["Exports", "30", "28", "41"]],
        notes=("Source: made-up statistics office",),
    )
    b.chapter(2, "Gadget Supply Chains")
    b.section("2.1", "Upstream")
    b.para("Gadget gears come mostly from two suppliers; the domestic share is small.")
    b.section("2.1.1", "Gears")
    b.para("Gear makers earn thin margins compared with design houses.")
    return b.build()
