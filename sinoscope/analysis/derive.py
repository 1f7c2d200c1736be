"""Derived indicators recomputed from their inputs, beside the figure the report printed.

A derivation is declared once (inputs by indicator id, a formula, a unit); `derive` finds, for each
period, one observation of every input, computes the result and sets it against the printed value of the
same indicator, preferring inputs and printed figure that come from the same source passages (a table's
own inputs, not a mixture of publishers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sinoscope.analysis.evidence import cited
from sinoscope.errors import NotFoundError
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.knowledge.measures import Observation


@dataclass(frozen=True)
class Derivation:
    id: str
    name: str
    indicator: str
    """The indicator the result is an instance of (its printed observations are the comparison)."""
    inputs: tuple[str, ...]
    unit: str
    method: str
    formula: Callable[[Mapping[str, float]], float]


def _domestic_production_rate(v: Mapping[str, float]) -> float:
    return 100.0 * v["ic-manufacturing-sales"] / (v["ic-market-size"] * v["fx-cny-per-usd"])


DERIVATIONS: dict[str, Derivation] = {
    d.id: d
    for d in (
        Derivation(
            id="ic-domestic-production-rate",
            name="IC domestic production rate",
            indicator="ic-domestic-production-rate",
            inputs=("ic-manufacturing-sales", "ic-market-size", "fx-cny-per-usd"),
            unit="%",
            method=(
                "IC manufacturing sales in China (CNY) ÷ (China's IC market (USD) × annual average CNY per USD) × 100"
            ),
            formula=_domestic_production_rate,
        ),
    )
}


@dataclass(frozen=True)
class Input:
    indicator: str
    value: float
    unit: str
    publisher: str | None
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class DerivedRow:
    period: str
    inputs: tuple[Input, ...]
    result: float
    printed: float | None
    printed_anchors: tuple[str, ...]

    @property
    def difference(self) -> float | None:
        return None if self.printed is None else self.result - self.printed


def _pick(candidates: tuple[Observation, ...], prefer: set[str]) -> Observation | None:
    if not candidates:
        return None
    return max(candidates, key=lambda o: (len(prefer & set(cited(o.sources))), o.kind == "actual"))


def derive(kb: KnowledgeBase, derivation_id: str, *, entity: str = "cn") -> list[DerivedRow]:
    try:
        d = DERIVATIONS[derivation_id]
    except KeyError:
        known = ", ".join(sorted(DERIVATIONS))
        raise NotFoundError(f"{derivation_id}: no such derived indicator (known: {known})") from None
    series = {i: kb.observations(indicator=i, entity=entity) for i in d.inputs}
    periods = sorted(set.intersection(*(set(o.period for o in obs) for obs in series.values())))
    rows: list[DerivedRow] = []
    for period in periods:
        printed_all = tuple(o for o in kb.observations(indicator=d.indicator, entity=entity, period=period))
        prefer: set[str] = set()
        chosen: dict[str, Observation] = {}
        # Inputs from the passage that prints the most of them first: the table that derived the figure.
        anchor_votes: dict[str, int] = {}
        for obs in series.values():
            for a in {a for o in obs if o.period == period for a in cited(o.sources)}:
                anchor_votes[a] = anchor_votes.get(a, 0) + 1
        if anchor_votes:
            top = max(anchor_votes.values())
            prefer = {a for a, n in anchor_votes.items() if n == top}
        for name, obs in series.items():
            pick = _pick(tuple(o for o in obs if o.period == period), prefer)
            if pick is not None:
                chosen[name] = pick
        values = {name: o.value for name, o in chosen.items()}
        printed = _pick(tuple(o for o in printed_all if o.unit == d.unit), prefer)
        if printed is not None and not prefer & set(cited(printed.sources)):
            printed = None  # a figure from another publisher is not this derivation's to compare
        rows.append(
            DerivedRow(
                period=period,
                inputs=tuple(Input(n, o.value, o.unit, o.publisher, cited(o.sources)) for n, o in chosen.items()),
                result=d.formula(values),
                printed=printed.value if printed else None,
                printed_anchors=cited(printed.sources) if printed else (),
            )
        )
    return rows
