"""Whether a figure is an actual value, a target, an estimate or a forecast, from the words of its clause.

Cues are read inside the figure's clause only (see `q_text`), nearest first: "set the target at", "by 2030"
and 目标 mark targets; "estimated", "would mean", "puts the figure at" estimates; "expected", "will reach",
预计 forecasts; "actual", "in fact" pin an actual value against a nearby target. A cue after the figure counts
when it is the clause's predicate ("... can be estimated", "... is expected"). A count of things ("56
products") takes a cue only from right before it: "numerical targets for 56 products" sets targets *for* the
products, it does not make 56 a target.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sinoscope.extraction.model import Kind

_I = re.IGNORECASE

_CUES: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.ACTUAL, re.compile(
        r"\bactual(?:ly)?\b|\bin\s+(?:fact|reality|practice)\b|\brecorded\b|\breported\b|实际(?!利用|使用)", _I)),
    (Kind.TARGET, re.compile(
        r"\btarget(?:s|ed|ing)?\b|\bgoals?\b|\bobjectives?\b|\bquotas?\b|\baim(?:s|ed|ing)?\s+(?:to|at|for)\b"
        r"|\bplan(?:s|ned|ning)?\s+to\b|\bintend(?:s|ed)?\s+to\b|\bseek(?:s|ing)?\s+to\b|\bstrives?\s+to\b"
        r"|\b(?:should|must|is\s+to|are\s+to|was\s+to|were\s+to)\s+(?:\w+\s+)?(?:reach|rise|grow|increase|exceed|be\s+(?:raised|increased)|account)\b"
        r"|\b(?:is|are|was|were)\s+to\s+(?:receive|get|spend|invest|provide|allocate|raise|create|train|build)\b"
        r"|\bpledg(?:e|es|ed|ing)\b|\bcommitted\s+to\b|\bmandat(?:e|es|ed)\b"
        r"|\brequest(?:s|ed|ing)?\b|\bpropos(?:e|es|ed|ing)\b|(?:规划|方案|纲要|意见|计划)(?:明确)?提出"
        r"|目标|力争|争取|(?<!行动)(?<!发展)(?<!工作)(?<![一二三四五六七八九十\d]年)计划|确保|(?<![模虚])拟", _I)),
    (Kind.ESTIMATE, re.compile(
        r"\bestimat(?:e|es|ed|ing|ion|ions)\b|\bwould\s+mean\b|\bimpl(?:y|ies|ied)\b|\bextrapolat\w*"
        r"|\bby\s+(?:our|my|the\s+author'?s?|one)\s+(?:calculation|estimate)s?\b|估计|估算|测算|推算", _I)),
    (Kind.FORECAST, re.compile(
        r"\bforecast(?:s|ed|ing)?\b|\bproject(?:ed|ion|ions)\b|\bexpect(?:s|ed|ation|ations)?\b|\bpredict\w*"
        r"|\banticipat\w*|\boutlook\b|\blikely\s+to\b"
        r"|\b(?:will|would|shall)\s+(?:\w+\s+)?(?:reach|rise|grow|increase|exceed|fall|decline|drop|hit|climb"
        r"|surpass|top|double|triple|account\s+for|be|total|amount\s+to)\b"
        r"|预计|预测|有望|将达到?|将超过"
        r"|将(?:进一步|继续|逐步)?(?:从|由|提高|提升|增长|增加|上升|下降|降低|减少|扩大|缩小|翻|突破)", _I)),
]  # fmt: skip

_GOVERNING = [
    (Kind.TARGET, re.compile(r"\bset(?:s|ting)?\s+(?:\S+\s+){0,7}?(?:at|to)\b(?:\s+[^\s.;,]+){0,5}?\s*[“\"]?\s*$", _I)),
    (Kind.TARGET, re.compile(
        r"\bannounc\w*\s+(?:(?:a|an|the|its)\s+)?(?:\S+\s+){0,3}?"
        r"(?:investment|budget|plan|target|fund|funding|capital|goal|spending)s?\s+(?:of|at)\s*$", _I)),
    (Kind.TARGET, re.compile(r"\b(?:raised|lowered|revised|increased|cut)\s+(?:\S+\s+){0,2}?to\s*[“\"]?\s*$", _I)),
    (Kind.ESTIMATE, re.compile(
        r"\b(?:puts?|placed?|places|pegs?|pegged|gives?|gave|assess(?:es|ed)?|estimat\w+)\b"
        r"(?:\s+\S+){0,10}?\s+(?:at|as)(?:\s+(?:about|roughly|around|approximately|some|nearly))?\s*$", _I)),
    (Kind.ESTIMATE, re.compile(r"\bvalued\b(?:\s+\S+){0,3}?\s+by\b(?:\s+\S+){0,8}?\s+at\s*$", _I)),
]  # fmt: skip
"""Verbs that govern the figure through "at"/"as"/"to" however long their object is: "WSTS estimated the size
of the global market in 2021 at USD 555.9 billion"."""

_PREDICATE_AFTER = re.compile(
    r"^(?:(?!\bthan\b)(?:[^.;]|\.(?=\d))){0,80}?\b(?:is|are|was|were|can\s+be|could\s+be|may\s+be|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:\w+ly\s+)?(?P<verb>estimated|expected|projected|forecast|forecasted|targeted|planned|predicted|anticipated)\b",
    _I,
)
_PAST_EVENT = re.compile(
    r"\b(?:was|were|had|has\s+been|have\s+been|exceeded|reached|rose|fell|grew|increased|decreased|declined"
    r"|surpassed|totaled|totalled|stood|amounted|concluded|became|recorded)\b",
    _I,
)
"""A past event between "By 2019," and the figure makes the deadline a date: "By 2019 the number exceeded 2 million"."""


@functools.lru_cache(maxsize=1024)
def label_kind(label: str) -> Kind | None:
    """The kind a table's row or column label gives every cell under it ("2025年目标值", "2023年实际值",
    "Target (2030)", "预计"): a plan's indicator table prints base, target and outcome side by side, and the
    label is the only place that says which column is which. The cue words are the prose ones. Cached: an
    answer asks it of every cell of every table it reads, and a column's cells share its label."""
    for kind, pat in _CUES:
        if pat.search(label):
            return kind
    return None


def happened_by(text: str, lo: int, hi: int) -> bool:
    return _PAST_EVENT.search(text, lo, hi) is not None


_PREDICATE_KIND = {
    "estimated": Kind.ESTIMATE, "expected": Kind.FORECAST, "projected": Kind.FORECAST, "forecast": Kind.FORECAST,
    "forecasted": Kind.FORECAST, "targeted": Kind.TARGET, "planned": Kind.TARGET, "predicted": Kind.FORECAST,
    "anticipated": Kind.FORECAST,
}  # fmt: skip

NEAR = 100
"""How far before a figure (in characters) an ordinary cue word still governs it."""
NEAR_COUNT = 28


@dataclass(frozen=True)
class Cue:
    kind: Kind
    start: int
    end: int


def cue_before(text: str, lo: int, hi: int, *, count: bool) -> Cue | None:
    """The cue nearest before position `hi`, looking no further back than `lo`."""
    window_lo = max(lo, hi - (NEAR_COUNT if count else NEAR))
    head = text[lo:hi]
    if not count:
        for kind, pat in _GOVERNING:
            gm = pat.search(head)
            if gm is not None:
                return Cue(kind, lo + gm.start(), lo + gm.end())
    best: Cue | None = None
    for kind, pat in _CUES:
        for m in pat.finditer(text, window_lo, hi):
            if best is None or m.end() > best.end:
                best = Cue(kind, m.start(), m.end())
    return best


_COLON = re.compile(r"[：:](?!\d)")
COLON_REACH = 2000
"""How far back a list's introducing colon is looked for: a bounded window keeps a sentence of a million
figures linear (a real list under one colon is far shorter)."""


def colon_cue(text: str, sentence_start: int, pos: int) -> Cue | None:
    """A cue that introduces a list after a colon governs every item of it, across semicolons: "今年发展主要预期
    目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右", "The plan's targets: 5% growth; 12 million jobs"."""
    floor = max(0, pos - COLON_REACH)
    lo = max(floor, *(text.rfind(stop, floor, pos) + 1 for stop in "。！？\n"))  # 。 ends the list; ； does not
    colons = list(_COLON.finditer(text, lo, pos))
    if not colons:
        return None
    c = colons[-1].start()
    best: Cue | None = None
    for kind, pat in _CUES:
        for m in pat.finditer(text, max(lo, c - 30), c):
            if best is None or m.end() > best.end:
                best = Cue(kind, m.start(), m.end())
    return best


_PARTICIPLE_AFTER = re.compile(
    r"^\s+(?P<verb>estimated|expected|projected|forecast|forecasted|targeted|planned|predicted|anticipated)\b", _I
)


_GOAL_NOUN_AFTER = re.compile(r"^\s+(?:[A-Za-z-]+\s+)?(?:plans?|targets?|goals?)\b", _I)
"""A figure that is the size of a plan or a goal: "a 10-year, $300 billion plan", "a 40% target"."""


def cue_after(text: str, lo: int, hi: int) -> Kind | None:
    """A predicate after the figure that says what it is: "... can be estimated", "the 47% projected by"; or
    the plan or goal the figure measures ("a $300 billion plan")."""
    m = _PREDICATE_AFTER.match(text[lo:hi]) or _PARTICIPLE_AFTER.match(text[lo:hi])
    if m:
        return _PREDICATE_KIND[m.group("verb").lower()]
    return Kind.TARGET if _GOAL_NOUN_AFTER.match(text[lo:hi]) else None
