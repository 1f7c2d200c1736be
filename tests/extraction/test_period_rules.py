"""Which years date a figure, rule by rule, on invented sentences (Chinese and English research papers, plans
and think-tank reports): price-base years, comparison bases, a year that owns its figure, average annual
rates and multiples over a span, and event months against reading months."""

from __future__ import annotations

from sinoscope.extraction.model import Kind, Quantity
from sinoscope.extraction.quantities import extract_quantities


def _by_text(text: str) -> dict[str, Quantity]:
    return {q.text: q for q in extract_quantities(text)}


def test_a_price_base_year_dates_nothing() -> None:
    found = _by_text("2030年，本省装备制造业增加值将达2.5万亿元（2015年价格）。")
    assert found["2.5万亿元"].period == "2030"
    en = _by_text("Output per worker reached USD 41,300 (constant 2017 international dollars) in 2022.")
    assert en["USD 41,300"].period == "2022"
    ppp = _by_text("按购买力平价计算（PPP，2017年国际美元），2022年本省劳动生产率为全国平均水平的118.3%。")
    assert ppp["118.3%"].period == "2022"


def test_a_dollar_figure_after_a_year_keeps_the_year() -> None:
    assert _by_text("In 2020 $5 billion was invested in chip plants.")["$5 billion"].period == "2020"


def test_the_base_of_a_comparison_does_not_date_the_next_clause() -> None:
    found = _by_text("2030年，增加值将达2.5万亿元，比2015年翻一番；高端装备增加值将达3000亿元以上。")
    assert found["3000亿元"].period == "2030"


def test_a_year_that_owns_the_figure_dates_it_even_after_cong() -> None:
    found = _by_text("占GDP比重将从2020年的6.5%提高至2030年的9.0%以上。")
    assert (found["6.5%"].period, found["6.5%"].kind) == ("2020", Kind.ACTUAL)
    assert (found["9.0%"].period, found["9.0%"].kind) == ("2030", Kind.FORECAST)


def test_an_average_annual_rate_spans_the_years_of_its_sentence() -> None:
    found = _by_text("在2010年本省研发强度仅为1.2%，到2020年已提高至2.4%，平均每年提高0.12个百分点。")
    assert found["0.12个百分点"].period == "2010-2020"
    assert found["2.4%"].period == "2020"
    listed = _by_text("2005一2020年，甲省和乙省工业增加值年平均增长率分别为12.4%和3.1%，甲省已于2012年超过乙省。")
    assert listed["12.4%"].period == listed["3.1%"].period == "2005-2020"
    en = _by_text("Between 2016 and 2021 spending grew at an average annual rate of 8.5%, reaching $12 billion.")
    assert en["8.5%"].period == "2016-2021"


def test_a_multiple_of_an_earlier_years_value_spans_both_years() -> None:
    found = _by_text("2020年本省研发人员达到45.6万人，相当于2010年12.3万人的3.71倍，是邻省的1.85倍。")
    assert found["12.3万"].period == "2010"
    assert found["3.71倍"].period == "2010-2020"
    assert found["1.85倍"].period == "2020"  # a comparison with another place, in the sentence's own year
    en = _by_text("By 2022 the region was spending triple its 2016 budget and 41 times the amount it spent in 1998.")
    assert en["41 times"].period == "1998-2022"


def test_an_event_month_dates_its_figures_to_the_year() -> None:
    found = _by_text(
        "In June 2023 the parliament passed the Battery Act, which provided nearly $31 billion in grants. "
        "In April 2024 the ministry announced $4.2 billion for Acme Corp."
    )
    assert found["$31 billion"].period == "2023"
    assert found["$4.2 billion"].period == "2024"


def test_a_reading_dated_to_the_month_keeps_the_month() -> None:
    found = _by_text("Capital fell from RMB 12.5 billion (March 2022) to RMB 11.9 billion (May 2023), and the fund "
                     "held stakes in 80 companies in January 2022.")  # fmt: skip
    assert found["RMB 12.5 billion"].period == "2022-03"
    assert found["RMB 11.9 billion"].period == "2023-05"
    assert found["80"].period == "2022-01"
