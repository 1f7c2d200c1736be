"""The outline of a Markdown, HTML or DOCX document from the headings its format marks.

The reader already knows which lines are headings and at which level (`#` count, h1–h6, heading styles);
what is left is the printed number and the nesting:
  - a number is read off the start of the title: a Chinese marker ("一、", "（一）") or a dotted decimal.
    A conversion may fuse the number with the title's first digits ("12050年…" after nothing, "5.12015…"
    after "5"); the number is then the one that continues the sequence (next sibling or first child of
    the open heading), the remaining digits belong to the title;
  - "3.1" is one level below "3", and "（一）" below "一、", even when both carry the same `#` count
    (conversions from PDF often do);
  - when a document numbers its headings, unnumbered headings before the first numbered one are front
    matter (the title, an author line), not parts, except an opening Prologue/Introduction, which is
    chapter 0 as in plain text; so is a lone top-level heading that opens the document
    above deeper ones (an HTML page's <h1>): its title.
The shallowest level becomes chapters, deeper ones sections numbered from the chapter ("3.2.1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sinoscope.documents import lines as L
from sinoscope.documents.lines import Line
from sinoscope.documents.outline import HeadingLine, Outline
from sinoscope.documents.schemes import SCHEME_RANK, parse_marker

_DECIMAL = re.compile(r"^\s*(\d{1,4}(?:\.\d{1,4}){0,4})")
_CLEAN = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,4})\.?(?=[\s\u3000]|[^\d.])")


@dataclass
class _Heading:
    index: int
    level: int
    title: str
    number: tuple[int, ...] | None = None
    printed: str | None = None
    scheme: str | None = None
    opening: bool = False
    """An unnumbered Prologue/Introduction before numbered chapters: chapter 0, as in the plain text."""


def find_hinted_outline(lines: list[Line], hinted: dict[int, int]) -> Outline | None:
    """Chapters and sections from the reader's heading lines (`hinted`: file line → level)."""
    found = [
        _Heading(i, level, line.text.strip())
        for i, line in enumerate(lines)
        if (level := hinted.get(line.number - 1)) is not None and not line.blank and _first_piece(lines, i)
    ]
    if not found:
        return None
    _read_numbers(found)
    if any(h.number is not None for h in found):
        first = next(k for k, h in enumerate(found) if h.number is not None)
        opening = next((k for k, h in enumerate(found[:first]) if L.OPENING_CHAPTER.match(h.title)), None)
        if opening is not None:
            found[opening].opening = True
        found = found[first if opening is None else opening :]
    _nest(found)
    return _outline(_without_title(lines, found))


def _without_title(lines: list[Line], found: list[_Heading]) -> list[_Heading]:
    """A lone top-level heading that opens the document, above deeper ones, is its title, not a part."""
    if len(found) < 2:
        return found
    top = min(h.level for h in found)
    first = found[0]
    opens = all(line.blank for line in lines[: first.index])
    if opens and first.level == top and first.number is None and all(h.level > top for h in found[1:]):
        return found[1:]
    return found


def _first_piece(lines: list[Line], i: int) -> bool:
    return i == 0 or lines[i - 1].number != lines[i].number


def _read_numbers(found: list[_Heading]) -> None:
    path: tuple[int, ...] = ()
    for h in found:
        marker = parse_marker(h.title)
        if marker is not None and marker.scheme not in ("ar",):
            h.printed, h.title, h.scheme = marker.printed, h.title[marker.body :].strip(), marker.scheme
            continue
        number, rest = _decimal(h.title, path)
        if number is not None:
            h.number, h.printed, h.title = number, ".".join(map(str, number)), rest
            path = number


def _decimal(title: str, path: tuple[int, ...]) -> tuple[tuple[int, ...] | None, str]:
    m = _DECIMAL.match(title)
    if m is None:
        return None, title
    digits = m.group(1)
    expected = [(*path[:k], path[k] + 1) for k in range(len(path))] + [(*path, 1)] if path else [(1,)]
    for number in sorted(expected, key=len, reverse=True):
        printed = ".".join(map(str, number))
        rest = digits[len(printed) :]
        if digits.startswith(printed) and (not rest or rest[0] not in ".0"):
            return number, title[m.start(1) + len(printed) :].lstrip(" .\u3000")
    clean = _CLEAN.match(title)
    if clean is None:
        return None, title
    return tuple(int(p) for p in clean.group(1).split(".")), title[clean.end() :].lstrip(" .\u3000")


def _nest(found: list[_Heading]) -> None:
    """A dotted number sits one level below its parent number, and a Chinese marker one level below the
    last heading of an outer scheme ("（一）" under "一、"), whatever the marked level says."""
    level_of: dict[tuple[int, ...], int] = {}
    outer: dict[str, int] = {}  # scheme -> level of its latest heading
    for h in found:
        if h.scheme is not None:
            rank = SCHEME_RANK[h.scheme]
            above = [level for scheme, level in outer.items() if SCHEME_RANK[scheme] < rank]
            if above:
                h.level = max(h.level, max(above) + 1)
            outer = {scheme: level for scheme, level in outer.items() if SCHEME_RANK[scheme] < rank}
            outer[h.scheme] = h.level
        if h.number is None:
            continue
        parent = h.number[:-1]
        if parent in level_of:
            h.level = max(h.level, level_of[parent] + 1)
        level_of[h.number] = h.level


def _outline(found: list[_Heading]) -> Outline | None:
    if not found:
        return None
    top = min(h.level for h in found)
    chapters: list[HeadingLine] = []
    sections: list[HeadingLine] = []
    chapter_number = 0
    open_numbers: dict[int, str] = {}
    children: dict[str, int] = {}
    used: set[tuple[str, str]] = set()  # (chapter, section number)
    for h in found:
        level = h.level - top + 1
        if level == 1:
            wanted = h.number[0] if h.number is not None and len(h.number) == 1 else chapter_number + 1
            chapter_number = wanted if wanted > chapter_number else chapter_number + 1
            if h.opening and not chapters:
                chapter_number = 0
            key = str(chapter_number)
            chapters.append(HeadingLine(h.index, key, h.title, 1, h.printed or ""))
        elif chapters:
            parent = next((open_numbers[k] for k in range(level - 1, 0, -1) if k in open_numbers), None)
            if parent is None:
                continue
            children[parent] = children.get(parent, 0) + 1
            key = _section_key(h, parent, children[parent], chapters[-1].number, used)
            used.add((chapters[-1].number, key))
            sections.append(HeadingLine(h.index, key, h.title, level, h.printed or ""))
        else:
            continue
        open_numbers = {k: v for k, v in open_numbers.items() if k < level}
        open_numbers[level] = key
    if not chapters:
        return None
    return Outline(range(0), tuple(chapters), tuple(sections))


def _section_key(h: _Heading, parent: str, nth: int, chapter: str, used: set[tuple[str, str]]) -> str:
    """The printed number when it belongs to the chapter (or the chapter 0 numbers its own parts), so
    anchors match the plain-text outline even where the printing skips a number; else parent + position."""
    if h.number is not None:
        printed = ".".join(map(str, h.number))
        if (chapter, printed) not in used and (chapter == "0" or printed.startswith(chapter + ".")):
            return printed
    return f"{parent}.{nth}"
