"""A range ("3-5年", "25%-40%") answers with the end the question asks for: the upper end for 上限 / "at most",
else its lower end, as it is stored (invented plans)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sinoscope.answer import Answerer
from sinoscope.answer.question import asks_upper_bound

from .checks import answerer_over, ranks_first_never_wrong

PLAN = """青柘市数据要素市场建设方案

一、工作目标
用3-5年时间，建立健全数据要素市场制度体系。
到2026年，数据交易额中公共数据占比达到25%-40%。
"""

NOTE = """Calder Data Exchange Plan

Goals
The city will take 2-4 years to set up a full data exchange.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    """One document per language: which document a question is about is not what these tests are about."""
    with answerer_over(tmp_path_factory.mktemp("ranges"), {"qingzhe_data_plan.txt": PLAN}) as answerer:
        yield answerer


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    with answerer_over(tmp_path_factory.mktemp("ranges_en"), {"calder_data_plan.txt": NOTE}) as answerer:
        yield answerer


def test_upper_bound_words() -> None:
    assert asks_upper_bound("青柘市计划用几年时间建立制度体系？（上限）")
    assert asks_upper_bound("At most how many years will Calder take?")
    assert not asks_upper_bound("青柘市计划用几年时间建立制度体系？")
    assert not asks_upper_bound("至少、最多分别是几年？")  # both ends asked: not one of them


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("青柘市计划用几年时间建立健全数据要素市场制度体系？（上限）", 5.0, "years"),
        ("青柘市最多用几年时间建立数据要素市场制度体系？", 5.0, "years"),
        ("青柘市计划用几年时间建立健全数据要素市场制度体系？", 3.0, "years"),
        ("到2026年青柘市公共数据占数据交易额的比重上限是多少？", 40.0, "%"),
    ],
)
def test_a_range_answers_with_the_end_asked_for(answerer: Answerer, question: str, value: float, unit: str) -> None:
    ranks_first_never_wrong(answerer, question, value, unit)


def test_an_english_range_too(english: Answerer) -> None:
    ranks_first_never_wrong(english, "At most how many years will Calder take to set up its data exchange?", 4.0)
    ranks_first_never_wrong(english, "How many years will Calder take to set up its data exchange?", 2.0)
