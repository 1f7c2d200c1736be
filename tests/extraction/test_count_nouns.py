"""What a Chinese count counts, on invented policy sentences: the noun after its measure word (past a quoted
name or a parenthesis), the noun coordinated counts share, the noun before a generic measure word or a bare
scale, and the measure words 大/类 only with digits."""

from __future__ import annotations

import pytest

from sinoscope.extraction.quantities import extract_quantities


def _counts(text: str) -> list[tuple[float, str | None]]:
    return [(q.value, q.unit) for q in extract_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在现有30项“一站式”便民服务的基础上继续推进。", [(30, "services")]),
        ("针对首年关税为零的1500种、5年内关税减让显著的1800种出口商品。", [(1500, "products"), (5, "years"),
                                                                          (1800, "products")]),
        ("覆盖语音和视频2大平台、15类功能模块。", [(2, "platforms"), (15, "modules")]),
        ("企业数量超过4000万户，市场主体总量超过1.2亿户。", [(4e7, "companies"), (1.2e8, "market entities")]),
        ("全年新增1200户（累计约2600户）。", [(1200, "households"), (2600, "households")]),
        ("提高扣除标准，4500多万纳税人受益。", [(4.5e7, "persons")]),
        ("脱贫人口务工规模超过2800万。", [(2.8e7, "persons")]),
        ("助学贷款惠及900多万学生。", [(9e6, "persons")]),
    ],
)  # fmt: skip
def test_the_noun_a_count_counts(text: str, expected: list[tuple[float, str]]) -> None:
    assert _counts(text) == expected


def test_numerals_in_slogans_are_not_counts() -> None:
    assert _counts("打好三大攻坚战，推动两类产品出口。") == []
    assert _counts("我国是全球第2大经济体。") == []


def test_a_bare_scale_with_no_noun_is_no_count() -> None:
    assert _counts("规模超过2800万，成效明显。") == []
