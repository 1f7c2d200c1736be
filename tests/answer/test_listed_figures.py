"""Several figures in one sentence, told apart by their place in it: a list paired by 分别 / "respectively",
and the terms of a weighted sum ("A（60%）+B（40%）"). Invented documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.answer import Answerer, UnitType, parse_question

from .checks import answerer_over, ranks_first_never_wrong

PLAN = """澜江市对外开放行动方案（2025—2027年）

一、主要目标
到2027年，全市与周边国家货物贸易、双向投资和技术合同成交额分别占比达35%、18%和12%。
去年，全市规模以上工业增加值和社会消费品零售总额分别增长6.4%和5.1%。

二、考核办法
年度考核得分=日常监测（55%）+实地核查（25%）+群众评议（20%）
"""

BULLETIN = """Orlanda Trade Bulletin, March 2026

Overview
In 2025, Orlanda's exports of turbines, batteries and cables rose 14%, 37% and 6% respectively.
Port throughput and air cargo grew by 3.2 and 1.4 million tonnes, respectively, over the year.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    documents = {"lanjiang_opening_plan.txt": PLAN, "orlanda_bulletin.txt": BULLETIN}
    with answerer_over(tmp_path_factory.mktemp("listed"), documents) as answerer:
        yield answerer


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("到2027年澜江市双向投资占比目标是多少？", 18.0),
        ("到2027年澜江市技术合同成交额占比要达到多少？", 12.0),
        ("到2027年全市与周边国家货物贸易占比目标是多少？", 35.0),
        ("去年澜江市社会消费品零售总额增长多少？", 5.1),
        ("去年澜江市规模以上工业增加值增长了多少？", 6.4),
    ],
)
def test_a_chinese_list_pairs_each_name_with_its_figure(answerer: Answerer, question: str, value: float) -> None:
    ranks_first_never_wrong(answerer, question, value, "%")


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("How much did Orlanda's battery exports grow in 2025?", 37.0),
        ("By what percentage did exports of cables from Orlanda rise in 2025?", 6.0),
        ("By what percent did turbine exports of Orlanda increase in 2025?", 14.0),
    ],
)
def test_an_english_respectively_list_pairs_each_name(answerer: Answerer, question: str, value: float) -> None:
    ranks_first_never_wrong(answerer, question, value, "%")


@pytest.mark.parametrize(
    ("question", "value"), [("年度考核得分中实地核查占多大权重？", 25.0), ("群众评议在年度考核中占比多少？", 20.0)]
)
def test_each_term_of_a_weighted_sum_is_its_own(answerer: Answerer, question: str, value: float) -> None:
    ranks_first_never_wrong(answerer, question, value, "%")


POINTS = """沂河市新材料产业行动方案

一、发展目标
到2027年，全市关键材料自给率达到72%，比2024年提高14个百分点，新材料产业产值突破900亿元。
"""

POINTS_EN = """Orvane Industry Review 2025

Sourcing
Orvane's domestic sourcing share reached 64% in 2025, up 9 percentage points from 2022.
"""


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("到2027年沂河市关键材料自给率比2024年提高多少个百分点？", 14.0, "percentage points"),
        ("到2027年沂河市关键材料自给率要达到多少？", 72.0, "%"),
        ("By how many percentage points did Orvane's domestic sourcing share rise from 2022 to 2025?", 9.0, None),
    ],
)
def test_points_asked_for_are_told_from_the_level(
    tmp_path: Path, question: str, value: float, unit: str | None
) -> None:
    with answerer_over(tmp_path, {"yihe_materials_plan.txt": POINTS, "orvane_review.txt": POINTS_EN}) as answerer:
        ranks_first_never_wrong(answerer, question, value, unit)


def test_percentage_points_are_a_percent_question_not_a_count() -> None:
    for text in ("By how many percentage points did the share rise?", "How many percentage-points was it up?"):
        assert parse_question(text).unit_type is UnitType.PERCENT, text
    assert parse_question("How many points is the hotline item worth?").unit_type is UnitType.COUNT  # a score


def test_an_intensity_is_a_share_even_of_money() -> None:
    """R&D intensity is spending over output: a percentage, though its words name money (经费, spending)."""
    for text in ("2024年某市研发经费投入强度比上年提高了多少？", "What R&D spending intensity does the city target?"):
        assert parse_question(text).unit_type is UnitType.PERCENT, text
