"""A year named in a query, matched to passages: "2023 targets for urban jobs", "2024年拟安排的专项债".

Policy documents come in series (a government work report or a budget every year, a plan's mid-term
review): the passages of successive years say nearly the same thing, and the query's year is often the
only word that tells them apart. The year may be printed in the passage (a target "by 2025", data "in
2021"), be the document's own date (a 2023 report says 今年, "this year"), or be the year before it: a
yearly report reviews the year just ended as 去年 / 过去一年 / "last year" (a 2023 work report gives 2022's
growth without printing 2022). A passage that prints the year, belongs to a document dated that year, or
looks back on "last year" in a document dated the year after, gets a vote in hybrid search
(`fusion.prefer`).
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
) -> set[str]:
    """The anchors whose passage prints one of `years`, whose document is dated in one of them, or whose
    document is dated the year after one of them and the passage looks back on the past year."""
    if not years:
        return set()
    following = {str(int(y) + 1) for y in years}
    out: set[str] = set()
    for anchor in anchors:
        doc_year = doc_year_of(anchor.partition("#")[0])
        text = text_of(anchor)
        if doc_year in years or years & query_years(text) or (doc_year in following and PAST_YEAR.search(text)):
            out.add(anchor)
    return out
