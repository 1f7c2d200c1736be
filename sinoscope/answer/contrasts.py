"""Measures that one word tells apart: exports and imports, revenue and spending, urban and rural, what was
committed and what was paid out, the new and the cumulative count, a per-capita figure and the total.

A report states such pairs side by side ("exports rose 12% to USD 31 billion while imports fell to USD 88
billion"; "城镇和农村居民人均可支配收入分别增长4.6%、6.8%"), so the words around the two figures are alike
except for that one word, and word agreement cannot choose between them. What tells them apart is whether
the figure's own words name the side the question asks for, or only another side of it. The vocabulary is
data (`data/contrasts.json`), in both languages, so an English question about a Chinese report is read
alike. Like `series.member_agreement`, this gives the ranker two features whose weights are fitted.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

from sinoscope.documents.zh_variants import has_han, to_simplified

Side = tuple[str, ...]


@functools.cache
def _vocabulary() -> tuple[tuple[tuple[Side, ...], ...], tuple[Side, ...]]:
    raw = json.loads(resources.files("sinoscope.answer").joinpath("data/contrasts.json").read_text("utf-8"))
    groups = tuple(tuple(tuple(side) for side in group) for group in raw["groups"])
    return groups, tuple(tuple(q) for q in raw["qualifiers"])


@functools.cache
def _pattern(side: Side) -> re.Pattern[str]:
    latin = [re.escape(w) for w in side if not has_han(w)]
    han = [re.escape(w) for w in side if has_han(w)]
    parts = ([rf"(?<![A-Za-z-])(?:{'|'.join(latin)})(?![A-Za-z-])"] if latin else []) + han
    return re.compile("|".join(parts), re.IGNORECASE)


@functools.lru_cache(maxsize=8192)
def _named(text: str) -> tuple[frozenset[tuple[int, int]], frozenset[int]]:
    """((group, side) pairs and qualifiers) that `text` names; where two entries overlap the longer is read
    (进出口 is total trade, not 出口). Cached: the ranker asks it of the same question once per candidate
    figure, and of a clause once per figure restated."""
    folded = to_simplified(text)
    groups, qualifiers = _vocabulary()
    found = [
        (m.end() - m.start(), m.start(), m.end(), g, s)
        for g, group in enumerate(groups)
        for s, side in enumerate(group)
        for m in _pattern(side).finditer(folded)
    ]
    taken: list[tuple[int, int]] = []
    named: set[tuple[int, int]] = set()
    for _, start, end, g, s in sorted(found, key=lambda f: -f[0]):  # the longer of two overlapping entries
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            named.add((g, s))
    sides = frozenset(named)
    quals = frozenset(i for i, q in enumerate(qualifiers) if _pattern(q).search(folded))
    return sides, quals


def contrast_agreement(question: str, near: str, sentence: str = "") -> tuple[float, float]:
    """(same, other), group by group: the figure's own words (`near`) name a side the question asks for; or,
    in some group the question asks about, they name only other sides. A figure naming no side of a group
    is left alone: its clause may simply not repeat the word ("exports rose 12%, to USD 31 billion").
    A qualifier makes another measure when the figure's own words have it and the question does not (asked
    for GDP, "人均地区生产总值68420元"), or the question has it and the figure's whole `sentence` does not:
    a list's members share the qualifier of their head ("城镇和农村居民人均可支配收入分别增长4.3%、6.9%"
    gives 4.3% the clause "城镇增长")."""
    asked, asked_quals = _named(question)
    own, own_quals = _named(near)
    same = other = False
    for group in {g for g, _ in asked}:
        named = {s for g, s in own if g == group}
        wanted = {s for g, s in asked if g == group}
        same = same or bool(named & wanted)
        other = other or bool(named and not named & wanted)
    other = other or bool(own_quals - asked_quals) or bool(asked_quals - _named(sentence or near)[1])
    return float(same), float(other)
