"""Funds as portfolios: phases with their capital, financial statements per period, and dated snapshots.

Two snapshots of the same phase taken at different dates (or compiled by different reports) disagree;
both are kept with their `as_of` date so the difference can be shown rather than silently resolved.
Amounts are stored in the currency unit (scale applied); `scale` records how they were printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import model_validator

from sinoscope.knowledge.base import Citation, DateText, Entry, Frozen, Id, Named, Period, ref_pairs


class CapitalFigure(Frozen):
    kind: Literal["announced", "registered", "committed", "paid-in", "initial", "invested"]
    value: float
    currency: str
    as_of: DateText | None = None
    note: str = ""
    sources: tuple[Citation, ...] = ()


class FundPhase(Named):
    launched: DateText | None = None
    capital: tuple[CapitalFigure, ...] = ()
    investors: int | None = None
    """How many institutions and enterprises put money in."""
    status: Literal["investing", "recovering", "dissolving", "unknown"] = "unknown"


class FinancialStatement(Frozen):
    """One period's headline figures, in `currency` units (scale already applied)."""

    phase: Id
    period: Period
    currency: str = "CNY"
    scale: float = 1.0
    operating_revenue: float | None = None
    net_profit: float | None = None
    total_assets: float | None = None
    total_liabilities: float | None = None
    shareholders_equity: float | None = None
    capital_stock: float | None = None
    sources: tuple[Citation, ...] = ()

    def balance_gap(self) -> float | None:
        """Assets − (liabilities + equity), in currency units; None when a term is missing."""
        if self.total_assets is None or self.total_liabilities is None or self.shareholders_equity is None:
            return None
        return self.total_assets - (self.total_liabilities + self.shareholders_equity)


class Holding(Frozen):
    """One line of a portfolio: a sector aggregate (`investee` None) or one named investee."""

    sector: str | None = None
    investee: Id | None = None
    """Company id, when the line is one company."""
    companies: int | None = None
    amount: float | None = None
    """In the snapshot's currency units (scale applied)."""
    share: float | None = None
    """Equity stake in the investee, %, when the passage gives it."""
    note: str = ""
    sources: tuple[Citation, ...] = ()

    @model_validator(mode="after")
    def _labelled(self) -> Holding:
        if self.sector is None and self.investee is None:
            raise ValueError("a holding names a sector or an investee")
        return self


class PortfolioSnapshot(Entry):
    phase: Id
    """The fund phase whose holdings these are."""
    basis: Literal["direct", "indirect"] = "direct"
    """"indirect": holdings of the companies the phase invested in (one level down)."""
    as_of: DateText
    as_of_note: str = ""
    compiled_by: str = ""
    currency: str = "CNY"
    scale: float = 1.0
    complete: bool = True
    """False for a partial list (a passage naming the largest investees only)."""
    holdings: tuple[Holding, ...] = ()
    total_companies: int | None = None
    total_amount: float | None = None

    def sectors(self) -> tuple[Holding, ...]:
        return tuple(h for h in self.holdings if h.investee is None)

    def investees(self) -> tuple[Holding, ...]:
        return tuple(h for h in self.holdings if h.investee is not None)

    def refs(self) -> Iterator[tuple[str, str]]:
        yield from ref_pairs("phase", self.phase)
        for h in self.holdings:
            yield from ref_pairs("holdings.investee", h.investee)


class Fund(Named):
    kind: Literal["state-investment-fund", "local-government-fund", "guidance-fund", "other"]
    country: Id | None = None
    established_by: Id | None = None
    """The policy that set the fund up."""
    sponsors: tuple[Id, ...] = ()
    """Institutions or companies that put capital in."""
    industries: tuple[Id, ...] = ()
    phases: tuple[FundPhase, ...] = ()
    capital: tuple[CapitalFigure, ...] = ()
    """Capital of a fund without phases."""
    statements: tuple[FinancialStatement, ...] = ()
    snapshots: tuple[PortfolioSnapshot, ...] = ()

    @model_validator(mode="after")
    def _phases_known(self) -> Fund:
        phase_ids = {p.id for p in self.phases}
        for s in self.statements:
            if s.phase not in phase_ids:
                raise ValueError(f"statement for {s.period}: phase {s.phase!r} is not one of this fund's phases")
        for snap in self.snapshots:
            if snap.phase not in phase_ids:
                raise ValueError(f"snapshot {snap.id}: phase {snap.phase!r} is not one of this fund's phases")
        return self

    def phase(self, phase_id: str) -> FundPhase | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def snapshots_of(self, phase_id: str) -> tuple[PortfolioSnapshot, ...]:
        return tuple(sorted((s for s in self.snapshots if s.phase == phase_id), key=lambda s: s.as_of))

    def refs(self) -> Iterator[tuple[str, str]]:
        yield from ref_pairs("country", self.country)
        yield from ref_pairs("established_by", self.established_by)
        yield from ref_pairs("sponsors", self.sponsors)
        yield from ref_pairs("industries", self.industries)
        for snap in self.snapshots:
            yield from snap.refs()

    def children(self) -> Iterator[Entry]:
        yield from self.phases
        yield from self.snapshots
