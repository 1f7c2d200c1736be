"""Consistency checks: findings, each with the passages it rests on.

Three families, all generic rules over whatever is stored:
- table identities (`table_checks`): totals equal the sum of their parts, assets = liabilities + equity,
  percentage breakdowns sum to 100, within the rounding the printed decimals allow; the curated funds'
  balance sheets too, where their tables were not read as data;
- disagreements: the same indicator, entity and period observed with different values — a table against
  its own text in one report, or two sources or dates;
- fund snapshots: two dated portfolio snapshots of one fund phase that differ.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sinoscope.analysis.evidence import cited
from sinoscope.analysis.findings import Finding, Severity
from sinoscope.analysis.table_checks import share_breakdowns, table_balances, table_totals
from sinoscope.extraction.model import TableRecord
from sinoscope.knowledge.funds import Fund, PortfolioSnapshot
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.knowledge.measures import Observation

RELATIVE_SLACK = 0.01
"""Two observations closer than 1 % are the same figure rounded differently, not a disagreement."""


def balance_sheets(funds: Sequence[Fund]) -> list[Finding]:
    """Assets = liabilities + equity, per statement, within the rounding of one printed decimal."""
    out: list[Finding] = []
    for fund in funds:
        by_source: dict[tuple[str, ...], list[str]] = defaultdict(list)
        gaps: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for s in fund.statements:
            gap = s.balance_gap()
            if gap is None:
                continue
            anchors = cited(s.sources)
            by_source[anchors].append(s.period)
            slack = 0.15 * s.scale  # three printed terms, each rounded to 0.1 of the printed unit
            if abs(gap) > slack:
                gaps[anchors].append(f"{s.period}: assets − (liabilities + equity) = {gap / s.scale:+.1f}")
        for anchors, periods in by_source.items():
            where = ", ".join(anchors)
            if gaps[anchors]:
                out.append(
                    Finding(
                        "balance-sheet",
                        Severity.WARNING,
                        f"{fund.name} ({where}): does not balance — " + "; ".join(gaps[anchors]),
                        anchors,
                    )
                )
            else:
                out.append(
                    Finding(
                        "balance-sheet",
                        Severity.INFO,
                        f"{fund.name} ({where}): assets = liabilities + equity in {len(periods)} period(s) "
                        f"{min(periods)}–{max(periods)}",
                        anchors,
                    )
                )
    return out


APPROX_SLACK = 0.05
"""A figure the passage qualifies ("about USD 1.5 billion") is not contradicted by a table's 1.535 billion."""


def _same_figure(a: Observation, b: Observation) -> bool:
    slack = APPROX_SLACK if (a.approx or b.approx) else RELATIVE_SLACK
    return abs(a.value - b.value) <= slack * max(abs(a.value), abs(b.value))


def _is_table(anchor: str) -> bool:
    return "#table-" in anchor


def disagreements(observations: Iterable[Observation]) -> list[Finding]:
    """The same indicator, entity, period (and breakdown, unit) with different values."""
    groups: dict[tuple[str, str, str, str | None, str, str | None], list[Observation]] = defaultdict(list)
    for o in observations:
        if o.kind in ("target", "forecast"):
            continue
        groups[(o.indicator, o.entity, o.period, o.dimension, o.unit, o.per)].append(o)
    out: list[Finding] = []
    for (indicator, entity, period, dimension, unit, _per), obs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        distinct: list[Observation] = []
        for o in obs:
            if not any(_same_figure(o, d) for d in distinct):
                distinct.append(o)
        if len(distinct) < 2:
            continue
        anchors = tuple(dict.fromkeys(a for o in distinct for a in cited(o.sources)))
        report_anchors = [a for a in anchors if "#" in a]
        docs = {a.split("#")[0] for a in report_anchors}
        publishers = {o.publisher for o in distinct if o.publisher}
        own_table = len(publishers) <= 1 and (
            len(docs) == 1
            and any(_is_table(a) for a in report_anchors)
            and any(not _is_table(a) for a in report_anchors)
        )
        check = "table-vs-text" if own_table else "sources-differ"
        what = f"{indicator} of {entity}" + (f" ({dimension})" if dimension else "") + f", {period}"
        values = "; ".join(_describe(o, unit) for o in distinct)
        severity = Severity.WARNING if own_table else Severity.INFO
        out.append(Finding(check, severity, f"{what}: {values}", anchors))
    return out


def _describe(o: Observation, unit: str) -> str:
    dated = f", as of {o.as_of}" if o.as_of else ""
    return f"{_fmt(o.value, unit)} ({o.publisher or 'unnamed source'}{dated}: {', '.join(cited(o.sources))})"


def _fmt(value: float, unit: str) -> str:
    if unit in ("CNY", "USD", "JPY", "EUR") and abs(value) >= 1e6:
        return f"{unit} {value / 1e8:,.2f} hundred million"
    return f"{value:g}{'' if unit == '%' else ' '}{unit}"


def snapshot_changes(funds: Sequence[Fund]) -> list[Finding]:
    """Two dated, complete snapshots of the same phase (same basis) that report different totals."""
    out: list[Finding] = []
    for fund in funds:
        by_phase: dict[tuple[str, str], list[PortfolioSnapshot]] = defaultdict(list)
        for snap in fund.snapshots:
            if snap.complete:
                by_phase[(snap.phase, snap.basis)].append(snap)
        for (phase, basis), snaps in sorted(by_phase.items()):
            snaps.sort(key=lambda s: s.as_of)
            for a, b in itertools.pairwise(snaps):
                if a.total_companies == b.total_companies and a.total_amount == b.total_amount:
                    continue
                out.append(
                    Finding(
                        "snapshots-differ", Severity.INFO,
                        f"{fund.name} {phase} ({basis}) snapshots differ — {_snapshot(a)}; {_snapshot(b)}",
                        tuple(dict.fromkeys([*cited(a.sources), *cited(b.sources)])),
                    )
                )  # fmt: skip
    return out


def _snapshot(s: PortfolioSnapshot) -> str:
    amount = f"{s.currency} {s.total_amount / 1e8:,.2f} hundred million" if s.total_amount else "amount not given"
    where = ", ".join(cited(s.sources)) or s.id
    return f"as of {s.as_of} ({where}): {s.total_companies} companies, {amount}"


def run_checks(kb: KnowledgeBase, records: Iterable[TableRecord]) -> list[Finding]:
    """Every check over the knowledge base and the stored table cells, warnings first."""
    cells = list(records)
    findings = table_totals(cells)
    balanced = table_balances(cells)
    read = {a for f in balanced for a in f.anchors}
    findings += balanced
    # a curated statement whose table was read as data is already checked cell by cell
    findings += [f for f in balance_sheets(kb.funds()) if not set(f.anchors) <= read]
    findings += share_breakdowns(cells)
    findings += disagreements(kb.observations())
    findings += snapshot_changes(kb.funds())
    order = {Severity.WARNING: 0, Severity.INFO: 1}
    return sorted(findings, key=lambda f: (order[f.severity], f.check))


__all__ = [
    "Finding",
    "Severity",
    "balance_sheets",
    "disagreements",
    "run_checks",
    "share_breakdowns",
    "snapshot_changes",
    "table_balances",
    "table_totals",
]
