"""A year named in a query, matched to passages: "2023 targets for urban jobs", "2024年拟安排的专项债".

Policy documents come in series (a government work report or a budget every year, a plan's mid-term
review): the passages of successive years say nearly the same thing, and the query's year is often the
only word that tells them apart. The year may be printed in the passage (a target "by 2025", data "in
2021") or only be the document's own date (a 2023 report says 今年, "this year"). A passage that prints the
year or belongs to a document dated that year gets a vote in hybrid search (`fusion.prefer`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

YEAR = re.compile(r"(?<!\d)(?<!\d\.)((?:19|20)\d\d)(?!\d|\.\d|%)")
"""A four-digit year of the last two centuries standing alone (not part of 12023, 2023.5 or 2025%)."""


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
    """The anchors whose passage prints one of `years` or whose document is dated in one of them."""
    if not years:
        return set()
    out: set[str] = set()
    for anchor in anchors:
        if doc_year_of(anchor.partition("#")[0]) in years or years & query_years(text_of(anchor)):
            out.add(anchor)
    return out
