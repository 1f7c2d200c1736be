"""A report in Traditional characters answers questions in either script (an invented Hong Kong broker note)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sinoscope.answer import Answerer

from .checks import answerer_over, ranks_first_never_wrong

NOTE = """澄海動力電池行業展望（2026年3月）

一、行業回顧
2025年全港新能源巴士保有量達到3,280輛，按年增長22.4%。
去年本地充電樁數目增至1.9萬個，其中快充樁佔比約為35%。

二、盈利預測
我們預計今年澄海電池營業收入增長約16%，淨利潤達到48億元。
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    with answerer_over(tmp_path_factory.mktemp("traditional"), {"chenghai_battery_outlook.txt": NOTE}) as answerer:
        yield answerer


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("2025年新能源巴士保有量增长多少？", 22.4, "%"),  # Simplified question
        ("2025年新能源巴士保有量按年增長多少？", 22.4, "%"),  # Traditional question
        ("快充桩占充电桩的比例是多少？", 35.0, "%"),
        ("澄海电池今年净利润预计是多少？", 4_800_000_000.0, "CNY"),
    ],
)
def test_either_script_finds_the_figure(answerer: Answerer, question: str, value: float, unit: str) -> None:
    ranks_first_never_wrong(answerer, question, value, unit)
