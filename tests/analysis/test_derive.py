"""Formulas over named inputs and derived indicators recomputed from invented observations."""

from __future__ import annotations

import pytest

from sinoscope.analysis.derive import Derivation, InputRef, derive_rows
from sinoscope.analysis.formula import evaluate, parse
from sinoscope.extraction.model import Kind
from sinoscope.knowledge.base import Citation
from sinoscope.knowledge.measures import Observation


def test_formula_arithmetic_and_breakdown_names() -> None:
    f = parse("100 * {sales} / ({market} * {rate[annual]})")
    assert f.names == ("sales", "market", "rate[annual]")
    assert evaluate(f, {"sales": 30.0, "market": 10.0, "rate[annual]": 6.0}) == pytest.approx(50.0)
    assert evaluate(parse("-{a} ** 2 + {a}"), {"a": 3.0}) == pytest.approx(-6.0)
    assert InputRef.of("share[by value]") == InputRef("share", "by value")
    with pytest.raises(ZeroDivisionError):
        evaluate(parse("{a} / {b}"), {"a": 1.0, "b": 0.0})


@pytest.mark.parametrize(
    "text", ["{a}.real", "__import__('os') and {a}", "{a} + x", "{a} if {a} else 1", "'s' * {a}", "{a} // 2", "42"]
)
def test_formula_refuses_anything_but_arithmetic(text: str) -> None:
    with pytest.raises(ValueError):
        parse(text)


def _ob(indicator: str, period: str, value: float, anchor: str, **kw: object) -> Observation:
    return Observation(
        id=f"o-{indicator}-{period}-{anchor.replace('#', '-').replace('¶', '-')}-{kw.get('dimension', 'x')}".lower()
        .replace(" ", "-"),
        indicator=indicator, entity=str(kw.pop("entity", "cn")), period=period, value=value,
        unit=str(kw.pop("unit", "%")), sources=(Citation(anchor=anchor),), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


RATE = Derivation(
    id="rate", name="Rate", indicator="rate", expression="100 * {part} / {whole}", unit="%", method="part ÷ whole"
)


def test_inputs_and_printed_figure_from_the_same_table_win() -> None:
    inputs = {
        "part": [_ob("part", "2020", 30.0, "r#table-1-1", unit="USD"), _ob("part", "2020", 45.0, "r#2¶3", unit="USD")],
        "whole": [_ob("whole", "2020", 120.0, "r#table-1-1", unit="USD")],
    }
    printed = [_ob("rate", "2020", 25.0, "r#table-1-1"), _ob("rate", "2020", 31.0, "other#4¶1")]
    (row,) = derive_rows(RATE, inputs, printed)
    assert row.result == pytest.approx(25.0) and row.printed == pytest.approx(25.0)
    assert row.difference == pytest.approx(0.0) and row.printed_anchors == ("r#table-1-1",)
    assert {i.indicator: i.value for i in row.inputs} == {"part": 30.0, "whole": 120.0}


def test_a_printed_figure_from_elsewhere_is_not_compared_and_missing_inputs_skip_the_period() -> None:
    inputs = {
        "part": [_ob("part", "2020", 30.0, "r#table-1-1"), _ob("part", "2021", 40.0, "r#table-1-1")],
        "whole": [_ob("whole", "2020", 120.0, "r#table-1-1")],
    }
    (row,) = derive_rows(RATE, inputs, [_ob("rate", "2020", 31.0, "other#4¶1")])
    assert row.period == "2020" and row.printed is None and row.difference is None


def test_targets_forecasts_and_zero_divisors_are_left_out() -> None:
    inputs = {
        "part": [_ob("part", "2030", 30.0, "r#1¶1", kind=Kind.TARGET), _ob("part", "2020", 1.0, "r#1¶1")],
        "whole": [_ob("whole", "2030", 60.0, "r#1¶1"), _ob("whole", "2020", 0.0, "r#1¶1")],
    }
    assert derive_rows(RATE, inputs, []) == []


def test_breakdowns_and_entities_are_matched_separately() -> None:
    d = Derivation(
        id="price-jp", name="Price from Japan", indicator="price", dimension="from Japan", unit="USD", per="unit",
        expression="{value} * {share[by value]} / ({volume} * {share[by volume]})", method="value ÷ volume",
    )  # fmt: skip
    t = "r#table-5-1"
    inputs = {
        "value": [_ob("value", "2020", 1000.0, t, unit="USD", entity=e) for e in ("cn", "us")],
        "volume": [_ob("volume", "2020", 10.0, t, unit="units", entity=e) for e in ("cn", "us")],
        "share[by value]": [_ob("share", "2020", 60.0, t, dimension="by value", entity=e) for e in ("cn", "us")],
        "share[by volume]": [
            _ob("share", "2020", 80.0, t, dimension="by volume"),
            _ob("share", "2020", 50.0, t, dimension="by volume", entity="us"),
        ],
    }
    printed = [
        _ob("price", "2020", 75.0, t, unit="USD", per="unit", dimension="from Japan"),
        _ob("price", "2020", 100.0, t, unit="USD", per="unit"),  # the all-countries price: another series
    ]
    rows = {r.entity: r for r in derive_rows(d, inputs, printed)}
    assert rows["cn"].result == pytest.approx(75.0) and rows["cn"].printed == pytest.approx(75.0)
    assert rows["us"].result == pytest.approx(120.0) and rows["us"].printed is None
    assert rows["cn"].relative_difference == pytest.approx(0.0)
