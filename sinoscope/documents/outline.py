"""Which lines are chapter and section headings.

A line such as "2 Preferential policies ..." looks exactly like a chapter heading, and so do the numbered
parts of a Prologue. Chapters are therefore chosen together, not line by line: the chosen headings must
count 1, 2, 3, ... in document order, and among the possible sequences the one that agrees best with
the table of contents (when the report has one), whose chapters open with numbered sections, and
that is longest wins. Ties go to the later sequence, since front matter and prologues come first.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

import cn2an

from sinoscope.documents import lines as L
from sinoscope.documents.lines import Line

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class HeadingLine:
    index: int
    number: str
    """"4", "4.3.1"; "0" for an unnumbered opening chapter."""
    title: str
    level: int
    """1 for chapters, 2 for "4.3", 3 for "4.3.1" ..."""
    label: str | None = None
    """The number as printed when it differs from `number` ("一", "（一）"); "" for a heading printed
    without a number; None when `number` is what the document prints."""


@dataclass(frozen=True)
class Outline:
    toc: range
    """Line indexes of the table of contents (empty when there is none)."""
    chapters: tuple[HeadingLine, ...]
    sections: tuple[HeadingLine, ...]


def find_toc(lines: list[Line]) -> range:
    """The contents block: its title line, then entries that carry tabs or end with page numbers."""
    for line in lines[: max(1, len(lines) // 3)]:
        if not L.TOC_TITLE.match(line.text):
            continue
        end = line.index + 1
        for nxt in lines[line.index + 1 :]:
            if nxt.blank:
                continue
            if nxt.has_tab or L.TOC_PAGE.search(nxt.text):
                end = nxt.index + 1
                continue
            break
        if end > line.index + 1:
            return range(line.index, end)
    return range(0)


def _toc_entries(lines: list[Line], toc: range) -> dict[int, list[str]]:
    """Chapter number → normalised title beginnings listed in the contents (0 for opening chapters)."""
    entries: dict[int, list[str]] = {}
    for i in toc:
        text = lines[i].text
        m = re.match(r"^\s*(\d{1,2})\.?(?:\t+|\s+)(\S.*)$", text)
        if m and not re.match(r"^\s*\d+\.\d", text):
            entries.setdefault(int(m.group(1)), []).append(_toc_title(m.group(2)))
            continue
        stripped = text.replace("\t", "")
        if L.OPENING_CHAPTER.match(re.sub(r"\s*(?:\d{1,4}|[ivxlc]{1,5})\s*$", "", stripped)):
            entries.setdefault(0, []).append(_toc_title(text))
    return entries


def _toc_title(text: str) -> str:
    text = re.sub(r"\t+(?:\d{1,4}|[ivxlc]{1,5})?\s*$", "", text.rstrip("\t "))
    # Broken words are split by tabs ("Indu\tstrial"): joining without a space recovers them.
    return L.normalise_title(text.replace("\t", ""))


def _matches_toc(title: str, candidates: list[str]) -> bool:
    head = L.normalise_title(title)
    for entry in candidates:
        n = min(24, len(entry), len(head))
        if n >= 4 and difflib.SequenceMatcher(None, head[:n], entry[:n]).ratio() >= 0.75:
            return True
    return False


def _chapter_number(text: str) -> tuple[int, str] | None:
    for pattern in (L.CHAPTER_WORD, L.CHAPTER_CJK, L.CHAPTER_NUMBERED):
        m = pattern.match(text)
        if m is None:
            continue
        raw, title = m.group("n"), m.group("title").strip()
        if raw.isdigit():
            n = int(raw)
        elif raw[0] in _ROMAN:
            n = _roman(raw)
        else:
            try:
                n = int(cn2an.cn2an(raw, "smart"))
            except (ValueError, KeyError):
                continue
        if not L.looks_like_title(title) and (title or pattern is L.CHAPTER_NUMBERED):
            continue
        if pattern is L.CHAPTER_NUMBERED and title.endswith("."):
            continue
        return n, title
    return None


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, [*text[1:], ""], strict=True):
        va, vb = _ROMAN[a], _ROMAN.get(b, 0)
        total += -va if va < vb else va
    return total


def _section_number(text: str) -> tuple[str, str] | None:
    m = L.SECTION.match(text)
    if m is None:
        return None
    title = m.group("title").strip()
    first = title[0]
    if not (first.isupper() or first in "“\"'‘(「《" or "\u4e00" <= first <= "\u9fff"):
        return None
    if not L.looks_like_title(title):
        return None
    return m.group("n"), title


def find_outline(lines: list[Line]) -> Outline:
    """Chapters and sections of the document.

    Format hints (heading styles) are not used here on purpose: the same report must get the same
    outline whether it arrives as text, PDF or DOCX, and the readers already print headings as lines.
    """
    toc = find_toc(lines)
    toc_entries = _toc_entries(lines, toc)
    usable = [ln for ln in lines if ln.index not in toc and not ln.blank and not ln.has_tab]
    candidates: list[HeadingLine] = []
    for ln in usable:
        found = _chapter_number(ln.text)
        if found is not None and not L.FOOTNOTE_BODY.match(ln.text):
            candidates.append(HeadingLine(ln.index, str(found[0]), found[1], 1))
    sections_at = {ln.index: s for ln in usable if (s := _section_number(ln.text)) is not None}
    chain = _best_chain(candidates, toc_entries, sections_at)
    first_line = chain[0].index if chain else len(lines)
    opening = _opening_chapter(usable, toc, first_line)
    chapters = ([opening] if opening is not None else []) + chain
    return Outline(toc, tuple(chapters), tuple(_sections(usable, chapters, candidates, sections_at)))


def _best_chain(
    candidates: list[HeadingLine], toc: dict[int, list[str]], sections_at: dict[int, tuple[str, str]]
) -> list[HeadingLine]:
    if not candidates:
        return []
    section_lines = sorted(sections_at)

    def opens_with_section(i: int) -> bool:
        c = candidates[i]
        k = bisect.bisect_right(section_lines, c.index)
        nxt = section_lines[k] if k < len(section_lines) else None
        later = candidates[i + 1].index if i + 1 < len(candidates) else None
        if nxt is None or (later is not None and nxt > later):
            return False
        return sections_at[nxt][0].split(".")[0] == c.number

    own = [
        (1 if _matches_toc(c.title, toc.get(int(c.number), [])) else 0, 1 if opens_with_section(i) else 0)
        for i, c in enumerate(candidates)
    ]
    lowest = min(int(c.number) for c in candidates)
    start_number = 1 if any(c.number == "1" for c in candidates) else lowest
    # best[i]: score of the best chain ending at candidate i, as (toc hits, sectioned, length, start line).
    best: list[tuple[int, int, int, int] | None] = [None] * len(candidates)
    prev: list[int | None] = [None] * len(candidates)
    # leader[n]: the earlier candidate numbered n ending the best chain so far (the first one on ties), so
    # extending a chain looks at one predecessor and the search stays linear.
    leader: dict[int, int] = {}
    for i, c in enumerate(candidates):
        n = int(c.number)
        if n == start_number:
            best[i] = (own[i][0], own[i][1], 1, c.index)
        j = leader.get(n - 1)
        bj = best[j] if j is not None else None
        if j is not None and bj is not None:
            score = (bj[0] + own[i][0], bj[1] + own[i][1], bj[2] + 1, bj[3])
            current = best[i]
            if current is None or score > current:
                best[i], prev[i] = score, j
        mine = best[i]
        if mine is not None:
            held = leader.get(n)
            held_score = best[held] if held is not None else None
            if held_score is None or mine > held_score:
                leader[n] = i
    ends = [i for i in range(len(candidates)) if best[i] is not None]
    if not ends:
        return []
    end = max(ends, key=lambda i: best[i] or (0, 0, 0, 0))
    chain: list[HeadingLine] = []
    k: int | None = end
    while k is not None:
        chain.append(candidates[k])
        k = prev[k]
    return chain[::-1]


def _opening_chapter(usable: list[Line], toc: range, before: int) -> HeadingLine | None:
    after = toc.stop if toc else 0
    for ln in usable:
        if ln.index < after or ln.index >= before:
            continue
        if L.OPENING_CHAPTER.match(ln.text) and L.looks_like_title(ln.text):
            return HeadingLine(ln.index, "0", ln.text.strip(), 1)
    return None


def _sections(
    usable: list[Line],
    chapters: list[HeadingLine],
    candidates: list[HeadingLine],
    sections_at: dict[int, tuple[str, str]],
) -> list[HeadingLine]:
    """Numbered sections under each chapter, in increasing order; strays are left to be paragraphs."""
    out: list[HeadingLine] = []
    top_level = {c.index: c for c in candidates}
    k = -1
    last: tuple[int, ...] = ()
    for ln in usable:  # one pass, chapter by chapter, so the work is linear in the lines
        while k + 1 < len(chapters) and chapters[k + 1].index < ln.index:
            k += 1
            last = ()
        if k < 0:
            continue
        chapter = chapters[k]
        stop = chapters[k + 1].index if k + 1 < len(chapters) else None
        if ln.index <= chapter.index or (stop is not None and ln.index >= stop):
            continue
        found: tuple[str, str] | None = sections_at.get(ln.index)
        if found is None and chapter.number == "0" and ln.index in top_level:
            # An unnumbered opening chapter numbers its own parts "1", "2" ...
            found = (top_level[ln.index].number, top_level[ln.index].title)
        if found is None:
            continue
        number, title = found
        parts = tuple(int(p) for p in number.split("."))
        if chapter.number != "0" and str(parts[0]) != chapter.number:
            continue
        if parts <= last:
            continue
        if len(parts) == 1 and parts[0] != (last[0] + 1 if last else 1):
            continue
        last = parts
        # Inside an opening chapter "1" is a level-2 part and "1.1" level 3; in chapter 4, "4.3" is level 2.
        out.append(HeadingLine(ln.index, number, title, len(parts) + (1 if chapter.number == "0" else 0)))
    return out
