"""Fund portfolios: where the money went by sector, how concentrated it is, and how snapshots changed.

Amounts are in the snapshot's currency units (scale applied). Shares are of the snapshot's total amount
when it is given, else of the sum of its sector lines.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from sinoscope.analysis.evidence import cited
from sinoscope.knowledge.funds import Fund, PortfolioSnapshot


@dataclass(frozen=True)
class SectorLine:
    sector: str
    companies: int | None
    amount: float | None
    share: float | None
    """Percent of the snapshot total."""
    per_company: float | None


@dataclass(frozen=True)
class Recipient:
    investee: str
    amount: float
    share: float | None


@dataclass(frozen=True)
class SnapshotSummary:
    id: str
    phase: str
    basis: str
    as_of: str
    complete: bool
    currency: str
    total_companies: int | None
    total_amount: float | None
    sectors: tuple[SectorLine, ...]
    top_sectors_share: float | None
    """Share of the two largest sectors, percent."""
    recipients: tuple[Recipient, ...]
    top_recipients_share: float | None
    """Share of the two largest named recipients, percent (None without named recipients)."""
    per_company: float | None
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class SectorChange:
    sector: str
    companies: int | None
    amount: float | None


@dataclass(frozen=True)
class SnapshotChange:
    phase: str
    basis: str
    earlier: str
    later: str
    earlier_as_of: str
    later_as_of: str
    companies: int | None
    amount: float | None
    sectors: tuple[SectorChange, ...]
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class PhaseShare:
    """One phase's part of what the fund had invested at a date (complete direct snapshots only)."""

    as_of: str
    phase: str
    companies: int | None
    amount: float | None
    share: float | None
    """Percent of the amount all phases had invested at that date."""
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class FundAnalysis:
    fund: str
    name: str
    snapshots: tuple[SnapshotSummary, ...]
    changes: tuple[SnapshotChange, ...]
    phases: tuple[PhaseShare, ...] = ()


def _share(part: float | None, whole: float | None) -> float | None:
    if part is None or not whole:
        return None
    return 100.0 * part / whole


def summarize(snapshot: PortfolioSnapshot, name_of: Callable[[str], str] = str) -> SnapshotSummary:
    sector_lines = snapshot.sectors()
    sector_sum = sum(h.amount or 0.0 for h in sector_lines) or None
    whole = snapshot.total_amount or sector_sum
    sectors = tuple(
        sorted(
            (
                SectorLine(
                    h.sector or "",
                    h.companies,
                    h.amount,
                    _share(h.amount, whole),
                    (h.amount / h.companies) if h.amount is not None and h.companies else None,
                )
                for h in sector_lines
            ),
            key=lambda s: -(s.amount or 0.0),
        )
    )
    recipients = tuple(
        sorted(
            (
                Recipient(name_of(h.investee), h.amount, _share(h.amount, whole))
                for h in snapshot.investees()
                if h.investee is not None and h.amount is not None
            ),
            key=lambda r: -r.amount,
        )
    )
    top_sectors = sum(s.amount or 0.0 for s in sectors[:2]) if len(sectors) >= 2 else None
    top_recipients = sum(r.amount for r in recipients[:2]) if len(recipients) >= 2 else None
    anchors = cited([*snapshot.sources, *(c for h in snapshot.holdings for c in h.sources)])
    return SnapshotSummary(
        id=snapshot.id,
        phase=snapshot.phase,
        basis=snapshot.basis,
        as_of=snapshot.as_of,
        complete=snapshot.complete,
        currency=snapshot.currency,
        total_companies=snapshot.total_companies,
        total_amount=snapshot.total_amount,
        sectors=sectors,
        top_sectors_share=_share(top_sectors, whole),
        recipients=recipients,
        top_recipients_share=_share(top_recipients, whole) if snapshot.complete or snapshot.total_amount else None,
        per_company=(whole / snapshot.total_companies) if whole and snapshot.total_companies else None,
        anchors=anchors,
    )


def _delta(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else b - a


def compare(earlier: SnapshotSummary, later: SnapshotSummary) -> SnapshotChange:
    before = {s.sector: s for s in earlier.sectors}
    after = {s.sector: s for s in later.sectors}
    sectors = tuple(
        SectorChange(
            name,
            None
            if before.get(name) is None or after.get(name) is None
            else _idelta(before[name].companies, after[name].companies),
            _delta(
                before[name].amount if name in before else None,
                after[name].amount if name in after else None,
            ),
        )
        for name in dict.fromkeys([*before, *after])
    )
    return SnapshotChange(
        phase=later.phase,
        basis=later.basis,
        earlier=earlier.id,
        later=later.id,
        earlier_as_of=earlier.as_of,
        later_as_of=later.as_of,
        companies=_idelta(earlier.total_companies, later.total_companies),
        amount=_delta(earlier.total_amount, later.total_amount),
        sectors=sectors,
        anchors=tuple(dict.fromkeys([*earlier.anchors, *later.anchors])),
    )


def _idelta(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else b - a


def analyse_fund(fund: Fund, name_of: Callable[[str], str] = str) -> FundAnalysis:
    summaries = tuple(sorted((summarize(s, name_of) for s in fund.snapshots), key=lambda s: (s.phase, s.as_of)))
    changes: list[SnapshotChange] = []
    by_key: dict[tuple[str, str], list[SnapshotSummary]] = {}
    for s in summaries:
        if s.complete and s.sectors:
            by_key.setdefault((s.phase, s.basis), []).append(s)
    for group in by_key.values():
        group.sort(key=lambda s: s.as_of)
        changes.extend(compare(a, b) for a, b in itertools.pairwise(group) if a.as_of != b.as_of)
    return FundAnalysis(fund.id, fund.name, summaries, tuple(changes), by_phase(summaries))


def by_phase(summaries: tuple[SnapshotSummary, ...]) -> tuple[PhaseShare, ...]:
    """Allocation across phases at each date that has a complete direct snapshot of more than one phase."""
    dates: dict[str, list[SnapshotSummary]] = {}
    for s in summaries:
        if s.complete and s.basis == "direct":
            dates.setdefault(s.as_of, []).append(s)
    out: list[PhaseShare] = []
    for as_of, group in sorted(dates.items()):
        if len({s.phase for s in group}) < 2:
            continue
        whole = sum(s.total_amount or 0.0 for s in group) or None
        out.extend(
            PhaseShare(as_of, s.phase, s.total_companies, s.total_amount, _share(s.total_amount, whole), s.anchors)
            for s in sorted(group, key=lambda s: s.phase)
        )
    return tuple(out)
