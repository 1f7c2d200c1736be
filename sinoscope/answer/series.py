"""Members of a numbered series named in either language: a fund's phases, a plan's stages, funding rounds,
a year's quarters.

"二期规模60亿元", "Phase II", "the second phase" and 第二期 name one member; 首期 and 一期 the first. A
sentence often lists several ("一期40亿元，二期60亿元"), so the member a figure's own clause names tells
which figure a question about "the second phase" asks for, in a document written in the other language too.
"""

from __future__ import annotations

import functools
import re

_ZH_NUMERAL = {"一": 1, "首": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_ZH_SERIES = {"期": "phase", "阶段": "stage", "轮": "round", "批": "batch", "季度": "quarter"}
_ZH = re.compile(r"(?<![一二三四五六七八九十百千万\d前分共])第?([一首二三四五])(期|阶段|轮|批|季度)")
"""前三季度 ("the first three quarters") is a span, not the third quarter; 分三期实施 and 共三轮 count the
members ("in three phases"), as 两 always counts (两期, 两轮: an ordinal says 二期, 第二轮)."""
_EN_AFTER = re.compile(r"\b(phase|stage|round|tranche|batch)\s+(iv|v|i{1,3}|[1-5])\b", re.IGNORECASE)
_EN_BEFORE = re.compile(
    r"\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th)\s+(?:(?!(?:two|three|four|five|six|half)\b)[a-z][a-z-]*\s+)?"
    r"(phase|stage|round|tranche|batch|quarter)\b",
    re.IGNORECASE,
)
"""One word may stand between the ordinal and the series noun ("the third funding round", "the second
investment phase"), but not a count ("the first three rounds" is a span)."""
_EN_QUARTER = re.compile(r"\bQ([1-4])\b")
_EN_SERIES = {"tranche": "phase"}


@functools.lru_cache(maxsize=4096)
def members(text: str) -> frozenset[tuple[str, int]]:
    """The (series, ordinal) members `text` names: ("phase", 2) for 二期, "Phase II" or "second phase".
    Cached: the ranker asks it of the same question once per candidate figure."""
    found: set[tuple[str, int]] = set()
    for m in _ZH.finditer(text):
        found.add((_ZH_SERIES[m.group(2)], _ZH_NUMERAL[m.group(1)]))
    for m in _EN_AFTER.finditer(text):
        series, number = m.group(1).lower(), m.group(2).lower()
        found.add((_EN_SERIES.get(series, series), _ROMAN.get(number) or int(number)))
    for m in _EN_BEFORE.finditer(text):
        series = m.group(2).lower()
        found.add((_EN_SERIES.get(series, series), _ORDINAL[m.group(1).lower()]))
    found.update(("quarter", int(m.group(1))) for m in _EN_QUARTER.finditer(text))
    return frozenset(found)


def member_agreement(asked: frozenset[tuple[str, int]], near: str) -> tuple[float, float]:
    """(same, other): the figure's own words name a member the question asks for; or they name only other
    members of the same series (asked for the second phase, "一期40亿元" is the first phase's figure).

    A figure whose own words name no member is left alone even when its sentence names the one asked:
    in "总规模300亿元…，其中二期120亿元" the 300 is no phase's, but in "Phase II, launched in 2019, raised
    RMB 204 billion" the clause after the comma is the phase's; as a fitted feature of its own, the second
    reading won on the training documents."""
    if not asked:
        return 0.0, 0.0
    own = members(near)
    if own & asked:
        return 1.0, 0.0
    series = {s for s, _ in asked}
    return 0.0, float(any(s in series for s, _ in own))
