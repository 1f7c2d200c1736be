"""A month's or a quarter's figure or the year's: "12月份为4.9%" beside "全年平均为5.1%" answers only the
question that names December, "三季度增长5.6%" only the one that names the third quarter.

Statistical bulletins state a December (or other single-month) figure and the full-year one in the same
sentence ("exports were EUR 15.2 billion in December and EUR 198.4 billion for the year"), so both carry
the year asked and match the same words. Extraction dates a single-month figure to its month ("2025-12");
a question names a month (12月, "in December") or it does not. A figure of the month asked agrees; a
figure of another month, or of no month when one is asked, does not; a month's figure for a question
naming no month does not either, unless the question asks for the year's end (年末, "end of 2025"), which a
December figure may state. One fitted ranker feature, like `changes`.

A quarter is the same kind of part of a year, but extraction dates a quarter's figure to its year ("分季度看，
一季度增长5.1%，…三季度增长5.6%" are all 2025): its quarter is read from the figure's own words, the stretch of
its sentence between the clause breaks around it (or a table cell's labels).
"""

from __future__ import annotations

import functools
import re

from sinoscope.answer.series import members
from sinoscope.documents.zh_variants import to_simplified
from sinoscope.extraction.periods import find_times

_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_TITLED = "|".join(m.title() for m in _MONTHS)
_EN_MONTH = re.compile(
    rf"\b(?:in|of|for|during|month of)\s+({_TITLED})\b"
    rf"|\b({_TITLED})(?:'s)?\s+(?:of\s+)?(?:last year|this year|\d{{4}})\b"
)
_ZH_MONTH = re.compile(r"(?<![\d\-—–~至到])(1[0-2]|[1-9])月(?:份)?(?![\d末底])")
_RANGE = re.compile(
    rf"(?:{_TITLED})\s*(?:-|–|to|through)\s*(?:{_TITLED})"
    r"|\d{1,2}\s*[-—–~至到]\s*\d{1,2}月|前[一二三四五六七八九十]+个?月|前三季度"
)
"""A span of months (January–September, 1-11月): a year to date, not one month."""
_YEAR_END = re.compile(r"年末|年底|\b(?:end of|end-|year-end|at the end)", re.IGNORECASE)
_CANDIDATE_MONTH = re.compile(r"^\d{4}-(\d{2})$")


_BREAK = re.compile(r"[，,；;。:：]")


def quarter_named(text: str) -> int | None:
    """The single quarter a text names (三季度, 第三季度, Q3, "third quarter"), read as `series` reads any
    member of a numbered series; None for none, for several, or for quarters to date (前三季度)."""
    quarters = {n for series, n in members(text) if series == "quarter"}
    return quarters.pop() if len(quarters) == 1 else None


def figure_stretch(before: str, after: str) -> str:
    """The figure's own stretch of its sentence: from the last clause break before it to the next after it."""
    head = _BREAK.split(before)[-1]
    return head + " " + _BREAK.split(after)[0]


@functools.lru_cache(maxsize=1024)
def asked_month(question: str) -> int | None:
    """The single month a question names (1–12), or None. Cached: the ranker asks it once per candidate."""
    text = to_simplified(question)
    if _RANGE.search(text):
        return None
    for expr in find_times(text).exprs:
        m = _CANDIDATE_MONTH.match(expr.period)
        if m is not None:
            return int(m.group(1))
    en = _EN_MONTH.search(text)
    if en is not None:
        return _MONTHS.index((en.group(1) or en.group(2)).lower()) + 1
    zh = _ZH_MONTH.search(text)
    return int(zh.group(1)) if zh is not None else None


def figure_month(period: str | None) -> int | None:
    """The month a figure is dated to ("2025-12" → 12), or None for a year, a span or a day."""
    m = _CANDIDATE_MONTH.match(period or "")
    return int(m.group(1)) if m is not None else None


def month_agreement(question: str, period: str | None, own: str = "") -> float:
    """+1 for the month (or quarter) asked, -1 for another or none when one is asked, -1 for a month's or
    quarter's figure when none is asked (0 when the question asks for the year's end and the figure is a
    month's), 0 otherwise. `own` is the figure's own words (`figure_stretch`), where its quarter is named."""
    asked_q = _asked_quarter(question)
    quarter = quarter_named(own) if own else None
    asked, month = asked_month(question), figure_month(period)
    if asked_q is not None:
        return 1.0 if quarter == asked_q and month is None else -1.0
    if asked is not None:
        return 1.0 if month == asked else -1.0
    if quarter is not None:
        return -1.0
    if month is None or _YEAR_END.search(question):
        return 0.0
    return -1.0


@functools.lru_cache(maxsize=1024)
def _asked_quarter(question: str) -> int | None:
    return quarter_named(to_simplified(question))
