"""tidy_table on small tables written for these tests (labels and figures are made up)."""

from __future__ import annotations

import pytest

from sinoscope.documents.model import Span, Table
from sinoscope.extraction.model import TableRecord
from sinoscope.extraction.tables import TidyTable, tidy_table

ANCHOR = "t#table-9-1"


def make_table(*lines: str, caption: str = "Made-up figures", notes: tuple[str, ...] = ()) -> Table:
    rows = tuple(tuple(line.split("\t")) for line in lines)
    return Table(
        label="9-1",
        caption=caption,
        caption_span=None,
        caption_position="above",
        rows=rows,
        row_spans=tuple(Span(0, 0) for _ in rows),
        notes=notes,
    )


def cell(tidy: TidyTable, row_label: str, col_label: str) -> TableRecord:
    found = [r for r in tidy.records if r.row_label == row_label and r.col_label == col_label]
    assert len(found) == 1, (row_label, col_label, [(r.row_label, r.col_label) for r in tidy.records])
    return found[0]


# --- headers, periods, table-wide units -------------------------------------------------------------


def test_years_as_column_headers_and_a_unit_line_above() -> None:
    table = make_table(
        "\t2030\t2031\t2032",
        "Sales\t12.5\t– 3.0\t- 0.4",
        "Assets\t1,204.7\t1,310.0\t990.1",
        notes=("(RMB hundred million)", "(Prepared from invented data)"),
    )
    tidy = tidy_table(table, ANCHOR)
    assert tidy.understood and tidy.reason is None
    assert tidy.header_rows == (0,)
    assert tidy.data_rows == (1, 2)
    assert tidy.row_label_columns == (0,)
    assert tidy.confidence == 1.0
    sales = cell(tidy, "Sales", "2031")
    assert sales.printed_value == -3.0
    assert sales.value == -300_000_000
    assert (sales.unit, sales.scale, sales.period) == ("CNY", 1e8, "2031")
    assert cell(tidy, "Sales", "2032").printed_value == -0.4
    assets = cell(tidy, "Assets", "2030")
    assert assets.value == 120_470_000_000
    assert (assets.row, assets.col, assets.raw, assets.table_anchor) == (2, 1, "1,204.7", ANCHOR)
    assert len(tidy.records) == 6


def test_label_header_year_row_and_caption_unit() -> None:
    table = make_table("Year\t2030\t2031", "Output\t4\t5", caption="Output of widgets (USD million)")
    tidy = tidy_table(table, ANCHOR)
    rec = cell(tidy, "Output", "2031")
    assert (rec.unit, rec.scale, rec.value, rec.period) == ("USD", 1e6, 5e6, "2031")


def test_chinese_unit_line_and_year_suffix() -> None:
    table = make_table("项目\t2030年\t2031年", "收入\t3.5\t4.0", notes=("单位：亿元",))
    tidy = tidy_table(table, ANCHOR)
    rec = cell(tidy, "收入", "2030年")
    assert (rec.unit, rec.scale, rec.value, rec.period) == ("CNY", 1e8, 3.5e8, "2030")


def test_caption_period_applies_when_no_header_names_one() -> None:
    table = make_table("Unit\tShare A\tShare B", "North\t40%\t60%", caption="Shares by unit (FY2031)")
    rec = cell(tidy_table(table, ANCHOR), "North", "Share B")
    assert (rec.unit, rec.value, rec.period) == ("%", 60.0, "2031")


# --- multi-level headers and qualified unit lines ----------------------------------------------------


def test_group_header_spans_following_empty_cells() -> None:
    table = make_table(
        "Sector\tFund Alpha\t\tFund Beta\t",
        "\tNumber of companies\tAmount invested\tNumber of companies\tAmount invested",
        "Sensors\t4\t12,000\t0\t0",
        "Optics\t2\t3,500\t7\t88,100",
        notes=("(Investment amount: RMB 10,000)",),
    )
    tidy = tidy_table(table, ANCHOR)
    assert tidy.understood
    assert tidy.header_rows == (0, 1)
    amount = cell(tidy, "Optics", "Fund Beta / Amount invested")
    assert (amount.unit, amount.scale, amount.value) == ("CNY", 1e4, 881_000_000)
    count = cell(tidy, "Optics", "Fund Beta / Number of companies")
    assert (count.unit, count.scale, count.value) == ("companies", 1.0, 7.0)
    assert cell(tidy, "Sensors", "Fund Alpha / Amount invested").value == 120_000_000


def test_unit_list_assigns_count_and_currency_by_column() -> None:
    table = make_table(
        "Field\tCompanies\tAmount",
        "Chips\t3\t2,000",
        notes=("(Unit: companies, RMB 10,000)",),
    )
    tidy = tidy_table(table, ANCHOR)
    assert cell(tidy, "Chips", "Companies").unit == "companies"
    amount = cell(tidy, "Chips", "Amount")
    assert (amount.unit, amount.value) == ("CNY", 20_000_000)


def test_three_header_levels_are_joined_top_first() -> None:
    table = make_table(
        "\tSurvey\t\t",
        "\tWave 1\t\tWave 2",
        "\tYes\tNo\tYes",
        "Group A\t1\t2\t3",
    )
    tidy = tidy_table(table, ANCHOR)
    assert [r.col_label for r in tidy.records] == [
        "Survey / Wave 1 / Yes",
        "Survey / Wave 1 / No",
        "Survey / Wave 2 / Yes",
    ]


# --- row labels ----------------------------------------------------------------------------------------


def test_empty_outer_label_cell_repeats_the_label_above() -> None:
    table = make_table(
        "\t\tShare 1\tShare 2",
        "Section East\tDept Alpha\t1.00%\t99.00%",
        "\tDept Beta\t50.00%\t50.00%",
        "Section West\tDept Gamma\t-\t-",
        "\tDept Delta\t10.00%\t90.00%",
    )
    tidy = tidy_table(table, ANCHOR)
    assert tidy.row_label_columns == (0, 1)
    assert cell(tidy, "Section East / Dept Beta", "Share 2").value == 50.0
    assert cell(tidy, "Section West / Dept Delta", "Share 1").unit == "%"
    gap = cell(tidy, "Section West / Dept Gamma", "Share 1")
    assert gap.value is None and gap.raw == "-"


def test_new_outer_label_does_not_inherit_inner_labels_of_the_previous_group() -> None:
    table = make_table(
        "\t\t\tOutput",
        "Maker P\tPlant 1\tLine a\t1",
        "\t\tLine b\t2",
        "Maker Q\t\tLine c\t3",
    )
    tidy = tidy_table(table, ANCHOR)
    assert [r.row_label for r in tidy.records] == [
        "Maker P / Plant 1 / Line a",
        "Maker P / Plant 1 / Line b",
        "Maker Q / Line c",
    ]


def test_group_row_without_values_prefixes_indented_rows() -> None:
    table = make_table(
        "Item\t2030\t2031",
        "Upstream\t\t",
        "  Gears\t5\t6",
        "  Motors\t7\t8",
        "Downstream\t1\t2",
    )
    tidy = tidy_table(table, ANCHOR)
    assert tidy.understood
    assert [r.row_label for r in tidy.records if r.col_label == "2030"] == [
        "Upstream / Gears",
        "Upstream / Motors",
        "Downstream",
    ]
    assert not any("group" in w for w in tidy.warnings)


def test_group_rows_without_indentation_run_to_the_next_group_and_stop_at_total() -> None:
    table = make_table(
        "Item\t2030",
        "Upstream\t",
        "Gears\t5",
        "Midstream\t",
        "Bodies\t7",
        "Total\t12",
    )
    tidy = tidy_table(table, ANCHOR)
    assert [r.row_label for r in tidy.records] == ["Upstream / Gears", "Midstream / Bodies", "Total"]
    assert tidy.confidence < 1.0
    assert any("group" in w for w in tidy.warnings)


def test_ranking_column_is_a_value_and_the_name_is_the_label() -> None:
    table = make_table(
        "Ranking\tCountry\tAuthors (persons)\t2030 (%)",
        "1\tAtlantis\t1,200\t40.5",
        "2\tLemuria\t800\t30",
    )
    tidy = tidy_table(table, ANCHOR)
    assert tidy.row_label_columns == (1,)
    rank = cell(tidy, "Lemuria", "Ranking")
    assert (rank.value, rank.unit) == (2.0, None)
    authors = cell(tidy, "Atlantis", "Authors (persons)")
    assert (authors.value, authors.unit) == (1200.0, "persons")
    share = cell(tidy, "Atlantis", "2030 (%)")
    assert (share.value, share.unit, share.period) == (40.5, "%", "2030")


def test_years_down_the_first_column_label_rows_with_periods() -> None:
    table = make_table(
        "Year\tImports (USD 1000)\tVolume (Units)\tPrice (USD 1000 / unit)\tShare",
        "2030\t10,500\t700\t15\t61%",
        "2031\t9,000\t\t\t58%",
    )
    tidy = tidy_table(table, ANCHOR)
    imports = cell(tidy, "2030", "Imports (USD 1000)")
    assert (imports.unit, imports.scale, imports.value, imports.period) == ("USD", 1e3, 10_500_000, "2030")
    assert cell(tidy, "2030", "Volume (Units)").unit == "units"
    price = cell(tidy, "2030", "Price (USD 1000 / unit)")
    assert (price.unit, price.value, price.per) == ("USD", 15_000, "unit")
    assert cell(tidy, "2031", "Share").unit == "%"
    assert len([r for r in tidy.records if r.row == 2]) == 2  # blank cells are not records


# --- units carried by row and column labels -------------------------------------------------------------


def test_row_label_units_override_nothing_else_and_apply_per_row() -> None:
    table = make_table(
        "Year\t2030\t2031",
        "Chip output in Oceania (RMB hundred million)\t601\t712",
        "Oceania chip market (USD hundred million)\t88\t91",
        "Self-sufficiency rate (%)\t11.0\t12.7",
        "Patents held (per 10,000 persons)\t6.3\t12",
        "Number of fabs\t3\t4",
    )
    tidy = tidy_table(table, ANCHOR)
    rmb = cell(tidy, "Chip output in Oceania (RMB hundred million)", "2031")
    assert (rmb.unit, rmb.scale, rmb.value) == ("CNY", 1e8, 71_200_000_000)
    usd = cell(tidy, "Oceania chip market (USD hundred million)", "2030")
    assert (usd.unit, usd.scale, usd.value) == ("USD", 1e8, 8_800_000_000)
    rate = cell(tidy, "Self-sufficiency rate (%)", "2031")
    assert (rate.unit, rate.scale, rate.value) == ("%", 1.0, 12.7)
    per = cell(tidy, "Patents held (per 10,000 persons)", "2031")
    assert (per.value, per.scale, per.per) == (12.0, 1.0, "10,000 persons")
    fabs = cell(tidy, "Number of fabs", "2030")
    assert (fabs.unit, fabs.scale) == ("fabs", 1.0)


def test_count_column_is_not_scaled_by_a_table_wide_currency() -> None:
    table = make_table("Field\tNumber of companies\tRevenue", "Sensors\t12\t3.5", notes=("(RMB billion)",))
    tidy = tidy_table(table, ANCHOR)
    assert (
        cell(tidy, "Sensors", "Number of companies").unit,
        cell(tidy, "Sensors", "Number of companies").value,
    ) == (
        "companies",
        12.0,
    )
    assert cell(tidy, "Sensors", "Revenue").value == 3.5e9


def test_rates_do_not_inherit_a_table_wide_currency() -> None:
    table = make_table("Item\t2030\t2031", "Revenue\t5.0\t6.0", "Growth rate\t3.1\t20.0", notes=("(RMB billion)",))
    tidy = tidy_table(table, ANCHOR)
    assert cell(tidy, "Revenue", "2031").unit == "CNY"
    rate = cell(tidy, "Growth rate", "2031")
    assert (rate.unit, rate.value) == (None, 20.0)


def test_disagreeing_row_and_column_units_lower_confidence() -> None:
    table = make_table("Item\tShare (%)", "Sales (RMB million)\t5")
    tidy = tidy_table(table, ANCHOR)
    rec = cell(tidy, "Sales (RMB million)", "Share (%)")
    assert rec.unit == "%"
    assert tidy.confidence < 1.0 and rec.confidence < 1.0


# --- number printing habits ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "approx"),
    [
        ("2,452,653", 2_452_653.0, None),
        ("– 86.0", -86.0, None),
        ("- 1.7", -1.7, None),
        ("-0.070", -0.07, None),
        ("12.7%", 12.7, None),
        (">7", 7.0, "more than"),
        ("0.757*", 0.757, None),
        ("3,000¹", 3000.0, None),
    ],
)
def test_cells_read_as_numbers(raw: str, value: float, approx: str | None) -> None:
    tidy = tidy_table(make_table("Item\tValue", f"Thing\t{raw}", "Other\t1"), ANCHOR)
    rec = cell(tidy, "Thing", "Value")
    assert rec.printed_value == pytest.approx(value)
    assert rec.approx == approx
    assert rec.raw == raw


@pytest.mark.parametrize("raw", ["-", "—", "–", "_", "n.a."])
def test_dash_alone_is_an_explicit_gap(raw: str) -> None:
    tidy = tidy_table(make_table("Item\tValue", f"Thing\t{raw}", "Other\t1"), ANCHOR)
    rec = cell(tidy, "Thing", "Value")
    assert rec.value is None and rec.printed_value is None
    assert tidy.understood and tidy.confidence == 1.0


def test_parenthesised_number_is_negative_but_less_certain() -> None:
    tidy = tidy_table(make_table("Item\t2030", "Profit\t(1.2)", "Sales\t4.0"), ANCHOR)
    rec = cell(tidy, "Profit", "2030")
    assert rec.printed_value == -1.2
    assert rec.confidence < cell(tidy, "Sales", "2030").confidence


def test_damaged_cells_stay_text_and_lower_confidence() -> None:
    tidy = tidy_table(
        make_table("Item\t2030\t2031", "A\t7.0 10\t5", "B\t120,4541\t6", "C\t1\t2", "D\t3\t4", "E\t5\t6"),
        ANCHOR,
    )
    bad = cell(tidy, "A", "2030")
    assert bad.value is None and bad.raw == "7.0 10"
    assert cell(tidy, "B", "2030").value is None
    assert cell(tidy, "C", "2030").value == 1.0
    assert tidy.confidence <= 0.85


def test_text_column_beside_numbers_is_kept_as_text_records() -> None:
    table = make_table(
        "Sector\tValue added (2030, 100 million RMB)\tExample firms",
        "Transport\t2950\tFirm A, Firm B",
        "Lodging\t387\tFirm C",
    )
    tidy = tidy_table(table, ANCHOR)
    assert tidy.understood
    value = cell(tidy, "Transport", "Value added (2030, 100 million RMB)")
    assert (value.unit, value.value, value.period) == ("CNY", 2.95e11, "2030")
    text = cell(tidy, "Lodging", "Example firms")
    assert (text.value, text.unit, text.raw) == (None, None, "Firm C")
    assert tidy.confidence < 1.0


# --- layouts that are not understood --------------------------------------------------------------------


def test_text_only_table_is_flagged_without_records() -> None:
    table = make_table(
        "Year of issue\tDocument\tMain contents",
        "2031\tOutline on widgets\tStrengthen widget output",
        "2032\tPlan for gadgets\tPromote gadget exports",
    )
    tidy = tidy_table(table, ANCHOR)
    assert not tidy.understood
    assert tidy.records == ()
    assert tidy.reason is not None and "text" in tidy.reason
    assert tidy.confidence <= 0.1


def test_side_by_side_tables_are_flagged() -> None:
    table = make_table(
        "Indicator\t2030\t2035\tIndicator\t2030\t2035",
        "Output (%)\t2.1\t2.5\tGrowth (%)\t7\t8",
        "Patents\t6\t12\tExports (%)\t3\t4",
    )
    tidy = tidy_table(table, ANCHOR)
    assert not tidy.understood
    assert tidy.records == ()
    assert tidy.reason is not None and "side-by-side" in tidy.reason


def test_numbered_list_printed_in_two_halves_is_flagged() -> None:
    table = make_table(
        "Item\t\tItem\t",
        "1\tLasers\t3\tResins",
        "2\tPumps\t4\tSteels",
    )
    tidy = tidy_table(table, ANCHOR)
    assert not tidy.understood and tidy.records == ()


def test_table_without_header_row_is_flagged() -> None:
    tidy = tidy_table(make_table("Alpha\t1\t2", "Beta\t3\t4"), ANCHOR)
    assert not tidy.understood and tidy.records == ()
    assert tidy.reason is not None and "header" in tidy.reason


def test_ragged_rows_are_left_out_and_the_table_flagged() -> None:
    table = make_table(
        "Maker\t2030\t2031",
        "Maker A\t58,869\t219,362",
        "Maker B\t11,123\t70,987",
        "1,500\t28,235\t18,237\t76,466",
        "\t2,414\t30,813",
    )
    tidy = tidy_table(table, ANCHOR)
    assert not tidy.understood
    assert tidy.reason is not None and "ragged" in tidy.reason
    assert {r.row_label for r in tidy.records} == {"Maker A", "Maker B"}
    assert tidy.data_rows == (1, 2)
    assert tidy.confidence <= 0.5


def test_garbled_header_row_is_ignored_with_a_warning() -> None:
    table = make_table("\t5,\tJ\t", "\t2030\t2031\t2032", "Maker A\t1\t2\t3")
    tidy = tidy_table(table, ANCHOR)
    assert tidy.understood
    assert tidy.header_rows == (1,)
    assert cell(tidy, "Maker A", "2031").value == 2.0
    assert tidy.confidence < 1.0 and tidy.warnings


def test_unit_line_and_notes_printed_among_rows_are_not_data() -> None:
    table = make_table(
        "(RMB hundred million)",
        "\t2030\t2031",
        "Sales\t1.0\t2.0",
        "Note: invented figures.",
    )
    tidy = tidy_table(table, ANCHOR)
    assert tidy.understood
    assert cell(tidy, "Sales", "2031").value == 2e8
    assert len(tidy.records) == 2


def test_empty_table_is_flagged() -> None:
    tidy = tidy_table(make_table(""), ANCHOR)
    assert not tidy.understood and tidy.records == () and tidy.confidence == 0.0


# --- tables whose cells print their own unit, a column of periods, dashes among names -----------------


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
