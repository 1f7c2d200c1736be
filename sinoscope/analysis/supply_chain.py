"""Supply-chain dependence: who supplies each component, how concentrated, and what each stage earns.

Per component: the domestic brands' share of the Chinese market (latest year) and so the foreign share —
or, when no Chinese-market figure exists, the listed foreign holders' share of the world market (a lower
bound, and said so); the Herfindahl-Hirschman index over supplier countries' global shares (the sum of
squared percentage shares, 0-10,000; over the shares the sources list, which may not add up to 100, so a
lower bound too), and over individual firms when the sources rank firms; a chokepoint score = foreign
share × country concentration, only where both are known. Ranking: scored components first (highest
score first), then the rest by foreign share. Per stage: R&D intensity, subsidy intensity and
profitability; a "smile curve" means both ends of the chain earn more than the middle.
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
    foreign_basis: str = ""
    """What the foreign share is a share of (China's market, or the world market's listed holders)."""
    firm_hhi: float | None = None
    """Over ranked firms' global shares, when the sources give firm shares."""


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


def dependence(component: Component, stage: str, home: str = "cn") -> ComponentDependence:
    domestic = max(component.domestic_share, key=lambda s: s.year, default=None)
    global_shares = [s for s in component.shares if s.market == "global"]
    latest_year = max((s.year for s in global_shares), default=None)
    latest = [s for s in global_shares if s.year == latest_year]
    by_country: dict[str, float] = defaultdict(float)
    for s in latest:
        by_country[s.holder] += s.share
    index = hhi(dict(by_country))
    firms = [s.share for s in latest if s.rank is not None]
    firm_index = sum(x * x for x in firms) if firms and len(firms) == len(latest) else None
    foreign: float | None
    if domestic is not None:
        foreign, basis = 100.0 - domestic.share, f"domestic brands' share of China's market, {domestic.year}"
    elif by_country and any(h != home for h in by_country):
        foreign = sum(v for h, v in by_country.items() if h != home)
        basis = f"listed foreign suppliers' share of the world market, {latest_year} (a lower bound)"
    else:
        foreign, basis = None, ""
    chokepoint = foreign / 100.0 * index / 10_000.0 if foreign is not None and index is not None else None
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
        foreign_basis=basis,
        firm_hhi=firm_index,
    )


def chokepoint_order(c: ComponentDependence) -> tuple[bool, float, float]:
    """Scored components first, highest score first; then by foreign share; unknowns last."""
    return (c.chokepoint is None, -(c.chokepoint or 0.0), -(c.foreign_share if c.foreign_share is not None else -1.0))


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
        sorted((dependence(c, s.id, chain.country) for s in chain.stages for c in s.components), key=chokepoint_order)
    )
    smile, basis = smile_curve(stages)
    return SupplyChainAnalysis(chain.id, chain.name, stages, components, smile, basis)
