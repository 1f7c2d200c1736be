"""A quoted figure is found in a passage however the passage prints it, and never inside another number."""

from __future__ import annotations

import pytest

from sinoscope.knowledge.quotes import contains_quote, is_numeric, numbers_in, parse_printed


@pytest.mark.parametrize(
    ("printed", "value"),
    [("2,452,653", 2452653.0), ("– 86.0", -86.0), ("-1.7", -1.7), ("57%", 57.0), ("0.757", 0.757), ("12", 12.0)],
)
def test_parse_printed(printed: str, value: float) -> None:
    assert parse_printed(printed) == value


@pytest.mark.parametrize("text", ["RMB 12 bn", "about 5", "12-15", ""])
def test_parse_printed_refuses_anything_but_a_number(text: str) -> None:
    assert not is_numeric(text)
    with pytest.raises(ValueError, match="not a printed number"):
        parse_printed(text)


@pytest.mark.parametrize(
    ("passage", "quote"),
    [
        ("Output rose to 2452653 units.", "2,452,653"),
        ("Output rose to 2,452,653 units.", "2452653"),
        ("Net profit\t– 86.0\t220.8", "-86.0"),
        ("a share of 69.00% in 2022", "69"),
        ("the fund had RMB 98.72 billion", "98.72"),
        ("the rate was 25.6% (2021)", "25.6%"),
        ("over the years 2015-2020 the plan", "2020"),
        ("Made in China 2025 was issued", "made in  china 2025"),
        ("the “national system” grew", '"national system"'),
    ],
)
def test_contains_quote_finds_the_figure(passage: str, quote: str) -> None:
    assert contains_quote(passage, quote)


@pytest.mark.parametrize(
    ("passage", "quote"),
    [
        ("the share was 121.8%", "21.8"),
        ("the share was 21.85%", "21.8"),
        ("version 3.21.8 shipped", "21.8"),
        ("a rise of 86.0 points", "-86.0"),
        ("widgets are made at home", "gadgets"),
    ],
)
def test_contains_quote_does_not_match_a_different_number(passage: str, quote: str) -> None:
    assert not contains_quote(passage, quote)


def test_numbers_in_reads_signs_only_after_a_space() -> None:
    assert numbers_in("from 2015-2020, a loss of – 8.5 and 1,000") == [2015.0, 2020.0, -8.5, 1000.0]
