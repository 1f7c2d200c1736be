"""Figures for people: no exponents, no raw floats, scale words and qualifiers kept (English and Chinese)."""

from __future__ import annotations

import re

import pytest

from sinoscope.extraction.display import human_number, human_quantity


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (204_100_000_000, "CNY", "RMB 204.1 bn"),
        (43_260_000_000, "USD", "USD 43.26 bn"),
        (12_000_000_000_000, "CNY", "RMB 12 tn"),
        (96_661_000_000, "CNY", "RMB 96.66 bn"),
        (52, "%", "52%"),
        (0.00899, "%", "0.00899%"),
        (60_000, "applications", "60,000 applications"),
        (1.2, "pp", "1.2 pp"),
        (11_000_000, "persons", "11 million persons"),
        (25.60, "%", "25.6%"),
    ],
)
def test_english_renderings(value: float, unit: str, expected: str) -> None:
    assert human_quantity(value, unit) == expected


def test_qualifiers_and_denominators_are_part_of_the_figure() -> None:
    assert human_quantity(8, "%", comparator=">") == "over 8%"
    assert human_quantity(20, "%", comparator="~") == "about 20%"
    assert human_quantity(6.3, "base stations", per="10,000 people") == "6.3 base stations per 10,000 people"
    assert human_quantity(6, "%", value_max=6.5) == "6%–6.5%"


def test_chinese_renderings_use_wan_and_yi() -> None:
    assert human_quantity(204_100_000_000, "CNY", lang="zh") == "2,041亿元"
    assert human_quantity(5, "%", comparator="~", lang="zh") == "约5%"
    assert human_quantity(0.3, "pp", lang="zh") == "0.3个百分点"
    assert human_quantity(12_440_000, "persons", lang="zh") == "1,244万 persons"


@pytest.mark.parametrize("value", [1e-7, 3.14159e-3, 7.5e17, 123456.789, -0.5, 0.0])
def test_no_exponent_notation_ever(value: float) -> None:
    assert not re.search(r"\d[eE][+-]?\d", human_number(value))


def test_missing_value_is_a_dash() -> None:
    assert human_quantity(None, "%") == "–"
    assert human_number(float("nan")) == "–"
