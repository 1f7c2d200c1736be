"""Cell reading and unit phrases on their own, plus properties that must hold for any grid."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinoscope.documents.model import Span, Table
from sinoscope.extraction.table_cells import CellKind, parse_cell, read_cell
from sinoscope.extraction.table_units import count_noun, label_info, period_of, unit_line
from sinoscope.extraction.tables import tidy_table


@pytest.mark.parametrize(
    ("raw", "kind"),
    [("", CellKind.EMPTY), ("  ", CellKind.EMPTY), ("—", CellKind.MISSING), ("2020.03.27", CellKind.TEXT)],
)
def test_cell_kinds(raw: str, kind: CellKind) -> None:
    assert parse_cell(raw).kind is kind


@pytest.mark.parametrize(
    ("raw", "number"),
    [("13 571.7", Decimal("13571.7")), ("1 234 567", Decimal("1234567")), ("60\u2009948.3", Decimal("60948.3"))],
)
def test_thousands_grouped_by_spaces_in_a_cell(raw: str, number: Decimal) -> None:
    assert parse_cell(raw).number == number


@pytest.mark.parametrize("raw", ["2019 123", "12 34", "1 2345"])
def test_spaced_figures_that_are_not_one_number_stay_text(raw: str) -> None:
    assert parse_cell(raw).kind is CellKind.TEXT


def test_year_cells_are_years_and_bracketed_years_are_not_negative() -> None:
    assert parse_cell("2031").is_year
    assert not parse_cell("2,031").is_year
    assert parse_cell("(2031)").kind is CellKind.TEXT


def test_bracketed_cumulative_figure_is_read_but_doubted() -> None:
    c = parse_cell("[5.7]")
    assert c.number == Decimal("5.7") and c.doubt


@pytest.mark.parametrize("raw", ["〔13.5〕", "〔18〕", "［4.2］"])
def test_a_plan_tables_cumulative_figure_in_tortoise_shell_brackets_is_positive_and_doubted(raw: str) -> None:
    """Chinese plans print a five-year cumulative figure as 〔13.5〕: positive, never an accounting negative."""
    c = parse_cell(raw)
    assert c.kind is CellKind.NUMBER and c.number is not None and c.number > 0 and c.doubt


@pytest.mark.parametrize(
    ("raw", "number", "approx"),
    [("6.5左右", Decimal("6.5"), "about"), ("60以上", Decimal(60), "at least"), ("3以内", Decimal(3), "at most")],
)
def test_a_chinese_qualifier_after_the_number(raw: str, number: Decimal, approx: str) -> None:
    """Plans' indicator tables print targets with the qualifier after the figure ("6.5左右")."""
    c = parse_cell(raw)
    assert (c.kind, c.number, c.approx) == (CellKind.NUMBER, number, approx)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(RMB hundred million)", [("CNY", Decimal(10) ** 8, None)]),
        ("(USD hundred million)", [("USD", Decimal(10) ** 8, None)]),
        ("(Investment amount: RMB 10,000)", [("CNY", Decimal(10) ** 4, "Investment amount")]),
        ("(Unit: companies, RMB 10,000)", [("companies", Decimal(1), None), ("CNY", Decimal(10) ** 4, None)]),
        ("Number of widgets Unit: 10,000 widgets", [("widgets", Decimal(10) ** 4, None)]),
        ("(in JPY billion)", [("JPY", Decimal(10) ** 9, None)]),
        ("（单位：万元）", [("CNY", Decimal(10) ** 4, None)]),
        ("(亿美元)", [("USD", Decimal(10) ** 8, None)]),
        ("(Prepared by the author from invented data)", []),
        ("(as of 08/01/2031)", []),
        ("Note: data for 2031 cover January to June.", []),
    ],
)
def test_unit_lines(line: str, expected: list[tuple[str, Decimal, str | None]]) -> None:
    assert [(s.unit, s.scale, s.qualifier) for s in unit_line(line)] == expected


@pytest.mark.parametrize(
    ("label", "unit", "scale", "per", "period"),
    [
        ("Output in Oceania (RMB hundred million)", "CNY", 10**8, None, None),
        ("Rate (%)", "%", 1, None, None),
        ("Change (pp)", "percentage points", 1, None, None),
        ("2031 (%)", "%", 1, None, "2031"),
        ("Authors (persons)", "persons", 1, None, None),
        ("Patents held (per 10,000 persons)", None, 1, "10,000 persons", None),
        ("Number of patents held (per 10,000 persons)", "patents", 1, "10,000 persons", None),
        ("Number of base stations per 10,000 population", "stations", 1, "10,000 population", None),
        ("Unit price (RMB 10,000/bases)", "CNY", 10**4, "bases", None),
        ("Output (10,000 tons)", "t", 10**4, None, None),
        ("Capacity (MW)", "MW", 1, None, None),
        ("Value added (2031, 100 million RMB)", "CNY", 10**8, None, "2031"),
    ],
)
def test_label_units(label: str, unit: str | None, scale: int, per: str | None, period: str | None) -> None:
    info = label_info(label)
    assert info.unit is not None
    assert (info.unit.unit, info.unit.scale, info.unit.per, info.period) == (
        unit,
        Decimal(scale),
        per,
        period,
    )


@pytest.mark.parametrize(
    "label",
    ["Share (Monetary amount)", "Outlook (Estimated)", "Netherlands", "Made in Oceania 2031", "Phase II"],
)
def test_labels_without_units(label: str) -> None:
    info = label_info(label)
    assert info.unit is None and info.period is None


@pytest.mark.parametrize(
    ("text", "period"),
    [("2031", "2031"), ("FY2031", "2031"), ("2031–2035", "2031-2035"), ("as of 2031", "2031"), ("Q2", None)],
)
def test_periods(text: str, period: str | None) -> None:
    assert period_of(text) == period


def test_count_nouns() -> None:
    assert count_noun("Number of companies") == "companies"
    assert count_noun("Number of model cases in priority industries") == "cases"
    assert count_noun("Number of people") == "persons"
    assert count_noun("Total sales") is None


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouped_integers_read_back(n: int) -> None:
    printed = f"{abs(n):,}" if n >= 0 else f"– {abs(n):,}"
    c = parse_cell(printed)
    assert c.kind is CellKind.NUMBER and c.number == n


@given(st.decimals(min_value=-10_000, max_value=10_000, places=2, allow_nan=False))
def test_decimals_read_back_exactly(d: Decimal) -> None:
    printed = f"{d:.2f}" if d >= 0 else f"- {abs(d):.2f}"
    assert parse_cell(printed).number == d.quantize(Decimal("0.01"))


_cells = st.one_of(
    st.sampled_from(["", "-", "2031", "Sales", "1,204.7", "– 8.6", "(RMB 10,000)", "Note: x", "12%", "7.0 10"]),
    st.text(max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_cells, min_size=0, max_size=6), min_size=0, max_size=7))
def test_any_grid_is_read_or_flagged_never_raises(grid: list[list[str]]) -> None:
    rows = tuple(tuple(c.replace("\t", " ").replace("\n", " ") for c in row) for row in grid)
    table = Table("9-9", "", None, "none", rows, tuple(Span(0, 0) for _ in rows))
    tidy = tidy_table(table, "t#table-9-9")
    assert 0.0 <= tidy.confidence <= 1.0
    assert tidy.understood or tidy.reason
    for r in tidy.records:
        assert r.row in tidy.data_rows
        assert r.raw == rows[r.row][r.col].strip()
        if r.value is not None and r.printed_value is not None:
            assert r.value == pytest.approx(r.printed_value * r.scale)


# --- a cell printing its own unit around one number ("USD 14.2 billion", "612亿元"), as fund tables do ----


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
