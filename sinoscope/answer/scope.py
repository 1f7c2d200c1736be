"""Which documents a question names through their titles or by the year of a report: "岚江省去年地区生产总值
是多少？" is about the report titled "岚江省2025年政府工作报告", and "How many smart factories will Yunze
cultivate?" about 云泽省's plan.

A provincial report names its subject in the title and first lines and then writes 全省 ("the province")
for pages, so a word search over passages ranks the passages of every other report that says 地区生产总值
above the one the question is about. A word the question shares with only a few documents' titles (a
place, a fund, a firm; pinyin or Han) tells which documents those are; the answerer then also searches
inside them. Words most titles share (报告, "report", a year) tell nothing and are ignored.

A question may name its report by year instead ("per the 2025 report", "2023年政府工作报告说去年…"): a
series of annual reports shares every title word, and each restates last year's figures, so only the year
tells which report is asked (`Question.report_year`, `in_named_report`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from sinoscope.answer.names import names_in
from sinoscope.answer.question import STOPWORDS, words
from sinoscope.documents.zh_variants import has_han

TELLING_SHARE = 0.1
"""A word in more than this share of the titles (and more than one) does not single documents out."""
MAX_NAMED = 3


def title_words(title: str) -> frozenset[str]:
    """A title's words in every form a question may use: words, Han character pairs, pinyin of Han runs."""
    return frozenset(w for w in words(title) if not w.isdigit() and w not in STOPWORDS) | names_in(title)


def named_documents(question: str, titles: Mapping[str, frozenset[str]]) -> list[str]:
    """The documents (at most `MAX_NAMED`) whose titles share a telling word with the question, those
    sharing the most telling words first; none when the question names no title's subject."""
    if len(titles) < 2:
        return []
    asked = title_words(question)
    limit = max(1, math.floor(TELLING_SHARE * len(titles)))
    holders: dict[str, list[str]] = {}
    for doc_id, bag in titles.items():
        for w in asked & bag:
            holders.setdefault(w, []).append(doc_id)
    score: dict[str, float] = {}
    for held in holders.values():
        if len(held) <= limit:
            for doc_id in held:
                score[doc_id] = score.get(doc_id, 0.0) + 1.0 / len(held)
    return sorted(score, key=lambda d: (-score[d], d))[:MAX_NAMED]


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def without_title_words(question: str, title: frozenset[str]) -> str:
    """The question without the words it shares with a document's title: inside that document they are on
    every page's subject, not in the passage asked for, and a search for them finds the title page."""

    def keep(m: re.Match[str]) -> str:
        return " " if m.group().lower().removesuffix("'s").removesuffix("’s") in title else m.group()

    out = _LATIN_WORD.sub(keep, question)
    pairs = {w for w in title if len(w) == 2 and has_han(w)}
    covered = {i + k for i in range(len(out) - 1) if out[i : i + 2] in pairs for k in (0, 1)}
    return " ".join("".join(" " if i in covered else ch for i, ch in enumerate(out)).split())


_YEAR = r"((?:19|20)\d{2})"


def document_years(title: str, date: str | None) -> frozenset[str]:
    """The years a document may be named by: those in its title (a communiqué on 2025, issued in 2026) and
    the year of its date (a work report titled without one)."""
    years = set(re.findall(_YEAR, title))
    if date and re.match(_YEAR, date):
        years.add(date[:4])
    return frozenset(years)


def in_named_report(year: str | None, doc_ids: list[str], years_of: Mapping[str, frozenset[str]]) -> set[str]:
    """The documents among `doc_ids` a question naming its report by `year` may be answered from: those
    named by that year when any is, else all of them (the report is not in the store)."""
    named = {d for d in doc_ids if year is not None and year in years_of.get(d, frozenset())}
    return named or set(doc_ids)
