"""Cut a file's lines where Chinese text starts a new paragraph or a run-in heading ends.

Two shapes of Chinese text hide several blocks in one line:
  - paragraphs run together on one line, each opened by its ideographic indent ("…。\u3000\u3000下一段…");
  - a run-in heading, the numbered lead phrase of a paragraph ("（一）坚持…。body…"), whose title ends at
    the first full stop.
Both are cut into several `Line`s that keep their file line (`Line.physical`) and exact offsets, so the
rest of structure recovery stays line-based and every span still points at the file's characters. A
lead phrase that turns out not to be a heading is joined back to its paragraph (see `continues`).
"""

from __future__ import annotations

import itertools
import re

from sinoscope.documents.lines import Line
from sinoscope.documents.schemes import parse_marker

_INDENTED_RUN = re.compile(r"(?<=[。！？；…”」』])(?=\u3000+\S)")
_LEAD_END = re.compile(r"[。！？]")


def split_runs(lines: list[Line]) -> list[Line]:
    """The lines with indented paragraph runs and run-in lead phrases cut apart; linear in the text."""
    out: list[Line] = []
    for line in lines:
        if line.blank or line.has_tab:
            out.append(_piece(len(out), line, 0, len(line.text)))
            continue
        for a, b in _cuts(line.text):
            out.append(_piece(len(out), line, a, b))
    return out


_PAGE_BREAK = re.compile(r"[\f\v]")


def split_page_breaks(lines: list[Line]) -> list[Line]:
    """Form feeds and vertical tabs (page breaks of text exports) end a line; the break itself is dropped."""
    out: list[Line] = []
    for line in lines:
        if _PAGE_BREAK.search(line.text) is None:
            out.append(_piece(len(out), line, 0, len(line.text)))
            continue
        start = 0
        for m in _PAGE_BREAK.finditer(line.text):
            out.append(_piece(len(out), line, start, m.start()))
            start = m.end()
        out.append(_piece(len(out), line, start, len(line.text)))
    return out


def _piece(index: int, line: Line, a: int, b: int) -> Line:
    return Line(index, line.start + a, line.start + b, line.text[a:b], line.number - 1)


def _cuts(text: str) -> list[tuple[int, int]]:
    bounds = [0, *(m.start() for m in _INDENTED_RUN.finditer(text)), len(text)]
    pieces: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(bounds):
        pieces.extend(_lead_cut(text, a, b))
    return pieces


def _lead_cut(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A numbered piece cut after its lead phrase's full stop when body text follows it."""
    marker = parse_marker(text[a:b])
    if marker is None:
        return [(a, b)]
    stop = _LEAD_END.search(text, a + marker.body, b)
    if stop is None or not text[stop.end() : b].strip():
        return [(a, b)]
    return [(a, stop.end()), (stop.end(), b)]


def continues(lines: list[Line], i: int) -> bool:
    """Line `i` was cut from the same file line right after line `i - 1` (and is not an indented paragraph)."""
    if i <= 0 or i >= len(lines):
        return False
    prev, line = lines[i - 1], lines[i]
    return prev.end == line.start and line.physical >= 0 and not line.text[:1].isspace()
