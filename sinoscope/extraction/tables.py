"""Tables as tidy records: one record per cell, with its row label, column label, value, unit and scale.

A number in a report's table means nothing without the labels and the unit line around it: "– 86.0" under
"2018" in the "Net profit" row of a table headed "(RMB hundred million)" is a loss of CNY 8.6 billion in 2018.
`tidy_table` makes that explicit for every cell. A table whose layout it cannot read is flagged
(`understood=False` with a reason) and keeps only the records that are safe, so nothing is silently mangled;
the table's text stays in the document either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from sinoscope.documents.model import Table
from sinoscope.extraction.model import TableRecord
from sinoscope.extraction.table_cells import Cell, CellKind
from sinoscope.extraction.table_layout import Layout, analyse
from sinoscope.extraction.table_units import LabelInfo, UnitSpec, label_info, period_of, unit_line

_PAREN = re.compile(r"[(（]([^()（）]*)[)）]")
_RATIO = re.compile(r"\b(?:rate|ratio|share|percentage|proportion|growth|margin)\b|%|率|比", re.IGNORECASE)


class TidyTable(BaseModel):
    """A table read as data, with how sure the reading is."""

    model_config = ConfigDict(frozen=True)

    anchor: str
    label: str
    caption: str
    records: tuple[TableRecord, ...]
    header_rows: tuple[int, ...]
    """Indexes into `Table.rows` of the header rows, top first."""
    data_rows: tuple[int, ...]
    """Indexes into `Table.rows` of the rows that carry values (what `TableRecord.row` points at)."""
    row_label_columns: tuple[int, ...]
    value_columns: tuple[int, ...]
    confidence: float
    understood: bool
    reason: str | None = None
    """Why the table was not understood (None when it was)."""
    warnings: tuple[str, ...] = ()
    """What lowered the confidence."""


@dataclass(frozen=True)
class _TableUnits:
    specs: tuple[UnitSpec, ...]
    period: str | None


def tidy_table(table: Table, anchor: str) -> TidyTable:
    """Read one table into tidy records; never raises on odd layouts, flags them instead."""
    lay = analyse(table.rows)
    warnings = [msg for _, msg in lay.penalties]
    fatal = [p.message for p in lay.problems if p.fatal]
    if fatal:
        return TidyTable(
            anchor=anchor,
            label=table.label,
            caption=table.caption,
            records=(),
            header_rows=tuple(lay.header_rows),
            data_rows=(),
            row_label_columns=tuple(lay.label_columns),
            value_columns=tuple(lay.value_columns),
            confidence=0.1 if lay.width else 0.0,
            understood=False,
            reason="; ".join(fatal),
            warnings=tuple(warnings),
        )
    table_units = _table_units(table, lay)
    confidence = _confidence(lay, warnings)
    records, conflicts = _records(lay, anchor, table_units, confidence)
    if conflicts:
        warnings.append(f"row and column units disagree in {conflicts} cells; the column's unit was used")
        factor = 0.9
        confidence *= factor
        records = [r.model_copy(update={"confidence": round(r.confidence * factor, 3)}) for r in records]
    lost = {i: why for i, why in lay.skipped_rows.items() if why.startswith(("ragged", "values without"))}
    understood = not lost
    reason = None
    if lost:
        reason = _summarise(lost)
        confidence = min(confidence, 0.5)
    return TidyTable(
        anchor=anchor,
        label=table.label,
        caption=table.caption,
        records=tuple(records),
        header_rows=tuple(lay.header_rows),
        data_rows=tuple(lay.data_rows),
        row_label_columns=tuple(lay.label_columns),
        value_columns=tuple(lay.value_columns),
        confidence=round(confidence, 3),
        understood=understood,
        reason=reason,
        warnings=tuple(warnings),
    )


def _summarise(lost: dict[int, str]) -> str:
    by_reason: dict[str, list[int]] = {}
    for i, why in sorted(lost.items()):
        by_reason.setdefault(why, []).append(i)
    return "; ".join(
        f"{len(rows)} row(s) left out, {why} (rows {', '.join(map(str, rows))})" for why, rows in by_reason.items()
    )


def _table_units(table: Table, lay: Layout) -> _TableUnits:
    specs: list[UnitSpec] = []
    for line in (*table.notes, *lay.unit_rows, table.caption):
        for spec in unit_line(line):
            if spec not in specs:
                specs.append(spec)
    period = None
    for m in _PAREN.finditer(table.caption):
        period = period or period_of(m.group(1))
    return _TableUnits(tuple(specs), period)


def _confidence(lay: Layout, warnings: list[str]) -> float:
    conf = 1.0
    for factor, _ in lay.penalties:
        conf *= factor
    kept = len(lay.data_rows)
    lost = sum(1 for why in lay.skipped_rows.values() if why.startswith(("ragged", "values without")))
    if lost:
        conf *= kept / (kept + lost)
    numeric_cols = [j for j in lay.value_columns if j not in lay.text_columns]
    cells = [lay.cell(i, j) for i in lay.data_rows for j in numeric_cols]
    filled = [c for c in cells if c.kind is not CellKind.EMPTY]
    odd = sum(1 for c in filled if c.kind is CellKind.TEXT)
    if filled and odd:
        conf *= 1 - odd / len(filled)
        warnings.append(f"{odd} cell(s) in numeric columns are not numbers")
    all_values = [lay.cell(i, j) for i in lay.data_rows for j in lay.value_columns]
    nonempty = [c for c in all_values if c.kind is not CellKind.EMPTY]
    words = sum(1 for c in nonempty if c.kind is CellKind.TEXT)
    if nonempty and words:
        conf *= 1 - 0.3 * words / len(nonempty)
        if lay.text_columns:
            warnings.append(f"{len(lay.text_columns)} value column(s) hold text")
    missing_labels = [j for j in lay.value_columns if not lay.col_labels.get(j)]
    if missing_labels:
        conf *= 0.8
        warnings.append(f"column(s) {missing_labels} have no header")
    return conf


def _info(parts: list[str]) -> list[LabelInfo]:
    """Label parts innermost first: the most specific label speaks first."""
    return [label_info(p) for p in reversed(parts)]


def _records(lay: Layout, anchor: str, units: _TableUnits, confidence: float) -> tuple[list[TableRecord], int]:
    records: list[TableRecord] = []
    conflicts = 0
    col_info = {j: _info(lay.col_labels.get(j, [])) for j in lay.value_columns}
    for i in lay.data_rows:
        row_parts = lay.row_labels[i]
        row_info = _info(row_parts)
        for j in lay.value_columns:
            cell = lay.cell(i, j)
            if cell.kind is CellKind.EMPTY:
                continue
            col_parts = lay.col_labels.get(j, [])
            spec, conflict = _resolve_unit(cell, col_info[j], row_info, col_parts, row_parts, units, lay, j)
            conflicts += conflict
            period = next((x.period for x in col_info[j] if x.period), None)
            period = period or next((x.period for x in row_info if x.period), None) or units.period
            records.append(_record(anchor, i, j, row_parts, col_parts, cell, spec, period, confidence))
    return records, conflicts


def _record(
    anchor: str,
    i: int,
    j: int,
    row_parts: list[str],
    col_parts: list[str],
    cell: Cell,
    spec: UnitSpec | None,
    period: str | None,
    confidence: float,
) -> TableRecord:
    number = cell.number
    unit = spec.unit if spec else None
    scale = spec.scale if spec else Decimal(1)
    if cell.kind is CellKind.TEXT:
        unit, scale = None, Decimal(1)
    return TableRecord(
        table_anchor=anchor,
        row=i,
        col=j,
        row_label=" / ".join(row_parts),
        col_label=" / ".join(col_parts),
        raw=cell.text,
        value=float(number * scale) if number is not None else None,
        printed_value=float(number) if number is not None else None,
        unit=unit,
        scale=float(scale),
        period=period,
        confidence=round(confidence * (0.8 if cell.doubt else 1.0), 3),
        per=spec.per if spec and cell.kind is not CellKind.TEXT else None,
        approx=cell.approx,
    )


def _explicit(infos: list[LabelInfo]) -> UnitSpec | None:
    return next((x.unit for x in infos if x.unit is not None), None)


def _resolve_unit(
    cell: Cell,
    col: list[LabelInfo],
    row: list[LabelInfo],
    col_parts: list[str],
    row_parts: list[str],
    units: _TableUnits,
    lay: Layout,
    j: int,
) -> tuple[UnitSpec | None, int]:
    """Most specific first: the cell's own unit or "%", then the column's and row's labels, then count nouns
    ("Number of companies" is a count even under a table-wide currency), then the caption and unit lines."""
    if cell.unit is not None:
        return cell.unit, 0
    if cell.percent:
        return UnitSpec(unit="%"), 0
    col_unit, row_unit = _explicit(col), _explicit(row)
    conflict = 0
    if col_unit and row_unit and col_unit.unit and row_unit.unit:
        conflict = int((col_unit.unit, col_unit.scale) != (row_unit.unit, row_unit.scale))
    explicit = col_unit if col_unit and col_unit.unit else row_unit if row_unit and row_unit.unit else None
    if explicit is not None:
        return explicit, conflict
    per = next((u.per for u in (col_unit, row_unit) if u and u.per), None)
    noun = next((x.count_noun for x in col if x.count_noun), None) or next(
        (x.count_noun for x in row if x.count_noun), None
    )
    if noun:
        return UnitSpec(unit=noun, per=per), conflict
    if j in lay.unitless_columns:
        return (UnitSpec(per=per) if per else None), conflict
    wide = _table_wide(units.specs, col_parts, row_parts)
    if wide is not None and wide.is_currency and _RATIO.search(" ".join(col_parts[-1:] + row_parts[-1:])):
        wide = None  # a rate or share under a money unit line is still a rate
    if wide is not None and per:
        wide = replace(wide, per=per)
    return wide or (UnitSpec(per=per) if per else None), conflict


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", text.lower())}


def _table_wide(specs: tuple[UnitSpec, ...], col_parts: list[str], row_parts: list[str]) -> UnitSpec | None:
    """A unit line applies to the cells it names ("Investment amount: RMB 10,000" → amount columns);
    an unqualified one applies to everything that has no unit of its own."""
    near = _words(col_parts[-1] if col_parts else "") | _words(row_parts[-1] if row_parts else "")
    default: UnitSpec | None = None
    for spec in specs:
        if spec.qualifier:
            head = _words(spec.qualifier.split()[-1])
            if head and head <= near:
                return replace(spec, qualifier=None)
        elif spec.is_count and spec.unit is not None and len(specs) > 1:
            if spec.unit.rstrip("s") in near:
                return spec
        elif default is None:
            default = spec
    return default
