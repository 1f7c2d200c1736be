"""The literals that let a paragraph skip a time or exclusion pattern are necessary for that pattern: a
pattern skipped for a text never matches it (property test over texts built from the patterns' pieces)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sinoscope.extraction import periods, q_exclude, q_scan

PIECES = [
    "2021", "1998", "2100", "21", "05", "12", "3", "年", "月", "日", "底", "-", "–", "~", "至", "/", ".", ":", "：",
    " ", "\n", "January", "Sept.", "Dec", "may", "FY", "Fiscal", "fiscal year ", "CY", "from ", "Between ", " to ",
    "Table ", "fig. ", "第", "章", "§", "Unit: ", "单位：", "万元", "1.2.3", "percent", "%", "“", "”", "Section 4",
    "Kelvin K", "ſ", "10:30", "3/4", "the ", "增长", "twenty-one", "One", "hundred", "百分之", "千兆", "5 870.4",
    "3,500",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_a_time_pattern_skipped_never_matches(text: str) -> None:
    kept = {kind for kind, _ in periods._applicable(text)}
    for kind, pattern in periods._PATTERNS:
        if kind not in kept:
            assert pattern.search(text) is None, (kind, text)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_an_exclusion_pattern_skipped_never_matches(text: str) -> None:
    pairs = [
        (q_exclude._REF_HINT, q_exclude._REF),
        (q_exclude._SECTION_HINT, q_exclude._SECTION_NUMBER),
        (q_exclude._UNIT_HINT, q_exclude._UNIT_DECLARATION),
        (q_exclude._CLOCK_HINT, q_exclude._CLOCK_RATIO),
    ]
    for hint, pattern in pairs:
        if hint.search(text) is None:
            assert pattern.search(text) is None, (pattern.pattern[:40], text)


def test_every_time_pattern_names_what_it_needs() -> None:
    assert {kind for kind, _ in periods._PATTERNS} == set(periods._NEEDS)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_without_a_number_word_the_digit_only_token_reads_the_same(text: str) -> None:
    assert q_scan._TOKEN_DIGITS_ONLY.pattern != q_scan._TOKEN.pattern
    if q_scan._WORD_AT.search(text) is None:
        full = [(m.span(), m.lastgroup) for m in q_scan._TOKEN.finditer(text)]
        assert full == [(m.span(), m.lastgroup) for m in q_scan._TOKEN_DIGITS_ONLY.finditer(text)]
