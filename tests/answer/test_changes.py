"""A change or a level (`answer.changes`): what the question asks for and what a figure states, in both
languages, and the ranker choosing the rise over the rate beside it on an invented communiqué."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer.changes import asks_change, change_agreement, states_change

from .checks import answerer_over, ranks_first_never_wrong


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("By how much did Marlow's urbanization rate rise in 2025?", True),
        ("How fast did retail sales grow last year?", True),
        ("2025年澜川市城镇化率比上年提高了多少？", True),
        ("澜川市农村居民收入增速是多少？", True),
        ("What was Marlow's urbanization rate at the end of 2025?", False),
        ("澜川市2025年末城镇化率是多少？", False),
        ("How many 5G base stations did Marlow build?", None),
    ],
)
def test_what_the_question_asks(question: str, expected: bool | None) -> None:
    assert asks_change(question) is expected


@pytest.mark.parametrize(
    ("before", "unit", "expected"),
    [
        ("常住人口城镇化率达到", "%", False),
        ("常住人口城镇化率达到63.1%，比上年提高", "%", True),
        ("力争研发经费投入强度提高到", "%", False),  # 提高到: the level reached
        ("城镇居民人均可支配收入增长了约", "%", True),
        ("Exports rose by about ", "%", True),
        ("The jobless rate rose to ", "%", False),
        ("城镇新增就业", "persons", False),  # newly added: a count, not a change of a level
        ("城镇化率", "percentage points", True),
        ("Exports of turbines, batteries and cables rose 14%, 37% and ", "%", True),  # a listed figure
        ("城镇和农村居民人均可支配收入分别增长4.2%、", "%", True),
        ("全年粮食产量达到1,280万吨、", "%", False),
    ],
)
def test_what_a_figure_states(before: str, unit: str, expected: bool) -> None:
    assert states_change(before, unit) is expected


def test_a_table_cell_is_a_change_by_its_labels() -> None:
    assert states_change("", "%", "规模以上工业增加值 增速（%）")
    assert not states_change("", "%", "常住人口城镇化率 2025年（%）")


def test_agreement_is_zero_when_the_question_says_neither() -> None:
    assert change_agreement("How many base stations were built?", "新建", "units") == 0.0
    assert change_agreement("城镇化率比上年提高了多少？", "比上年提高", "percentage points") == 1.0
    assert change_agreement("城镇化率比上年提高了多少？", "城镇化率达到", "%") == -1.0


COMMUNIQUE = """澜川市2025年国民经济和社会发展统计公报

年末全市常住人口城镇化率为66.4%，比上年末提高1.1个百分点。全市规模以上工业增加值达到2150亿元，比上年增长6.7%。

全年居民消费价格比上年上涨0.4%。全市居民恩格尔系数为27.6%。
"""


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("2025年澜川市城镇化率比上年提高了多少？", 1.1, "percentage points"),
        ("澜川市2025年末常住人口城镇化率是多少？", 66.4, "%"),
        ("By how much did Lanchuan's urbanization rate rise in 2025?", 1.1, "percentage points"),
    ],
)
def test_the_rise_or_the_rate_as_asked(tmp_path: Path, question: str, value: float, unit: str) -> None:
    with answerer_over(tmp_path, {"743_lanchuan_communique.txt": COMMUNIQUE}) as answerer:
        ranks_first_never_wrong(answerer, question, value, unit)
