"""Measures told apart by one word (`answer.contrasts`): exports and imports, urban and rural, committed and
paid out, a per-capita figure and the total, in English, Chinese (Simplified and Traditional) and across the
two; and the ranker preferring the side asked on an invented trade bulletin and an invented work report."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer.contrasts import contrast_agreement

from .checks import answerer_over, ranks_first_never_wrong

SAME, OTHER, NEITHER = (1.0, 0.0), (0.0, 1.0), (0.0, 0.0)


@pytest.mark.parametrize(
    ("question", "near", "expected"),
    [
        ("How much did Norvania export in batteries?", "Norvania exported batteries worth USD 4.1 billion", SAME),
        ("How much did Norvania export in batteries?", "battery imports reached USD 9.3 billion", OTHER),
        ("How much did Norvania export in batteries?", "battery trade reached USD 13.4 billion", NEITHER),
        ("澜川市去年出口额是多少？", "出口总额812亿元", SAME),
        ("澜川市去年出口额是多少？", "进口总额455亿元", OTHER),
        ("What were Lanchuan's imports last year?", "进口总额455亿元", SAME),  # an English question, a Chinese clause
        ("農村居民人均可支配收入增長多少？", "农村居民人均可支配收入增长6.8%", SAME),  # Traditional and Simplified
        ("农村居民人均可支配收入增长多少？", "城镇居民人均可支配收入增长4.6%", (1.0, 1.0)),  # income; rural
        ("How much had Phase II paid out by June?", "Phase II had committed EUR 7.8 billion", OTHER),
        ("澜川市去年地区生产总值是多少？", "人均地区生产总值86400元", OTHER),  # a qualifier on one side only
        ("澜川市去年人均地区生产总值是多少？", "地区生产总值6820亿元", OTHER),
        ("澜川市去年人均地区生产总值是多少？", "人均增长", NEITHER),  # a list member's short clause: see below
        ("澜川市去年人均地区生产总值是多少？", "人均地区生产总值86400元", NEITHER),
        ("What is the GDP growth target?", "GDP growth of about 5%", NEITHER),  # nothing contrasted
        ("澜川市去年货物出口额是多少？", "全年货物进出口总额1260亿元", OTHER),  # 进出口 is total trade, not 出口
        ("澜川市去年外贸进出口总额是多少？", "其中出口812亿元", OTHER),
        ("What were Norvania's exports last year?", "imports and exports totalled USD 120 billion", OTHER),
        ("What was Norvania's total trade last year?", "total trade reached USD 120 billion", SAME),
    ],
)
def test_the_side_a_figure_names(question: str, near: str, expected: tuple[float, float]) -> None:
    assert contrast_agreement(question, near) == expected


def test_a_qualifier_asked_is_looked_for_in_the_whole_sentence() -> None:
    """A list member's own clause drops the qualifier its head carries: "城镇增长" is the urban per-capita
    income of "城镇和农村居民人均可支配收入分别增长4.3%、6.9%"; a sentence without it is another measure."""
    question = "城镇居民人均可支配收入增长了多少？"
    assert contrast_agreement(question, "城镇增长", "城镇和农村居民人均可支配收入分别增长4.3%、6.9%。") == SAME
    assert contrast_agreement(question, "城镇增长", "城镇和农村居民可支配收入分别增长4.3%、6.9%。") == (1.0, 1.0)


def test_words_inside_other_words_name_nothing() -> None:
    """ "Exportable" and "re-import" are no side; a whole word is."""
    assert contrast_agreement("What were the exports?", "the re-imports of exportable goods") == NEITHER


TRADE_REPORT = """澜川市2025年国民经济和社会发展统计公报

全年货物进出口总额1268亿元，比上年增长6.1%。其中，出口812亿元，增长9.4%；进口456亿元，增长0.7%。
"""


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("2025年澜川市货物出口额是多少？", 812e8),
        ("2025年澜川市货物进出口总额是多少？", 1268e8),
        ("How much did Lanchuan export in 2025?", 812e8),
    ],
)
def test_total_trade_is_neither_side(tmp_path: Path, question: str, value: float) -> None:
    """A statistical communiqué's trade sentence states the total (进出口) before its two sides: the total
    names neither exports nor imports, though 出口 is written inside 进出口."""
    with answerer_over(tmp_path, {"742_lanchuan_trade.txt": TRADE_REPORT}) as answerer:
        ranks_first_never_wrong(answerer, question, value, "CNY")


BULLETIN = "\n\n".join(
    [
        "Trade Bulletin of the Norvania Free Port, 2025",
        "1. External trade",
        "Exports of goods from the Free Port reached USD 31.7 billion in 2025, up 6.2% year on year. "
        "Imports of goods into the Free Port reached USD 88.4 billion in 2025, up 3.1% year on year.",
        "Battery trade was the largest line in 2025: battery material imports were USD 18.6 billion and "
        "finished battery exports USD 6.3 billion.",
    ]
)

REPORT = """澜川市2026年政府工作报告

一、2025年工作回顾

全市地区生产总值达到6820亿元，增长5.4%；全年人均地区生产总值86400元，增长5.1%。

城镇和农村居民人均可支配收入分别增长4.3%、6.9%。
"""


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("How much did the Norvania Free Port export in 2025?", 31.7e9),
        ("How much did the Norvania Free Port import in 2025?", 88.4e9),
        ("How much battery material did the Free Port import in 2025?", 18.6e9),
    ],
)
def test_the_side_asked_ranks_first_in_a_bulletin(tmp_path: Path, question: str, value: float) -> None:
    with answerer_over(tmp_path, {"740_norvania_trade.txt": BULLETIN}) as answerer:
        ranks_first_never_wrong(answerer, question, value, "USD")


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("澜川市2025年地区生产总值是多少？", 6820e8, "CNY"),
        ("澜川市2025年人均地区生产总值是多少？", 86400, "CNY"),
        ("2025年澜川市农村居民人均可支配收入增长了多少？", 6.9, "%"),
        ("2025年澜川市城镇居民人均可支配收入增长了多少？", 4.3, "%"),
    ],
)
def test_the_side_asked_ranks_first_in_a_work_report(tmp_path: Path, question: str, value: float, unit: str) -> None:
    with answerer_over(tmp_path, {"741_lanchuan_gwr.txt": REPORT}) as answerer:
        ranks_first_never_wrong(answerer, question, value, unit)
