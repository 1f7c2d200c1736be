"""Table identities over invented cells: totals both ways, balance sheets, percentage breakdowns."""

from __future__ import annotations

from sinoscope.analysis.checks import run_checks
from sinoscope.analysis.findings import Severity
from sinoscope.analysis.table_checks import share_breakdowns, table_balances, table_totals
from sinoscope.extraction.model import TableRecord
from sinoscope.knowledge.kb import KnowledgeBase


def _cell(row: int, col: int, row_label: str, col_label: str, raw: str, unit: str | None = "CNY") -> TableRecord:
    value = float(raw.rstrip("%").replace(",", ""))
    return TableRecord(
        table_anchor="rep#table-2-1", row=row, col=col, row_label=row_label, col_label=col_label, raw=raw,
        value=value, printed_value=value, unit=unit,
    )  # fmt: skip


def _sheet(rows: dict[str, tuple[str, ...]], years: tuple[str, ...] = ("2020", "2021")) -> list[TableRecord]:
    return [
        _cell(r, c, label, year, raw)
        for r, (label, raws) in enumerate(rows.items())
        for c, (year, raw) in enumerate(zip(years, raws, strict=True), start=1)
    ]


def test_balance_sheet_within_rounding_and_off() -> None:
    ok = _sheet({"Total assets": ("1031.8", "90.9"), "Total liabilities": ("41.9", "0.0"),
                 "Shareholders' equity": ("989.8", "90.8"), "Net profit": ("73.3", "1.0")})  # fmt: skip
    (found,) = table_balances(ok)
    assert found.severity is Severity.INFO and "2 period(s) 2020–2021" in found.message
    bad = _sheet({"Total assets": ("100.0", "90.9"), "Total liabilities": ("40.0", "0.0"),
                  "Owners' equity": ("50.0", "90.8")})  # fmt: skip
    (off,) = table_balances(bad)
    assert off.severity is Severity.WARNING and "2020" in off.message and "2021" not in off.message
    assert table_balances(_sheet({"Total assets": ("1", "2"), "Net profit": ("1", "2")})) == []


def test_balance_sheet_with_items_as_columns() -> None:
    cells = [
        _cell(0, 1, "2020", "Total assets", "10.0"), _cell(0, 2, "2020", "Total liabilities", "4.0"),
        _cell(0, 3, "2020", "Net assets", "5.0"),
    ]  # fmt: skip
    (found,) = table_balances(cells)
    assert found.severity is Severity.WARNING and "+1.0" in found.message
    rounded = [c.model_copy(update={"raw": c.raw.removesuffix(".0")}) for c in cells]
    assert table_balances(rounded)[0].severity is Severity.INFO  # 10 ≈ 4 + 5 when each was rounded to units


def test_total_column_sums_the_columns_under_its_header() -> None:
    cells = [
        _cell(0, 1, "Exports", "Japan", "1.2"), _cell(0, 2, "Exports", "Korea", "2.3"),
        _cell(0, 3, "Exports", "Total", "3.5"),
        _cell(1, 1, "Imports", "Japan", "4"), _cell(1, 2, "Imports", "Korea", "5"),
        _cell(1, 3, "Imports", "Total", "12"),
    ]  # fmt: skip
    (found,) = table_totals(cells)
    assert found.severity is Severity.WARNING
    assert "Imports: columns sum to 9" in found.message and "Exports" not in found.message


def _shares(rows: dict[str, tuple[str, ...]], header: str = "Projects") -> list[TableRecord]:
    return [
        _cell(r, c, label, f"{header} / Attribute {c}", raw, "%")
        for r, (label, raws) in enumerate(rows.items())
        for c, raw in enumerate(raws, start=1)
    ]


def test_a_breakdown_that_misses_100_among_ones_that_reach_it() -> None:
    cells = _shares({
        "Maths": ("4.00%", "69.00%", "22.00%", "5.00%"),
        "Health": ("2.20%", "70.54%", "24.65%", "2.60%"),  # 99.99: rounding
        "Chemistry": ("18.57%", "23.36%", "20.43%", "14.69%"),
        "Earth": ("1.00%", "2.00%", "3.00%"),  # incomplete line: not judged
    })  # fmt: skip
    (found,) = share_breakdowns(cells)
    assert found.severity is Severity.WARNING and "Chemistry sums to 77.05%" in found.message
    assert "Health" not in found.message and "Earth" not in found.message


def test_top_n_share_lists_and_time_series_are_not_breakdowns() -> None:
    top = _shares({"A": ("30%", "20%", "10%"), "B": ("25%", "15%", "5%"), "C": ("40%", "30%", "30%")})
    assert share_breakdowns(top) == []  # only one of three sums to 100: not a table of breakdowns
    years = [_cell(r, c, f"Country {r}", str(2018 + c), "50%", "%") for r in range(3) for c in range(3)]
    assert share_breakdowns(years) == []


def test_run_checks_does_not_repeat_a_balance_sheet_read_from_its_table() -> None:
    cells = _sheet({"Total assets": ("10", "12"), "Total liabilities": ("4", "5"), "Equity": ("6", "7")})
    findings = run_checks(KnowledgeBase([]), cells)
    assert [f.check for f in findings] == ["balance-sheet"]
