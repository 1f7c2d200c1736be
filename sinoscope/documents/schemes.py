"""Numbering markers of Chinese official and academic documents, read off the start of a line.

Chinese documents number their parts with a small, conventional set of schemes whose nesting is fixed by
custom (GB/T 9704 for official documents): 第一章 > 第一节 > 一、 > （一） > 1． > （1） > ①. A marker says
which scheme a line uses and its value; whether that scheme is a heading level or an enumeration inside
paragraphs is decided for the whole document elsewhere (`scheme_outline`), never from one line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import cn2an

SCHEME_RANK = {
    "zhang": 0, "jie": 1, "tiao": 2, "rom": 3, "cn": 4, "pcn": 5, "ualpha": 6, "ar": 7, "par": 8, "circ": 9,
}  # fmt: skip
"""Conventional nesting, outermost first: 第一章 > 第一节 > 第一条 > I. > 一、 > （一） > A. > 1． > （1） > ①."""
LATIN_SCHEMES = frozenset({"rom", "ualpha"})
"""Outline numbering of English documents ("I. Introduction", "A. Background"); read only when asked."""

_CN_DIGITS = "一二三四五六七八九十百零〇两"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("zhang", re.compile(rf"^[ \t\u3000]*第[ \u3000]*([{_CN_DIGITS}\d０-９]{{1,4}})[ \u3000]*章[ \t\u3000、：:．.]*")),
    ("jie", re.compile(rf"^[ \t\u3000]*第[ \u3000]*([{_CN_DIGITS}\d０-９]{{1,4}})[ \u3000]*节[ \t\u3000、：:．.]*")),
    ("tiao", re.compile(rf"^[ \t\u3000]*第[ \u3000]*([{_CN_DIGITS}\d０-９]{{1,4}})[ \u3000]*条[ \t\u3000、：:．.]*")),
    ("cn", re.compile(rf"^[ \t\u3000]*([{_CN_DIGITS}]{{1,4}})[ \u3000]*[、．][ \t\u3000]*")),
    ("pcn", re.compile(rf"^[ \t\u3000]*[（(][ \u3000]*([{_CN_DIGITS}]{{1,4}})[ \u3000]*[）)][ \t\u3000、．.]*")),
    ("ar", re.compile(r"^[ \t\u3000]*([0-9０-９]{1,3})[ \u3000]*(?:[．、]|\.(?![0-9０-９]))[ \t\u3000]*")),
    ("par", re.compile(r"^[ \t\u3000]*[（(][ \u3000]*([0-9０-９]{1,3})[ \u3000]*[）)][ \t\u3000、．.]*")),
    ("circ", re.compile(rf"^[ \t\u3000]*([{_CIRCLED}])[ \t\u3000]*")),
)
_LATIN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # A lone L or C is a letter item (C. after B.), a lone I, V or X a Roman numeral until the letters
    # around it say otherwise (see `as_letter`).
    ("rom", re.compile(r"^[ \t]*((?:[IVX]{1,6}|[IVXLC]{2,6}))\.[ \t]+(?=\S)")),
    ("ualpha", re.compile(r"^[ \t]*([A-Z])\.[ \t]+(?=\S)")),
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class Marker:
    scheme: str
    value: int
    printed: str
    """The marker as printed, without spacing and the separator after it: "一", "（一）", "1", "第一章"."""
    body: int
    """Index in the line where the text after the marker begins."""


def parse_marker(text: str, *, latin: bool = False) -> Marker | None:
    """The numbering marker at the start of `text`, or None (a line must hold text after its marker).

    `latin` also reads the Roman-numeral and capital-letter outline numbering of English documents.
    """
    for scheme, pattern in (*_PATTERNS, *_LATIN_PATTERNS) if latin else _PATTERNS:
        m = pattern.match(text)
        if m is None or not text[m.end() :].strip():
            continue
        raw = m.group(1)
        value = _roman(raw) if scheme == "rom" else ord(raw) - 64 if scheme == "ualpha" else _value(raw)
        if value is None or value <= 0:
            continue
        printed = re.sub(r"[\s\u3000]+", "", text[: m.end()]).rstrip("、．.：:")
        return Marker(scheme, value, printed, m.end())
    return None


def as_letter(marker: Marker) -> Marker:
    """A Roman "I.", "V." or "X." read as the letter item it also is ("I." after "H.")."""
    return Marker("ualpha", ord(marker.printed[0]) - 64, marker.printed, marker.body)


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, [*text[1:], ""], strict=True):
        va, vb = _ROMAN[a], _ROMAN.get(b, 0)
        total += -va if va < vb else va
    return total


@functools.lru_cache(maxsize=4096)
def _value(raw: str) -> int | None:
    if raw in _CIRCLED:
        return _CIRCLED.index(raw) + 1
    digits = raw.translate(_FULLWIDTH)
    if digits.isdigit():
        return int(digits)
    try:
        return int(cn2an.cn2an(raw, "normal"))
    except (ValueError, KeyError, TypeError):
        return None


_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_LATIN = re.compile(r"[A-Za-z]")


def is_cjk_text(text: str, sample: int = 50_000) -> bool:
    """Han characters outnumber Latin letters: the document is Chinese (or Japanese) prose."""
    head = text[:sample]
    han = len(_HAN.findall(head))
    return han > 0 and han >= len(_LATIN.findall(head))
