"""The parts quantity extraction is built from: number reading, time expressions, clauses, excluded spans."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinoscope.extraction.numbers import parse_chinese, parse_digits, parse_words
from sinoscope.extraction.periods import find_times
from sinoscope.extraction.q_exclude import SpanSet, excluded_spans
from sinoscope.extraction.q_text import clauses, sentences
from sinoscope.extraction.quantities import extract_quantities


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,045.83", "1045.83"), ("１２３", "123"), ("7", "7"), ("250,000", "250000")],
)
def test_parse_digits(text: str, value: str) -> None:
    assert parse_digits(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("ten", 10), ("twenty-five", 25), ("three hundred and ten", 310), ("Sixteen", 16), ("ten apples", None)],
)
def test_parse_words(text: str, value: int | None) -> None:
    assert parse_words(text) == (Decimal(value) if value is not None else None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一千二百", "1200"),
        ("三点五", "3.5"),
        ("两", "2"),
        ("十二", "12"),
        ("百分之五十", "50"),
        ("万", None),
        ("点", None),
    ],
)
def test_parse_chinese(text: str, value: str | None) -> None:
    assert parse_chinese(text) == (Decimal(value) if value is not None else None)


def test_time_expressions() -> None:
    text = (
        "In 2015, Made in China 2025 set 40% by 2020; as of January 2024 the 2015-2020 data held."
        " 到2025年，截至2023年底"
    )
    times = find_times(text)
    got = [(text[t.start : t.end], t.period, t.by, t.as_of) for t in times.exprs]
    assert got == [
        ("2015", "2015", False, False),
        ("2020", "2020", True, False),
        ("January 2024", "2024-01", False, True),
        ("2015-2020", "2015-2020", False, False),
        ("2025年", "2025", True, False),
        ("2023年底", "2023", False, True),
    ]
    assert [text[s:e] for s, e in times.names] == ["2025"]  # "Made in China 2025" is a name
    assert find_times("Since 2014 it has grown.").exprs[0].since


def test_sentences_and_clauses() -> None:
    text = "The U.S. rate was 5.5% in 2021; the EU rate was 3.1%. It rose, and it fell again. 产量增长。出口下降。"
    sents = [text[s.start : s.end] for s in sentences(text)]
    assert sents == [
        "The U.S. rate was 5.5% in 2021; the EU rate was 3.1%.",
        "It rose, and it fell again.",
        "产量增长。",
        "出口下降。",
    ]
    first = sentences(text)[0]
    assert [text[c.start : c.end].strip() for c in clauses(text, first)] == [
        "The U.S. rate was 5.5% in 2021;",
        "the EU rate was 3.1%.",
    ]
    listing = "Rates were 15.1% in 2014, 13.8% in 2016, and 15.7% in 2019."
    assert len(clauses(listing, sentences(listing)[0])) == 1  # a list is not split


def test_excluded_spans_and_span_set() -> None:
    text = "See Table 4-1, section 4.3.1 and https://x.org/a-2021.html at 10:30."
    got = [text[s:e] for s, e in excluded_spans(text)]
    assert "Table 4-1" in got and "4.3.1" in got and "10:30" in got
    assert any("https://x.org" in g for g in got)
    spans = SpanSet([(0, 5), (3, 8), (20, 25)])
    assert spans.overlaps(7, 9) and spans.overlaps(24, 30) and not spans.overlaps(8, 20)


@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.%-–$RMBbillion年万亿元約to()\n¹²")), max_size=80))
def test_any_text_gives_well_formed_quantities(text: str) -> None:
    for q in extract_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.unit
        assert q.value_max is None or q.value_max >= q.value or q.value < 0
