"""The analyses in words, for a terminal: every figure of `sinoscope targets`, `derive` and `analyze` formatted
the way the tables print it (amounts in hundred millions, shares to three digits, "–" for unknown).

The CLI lays these strings out as tables; keeping the wording here leaves it only the layout, and lets the
formatting be tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sinoscope.analysis.derive import Derivation, DerivedRow
from sinoscope.analysis.portfolio import FundAnalysis, SnapshotChange
from sinoscope.analysis.supply_chain import ComponentDependence, MetricValue, SupplyChainAnalysis
from sinoscope.analysis.targets import Status, TargetTrack

CURRENCIES = frozenset({"CNY", "USD", "JPY", "EUR", "KRW", "TWD", "GBP"})
CHAIN_NOTE = (
    "  foreign %: 100 − domestic brands' share of China's market; '≥ … (world)': listed foreign suppliers' "
    "share of the world market where no Chinese-market figure exists. chokepoint = foreign share × "
    "country HHI / 10,000 (blank when either is unknown)."
)


def num(value: float | None, digits: int = 4) -> str:
    return "–" if value is None else f"{value:,.{digits}g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _hundred_millions(value: float | None) -> float | None:
    return None if value is None else value / 1e8


# -- targets ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrackRow:
    name: str
    under: str
    """What the name belongs to (a curated target's policy; a learned one's review state and id)."""
    goal: str
    status: Status
    latest: str
    gap: str
    why: str
    evidence: str


def track_rows(tracks: list[TargetTrack], learned: list[dict[str, Any]]) -> list[TrackRow]:
    """Curated targets, then learned ones (in the `targets --json` shape), one row each."""
    rows = []
    for t in tracks:
        g = t.target
        goal = f"{g.comparator} {num(g.value)} {g.unit or ''} by {g.year}" if g.value is not None else "—"
        latest = "; ".join(f"{num(p.value)} ({p.period}, {p.publisher or 'n/a'})" for p in t.latest[:2]) or "—"
        under = str(g.policy or g.owner)
        rows.append(TrackRow(g.id, under, goal, t.status, latest, num(t.gap), t.note, ", ".join(t.evidence[:3])))
    for lt in learned:
        goal = f"{lt['comparator']} {num(lt['value'])} {lt['unit']} by {lt['deadline'] or '?'}"
        obs = "; ".join(f"{num(o['value'])} ({o['period']}, {o['anchor']})" for o in lt["observations"][-2:]) or "—"
        rows.append(
            TrackRow(
                lt["indicator"]["name"] or "(unnamed)", f"{lt['review']}: {lt['id']}", goal, Status(lt["status"]),
                obs, num(lt["gap"]), lt["note"], ", ".join(lt["evidence"][:3]),
            )
        )  # fmt: skip
    return rows


# -- derived indicators ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DerivedTable:
    title: str
    caption: str
    by_entity: bool
    """More than one entity: the rows start with the entity."""
    inputs: list[str]
    """One header per input: its key and unit ("100m" when shown in hundred millions)."""
    rows: list[list[str]]
    sources: list[str]
    """"  source for <inputs>: <anchor>" lines, one per anchor."""


def derived_table(d: Derivation, rows: list[DerivedRow]) -> DerivedTable:
    units = {
        i.key: i.unit + (" 100m" if i.unit in CURRENCIES and abs(i.value) >= 1e6 else "")
        for r in rows
        for i in r.inputs
    }
    big = {k for k, u in units.items() if u.endswith(" 100m")}
    several = len({r.entity for r in rows}) > 1
    sources: dict[str, list[str]] = {}
    cells = []
    for r in rows:
        values = {i.key: i for i in r.inputs}
        for used in r.inputs:
            for a in used.anchors:
                sources.setdefault(a, []).append(used.key)
        for a in r.printed_anchors:
            sources.setdefault(a, []).append("printed")
        shown = [
            (f"{values[k].value / 1e8:,.1f}" if k in big else _plain_number(values[k].value)) if k in values else "–"
            for k in d.inputs
        ]
        printed = "–" if r.printed is None else _derived_value(r.printed, d.unit, printed=True)
        row = [r.period, *shown, _derived_value(r.result, d.unit), printed, _difference(r, d.unit)]
        cells.append([r.entity, *row] if several else row)
    return DerivedTable(
        title=f"{d.name} ({d.unit + (f'/{d.per}' if d.per else '')})",
        caption=f"{d.method}\nformula: {d.expression}",
        by_entity=several,
        inputs=[f"{key} ({units.get(key, '')})" for key in d.inputs],
        rows=cells,
        sources=[f"  source for {', '.join(dict.fromkeys(users))}: {a}" for a, users in sources.items()],
    )


def _plain_number(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:g}"


def _derived_value(value: float, unit: str, *, printed: bool = False) -> str:
    if unit == "%":
        return f"{value:.1f}" if printed else f"{value:.2f}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _difference(r: DerivedRow, unit: str) -> str:
    if r.difference is None:
        return "–"
    if unit == "%":
        return f"{r.difference:+.2f} pp"
    rel = r.relative_difference
    return f"{r.difference:+,.4g}" + ("" if rel is None else f" ({rel:+.1%})")


# -- funds -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextTable:
    title: str
    columns: list[str]
    rows: list[list[str]]
    caption: str | None = None
    notes: list[str] = field(default_factory=list)
    """Lines printed under the table."""


def fund_tables(a: FundAnalysis) -> tuple[list[TextTable], TextTable | None, list[str]]:
    """Per snapshot a table of sectors (with notes on concentration), the allocation by phase when there is
    one, and a line per change between dated snapshots."""
    snapshots = []
    for s in a.snapshots:
        notes = []
        if s.top_sectors_share is not None:
            notes.append(f"  two largest sectors: {s.top_sectors_share:.1f}% of the amount")
        if s.top_recipients_share is not None and s.recipients:
            names = " and ".join(r.investee for r in s.recipients[:2])
            notes.append(f"  two largest named recipients ({names}): {s.top_recipients_share:.1f}%")
        if s.per_company is not None:
            notes.append(f"  average per investee: {s.currency} {s.per_company / 1e8:,.2f} hundred million")
        snapshots.append(
            TextTable(
                title=f"{a.name} · {s.phase} ({s.basis}) as of {s.as_of}" + ("" if s.complete else " · partial list"),
                columns=["sector", "companies", f"amount ({s.currency} 100m)", "share %", "per company (100m)"],
                rows=[
                    [line.sector, num(line.companies), num(_hundred_millions(line.amount), 6), num(line.share, 3),
                     num(_hundred_millions(line.per_company), 3)]
                    for line in s.sectors
                ],
                caption=f"sources: {', '.join(s.anchors)}",
                notes=notes,
            )
        )  # fmt: skip
    phases = None
    if a.phases:
        phases = TextTable(
            title=f"{a.name} · allocation by phase",
            columns=["as of", "phase", "companies", f"amount ({a.snapshots[0].currency} 100m)", "share %", "sources"],
            rows=[
                [p.as_of, p.phase, num(p.companies), num(_hundred_millions(p.amount), 6), num(p.share, 3),
                 ", ".join(p.anchors)]
                for p in a.phases
            ],
        )  # fmt: skip
    return snapshots, phases, [_change(c) for c in a.changes]


def _change(c: SnapshotChange) -> str:
    if c.companies is None:
        return f"{c.phase}: {c.earlier_as_of} → {c.later_as_of}"
    return (
        f"{c.phase} ({c.basis}) {c.earlier_as_of} → {c.later_as_of}: companies {c.companies:+d}, "
        f"amount {(c.amount or 0) / 1e8:+,.2f} hundred million ({', '.join(c.anchors)})"
    )


# -- supply chains ---------------------------------------------------------------------------------------


def chain_tables(a: SupplyChainAnalysis) -> tuple[TextTable, str, TextTable]:
    """The stages (R&D, subsidy and profit intensity), the smile-curve verdict, and the components, most
    exposed first."""
    stage_rows = []
    for s in a.stages:
        metrics = (s.rd_intensity, s.subsidy_intensity, s.profit)
        anchors = dict.fromkeys(x for m in metrics if m is not None for x in m.anchors)
        stage_rows.append([s.name, *(_metric(m) for m in metrics), ", ".join(anchors)])
    stages = TextTable(
        f"{a.name}: stages", ["stage", "R&D intensity", "subsidy intensity", "profitability", "sources"], stage_rows
    )
    smile = f"smile curve: {({True: 'yes', False: 'no', None: 'unknown'})[a.smile]} ({a.smile_basis})"
    columns = ["component", "stage", "domestic %", "foreign %", "year", "HHI countries", "HHI firms", "leader",
               "chokepoint", "sources"]  # fmt: skip
    components = TextTable(f"{a.name}: components, most exposed first", columns, [_component(c) for c in a.components])
    return stages, smile, components


def _component(c: ComponentDependence) -> list[str]:
    lower_bound = c.foreign_share is not None and c.domestic_share is None
    foreign = f"≥{num(c.foreign_share, 3)} (world)" if lower_bound else num(c.foreign_share, 3)
    return [
        c.name, c.stage, num(c.domestic_share, 3), foreign, c.share_year or "–", num(c.hhi, 5), num(c.firm_hhi, 5),
        c.leading_country or "–", "–" if c.chokepoint is None else f"{c.chokepoint:.2f}", ", ".join(c.anchors),
    ]  # fmt: skip


def _metric(m: MetricValue | None) -> str:
    if m is None:
        return "–"
    if m.unit == "rank":
        shown = f"rank {m.value:g}"
    else:
        value = f"{m.value:g}" if m.value_max is None else f"{m.value:g}–{m.value_max:g}"
        shown = f"{value}{'' if m.unit == '%' else ' '}{m.unit}"
    return f"{shown} ({m.period})"
