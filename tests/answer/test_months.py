"""A month's figure or the year's (`answer.months`): the month a question names, in both languages, and the
ranker choosing the December figure or the full-year one beside it on an invented bulletin."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer.months import asked_month, figure_month, figure_stretch, month_agreement, quarter_named

from .checks import answerer_over, ranks_first_never_wrong


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2025年12月澜川市城镇调查失业率是多少？", 12),
        ("12月份澜川市出口多少？", 12),
        ("What was Marlow's jobless rate in December of last year?", 12),
        ("How much did Marlow export in March 2025?", 3),
        ("How much did Marlow export in January-September 2025?", None),  # a year to date
        ("1-11月规模以上工业增加值增长多少？", None),
        ("去年全年平均失业率是多少？", None),
        ("What may the jobless rate be next year?", None),  # the modal verb is no month
    ],
)
def test_the_month_asked(question: str, expected: int | None) -> None:
    assert asked_month(question) == expected


def test_figure_month_reads_only_a_single_month() -> None:
    assert figure_month("2025-12") == 12
    assert figure_month("2025") is None and figure_month("2024-2025") is None and figure_month(None) is None
    assert figure_month("2025-12-31") is None  # a day: the stock on a date, not the month's flow


def test_agreement() -> None:
    assert month_agreement("2025年12月失业率是多少？", "2025-12") == 1.0
    assert month_agreement("2025年12月失业率是多少？", "2025") == -1.0
    assert month_agreement("2025年全年平均失业率是多少？", "2025-12") == -1.0
    assert month_agreement("What was the jobless rate at the end of 2025?", "2025-12") == 0.0
    assert month_agreement("What was the jobless rate in 2025?", "2025") == 0.0


def test_the_quarter_named() -> None:
    assert [quarter_named(t) for t in ("三季度增长5.6%", "第二季度", "in Q4 2025", "the first quarter")] == [3, 2, 4, 1]
    assert quarter_named("前三季度增长5.2%") is None  # quarters to date are not one quarter
    assert quarter_named("the first three quarters of 2025") is None


def test_a_quarter_is_read_from_the_figures_own_stretch() -> None:
    listed = "分季度看，一季度增长4.1%，二季度增长4.4%，三季度增长"  # the quote up to the third figure
    own = figure_stretch(listed, "，四季度增长4.9%。")
    assert month_agreement("2025年第三季度地区生产总值增长多少？", "2025", own) == 1.0
    assert month_agreement("What was growth in the second quarter of 2025?", "2025", own) == -1.0
    assert month_agreement("2025年地区生产总值增长多少？", "2025", own) == -1.0  # a quarter's figure, the year asked
    year = figure_stretch("全年地区生产总值比上年增长", "。")
    assert month_agreement("2025年第三季度地区生产总值增长多少？", "2025", year) == -1.0
    assert month_agreement("2025年地区生产总值增长多少？", "2025", year) == 0.0


BULLETIN = """Marlow Statistical Bulletin 2025

LABOUR MARKET
The unemployment rate stood at 4.7% in December 2025, and the average for the year was 5.2%.

EXTERNAL TRADE
In December 2025, exports of goods were EUR 8.4 billion, up 3.0%. Exports of goods for the whole of 2025
amounted to EUR 96.1 billion, an increase of 2.2%.
"""


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("What was Marlow's unemployment rate in December 2025?", 4.7, "%"),
        ("马洛2025年全年平均失业率是多少？", 5.2, "%"),  # its clause names nothing: it takes the clause before
        ("How much did Marlow export in goods in 2025?", 96.1e9, "EUR"),
        ("马洛2025年12月货物出口额是多少？", 8.4e9, "EUR"),
    ],
)
def test_the_month_or_the_year_as_asked(tmp_path: Path, question: str, value: float, unit: str) -> None:
    with answerer_over(tmp_path, {"744_marlow_bulletin.txt": BULLETIN}) as answerer:
        ranks_first_never_wrong(answerer, question, value, unit)
