"""Derived indicators recomputed from their inputs, beside the figure the report printed.

A derivation is declared once: the indicator it reproduces, a formula over named inputs (indicator ids,
optionally one breakdown of them: `{robot-import-share-japan[by value]}`), a unit. `derive` finds, for each
entity and period, one observation of every input, computes the result and sets it against the printed
value of the same indicator, preferring inputs and printed figure that come from the same source passages
(a table's own inputs, not a mixture of publishers). Inputs and printed figure come from the knowledge
base, never from constants here: the formula is the only thing this module knows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sinoscope.analysis.evidence import cited
from sinoscope.analysis.formula import Formula, evaluate, parse
from sinoscope.errors import NotFoundError
from sinoscope.extraction.model import Kind
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.knowledge.measures import Observation


@dataclass(frozen=True)
class InputRef:
    """One input of a formula: an indicator, or one breakdown (`dimension`) of it."""

    indicator: str
    dimension: str | None = None

    @property
    def key(self) -> str:
        return self.indicator if self.dimension is None else f"{self.indicator}[{self.dimension}]"

    @staticmethod
    def of(name: str) -> InputRef:
        if name.endswith("]") and "[" in name:
            indicator, _, dimension = name[:-1].partition("[")
            return InputRef(indicator.strip(), dimension.strip())
        return InputRef(name.strip())


@dataclass(frozen=True)
class Derivation:
    id: str
    name: str
    indicator: str
    """The indicator the result is an instance of (its printed observations are the comparison)."""
    expression: str
    unit: str
    method: str
    per: str | None = None
    dimension: str | None = None
    """The breakdown of `indicator` the result reproduces (None: the whole)."""
    formula: Formula = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "formula", parse(self.expression))

    @property
    def refs(self) -> tuple[InputRef, ...]:
        return tuple(InputRef.of(n) for n in self.formula.names)

    @property
    def inputs(self) -> tuple[str, ...]:
        """Input keys as the formula names them (an indicator id, or `id[breakdown]`)."""
        return self.formula.names

    def compute(self, values: Mapping[str, float]) -> float:
        return evaluate(self.formula, values)


DERIVATIONS: dict[str, Derivation] = {
    d.id: d
    for d in (
        Derivation(
            id="ic-domestic-production-rate",
            name="IC domestic production rate",
            indicator="ic-domestic-production-rate",
            expression="100 * {ic-manufacturing-sales} / ({ic-market-size} * {fx-cny-per-usd})",
            unit="%",
            method=(
                "IC manufacturing sales in China (CNY) ÷ (China's IC market (USD) × annual average CNY per USD) × 100"
            ),
        ),
        Derivation(
            id="robot-import-price",
            name="Average price of imported industrial robots",
            indicator="robot-import-price",
            expression="{robot-imports-value} / {robot-imports-volume}",
            unit="USD",
            per="unit",
            method="Value of China's industrial-robot imports (USD) ÷ number of robots imported",
        ),
        Derivation(
            id="robot-import-price-japan",
            name="Average price of industrial robots imported from Japan",
            indicator="robot-import-price",
            dimension="imports from Japan",
            expression=(
                "{robot-imports-value} * {robot-import-share-japan[by value]}"
                " / ({robot-imports-volume} * {robot-import-share-japan[by volume]})"
            ),
            unit="USD",
            per="unit",
            method=(
                "Imports from Japan by value (total value × Japan's share of it) ÷ imports from Japan by volume "
                "(total units × Japan's share of them)"
            ),
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
    dimension: str | None = None

    @property
    def key(self) -> str:
        return InputRef(self.indicator, self.dimension).key


@dataclass(frozen=True)
class DerivedRow:
    period: str
    inputs: tuple[Input, ...]
    result: float
    printed: float | None
    printed_anchors: tuple[str, ...]
    entity: str = "cn"

    @property
    def difference(self) -> float | None:
        return None if self.printed is None else self.result - self.printed

    @property
    def relative_difference(self) -> float | None:
        """Difference as a fraction of the printed figure (for amounts, where points mean nothing)."""
        return None if self.printed is None or self.printed == 0 else (self.result - self.printed) / self.printed


def _observed(o: Observation) -> bool:
    return o.kind in (Kind.ACTUAL, Kind.ESTIMATE)


def _pick(candidates: Sequence[Observation], prefer: set[str]) -> Observation | None:
    if not candidates:
        return None
    return max(candidates, key=lambda o: (len(prefer & set(cited(o.sources))), o.kind == Kind.ACTUAL, o.approx is None))


def derive_rows(
    d: Derivation, inputs: Mapping[str, Sequence[Observation]], printed: Sequence[Observation]
) -> list[DerivedRow]:
    """The derivation for every (entity, period) that has each input, beside the printed figure.

    `inputs` maps each input key to its candidate observations (any entity and period); `printed` holds
    observations of the derived indicator itself. Pure: the knowledge base is read by `derive`.
    """
    series: dict[str, list[Observation]] = {}
    for ref in d.refs:
        series[ref.key] = [o for o in inputs.get(ref.key, ()) if o.dimension == ref.dimension and _observed(o)]
    keys = set.intersection(*({(o.entity, o.period) for o in obs} for obs in series.values()))
    rows: list[DerivedRow] = []
    for entity, period in sorted(keys, key=lambda k: (k[0], k[1])):
        here = {k: [o for o in obs if o.entity == entity and o.period == period] for k, obs in series.items()}
        # Inputs from the passage that prints the most of them first: the table that derived the figure.
        votes: dict[str, int] = {}
        for obs in here.values():
            for a in {a for o in obs for a in cited(o.sources)}:
                votes[a] = votes.get(a, 0) + 1
        top = max(votes.values(), default=0)
        prefer = {a for a, n in votes.items() if n == top}
        chosen = {k: o for k, obs in here.items() if (o := _pick(obs, prefer)) is not None}
        try:
            result = d.compute({k: o.value for k, o in chosen.items()})
        except ZeroDivisionError:
            continue
        same = [
            o
            for o in printed
            if o.entity == entity
            and o.period == period
            and o.unit == d.unit
            and o.per == d.per
            and o.dimension == d.dimension
            and _observed(o)
        ]
        shown = _pick(same, prefer)
        if shown is not None and not prefer & set(cited(shown.sources)):
            shown = None  # a figure from another passage is not this derivation's to compare
        rows.append(
            DerivedRow(
                period=period,
                inputs=tuple(
                    Input(o.indicator, o.value, o.unit, o.publisher, cited(o.sources), o.dimension)
                    for o in chosen.values()
                ),
                result=result,
                printed=shown.value if shown else None,
                printed_anchors=cited(shown.sources) if shown else (),
                entity=entity,
            )
        )
    return rows


def derive(kb: KnowledgeBase, derivation_id: str, *, entity: str | None = "cn") -> list[DerivedRow]:
    """Recompute a declared derivation from the knowledge base, for one entity (None: every entity)."""
    try:
        d = DERIVATIONS[derivation_id]
    except KeyError:
        known = ", ".join(sorted(DERIVATIONS))
        raise NotFoundError(f"{derivation_id}: no such derived indicator (known: {known})") from None
    inputs = {r.key: kb.observations(indicator=r.indicator, entity=entity) for r in d.refs}
    return derive_rows(d, inputs, kb.observations(indicator=d.indicator, entity=entity))
