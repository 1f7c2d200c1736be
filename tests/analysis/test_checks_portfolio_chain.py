"""Consistency checks, portfolio summaries and supply-chain dependence on invented data."""

from __future__ import annotations

import re

import pytest

from sinoscope.analysis.checks import Severity, balance_sheets, disagreements, snapshot_changes, table_totals
from sinoscope.analysis.portfolio import analyse_fund
from sinoscope.analysis.supply_chain import analyse_chain, hhi
from sinoscope.extraction.model import TableRecord
from sinoscope.knowledge.base import Citation
from sinoscope.knowledge.chains import Component, MarketShare, Stage, StageMetric, SupplyChain
from sinoscope.knowledge.funds import FinancialStatement, Fund, FundPhase, Holding, PortfolioSnapshot
from sinoscope.knowledge.measures import Observation


def _cite(anchor: str) -> tuple[Citation, ...]:
    return (Citation(anchor=anchor),)


def _cell(row: int, col: int, label: str, raw: str, unit: str | None = "CNY") -> TableRecord:
    value = float(raw.replace(",", ""))
    return TableRecord(
        table_anchor="rep#table-1-1", row=row, col=col, row_label=label, col_label=f"c{col}", raw=raw,
        value=value, printed_value=value, unit=unit,
    )  # fmt: skip


def test_total_rows_within_rounding_and_exact_counts() -> None:
    ok = [_cell(0, 1, "A", "1.24"), _cell(1, 1, "B", "2.34"), _cell(2, 1, "Total", "3.59")]
    assert [f.severity for f in table_totals(ok)] == [Severity.INFO]
    counts = [
        _cell(0, 1, "A", "3", "companies"),
        _cell(1, 1, "B", "4", "companies"),
        _cell(2, 1, "Total", "8", "companies"),
    ]
    found = table_totals(counts)
    assert found[0].severity is Severity.WARNING and "rows sum to 7" in found[0].message
    labelled = [_cell(0, 1, "Total assets", "10"), _cell(1, 1, "Net profit", "3")]
    assert table_totals(labelled) == []  # "Total assets" is a line item, not a total row


def _fund(statements: tuple[FinancialStatement, ...] = (), snapshots: tuple[PortfolioSnapshot, ...] = ()) -> Fund:
    return Fund(
        id="fund", name="Test Fund", kind="state-investment-fund", sources=_cite("rep#1¶1"),
        phases=(FundPhase(id="fund-1", name="Phase 1", sources=_cite("rep#1¶1")),),
        statements=statements, snapshots=snapshots,
    )  # fmt: skip


def test_balance_sheet_identity() -> None:
    good = FinancialStatement(
        phase="fund-1", period="2020", scale=1e8, total_assets=100e8, total_liabilities=40e8,
        shareholders_equity=60.1e8, sources=_cite("rep#table-2-1"),
    )  # fmt: skip
    bad = good.model_copy(update={"period": "2021", "shareholders_equity": 50e8, "sources": _cite("rep#table-2-2")})
    found = {f.anchors[0]: f for f in balance_sheets([_fund((good, bad))])}
    assert found["rep#table-2-1"].severity is Severity.INFO
    assert found["rep#table-2-2"].severity is Severity.WARNING and "+10.0" in found["rep#table-2-2"].message


def _ob(value: float, anchor: str, publisher: str | None = None, approx: str | None = None) -> Observation:
    return Observation(
        id="o-" + re.sub(r"[^a-z0-9]+", "-", f"{value}-{anchor}".lower()),
        indicator="share", entity="cn", period="2020", value=value, unit="%",
        publisher=publisher, approx=approx, sources=_cite(anchor),
    )  # fmt: skip


def test_table_against_its_own_text_and_sources_that_differ() -> None:
    own = disagreements([_ob(7.8, "rep#1.2¶3"), _ob(7.0, "rep#table-1-4")])
    assert [f.check for f in own] == ["table-vs-text"] and own[0].severity is Severity.WARNING
    other = disagreements([_ob(24.5, "a#table-4-4", "stats"), _ob(16.6, "b#2¶1", "consultancy")])
    assert [f.check for f in other] == ["sources-differ"]
    assert disagreements([_ob(1.5, "rep#2¶1", approx="about"), _ob(1.535, "rep#table-5-1")]) == []
    assert disagreements([_ob(7.0, "rep#2¶1"), _ob(7.04, "rep#table-5-1")]) == []


def _snapshot(sid: str, as_of: str, companies: int, amounts: dict[str, float], anchor: str) -> PortfolioSnapshot:
    holdings = tuple(Holding(sector=k, amount=v, companies=1) for k, v in amounts.items())
    return PortfolioSnapshot(
        id=sid, phase="fund-1", as_of=as_of, holdings=holdings, total_companies=companies,
        total_amount=sum(amounts.values()), sources=_cite(anchor),
    )  # fmt: skip


def test_portfolio_allocation_and_change_between_dated_snapshots() -> None:
    early = _snapshot("s1", "2022-01-20", 10, {"Foundries": 60.0, "Design": 30.0, "Other": 10.0}, "b#table-2-1")
    late = _snapshot("s2", "2022-09-19", 12, {"Foundries": 70.0, "Design": 20.0, "Other": 10.0}, "a#table-4-3")
    analysis = analyse_fund(_fund(snapshots=(early, late)))
    first = analysis.snapshots[0]
    assert first.sectors[0].sector == "Foundries" and first.sectors[0].share == pytest.approx(60.0)
    assert first.top_sectors_share == pytest.approx(90.0) and first.per_company == pytest.approx(10.0)
    (change,) = analysis.changes
    assert change.companies == 2 and change.earlier_as_of == "2022-01-20"
    assert {s.sector: s.amount for s in change.sectors}["Design"] == pytest.approx(-10.0)
    (finding,) = snapshot_changes([_fund(snapshots=(early, late))])
    assert "2022-01-20" in finding.message and "2022-09-19" in finding.message


def test_supply_chain_dependence_hhi_and_smile() -> None:
    assert hhi({"jp": 60.0, "de": 40.0}) == pytest.approx(5200.0)

    def stage(pos: int, margin: float, comps: tuple[Component, ...] = ()) -> Stage:
        metric = StageMetric(metric="profit-margin", period="2022", value=margin, unit="%", sources=_cite(f"r#5¶{pos}"))
        return Stage(
            id=f"s{pos}", name=f"Stage {pos}", position=pos, metrics=(metric,), components=comps, sources=_cite("r#5¶1")
        )

    gears = Component(
        id="gears", name="Gears", sources=_cite("r#5¶2"),
        domestic_share=(MarketShare(holder="cn", share=20.0, market="china", year="2020"),),
        shares=(MarketShare(holder="jp", share=70.0, year="2020"), MarketShare(holder="de", share=10.0, year="2020")),
    )  # fmt: skip
    chain = SupplyChain(
        id="c", name="Chain", industry="robots", country="cn", sources=_cite("r#5¶1"),
        stages=(stage(1, 9.0, (gears,)), stage(2, 3.0), stage(3, 7.0)),
    )  # fmt: skip
    result = analyse_chain(chain)
    (comp,) = result.components
    assert comp.foreign_share == pytest.approx(80.0) and comp.hhi == pytest.approx(5000.0)
    assert comp.leading_country == "jp" and comp.chokepoint == pytest.approx(0.4)
    assert result.smile is True
    flat = SupplyChain(
        id="c2", name="Flat", industry="robots", country="cn", sources=_cite("r#5¶1"),
        stages=(stage(1, 3.0), stage(2, 5.0), stage(3, 7.0)),
    )  # fmt: skip
    assert analyse_chain(flat).smile is False
