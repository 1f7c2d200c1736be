"""Allocation across fund phases at each snapshot date, and top recipients, on invented snapshots."""

from __future__ import annotations

import pytest

from sinoscope.analysis.portfolio import analyse_fund
from sinoscope.knowledge.base import Citation
from sinoscope.knowledge.funds import Fund, FundPhase, Holding, PortfolioSnapshot

SRC = (Citation(anchor="rep#table-4-3"),)


def _snap(sid: str, phase: str, as_of: str, amount: float, companies: int, **kw: object) -> PortfolioSnapshot:
    holdings = (Holding(sector="Foundries", amount=amount * 0.6, companies=1),
                Holding(sector="Design", amount=amount * 0.4, companies=companies - 1))  # fmt: skip
    return PortfolioSnapshot(
        id=sid, phase=phase, as_of=as_of, holdings=holdings, total_companies=companies, total_amount=amount,
        sources=SRC, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _fund(*snaps: PortfolioSnapshot) -> Fund:
    phases = tuple(FundPhase(id=p, name=p, sources=SRC) for p in ("p1", "p2"))
    return Fund(id="f", name="Fund", kind="state-investment-fund", phases=phases, snapshots=snaps, sources=SRC)


def test_phase_shares_at_each_date_with_more_than_one_phase() -> None:
    analysis = analyse_fund(
        _fund(
            _snap("a", "p1", "2022-01", 300.0, 10), _snap("b", "p2", "2022-01", 100.0, 5),
            _snap("c", "p1", "2022-09", 300.0, 10),  # one phase only at this date: no split
            _snap("d", "p2", "2022-01", 50.0, 2, basis="indirect"),  # one level down: not the fund's own money
        )
    )  # fmt: skip
    shares = {(p.as_of, p.phase): p.share for p in analysis.phases}
    assert shares == {("2022-01", "p1"): pytest.approx(75.0), ("2022-01", "p2"): pytest.approx(25.0)}


def test_top_named_recipients_share_of_the_snapshot() -> None:
    named = (Holding(investee="x", amount=50.0), Holding(investee="y", amount=30.0), Holding(investee="z", amount=5.0))
    snap = PortfolioSnapshot(
        id="s", phase="p1", as_of="2022-09", holdings=named, total_amount=200.0, total_companies=20, sources=SRC
    )
    (summary,) = analyse_fund(_fund(snap), name_of=str.upper).snapshots
    assert [r.investee for r in summary.recipients[:2]] == ["X", "Y"]
    assert summary.top_recipients_share == pytest.approx(40.0) and summary.per_company == pytest.approx(10.0)
