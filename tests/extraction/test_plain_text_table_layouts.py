"""Tables in plain-text files laid out the ways Chinese plans and Hong Kong / Taiwanese filings print them,
on documents invented here: a caption whose title starts with a year after a full-width space, captions
numbered in Chinese numerals (表一：…), Markdown pipe tables kept in a .txt file with a 序号 column, and a 单位
column of Chinese measure words (家, 万辆, 万台（套）)."""

from __future__ import annotations

from pathlib import Path

from sinoscope.documents.model import BlockKind, Document
from sinoscope.documents.structure import build_document
from sinoscope.documents.table_regions import caption_kind
from sinoscope.extraction.model import TableRecord
from sinoscope.extraction.tables import tidy_table
from sinoscope.sources.model import SourceFormat, SourceText


def _doc(text: str) -> Document:
    return build_document(SourceText(Path("plan.txt"), SourceFormat.TEXT, text, "hash"), "doc")


def _records(doc: Document) -> list[TableRecord]:
    tables = [b for b in doc.blocks if b.kind is BlockKind.TABLE and b.table is not None]
    assert tables, "no table was recognised"
    out: list[TableRecord] = []
    for b in tables:
        assert b.table is not None
        out.extend(tidy_table(b.table, b.anchor).records)
    return out


def _cell(records: list[TableRecord], row: str, col: str) -> TableRecord:
    return next(r for r in records if row in r.row_label and col in r.col_label)


def test_caption_numbers_in_chinese_numerals_and_titles_starting_with_a_year() -> None:
    assert caption_kind("表三：全市主要指标（%）") == ("table", "3", "全市主要指标（%）")
    assert caption_kind("图十二　产量变化") == ("figure", "12", "产量变化")
    assert caption_kind("表2\u30002021—2024年新装机量（单位：万台）")[:2] == ("table", "2")  # type: ignore[index]
    assert caption_kind("表2 2023年目标")[:2] == ("table", "2")  # type: ignore[index]
    assert caption_kind("Table 4 took the value") is None  # a sentence about a table, not its caption


def test_unit_in_a_caption_whose_title_starts_with_a_year_scales_the_cells() -> None:
    doc = _doc(
        "澜州市机器人产业发展报告\n\n"
        "表2\u30002021—2024年主要城市机器人新装机量（单位：万台）\n\n"
        "城市\t2021年\t2024年\n澜州\t1.2\t2.5\n青屿\t0.8\t1.1\n"
    )
    cell = _cell(_records(doc), "青屿", "2024")
    assert (cell.value, cell.unit, cell.period) == (11000.0, "units", "2024")


def test_percent_in_a_traditional_chinese_caption_numbered_in_numerals() -> None:
    doc = _doc(
        "翊北動力電池行業報告\n\n表一：主要企業裝車量市佔率（%）\n\n公司\t2024年\t2025年\n甲公司\t31.5\t33.2\n乙公司\t12.4\t11.9\n"
    )
    block = next(b for b in doc.blocks if b.kind is BlockKind.TABLE)
    assert block.anchor.endswith("table-1")
    cell = _cell(_records(doc), "乙公司", "2025")
    assert (cell.value, cell.unit) == (11.9, "%")


def test_pipe_table_in_a_plain_text_plan_with_a_serial_number_column() -> None:
    doc = _doc(
        "沂川省智能制造行动方案\n\n"
        "表1　主要指标\n\n"
        "| 序号 | 指标 | 单位 | 2024年 | 2027年（目标） |\n"
        "|---|---|---|---|---|\n"
        "| 1 | 智能工厂数量 | 家 | 40 | 90 |\n"
        "| 2 | 关键工序数控化率 | % | 61 | 70 |\n"
    )
    records = _records(doc)
    cell = _cell(records, "数控化率", "2027")
    assert (cell.value, cell.unit, cell.period) == (70.0, "%", "2027")
    assert not [r for r in records if "序号" in r.col_label], "the serial numbers are labels, not values"
    assert not [r for r in records if set(r.raw) <= set("-:| ")], "the |---| rule is not a row"


def test_a_unit_column_of_chinese_measure_words_gives_each_row_its_unit_and_scale() -> None:
    doc = _doc(
        "沂川省智能制造行动方案\n\n"
        "表2　发展指标\n\n"
        "序号\t指标\t单位\t2024年\t2027年\n"
        "1\t专精特新企业\t家\t120\t200\n"
        "2\t新能源汽车产量\t万辆\t35.5\t60\n"
        "3\t平台连接设备数\t万台（套）\t240\t600\n"
    )
    records = _records(doc)
    assert (_cell(records, "专精特新", "2027").value, _cell(records, "专精特新", "2027").unit) == (200.0, "companies")
    assert (_cell(records, "新能源汽车", "2024").value, _cell(records, "新能源汽车", "2024").unit) == (
        355000.0,
        "vehicles",
    )
    devices = _cell(records, "连接设备", "2027")
    assert (devices.value, devices.unit) == (6_000_000.0, "units")  # 万 outside the bracket scales the 台/套


_MIDTERM_REVIEW = (
    "岚溪市“十四五”规划中期评估报告\n\n"
    "二、主要指标进展\n"
    "指标名称 | 2020年基期值 | 2025年目标值 | 2023年实际值 | 完成进度\n"
    "1. 研发经费投入强度（%） | 2.10 | 2.80 | 2.45 | 50.0%\n"
    "2. 高新技术企业数（家） | 900 | 2,000 | 1,450 | 50.0%\n"
    "3. 森林覆盖率（%） | 41.0 | 43.0 | 42.2 | 60.0%\n"
    "注：完成进度按基期至目标的差距计算。\n\n"
    "三、下一步安排\n全市将加快推进滞后指标。\n"
)


def test_columns_set_apart_by_bars_without_outer_bars_are_a_table() -> None:
    """A review's indicator table pasted into plain text as "a | b | c" rows, with neither outer bars nor a
    |---| rule: every row was one paragraph and none of its figures could be cited by row and column."""
    records = _records(_doc(_MIDTERM_REVIEW))
    cell = _cell(records, "高新技术企业", "实际值")
    assert (cell.value, cell.unit) == (1450.0, "companies")
    assert _cell(records, "研发经费", "目标值").value == 2.8


def test_a_year_joined_to_a_role_word_dates_the_column() -> None:
    records = _records(_doc(_MIDTERM_REVIEW))
    assert _cell(records, "森林", "基期值").period == "2020"
    assert _cell(records, "森林", "目标值").period == "2025"
    assert _cell(records, "森林", "实际值").period == "2023"
    assert _cell(records, "森林", "完成进度").period is None


def test_one_line_with_bars_is_not_a_table() -> None:
    doc = _doc(
        "Weekly trade note | Issued 3 March 2026 | Next issue: 10 March 2026\n\n"
        "Exports rose 4.1% in February | a pause is likely in March.\n"
    )
    assert not [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert "Exports rose 4.1%" in doc.text


_RELEASE = (
    "Veltmark Solar Industry Review 2025\n\n"
    "3. TRADE\n\n"
    "Table 2. Trade in solar components, 2025 (USD million; change on 2024)\n\n"
    "Product            Exports    y/y      Imports    y/y\n"
    "Wafers               1,240   +12.5%        310   -4.0%\n"
    "Modules              2,905    +3.1%        655   +9.8%\n"
    "Inverters              480   -2.2%         120   +1.5%\n\n"
    "Exports of modules rose for a third year.  Imports  stayed small, as the table shows.\n"
)


def test_columns_aligned_with_spaces_are_a_table_under_their_caption() -> None:
    """A release printed by `pdftotext -layout` or a statistics office's text file: columns aligned with runs
    of spaces under a captioned table."""
    records = _records(_doc(_RELEASE))
    cell = _cell(records, "Modules", "Imports")
    assert (cell.value, cell.unit) == (655e6, "USD")  # the unit of "(USD million; change on 2024)"
    change = next(r for r in records if r.row_label == "Wafers" and r.col == 4)
    assert (change.value, change.unit) == (-4.0, "%")


def test_prose_with_double_spaces_is_not_a_row() -> None:
    doc = _doc(_RELEASE)
    prose = next(b for b in doc.blocks if "third year" in doc.text[b.spans[0].start : b.spans[-1].end])
    assert prose.kind is BlockKind.PARAGRAPH
