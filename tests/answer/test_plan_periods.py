"""Questions that name a Five-Year Plan period instead of a year ("到“十四五”末", "the end of the 15th Five-Year
Plan") ask about the years it covers (invented work report)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sinoscope.answer import Answerer
from sinoscope.extraction.plan_periods import dated, plan_periods, plan_years

from .checks import answerer_over, ranks_first_never_wrong

REPORT = """岫川省2026年政府工作报告

一、过去五年工作回顾
五年来，全省常住人口城镇化率由2020年的58.2%提高到2025年的63.7%，研发经费投入强度达到2.6%。

二、今后五年目标
到2030年，常住人口城镇化率达到68%左右，研发经费投入强度达到3.1%。
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    with answerer_over(tmp_path_factory.mktemp("plans"), {"xiuchuan_work_report_2026.txt": REPORT}) as answerer:
        yield answerer


def test_plan_numbers_give_their_years() -> None:
    assert plan_years(1) == (1953, 1957)
    assert plan_years(3) == (1966, 1970)  # after three years of readjustment
    assert plan_years(14) == (2021, 2025)
    assert plan_years(15) == (2026, 2030)
    assert plan_years(40) is None


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("到“十四五”末达到多少", ("2025",)),
        ("“十五五”时期年均增长多少", ("2026", "2030")),
        ("十三五规划目标", ("2016", "2020")),
        ("by the end of the 14th Five-Year Plan", ("2025",)),
        ("during the Fifteenth Five-Year Plan", ("2026", "2030")),
        ("三十四五个项目", ()),  # a numeral, not a plan
        ("五年来增长多少", ()),
    ],
)
def test_plan_periods_in_text(text: str, years: tuple[str, ...]) -> None:
    assert tuple(y for p in plan_periods(text) for y in p.years) == years


def test_dated_writes_the_years_in_place() -> None:
    assert dated("到“十四五”末城镇化率是多少") == "到2025年城镇化率是多少"
    assert dated("the 15th Five-Year Plan period") == "the 2026-2030 period"


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("到“十四五”末岫川省常住人口城镇化率达到了多少？", 63.7),
        ("“十五五”末岫川省城镇化率目标是多少？", 68.0),
        ("What urbanisation rate does Xiuchuan aim for by the end of the 15th Five-Year Plan?", 68.0),
    ],
)
def test_a_plan_period_question_answers_for_its_years(answerer: Answerer, question: str, value: float) -> None:
    ranks_first_never_wrong(answerer, question, value, "%")
