"""Two names of one measure match; unrelated words still do not."""

from __future__ import annotations

import pytest

from sinoscope.answer.question import same_word


@pytest.mark.parametrize(
    ("a", "b"), [("value", "amount"), ("monetary", "value"), ("sales", "revenue"), ("volume", "units")]
)
def test_measure_synonyms(a: str, b: str) -> None:
    assert same_word(a, b) and same_word(b, a)


@pytest.mark.parametrize(("a", "b"), [("value", "price"), ("rate", "ratio"), ("sales", "share"), ("amount", "number")])
def test_different_measures_stay_apart(a: str, b: str) -> None:
    assert not same_word(a, b)
