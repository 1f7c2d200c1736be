"""DOCX: body paragraphs and tables in document order, via python-docx, in the canonical shape.

Heading levels come from the paragraph's outline level or its style chain ("Heading N"), so custom
heading styles based on the built-in ones still count. Word's automatic numbers are put back in front of
headings and list items (see `docx_numbering`). Superscript digits and footnote references become
superscript markers; a footnote's body is placed right after the paragraph that cites it, the way page
footnotes sit in the plain conversions.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import parse_xml
from docx.table import Table
from docx.text.paragraph import Paragraph

from sinoscope.sources.canonical import CanonicalWriter, clean_inline, superscript_digits
from sinoscope.sources.docx_numbering import Numbering, W
from sinoscope.sources.model import StructureHints
from sinoscope.sources.reject import Rejected

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.I)
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_FOOTNOTES_REL = "/footnotes"


def read_docx(data: bytes) -> tuple[str, StructureHints, str | None]:
    """Canonical text, hints and the title (core properties, else the Title-style paragraph)."""
    document = _open(data)
    reader = _Reader(Numbering.from_element(_numbering_root(document)), _footnote_bodies(document))
    title = clean_inline(document.core_properties.title or "")
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            found = reader.paragraph(item)
            if found and not title:
                title = found
        else:
            reader.table(item)
    reader.flush_list()
    text, hints = reader.writer.render()
    return text, hints, title or None


def _open(data: bytes) -> Any:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise Rejected("not a valid DOCX (not a ZIP archive, or a damaged one)")
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise Rejected(f"not a valid DOCX ({type(err).__name__})") from err
    except Exception as err:  # lxml and python-docx raise many types on damaged parts
        raise Rejected(f"damaged DOCX ({type(err).__name__})") from err


def _numbering_root(document: Any) -> Any | None:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _footnote_bodies(document: Any) -> dict[str, str]:
    """Footnote id -> body text, from word/footnotes.xml (python-docx has no footnote API)."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith(_FOOTNOTES_REL) and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            bodies: dict[str, str] = {}
            for note in root.iter(f"{{{W}}}footnote"):
                if note.get(f"{{{W}}}type") in (None, "normal"):
                    paragraphs = [_runs_text(p, {}, None) for p in note.iter(f"{{{W}}}p")]
                    bodies[note.get(f"{{{W}}}id", "")] = clean_inline(" ".join(paragraphs))
            return bodies
    return {}


class _Reader:
    def __init__(self, numbering: Numbering, footnotes: dict[str, str]) -> None:
        self.writer = CanonicalWriter()
        self.numbering = numbering
        self.footnotes = footnotes
        self.footnote_numbers: dict[str, int] = {}
        self.list_lines: list[str] = []

    def flush_list(self) -> None:
        if self.list_lines:
            self.writer.lines(self.list_lines)
            self.list_lines = []

    def paragraph(self, paragraph: Paragraph) -> str | None:
        """Write one paragraph; returns its text when it is in the Title style."""
        cited: list[str] = []
        text = clean_inline(_runs_text(paragraph._p, self.footnote_numbers, cited))
        styles = list(_style_chain(paragraph))
        label = self._label(paragraph, styles)
        level = _heading_level(paragraph, styles)
        if label is not None and level is None:
            if text:
                self.list_lines.append(f"{label} {text}")
            self._footnotes(cited)
            return None
        self.flush_list()
        if level is not None:
            if label is not None and label != "-":
                text = f"{label.rstrip('.')} {text}"
            self.writer.heading(text, level)
        else:
            self.writer.paragraph(text)
        self._footnotes(cited)
        is_title = any(style.name and style.name.lower() == "title" for style in styles[:1])
        return text if is_title and text else None

    def _footnotes(self, cited: list[str]) -> None:
        for note_id in cited:
            body = self.footnotes.get(note_id)
            if body:
                self.flush_list()
                number = superscript_digits(str(self.footnote_numbers[note_id]))
                self.writer.paragraph(f"{number} {body}")

    def _label(self, paragraph: Paragraph, styles: list[Any]) -> str | None:
        num_id, ilvl = _num_pr(paragraph._p.pPr)
        if num_id is None:
            for style in styles:
                num_id, ilvl = _num_pr(style.element.pPr)
                if num_id is not None:
                    if ilvl is None:
                        ilvl = self.numbering.style_levels.get(style.style_id, 0)
                    break
        if num_id is None or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl or 0)

    def table(self, table: Table) -> None:
        self.flush_list()
        # Merged cells repeat the same <w:tc>: print it once, leave the covered grid cells empty. The set
        # holds the elements themselves, keeping lxml's proxies (and so their identity) alive.
        seen: set[Any] = set()
        rows: list[list[str]] = []
        for row in table.rows:
            cells: list[str] = [""] * row.grid_cols_before
            for cell in row.cells:
                if cell._tc in seen:
                    cells.append("")
                    continue
                seen.add(cell._tc)
                paragraphs = [_runs_text(p, self.footnote_numbers, []) for p in cell._tc.iter(f"{{{W}}}p")]
                cells.append(" ".join(paragraphs))
            rows.append(cells)
        self.writer.table(rows)


def _style_chain(paragraph: Paragraph) -> Iterator[Any]:
    style = paragraph.style
    for _ in range(10):
        if style is None:
            return
        yield style
        style = style.base_style


def _heading_level(paragraph: Paragraph, styles: list[Any]) -> int | None:
    own = _outline_level(paragraph._p.pPr)
    if own is not None:
        return own
    for style in styles:
        found = _HEADING_NAME.match(style.name or "")
        if found:
            return int(found.group(1))
        level = _outline_level(style.element.pPr)
        if level is not None:
            return level
    return None


def _outline_level(ppr: Any | None) -> int | None:
    """Word's outline level 0-8 is heading level 1-9; 9 means body text."""
    if ppr is None:
        return None
    node = ppr.find(f"{{{W}}}outlineLvl")
    if node is None:
        return None
    value = node.get(f"{{{W}}}val", "")
    return int(value) + 1 if value.isdigit() and int(value) < 9 else None


def _num_pr(ppr: Any | None) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(f"{{{W}}}numPr")
    if num_pr is None:
        return None, None
    num_id = num_pr.find(f"{{{W}}}numId")
    ilvl = num_pr.find(f"{{{W}}}ilvl")
    level = ilvl.get(f"{{{W}}}val", "0") if ilvl is not None else None
    return (
        num_id.get(f"{{{W}}}val") if num_id is not None else None,
        int(level) if level is not None and level.isdigit() else None,
    )


def _runs_text(p: Any, footnote_numbers: dict[str, int], cited: list[str] | None) -> str:
    """Visible text of a <w:p>: text, tabs and breaks as spaces, superscript digits as markers, and
    footnote references numbered in order of first citation (as Word prints them)."""
    out: list[str] = []
    for node in _visible(p):
        tag = node.tag
        if tag == f"{{{W}}}t":
            text = node.text or ""
            out.append(superscript_digits(text) if _is_superscript(node) and text.strip().isdigit() else text)
        elif tag in (f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}cr"):
            out.append(" ")
        elif tag == f"{{{W}}}noBreakHyphen":
            out.append("-")
        elif tag == f"{{{W}}}footnoteReference" and cited is not None:
            note_id = node.get(f"{{{W}}}id", "")
            number = footnote_numbers.setdefault(note_id, len(footnote_numbers) + 1)
            out.append(superscript_digits(str(number)))
            cited.append(note_id)
    return "".join(out)


def _visible(node: Any) -> Iterator[Any]:
    """Descendants in document order, skipping Fallback copies of text boxes (they repeat the Choice)."""
    for child in node:
        if child.tag == _MC_FALLBACK:
            continue
        yield child
        yield from _visible(child)


def _is_superscript(t: Any) -> bool:
    run = t.getparent()
    rpr = run.find(f"{{{W}}}rPr") if run is not None else None
    align = rpr.find(f"{{{W}}}vertAlign") if rpr is not None else None
    return align is not None and align.get(f"{{{W}}}val") == "superscript"
