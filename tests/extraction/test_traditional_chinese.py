"""Figures in Traditional Chinese (Hong Kong filings, Taiwanese sources) are read like Simplified ones: the
same values, units, periods and kinds, with quotes and subjects in the characters the document prints."""

from __future__ import annotations

import pytest

from sinoscope.documents.model import Span, Table
from sinoscope.documents.zh_variants import to_simplified, to_traditional
from sinoscope.extraction.doc_context import FigureContext
from sinoscope.extraction.quantities import extract_quantities
from sinoscope.extraction.tables import tidy_table

SIMPLIFIED = [
    "2025年全市新能源汽车销量达到126万辆，比上年增长18.5%。",
    "公司去年营业收入为356.2亿元，预计今年净利润增长约12%。",
    "到2027年，研发经费投入强度要达到3.2%以上，数字经济核心产业增加值突破5000亿元。",
]


@pytest.mark.parametrize("simplified", SIMPLIFIED)
def test_traditional_text_gives_the_same_figures(simplified: str) -> None:
    traditional = to_traditional(simplified)
    assert traditional != simplified
    context = FigureContext()
    a, b = extract_quantities(simplified, context), extract_quantities(traditional, context)
    assert [(q.value, q.unit, q.period, q.kind) for q in a] == [(q.value, q.unit, q.period, q.kind) for q in b]
    assert a, simplified
    for q in b:
        assert traditional[q.start : q.end] == q.text  # cited as printed
        assert not q.subject or q.subject in traditional


def test_traditional_scale_words_and_counters() -> None:
    found = extract_quantities("去年動力電池出口量按年增長41.2%，內地銷量1,486萬輛，營收120億元人民幣。")
    assert {(q.value, q.unit) for q in found} >= {(41.2, "%"), (14_860_000.0, "vehicles"), (12_000_000_000.0, "CNY")}


def test_a_traditional_table_reads_its_units_and_keeps_its_labels() -> None:
    rows = (
        ("指標", "2024年", "2025年"),
        ("營業收入", "120.5", "150.2"),
        ("新能源汽車銷量（萬輛）", "", "1,486"),
    )
    table = Table("1", "表1 主要指標（單位：億元）", None, "above", rows, tuple(Span(0, 0) for _ in rows))
    records = {(r.row_label, r.col_label): r for r in tidy_table(table, "x#table-1").records}
    revenue = records[("營業收入", "2025年")]
    assert (revenue.value, revenue.unit, revenue.period) == (15_020_000_000.0, "CNY", "2025")
    sales = records[("新能源汽車銷量（萬輛）", "2025年")]
    assert (sales.value, sales.unit) == (14_860_000.0, "vehicles")
    simplified = tidy_table(
        Table(
            "1",
            to_simplified(table.caption),
            None,
            "above",
            tuple(tuple(map(to_simplified, r)) for r in rows),
            table.row_spans,
        ),
        "x#table-1",
    ).records
    assert [(r.value, r.unit, r.period) for r in simplified] == [
        (r.value, r.unit, r.period) for r in tidy_table(table, "x#table-1").records
    ]
