"""Sentences and clauses: the scope within which a period or a kind cue applies to a figure.

A cue like "estimated" or "by 2030" governs the figures of its own clause, not the whole paragraph: in
"...is aiming to produce ICs domestically; it is inconceivable that the rate would reach 70%" the 70% is a
forecast, not a target. Splitting is rule-based (abbreviations, decimals, quotes, Chinese punctuation).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset({
    "u.s", "u.k", "e.g", "i.e", "etc", "co", "ltd", "inc", "corp", "no", "nos", "vol", "vols", "pp", "p",
    "fig", "figs", "vs", "dr", "mr", "mrs", "ms", "prof", "st", "approx", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "dept", "univ", "gov", "govt", "jr", "sr", "al", "cf",
    "ca", "art", "sec", "ch", "eq", "est", "ed", "eds", "op", "viz", "mt", "ft", "ave", "u.n", "e.u",
    "p.r.c", "u.s.a", "cap", "para", "ref", "refs", "max", "min", "avg", "bn", "mn", "yr", "yrs", "ibid",
})  # fmt: skip

_BOUNDARY = re.compile(
    r"[.!?](?:[\"”’)\]]*)(?=\s+[\"“‘(\[]?[A-Z0-9\u2013\u2014\u4e00-\u9fff])|[。！？；](?:[”’」』)]*)|\n+"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int


def sentences(text: str) -> list[Segment]:
    """Sentence spans covering `text` (whitespace between sentences is left out)."""
    spans: list[Segment] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] == ".":
            wb = _WORD_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
            if wb:
                word = wb.group(1).lower()
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        end = m.end() if m.group(0)[0] != "\n" else m.start()
        _add(spans, text, start, end)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Segment], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Segment(start, end))


_CLAUSE_SPLIT = re.compile(
    r";|；|(?:,\s*|\s+)(?=(?:and|but|while|whereas|although|though|yet|so)\s)|(?:,\s*)(?=however\b)"
    r"|\s+(?=whereas\s|while\s)"
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|shall|does|did|do"
    r"|went|became|remained|rose|fell|grew|reached)\b"
)


def clauses(text: str, sentence: Segment) -> list[Segment]:
    """Clause spans of one sentence.

    Splits at semicolons, and before a coordinating conjunction only when what follows has a finite verb of
    its own ("..., and it had already entered" is a clause; "..., and 15.7% in 2019" is still a list).
    """
    cuts = [sentence.start]
    body = text[sentence.start : sentence.end]
    for m in _CLAUSE_SPLIT.finditer(body):
        pos = sentence.start + m.end()
        if m.group(0) in (";", "；"):
            cuts.append(pos)
            continue
        nxt = _CLAUSE_SPLIT.search(body, m.end() + 1)
        stop = sentence.start + (nxt.start() if nxt else len(body))
        if _FINITE.search(text, pos, stop):
            cuts.append(pos)
    cuts.append(sentence.end)
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        if b > a:
            out.append(Segment(a, b))
    return out
