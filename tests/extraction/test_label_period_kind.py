"""Column labels of indicator tables that say which year and which kind of figure the cells are: the way plans,
mid-term reviews and outlooks head their tables (invented labels)."""

from __future__ import annotations

import pytest

from sinoscope.extraction.model import Kind
from sinoscope.extraction.q_kind import label_kind
from sinoscope.extraction.table_units import role_period


@pytest.mark.parametrize(
    ("label", "year"),
    [
        ("2020年基期值", "2020"),
        ("2027年目标值", "2027"),
        ("2024年实际值", "2024"),
        ("2030 target", "2030"),
        ("Target 2030", "2030"),
        ("2021年以来", None),
        ("since 2019", None),
        ("完成进度", None),
        ("3. 新增储能装机", None),
        ("2021—2023年均", None),
    ],
)
def test_role_period(label: str, year: str | None) -> None:
    assert role_period(label) == year


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("2027年目标值", Kind.TARGET),
        ("2027年（目标）", Kind.TARGET),
        ("2030 target", Kind.TARGET),
        ("2024年实际值", Kind.ACTUAL),
        ("预计2026年", Kind.FORECAST),
        ("2026 (projected)", Kind.FORECAST),
        ("2024年", None),
        ("Share of exports", None),
    ],
)
def test_label_kind(label: str, kind: Kind | None) -> None:
    assert label_kind(label) == kind
