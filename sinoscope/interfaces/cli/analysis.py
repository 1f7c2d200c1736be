"""`sinoscope targets`, `derive`, `check` and `analyze fund|supply-chain`: the reports' analyses, rerun.

Each command calls a use case of `sinoscope.app.analyses` and lays out its result, in the words of
`sinoscope.app.analyses_text`, as tables with the anchors it rests on; `--json` gives the same data.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sinoscope.app import analyses, analyses_text
from sinoscope.app.analyses import DERIVATIONS, Severity, Status
from sinoscope.app.analyses_text import TextTable
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


def _table(title: str, columns: list[str] | tuple[str, ...], **kw: Any) -> Table:
    table = Table(title=title, title_justify="left", **kw)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def _aligned(t: TextTable, left: tuple[str, ...]) -> Table:
    """Figures right-aligned, the `left` columns (names, dates, sources) left."""
    table = Table(title=t.title, caption=t.caption, title_justify="left")
    for col in t.columns:
        table.add_column(col, justify="left" if col in left else "right")
    for row in t.rows:
        table.add_row(*row)
    return table


def _folded(t: TextTable) -> Table:
    table = _table(t.title, t.columns)
    for row in t.rows:
        table.add_row(*row)
    return table


def _say(out: Console, text: str) -> None:
    out.print(text, markup=False, highlight=False)


def targets(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Every target with its status, the observations it rests on, the gap and the trend projection."""
    with kb_store(ctx) as store:
        if as_json:
            print_json(plain(target_tracks(store)))  # curated tracks with their fields, then learned ones (README)
            return
        rows = analyses_text.track_rows(*analyses.all_tracks(store, store.knowledge()))
    table = _table("Targets", ("target", "goal", "status", "latest", "gap", "why", "evidence"))
    for r in rows:
        status = Text(r.status.value, style=_STATUS_STYLE[r.status])
        table.add_row(f"{r.name}\n[dim]{r.under}[/dim]", r.goal, status, r.latest, r.gap, r.why, r.evidence)
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
        return
    if not rows:
        typer.echo(f"{name}: no period has every input ({', '.join(d.inputs)})", err=True)
        return
    t = analyses_text.derived_table(d, rows)
    table = Table(title=t.title, caption=Text(t.caption), title_justify="left")
    for col in ("entity", "period") if t.by_entity else ("period",):
        table.add_column(col)
    for header in t.inputs:
        table.add_column(Text(header), justify="right", overflow="fold")
    for col in ("result", "printed", "diff"):
        table.add_column(col, justify="right")
    for row in t.rows:
        table.add_row(*row)
    out = Console()
    out.print(table)
    for line in t.sources:
        _say(out, line)


def _list_derivations(as_json: bool) -> None:
    found = analyses.derivations()
    if as_json:
        print_json([{"id": d.id, "name": d.name, "unit": d.unit, "formula": d.expression} for d in found])
        return
    table = _table("Derived indicators", ("id", "name", "formula", "unit"))
    for d in found:
        table.add_row(d.id, d.name, Text(d.expression), d.unit + (f" per {d.per}" if d.per else ""))
    Console().print(table)


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
        snapshots, phases, changes = analyses_text.fund_tables(a)
        for t in snapshots:
            out.print(_aligned(t, ("sector",)))
            for note in t.notes:
                _say(out, note)
        if phases is not None:
            out.print(_aligned(phases, ("as of", "phase", "sources")))
        for line in changes:
            _say(out, line)


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
        stages, smile, components = analyses_text.chain_tables(a)
        out.print(_folded(stages))
        _say(out, smile)
        out.print(_folded(components))
        _say(out, analyses_text.CHAIN_NOTE)
