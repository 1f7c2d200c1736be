"""Supply-chain dependence: who supplies each component, how concentrated, and what each stage earns.

Per component: the domestic brands' share of the Chinese market (latest year) and so the foreign share;
the Herfindahl-Hirschman index over supplier countries' global shares (the sum of squared percentage
shares, 0-10,000; over the shares the sources list, which may not add up to 100); a chokepoint score =
foreign share × concentration, for ranking. Per stage: R&D intensity, subsidy intensity and profitability;
a "smile curve" means both ends of the chain earn more than the middle.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sinoscope.analysis.evidence import cited
from sinoscope.knowledge.chains import Component, Stage, StageMetric, SupplyChain


@dataclass(frozen=True)
class MetricValue:
    metric: str
    period: str
    value: float
    value_max: float | None
    unit: str
    anchors: tuple[str, ...]

    @property
    def midpoint(self) -> float:
        return self.value if self.value_max is None else (self.value + self.value_max) / 2


@dataclass(frozen=True)
class StageProfile:
    stage: str
    name: str
    position: int
    rd_intensity: MetricValue | None
    subsidy_intensity: MetricValue | None
    profit: MetricValue | None
    """Profit margin (%) when known, else the profitability rank among stages (1 = highest)."""


@dataclass(frozen=True)
class ComponentDependence:
    component: str
    name: str
    stage: str
    domestic_share: float | None
    foreign_share: float | None
    share_year: str | None
    hhi: float | None
    """Over supplier countries' global shares (0-10,000)."""
    leading_country: str | None
    domestic_firms: tuple[str, ...]
    foreign_firms: tuple[str, ...]
    chokepoint: float | None
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class SupplyChainAnalysis:
    chain: str
    name: str
    stages: tuple[StageProfile, ...]
    components: tuple[ComponentDependence, ...]
    smile: bool | None
    smile_basis: str


def _latest(metrics: tuple[StageMetric, ...]) -> MetricValue | None:
    if not metrics:
        return None
    m = max(metrics, key=lambda m: m.period[-4:])
    return MetricValue(m.metric, m.period, m.value, m.value_max, m.unit, cited(m.sources))


def profile(stage: Stage) -> StageProfile:
    profit = _latest(stage.metric("profit-margin")) or _latest(stage.metric("profit-margin-rank"))
    return StageProfile(
        stage.id,
        stage.name,
        stage.position,
        _latest(stage.metric("rd-intensity")),
        _latest(stage.metric("subsidy-intensity")),
        profit,
    )


def hhi(shares: dict[str, float]) -> float | None:
    return sum(s * s for s in shares.values()) if shares else None


def dependence(component: Component, stage: str) -> ComponentDependence:
    domestic = max(component.domestic_share, key=lambda s: s.year, default=None)
    global_shares = [s for s in component.shares if s.market == "global"]
    latest_year = max((s.year for s in global_shares), default=None)
    by_country: dict[str, float] = defaultdict(float)
    for s in global_shares:
        if s.year == latest_year:
            by_country[s.holder] += s.share
    index = hhi(dict(by_country))
    foreign = 100.0 - domestic.share if domestic is not None else None
    chokepoint = None
    if foreign is not None:
        chokepoint = foreign / 100.0 * ((index / 10_000.0) if index is not None else 1.0)
    anchors = cited(
        [*component.sources, *(c for s in component.domestic_share for c in s.sources)]
        + [c for s in global_shares for c in s.sources]
    )
    return ComponentDependence(
        component=component.id,
        name=component.name,
        stage=stage,
        domestic_share=domestic.share if domestic else None,
        foreign_share=foreign,
        share_year=domestic.year if domestic else latest_year,
        hhi=index,
        leading_country=max(by_country, key=lambda k: by_country[k]) if by_country else None,
        domestic_firms=component.domestic(),
        foreign_firms=component.foreign(),
        chokepoint=chokepoint,
        anchors=anchors,
    )


def smile_curve(stages: tuple[StageProfile, ...]) -> tuple[bool | None, str]:
    """Both ends earn more than the middle? Uses margins when every stage has one, else ranks."""
    ordered = sorted(stages, key=lambda s: s.position)
    if len(ordered) < 3 or any(s.profit is None for s in ordered):
        return None, "profitability not known for every stage"
    values = [s.profit.midpoint for s in ordered if s.profit is not None]
    by_rank = any(s.profit is not None and s.profit.metric == "profit-margin-rank" for s in ordered)
    if by_rank:
        values = [-v for v in values]  # rank 1 is the most profitable
    middle = min(values[1:-1])
    smile = values[0] > middle and values[-1] > middle and max(values[1:-1]) < min(values[0], values[-1])
    basis = "profitability ranks" if by_rank else "profit margins"
    return smile, f"{basis}, {' > '.join(s.name for s in sorted(ordered, key=lambda s: -values[ordered.index(s)]))}"


def analyse_chain(chain: SupplyChain) -> SupplyChainAnalysis:
    stages = tuple(profile(s) for s in sorted(chain.stages, key=lambda s: s.position))
    components = tuple(
        sorted(
            (dependence(c, s.id) for s in chain.stages for c in s.components),
            key=lambda c: -(c.chokepoint if c.chokepoint is not None else -1.0),
        )
    )
    smile, basis = smile_curve(stages)
    return SupplyChainAnalysis(chain.id, chain.name, stages, components, smile, basis)
