"""A question naming one member of a numbered series ("Attribute 3", "Phase II") prefers that member."""

from __future__ import annotations

from sinoscope.answer import parse_question
from sinoscope.answer.candidates import Candidate
from sinoscope.answer.scoring import score


def _cell(column: str, value: float) -> Candidate:
    row = "Department of Soil Studies"
    return Candidate(
        value=value, unit="%", printed=f"{value}%", period="2022", kind="actual", anchor="720#table-2-1",
        doc_id="720", line=5, quote=f"Table 2-1. Grants by Category — {column}: {row} | {value}%",
        near=f"{column} {row}", before="", after="", context="Table 2-1. Grants by Category", source="table",
        caption="Table 2-1. Grants by Category",
    )  # fmt: skip


def test_the_named_member_of_a_series_wins() -> None:
    question = parse_question("What share of grants in the Department of Soil Studies went to Category 3?")
    first, third = score(question, _cell("Category 1", 12.0)), score(question, _cell("Category 3", 48.0))
    assert third.score > first.score
    roman = parse_question("What share did Stage II take in the Department of Soil Studies?")
    assert score(roman, _cell("Stage II", 30.0)).score > score(roman, _cell("Stage I", 70.0)).score


def test_years_are_left_to_the_period_check() -> None:
    question = parse_question("What share of grants went to Category 3 in 2022?")
    assert score(question, _cell("Category 3", 48.0)).score > 0


def test_quarters_are_members_of_a_year_and_the_first_three_quarters_are_not_one() -> None:
    from sinoscope.answer.series import members

    assert members("What was output growth in the third quarter of 2025?") == {("quarter", 3)}
    assert members("Growth eased from 5.6% in Q1 to 5.2% in Q2") == {("quarter", 1), ("quarter", 2)}
    assert members("第二季度增长5.2%，三季度增长5.1%") == {("quarter", 2), ("quarter", 3)}
    assert members("前三季度地区生产总值") == frozenset()
    assert members("in the first three quarters of 2025") == frozenset()


def test_a_word_between_the_ordinal_and_the_series_noun() -> None:
    from sinoscope.answer.series import members

    assert members("How many projects did the third funding round support?") == {("round", 3)}
    assert members("the second investment phase of the fund") == {("phase", 2)}
    assert members("the first three funding rounds") == frozenset()
