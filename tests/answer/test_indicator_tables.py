"""A plan's indicator table read as answers: the column label says the year and whether a cell is the base,
the target or the outcome ("2020年基期值 | 2025年目标值 | 2023年实际值"), on an invented mid-term review whose
table is pasted into plain text with bars between the columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from .checks import answerer_over, ranks_first_never_wrong

REVIEW = """岚溪市“十四五”规划实施情况中期评估报告
岚溪市发展和改革委员会
2024年6月

一、总体评价
规划实施以来，全市主要指标总体符合预期。

二、主要指标进展
指标名称 | 2020年基期值 | 2025年目标值 | 2023年实际值 | 完成进度
1. 研发经费投入强度（%） | 2.10 | 2.80 | 2.45 | 50.0%
2. 高新技术企业数（家） | 900 | 2,000 | 1,450 | 50.0%
3. 森林覆盖率（%） | 41.0 | 43.0 | 42.2 | 60.0%
4. 每千人口执业医师数（人） | 2.6 | 3.2 | 2.9 | 50.0%
"""


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("岚溪市2025年森林覆盖率的目标是多少？", 43.0, "%"),
        ("岚溪市2023年森林覆盖率实际达到多少？", 42.2, "%"),
        ("岚溪市2020年基期的森林覆盖率是多少？", 41.0, "%"),
        ("截至2023年岚溪市高新技术企业有多少家？", 1450, "companies"),
        ("What is Lanxi's 2025 target for the number of high-tech enterprises?", 2000, "companies"),
    ],
)
def test_the_cell_of_the_year_and_kind_asked_ranks_first(
    tmp_path: Path, question: str, value: float, unit: str
) -> None:
    with answerer_over(tmp_path, {"750_lanxi_midterm.txt": REVIEW}) as answerer:
        ranks_first_never_wrong(answerer, question, value, unit)


FINAL_REVIEW = """岚溪市“十四五”规划实施情况总结评估报告

一、主要指标完成情况
指标 | 规划目标（2025年） | 实际完成（2025年） | 评价
研发经费投入强度（%） | 2.80 | 2.71 | 基本完成
森林覆盖率（%） | 43.0 | 43.4 | 完成
"""


@pytest.mark.parametrize(
    ("question", "value", "kind"),
    [
        ("岚溪市规划2025年森林覆盖率的目标是多少？", 43.0, "target"),
        ("岚溪市2025年森林覆盖率实际完成了多少？", 43.4, "actual"),
        ("岚溪市规划提出2025年研发经费投入强度达到多少？", 2.80, "target"),
    ],
)
def test_target_and_outcome_of_the_same_year_are_told_apart_by_the_column_label(
    tmp_path: Path, question: str, value: float, kind: str
) -> None:
    """The cell's kind is its column's: the card says a target is a target, not an outcome."""
    with answerer_over(tmp_path, {"751_lanxi_final.txt": FINAL_REVIEW}) as answerer:
        ranks_first_never_wrong(answerer, question, value, "%")
        assert answerer.rank(answerer.parse(question)).ranked[0].scored.candidate.kind == kind
