"""The member of a series a question names (二期, "the second phase", Phase II) picks the figure whose own
clause names it, in either language (invented fund documents)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sinoscope.answer import Answerer
from sinoscope.answer.series import member_agreement, members

from .checks import answerer_over, ranks_first_never_wrong

FUND_ZH = """珂岭省集成电路产业投资基金设立方案

一、基金规模
设立总规模300亿元的省集成电路产业投资基金，分三期募集，其中一期规模80亿元，二期规模120亿元，三期规模100亿元。
"""

FUND_EN = """The Marvik Quantum Fund: Three Rounds Compared

Overview
The Marvik Quantum Fund raised EUR 2.4 billion in total, of which Phase I closed at EUR 0.5 billion in 2019,
Phase II at EUR 0.8 billion in 2021, and Phase III at EUR 1.1 billion in 2024.
"""


def test_members_in_both_languages() -> None:
    assert members("二期规模是多少？") == members("How large is the second phase?") == {("phase", 2)}
    assert members("首期募集了多少") == members("Phase I") == {("phase", 1)}
    assert members("第三阶段目标") == {("stage", 3)}
    assert members("同期增长") == frozenset() and members("十二期") == frozenset()


def test_a_count_of_members_names_none_of_them() -> None:
    """分两期实施 and 分三期募集 say how many phases there are: the total's clause is no phase's figure. 两
    always counts (an ordinal says 二期 or 第二期)."""
    assert members("分两期实施") == members("分三期募集") == members("共三轮") == members("两期基金合计") == frozenset()
    asked = members("引导基金第二期规模是多少？")
    assert member_agreement(asked, "设立总规模100亿元的引导基金，分两期实施") == (0.0, 0.0)
    assert member_agreement(asked, "二期规模70亿元") == (1.0, 0.0)


def test_the_clause_naming_another_member_is_marked() -> None:
    asked = members("二期规模是多少？")
    assert member_agreement(asked, "二期规模120亿元") == (1.0, 0.0)
    assert member_agreement(asked, "其中一期规模80亿元") == (0.0, 1.0)
    assert member_agreement(asked, "设立总规模300亿元的基金") == (0.0, 0.0)
    assert member_agreement(frozenset(), "一期规模80亿元") == (0.0, 0.0)


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    documents = {"keling_ic_fund_plan.txt": FUND_ZH, "marvik_quantum_fund.txt": FUND_EN}
    with answerer_over(tmp_path_factory.mktemp("series"), documents) as answerer:
        yield answerer


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        pytest.param(
            "珂岭省集成电路产业投资基金二期规模是多少？",
            12_000_000_000.0,
            "CNY",
            marks=pytest.mark.xfail(
                reason="the fund's total, stated before its phases in one sentence, matches more of the question "
                "than the second phase's own clause; the member features mark figures naming another phase, not "
                "figures naming none (see series.member_agreement)",
                strict=False,
            ),
        ),
        ("珂岭省集成电路基金一期规模多大？", 8_000_000_000.0, "CNY"),
        ("How much did the Marvik Quantum Fund raise in its second phase?", 800_000_000.0, "EUR"),
        ("How much did Phase III of the Marvik Quantum Fund raise?", 1_100_000_000.0, "EUR"),
    ],
)
def test_the_member_asked_for_ranks_first(answerer: Answerer, question: str, value: float, unit: str) -> None:
    ranks_first_never_wrong(answerer, question, value, unit)
