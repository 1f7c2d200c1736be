"""A year named in a query, matched to passages: "2023 targets for urban jobs", "2024年拟安排的专项债".

Policy documents come in series (a government work report or a budget every year, a plan's mid-term
review): the passages of successive years say nearly the same thing, and the query's year is often the
only word that tells them apart. The year may be printed in the passage (a target "by 2025", data "in
2021"), be the document's own date (a 2023 report says 今年, "this year"), or be the year before it: a
yearly report reviews the year just ended as 去年 / 过去一年 / "last year" (a 2023 work report gives 2022's
growth without printing 2022). A passage that prints the year, belongs to a document dated that year, or
looks back on "last year" in a document dated the year after, gets a vote in hybrid search
(`fusion.prefer`).

The document's date says little about a passage of a yearly report, though: a report dated 2024 reviews 2023
under "一、2023年工作回顾" and sets 2024's targets under "三、2024年政府工作任务", so every passage of the 2024
report voted for a question about 2024 while the review of 2024, in the 2025 report and printing no year,
did not. Extraction already dates each figure from the structure around it (`extraction.doc_context`: the
nearest heading naming a year, a paragraph opening with 过去一年, the document's date), so a passage holding
dated figures matches by their years instead (`dated_years`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

YEAR = re.compile(r"(?<!\d)(?<!\d\.)((?:19|20)\d\d)(?!\d|\.\d|%)")
"""A four-digit year of the last two centuries standing alone (not part of 12023, 2023.5 or 2025%)."""


PAST_YEAR = re.compile(r"去年|过去一年|上一年度|[Ll]ast year|(?:the )?past year|previous year")
"""Words with which a document looks back on the year before its own date. Not 上年 alone: 比上年增加 in a
plan compares this year's figure with last year's and is about this year."""


def query_years(text: str) -> frozenset[str]:
    """The years a query (or a passage) names; full-width digits (２０２４年, common in Chinese text) read as
    ASCII ones."""
    return frozenset(YEAR.findall(unicodedata.normalize("NFKC", text)))


def year_matches(
    years: frozenset[str],
    anchors: Iterable[str],
    *,
    text_of: Callable[[str], str],
    doc_year_of: Callable[[str], str],
    figure_years_of: Callable[[str], frozenset[str]] | None = None,
) -> set[str]:
    """The anchors whose passage prints one of `years`, or else: whose figures are dated in one of them
    (`figure_years_of`, the years of the passage's dated figures, empty when it has none); for a passage
    without dated figures, whose document is dated in one of them, or the year after one of them when the
    passage looks back on the past year."""
    if not years:
        return set()
    following = {str(int(y) + 1) for y in years}
    out: set[str] = set()
    for anchor in anchors:
        text = text_of(anchor)
        if years & query_years(text):
            out.add(anchor)
            continue
        dated = figure_years_of(anchor) if figure_years_of is not None else frozenset()
        if dated:
            if years & dated:
                out.add(anchor)
            continue
        doc_year = doc_year_of(anchor.partition("#")[0])
        if doc_year in years or (doc_year in following and PAST_YEAR.search(text)):
            out.add(anchor)
    return out


PERIOD = re.compile(r"((?:19|20)\d\d)(?:-\d\d){0,2}(?:-((?:19|20)\d\d))?")
"""A figure's period: a year, month or day ("2023", "2024-03"), or a span of years ("2018-2022")."""


def dated_years(periods: Iterable[str | None]) -> frozenset[str]:
    """The years a passage's figures are dated in: a single year's (month's, day's) own, a span's last year.
    A five-year review ("2018-2022", from 过去五年 in a report dated 2023) prints the levels reached at its
    end and growth over its whole length, not the figures of one of its middle years, and none of the
    report's own year: counting every year of the span voted it up for an English question about 2021 (tuning
    sets, English hybrid recall@3 60 → 59/63), counting none gave the same figures as its last year."""
    out: set[str] = set()
    for period in periods:
        m = PERIOD.fullmatch(period or "")
        if m is not None:
            out.add(m.group(2) or m.group(1))
    return frozenset(out)
