"""What a single line of extracted text looks like: heading, caption, footnote, table row, note...

Conversions of long reports put one paragraph, heading or table row per line; everything structure
recovery decides starts from these per-line shapes. The patterns are deliberately about layout
(numbering, superscripts, tabs, "Table 4-4."), never about the words of a particular report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


@dataclass(frozen=True)
class Line:
    index: int
    """0-based line number."""
    start: int
    end: int
    """Offsets into the document text; `end` excludes the newline."""
    text: str
    physical: int = -1
    """0-based line of the file this line comes from, when a long line was cut into several (paragraphs
    run together with U+3000 indents, a run-in heading and its paragraph); -1 means `index`."""

    @property
    def number(self) -> int:
        """1-based line number in the document text, as citations and gold data count lines."""
        return (self.physical if self.physical >= 0 else self.index) + 1

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def has_tab(self) -> bool:
        """The line holds table cells: tab-separated, a Markdown pipe row kept in a plain-text file, or columns
        set apart by bars or runs of spaces alone (`row_layout`)."""
        return row_layout(self.text) is not None


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        out.append(Line(i, pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def superscript_to_digits(marker: str) -> str:
    return marker.translate(_SUPER_TO_DIGIT)


FOOTNOTE_BODY = re.compile(rf"^\s*([{SUPERSCRIPT_DIGITS}]+)\s*(?=\S)")
"""A footnote body starts with its superscript number: "⁴ Tsinghua Unigroup was ..."."""

FOOTNOTE_MARKER = re.compile(rf"([{SUPERSCRIPT_DIGITS}](?<=[^\s{SUPERSCRIPT_DIGITS}].)[{SUPERSCRIPT_DIGITS}]*)")
r"""A marker glued to the word or punctuation it annotates: "SMIC⁴", "2025.¹²". Written to start with the
superscript class (then a look-behind at the character before it), so the engine scans for a superscript
instead of trying a look-behind at every character; the same matches as `(?<=[^\s⁰-⁹])([⁰-⁹]+)`."""

CAPTION = re.compile(
    r"^\s*(?P<kind>Table|TABLE|Figure|FIGURE|Fig\.|Chart|Exhibit|表|图|圖)\s*"
    r"(?P<label>\d+(?:\s?[-–.]\s?\d+)*)\s*(?:[.:：]|(?<=\d)(?=\s*[\u4e00-\u9fff]))\s*(?P<title>.*)$"
)
""""Table 4-4. Percentage of ...", "Figure 1-1: Trends ...", "表1-2 ...": a label then "." or ":".
"Table 4-4 took the value ..." (a sentence about the table) has no such punctuation and is prose."""

CJK_CAPTION = re.compile(
    r"^\s*(?P<kind>表|图|圖)\s*(?P<label>\d+(?:[-–.]\d+)*|[一二三四五六七八九十]{1,3})"
    r"(?:\s*[:：、．]|[ \u3000]+(?=\S))\s*(?P<title>.*)$"
)
"""Chinese captions the pattern above misses: a label set off by a space before a title that starts with a
digit ("表1　2015—2024年…"), or a label in Chinese numerals ("表一：…", "图二　…", as Hong Kong and Taiwanese
filings number them). A space or a colon is required: "表1显示…" is a sentence about the table."""


def caption_match(text: str) -> re.Match[str] | None:
    """The caption pattern that reads `text`, if any (groups: kind, label, title)."""
    return CAPTION.match(text) or CJK_CAPTION.match(text)


CHAPTER_NUMBERED = re.compile(r"^\s*(?P<n>\d{1,2})\.?[ \u3000]+(?P<title>[A-Z“\"'‘(\u4e00-\u9fff][^\t]{2,250})$")
CHAPTER_WORD = re.compile(
    r"^\s*(?:Chapter|CHAPTER|Part|PART)\s+(?P<n>\d{1,2}|[IVXLC]{1,6})\b\s*[.:：\-–—]?\s*(?P<title>[^\t]{0,250})$"
)
CHAPTER_CJK = re.compile(r"^\s*第\s*(?P<n>[一二三四五六七八九十\d]{1,3})\s*章\s*(?P<title>[^\t]{0,250})$")
OPENING_CHAPTER = re.compile(
    r"^\s*(?:Prologue|Introduction|Preface|Foreword|Overview|Opening Remarks|序章|序言|前言|引言|绪论)"
    r"(?:\s*[:：\-–—]\s*\S.*|\s*)$"
)
"""An unnumbered opening chapter; "Executive Summary" is deliberately not one (it is front matter)."""

SECTION = re.compile(r"^\s*(?P<n>\d{1,2}(?:\.\d{1,2}){1,4})\.?[ \u3000]+(?P<title>[^\t]{2,250})$")
TOC_TITLE = re.compile(r"^\s*(?:Table of Contents|Contents|CONTENTS|目[ \u3000]*录|目[ \u3000]*次)\s*$")
TOC_PAGE = re.compile(r"(?:\s|[.…·．⋯_\-]{2,})(?:\d{1,4}|[ivxlc]{1,5})\s*$")
"""A contents entry ends with its page number after a space or dot leaders ("一、总体要求……3")."""
LIST_ITEM = re.compile(
    r"^\s*(?:[-•·▪●◦*–]\s+|[①-⑳]|\(\d{1,2}\)\s*|\d{1,2}\)\s+|\([a-zA-Z]\)\s+|[a-z]\)\s+|（\d{1,2}）)"
)
PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|[ivxlc]{1,6}|-\s*\d{1,4}\s*-)\s*$")

_NOTE_PREFIX = re.compile(
    r"^\s*(?:Sources?|Notes?|Remarks?|Explanations?|Legend|Units?|Data|出所|出典|资料来源|數據來源|来源|注|備考)"
    r"\s*\d*\s*[:：]",
    re.IGNORECASE,
)
_PARENTHETICAL = re.compile(r"^\s*[(（][^\t]{1,300}[)）]\s*$")
_NUMBERED_PAREN = re.compile(r"^\s*[(（]\s*(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\s*[)）]")
_TERMINAL = re.compile(r"[.!?。！？:;：；\"”’)\]）»]$")


def is_note(text: str) -> bool:
    """A line that belongs to a nearby table without being a row: units, source, notes, "(Prepared by ...)"."""
    if _NOTE_PREFIX.match(text):
        return True
    return bool(_PARENTHETICAL.match(text)) and not _NUMBERED_PAREN.match(text)


def is_note_prefix(text: str) -> bool:
    return bool(_NOTE_PREFIX.match(text))


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


_PIPE_ROW = re.compile(r"^\s*\|(?:[^|\n]*\|){2,}\s*$")
_PIPE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


def is_pipe_row(text: str) -> bool:
    """A Markdown pipe-table row ("| 指标 | 单位 | 2025年 |") in a file read as plain text: text exported
    from wikis, chat tools and Markdown editors keeps them, and without this each row was one text cell."""
    return "|" in text and bool(_PIPE_ROW.match(text))


_BAR = re.compile(r"[ \u3000]\|[ \u3000]")


def is_bar_row(text: str) -> bool:
    """Three or more columns set apart by spaced bars with no bars at the ends ("指标 | 2020年 | 2025年"): how
    spreadsheets and PDF tables pasted into plain text, and plain-text statistical releases, print a table
    when there is no Markdown rule line. Two spaced bars are needed, so prose with one "a | b" is not a row."""
    return "\t" not in text and not text.lstrip().startswith("|") and len(_BAR.findall(text)) >= 2


_SPACES = re.compile(r"[ \u3000]{2,}")
_SENTENCE_END = re.compile(r"[.。;；:：,，]\s*$")


def is_spaced_row(text: str) -> bool:
    """Three or more columns aligned with runs of spaces, as `pdftotext -layout` and plain-text statistical
    releases print a table ("Cathode materials     3,860   +21.4%"): short cells (a header's) or cells with
    figures after the row label, on a short line that does not end like a sentence. Prose justified with double
    spaces has long cells and ends with punctuation."""
    if "\t" in text or "|" in text or len(text) > 200 or _SENTENCE_END.search(text):
        return False
    parts = [c for c in _SPACES.split(text.strip()) if c]
    if len(parts) < 3:
        return False
    figures = sum(1 for c in parts[1:] if any(ch.isdigit() for ch in c))
    return figures >= len(parts[1:]) / 2 or all(len(c) <= 24 for c in parts)


def is_pipe_rule(text: str) -> bool:
    """The "|---|:--:|" line under a pipe table's header: layout, not a row."""
    return "-" in text and bool(_PIPE_RULE.match(text))


def row_layout(text: str) -> str | None:
    """How a line separates table cells, if it does: "tab", "pipe" (a Markdown row), "bar" (spaced bars, no
    outer ones) or "spaced" (runs of spaces); tabs win over any of the others."""
    if "\t" in text:
        return "tab"
    if is_pipe_row(text):
        return "pipe"
    if is_bar_row(text):
        return "bar"
    return "spaced" if is_spaced_row(text) else None


def cells(text: str) -> list[str]:
    """Cells as printed (tab-separated, between the bars of a pipe row, or set apart by spaced bars or runs of
    spaces), stripped, without the trailing empty ones."""
    layout = row_layout(text)
    if layout == "pipe":
        parts = [c.strip() for c in text.strip()[1:-1].split("|")]
    elif layout == "bar":
        parts = [c.strip() for c in _BAR.split(text)]
    elif layout == "spaced":
        parts = [c.strip() for c in _SPACES.split(text.strip())]
    else:
        parts = [c.strip() for c in text.split("\t")]
    while parts and not parts[-1]:
        parts.pop()
    return parts


def is_row(text: str) -> bool:
    """A table row with at least two filled cells (a stray trailing tab is not a row)."""
    if row_layout(text) is None:
        return False
    return sum(1 for c in cells(text) if c) >= 2


def looks_like_title(title: str) -> bool:
    """Headings are short and do not read as a sentence running on."""
    t = title.strip()
    if not t or len(t) > 220:
        return False
    if t.endswith((",", ";")):
        return False
    return not (t.endswith(".") and len(t) > 90)


def clean_caption(text: str) -> str:
    """Captions broken by tabs: "Doc\tuments" → "Documents", "Southeast\tAsian" → "Southeast Asian"."""
    t = re.sub(r"(?<=[a-z])\t+(?=[a-z])", "", text)
    return re.sub(r"\s+", " ", t).strip()


def normalise_title(text: str) -> str:
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]+", "", text.lower())
