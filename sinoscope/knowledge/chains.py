"""Supply chains as ordered stages of components, each with its firms and who holds the market.

A component records which firms supply it (domestic or foreign), the share domestic suppliers hold,
and market shares by country (or by ranked firm with its country) so that dependence and
concentration can be computed. Stage metrics (R&D, subsidy and profit intensity...) carry their
period because the reports compare periods ("before / after Made in China 2025").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import model_validator

from sinoscope.knowledge.base import Citation, Entry, Frozen, Id, Named, Period, ref_pairs


class FirmRole(Frozen):
    company: Id
    origin: Literal["domestic", "foreign"]
    """"domestic" covers domestically funded firms; "foreign" importers and foreign-funded firms."""
    sources: tuple[Citation, ...] = ()


class MarketShare(Frozen):
    """Share of a market held by a country's suppliers, or by one ranked firm of that country."""

    holder: Id
    """A country (or bloc) id."""
    share: float
    """Percent."""
    market: Literal["global", "china", "japan"] = "global"
    year: Period
    rank: int | None = None
    """Set when the figure is one firm's share at this rank, not the country's total."""
    firm: Id | None = None
    approx: str | None = None
    note: str = ""
    sources: tuple[Citation, ...] = ()


class Component(Named):
    firms: tuple[FirmRole, ...] = ()
    domestic_share: tuple[MarketShare, ...] = ()
    """Share of domestic brands in China's market for this component, possibly at several dates."""
    shares: tuple[MarketShare, ...] = ()

    def domestic(self) -> tuple[Id, ...]:
        return tuple(f.company for f in self.firms if f.origin == "domestic")

    def foreign(self) -> tuple[Id, ...]:
        return tuple(f.company for f in self.firms if f.origin == "foreign")


MetricName = Literal[
    "rd-intensity",
    "subsidy-intensity",
    "profit-margin",
    "profit-margin-rank",
    "subsidy-amount",
    "cost-share",
    "listed-firms",
    "corr-rd-subsidy",
    "corr-rd-profit",
    "corr-subsidy-profit",
]


class StageMetric(Frozen):
    metric: MetricName
    period: Period
    value: float
    value_max: float | None = None
    approx: str | None = None
    unit: str
    note: str = ""
    sources: tuple[Citation, ...] = ()

    @model_validator(mode="after")
    def _range(self) -> StageMetric:
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max must be at least value")
        return self

    @property
    def midpoint(self) -> float:
        return self.value if self.value_max is None else (self.value + self.value_max) / 2


class Stage(Named):
    position: int
    """Order along the chain: 1 = most upstream."""
    components: tuple[Component, ...] = ()
    metrics: tuple[StageMetric, ...] = ()

    def metric(self, name: str, period: str | None = None) -> tuple[StageMetric, ...]:
        return tuple(m for m in self.metrics if m.metric == name and (period is None or m.period == period))


class SupplyChain(Named):
    industry: Id
    country: Id
    """Whose chain it is (the market the firms serve)."""
    stages: tuple[Stage, ...] = ()
    note: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> SupplyChain:
        positions = [s.position for s in self.stages]
        if positions != sorted(positions) or len(set(positions)) != len(positions):
            raise ValueError("stages must be listed upstream first, each with its own position")
        return self

    def components(self) -> Iterator[tuple[Stage, Component]]:
        for stage in self.stages:
            for comp in stage.components:
                yield stage, comp

    def refs(self) -> Iterator[tuple[str, str]]:
        yield from ref_pairs("industry", self.industry)
        yield from ref_pairs("country", self.country)
        for _, comp in self.components():
            for f in comp.firms:
                yield "firms", f.company
            for s in (*comp.domestic_share, *comp.shares):
                yield "shares.holder", s.holder
                yield from ref_pairs("shares.firm", s.firm)

    def children(self) -> Iterator[Entry]:
        for stage in self.stages:
            yield stage
            yield from stage.components
