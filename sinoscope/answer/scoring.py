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
from sinoscope.answer.entities import Lexicon, contains, entity_factor
from sinoscope.answer.question import (
    ESTIMATE_CUES,
    FORECAST_CUES,
    PERCENT_CUES,
    STOPWORDS,
    TARGET_CUES,
    Question,
    UnitType,
    han_pairs,
    related_words,
    same_word,
    source_named,
    word_set,
    words,
)
from sinoscope.documents.zh_variants import is_han, to_simplified
from sinoscope.documents.zh_words import words as zh_words

_ISO = re.compile(r"^[A-Z]{3}$")
_NUMBER_WORD = re.compile(r"[\d.,]+%?")
_PERIOD_RANGE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")
NEAR = 1.0
CAPTION = 0.8
CONTEXT = 0.35
ENTITY_CONTEXT = 0.6
"""A named entity elsewhere in the passage: paragraphs keep to one subject and refer back to it ("the
roadmap ... it was revised"), so the name counts for more than a loose measure word would."""
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
COMMON_WEIGHT = 0.5
MIN_PASSAGES_FOR_WEIGHTS = 5
KIND_CUES = TARGET_CUES | FORECAST_CUES | ESTIMATE_CUES
_LENGTHS = frozenset({"distance", "length", "range", "height", "depth", "width", "size"})
_MASSES = frozenset({"weight", "mass"})
_UNIT_MEASURES: dict[str, frozenset[str]] = {
    **{u: _LENGTHS for u in ("km", "m", "cm", "mm", "µm", "nm", "mile", "miles", "inch")},
    **{u: _MASSES for u in ("kg", "t", "g", "tonnes", "tons")},
}
"""Measure nouns a figure's unit says by itself: 7,600 km is a distance even where the sentence does not say so."""
HEAD_ELSEWHERE = 0.9
"""The measure noun is in the figure's sentence but not its own clause ("imports were X, and exports Y":
asked for exports, X is described by "imports")."""
GENERIC_COUNTS = word_set("units unit items persons people pieces sets cases")
"""Count units that may stand for any counted noun ("935 persons" answers "how many authors")."""
OTHER_COUNT = 0.3
"""A count of something else than asked ("10 industries" for "how many robots")."""
_TIME_WORDS = frozenset({"年", "小时"})
_TIME_UNITS = frozenset({"years", "year", "hours", "hour", "days", "months", "minutes"})
OTHER_PUBLISHER = 0.4
"""The question names a source and neither the passage nor the knowledge base ties the figure to it."""


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    coverage: float
    """Share of the question's words found around the figure (0..1), proximity-weighted."""
    year_ok: bool | None
    """True/False when the question names a year; None when it does not."""
    entity: float = 1.0
    """How much the figure's passage is about the named things the question asks about (`entity_factor`)."""
    publisher_ok: bool | None = None
    """False when the question names a source ("according to X") and nothing ties the figure to it; None when
    it names none."""


def unit_type(unit: str) -> UnitType:
    if unit in ("%", "pp", "percentage points"):
        return UnitType.PERCENT
    if unit == "times":
        return UnitType.RATIO
    if _ISO.match(unit):
        return UnitType.CURRENCY
    return UnitType.COUNT


def value_unit(unit: str) -> str:
    """The unit two statements of one value are compared in: a count is a count whatever noun it counts
    ("935 authors" in the text, "935 persons" in the table), but a time, length or mass is not a count."""
    if unit_type(unit) is UnitType.COUNT and unit not in _TIME_UNITS and unit not in _UNIT_MEASURES:
        return "count"
    return unit


def _has(term: str, bag: Sequence[str]) -> bool:
    """`same_word` of `term` with a word of `bag`: only words sharing its first four letters, or a name of
    the same measure or a demonym (`related_words`), can be one (scoring asks this ~1,000 times a question)."""
    if term in bag or any(w in bag for w in related_words(term)):
        return True
    prefix = term[:4]
    return any(w.startswith(prefix) and same_word(term, w) for w in bag)


def _has_indexed(term: str, bag: frozenset[str], by_prefix: Mapping[str, Sequence[str]]) -> bool:
    """`_has` over a set of words indexed by their first four letters: forms of one word share them, so
    only those are compared (names of one measure and demonyms are looked up directly)."""
    if term in bag:
        return True
    if any(w in bag for w in related_words(term)):
        return True
    return any(same_word(term, w) for w in by_prefix.get(term[:4], ()))


def _descriptive(word: str) -> bool:
    return word not in STOPWORDS and word not in _SCALE_WORDS and not _NUMBER_WORD.fullmatch(word) and word != "table"


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


def _years(q: Question, c: Candidate, bag: Sequence[str], own: Sequence[str]) -> tuple[float, bool | None]:
    """`bag`: the figure's sentence, clause and caption; `own`: its clause (or row and column labels)."""
    if not q.years:
        return 1.0, None
    if c.period is not None and any(ch.isdigit() for ch in c.period):
        if any(_year_in(c.period, y) for y in q.years):
            return 1.1, True
        if any(y in own for y in q.years):
            return 0.9, True  # a target "set in October 2020 ... by 2025": the clause names the year asked
        return 0.35, False
    if any(y in bag for y in q.years):
        return 1.1, True  # the year is in the figure's sentence ("... USD 13,000 (both in 2021)")
    return 0.6, False


def _kind_agrees(asked: str, kind: str) -> bool:
    """A plan's "will be raised to 8%" is read as a forecast; asked for a target, it still is one."""
    return kind == asked or (asked == "target" and kind == "forecast")


@dataclass(frozen=True)
class WordIndex:
    """A text's words indexed for `_has_indexed` (forms of one word share their first four letters): built
    once per passage for `term_weights`, once per document for `document_missing` (kept by the answerer)."""

    bag: frozenset[str]
    by_prefix: Mapping[str, Sequence[str]]

    @classmethod
    def of(cls, bag: frozenset[str]) -> WordIndex:
        by_prefix: dict[str, list[str]] = {}
        for w in bag:
            by_prefix.setdefault(w[:4], []).append(w)
        return cls(bag, by_prefix)

    def has(self, term: str) -> bool:
        return _has_indexed(term, self.bag, self.by_prefix)


def term_weights(terms: Sequence[str], passages: Sequence[str]) -> dict[str, float]:
    """How much each question word tells the retrieved passages apart: a word every passage has ("China"
    in a corpus about China) weighs half as much as one only a few have ("vertical" LLMs)."""
    if len(passages) < MIN_PASSAGES_FOR_WEIGHTS:
        return {}
    indexes = [WordIndex.of(frozenset(words(p))) for p in passages]
    out = {}
    for t in dict.fromkeys(terms):
        df = sum(1 for index in indexes if index.has(t))
        out[t] = COMMON_WEIGHT + (1 - COMMON_WEIGHT) * (1 - df / len(indexes))
    return out


def telling_words(terms: Sequence[str], text: str) -> list[tuple[str, ...]]:
    """The question's words as `document_missing` weighs them, each as the index terms it is made of: a Latin
    word is one term; a Chinese word is jieba's word, held as its character pairs. The pairs alone are no
    words: 拟发 of 拟发行 straddles two, and a report writing 拟安排 instead misses it without missing
    anything the question names."""
    content = [t for t in dict.fromkeys(terms) if t not in STOPWORDS]
    out: list[tuple[str, ...]] = [(t,) for t in content if not is_han(t[0])]
    kept = set(content)
    for w in _han_words(zh_words(to_simplified(text))):
        pairs = tuple(han_pairs(w))
        if all(p in kept for p in pairs):
            out.append(pairs)
    return out


def _han_words(tokens: Sequence[str]) -> list[str]:
    """jieba's Han words of two or more characters, with each run of lone characters joined into one: a name
    jieba does not know (沧澜省) comes out a character at a time."""
    out: list[str] = []
    lone = ""
    for t in [*tokens, ""]:
        if len(t) == 1 and is_han(t):
            lone += t
            continue
        if len(lone) > 1:
            out.append(lone)
        lone = ""
        if len(t) > 1 and is_han(t[0]):
            out.append(t)
    return out


def document_missing(terms: Sequence[str], text: str, documents: Mapping[str, WordIndex]) -> dict[str, float]:
    """Per document, the share of the question's telling words it never uses anywhere (0 = it has them all).

    A word is telling in proportion to how few of the candidate documents use it: a place, fund or firm
    the question names ("Canglan", 沧澜) is used by the one document about it and by none of the others,
    while "GDP" or 增长 is in all of them and tells nothing. A figure from a document that never names what
    the question names answers another document's question however well its own sentence matches; the
    passage alone cannot tell, since a report names its subject in its title and first lines and then
    writes "the province" (全省) for pages."""
    if len(documents) < 2:
        return dict.fromkeys(documents, 0.0)
    has = {
        u: {d for d, index in documents.items() if all(index.has(t) for t in u)}
        for u in dict.fromkeys(telling_words(terms, text))
    }
    weight = {t: 1 - len(found) / len(documents) for t, found in has.items() if found}  # a word none uses tells nothing
    total = sum(weight.values())
    if total == 0:
        return dict.fromkeys(documents, 0.0)
    return {d: sum(w for t, w in weight.items() if d not in has[t]) / total for d in documents}


def score(
    q: Question, c: Candidate, lexicon: Lexicon | None = None, weights: Mapping[str, float] | None = None
) -> Scored:
    """Score one candidate; `lexicon` holds the knowledge base's names and types, `weights` the question
    words' `term_weights` over the retrieved passages."""
    weights = weights or {}
    lexicon = lexicon or Lexicon()
    if q.unit_type is not None and unit_type(c.unit) is not q.unit_type:
        return Scored(c, 0.0, 0.0, None)
    if any(abs(c.value - n) <= 1e-9 * max(1.0, abs(n)) for n in q.numbers):
        return Scored(c, 0.0, 0.0, None)
    near = words(c.near)
    before, after = words(c.before), words(c.after)
    caption = words(c.caption)
    context = words(c.context)
    headings = words(c.headings)
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
    if q.kind is not None and _kind_agrees(q.kind, c.kind):
        for t in levels:
            if t in KIND_CUES:
                levels[t] = NEAR  # "the target for X": a figure read as a target is described by the word
    units: list[tuple[float, float]] = []
    grouped: set[str] = set()
    head_level = levels.get(q.head, 0.0) if q.head is not None else 0.0
    for mention in q.entities:
        inside = [t for t in mention.words if t in levels]
        if not inside:
            continue
        grouped.update(inside)
        named = 0.0  # how close the entity's full name (or the knowledge base's link) puts it
        if mention.entity in (c.indicator, c.entity):
            named = NEAR  # the knowledge base says this figure is (or is about) the named entity
        for names in lexicon.names.get(mention.entity, ()):
            for bag, found in (
                (near, NEAR), (sentence, 0.7), (caption, CAPTION), (context + headings, ENTITY_CONTEXT)
            ):  # fmt: skip
                if found > named and contains(bag, names):
                    named = found
        # a name missing a word is another name: its weakest word counts half
        word_levels = [levels[t] for t in inside]
        lv = max(named, (sum(word_levels) / len(word_levels) + min(word_levels)) / 2)
        units.append((ENTITY_WEIGHT * sum(weights.get(t, 1.0) for t in inside) / len(inside), lv))
        if q.head in inside:
            head_level = max(head_level, named)  # the measure is a named entity ("NEVs"), found in the passage
    units.extend((weights.get(t, 1.0), lv) for t, lv in levels.items() if t not in grouped)
    total = sum(w for w, _ in units)
    coverage = sum(w * lv for w, lv in units) / total if total else 0.0
    head_by_unit = (q.head in PERCENT_CUES and unit_type(c.unit) is UnitType.PERCENT) or (  # "share" ~ a "%"
        q.head in _UNIT_MEASURES.get(c.unit, ())
    )
    if q.head is not None and q.head == q.count_noun and c.unit.lower() in GENERIC_COUNTS:
        head_level = max(head_level, HEAD_LEVEL if head_level >= CONTEXT else 0.0)  # "55,000 units" of robots
    head_factor = 1.0
    if q.head is not None and q.head in levels and not head_by_unit:
        if head_level < HEAD_LEVEL:
            coverage *= 0.5  # the figure is not described as the thing asked for
        elif head_level < NEAR and not _has(q.head, caption):
            head_factor = HEAD_ELSEWHERE
    s = coverage
    own = [w for w in (near + caption if c.source == "table" else near) if _descriptive(w)]
    if own:
        s += PRECISION_WEIGHT * sum(1 for w in own if _has(w, q.terms)) / len(own)
    if _qualifier_conflict(words(q.text), near + caption + sentence):
        s *= 0.5
    year_factor, year_ok = _years(q, c, near + sentence + caption, near)
    s *= year_factor * head_factor
    about = entity_factor(
        q, lexicon, near, near + sentence + caption, context + caption + headings, (c.entity, c.indicator)
    )
    s *= about
    if q.currency is not None and c.unit != q.currency and unit_type(c.unit) is UnitType.CURRENCY:
        s *= 0.7
    publisher_ok = None
    if q.publisher_terms:
        publisher_ok = True
        if all(_has(t, near + sentence + caption + words(c.publisher or "")) for t in q.publisher_terms):
            s += 0.1
        elif not all(_has(t, context) for t in q.publisher_terms) or source_named(c.before + c.after):
            s *= OTHER_PUBLISHER  # the passage does not name the source, or the sentence names another one
            publisher_ok = False
    if (
        q.measure is not None
        and unit_type(c.unit) is UnitType.COUNT
        and (q.measure in _TIME_WORDS) != (c.unit in _TIME_UNITS)
    ):
        s *= OTHER_COUNT  # "多少种商品" is not answered by "5年", nor "几年" by a count of goods
    if q.count_noun and unit_type(c.unit) is UnitType.COUNT:
        if same_word(q.count_noun, c.unit):
            s += 0.05
        elif c.unit.lower() not in GENERIC_COUNTS and not same_word(q.count_noun, c.unit.lower()):
            s *= OTHER_COUNT
    return Scored(c, s, coverage, year_ok, about, publisher_ok)
