"""Figures in Traditional Chinese (Hong Kong filings, Taiwanese sources) are read like Simplified ones: the
same values, units, periods and kinds, with quotes and subjects in the characters the document prints."""

from __future__ import annotations

import pytest

from sinoscope.documents.zh_variants import to_traditional
from sinoscope.extraction.doc_context import FigureContext
from sinoscope.extraction.quantities import extract_quantities

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
