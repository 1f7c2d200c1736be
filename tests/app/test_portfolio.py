"""Fund and supply-chain views on a small invented knowledge base: a sector's share is the one the portfolio
analysis computes, charts only where a phase's snapshots give amounts, shares and stages in order."""

from __future__ import annotations

import pytest

from sinoscope.analysis.portfolio import summarize
from sinoscope.app import portfolio
from sinoscope.errors import NotFoundError
from sinoscope.knowledge import Fund, KnowledgeBase


def test_sector_shares_are_the_portfolio_analysis_shares(kb: KnowledgeBase) -> None:
    view = portfolio.fund(kb, "widget-fund")
    first, second = view["snapshots"]
    assert [s["share_of_total"] for s in first["sectors"]] == [pytest.approx(75.0), pytest.approx(25.0)]
    assert second["sectors"][0]["share_of_total"] is None, "no amount, no share"
    fund = kb.get("widget-fund")
    assert isinstance(fund, Fund)
    analysed = {line.sector: line.share for line in summarize(fund.snapshots[0]).sectors}
    assert {s["sector"]: s["share_of_total"] for s in first["sectors"]} == analysed


def test_fund_page_charts_only_phases_with_amounts(kb: KnowledgeBase) -> None:
    page = portfolio.fund_page(kb, "widget-fund")
    assert [c["phase"] for c in page["charts"]] == ["widget-fund-1"]
    assert page["f"] == portfolio.fund(kb, "widget-fund"), "the page renders what /api/v1/funds/{id} returns"
    assert page["title"] == "Widget Fund" and page["analysis"]["fund"] == "widget-fund"


def test_chain_view_orders_shares_and_splits_firms(kb: KnowledgeBase) -> None:
    view = portfolio.supply_chain(kb, "fd-widgets")
    (comp,) = view["stages"][0]["components"]
    assert [s["year"] for s in comp["shares"]] == ["2020", "2021"]
    assert [f["id"] for f in comp["domestic_firms"]] == ["acme"]
    assert [f["id"] for f in comp["foreign_firms"]] == ["globex"]
    page = portfolio.chain_page(kb, "fd-widgets")
    assert page["names"] == {"widget-chips": "Widget chips"} and page["c"] == view


def test_lists_and_wrong_types(kb: KnowledgeBase) -> None:
    assert [f["id"] for f in portfolio.funds(kb)] == ["widget-fund"]
    assert [c["id"] for c in portfolio.supply_chains(kb)] == ["fd-widgets"]
    with pytest.raises(NotFoundError, match="widget-plan: not a supply chain"):
        portfolio.supply_chain(kb, "widget-plan")
