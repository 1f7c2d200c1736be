"""A question asking what is to happen ("will", 要/将 before a plan's verb) asks for a target, not an outcome:
the plan's figure and the next report's outcome for the same year are told apart by it. Invented reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer.question import parse_question

from .checks import answerer_over, ranks_first_never_wrong


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many charging stations will the province build in 2026?", "target"),
        ("How much of the special bonds would be issued first in 2026?", "target"),
        ("What is the output of the plant to reach by 2030?", None),  # "is ... to" apart: not read
        ("How many charging stations did the province build in 2025?", None),
        ("2026年单位产值能耗要下降多少？", "target"),
        ("全省数字经济比重要达到多少？", "target"),  # 比重 + 要达到
        ("明年将新增多少个充电站？", "target"),
        ("去年单位产值能耗下降了多少？", None),
        ("这项工作为什么重要？", None),  # 重要 is no plan
    ],
)
def test_what_is_to_happen_asks_for_a_target(question: str, kind: str | None) -> None:
    assert parse_question(question).kind == kind


def _report(year: int, review: str, plan: str) -> str:
    return (
        f"霖州市人民政府工作报告\n\n{year}年1月20日\n\n一、过去一年工作回顾\n\n过去一年，{review}\n\n"
        f"二、今年工作安排\n\n今年主要预期目标是：{plan}\n"
    )


REPORTS = {
    "linzhou_2026.txt": _report(2026, "全市单位产值能耗下降3.2%，完成全年任务。", "单位产值能耗下降2.5%左右。"),
    "linzhou_2027.txt": _report(2027, "全市单位产值能耗下降2.9%，超额完成任务。", "单位产值能耗下降2%左右。"),
}


def test_the_plan_figure_answers_what_was_to_happen(tmp_path: Path) -> None:
    """2026's target sits in the 2026 report, its outcome in the 2027 report: both are 2026 figures."""
    with answerer_over(tmp_path, REPORTS) as answerer:
        ranks_first_never_wrong(answerer, "2026年单位产值能耗要下降多少？", 2.5, "%")
        ranks_first_never_wrong(answerer, "2026年单位产值能耗实际下降了多少？", 2.9, "%")
