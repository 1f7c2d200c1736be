"""Numbers as data: stored facts by filter, stored tables and their tidy records, quantities in any text.

Records are written in the conventions of the domain brief (`doc`, `start`, `end`, `text`, `value`, `unit`,
`period`, `kind`, `subject`, `section`, ...), the same field names in JSON, JSON Lines and CSV, so an export
can be compared with gold data or loaded into a spreadsheet without renaming anything.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode

from sinoscope.app.documents import typed_anchor
from sinoscope.app.render import write_csv
from sinoscope.documents.model import Block, BlockKind
from sinoscope.errors import ChoiceError, InputError, NotFoundError, require_choice
from sinoscope.extraction.model import Fact, Kind, Quantity, TableRecord
from sinoscope.extraction.tables import TidyTable, tidy_table
from sinoscope.extraction.units import unit_alias
from sinoscope.store.base import Store

__all__ = [
    "FACETS",
    "FACT_FIELDS",
    "FORMATS",
    "KINDS",
    "QUANTITY_FIELDS",
    "TABLE_FIELDS",
    "Fact",
    "Kind",
    "Quantity",
    "TableRecord",
    "TableSummary",
    "TidyTable",
    "choice",
    "facets",
    "fact_in_file",
    "fact_record",
    "figure_cells",
    "find_facts",
    "quantities_in_bytes",
    "quantities_in_file",
    "quantity_record",
    "reading_record",
    "table_blocks",
    "table_export",
    "table_readings",
    "table_records",
    "tables",
    "write_csv",
    "write_records",
]

FACT_FIELDS = (
    "doc", "doc_id", "line", "start", "end", "text", "value", "value_max", "unit", "scale", "approx", "per",
    "period", "as_of", "kind", "subject", "section", "source_start", "source_end", "page", "comparator",
    "source_text", "source_line", "reader_line", "reader_start", "reader_end", "reader_text",
)  # fmt: skip
_PLACE_FIELDS = ("doc", "doc_id", "line", "section", "source_start", "source_end", "page", "source_text", "source_line")
QUANTITY_FIELDS = tuple(f for f in FACT_FIELDS if f not in _PLACE_FIELDS and not f.startswith("reader_"))
TABLE_FIELDS = (
    "doc", "doc_id", "table", "row", "col", "row_label", "col_label", "raw", "value", "printed_value", "unit",
    "scale", "per", "approx", "period", "confidence",
)  # fmt: skip
FORMATS = ("jsonl", "csv")
KINDS = tuple(k.value for k in Kind)


def choice(name: str, value: str | None, allowed: Sequence[str]) -> str | None:
    """`value` lower-cased when it is one of `allowed` (None stays None); InputError naming the choices otherwise."""
    if value is None:
        return None
    v = value.strip().lower()
    if v not in allowed:
        raise ChoiceError(f"{name} {value!r}", f"expected one of {', '.join(allowed)}")
    return v


def find_facts(
    store: Store,
    doc: str | None = None,
    *,
    unit: str | None = None,
    kind: str | None = None,
    period: str | None = None,
    text: str | None = None,
) -> list[Fact]:
    """Stored facts in document order: one document (NotFoundError if unknown), an exact unit, a kind,
    a period ("2022" also matches "2022-01"), words in the figure or its subject."""
    doc_id = store.get_document(doc.strip()).doc_id if doc is not None else None
    wanted = unit_alias(unit) if unit is not None else None
    return store.facts(doc_id, unit=wanted, kind=kind, period=period, text=text)


def table_blocks(store: Store, doc: str | None = None) -> list[Block]:
    """Every stored table block, of one document (NotFoundError if unknown) or of all in order."""
    docs = [store.get_document(doc.strip())] if doc is not None else store.list_documents()
    return [b for d in docs for b in store.blocks(d.doc_id) if b.kind is BlockKind.TABLE and b.table is not None]


@dataclass(frozen=True)
class TableSummary:
    """A stored table as a list shows it: where it is, its label and caption, how many printed rows."""

    anchor: str
    doc_id: str
    label: str
    caption: str
    rows: int


def tables(store: Store, doc: str | None = None) -> list[TableSummary]:
    """Every stored table (of one document, NotFoundError if unknown), in document order."""
    return [
        TableSummary(b.anchor, b.anchor.partition("#")[0], t.label, t.caption, len(t.rows))
        for b in table_blocks(store, doc)
        if (t := b.table) is not None
    ]


def table_readings(store: Store, doc: str | None = None) -> list[TidyTable]:
    """How each stored table reads as data: its records and confidence, or why it is kept as text only."""
    return [tidy_table(b.table, b.anchor) for b in table_blocks(store, doc) if b.table is not None]


def table_records(store: Store, anchor: str) -> list[TableRecord]:
    """One table's cells in tidy form; NotFoundError when the anchor names no table."""
    anchor = typed_anchor(anchor)
    if store.get_block(anchor).kind is not BlockKind.TABLE:
        raise NotFoundError(f"{anchor}: not a table")
    return store.table_records(anchor)


def table_export(store: Store, doc: str | None = None, table: str | None = None) -> list[dict[str, Any]]:
    """Table cells as export records: one table by anchor, one document's, or every stored one."""
    doc_id = store.get_document(doc.strip()).doc_id if doc is not None else None
    names = {d.doc_id: d.file_name for d in store.list_documents()}
    if table is not None:
        records = store.table_records(table.strip())
        if not records:
            raise NotFoundError(f"{table}: no table records stored under this anchor")
    else:
        records = store.table_records(doc_id=doc_id)
    return [table_record(r, names) for r in records]


def quantities_in_file(path: Path) -> list[Quantity]:
    """Quantities in any readable file, without storing it (`sinoscope extract FILE`)."""
    from sinoscope.extraction.quantities import extract_quantities  # loaded on use: it costs CLI start-up time
    from sinoscope.sources.read import read_source

    return extract_quantities(read_source(path).text)


def quantities_in_bytes(data: bytes, name: str = "<stdin>") -> list[Quantity]:
    """Quantities in raw bytes (standard input): decoded as the reader would, refused when binary."""
    from sinoscope.extraction.quantities import extract_quantities
    from sinoscope.sources.encoding import decode
    from sinoscope.sources.reject import Rejected
    from sinoscope.sources.sniff import control_share

    try:
        text = decode(data).text
    except Rejected as err:
        raise InputError(name, err.reason) from None
    if control_share(text) > 0.01:
        raise InputError(name, "binary content (control characters), not text")
    return extract_quantities(text)


# -- records -------------------------------------------------------------------------------------------


def fact_in_file(f: Fact) -> dict[str, Any]:
    """A fact as users' scripts read it (CLI, API, exports): `line`, `start`, `end` and `text` place it in
    the file the user holds, as the facts convention says, wherever that file has character positions; the
    reader's converted text (Markdown and HTML without markup) keeps its own under `reader_*`.

    For plain text both are the same; for PDF and DOCX the file has no characters to point at, so `line`,
    `start`, `end` and `text` stay the reader's (the quote to find on `page`)."""
    data = f.model_dump(mode="json")
    data.update(reader_line=f.line, reader_start=f.start, reader_end=f.end, reader_text=f.text)
    if f.source_text is not None and f.source_start is not None and f.source_end is not None:
        data.update(line=f.source_line, start=f.source_start, end=f.source_end, text=f.source_text)
    return data


def fact_record(f: Fact) -> dict[str, Any]:
    data = fact_in_file(f)
    return {k: data[k] for k in FACT_FIELDS}


def quantity_record(q: Quantity) -> dict[str, Any]:
    data = q.model_dump(mode="json")
    return {k: data[k] for k in QUANTITY_FIELDS}


def table_record(r: TableRecord, file_names: Mapping[str, str]) -> dict[str, Any]:
    doc_id = r.table_anchor.split("#", 1)[0]
    data = r.model_dump(mode="json")
    data.update(doc=file_names.get(doc_id, doc_id), doc_id=doc_id, table=r.table_anchor)
    return {k: data[k] for k in TABLE_FIELDS}


def reading_record(t: TidyTable) -> dict[str, Any]:
    """How a table was read, without its records (`sinoscope tables --json`)."""
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


def figure_cells(q: Quantity) -> list[str]:
    """A figure's text, value ("about 3–5"), unit ("CNY per year"), period, kind and subject, as a table prints them."""
    value = f"{q.value:,.6g}" + (f"–{q.value_max:,.6g}" if q.value_max is not None else "")
    unit = q.unit + (f" per {q.per}" if q.per else "")
    return [q.text, (q.approx + " " if q.approx else "") + value, unit, q.period or "", str(q.kind), q.subject]


def write_records(out: IO[str], records: Iterable[Mapping[str, Any]], fmt: str, fields: Sequence[str]) -> int:
    """Write `records` as JSON Lines or CSV (header first, empty cells for null); return how many."""
    if fmt == "csv":
        return write_csv(out, records, fields)
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


FACETS = ("doc_id", "kind", "unit", "period")
FACET_VALUES = 12


def facets(found: Sequence[Fact]) -> dict[str, list[tuple[str, int]]]:
    """Counts of the matching facts by document, kind, unit and period, most common first (as Datasette's
    facets): a reader sees what a filter would leave before choosing it."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name in FACETS:
        counts = Counter(str(_facet_value(getattr(f, name))) for f in found if getattr(f, name) is not None)
        out[name] = counts.most_common(FACET_VALUES)
    return out


def _facet_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


@dataclass(frozen=True)
class FactsPage:
    """One page of the facts listing with what the page shows beside it: the filters, facets, a CSV link."""

    facts: list[Fact]
    total: int
    page: int
    pages: int
    params: dict[str, str | None]
    facets: dict[str, list[tuple[str, int]]]
    csv_query: str
    """The API query downloading every match as CSV."""
    api_query: str
    """The API query returning this very page (its JSON twin)."""


def facts_page(store: Store, filters: Mapping[str, str | None], page: int, size: int) -> FactsPage:
    """The facts matching `filters` (doc, unit, kind, period, text; empty means none), page `page` of `size`."""
    params = {k: (filters.get(k) or None) for k in ("doc", "unit", "kind", "period", "text")}
    require_choice("kind", params["kind"], KINDS)
    found = find_facts(store, params["doc"], unit=params["unit"], kind=params["kind"], period=params["period"],
                       text=params["text"])  # fmt: skip
    start = (page - 1) * size
    given = {k: v for k, v in params.items() if v}
    csv_query = urlencode({**given, "format": "csv"})
    api_query = urlencode({**given, "limit": size, "offset": start})
    pages = max(1, -(-len(found) // size))
    return FactsPage(found[start : start + size], len(found), page, pages, params, facets(found), csv_query, api_query)
