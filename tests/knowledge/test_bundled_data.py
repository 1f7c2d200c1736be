"""The curated knowledge that ships with sinoscope: coverage, links between entries, and internal consistency.

The domain brief (`shared/docs/domain.md`) names targets that must be present; they are listed here with
their figures so the test runs without the shared folder, and `test_domain_brief_names_these_figures`
checks the list against the brief itself when it is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.documents.anchors import split_anchor
from sinoscope.knowledge import (
    Fund,
    Indicator,
    KnowledgeBase,
    Observation,
    Policy,
    SupplyChain,
    Target,
)

# (policy, or an ancestor of it; indicator; value; year) for every target domain.md names.
DOMAIN_TARGETS = [
    ("mic2025-roadmap-2015", "ic-domestic-production-rate", 49, "2020"),
    ("mic2025-roadmap-2015", "ic-domestic-production-rate", 75, "2030"),
    ("mic2025-roadmap-2017", "ic-domestic-production-rate", 58, "2020"),
    ("mic2025-roadmap-2017", "ic-domestic-production-rate", 80, "2030"),
    ("fyp-14", "rd-expenditure-growth", 7, "2021-2025"),
    ("fyp-14", "basic-research-share", 8, "2025"),
    ("fyp-14", "high-value-invention-patents-per-10k", 12, "2025"),
    ("fyp-14", "digital-economy-core-share-gdp", 10, "2025"),
    ("ic-guidelines-2014", "world-class-ic-firms", None, "2030"),
    ("ip-powerhouse-outline", "patent-intensive-industries-share-gdp", 13, "2025"),
    ("jp-economic-security-act", "robot-production-target", 260000, "2025"),
    ("jp-economic-security-act", "robot-production-target", 350000, "2030"),
]


def _lineage(kb: KnowledgeBase, policy_id: str) -> list[str]:
    out = [policy_id]
    p = kb.get(policy_id)
    while isinstance(p, Policy) and p.parent:
        out.append(p.parent)
        p = kb.get(p.parent)
    return out


@pytest.mark.parametrize(("policy", "indicator", "value", "year"), DOMAIN_TARGETS)
def test_every_domain_target_is_present_and_linked(
    kb: KnowledgeBase, policy: str, indicator: str, value: float | None, year: str
) -> None:
    found = [
        t
        for t in kb.of(Target)
        if t.indicator == indicator
        and t.year == year
        and t.value == value
        and t.policy
        and policy in _lineage(kb, t.policy)
    ]
    assert found, f"no target {indicator}={value} by {year} under {policy}"
    for t in found:
        assert isinstance(kb.get(t.indicator), Indicator)
        assert isinstance(kb.get(t.policy or ""), Policy)
        assert t.sources and all(c.anchor for c in t.sources)


def test_revised_roadmap_targets_supersede_the_originals(kb: KnowledgeBase) -> None:
    old = kb.get("roadmap-ic-2020-original")
    assert isinstance(old, Target) and old.status == "superseded" and old.superseded_by == "roadmap-ic-2020"
    new = kb.get("roadmap-ic-2020")
    assert isinstance(new, Target) and new.status == "active" and new.value == 58


def test_fourteenth_plan_targets_keep_their_baselines(kb: KnowledgeBase) -> None:
    patents = kb.get("fyp14-high-value-patents")
    assert isinstance(patents, Target)
    assert (patents.baseline_value, patents.baseline_year, patents.value) == (6.3, "2020", 12)
    assert isinstance(kb.get("fyp14-rd-growth"), Target)
    growth = kb.get("fyp14-rd-growth")
    assert isinstance(growth, Target) and growth.comparator == ">"


def test_coverage(kb: KnowledgeBase) -> None:
    assert len(kb.policies()) >= 40
    assert all(p.sources for p in kb.policies()), "every policy cites a passage"
    dated = [p for p in kb.policies() if p.date]
    assert len(dated) >= 0.9 * len(kb.policies())
    assert len(kb.of(Target)) >= 40
    assert len(kb.of(Observation)) >= 300


def test_both_fund_snapshots_coexist_with_their_dates(kb: KnowledgeBase) -> None:
    fund = kb.get("big-fund")
    assert isinstance(fund, Fund)
    phase1 = fund.snapshots_of("big-fund-phase-1")
    by_report = {s.compiled_by.split(",")[0]: s for s in phase1}
    r000, r001 = by_report["report 000"], by_report["report 001"]
    assert (r000.as_of, r001.as_of) == ("2022-09-19", "2022-01-20")
    assert (r000.total_companies, r001.total_companies) == (79, 81)
    assert r000.total_amount != r001.total_amount
    for snap in fund.snapshots:
        if snap.complete:
            assert sum(h.amount or 0 for h in snap.sectors()) == pytest.approx(snap.total_amount or 0, rel=1e-6)
            counted = sum(h.companies or 0 for h in snap.sectors())
            if snap.id == "big-fund-phase-2-2022-09-000":
                assert (counted, snap.total_companies) == (41, 38)  # as printed: the column does not add up
            else:
                assert counted == snap.total_companies, snap.id


def test_fund_statements_cover_both_phases_and_nearly_balance(kb: KnowledgeBase) -> None:
    fund = kb.get("big-fund")
    assert isinstance(fund, Fund)
    assert sorted(s.period for s in fund.statements if s.phase == "big-fund-phase-1") == [
        "2017",
        "2018",
        "2019",
        "2020",
        "2021",
        "2022",
    ]
    phase2 = sorted(s.period for s in fund.statements if s.phase == "big-fund-phase-2")
    assert phase2 == ["2019", "2020", "2021", "2022"]
    for s in fund.statements:
        gap = s.balance_gap()
        assert gap is not None and abs(gap) <= 0.15e8, (s.phase, s.period, gap)  # rounding in RMB 100 million


def test_robot_supply_chain_has_its_stages_components_and_metrics(kb: KnowledgeBase) -> None:
    chain = kb.get("cn-industrial-robots")
    assert isinstance(chain, SupplyChain)
    assert [s.id for s in chain.stages] == ["robots-upstream", "robots-midstream", "robots-downstream"]
    comps = {c.id: c for _, c in chain.components()}
    expected = {"reduction-gears", "servo-mechanisms", "robot-controllers", "robot-bodies", "system-integrators"}
    assert expected <= set(comps)
    assert {d.share for d in comps["servo-mechanisms"].domestic_share} == {22}
    assert "fanuc" in comps["robot-bodies"].foreign() and "estun" in comps["robot-bodies"].domestic()
    for stage in chain.stages:
        assert stage.metric("rd-intensity") and stage.metric("subsidy-intensity")
        assert stage.metric("profit-margin-rank", "2018-2022")


def test_exchange_rates_cover_table_4_4_and_reproduce_its_rates(kb: KnowledgeBase) -> None:
    for year in range(2013, 2022):
        y = str(year)
        rate = kb.observations(indicator="fx-cny-per-usd", entity="cn", period=y)
        assert len(rate) == 1 and rate[0].sources[0].external
        sales = [o for o in kb.observations(indicator="ic-manufacturing-sales", period=y) if o.scale == 1e8]
        market = [o for o in kb.observations(indicator="ic-market-size", period=y) if o.scale == 1e8]
        printed = [
            o
            for o in kb.observations(indicator="ic-domestic-production-rate", period=y)
            if o.sources[0].anchor == "000#table-4-4"
        ]
        computed = 100 * sales[0].value / (market[0].value * rate[0].value)
        assert computed == pytest.approx(printed[0].value, abs=0.2), y


def test_the_digital_economy_baseline_is_recorded_both_ways(kb: KnowledgeBase) -> None:
    values = sorted(o.value for o in kb.observations(indicator="digital-economy-core-share-gdp", period="2020"))
    assert values == [7.0, 7.8]


def test_every_citation_anchor_points_into_one_of_the_two_reports(kb: KnowledgeBase) -> None:
    docs = set()
    for _, cite in kb.citations():
        if cite.anchor is None:
            assert cite.source
            continue
        parts = split_anchor(cite.anchor)
        assert parts is not None
        docs.add(parts[0])
    assert docs == {"000", "001"}


def test_domain_brief_names_these_figures(shared_dir: Path) -> None:
    brief = (shared_dir / "docs" / "domain.md").read_text(encoding="utf-8")
    for needle in (
        "49%/75%",
        "58% by 2020",
        "80% by 2030",
        ">7%/year",
        ">8% of R&D",
        "6.3 → 12",
        "→ 10%",
        "2014 IC industry guidelines",
        "IP\n  Powerhouse outline",
        "Economic Security Promotion Act",
    ):
        assert needle in brief, needle
