"""A change or a level: "by how much did the urbanization rate rise" asks for the rise, not the rate.

Reports state a measure's level and its change side by side ("城镇化率达到63.8%，比上年提高0.9个百分点";
"the jobless rate stood at 4.3%, down 0.2 points"; "收入22734元，增长6.4%"), so the words around the two
figures are alike and word agreement cannot choose. What tells them apart is the verb right before the
figure: a change verb with no 到/to after it (增长6.4%, 提高了0.9个百分点, "rose 3.1%", "up 0.2 points")
states a change; a change verb with 到/to ("提高到2.8%", "rose to 4.3%") or none states a level. A question
asks for a change when it asks how much something rose or fell (增长了多少, 提高了几个百分点, "how much did
… grow", "how fast") or for a growth rate (增速, "growth"); for a level when it asks for a rate or a share
without such words. This gives the ranker one feature whose weight is fitted, like `contrasts`.
"""

from __future__ import annotations

import functools
import re

from sinoscope.documents.zh_variants import to_simplified
from sinoscope.extraction.q_period import CHANGE_VERBS

_ZH_VERB = rf"{CHANGE_VERBS}|回落|上涨|下跌|增幅|增速|降幅|涨幅|(?<!新)[增降涨减]"
"""Extraction's change verbs (the ones that make a figure a change there too), the nouns of a rate of change,
and the one-character verbs of telegraphic statistics (同比增5%), but not 新增 ("newly added")."""
_EN_VERB = r"rose|grew|increased|decreased|declined|fell|dropped|climbed|jumped|slipped|up|down|gained|lost|shrank"
_STATES_CHANGE = re.compile(
    rf"(?:{_ZH_VERB})了?(?:约|近|超过|逾)?\s*$"
    rf"|\b(?:{_EN_VERB})(?:\s+by)?(?:\s+(?:about|around|nearly|almost|over|some|roughly|just))?\s*$"
    r"|\b(?:growth|increase|decrease|decline|rise|fall|drop|gain) of\s*$",
    re.IGNORECASE,
)
"""A change verb right before the figure, with no 到/"to" between (提高到2.8% is a level)."""
_LIST_TAIL = re.compile(
    r"(?:\d[\d.,]*\s*(?:%|％|个百分点|倍|percentage points?|percent|points?)?\s*(?:,|，|、|\band\b|和|及)\s*)+$",
    re.IGNORECASE,
)
"""Figures listed before this one ("rose 14%, 37% and 6%"; "分别增长5.2%、6.8%"): they share its verb."""
_LABEL_CHANGE = re.compile(r"增长|增速|增幅|增减|变化|比上年|同比|\b(?:growth|change|y/y|yoy)\b", re.IGNORECASE)
"""A table column or row that holds changes ("增速（%）", "Growth, %")."""
_ASKS_CHANGE = re.compile(
    rf"(?:{_ZH_VERB})了?(?:多少|几)|增速|增幅|降幅|涨幅|增长率"
    r"|\bby how much\b|\bhow (?:much|many [\w -]+?) (?:did|does|has|have|will|would|is|was)\b[^?]*?"
    r"\b(?:rise|grow|increase|decrease|decline|fall|drop|climb|change|go up|go down)\b|\bhow fast\b"
    r"|\bgrowth\b|\bgrew\b|\bgrow\b",
    re.IGNORECASE,
)
_ASKS_LEVEL = re.compile(r"率|比重|占比|比例|份额|\b(?:rate|share|proportion|ratio|percentage)\b", re.IGNORECASE)
POINT_UNITS = frozenset({"percentage points", "pp"})
"""Units of a change in percentage points: always a change, never a level."""


@functools.lru_cache(maxsize=1024)
def asks_change(question: str) -> bool | None:
    """True when the question asks how much a measure changed, False when it asks for a rate or share
    itself, None when it says neither. Cached: the ranker asks it once per candidate."""
    text = to_simplified(question)
    if _ASKS_CHANGE.search(text):
        return True
    return False if _ASKS_LEVEL.search(text) else None


def states_change(before: str, unit: str, labels: str = "") -> bool:
    """Is the figure a change? `before`: the words of its sentence up to it (prose); `labels`: a table
    cell's row and column labels."""
    if unit in POINT_UNITS:
        return True
    if labels:
        return _LABEL_CHANGE.search(to_simplified(labels)) is not None
    head = _LIST_TAIL.sub("", to_simplified(before[-80:]))
    return _STATES_CHANGE.search(head[-24:]) is not None


def change_agreement(question: str, before: str, unit: str, labels: str = "") -> float:
    """+1 when the figure is what the question asks for (a change or a level), -1 when it is the other,
    0 when the question says neither."""
    asked = asks_change(question)
    if asked is None:
        return 0.0
    return 1.0 if states_change(before, unit, labels) == asked else -1.0
