"""Numbers that are not quantities: references, section numbers, list markers, URLs, titles, clock times.

These are found as spans over the whole text before any quantity is read, so that "Table 4-1", "4.3.1",
"(2)" or a number inside a URL or an article title never becomes a fact. Dates and years in names are
handled with the other time expressions in `periods`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_NUM = r"\d+(?:[.\-–]\d+)*[A-Za-z]?"
_REF_WORDS = (
    r"Tables?|Tab\.|Fig(?:ure)?s?\.?|Charts?|Graphs?|Chapters?|Chap\.|Ch\.|Sections?|Sec\.|§§?|Articles?|Art\."
    r"|Paragraphs?|Paras?\.|pp?\.|Pages?|Vol(?:ume)?s?\.?|Nos?\.|Numbers?(?=\s+\d+\b(?!\s*(?:%|percent)))"
    r"|Parts?|Annex(?:es)?|Appendix|Appendices|Notes?|Box(?:es)?|Panels?|Items?|Steps?|Phases?|Stages?"
    r"|Rounds?|Clauses?|Equations?|Eq\.|Eqs\.|Footnotes?|fn\.|Exhibits?|Schedules?|Rules?|Version|ver\.|Rev\."
    r"|Level|Tier|Lot|Model|Series|Issue|Question|Q\.|Case|Scenario|Option|Objective|Goal|Priority|Pillar"
    r"|Document|Order|Decree|Circular|Resolution|Report|Recommendation|Principle|Lines?|Rows?|Columns?"
    r"|Plan(?=\s+\d+\b)|Project(?=\s+\d+\b)|Program(?:me)?(?=\s+\d+\b)|Act(?=\s+\d+\b)|Law(?=\s+\d+\b)"
    r"|第"
)
_REF = re.compile(
    rf"(?<![\w])(?:{_REF_WORDS})\s*{_NUM}(?:\s*(?:,|and|to|&|or|-|–|~)\s*{_NUM})*",
    re.IGNORECASE,
)
_CASELESS_LETTERS = "A-Za-z\u0130\u0131\u017f\u212a"
"""What [A-Za-z] matches under IGNORECASE: the ASCII letters, and İ, ı, ſ and the Kelvin sign."""
_REF_AT = re.compile(rf"[{_CASELESS_LETTERS}§第](?<![\w].)[{_CASELESS_LETTERS}§]*\.?\s*\d")
"""Where a reference can start: a word (letters, a final dot, § or 第) not glued to what precedes it, then
spaces and a digit. Every `_REF` match starts so, since each of its words is letters with at most a final
dot, or §/第, and a number follows; `_refs` tries `_REF` only there. Scanning with `_REF` itself tried its
~90 case-insensitive alternatives at every word and was a third of the exclusions' cost."""
_LOWER_REF_OK = frozenset({"table", "tables", "figure", "figures", "fig.", "chapter", "chapters", "section",
                           "sections", "article", "articles", "paragraph", "p.", "pp.", "vol.", "no.", "nos.",
                           "annex", "appendix", "footnote", "note", "第"})  # fmt: skip
_SECTION_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.]\d)")
_HEADING = re.compile(r"^[ \t]*(\d+(?:\.\d+)*\.?)[ \t]+(?=[A-Z“\"'‘(])", re.MULTILINE)
_ENUM_LINE = re.compile(r"^[ \t]*(?:[-•·*–][ \t]*)?[(（]?(\d{1,2}|[a-z])[)）.](?=[ \t])", re.MULTILINE)
_ENUM_PAREN = re.compile(r"[(（](\d{1,2}|[ivx]{1,4})[)）](?=\s*[A-Za-z\u4e00-\u9fff])")
_URL = re.compile(
    r"<[^<>\s]+>|\b(?:https?|ftp)://\S+|\bwww\.\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\bdoi:\s?\S+"
    r"|\b\S+\.(?:html?|pdf|aspx?|php|jsp|xlsx?|docx?)\b\S*|\b(?:ISBN|ISSN)[\s:-]*[\dXx-]+",
    re.IGNORECASE,
)
_URL_COLON_DOT = re.compile(r"[.:](?:(?<=[pPsSſiIİı]:)|(?<=[wW]\.)|(?<=\.)[hpajxdHPAJXD])")
_URL_ISBN = re.compile("[iIİı][sSſ][bBsSſ][nN]")
"""The literals every `_URL` branch needs, as patterns that start with a character class (which the regex
engine scans for quickly; a case-insensitive alternation of them tried every branch at every character and
cost more than the URLs it gated): '<', '@', a colon after http(s)/ftp/doi, "www." or a dot before a file
extension, ISBN/ISSN. The letters are spelled with every character IGNORECASE lets them match (ſ for s, ı and
İ for i), so no text `_URL` matches is missed (`tests/extraction/test_scan_prefilters.py`)."""


def _url_possible(text: str) -> bool:
    return "<" in text or "@" in text or _URL_COLON_DOT.search(text) is not None or _URL_ISBN.search(text) is not None


_CLOCK_RATIO = re.compile(r"\d(?<![\w.]\d)(?:\d*(?:\s?:\s?\d+)+(?![\w])|\d*/\d+(?:/\d+)?(?![\w]))")
r"""A clock time or a ratio (12:30, 3:1, 1/3, 2024/1/5), not glued to a word or a decimal point before it.
Written to start with its first digit (the look-behind then checks the character before it), so the engine
scans for a digit instead of trying a look-behind at every character: the same matches as
`(?<![\w.])\d+(?:\s?:\s?\d+)+(?![\w])|(?<![\w.])\d+/\d+(?:/\d+)?(?![\w])`, 4-6x faster."""
_UNIT_DECLARATION = re.compile(
    r"(?:\bUnits?|单位)\s*[:：]\s*(?:[A-Za-z$¥€]{1,4}\s?)?[\d,.]+"
    r"(?:\s*(?:hundred\s+)?(?:thousand|million|billion|trillion))?(?:\s+[A-Za-z]+)?|(?:单位)\s*[:：]\s*\S{1,8}",
    re.IGNORECASE,
)
"""A unit declared for a table or chart ("Unit: 10,000 persons") names a scale, not a figure."""
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{3,200})[”\"]|‘([^‘’\n]{3,200})’")
_TITLE_SMALL = frozenset({"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "at", "by", "from",
                          "with", "as", "vs", "via", "into", "over", "under", "is", "its"})  # fmt: skip


_REF_HINT = re.compile("[A-Za-z§第]", re.IGNORECASE)
_SECTION_HINT = re.compile(r"\d\.\d+\.\d")
_UNIT_HINT = re.compile("unit|单位", re.IGNORECASE)
_CLOCK_HINT = re.compile("[:/]")
"""Literals the costlier patterns cannot match without (a Chinese paragraph has no Latin letters, few have a
colon): a pattern whose literal is absent finds nothing, so its scan of the paragraph is skipped."""


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` in which no number is a quantity, sorted by start (they may overlap)."""
    spans: list[tuple[int, int]] = []
    if _url_possible(text):  # the URL pattern is costly; most paragraphs have none
        for m in _URL.finditer(text):
            spans.append(m.span())
    for m in _refs(text) if _REF_HINT.search(text) else ():
        word = re.match(r"[^\s\d]+", m.group(0))
        lead = word.group(0) if word else ""
        if lead[:1].islower() and lead.lower() not in _LOWER_REF_OK:
            continue
        spans.append(m.span())
    for m in _SECTION_NUMBER.finditer(text) if _SECTION_HINT.search(text) else ():
        spans.append(m.span())
    for m in _HEADING.finditer(text):
        line_end = text.find("\n", m.start())
        line = text[m.start() : line_end if line_end >= 0 else len(text)].rstrip()
        if len(line) < 160 and not line.endswith((".", "。", ":", ";", ",")):
            spans.append(m.span(1))
    for m in _ENUM_LINE.finditer(text):
        spans.append(m.span(1))
    for m in _ENUM_PAREN.finditer(text):
        spans.append(m.span())
    for m in _UNIT_DECLARATION.finditer(text) if _UNIT_HINT.search(text) else ():
        spans.append(m.span())
    for m in _CLOCK_RATIO.finditer(text) if _CLOCK_HINT.search(text) else ():
        spans.append(m.span())
    for m in _QUOTED.finditer(text):
        inner = m.group(1) or m.group(2) or ""
        if _is_title(inner):
            spans.append(m.span())
    spans.sort()
    return spans


def _refs(text: str) -> Iterator[re.Match[str]]:
    """`_REF.finditer(text)`, trying `_REF` only where `_REF_AT` says a reference can start (the same matches:
    the next search begins after each match, as finditer's does)."""
    pos = 0
    while (at := _REF_AT.search(text, pos)) is not None:
        m = _REF.match(text, at.start())
        if m is None:
            pos = at.start() + 1
            continue
        yield m
        pos = m.end()


def _is_title(phrase: str) -> bool:
    """Title Case text in quotes names a work ("China Far From 70% Self-Sufficiency"), not a claim."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", phrase)
    content = [w for w in words if w.lower() not in _TITLE_SMALL]
    if len(content) < 3:
        return False
    capital = sum(1 for w in content if w[0].isupper())
    return capital / len(content) >= 0.75


class SpanSet:
    """Membership test for a sorted list of possibly overlapping spans."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._spans = merged

    def overlaps(self, start: int, end: int) -> bool:
        import bisect

        i = bisect.bisect_right(self._starts, start) - 1
        for j in (i, i + 1):
            if 0 <= j < len(self._spans):
                s, e = self._spans[j]
                if s < end and start < e:
                    return True
        return False
