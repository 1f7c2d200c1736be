"""The comparator of a figure: how the printed number bounds what is claimed.

Every fact keeps one, not only target statements, so that "增长5%左右" (≈), "1200万人以上" (≥), "3%以内" (≤)
and "more than 2 million" (>) can be compared with later outcomes. The qualifier words are read by the
scanner (`approx`); here they become a symbol. A target "reaching" a share ("占比达30%", "达到90%") is a floor:
the goal is met by any value at or above it.
"""

from __future__ import annotations

import re

from sinoscope.extraction.model import Kind

_BY_QUALIFIER = {
    "at least": ">=",
    "more than": ">",
    "over": ">",
    "at most": "<=",
    "less than": "<",
    "under": "<",
    "about": "~",
    "nearly": "~",
}
_REACH_BEFORE = re.compile(r"(?:达到?|提高到|提升到|增加到|不低于)[^，。；,;]{0,12}$")
"""A target that reaches a level, also through a list ("分别占比达30%、20%和10%")."""


def comparator(approx: str | None, kind: Kind, text: str, clause_start: int, start: int) -> str:
    """ ">=", ">", "<=", "<", "~" or "=" for a figure starting at `start` in its clause."""
    if approx is not None:
        return _BY_QUALIFIER.get(approx, "=")
    if kind is Kind.TARGET and _REACH_BEFORE.search(text, max(clause_start, start - 40), start):
        return ">="
    return "="
