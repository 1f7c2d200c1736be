"""How likely a candidate figure is the answer: a conditional logit over a few features one can read.

The word-agreement score of `scoring.score` says how well a figure's surroundings match the question; it is
one feature among several that decide whether to *give* the figure: how much of the question is covered,
whether the figure's period is the year asked (exactly, inside a span, or another year), whether it was
found through the question's translation, how far ahead of the best figure with another value it is,
whether its document uses the question's telling words at all, whether its clause names another proper
name than the question's, whether it names the member of a series asked for ("二期", "Phase II") or
another member, whether it names the side of a contrast asked for (exports, not imports; `contrasts`), and
whether it is a change or a level as the question asks (`changes`), and a month's figure or the year's
(`months`).
(Retrieval rank is left out: a passage ranked second by BM25 is not less likely to hold the figure, and
the fitted weight let rank override clear word agreement.) The weights are fitted
(`bench/train/fit_ranker.py`, a conditional logit: each question's candidates compete in one softmax) on
invented documents and questions only; a second, logistic model says from the best candidate's
probability, lead and score whether to answer at all, and its threshold is chosen on questions of
documents left out of the fit so that "not found" is preferred to a wrong figure.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from sinoscope.answer.changes import POINT_UNITS, change_agreement
from sinoscope.answer.contrasts import contrast_agreement
from sinoscope.answer.months import figure_stretch, month_agreement
from sinoscope.answer.names import names_another
from sinoscope.answer.question import Question, asks_percentage_points
from sinoscope.answer.scoring import Scored, value_unit
from sinoscope.answer.series import member_agreement, members

FEATURES = (
    "score",
    "coverage",
    "year_exact",
    "year_within",
    "year_other",
    "no_year_asked",
    "translated",
    "kind_agrees",
    "plan_unasked",
    "margin",
    "doc_missing",
    "names_another",
    "member_same",
    "member_other",
    "contrast_same",
    "contrast_other",
    "points_agree",
    "meaning",
    "change_agrees",
    "month_agrees",
)
_SPAN = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


def _points_agree(question: str, unit: str) -> float:
    """Asked for percentage points (提高了几个百分点), a change in points agrees (+1) and a level in % does
    not (-1): both are percent-type figures, and a plan states them side by side ("达到70%，提高12个百分点")."""
    if not asks_percentage_points(question):
        return 0.0
    return 1.0 if unit in POINT_UNITS else -1.0 if unit == "%" else 0.0


CONFIDENCE = (
    "p",
    "lead",
    "z",
    "coverage",
    "translated",
    "doc_missing",
    "year_exact",
    "no_year_asked",
    "names_another",
)
"""What the decision to answer at all looks at: the best figure's share of the question's probability, its
lead over the best figure with another value, and its own linear score (how good it is in absolute terms:
one poor candidate takes all the probability of a question nothing answers); then a few of its own
features, since how often a first choice is right depends on what kind of match it is (a figure reached
through the question's translation, or from a document missing the question's words, is right less often
at the same probability; one for the very year asked, more often; one whose clause names another place or
body than the question, less often: a lone candidate takes all the probability however poorly it matches)."""
_OWN = tuple(FEATURES.index(name) for name in CONFIDENCE[3:])


@dataclass(frozen=True)
class Model:
    coef: tuple[float, ...]
    """Weights of `FEATURES` in a conditional logit: the question's candidates compete in one softmax."""
    threshold: float
    """Below this confidence the card says "not found"."""
    confidence_coef: tuple[float, ...] = (1.0, 0.0, 0.0)
    confidence_intercept: float = 0.0


@dataclass(frozen=True)
class Ranked:
    scored: Scored
    features: tuple[float, ...]
    p: float
    """The probability of the candidate's value: the softmax shares of all candidates stating it, summed."""
    z: float = 0.0
    """Its linear score, before the softmax."""


@functools.cache
def model(words_only: bool = False) -> Model:
    """The fitted model; `words_only` for an answerer without the embedder (BM25 mode, a database never
    indexed). That one is fitted with `meaning` held at zero: the full model's other weights and its
    threshold assume the meaning feature is there, and without it they answered wrong where words alone
    could not tell two figures apart."""
    raw = json.loads(resources.files("sinoscope.answer").joinpath("data/ranker.json").read_text(encoding="utf-8"))
    if words_only and "words_only" in raw:
        raw = raw["words_only"]
    coef = tuple(float(raw["coef"].get(name, 0.0)) for name in FEATURES)  # a new feature weighs 0 until refit
    conf = tuple(float(raw["confidence_coef"].get(name, 0.0)) for name in CONFIDENCE)
    return Model(coef, float(raw["threshold"]), conf, float(raw["confidence_intercept"]))


def _year_features(q: Question, period: str | None) -> tuple[float, float, float]:
    """(exact, within, other): the year asked; a span merely containing the year asked (a 2021–2025 average
    is not the 2023 figure); another period. The span asked ("2015—2050年均", both ends named) is none of
    them: it is the question's own period."""
    if not q.years or period is None:
        return 0.0, 0.0, 0.0
    span = _SPAN.match(period)
    if span is not None:
        if span.group(1) in q.years and span.group(2) in q.years:
            return 0.0, 0.0, 0.0
        inside = any(span.group(1) <= y <= span.group(2) for y in q.years)
        return 0.0, float(inside), float(not inside)
    exact = any(period.startswith(y) for y in q.years)
    return float(exact), 0.0, float(not exact and any(ch.isdigit() for ch in period))


def features(
    q: Question, s: Scored, translated: bool, best_other: float, doc_missing: float, meaning: float = 0.0
) -> tuple[float, ...]:
    """`best_other`: the best score of a figure with another value (0 when there is none); `doc_missing`:
    `scoring.document_missing` of the figure's document; `meaning`: `meaning.centred_similarity` of its
    own words to the question."""
    c = s.candidate
    exact, within, other = _year_features(q, c.period)
    kind_agrees = float(q.kind is not None and (c.kind == q.kind or (q.kind == "target" and c.kind == "forecast")))
    return (
        s.score,
        s.coverage,
        exact,
        within,
        other,
        float(not q.years),
        float(translated),
        kind_agrees,
        float(q.kind is None and c.kind in ("target", "forecast")),
        s.score - best_other,
        doc_missing,
        float(names_another(q.names, c.near)),
        *member_agreement(members(q.text), c.near),
        *contrast_agreement(q.text, c.near, c.quote),
        _points_agree(q.text, c.unit),
        meaning,
        change_agreement(q.text, c.before, c.unit, c.near if c.source == "table" else ""),
        month_agreement(q.text, c.period, c.near if c.source == "table" else figure_stretch(c.before, c.after)),
    )


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def linear(x: Sequence[float], m: Model | None = None) -> float:
    m = m or model()
    return sum(w * v for w, v in zip(m.coef, x, strict=True))


def probabilities(xs: Sequence[Sequence[float]], m: Model | None = None) -> list[float]:
    """Each candidate's chance of being the question's gold figure, given that one of them is: a softmax of
    the linear scores, so only differences between a question's candidates count (what the question
    itself is like, e.g. whether it names a year, cancels out)."""
    zs = [linear(x, m) for x in xs]
    if not zs:
        return []
    top = max(zs)
    e = [math.exp(z - top) for z in zs]
    total = sum(e)
    return [v / total for v in e]


def value_key(value: float, unit: str, period: str | None) -> str:
    """Figures printed alike (to four significant digits, same unit, any counted noun) for the same period
    state one value; the same 5% as the target of three different years is three answers."""
    return f"{value:.4g} {value_unit(unit)} {period or ''}"


def value_shares(ps: Sequence[float], keys: Sequence[str]) -> list[float]:
    """Each candidate's value's probability: the question asks for a value, and a report restating it in
    three passages gives three candidates that split its probability between them."""
    mass: dict[str, float] = {}
    for p, k in zip(ps, keys, strict=True):
        mass[k] = mass.get(k, 0.0) + p
    return [mass[k] for k in keys]


def value_probabilities(
    xs: Sequence[Sequence[float]], keys: Sequence[str], m: Model | None = None
) -> tuple[list[float], list[float]]:
    """Each candidate's value's probability (`value_shares` of the softmax) and its own linear score: what
    the card ranks by, for the answerer and for the fit alike."""
    return value_shares(probabilities(xs, m), keys), [linear(x, m) for x in xs]


def confidence_features(p: float, other_p: float, z: float, own: Sequence[float]) -> tuple[float, ...]:
    """`other_p`: the probability of the best candidate with another value (0 when there is none); `own`:
    the candidate's `FEATURES`."""
    return (p, p - other_p, z, *(own[i] for i in _OWN))


def confidence(x: Sequence[float], m: Model | None = None) -> float:
    """How likely the best candidate is right: the card answers only above `Model.threshold`."""
    m = m or model()
    return _logistic(m.confidence_intercept + sum(w * v for w, v in zip(m.confidence_coef, x, strict=True)))
