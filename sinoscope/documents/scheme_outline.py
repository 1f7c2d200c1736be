"""The outline of a Chinese document from its numbering schemes (一、 （一） 1． （1） …).

Which schemes are heading levels is decided for the whole document, from how each scheme is used:
  - a heading level restarts its numbering under each new parent ("（一）" again after "二、"); an
    enumeration runs on across parents ("1．" … "24．" through "（一）" … "（七）") and is a list;
  - most of a heading level's items are short: a heading on its own line, or a run-in lead phrase that
    ends at the first full stop (the rest of the paragraph is body);
  - nothing nested inside a list is a heading.
Heading schemes take levels in their conventional order (see `schemes.SCHEME_RANK`). Items are then
accepted in document order only where they continue their level's sequence under the current parent
(1, 2, 3 …); a stray "三、" quoted in a paragraph does not open a part. A top-level sequence that starts
again at 1 (an annex after the main text) continues the chapter numbers, so anchors stay unique, while the
printed number is kept as the heading's label.
"""

from __future__ import annotations

from dataclasses import dataclass

from sinoscope.documents import lines as L
from sinoscope.documents.lines import Line
from sinoscope.documents.outline import HeadingLine, Outline, find_toc
from sinoscope.documents.paragraphs import continues
from sinoscope.documents.schemes import LATIN_SCHEMES, SCHEME_RANK, Marker, as_letter, parse_marker

MAX_HEADING_CHARS = 80
"""Longest heading or run-in lead phrase (Han characters); longer items are paragraphs."""
MIN_HEADING_SHARE = 0.6
_NOT_A_TITLE_END = ("，", "；", "、", ",", ";")


@dataclass(frozen=True)
class _Candidate:
    index: int
    marker: Marker
    title: str
    shaped: bool
    """Short enough to be a heading or a run-in lead phrase."""


CHINESE_SCHEMES = frozenset({"zhang", "jie", "tiao", "cn", "pcn"})
"""Schemes written with Chinese numerals; Arabic ones alone are as likely an English numbered list."""


def find_scheme_outline(lines: list[Line], *, mixed: bool = False) -> Outline | None:
    """Chapters and sections from numbering schemes, or None when the document has no numbered parts.

    `mixed`: text that is not mostly Chinese. Roman and letter outline numbering ("I.", "A.") is read
    too, and numbering counts only when a scheme of Chinese numerals or of Roman numerals or capital
    letters is one of its heading levels (Arabic numbers alone are as likely an English numbered list).
    """
    toc = find_toc(lines)
    candidates = _candidates(lines, toc, latin=mixed)
    levels = heading_levels(candidates)
    if not levels or (mixed and not (CHINESE_SCHEMES | LATIN_SCHEMES) & levels.keys()):
        return None
    chapters, sections = _accept([c for c in candidates if c.marker.scheme in levels], levels)
    if not chapters:
        return None
    return Outline(toc, tuple(chapters), tuple(sections))


def _candidates(lines: list[Line], toc: range, *, latin: bool) -> list[_Candidate]:
    out: list[_Candidate] = []
    last_letter = 0
    for i, line in enumerate(lines):
        if i in toc or line.blank or line.has_tab or continues(lines, i):
            continue
        marker = parse_marker(line.text, latin=latin)
        if marker is None:
            continue
        if marker.scheme == "rom" and len(marker.printed) == 1 and ord(marker.printed) - 64 == last_letter + 1:
            marker = as_letter(marker)  # "I." right after "H." is the ninth letter item
        if marker.scheme == "ualpha":
            last_letter = marker.value
        out.append(_candidate(i, line, marker))
    return out


def _candidate(i: int, line: Line, marker: Marker) -> _Candidate:
    body = line.text[marker.body :].strip()
    title = body[:-1] if body.endswith(("。", "！", "？")) else body
    shaped = (
        0 < len(title) <= MAX_HEADING_CHARS
        and "。" not in title
        and not title.endswith(_NOT_A_TITLE_END)
        and not L.FOOTNOTE_BODY.match(line.text)
        and not (marker.scheme in LATIN_SCHEMES and title.endswith(".") and len(title.split()) > 6)
    )
    return _Candidate(i, marker, title.strip(), shaped)


def heading_levels(candidates: list[_Candidate]) -> dict[str, int]:
    """Scheme → heading level (1 = chapter) for the schemes the document uses as headings."""
    present = sorted({c.marker.scheme for c in candidates}, key=SCHEME_RANK.__getitem__)
    levels: dict[str, int] = {}
    for scheme in present:
        if not _is_heading_scheme(scheme, candidates):
            break  # nothing nested inside a list is a heading
        levels[scheme] = len(levels) + 1
    return levels


def _is_heading_scheme(scheme: str, candidates: list[_Candidate]) -> bool:
    rank = SCHEME_RANK[scheme]
    items = [c for c in candidates if c.marker.scheme == scheme]
    if len(items) < 2:
        return False
    if sum(c.shaped for c in items) < MIN_HEADING_SHARE * len(items):
        return False
    run_on = restart = 0
    last: int | None = None
    parent_between = False
    for c in candidates:
        if SCHEME_RANK[c.marker.scheme] < rank:
            parent_between = True
            continue
        if c.marker.scheme != scheme:
            continue
        if last is not None and parent_between:
            if c.marker.value == last + 1:
                run_on += 1
            elif c.marker.value == 1:
                restart += 1
        last, parent_between = c.marker.value, False
    return run_on <= restart


def _accept(candidates: list[_Candidate], levels: dict[str, int]) -> tuple[list[HeadingLine], list[HeadingLine]]:
    chapters: list[HeadingLine] = []
    sections: list[HeadingLine] = []
    depth = max(levels.values())
    last: list[int | None] = [None] * (depth + 1)
    """Last accepted value at each level under the current parents."""
    path: list[int | None] = [None] * (depth + 1)
    """Number of the open heading at each level (chapter number at level 1)."""
    chapter_number = 0
    for c in candidates:
        level = levels[c.marker.scheme]
        value = c.marker.value
        previous = last[level]
        if level == 1:
            if not (value == 1 or (previous is not None and value == previous + 1)):
                continue
            chapter_number += 1
            path[1] = chapter_number
            chapters.append(HeadingLine(c.index, str(chapter_number), c.title, 1, c.marker.printed))
        else:
            if path[1] is None or not _continues(previous, value):
                continue
            path[level] = value
            number = ".".join(str(p) for p in path[1 : level + 1] if p is not None)
            sections.append(HeadingLine(c.index, number, c.title, level, c.marker.printed))
        last[level] = value
        for deeper in range(level + 1, depth + 1):
            last[deeper] = None
            path[deeper] = None
    return chapters, sections


def _continues(previous: int | None, value: int) -> bool:
    return value == 1 if previous is None else value == previous + 1
