"""`sinoscope targets`, `derive`, `check` and `analyze fund|supply-chain`: the reports' analyses, rerun.

Each command calls a use case of `sinoscope.app.analyses` and prints its result with the anchors it rests
on; `--json` gives the same data.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sinoscope.app import analyses
from sinoscope.app.analyses import DERIVATIONS, Derivation, DerivedRow, Severity, Status
from sinoscope.app.render import plain
from sinoscope.app.targets import target_tracks
from sinoscope.interfaces.cli.common import print_json
from sinoscope.interfaces.cli.kb import kb_store

analyze_app = typer.Typer(name="analyze", help="Fund portfolios and supply-chain dependence.", no_args_is_help=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
_STATUS_STYLE = {
    Status.MET: "green",
    Status.ON_TRACK: "green",
    Status.OFF_TRACK: "red",
    Status.NO_DATA: "dim",
    Status.NOT_EVALUABLE: "yellow",
}
_CURRENCIES = frozenset({"CNY", "USD", "JPY", "EUR", "KRW", "TWD", "GBP"})


def _num(value: float | None, digits: int = 4) -> str:
    return "–" if value is None else f"{value:,.{digits}g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _table(title: str, columns: tuple[str, ...], **kw: Any) -> Table:
    table = Table(title=title, title_justify="left", **kw)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def _say(out: Console, text: str) -> None:
    out.print(text, markup=False, highlight=False)


def targets(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Every target with its status, the observations it rests on, the gap and the trend projection."""
    with kb_store(ctx) as store:
        if as_json:
            print_json(plain(target_tracks(store)))  # curated tracks with their fields, then learned ones (README)
            return
        tracks, learned = analyses.all_tracks(store, store.knowledge())
    table = _table("Targets", ("target", "goal", "status", "latest", "gap", "why", "evidence"))
    for t in tracks:
        goal = t.target
        aim = (
            f"{goal.comparator} {_num(goal.value)} {goal.unit or ''} by {goal.year}" if goal.value is not None else "—"
        )
        latest = "; ".join(f"{_num(p.value)} ({p.period}, {p.publisher or 'n/a'})" for p in t.latest[:2]) or "—"
        table.add_row(
            f"{goal.id}\n[dim]{goal.policy or goal.owner}[/dim]", aim,
            Text(t.status.value, style=_STATUS_STYLE[t.status]), latest, _num(t.gap), t.note, ", ".join(t.evidence[:3]),
        )  # fmt: skip
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
    with kb_store(ctx) as store:
        d, rows = analyses.derivation(store.knowledge(), name, entity)
    if as_json:
        print_json(plain({
            "id": d.id, "name": d.name, "indicator": d.indicator, "dimension": d.dimension, "unit": d.unit,
            "per": d.per, "formula": d.expression, "method": d.method, "inputs": d.inputs, "rows": rows,
        }))  # fmt: skip
    elif not rows:
        sys.stderr.write(f"{name}: no period has every input ({', '.join(d.inputs)})\n")
    else:
        _derived_table(d, rows)


def _list_derivations(as_json: bool) -> None:
    found = analyses.derivations()
    if as_json:
        print_json([{"id": d.id, "name": d.name, "unit": d.unit, "formula": d.expression} for d in found])
        return
    table = _table("Derived indicators", ("id", "name", "formula", "unit"))
    for d in found:
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
    for col in ("entity", "period") if several else ("period",):
        table.add_column(col)
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
        printed = "–" if r.printed is None else _derived_value(r.printed, d.unit, printed=True)
        table.add_row(
            *([r.entity] if several else []), r.period, *cells, _derived_value(r.result, d.unit), printed,
            _difference(r, d.unit),
        )  # fmt: skip
    out = Console()
    out.print(table)
    for source, users in sources.items():
        _say(out, f"  source for {', '.join(dict.fromkeys(users))}: {source}")


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


def check(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Consistency findings: table totals, balance sheets, a table against its text, sources that differ."""
    with kb_store(ctx) as store:
        findings = analyses.findings(store.knowledge(), store)
    if as_json:
        print_json(plain(findings))
        return
    table = _table(f"Findings ({len(findings)})", ("severity", "check", "finding", "anchors"))
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
    with kb_store(ctx) as store:
        found = analyses.fund_analyses(store.knowledge(), fund_id)
    if as_json:
        print_json(plain(found))
        return
    out = Console()
    for a in found:
        for s in a.snapshots:
            title = f"{a.name} · {s.phase} ({s.basis}) as of {s.as_of}" + ("" if s.complete else " · partial list")
            table = Table(title=title, caption=f"sources: {', '.join(s.anchors)}", title_justify="left")
            for col in ("sector", "companies", f"amount ({s.currency} 100m)", "share %", "per company (100m)"):
                table.add_column(col, justify="left" if col == "sector" else "right")
            for line in s.sectors:
                amount = None if line.amount is None else line.amount / 1e8
                per = None if line.per_company is None else line.per_company / 1e8
                table.add_row(line.sector, _num(line.companies), _num(amount, 6), _num(line.share, 3), _num(per, 3))
            out.print(table)
            if s.top_sectors_share is not None:
                _say(out, f"  two largest sectors: {s.top_sectors_share:.1f}% of the amount")
            if s.top_recipients_share is not None and s.recipients:
                names = " and ".join(r.investee for r in s.recipients[:2])
                _say(out, f"  two largest named recipients ({names}): {s.top_recipients_share:.1f}%")
            if s.per_company is not None:
                _say(out, f"  average per investee: {s.currency} {s.per_company / 1e8:,.2f} hundred million")
        if a.phases:
            phases = Table(title=f"{a.name} · allocation by phase", title_justify="left")
            amount_col = f"amount ({a.snapshots[0].currency} 100m)"
            for col in ("as of", "phase", "companies", amount_col, "share %", "sources"):
                phases.add_column(col, justify="left" if col in ("as of", "phase", "sources") else "right")
            for p in a.phases:
                amount = None if p.amount is None else p.amount / 1e8
                cells = (_num(p.companies), _num(amount, 6), _num(p.share, 3), ", ".join(p.anchors))
                phases.add_row(p.as_of, p.phase, *cells)
            out.print(phases)
        for c in a.changes:
            _say(out, f"{c.phase}: {c.earlier_as_of} → {c.later_as_of}" if c.companies is None else (
                f"{c.phase} ({c.basis}) {c.earlier_as_of} → {c.later_as_of}: companies {c.companies:+d}, "
                f"amount {(c.amount or 0) / 1e8:+,.2f} hundred million ({', '.join(c.anchors)})"
            ))  # fmt: skip


@analyze_app.command("supply-chain")
def supply_chain(
    ctx: typer.Context,
    chain_id: Annotated[str | None, typer.Argument(help="Supply chain id (default: all).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Per stage R&D, subsidy and profit intensity (smile curve?); per component foreign share and HHI."""
    with kb_store(ctx) as store:
        found = analyses.chain_analyses(store.knowledge(), chain_id)
    if as_json:
        print_json(plain(found))
        return
    out = Console()
    for a in found:
        stages = _table(
            f"{a.name}: stages", ("stage", "R&D intensity", "subsidy intensity", "profitability", "sources")
        )
        for s in a.stages:
            metrics = (s.rd_intensity, s.subsidy_intensity, s.profit)
            cells = ["–" if m is None else f"{_metric(m.value, m.value_max, m.unit)} ({m.period})" for m in metrics]
            anchors = dict.fromkeys(a for m in metrics if m is not None for a in m.anchors)
            stages.add_row(s.name, *cells, ", ".join(anchors))
        out.print(stages)
        _say(out, f"smile curve: {({True: 'yes', False: 'no', None: 'unknown'})[a.smile]} ({a.smile_basis})")
        comps = _table(f"{a.name}: components, most exposed first", (
            "component", "stage", "domestic %", "foreign %", "year", "HHI countries", "HHI firms", "leader",
            "chokepoint", "sources",
        ))  # fmt: skip
        for c in a.components:
            lower_bound = c.foreign_share is not None and c.domestic_share is None
            foreign = f"≥{_num(c.foreign_share, 3)} (world)" if lower_bound else _num(c.foreign_share, 3)
            comps.add_row(
                c.name, c.stage, _num(c.domestic_share, 3), foreign, c.share_year or "–", _num(c.hhi, 5),
                _num(c.firm_hhi, 5), c.leading_country or "–", "–" if c.chokepoint is None else f"{c.chokepoint:.2f}",
                ", ".join(c.anchors),
            )  # fmt: skip
        out.print(comps)
        _say(out,
            "  foreign %: 100 − domestic brands' share of China's market; '≥ … (world)': listed foreign suppliers' "
            "share of the world market where no Chinese-market figure exists. chokepoint = foreign share × "
            "country HHI / 10,000 (blank when either is unknown).",
        )  # fmt: skip


def _metric(value: float, value_max: float | None, unit: str) -> str:
    if unit == "rank":
        return f"rank {value:g}"
    shown = f"{value:g}" if value_max is None else f"{value:g}–{value_max:g}"
    return f"{shown}{'' if unit == '%' else ' '}{unit}"
