"""`sinoscope facts`, `tables`, `export facts|tables` and `extract`: numbers as data.

The records and their field names (the domain brief's) are `app.facts`'s; this module parses options and prints.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.table import Table as RichTable
from rich.text import Text

from sinoscope.app import facts as app_facts
from sinoscope.app.datapackage import export_observatory
from sinoscope.app.facts import (
    FACT_FIELDS,
    FORMATS,
    KINDS,
    TABLE_FIELDS,
    Fact,
    Quantity,
    choice,
    fact_record,
    figure_cells,
    quantity_record,
    reading_record,
    write_records,
)
from sinoscope.interfaces.cli.common import fail, open_db, print_json, user_errors
from sinoscope.interfaces.cli.render import print_fitted

export_app = typer.Typer(
    name="export",
    help="Write stored facts or table cells as JSON Lines or CSV.",
    no_args_is_help=True,
)


# -- commands ------------------------------------------------------------------------------------------

DocOpt = Annotated[str | None, typer.Option("--doc", help="Only this document id (e.g. 000).")]
UnitOpt = Annotated[str | None, typer.Option("--unit", help='Only this unit: "%", "CNY", "USD", "companies"...')]
KindOpt = Annotated[str | None, typer.Option("--kind", help="actual, target, estimate or forecast.")]
PeriodOpt = Annotated[str | None, typer.Option("--period", help='A year or date; "2022" also selects "2022-01".')]
TextOpt = Annotated[str | None, typer.Option("--text", help="Words in the figure or its subject (case-insensitive).")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="jsonl or csv.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")]


def facts(
    ctx: typer.Context,
    doc: DocOpt = None,
    unit: UnitOpt = None,
    kind: KindOpt = None,
    period: PeriodOpt = None,
    text: TextOpt = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Print at most this many.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the quantities found in stored reports, each with the anchor and line it comes from."""
    with user_errors():
        kind = choice("kind", kind, KINDS)
    with open_db(ctx) as store:
        found = app_facts.find_facts(store, doc, unit=unit, kind=kind, period=period, text=text)
    shown = found[:limit] if limit is not None else found
    if as_json:
        print_json([fact_record(f) for f in shown])
        return
    if not found:
        sys.stderr.write("no facts match (run `sinoscope ingest PATH...` first if nothing is stored)\n")
        return
    print_fitted(facts_table(shown))
    if len(shown) < len(found):
        sys.stderr.write(f"{len(shown)} of {len(found)} facts shown (--limit)\n")


def facts_table(rows: Sequence[Fact | Quantity]) -> RichTable:
    table = RichTable(show_lines=False)
    located = bool(rows) and isinstance(rows[0], Fact)
    if located:
        table.add_column("where", overflow="fold")
        table.add_column("line", justify="right")
    for name in ("text", "value", "unit", "period", "kind", "subject"):
        table.add_column(name, justify="right" if name == "value" else "left", overflow="fold")
    for q in rows:
        cells: list[str] = []
        if isinstance(q, Fact):
            cells += [q.section, str(q.line or "")]
        cells += figure_cells(q)
        table.add_row(*(Text(c) for c in cells))
    return table


def _export(output: Path | None, write: Callable[[IO[str]], int]) -> None:
    if output is None:
        write(sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as fh:
            n = write(fh)
    except OSError as err:
        raise fail(f"{output}: {err.strerror or err}") from None
    sys.stderr.write(f"{n} records written to {output}\n")


@export_app.command("facts")
def export_facts(
    ctx: typer.Context,
    fmt: FormatOpt = "jsonl",
    output: OutputOpt = None,
    doc: DocOpt = None,
    unit: UnitOpt = None,
    kind: KindOpt = None,
    period: PeriodOpt = None,
    text: TextOpt = None,
) -> None:
    """Every stored fact (or those matching the filters) as JSON Lines or CSV."""
    with user_errors():
        fmt_, kind = choice("format", fmt, FORMATS) or "jsonl", choice("kind", kind, KINDS)
    with open_db(ctx) as store:
        found = app_facts.find_facts(store, doc, unit=unit, kind=kind, period=period, text=text)
    _export(output, lambda fh: write_records(fh, (fact_record(f) for f in found), fmt_, FACT_FIELDS))


@export_app.command("tables")
def export_tables(
    ctx: typer.Context,
    fmt: FormatOpt = "jsonl",
    output: OutputOpt = None,
    doc: DocOpt = None,
    table: Annotated[str | None, typer.Option("--table", help='One table by anchor, e.g. "000#table-4-4".')] = None,
) -> None:
    """Every stored table cell as a tidy record (row label, column label, value, unit, scale)."""
    with user_errors():
        fmt_ = choice("format", fmt, FORMATS) or "jsonl"
    with open_db(ctx) as store:
        records = app_facts.table_export(store, doc, table)
    _export(output, lambda fh: write_records(fh, records, fmt_, TABLE_FIELDS))


@export_app.command("datapackage")
def export_datapackage(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The folder to write (created if missing).")],
) -> None:
    """The whole observatory as a Frictionless Data Package: CSV tables and a datapackage.json describing them."""
    with open_db(ctx) as store:
        try:
            report = export_observatory(store, output)
        except OSError as err:
            raise fail(f"{output}: {err.strerror or err}") from None
    rows = ", ".join(f"{name} {n}" for name, n in report.rows.items())
    sys.stderr.write(f"data package written to {output}/datapackage.json ({rows})\n")


def extract(
    source: Annotated[str, typer.Argument(help='A file to read, or "-" for standard input.')] = "-",
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of quantity objects.")] = False,
) -> None:
    """Extract quantities from any text without storing it; prints them in the same conventions as facts."""
    with user_errors():
        if source != "-":
            quantities = app_facts.quantities_in_file(Path(source))
        else:
            stdin = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
            quantities = app_facts.quantities_in_bytes(stdin)
    if as_json:
        print_json([quantity_record(q) for q in quantities])
    elif not quantities:
        sys.stderr.write("no quantities found\n")
    else:
        print_fitted(facts_table(quantities))


def tables(
    ctx: typer.Context,
    doc: DocOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every stored table with how it was read: records, confidence, or why it is kept as text only.

    A table whose layout could not be understood has no records rather than wrong ones; this is where it
    is flagged, with the reason, so nobody mistakes its silence for an empty table.
    """
    with open_db(ctx) as store:
        readings = app_facts.table_readings(store, doc)
    if as_json:
        print_json([reading_record(t) for t in readings])
        return
    grid = RichTable(title="Tables", title_justify="left")
    for name in ("anchor", "caption", "records", "confidence", "read as"):
        grid.add_column(name, justify="right" if name in ("records", "confidence") else "left")
    for t in readings:
        status = Text("data", style="green") if t.understood else Text(f"text only: {t.reason}", style="yellow")
        grid.add_row(t.anchor, t.caption[:60], str(len(t.records)), f"{t.confidence:.2f}", status)
    print_fitted(grid)
