"""Relative years and months against a document dated March 2024 (invented sentences)."""

from __future__ import annotations

import pytest

from sinoscope.extraction.doc_context import FigureContext
from sinoscope.extraction.model import Kind
from sinoscope.extraction.quantities import extract_quantities
from sinoscope.extraction.relative_periods import find_relative, parse_doc_date, resolve_phrase, span_end

DATE = "2024-03-05"


@pytest.mark.parametrize(
    ("phrase", "period"),
    [
        ("今年", "2024"),
        ("本年度", "2024"),
        ("去年", "2023"),
        ("上年", "2023"),
        ("过去一年", "2023"),
        ("一年来", "2023"),
        ("前年", "2022"),
        ("明年", "2025"),
        ("近五年", "2019-2023"),
        ("过去五年", "2019-2023"),
        ("十年来", "2014-2023"),
        ("未来三年", "2024-2026"),
        ("this year", "2024"),
        ("last year", "2023"),
        ("the past year", "2023"),
        ("next year", "2025"),
        ("over the past five years", "2019-2023"),
        ("in the last 3 years", "2021-2023"),
        ("the past decade", "2014-2023"),
        ("the next five years", "2024-2028"),
        ("上月", "2024-02"),
        ("last month", "2024-02"),
    ],
)
def test_phrases_resolve_against_the_document_date(phrase: str, period: str) -> None:
    assert resolve_phrase(phrase, DATE) == period


def test_nothing_resolves_without_a_date() -> None:
    assert find_relative("去年增长5%，今年目标6%。", None) == []
    assert parse_doc_date("not a date") is None
    assert parse_doc_date("2024") is not None


def test_the_base_of_a_comparison_is_not_a_period() -> None:
    assert find_relative("营业收入比上年增长8%，较去年同期提高。", DATE) == []
    assert find_relative("sales were higher than last year", DATE) == []
    assert find_relative("增速保持在5%以上年均水平", DATE) == []  # 以上 + 年均, not 上年


def test_span_end_dates_a_level_at_the_end_of_the_span() -> None:
    assert span_end("2019-2023") == "2023"
    assert span_end("2024") == "2024"


def _ctx(period: str | None = None) -> FigureContext:
    return FigureContext(doc_date=parse_doc_date(DATE), period=period)


def test_last_and_this_year_date_figures_in_chinese() -> None:
    qs = extract_quantities("去年全市工业产值增长6.5%。今年全市工业产值增长7%左右。", _ctx())
    assert [(q.value, q.period, q.kind) for q in qs] == [(6.5, "2023", Kind.ACTUAL), (7.0, "2024", Kind.TARGET)]
    assert qs[1].comparator == "~"


def test_last_year_dates_figures_in_english() -> None:
    qs = extract_quantities("Last year the province exported USD 12 billion of machinery.", _ctx())
    assert qs[0].period == "2023"


def test_a_span_dates_changes_and_its_end_dates_levels() -> None:
    text = "过去五年，全省研发投入年均增长9.1%，研发人员增加到35万人。"
    qs = extract_quantities(text, _ctx())
    assert [(q.value, q.period) for q in qs] == [(9.1, "2019-2023"), (350000.0, "2023")]


def test_without_a_date_relative_years_stay_undated() -> None:
    qs = extract_quantities("去年全市工业产值增长6.5%。", FigureContext())
    assert qs[0].period is None


def test_a_span_counts_from_the_year_its_sentence_names() -> None:
    text = "At the end of 2021, the ministry was planning to spend 2 trillion yuan over the next five years."
    q = extract_quantities(text, _ctx())[0]
    assert (q.period, q.kind) == ("2022-2026", Kind.TARGET)
    zh = extract_quantities("截至2020年，过去五年全省专利授权量年均增长12%。", _ctx())[0]
    assert zh.period == "2016-2020"


def test_chinese_year_ranges_printed_with_yi_as_a_dash() -> None:
    qs = extract_quantities("2005一2020年，全省研发投入年均增长11.5%。")
    assert qs[0].period == "2005-2020"


def test_english_goal_nouns_and_scheduled_amounts_are_targets() -> None:
    plan = extract_quantities("In 2016 the city unveiled a five-year, $20 billion plan for transit.")[0]
    assert plan.kind == Kind.TARGET
    owed = extract_quantities("Under the law, the agency was to receive $30 billion over ten years.")[0]
    assert owed.kind == Kind.TARGET
    q = extract_quantities("The credits were valued by the budget office at $12 billion.")[0]
    assert q.kind == Kind.ESTIMATE
    assert extract_quantities("Imports in 2021 were valued at USD 40 billion.")[0].kind == Kind.ACTUAL


def test_a_dateless_figure_under_a_tasks_heading_is_a_target() -> None:
    ctx = FigureContext(doc_date=parse_doc_date(DATE), kind=Kind.TARGET, kind_year=2024)
    assert extract_quantities("符合条件的货物24小时内放行。", ctx)[0].kind == Kind.TARGET


def test_a_targets_deadline_later_in_its_clause_dates_it() -> None:
    text = "The ministry set a target of sourcing 60 percent of key parts at home by 2028."
    q = extract_quantities(text)[0]
    assert (q.period, q.kind) == ("2028", Kind.TARGET)


@pytest.mark.parametrize(
    ("text", "period", "as_of", "kind"),
    [
        ("The province aims to build 300 data centres by the end of 2026.", "2026", None, Kind.TARGET),
        ("As of June 2023, the fund held RMB 12 billion.", "2023-06", "2023-06", Kind.ACTUAL),
        ("In FY2023 the agency spent JPY 40 billion.", "FY2023", None, Kind.ACTUAL),
        ("到2025年，全市数字经济核心产业增加值达到3500亿元。", "2025", None, Kind.TARGET),
        ("2015—2050年，年均增长4.2%。", "2015-2050", None, Kind.ACTUAL),
        ("截至2023年6月底，累计发放贷款8000亿元。", "2023-06", "2023-06", Kind.ACTUAL),
    ],
)
def test_stated_periods_deadlines_and_as_of_dates(text: str, period: str, as_of: str | None, kind: Kind) -> None:
    q = extract_quantities(text)[0]
    assert (q.period, q.as_of, q.kind) == (period, as_of, kind)


@pytest.mark.parametrize(
    ("text", "phrase", "period"),
    [
        ("去年内地新能源汽车渗透率达到40%。", "去年", "2023"),  # 去年 + 内地 (the mainland), not 年内
        ("明年内建成10座。", "明年", "2025"),
        ("年内建成10座。", "年内", "2024"),
    ],
)
def test_within_the_year_is_not_read_across_another_year_word(text: str, phrase: str, period: str) -> None:
    found = find_relative(text, DATE)
    assert [(text[r.start : r.end], r.period) for r in found] == [(phrase, period)]
