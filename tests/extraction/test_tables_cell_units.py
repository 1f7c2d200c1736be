"""Tables whose cells print their own currency and scale, as briefs' tables of funds do ("USD 14.2 billion",
"612亿元"), with a column of periods between the value columns and a second label column whose blank
entries are dashes; on invented tables."""

from __future__ import annotations

import pytest

from sinoscope.documents.model import Span, Table
from sinoscope.extraction.model import TableRecord
from sinoscope.extraction.table_cells import CellKind, read_cell
from sinoscope.extraction.tables import TidyTable, tidy_table

ANCHOR = "t#table-2-1"


def make_table(*lines: str) -> Table:
    rows = tuple(tuple(line.split("\t")) for line in lines)
    return Table("2-1", "Invented funds", None, "above", rows, tuple(Span(0, 0) for _ in rows), ())


def cell(tidy: TidyTable, row_label: str, col_label: str) -> TableRecord:
    found = [r for r in tidy.records if r.row_label == row_label and r.col_label == col_label]
    assert len(found) == 1, (row_label, col_label, [(r.row_label, r.col_label) for r in tidy.records])
    return found[0]


FUNDS = make_table(
    "Programme\tTranche\tSize\tYears\tPaid out",
    "Harbour Chips Fund\tTranche 1\tUSD 6.5 billion\t2031–2034\tUSD 5.9 billion",
    "Harbour Chips Fund\tTranche 2\tUSD 9.1 billion\t2035–2040\tUSD 1.2 billion",
    "Design Grants\t—\tEUR 0.8 billion\t2032–2036\tabout EUR 0.3 billion",
)


def test_a_fund_table_with_units_in_its_cells_is_read_as_data() -> None:
    tidy = tidy_table(FUNDS, ANCHOR)
    assert tidy.understood, tidy.reason
    second = cell(tidy, "Harbour Chips Fund / Tranche 2", "Size")
    assert (second.value, second.unit, second.printed_value) == (9_100_000_000, "USD", 9.1)
    grants = cell(tidy, "Design Grants", "Paid out")  # a dash names nothing: not part of the label
    assert (grants.value, grants.unit, grants.approx) == (300_000_000, "EUR", "about")


def test_a_column_of_year_spans_between_value_columns_is_not_a_second_table() -> None:
    tidy = tidy_table(FUNDS, ANCHOR)
    assert tidy.understood, tidy.reason
    assert cell(tidy, "Harbour Chips Fund / Tranche 1", "Years").value is None


def test_a_text_column_of_years_and_words_still_marks_side_by_side_tables() -> None:
    """The period column is recognised by its cells alone: a column of words between numbers still says two
    tables are printed side by side."""
    table = make_table(
        "Item\tValue\tItem\tValue",
        "Ports\t12\tRoads\t40",
        "Rail\t7\tBridges\t3",
    )
    assert not tidy_table(table, ANCHOR).understood


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [
        ("USD 14.2 billion", 14.2, "USD"),
        ("$1.5 billion", 1.5, "USD"),
        ("612亿元", 612, "CNY"),
        ("38万人", 38, "persons"),
        ("EUR 2.4 bn", 2.4, "EUR"),
    ],
)
def test_a_cell_printing_its_own_unit_is_a_number_in_it(raw: str, value: float, unit: str) -> None:
    c = read_cell(raw)
    assert c.kind is CellKind.NUMBER and c.number is not None and float(c.number) == value
    assert c.unit is not None and c.unit.unit == unit


@pytest.mark.parametrize("raw", ["Phase 2", "Round 3", "Q3 2024", "FY2024", "No. 5", "2019–2023", "7.0 10"])
def test_words_around_a_number_that_are_no_unit_stay_text(raw: str) -> None:
    assert read_cell(raw).kind is CellKind.TEXT
