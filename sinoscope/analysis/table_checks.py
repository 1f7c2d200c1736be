"""Identities a printed table should satisfy, checked cell by cell over every stored table.

- totals: a "Total" row equals the sum of the rows above it (per column), and a "Total" column the sum
  of the columns before it under the same header (per row);
- balance sheets: wherever a table has total assets, total liabilities and equity lines, assets =
  liabilities + equity in each period;
- breakdowns: percentages that split one whole (attributes, segments) sum to 100 — judged only where most
  of a table's comparable breakdowns do, so top-N share lists that never add up are left alone.

Every comparison allows the rounding the printed decimals imply: n printed terms can be off by n halves
of their last printed digit. Counts (companies, persons) are exact.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sinoscope.analysis.findings import Finding, Severity
from sinoscope.extraction.model import TableRecord

_TOTAL = re.compile(r"^\s*(?:total|grand total|sum|all|合计|总计|总额)\s*$", re.IGNORECASE)
_ASSETS = re.compile(r"^(?:total\s+)?assets$", re.IGNORECASE)
_LIABILITIES = re.compile(r"^(?:total\s+)?liabilities$", re.IGNORECASE)
_EQUITY = re.compile(
    r"^(?:total\s+)?(?:(?:share|stock)holders['’]?\s+|owners['’]?\s+)?equity$|^net\s+assets$", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_ITEMS: dict[str, re.Pattern[str]] = {"assets": _ASSETS, "liabilities": _LIABILITIES, "equity": _EQUITY}


def leaf(label: str) -> str:
    """The innermost part of a multi-level label ("Phase II / Number of companies" → the latter)."""
    return label.split(" / ")[-1].strip()


def parent(label: str) -> str:
    return " / ".join(label.split(" / ")[:-1]).strip()


def decimals(raw: str) -> int:
    m = re.search(r"\.(\d+)", raw)
    return len(m.group(1)) if m else 0


def printed(r: TableRecord) -> Decimal | None:
    if r.printed_value is None:
        return None
    try:
        return Decimal(str(r.printed_value))
    except InvalidOperation:
        return None


def is_count(r: TableRecord) -> bool:
    """Counts (companies, persons) are exact; amounts and rates were rounded cell by cell."""
    unit = r.unit or ""
    return bool(unit) and unit.islower() and unit.isalpha()


def rounding_slack(cells: Sequence[TableRecord]) -> Decimal:
    """How far a sum of printed cells may drift from a printed total by rounding alone."""
    if all(is_count(c) for c in cells):
        return Decimal(0)
    places = max(decimals(c.raw) for c in cells)
    return Decimal(len(cells)) * Decimal("0.5") * Decimal(10) ** -places


def _by_table(records: Iterable[TableRecord]) -> dict[str, list[TableRecord]]:
    out: dict[str, list[TableRecord]] = defaultdict(list)
    for r in records:
        out[r.table_anchor].append(r)
    return out


@dataclass(frozen=True)
class _Axis:
    """Read a table along rows or along columns, so each rule is written once."""

    name: str
    line: Callable[[TableRecord], int]
    """Which line (row or column) a cell is on."""
    pos: Callable[[TableRecord], int]
    label: Callable[[TableRecord], str]
    """The label of the cell's line."""
    across: Callable[[TableRecord], str]
    """The label of the other axis: a column label for a row line."""


ROWS = _Axis("row", lambda r: r.row, lambda r: r.col, lambda r: r.row_label, lambda r: r.col_label)
COLS = _Axis("column", lambda r: r.col, lambda r: r.row, lambda r: r.col_label, lambda r: r.row_label)


def _totals_along(cells: list[TableRecord], axis: _Axis, other: _Axis) -> tuple[int, list[str]]:
    """Total lines of `axis` (a "Total" row) against the lines before them, per line of `other`."""
    total_lines = {axis.line(r) for r in cells if _TOTAL.match(leaf(axis.label(r)))}
    checked = 0
    mismatches: list[str] = []
    for t in (r for r in cells if axis.line(r) in total_lines):
        total = printed(t)
        # a "Total" column adds up the columns under the same header, in the same unit
        parts = [
            r
            for r in cells
            if other.line(r) == other.line(t)
            and axis.line(r) < axis.line(t)
            and axis.line(r) not in total_lines
            and r.unit == t.unit
            and (axis is ROWS or parent(axis.label(r)) == parent(axis.label(t)))
        ]
        values = [v for r in parts if (v := printed(r)) is not None]
        if total is None or len(values) < 2:
            continue
        checked += 1
        if abs(sum(values, Decimal(0)) - total) > rounding_slack([t, *parts]):
            where = axis.across(t) or f"{other.name} {other.line(t)}"
            mismatches.append(f"{where}: {axis.name}s sum to {sum(values, Decimal(0))}, total printed {t.raw}")
    return checked, mismatches


def table_totals(records: Iterable[TableRecord]) -> list[Finding]:
    """Per table: does each "Total" row (column) equal the sum of the rows (columns) before it?"""
    out: list[Finding] = []
    for anchor, cells in sorted(_by_table(records).items()):
        checked, mismatches = 0, list[str]()
        for axis, other in ((ROWS, COLS), (COLS, ROWS)):
            n, bad = _totals_along(cells, axis, other)
            checked, mismatches = checked + n, mismatches + bad
        if mismatches:
            message = f"{anchor}: total ≠ sum of its parts — " + "; ".join(mismatches)
            out.append(Finding("table-total", Severity.WARNING, message, (anchor,)))
        elif checked:
            message = f"{anchor}: totals equal the sum of their parts in {checked} line(s)"
            out.append(Finding("table-total", Severity.INFO, message, (anchor,)))
    return out


def table_balances(records: Iterable[TableRecord]) -> list[Finding]:
    """Assets = liabilities + equity in every period of every table that prints all three lines."""
    out: list[Finding] = []
    for anchor, cells in sorted(_by_table(records).items()):
        for axis in (ROWS, COLS):
            items: dict[str, dict[str, TableRecord]] = defaultdict(dict)
            for r in cells:
                for item, pattern in _ITEMS.items():
                    if pattern.match(leaf(axis.label(r))):
                        items[axis.across(r)].setdefault(item, r)
            periods = {p: got for p, got in items.items() if len(got) == len(_ITEMS)}
            if not periods:
                continue
            gaps: list[str] = []
            for period, got in periods.items():
                a, li, e = (printed(got[k]) for k in ("assets", "liabilities", "equity"))
                if a is None or li is None or e is None:
                    continue
                if abs(a - (li + e)) > rounding_slack(list(got.values())):
                    gaps.append(f"{period}: assets {a} − (liabilities {li} + equity {e}) = {a - li - e:+}")
            span = f"{min(periods)}–{max(periods)}" if len(periods) > 1 else min(periods)
            if gaps:
                message = f"{anchor}: assets ≠ liabilities + equity — " + "; ".join(gaps)
                out.append(Finding("balance-sheet", Severity.WARNING, message, (anchor,)))
            else:
                message = f"{anchor}: assets = liabilities + equity within rounding in {len(periods)} period(s) {span}"
                out.append(Finding("balance-sheet", Severity.INFO, message, (anchor,)))
            break
    return out


def _is_period(label: str) -> bool:
    return bool(_YEAR.search(label))


def share_breakdowns(records: Iterable[TableRecord]) -> list[Finding]:
    """Lines of percentages under one header that should split a whole: flag those that do not sum to 100.

    A table's breakdowns are judged together: only when at least two of them, and most, sum to 100 is a
    line that does not taken for an error (a list of top-N shares never sums to 100, and is not one).
    """
    out: list[Finding] = []
    for anchor, cells in sorted(_by_table(records).items()):
        pct = [r for r in cells if r.unit == "%" and printed(r) is not None and not _TOTAL.match(leaf(r.row_label))]
        for axis in (ROWS, COLS):
            families: dict[str, dict[int, list[TableRecord]]] = defaultdict(lambda: defaultdict(list))
            for r in pct:
                member = axis.across(r)
                if _TOTAL.match(leaf(member)) or _is_period(leaf(member)):
                    continue
                families[parent(member)][axis.line(r)].append(r)
            for header, lines in families.items():
                members = {leaf(axis.across(r)) for line in lines.values() for r in line}
                complete = {n: line for n, line in lines.items() if len(line) == len(members) >= 3}
                if len(complete) < 2:
                    continue
                off: list[str] = []
                for line in complete.values():
                    total = sum((v for r in line if (v := printed(r)) is not None), Decimal(0))
                    if abs(total - 100) > rounding_slack(line):
                        off.append(f"{axis.label(line[0]) or f'{axis.name} {axis.line(line[0])}'} sums to {total}%")
                whole = len(complete) - len(off)
                if not off or whole < 2 or whole <= len(off):
                    continue
                what = f" under '{header}'" if header else ""
                message = (
                    f"{anchor}: {whole} of {len(complete)} {axis.name}s of percentages{what} sum to 100, but "
                    + "; ".join(off)
                )
                out.append(Finding("breakdown-sum", Severity.WARNING, message, (anchor,)))
    return out
