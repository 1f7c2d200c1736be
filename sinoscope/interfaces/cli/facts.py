"""`sinoscope facts`, `tables`, `export facts|tables` and `extract`: numbers as data.

Records are written in the conventions of the domain brief (`doc`, `start`, `end`, `text`, `value`, `unit`,
`period`, `kind`, `subject`, `section`, ...), the same field names in JSON, JSON Lines and CSV, so an export
can be compared with gold data or loaded into a spreadsheet without renaming anything.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from sinoscope.documents.model import BlockKind
from sinoscope.errors import InputError, SinoscopeError
from sinoscope.extraction.model import Fact, Kind, Quantity, TableRecord
from sinoscope.extraction.tables import TidyTable, tidy_table
from sinoscope.store import Store, open_store

EXIT_USER_ERROR = 2

FACT_FIELDS = (
    "doc", "doc_id", "line", "start", "end", "text", "value", "value_max", "unit", "scale", "approx", "per",
    "period", "as_of", "kind", "subject", "section", "source_start", "source_end", "page", "comparator",
)  # fmt: skip
QUANTITY_FIELDS = tuple(
    f for f in FACT_FIELDS if f not in ("doc", "doc_id", "line", "section", "source_start", "source_end", "page")
)
TABLE_FIELDS = (
    "doc", "doc_id", "table", "row", "col", "row_label", "col_label", "raw", "value", "printed_value", "unit",
    "scale", "per", "approx", "period", "confidence",
)  # fmt: skip
FORMATS = ("jsonl", "csv")
KINDS = tuple(k.value for k in Kind)

export_app = typer.Typer(
    name="export",
    help="Write stored facts or table cells as JSON Lines or CSV.",
    no_args_is_help=True,
)


def _fail(message: str) -> typer.Exit:
    sys.stderr.write(f"error: {' '.join(message.split())}\n")
    return typer.Exit(EXIT_USER_ERROR)


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except SinoscopeError as err:
        raise _fail(str(err)) from None


@contextmanager
def _opened(ctx: typer.Context) -> Iterator[Store]:
    with _user_errors():
        store = open_store(ctx.obj["db"], create=False)
    try:
        with _user_errors():
            yield store
    finally:
        store.close()


# -- records -------------------------------------------------------------------------------------------


def fact_record(f: Fact) -> dict[str, Any]:
    data = f.model_dump(mode="json")
    return {k: data[k] for k in FACT_FIELDS}


def quantity_record(q: Quantity) -> dict[str, Any]:
    data = q.model_dump(mode="json")
    return {k: data[k] for k in QUANTITY_FIELDS}


def table_record(r: TableRecord, file_names: dict[str, str]) -> dict[str, Any]:
    doc_id = r.table_anchor.split("#", 1)[0]
    data = r.model_dump(mode="json")
    data.update(doc=file_names.get(doc_id, doc_id), doc_id=doc_id, table=r.table_anchor)
    return {k: data[k] for k in TABLE_FIELDS}


def write_records(out: io.TextIOBase | Any, records: Iterable[dict[str, Any]], fmt: str, fields: Sequence[str]) -> int:
    """Write `records` as JSON Lines or CSV (header first, empty cells for null); return how many."""
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\n")
        writer.writeheader()
        for rec in records:
            writer.writerow({k: "" if v is None else v for k, v in rec.items()})
            n += 1
        return n
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


# -- validation ----------------------------------------------------------------------------------------


def _check_choice(name: str, value: str | None, allowed: Sequence[str]) -> str | None:
    if value is None:
        return None
    v = value.strip().lower()
    if v not in allowed:
        raise _fail(f"{name} {value!r}: expected one of {', '.join(allowed)}")
    return v


def _check_doc(store: Store, doc: str | None) -> str | None:
    if doc is None:
        return None
    return store.get_document(doc.strip()).doc_id  # NotFoundError → one line, exit 2


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
    kind = _check_choice("kind", kind, KINDS)
    with _opened(ctx) as store:
        doc_id = _check_doc(store, doc)
        found = store.facts(doc_id, unit=unit, kind=kind, period=period, text=text)
    shown = found[:limit] if limit is not None else found
    if as_json:
        sys.stdout.write(json.dumps([fact_record(f) for f in shown], ensure_ascii=False, indent=2) + "\n")
        return
    if not found:
        sys.stderr.write("no facts match (run `sinoscope ingest PATH...` first if nothing is stored)\n")
        return
    out = Console()
    table = facts_table(shown)
    _fit(out, table)
    out.print(table)
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
        value = f"{q.value:,.6g}" + (f"–{q.value_max:,.6g}" if q.value_max is not None else "")
        unit = q.unit + (f" per {q.per}" if q.per else "")
        cells += [q.text, (q.approx + " " if q.approx else "") + value, unit, q.period or "", str(q.kind), q.subject]
        table.add_row(*(Text(c) for c in cells))
    return table


def _fit(out: Console, table: RichTable) -> None:
    from sinoscope.interfaces.cli.render import fit_width

    fit_width(out, table)


def _export(output: Path | None, write: Callable[[Any], int]) -> None:
    if output is None:
        write(sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as fh:
            n = write(fh)
    except OSError as err:
        raise _fail(f"{output}: {err.strerror or err}") from None
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
    fmt_ = _check_choice("format", fmt, FORMATS) or "jsonl"
    kind = _check_choice("kind", kind, KINDS)
    with _opened(ctx) as store:
        doc_id = _check_doc(store, doc)
        found = store.facts(doc_id, unit=unit, kind=kind, period=period, text=text)
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
    fmt_ = _check_choice("format", fmt, FORMATS) or "jsonl"
    with _opened(ctx) as store:
        doc_id = _check_doc(store, doc)
        names = {d.doc_id: d.file_name for d in store.list_documents()}
        if table is not None:
            records = store.table_records(table.strip())
            if not records:
                raise _fail(f"{table}: no table records stored under this anchor")
        else:
            records = store.table_records(doc_id=doc_id)
    _export(output, lambda fh: write_records(fh, (table_record(r, names) for r in records), fmt_, TABLE_FIELDS))


def extract(
    source: Annotated[str, typer.Argument(help='A file to read, or "-" for standard input.')] = "-",
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of quantity objects.")] = False,
) -> None:
    """Extract quantities from any text without storing it; prints them in the same conventions as facts."""
    from sinoscope.extraction.quantities import extract_quantities

    with _user_errors():
        text = _read_text(source)
        quantities = extract_quantities(text)
    if as_json:
        sys.stdout.write(json.dumps([quantity_record(q) for q in quantities], ensure_ascii=False, indent=2) + "\n")
        return
    if not quantities:
        sys.stderr.write("no quantities found\n")
        return
    out = Console()
    view = facts_table(quantities)
    _fit(out, view)
    out.print(view)


def _read_text(source: str) -> str:
    if source != "-":
        from sinoscope.sources.read import read_source

        return read_source(Path(source)).text
    from sinoscope.sources.encoding import decode
    from sinoscope.sources.reject import Rejected
    from sinoscope.sources.sniff import control_share

    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    try:
        text = decode(data).text
    except Rejected as err:
        raise InputError("<stdin>", err.reason) from None
    if control_share(text) > 0.01:
        raise InputError("<stdin>", "binary content (control characters), not text")
    return text


def tables(
    ctx: typer.Context,
    doc: DocOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every stored table with how it was read: records, confidence, or why it is kept as text only.

    A table whose layout could not be understood has no records rather than wrong ones; this is where it
    is flagged, with the reason, so nobody mistakes its silence for an empty table.
    """
    with _opened(ctx) as store:
        doc_id = _check_doc(store, doc)
        doc_ids = [doc_id] if doc_id else [d.doc_id for d in store.list_documents()]
        readings = [
            tidy_table(b.table, b.anchor)
            for d in doc_ids
            for b in store.blocks(d)
            if b.kind is BlockKind.TABLE and b.table is not None
        ]
    if as_json:
        sys.stdout.write(json.dumps([_reading(t) for t in readings], ensure_ascii=False, indent=2) + "\n")
        return
    out = Console()
    grid = RichTable(title="Tables", title_justify="left")
    for name in ("anchor", "caption", "records", "confidence", "read as"):
        grid.add_column(name, justify="right" if name in ("records", "confidence") else "left")
    for t in readings:
        status = Text("data", style="green") if t.understood else Text(f"text only: {t.reason}", style="yellow")
        grid.add_row(t.anchor, t.caption[:60], str(len(t.records)), f"{t.confidence:.2f}", status)
    _fit(out, grid)
    out.print(grid)


def _reading(t: TidyTable) -> dict[str, Any]:
    return {
        "anchor": t.anchor,
        "label": t.label,
        "caption": t.caption,
        "records": len(t.records),
        "confidence": t.confidence,
        "understood": t.understood,
        "reason": t.reason,
        "warnings": list(t.warnings),
    }
