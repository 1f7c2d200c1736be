"""`sinoscope targets`, `derive`, `check` and `analyze fund|supply-chain`: the reports' analyses, rerun.

Each command loads the knowledge base (and stored table records) at the edge, calls a pure function of
`sinoscope.analysis`, and prints its result with the anchors it rests on; `--json` gives the same data.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sinoscope.analysis.checks import Finding, Severity, run_checks
from sinoscope.analysis.derive import DERIVATIONS, Derivation, DerivedRow, derive
from sinoscope.analysis.portfolio import analyse_fund
from sinoscope.analysis.supply_chain import analyse_chain
from sinoscope.analysis.targets import Status, track_all
from sinoscope.app.render import plain
from sinoscope.app.targets import learned_findings, target_tracks
from sinoscope.errors import NotFoundError, SinoscopeError
from sinoscope.knowledge import KnowledgeBase, display_name
from sinoscope.store import Store, open_store
from sinoscope.store.kb_sync import ensure_knowledge

EXIT_USER_ERROR = 2

analyze_app = typer.Typer(name="analyze", help="Fund portfolios and supply-chain dependence.", no_args_is_help=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@contextmanager
def _knowledge(ctx: typer.Context) -> Iterator[tuple[Store, KnowledgeBase]]:
    try:
        store = open_store(ctx.obj["db"], create=True)
    except SinoscopeError as err:
        raise _fail(str(err)) from None
    try:
        ensure_knowledge(store)
        yield store, store.knowledge()
    except SinoscopeError as err:
        raise _fail(str(err)) from None
    finally:
        store.close()


def _fail(message: str) -> typer.Exit:
    sys.stderr.write(f"error: {' '.join(message.split())}\n")
    return typer.Exit(EXIT_USER_ERROR)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(plain(data), ensure_ascii=False, indent=2) + "\n")


def _num(value: float | None, digits: int = 4) -> str:
    return "–" if value is None else f"{value:,.{digits}g}" if abs(value) < 1e6 else f"{value:,.0f}"


_STATUS_STYLE = {
    Status.MET: "green",
    Status.ON_TRACK: "green",
    Status.OFF_TRACK: "red",
    Status.NO_DATA: "dim",
    Status.NOT_EVALUABLE: "yellow",
}


def targets(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Every target with its status, the observations it rests on, the gap and the trend projection."""
    with _knowledge(ctx) as (store, kb):
        if as_json:
            _print_json(target_tracks(store))  # curated tracks with their fields, then learned ones (README)
            return
        tracks = track_all(kb)
        learned = [t for t in target_tracks(store) if t.get("origin") == "learned"]
    table = Table(title="Targets", title_justify="left")
    for col in ("target", "goal", "status", "latest", "gap", "why", "evidence"):
        table.add_column(col, overflow="fold")
    for t in tracks:
        goal = t.target
        aim = (
            f"{goal.comparator} {_num(goal.value)} {goal.unit or ''} by {goal.year}" if goal.value is not None else "—"
        )
        latest = "; ".join(f"{_num(p.value)} ({p.period}, {p.publisher or 'n/a'})" for p in t.latest[:2]) or "—"
        table.add_row(
            f"{goal.id}\n[dim]{goal.policy or goal.owner}[/dim]",
            aim,
            Text(t.status.value, style=_STATUS_STYLE[t.status]),
            latest,
            _num(t.gap),
            t.note,
            ", ".join(t.evidence[:3]),
        )
    for lt in learned:
        aim = f"{lt['comparator']} {_num(lt['value'])} {lt['unit']} by {lt['deadline'] or '?'}"
        obs = "; ".join(f"{_num(o['value'])} ({o['period']}, {o['anchor']})" for o in lt["observations"][-2:]) or "—"
        status = Status(lt["status"])
        table.add_row(
            f"{lt['indicator']['name'] or '(unnamed)'}\n[dim]{lt['review']}: {lt['id']}[/dim]", aim,
            Text(status.value, style=_STATUS_STYLE[status]), obs, _num(lt["gap"]), lt["note"],
            ", ".join(lt["evidence"][:3]),
        )  # fmt: skip
    Console().print(table)


def derive_command(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help=f"Derived indicator: {', '.join(sorted(DERIVATIONS))} (none: list them).")
    ] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Whose figures (country, fund phase...); default: every entity.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Recompute a derived indicator from its stored inputs, beside the report's printed figure."""
    if name is None:
        _list_derivations(as_json)
        return
    with _knowledge(ctx) as (_, kb):
        try:
            rows = derive(kb, name, entity=entity)
        except NotFoundError as err:
            raise _fail(str(err)) from None
    d = DERIVATIONS[name]
    if as_json:
        _print_json(
            {
                "id": d.id, "name": d.name, "indicator": d.indicator, "dimension": d.dimension, "unit": d.unit,
                "per": d.per, "formula": d.expression, "method": d.method, "inputs": d.inputs, "rows": rows,
            }
        )  # fmt: skip
        return
    if not rows:
        sys.stderr.write(f"{name}: no period has every input ({', '.join(d.inputs)})\n")
        return
    _derived_table(d, rows)


def _list_derivations(as_json: bool) -> None:
    if as_json:
        _print_json(
            [{"id": d.id, "name": d.name, "unit": d.unit, "formula": d.expression} for d in DERIVATIONS.values()]
        )
        return
    table = Table(title="Derived indicators", title_justify="left")
    for col in ("id", "name", "formula", "unit"):
        table.add_column(col, overflow="fold")
    for d in DERIVATIONS.values():
        table.add_row(d.id, d.name, Text(d.expression), d.unit + (f" per {d.per}" if d.per else ""))
    Console().print(table)


def _derived_table(d: Derivation, rows: list[DerivedRow]) -> None:
    units = {
        i.key: i.unit + (" 100m" if i.unit in _CURRENCIES and abs(i.value) >= 1e6 else "")
        for r in rows
        for i in r.inputs
    }
    big = {k for k, u in units.items() if u.endswith(" 100m")}
    several = len({r.entity for r in rows}) > 1
    unit = d.unit + (f"/{d.per}" if d.per else "")
    table = Table(
        title=f"{d.name} ({unit})", caption=Text(f"{d.method}\nformula: {d.expression}"), title_justify="left"
    )
    if several:
        table.add_column("entity")
    table.add_column("period")
    for key in d.inputs:
        table.add_column(Text(f"{key} ({units.get(key, '')})"), justify="right", overflow="fold")
    for col in ("result", "printed", "diff"):
        table.add_column(col, justify="right")
    sources: dict[str, list[str]] = {}
    for r in rows:
        values = {i.key: i for i in r.inputs}
        for used in r.inputs:
            for a in used.anchors:
                sources.setdefault(a, []).append(used.key)
        for a in r.printed_anchors:
            sources.setdefault(a, []).append("printed")
        cells = [
            (f"{values[k].value / 1e8:,.1f}" if k in big else _plain_number(values[k].value)) if k in values else "–"
            for k in d.inputs
        ]
        table.add_row(
            *([r.entity] if several else []),
            r.period,
            *cells,
            _derived_value(r.result, d.unit),
            "–" if r.printed is None else _derived_value(r.printed, d.unit, printed=True),
            _difference(r, d.unit),
        )
    out = Console()
    out.print(table)
    for source, users in sources.items():
        out.print(f"  source for {', '.join(dict.fromkeys(users))}: {source}", markup=False, highlight=False)


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


_CURRENCIES = frozenset({"CNY", "USD", "JPY", "EUR", "KRW", "TWD", "GBP"})


def check(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Consistency findings: table totals, balance sheets, a table against its text, sources that differ."""
    with _knowledge(ctx) as (store, kb):
        findings = run_checks(kb, store.table_records()) + learned_findings(store)
    if as_json:
        _print_json(findings)
        return
    _findings_table(findings)


def _findings_table(findings: list[Finding]) -> None:
    table = Table(title=f"Findings ({len(findings)})", title_justify="left")
    for col in ("severity", "check", "finding", "anchors"):
        table.add_column(col, overflow="fold")
    for f in findings:
        style = "yellow" if f.severity is Severity.WARNING else "cyan"
        table.add_row(Text(f.severity.value, style=style), f.check, f.message, ", ".join(f.anchors))
    Console().print(table)


@analyze_app.command("fund")
def fund(
    ctx: typer.Context,
    fund_id: Annotated[str | None, typer.Argument(help="Fund id (default: every fund with snapshots).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Portfolio by sector and phase, top recipients, averages per investee, change between snapshots."""
    with _knowledge(ctx) as (_, kb):
        funds = [f for f in kb.funds() if f.snapshots and (fund_id is None or f.id == fund_id)]
        if fund_id is not None and not funds:
            raise _fail(f"{fund_id}: no fund with portfolio snapshots by that id")

        def name_of(entry_id: str) -> str:
            found = kb.find(entry_id)
            return display_name(found) if found is not None else entry_id

        analyses = [analyse_fund(f, name_of) for f in funds]
    if as_json:
        _print_json(analyses)
        return
    out = Console()
    for a in analyses:
        for s in a.snapshots:
            table = Table(
                title=f"{a.name} · {s.phase} ({s.basis}) as of {s.as_of}" + ("" if s.complete else " · partial list"),
                caption=f"sources: {', '.join(s.anchors)}",
                title_justify="left",
            )
            for col in ("sector", "companies", f"amount ({s.currency} 100m)", "share %", "per company (100m)"):
                table.add_column(col, justify="left" if col == "sector" else "right")
            for line in s.sectors:
                table.add_row(
                    line.sector,
                    _num(line.companies),
                    _num(None if line.amount is None else line.amount / 1e8, 6),
                    _num(line.share, 3),
                    _num(None if line.per_company is None else line.per_company / 1e8, 3),
                )
            out.print(table)
            notes = []
            if s.top_sectors_share is not None:
                notes.append(f"two largest sectors: {s.top_sectors_share:.1f}% of the amount")
            if s.top_recipients_share is not None and s.recipients:
                names = " and ".join(r.investee for r in s.recipients[:2])
                notes.append(f"two largest named recipients ({names}): {s.top_recipients_share:.1f}%")
            if s.per_company is not None:
                notes.append(f"average per investee: {s.currency} {s.per_company / 1e8:,.2f} hundred million")
            for n in notes:
                out.print(f"  {n}", markup=False, highlight=False)
        if a.phases:
            phases = Table(title=f"{a.name} · allocation by phase", title_justify="left")
            for col in (
                "as of",
                "phase",
                "companies",
                f"amount ({a.snapshots[0].currency} 100m)",
                "share %",
                "sources",
            ):
                phases.add_column(col, justify="left" if col in ("as of", "phase", "sources") else "right")
            for p in a.phases:
                amount = None if p.amount is None else p.amount / 1e8
                phases.add_row(
                    p.as_of, p.phase, _num(p.companies), _num(amount, 6), _num(p.share, 3), ", ".join(p.anchors)
                )
            out.print(phases)
        for c in a.changes:
            out.print(
                f"{c.phase} ({c.basis}) {c.earlier_as_of} → {c.later_as_of}: companies {c.companies:+d}, "
                f"amount {(c.amount or 0) / 1e8:+,.2f} hundred million ({', '.join(c.anchors)})"
                if c.companies is not None
                else f"{c.phase}: {c.earlier_as_of} → {c.later_as_of}",
                markup=False,
                highlight=False,
            )


@analyze_app.command("supply-chain")
def supply_chain(
    ctx: typer.Context,
    chain_id: Annotated[str | None, typer.Argument(help="Supply chain id (default: all).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Per stage R&D, subsidy and profit intensity (smile curve?); per component foreign share and HHI."""
    with _knowledge(ctx) as (_, kb):
        chains = [c for c in kb.supply_chains() if chain_id is None or c.id == chain_id]
        if chain_id is not None and not chains:
            raise _fail(f"{chain_id}: no supply chain by that id")
        analyses = [analyse_chain(c) for c in chains]
    if as_json:
        _print_json(analyses)
        return
    out = Console()
    for a in analyses:
        stages = Table(title=f"{a.name}: stages", title_justify="left")
        for col in ("stage", "R&D intensity", "subsidy intensity", "profitability", "sources"):
            stages.add_column(col, overflow="fold")
        for s in a.stages:
            metrics = (s.rd_intensity, s.subsidy_intensity, s.profit)
            cells = ["–" if m is None else f"{_metric(m.value, m.value_max, m.unit)} ({m.period})" for m in metrics]
            anchors = dict.fromkeys(a for m in metrics if m is not None for a in m.anchors)
            stages.add_row(s.name, *cells, ", ".join(anchors))
        out.print(stages)
        verdict = {True: "yes", False: "no", None: "unknown"}[a.smile]
        out.print(f"smile curve: {verdict} ({a.smile_basis})", markup=False, highlight=False)
        comps = Table(title=f"{a.name}: components, most exposed first", title_justify="left")
        headers = (
            "component", "stage", "domestic %", "foreign %", "year", "HHI countries", "HHI firms", "leader",
            "chokepoint", "sources",
        )  # fmt: skip
        for col in headers:
            comps.add_column(col, overflow="fold")
        for c in a.components:
            lower_bound = c.foreign_share is not None and c.domestic_share is None
            comps.add_row(
                c.name,
                c.stage,
                _num(c.domestic_share, 3),
                f"≥{_num(c.foreign_share, 3)} (world)" if lower_bound else _num(c.foreign_share, 3),
                c.share_year or "–",
                _num(c.hhi, 5),
                _num(c.firm_hhi, 5),
                c.leading_country or "–",
                "–" if c.chokepoint is None else f"{c.chokepoint:.2f}",
                ", ".join(c.anchors),
            )
        out.print(comps)
        out.print(
            "  foreign %: 100 − domestic brands' share of China's market; '≥ … (world)': listed foreign suppliers' "
            "share of the world market where no Chinese-market figure exists. chokepoint = foreign share × "
            "country HHI / 10,000 (blank when either is unknown).",
            markup=False,
            highlight=False,
        )


def _metric(value: float, value_max: float | None, unit: str) -> str:
    if unit == "rank":
        return f"rank {value:g}"
    shown = f"{value:g}" if value_max is None else f"{value:g}–{value_max:g}"
    return f"{shown}{'' if unit == '%' else ' '}{unit}"
