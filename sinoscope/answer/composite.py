"""Questions one figure cannot answer: lists, comparisons and rankings; growth between two years.

"Which companies received the largest investments?" needs several figures, each cited; printing the best
one alone would misstate the answer. "How much did R&D spending grow from 2020 to 2021?" is answered by a
computation over two cited figures when no sentence states the growth itself; the card shows the formula
beside its inputs, as `derive` does.
"""

from __future__ import annotations

import re

from sinoscope.answer.question import Question

_SEVERAL_EN = re.compile(
    r"\b(?:compare|compared|comparison|versus|vs\.?|rank|ranking|ranked|list|each of|respectively"
    r"|which (?:[\w'-]+ ){0,8}(?:largest|biggest|most|highest|lowest|smallest)"
    r"|what (?:were|are) the (?:\w+ ){0,2}(?:largest|biggest|main|top))\b",
    re.IGNORECASE,
)
_SEVERAL_ZH = re.compile(r"哪些|比较|对比|排名|排序|前[0-9一二三四五六七八九十]+[位名家个]|各自|分别是多少")
_GROWTH_EN = re.compile(r"\b(?:grow|grew|grown|growth|increase|increased|rise|rose|change|changed)\b", re.IGNORECASE)
_GROWTH_ZH = re.compile(r"增长|增速|增幅|提高|增加|变化")


def asks_for_several(text: str) -> bool:
    """Does the question ask for a list, a comparison or a ranking?"""
    return bool(_SEVERAL_EN.search(text) or _SEVERAL_ZH.search(text))


def growth_years(q: Question) -> tuple[str, str] | None:
    """The two years between which the question asks for growth ("from 2020 to 2021", "2020年到2021年")."""
    if len(q.years) != 2 or not (_GROWTH_EN.search(q.text) or _GROWTH_ZH.search(q.text)):
        return None
    a, b = sorted(q.years)
    return (a, b) if a != b else None


def without_growth_words(q: Question) -> tuple[str, ...]:
    """The question's words less those asking for a change: what each input figure must be described by."""
    return tuple(t for t in q.terms if not (_GROWTH_EN.fullmatch(t) or _GROWTH_ZH.search(t)))


def growth_rate(first: float, last: float) -> float:
    return (last - first) / first * 100.0


def formula(first: tuple[float, str], last: tuple[float, str], years: tuple[str, str]) -> str:
    """`first`, `last`: (value, figure as printed) of the two inputs."""
    rate = growth_rate(first[0], last[0])
    return f"({last[1]} − {first[1]}) / {first[1]} × 100 = {rate:.1f}%  ({years[1]} over {years[0]})"
