"""Time expressions in a sentence: which year, month or span a figure is for, and which years are not times.

A year in prose is a date ("in 2014"), a span ("2015–2020"), a deadline ("by 2030", which also marks a
target), a status date ("as of January 2024") or part of a name ("Made in China 2025", "Vision 2035"). Only
the first four are periods; names are returned separately so that the quantity scanner skips them too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_Y = rf"(?P<y>{_YEAR})(?<![\w.,/-]\d{{4}})(?![\w%％]|[.,-]\d|\s?(?:%|％|percent\b))"
"""A year not glued to a word, number or path before it. The look-behind follows the four digits it ends with
(so it checks the character before them), which lets the engine scan for the year's first digit instead of
trying the look-behind at every character."""
_DASH = r"\s?[-–—~〜～一]\s?"
"""一 between two years is a dash that PDF conversions of Chinese text print for —: "2000一2015年"."""

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("cn_date", re.compile(rf"(?P<y>{_YEAR})\s?年\s?(?P<m>1[0-2]|0?[1-9])\s?月(?:\s?(?P<d>[0-3]?\d)\s?日)?")),
    ("cn_span", re.compile(rf"(?P<y>{_YEAR})\s?(?:年\s?)?(?:[-–—~〜～至到一])\s?(?P<y2>{_YEAR})\s?年")),
    ("cn_year", re.compile(rf"(?P<y>{_YEAR})\s?年(?P<end>底|末|初|前|以来|上半年|下半年)?")),
    ("iso", re.compile(
        rf"(?<![\w/.-])(?P<y>{_YEAR})[-/.](?P<m>1[0-2]|0[1-9])(?:[-/.](?P<d>[0-3]\d))?(?![\w/.-]|[-–]\d)"
    )),
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b")),
    ("dmy", re.compile(rf"\b(?P<d>[0-3]?\d)\s+(?P<mon>{_MONTH})\s+(?P<y>{_YEAR})\b")),
    ("md", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|,\s?\d{{3}}\b))")),
    ("my", re.compile(rf"\b(?P<mon>{_MONTH})(?:\s+of)?,?\s+(?P<y>{_YEAR})\b")),
    ("fy", re.compile(rf"\b(?:FY|[Ff]iscal\s+(?:[Yy]ear\s+)?)\s?(?P<y>{_YEAR}|\d\d)\b")),
    ("cy", re.compile(rf"\bCY\s?(?P<y>{_YEAR}|\d\d)\b")),
    # "end-2025", "mid-2024": part of a year, hyphenated as English releases print it (a bare "-2025" is not a year)
    ("part_year", re.compile(rf"\b(?:[Ee]nd|[Mm]id|[Ee]arly|[Ll]ate|[Yy]ear-end)-(?P<y>{_YEAR})(?![\w%-]|[.,]\d)")),
    ("span", re.compile(
        rf"(?:\b(?P<pre>[Ff]rom|[Bb]etween)\s+)?(?<![\w.,/-])(?P<y>{_YEAR}){_DASH}(?P<y2>{_YEAR}|\d\d)(?![\w%]|[.,-]\d)"
    )),
    ("span_words", re.compile(
        rf"\b(?P<pre>[Ff]rom|[Bb]etween)\s+(?P<y>{_YEAR})\s+(?:to|and|through|until)\s+(?P<y2>{_YEAR})\b"
    )),
    ("year", re.compile(_Y)),
]  # fmt: skip

_HINTS = {
    "year": re.compile(_YEAR),
    "年": re.compile("年"),
    "month": re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
    "fy": re.compile("FY|Fiscal|fiscal"),
    "cy": re.compile("CY"),
    "from": re.compile("From|from|Between|between"),
    "dash": re.compile("[-–—~〜～一]"),
}
_LITERALS: dict[str, tuple[str, ...]] = {"年": ("年",), "fy": ("FY", "iscal"), "cy": ("CY",), "from": ("rom", "etween")}
"""Hints are alternations of plain literals (not [Ff]rom), which the engine scans for by their first characters.
Substrings at least one of which a hint's pattern cannot match without: `in` finds them far faster than a
regex alternation, which tries every branch at every character. A hint whose literals are all absent is
absent; one whose literals are there is still decided by its pattern."""
_NEEDS: dict[str, tuple[str, ...]] = {
    "cn_date": ("year", "年"), "cn_span": ("year", "年"), "cn_year": ("year", "年"), "iso": ("year",),
    "mdy": ("year", "month"), "dmy": ("year", "month"), "md": ("month",), "my": ("year", "month"),
    "fy": ("fy",), "cy": ("cy",), "part_year": ("year", "dash"), "span": ("year", "dash"),
    "span_words": ("year", "from"), "year": ("year",),
}  # fmt: skip
"""What each pattern cannot match without: most paragraphs hold no month name, a Chinese one no Latin
letters, many no year at all. Skipping a pattern whose literal is absent changes nothing (it would find
nothing) and saves a scan of the paragraph; a third of the time expressions' cost went to such scans."""


def _applicable(text: str) -> list[tuple[str, re.Pattern[str]]]:
    present = {name for name, hint in _HINTS.items() if _may_hold(text, name) and hint.search(text)}
    return [(kind, pat) for kind, pat in _PATTERNS if all(n in present for n in _NEEDS[kind])]


def _may_hold(text: str, hint: str) -> bool:
    literals = _LITERALS.get(hint)
    return literals is None or any(lit in text for lit in literals)


_NAME_BEFORE = re.compile(r"(?:^|[^\w])([A-Z][\w&'’.-]*)\s*[“\"]?\s*$")
"""A capitalised word right before a year makes the year part of a name ("China 2025", "Vision 2035")."""
_NOT_NAME_WORDS = frozenset({
    "In", "By", "Since", "From", "Until", "Till", "Through", "Before", "After", "During", "Around", "As",
    "Of", "To", "And", "Or", "At", "For", "On", "Between", "Circa", "Year", "Years", "The", "FY", "CY",
    "Fiscal", "Early", "Late", "Mid", "End", "Spring", "Summer", "Autumn", "Fall", "Winter", "Than",
    "Also", "Then", "Only", "Even", "Still", "Both", "Each", "While", "When", "Unlike", "Like", "Compared",
    "Up", "Over", "Within", "Throughout", "Toward", "Towards", "Beyond", "Against", "Versus", "Vs", "Q1",
    "Q2", "Q3", "Q4", "H1", "H2",
    "RMB", "CNY", "USD", "JPY", "EUR", "KRW", "TWD", "GBP", "HKD", "US", "US$",
    *(m.capitalize() for m in _MONTHS), *(m.capitalize() + "." for m in _MONTHS),
})  # fmt: skip
_BY_BEFORE = re.compile(
    r"(?:\bby|\bBy|(?<!截止)到|(?<!截)至)\s*(?:the\s+end\s+of\s+|end\s+of\s+|the\s+year\s+)?(?:FY\s?)?$"
)
_AS_OF_BEFORE = re.compile(r"(?:\b[Aa]s\s+(?:of|at)|\bup\s+(?:to|until)|截至|截止|截止到)\s*(?:the\s+end\s+of\s+)?$")
_SINCE_BEFORE = re.compile(r"\b(?:[Ss]ince|[Ss]tarting\s+(?:in|from))\s*$|自$|从$")
_WEAK_BEFORE = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Oo]ur)\s*$")
_WEAK_AFTER = re.compile(
    r"^\s*(?:edition|version|report|survey|study|revision|law|guidelines?|plan|data|figures?|estimates?|[“\"‘])"
)


_PRICE_BASE_AFTER = re.compile(
    r"\s*年?\s*(?:国际|美国)?(?:美元|元|人民币|价格|不变价|可比价)"
    r"|\s+(?:constant\s+)?(?:international\s+|PPP\s+|US\s?|U\.S\.\s?)?(?:dollars?\b|\$(?!\s?\d)|prices\b)",
    re.IGNORECASE,
)
"""The year of a price base ("2011年国际美元", "2010年美元", "2015 prices", "constant 2015 dollars") names a
unit of measure, not the period of any figure."""
_GOAL_BEFORE = re.compile(r"\b(?:goals?|targets?|objectives?|milestones?)\s+for\s+(?:the\s+year\s+)?(?:FY\s?)?$", re.I)
_GOAL_AFTER = re.compile(r"\s*年?\s*(?:的)?(?:主要|发展|总体|工作)?(?:预期)?(?:目标|任务)")
_BASE_BEFORE = re.compile(
    r"(?:比|较|相当于|相较于?|\bthan(?:\s+in)?|\bcompared\s+(?:with|to)(?:\s+in)?|\brelative\s+to"
    r"|(?:%|\bper\s?cent|\bpercentage\s+points?)\s+(?:on|over)(?:\s+(?:the\s+)?(?:year\s+)?(?:of\s+)?)?)\s*$",
    re.IGNORECASE,
)
"""The year a figure is compared with ("比2024年增长6.2%", "相当于2000年…的4.27倍", "than in 2015", "up 6.2% on
2024"): the base of the comparison, never the period of a figure of its clause (a growth rate "比2024年增长6.2%"
in a 2025 review is 2025's growth; "到2028年…比2025年提高8个百分点" is a 2028 target)."""
_BASE_AFTER = re.compile(r"(?:末|底|初)?(?:水平)?的\s*(?:约|近)?\s*[\d.一二三四五六七八九十两]+\s*倍")
"""A year followed by "的2.1倍" is a ratio's base whatever precedes it ("总数突破3200家，是2020年末的2.1倍"): it
is not the period of the figure before it."""


@dataclass(frozen=True)
class TimeExpr:
    """One time expression: its span, the period it names, and how it relates to what it dates."""

    start: int
    end: int
    period: str
    by: bool = False
    """"by 2030", 到2030年: a deadline, which marks the figure it dates as a target."""
    as_of: bool = False
    since: bool = False
    """"since 2014": a starting point, never the period of a figure."""
    weak: bool = False
    """An adjectival year ("the 2017 edition"): used only when nothing better dates the figure."""
    relative: bool = False
    """Resolved from a phrase relative to the document date (去年, "the past five years")."""
    base: bool = False
    """The base of a comparison (比2010年, "than in 2015"): not shared by the later figures of a clause."""
    goal: bool = False
    """The year of goals a sentence lists ("the plan's targets for 2025 are …", 2025年主要目标是：…): it dates
    and makes targets of the figures after it in the sentence that name no time of their own."""


@dataclass(frozen=True)
class Times:
    exprs: tuple[TimeExpr, ...]
    names: tuple[tuple[int, int], ...]
    """Spans of years that are parts of names; not periods and not quantities."""
    dates: tuple[tuple[int, int], ...]
    """Spans of every date-like expression (including day numbers), which quantities must avoid."""


def _norm_year(y: str, base: str | None = None) -> str:
    if len(y) == 2 and base is not None:
        return base[:2] + y
    return y if len(y) == 4 else ("20" + y if len(y) == 2 else y)


def find_times(text: str) -> Times:
    """Every time expression in `text`, longest first, with names and day numbers set apart."""
    taken: list[tuple[int, int]] = []
    exprs: list[TimeExpr] = []
    names: list[tuple[int, int]] = []
    dates: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for kind, pat in _applicable(text):
        for m in pat.finditer(text):
            s, e = m.span()
            if kind in ("span", "span_words") and m.group("pre"):
                s = m.start("y")
            if not free(s, e):
                continue
            period = _period_of(kind, m)
            if period is None:
                continue
            before = text[max(0, s - 40) : s]
            if kind in ("year", "span", "cn_year") and (
                _PRICE_BASE_AFTER.match(text, m.end("y")) if kind == "cn_year" else _PRICE_BASE_AFTER.match(text, e)
            ):
                names.append((s, e))
                taken.append((s, e))
                continue
            if kind in ("year", "span") and _is_name(text, s, before):
                names.append((s, e))
                taken.append((s, e))
                continue
            if kind == "md" and not _looks_like_day(text, m):
                continue
            taken.append((s, e))
            dates.append((s, e))
            if kind == "md":
                continue  # a day without a year dates nothing we can use
            weak = kind == "year" and (bool(_WEAK_BEFORE.search(before)) and bool(_WEAK_AFTER.match(text[e : e + 20])))
            exprs.append(
                TimeExpr(
                    s,
                    e,
                    period,
                    by=bool(_BY_BEFORE.search(before)),
                    as_of=bool(_AS_OF_BEFORE.search(before)),
                    since=bool(_SINCE_BEFORE.search(before)),
                    weak=weak,
                    base=bool(_BASE_BEFORE.search(before) or _BASE_AFTER.match(text, e)),
                    goal=bool(
                        _GOAL_BEFORE.search(before) or (kind == "cn_year" and _GOAL_AFTER.match(text, m.end("y")))
                    ),
                )
            )
    exprs.sort(key=lambda t: t.start)
    exprs = _months_alone(text, exprs, free)
    return Times(tuple(exprs), tuple(sorted(names)), tuple(sorted(dates)))


_MONTH_ALONE = re.compile(
    r"\b(?:in|by|since|until|from|to|as\s+of|at\s+the\s+end\s+of|end\s+of)\s+(?P<mon>January|February|March|April"
    r"|May|June|July|August|September|October|November|December)\b(?![\s,]*\d)"
)


def _months_alone(text: str, exprs: list[TimeExpr], free: Callable[[int, int], bool]) -> list[TimeExpr]:
    """ "from RMB 3,733 in January 2021 to RMB 2,850 in September": a month takes the year last named before it."""
    extra: list[TimeExpr] = []
    if not exprs or _HINTS["month"].search(text) is None:
        return exprs  # no year for a month to take, or no month name (each holds its three-letter head)
    for m in _MONTH_ALONE.finditer(text):
        s, e = m.span("mon")
        if not free(s, e):
            continue
        years = [t for t in exprs if t.end <= s and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", t.period)]
        if not years:
            continue
        before = text[max(0, s - 40) : s]
        period = f"{years[-1].period[:4]}-{_MONTHS[m.group('mon').lower()]:02d}"
        extra.append(
            TimeExpr(
                s,
                e,
                period,
                by=bool(_BY_BEFORE.search(before)),
                as_of=bool(_AS_OF_BEFORE.search(before)),
                since=bool(_SINCE_BEFORE.search(before)),
            )
        )
    return sorted([*exprs, *extra], key=lambda t: t.start)


def _period_of(kind: str, m: re.Match[str]) -> str | None:
    g = m.groupdict()
    y = g.get("y")
    if kind in ("span", "span_words", "cn_span"):
        assert y is not None
        y2 = _norm_year(g["y2"], y)
        if not y < y2 or int(y2) - int(y) > 100:
            return None
        return f"{y}-{y2}"
    if kind == "md":
        return "md"
    if kind == "cy":
        return _norm_year(y) if y else None
    if kind == "fy":
        # a fiscal year is not the calendar year (the US federal FY 2024 began in October 2023): it keeps its name
        return f"FY{_norm_year(y)}" if y else None
    month: int | None = None
    if g.get("mon"):
        month = _MONTHS[g["mon"].lower().rstrip(".")]
    elif g.get("m"):
        month = int(g["m"])
    if y is None:
        return None
    if month is None:
        return y
    day = g.get("d")
    if day and kind not in ("my",):
        d = int(day)
        if not 1 <= d <= 31:
            return None
        return f"{y}-{month:02d}-{d:02d}"
    return f"{y}-{month:02d}"


def _looks_like_day(text: str, m: re.Match[str]) -> bool:
    # "May 5" could be a modal verb followed by a number; require a capitalised month not at a clause start
    # after a modal-like context, and a day within range.
    d = int(m.group("d"))
    mon = m.group("mon")
    if not 1 <= d <= 31:
        return False
    return not (mon.lower() in ("may", "mar") and not mon[0].isupper())


def name_precedes(text: str, start: int) -> bool:
    """A capitalised word right before `start`, not opening a sentence: "Mate 60", "Vision 2035"."""
    return _is_name(text, start, text[max(0, start - 40) : start])


def _is_name(text: str, start: int, before: str) -> bool:
    nm = _NAME_BEFORE.search(before)
    if nm is None:
        return False
    word = nm.group(1)
    if word in _NOT_NAME_WORDS or word.rstrip(".") in _NOT_NAME_WORDS:
        return False
    # The first word of a sentence is capitalised whatever it is ("Since 2014" is handled above).
    head = before[: nm.start(1)].rstrip()
    return bool(head) and not head.endswith((".", "!", "?", "\n", "。"))
