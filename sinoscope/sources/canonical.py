"""The one text shape every structured reader writes, so structure recovery sees a single layout.

The shape mirrors the plain-text conversions structure recovery was built on: blocks separated by one
blank line, one paragraph per line, headings alone on their line, table captions alone on their line,
table rows as tab-separated lines, list items as consecutive lines. Readers of formats that know their
structure (HTML, Markdown, DOCX, PDF) describe what they find to a `CanonicalWriter`; the writer owns the
layout and records line indexes of headings and table rows as `StructureHints`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sinoscope.sources.model import StructureHints

_SPACE = re.compile(r"\s+")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def clean_inline(text: str) -> str:
    """Collapse every run of whitespace (including newlines and tabs) to one space.

    A newline or tab inside a paragraph or cell would break the one-line-per-paragraph and
    tab-separated-cell conventions, so it can never survive into the canonical text.
    """
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def superscript_digits(text: str) -> str:
    """Footnote markers as the conversions print them ("⁴"), so one footnote rule fits every format."""
    return text.translate(_SUPERSCRIPT)


class CanonicalWriter:
    """Accumulates blocks and renders them with their structure hints; empty blocks are dropped."""

    def __init__(self) -> None:
        self._blocks: list[tuple[list[str], str, int, int | None]] = []
        """(lines, kind, heading level, page); kind is "heading", "table" or "text"."""
        self.page: int | None = None
        """0-based page the next blocks come from, for paged formats (PDF); None when unknown."""
        self.page_starts: list[tuple[int, int]] = []
        """After `render`: (offset into the text, 0-based page) where each page's blocks begin."""

    def heading(self, text: str, level: int) -> None:
        line = clean_inline(text)
        if line:
            self._blocks.append(([line], "heading", max(1, level), self.page))

    def paragraph(self, text: str) -> None:
        line = clean_inline(text)
        if line:
            self._blocks.append(([line], "text", 0, self.page))

    def lines(self, lines: Iterable[str]) -> None:
        """A block of lines kept as lines: list items, preformatted text, a caption with its notes."""
        kept = [clean_inline(line) for line in lines]
        kept = [line for line in kept if line]
        if kept:
            self._blocks.append((kept, "text", 0, self.page))

    def table(self, rows: Sequence[Sequence[str]]) -> None:
        """Rows of cells; a row whose cells are all empty is dropped, short rows keep their cells."""
        lines: list[str] = []
        for row in rows:
            cells = [clean_inline(cell) for cell in row]
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                lines.append("\t".join(cells))
        if lines:
            self._blocks.append((lines, "table", 0, self.page))

    def render(self) -> tuple[str, StructureHints]:
        out: list[str] = []
        headings: dict[int, int] = {}
        table_lines: set[int] = set()
        line_no = 0
        offset = 0
        self.page_starts = []
        for lines, kind, level, page in self._blocks:
            if out:
                out.append("")
                line_no += 1
                offset += 1
            if page is not None and (not self.page_starts or self.page_starts[-1][1] != page):
                self.page_starts.append((offset, page))
            offset += sum(len(line) + 1 for line in lines)
            for line in lines:
                if kind == "heading":
                    headings[line_no] = level
                elif kind == "table":
                    table_lines.add(line_no)
                out.append(line)
                line_no += 1
        text = "\n".join(out) + "\n" if out else ""
        return text, StructureHints(headings=headings, table_lines=frozenset(table_lines))
