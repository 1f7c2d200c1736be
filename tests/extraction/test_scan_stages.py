"""Each stage of reading a figure outward from its digits, on its own (invented phrases)."""

from __future__ import annotations

from decimal import Decimal

from sinoscope.extraction.q_exclude import SpanSet
from sinoscope.extraction.q_scan import (
    _TOKEN,
    Reading,
    plausible,
    read_denominator,
    read_number,
    read_qualifier,
    read_range,
    read_scale,
    read_unit,
)

NONE = SpanSet([])


def _at(text: str, token: str) -> Reading:
    m = _TOKEN.search(text, text.index(token))
    assert m is not None
    r = read_number(text, m, NONE)
    assert r is not None
    return r


def test_number_stage_reads_value_and_currency_before() -> None:
    r = _at("They paid RMB 3,450.5 for it", "3,450.5")
    assert (r.value, r.currency, r.text[r.q_start : r.end]) == (Decimal("3450.5"), "CNY", "RMB 3,450.5")
    assert _at("全年收入１２．５万元", "１２").value == Decimal("12.5")
    assert _at("人均 21 345.6 美元", "21").value == Decimal("21345.6")


def test_number_stage_rejects_codes_and_denominators() -> None:
    for text, token in (("the G20 summit", "20"), ("per 10,000 persons", "10,000"), ("ASEAN+3 talks", "3")):
        m = _TOKEN.search(text, text.index(token))
        assert m is not None and read_number(text, m, NONE) is None


def test_range_stage_takes_the_upper_end_and_glued_units() -> None:
    r = _at("growth of 5%-7% a year", "5")
    assert read_range(r, NONE) and (r.unit, r.value_max) == ("%", Decimal(7))
    r = _at("缓缴900多亿元", "900")
    assert read_range(r, NONE) and r.approx == "more than" and r.text[r.pos] == "亿"
    r = _at("in 2019 the", "2019")
    assert read_range(r, SpanSet([(3, 7)])) is False  # a year alone is a date


def test_scale_stage() -> None:
    r = _at("USD 4.5 billion", "4.5")
    assert read_scale(r) and r.scale == Decimal(10) ** 9
    r = _at("1.3万亿斤", "1.3")
    assert read_scale(r) and r.scale == Decimal(10) ** 12


def test_unit_stage_currency_physical_and_counted() -> None:
    cases = [
        ("3.8万亿元", "3.8", "CNY"),
        ("12 yuan", "12", "CNY"),
        ("1.3万亿斤", "1.3", "jin"),
        ("16 national agencies", "16", "organizations"),
        ("共300家企业", "300", "companies"),
        ("千兆光网", "千", "Mbps"),
    ]
    for text, token, unit in cases:
        r = _at(text, token)
        assert read_range(r, NONE) and read_scale(r) and read_unit(r)
        assert r.unit == unit, text


def test_plausibility_stage_drops_names_and_bare_ranks() -> None:
    r = _at("the Mate 60 phone", "60")
    read_unit(r)
    assert plausible(r) is False
    r = _at("二〇二五年", "二〇二五")
    read_unit(r)
    assert plausible(r) is False
    r = _at("there were 80 in all", "80")
    read_unit(r)
    assert plausible(r) and r.unit == ""  # a bare count, resolved from its sentence later


def test_qualifier_stage_sign_and_words() -> None:
    r = _at("fell to – 86.0 last year", "86.0")
    assert read_qualifier(r) and r.negative
    r = _at("增长5%左右", "5")
    read_range(r, NONE)
    assert read_qualifier(r) and r.approx == "about"
    r = _at("no more than 40 firms", "40")
    assert read_qualifier(r) and r.approx == "at most"


def test_denominator_stage() -> None:
    r = _at("USD 12,000 per capita", "12,000")
    read_unit(r)
    assert read_denominator(r) and r.per == "person"
    r = _at("每万人口发明专利拥有量12件", "12")
    read_unit(r)
    assert read_denominator(r) and r.per == "10,000 persons"
