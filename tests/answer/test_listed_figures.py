"""Several figures in one sentence, told apart by their place in it: a list paired by 分别 / "respectively",
and the terms of a weighted sum ("A（60%）+B（40%）"). Invented documents."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sinoscope.answer import Answerer
from sinoscope.app.pipeline import ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.store import SqliteStore

from .checks import ranks_first_never_wrong, words_answerer

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
    folder = tmp_path_factory.mktemp("listed")
    (folder / "lanjiang_opening_plan.txt").write_text(PLAN, encoding="utf-8")
    (folder / "orlanda_bulletin.txt").write_text(BULLETIN, encoding="utf-8")
    db = folder / "listed.sqlite"
    with SqliteStore(db) as store:
        assert not ingest_paths(store, sorted(folder.glob("*.txt")), extract=extract_document).errors
    with SqliteStore(db) as store:
        yield words_answerer(store)


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
