"""How well a candidate figure answers a question: agreement in measure words, unit, year, kind and source.

The score is a coverage of the question's content words by the figure's surroundings, weighted by how close
each word is (same clause or table row > same sentence or caption > same passage), then scaled by hard
agreement checks: a figure of the wrong unit type, or stated in the question itself, scores zero; a
figure for another year, or of another kind than asked ("target"), is pushed down rather than removed, so
a passage that states the year only once can still win when nothing better exists.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sinoscope.answer.candidates import Candidate
from sinoscope.answer.question import PERCENT_CUES, STOPWORDS, Question, UnitType, same_word, word_set, words

_ISO = re.compile(r"^[A-Z]{3}$")
_PERIOD_RANGE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")
NEAR = 1.0
CAPTION = 0.8
CONTEXT = 0.35
HEAD_LEVEL = 0.45
"""The measure noun must be in the figure's sentence, row, column or caption, not just somewhere in the passage."""
ENTITY_WEIGHT = 1.5
"""A named entity counts as one (heavier) term, however many words its name has."""
PRECISION_WEIGHT = 0.2
"""Bonus for a figure whose own words (clause, subject, row and column labels, caption) the question uses:
among figures near the same question words, the one described by *fewer other* words is the one asked."""
_SCALE_WORDS = word_set("billion million trillion thousand hundred rmb usd yuan yen jpy cny eur")
_ROMAN = word_set("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv")
_ORDINALS = word_set("first second third fourth fifth sixth seventh eighth ninth tenth")
PROXIMITY_WORDS = 20


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    coverage: float
    """Share of the question's words found around the figure (0..1), proximity-weighted."""
    year_ok: bool | None
    """True/False when the question names a year; None when it does not."""


def unit_type(unit: str) -> UnitType:
    if unit in ("%", "pp"):
        return UnitType.PERCENT
    if _ISO.match(unit):
        return UnitType.CURRENCY
    return UnitType.COUNT


def _has(term: str, bag: Sequence[str]) -> bool:
    return any(same_word(term, w) for w in bag)


def _contains(bag: Sequence[str], names: tuple[str, ...]) -> bool:
    n = len(names)
    return any(tuple(bag[i : i + n]) == names for i in range(len(bag) - n + 1))


def _descriptive(word: str) -> bool:
    return word not in STOPWORDS and word not in _SCALE_WORDS and not word[0].isdigit() and word != "table"


def _qualifier(word: str) -> bool:
    return word in _ROMAN or word in _ORDINALS or word.isdigit() or bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", word))


def _qualifier_conflict(terms: Sequence[str], bag: Sequence[str]) -> bool:
    """The question names "Phase I" (or "Attribute 3") and the figure's own words "Phase II" ("Attribute 1"):
    a different member of a series. `terms` are the question's words, numbers included; years are left
    to the period check."""
    asked = {
        (a, b)
        for a, b in itertools.pairwise(terms)
        if _descriptive(a) and _qualifier(b) and not re.fullmatch(r"\d{4}", b)
    }
    if not asked:
        return False
    heads = {a for a, _ in asked}
    seen = {(a, b) for a, b in itertools.pairwise(bag) if a in heads and _qualifier(b)}
    return bool(seen) and not (seen & asked)


def _distance_level(term: str, before: list[str], after: list[str]) -> float:
    best = 0.0
    for d, w in enumerate(reversed(before)):
        if same_word(term, w):
            best = max(best, 0.45 + 0.45 * max(0.0, 1 - d / PROXIMITY_WORDS))
            break
    for d, w in enumerate(after):
        if same_word(term, w):
            best = max(best, 0.45 + 0.45 * max(0.0, 1 - d / PROXIMITY_WORDS))
            break
    return best


def _year_in(period: str | None, year: str) -> bool:
    if period is None:
        return False
    m = _PERIOD_RANGE.match(period)
    if m is not None:
        return m.group(1) <= year <= m.group(2)
    return period.startswith(year) or year in period


def _years(q: Question, c: Candidate, bag: Sequence[str]) -> tuple[float, bool | None]:
    if not q.years:
        return 1.0, None
    if c.period is not None and any(ch.isdigit() for ch in c.period):
        return (1.1, True) if any(_year_in(c.period, y) for y in q.years) else (0.35, False)
    if any(y in bag for y in q.years):
        return 0.9, True
    return 0.6, False


def _kind_factor(q: Question, c: Candidate) -> float:
    if q.kind is not None:
        return 1.1 if c.kind == q.kind else 0.85
    return 0.9 if c.kind in ("target", "forecast") else 1.0


def score(q: Question, c: Candidate, entity_names: Mapping[str, Sequence[tuple[str, ...]]] | None = None) -> Scored:
    """Score one candidate; `entity_names` maps a question entity to its names as word tuples (from the KB)."""
    if q.unit_type is not None and unit_type(c.unit) is not q.unit_type:
        return Scored(c, 0.0, 0.0, None)
    if any(abs(c.value - n) <= 1e-9 * max(1.0, abs(n)) for n in q.numbers):
        return Scored(c, 0.0, 0.0, None)
    near = words(c.near)
    before, after = words(c.before), words(c.after)
    caption = words(c.caption)
    context = words(c.context)
    sentence = before + after

    def level(term: str) -> float:
        if _has(term, near):
            return NEAR
        lv = _distance_level(term, before, after)
        if _has(term, caption):
            lv = max(lv, CAPTION)
        if lv == 0.0 and _has(term, context):
            lv = CONTEXT
        return lv

    levels = {t: level(t) for t in q.terms}
    units: list[tuple[float, float]] = []
    grouped: set[str] = set()
    for mention in q.entities:
        inside = [t for t in mention.words if t in levels]
        if not inside:
            continue
        grouped.update(inside)
        lv = sum(levels[t] for t in inside) / len(inside)
        for names in (entity_names or {}).get(mention.entity, ()):
            for bag, found in ((near, NEAR), (sentence, 0.7), (caption, CAPTION), (context, CONTEXT)):
                if found > lv and _contains(bag, names):
                    lv = found
        units.append((ENTITY_WEIGHT, lv))
    units.extend((1.0, lv) for t, lv in levels.items() if t not in grouped)
    total = sum(w for w, _ in units)
    coverage = sum(w * lv for w, lv in units) / total if total else 0.0
    head_by_unit = q.head in PERCENT_CUES and unit_type(c.unit) is UnitType.PERCENT  # "share" ~ a "%" column
    if q.head is not None and q.head in levels and levels[q.head] < HEAD_LEVEL and not head_by_unit:
        coverage *= 0.5  # the figure is not described as the thing asked for
    s = coverage
    if q.bigrams:
        pairs = set(itertools.pairwise(near))
        s += 0.15 * sum(1 for b in q.bigrams if b in pairs) / len(q.bigrams)
    own = [w for w in (near + caption if c.source == "table" else near) if _descriptive(w)]
    if own:
        s += PRECISION_WEIGHT * sum(1 for w in own if _has(w, q.terms)) / len(own)
    if _qualifier_conflict(words(q.text), near + caption + sentence):
        s *= 0.5
    year_factor, year_ok = _years(q, c, near + sentence + caption)
    s *= year_factor * _kind_factor(q, c)
    if q.currency is not None and c.unit != q.currency and unit_type(c.unit) is UnitType.CURRENCY:
        s *= 0.7
    if q.publisher_terms:
        if all(_has(t, near + sentence + caption) for t in q.publisher_terms):
            s += 0.1
        elif not all(_has(t, context) for t in q.publisher_terms):
            s *= 0.75
    if q.count_noun and unit_type(c.unit) is UnitType.COUNT and same_word(q.count_noun, c.unit):
        s += 0.05
    s += 0.03 / (1 + c.rank)
    return Scored(c, s, coverage, year_ok)
