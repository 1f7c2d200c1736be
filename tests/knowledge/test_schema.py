"""The typed schema refuses inconsistent entries, so mistakes in the data fail at load time."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sinoscope.knowledge import (
    Citation,
    Fund,
    FundPhase,
    Observation,
    Policy,
    PortfolioSnapshot,
    Stage,
    SupplyChain,
    Target,
)
from sinoscope.knowledge.funds import FinancialStatement


def test_citation_needs_exactly_one_origin() -> None:
    assert Citation(anchor="900#2.1¶3", quote_value="12.5").doc_id == "900"
    assert Citation(source="Statistics office yearbook").external
    with pytest.raises(ValidationError, match="exactly one"):
        Citation()
    with pytest.raises(ValidationError, match="exactly one"):
        Citation(anchor="900#2.1¶3", source="also a book")


def test_citation_anchor_must_follow_the_grammar() -> None:
    with pytest.raises(ValidationError, match="not an anchor"):
        Citation(anchor="table 4-4")


def test_quoted_figures_are_text_as_printed() -> None:
    assert Citation(anchor="900#1", quote_value=2015).quote_value == "2015"  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="as printed"):
        Citation(anchor="900#1", quote_value=69.0)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="empty"):
        Citation(anchor="900#1", quote_value="  ")


def test_ids_dates_and_periods_are_checked() -> None:
    ok = Policy(id="widget-plan", name="Widget Plan", kind="plan", date="2019-03", period="2021-2025")
    assert ok.date == "2019-03"
    with pytest.raises(ValidationError, match="not an id"):
        Policy(id="Widget Plan", name="x", kind="plan")
    with pytest.raises(ValidationError, match="not a date"):
        Policy(id="p", name="x", kind="plan", date="March 2019")
    with pytest.raises(ValidationError, match="cannot end before"):
        Policy(id="p", name="x", kind="plan", period="2025-2021")


def test_entries_are_frozen_and_strict() -> None:
    p = Policy(id="p", name="Plan", kind="plan")
    with pytest.raises(ValidationError):
        p.name = "Other"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="Extra inputs"):
        Policy.model_validate({"id": "p", "name": "Plan", "kind": "plan", "isuer": ["x"]})


def test_targets_name_a_policy_or_owner_and_a_unit() -> None:
    t = Target(id="t", indicator="i", policy="p", value=40, unit="%", year="2030")
    assert not t.qualitative
    with pytest.raises(ValidationError, match="policy"):
        Target(id="t", indicator="i", value=40, unit="%", year="2030")
    with pytest.raises(ValidationError, match="unit"):
        Target(id="t", indicator="i", policy="p", value=40, year="2030")
    with pytest.raises(ValidationError, match="description"):
        Target(id="t", indicator="i", policy="p", year="2030")
    with pytest.raises(ValidationError, match="superseded_by"):
        Target(id="t", indicator="i", policy="p", value=1, unit="%", year="2030", status="superseded")
    qualitative = Target(id="t", indicator="i", policy="p", year="2030", description="Several leading firms.")
    assert qualitative.qualitative


def test_observation_range_and_printed_value() -> None:
    o = Observation(id="o", indicator="i", entity="cn", period="2021", value=3.2e9, unit="CNY", scale=1e8)
    assert o.printed == pytest.approx(32.0)
    with pytest.raises(ValidationError, match="value_max"):
        Observation(id="o", indicator="i", entity="cn", period="2021", value=5, value_max=4, unit="%")


def test_fund_parts_must_belong_to_its_phases() -> None:
    phase = FundPhase(id="widget-fund-1", name="Phase one")
    statement = FinancialStatement(phase="widget-fund-9", period="2020", total_assets=1.0)
    with pytest.raises(ValidationError, match="not one of this fund's phases"):
        Fund(id="widget-fund", name="Widget Fund", kind="other", phases=(phase,), statements=(statement,))
    snap = PortfolioSnapshot(id="s", phase="widget-fund-1", as_of="2022-01")
    fund = Fund(id="widget-fund", name="Widget Fund", kind="other", phases=(phase,), snapshots=(snap,))
    assert [c.id for c in fund.children()] == ["widget-fund-1", "s"]


def test_balance_gap_needs_all_three_terms() -> None:
    st = FinancialStatement(phase="p", period="2020", total_assets=10, total_liabilities=3, shareholders_equity=7.5)
    assert st.balance_gap() == pytest.approx(-0.5)
    assert FinancialStatement(phase="p", period="2020", total_assets=10).balance_gap() is None


def test_supply_chain_stages_run_upstream_first() -> None:
    up, down = Stage(id="up", name="Up", position=1), Stage(id="down", name="Down", position=2)
    SupplyChain(id="c", name="Chain", industry="i", country="cn", stages=(up, down))
    with pytest.raises(ValidationError, match="upstream first"):
        SupplyChain(id="c", name="Chain", industry="i", country="cn", stages=(down, up))
