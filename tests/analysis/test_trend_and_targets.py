"""Target status rules and trend projection on invented series."""

from __future__ import annotations

import pytest

from sinoscope.analysis.targets import Status, track
from sinoscope.analysis.trend import cagr, linear_slope, project
from sinoscope.knowledge.base import Citation
from sinoscope.knowledge.measures import Indicator, Observation, Target

SRC = (Citation(anchor="rep#1¶1", quote_value="1"),)
IND = Indicator(id="share", name="Share", definition="a share", unit="%", sources=SRC)


def _target(value: float | None, year: str = "2030", comparator: str = "=", **kw: object) -> Target:
    extra: dict[str, object] = {"description": "qualitative"} if value is None else {"unit": "%"}
    return Target(
        id="t", indicator="share", policy="plan", value=value, year=year, comparator=comparator,  # type: ignore[arg-type]
        sources=SRC, **extra, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _obs(period: str, value: float, publisher: str = "stats office", unit: str = "%") -> Observation:
    return Observation(
        id=f"o-{period}-{publisher[:3]}", indicator="share", entity="cn", period=period, value=value, unit=unit,
        publisher=publisher, sources=(Citation(anchor=f"rep#table-1-{period[-1]}", quote_value=str(value)),),
    )  # fmt: skip


def test_cagr_and_linear_slope() -> None:
    assert cagr(100, 121, 2) == pytest.approx(0.10)
    assert linear_slope([(2020, 1.0), (2021, 3.0), (2022, 5.0)]) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        cagr(0, 5, 3)


def test_projection_falls_back_to_a_line_when_the_series_is_not_positive() -> None:
    p = project([(2020, -2.0), (2022, 2.0)], 2024)
    assert p is not None and p.method == "linear" and p.value == pytest.approx(6.0)
    q = project([(2020, 10.0), (2022, 12.1)], 2024)
    assert q is not None and q.method == "cagr" and q.value == pytest.approx(14.641)
    assert project([(2020, 1.0)], 2030) is None


def test_on_track_and_off_track_by_projection() -> None:
    series = (_obs("2018", 10.0), _obs("2020", 12.1))
    on = track(_target(17.0, "2024"), IND, series)
    assert on.status is Status.ON_TRACK and on.projection is not None
    off = track(_target(30.0, "2024"), IND, series)
    assert off.status is Status.OFF_TRACK and off.gap == pytest.approx(17.9)
    assert "rep#table-1-0" in off.evidence


def test_past_target_year_uses_that_years_observation() -> None:
    series = (_obs("2019", 20.0), _obs("2020", 24.5), _obs("2021", 60.0))
    result = track(_target(49.0, "2020"), IND, series)
    assert result.status is Status.OFF_TRACK
    assert result.assessed is not None and result.assessed.period == "2020"
    assert track(_target(20.0, "2020", ">="), IND, series).status is Status.MET


def test_no_data_not_evaluable_and_span_targets() -> None:
    assert track(_target(None), IND, ()).status is Status.NOT_EVALUABLE
    assert track(_target(10.0), IND, ()).status is Status.NO_DATA
    assert track(_target(10.0), IND, (_obs("2020", 5.0, unit="CNY"),)).status is Status.NO_DATA
    # an observation before a 2021-2025 plan period says nothing about that period
    assert track(_target(7.0, "2021-2025", ">"), IND, (_obs("2020", 10.0),)).status is Status.NO_DATA
    single = track(_target(50.0, "2030"), IND, (_obs("2021", 10.0),))
    assert single.status is Status.NOT_EVALUABLE and "single" in single.note


def test_lower_is_better_targets() -> None:
    series = (_obs("2018", 50.0), _obs("2020", 40.0))
    assert track(_target(30.0, "2024", "<="), IND, series).status is Status.ON_TRACK
    assert track(_target(10.0, "2024", "<="), IND, series).status is Status.OFF_TRACK


def test_main_series_is_the_publisher_with_most_points() -> None:
    series = (_obs("2018", 10.0), _obs("2019", 11.0), _obs("2020", 12.0), _obs("2020", 40.0, "one-off survey"))
    result = track(_target(30.0, "2025"), IND, series)
    assert result.status is Status.OFF_TRACK  # the survey's 40 does not make it "met"
    assert {p.publisher for p in result.latest} == {"stats office", "one-off survey"}


def test_a_breakdown_is_not_the_whole() -> None:
    regional = _obs("2021", 80.0).model_copy(update={"dimension": "one province"})
    assert track(_target(0.0, "2025"), None, (regional,)).status is Status.NO_DATA


def test_an_equal_goal_below_the_start_points_down() -> None:
    series = (_obs("2019", 80.0), _obs("2021", 60.0))
    cut = track(_target(0.0, "2025"), None, series)  # cut to zero: 60 is not "met"
    assert cut.status is Status.OFF_TRACK and cut.projection is not None
    assert track(_target(0.0, "2022"), None, (_obs("2019", 80.0), _obs("2022", 0.0))).status is Status.MET
    rising = IND.model_copy(update={"higher_is_better": True})
    assert track(_target(0.0, "2025"), rising, series).status is Status.MET  # the indicator's direction wins
    base = _target(50.0, "2025", baseline_value=70.0)
    assert track(base, None, (_obs("2021", 60.0), _obs("2022", 55.0))).status is Status.ON_TRACK


def test_a_single_year_main_series_is_pooled_with_other_publishers_and_says_so() -> None:
    series = (_obs("2020", 10.0, "survey"), _obs("2021", 19.0, "office"), _obs("2021-06", 19.5, "office"))
    result = track(_target(60.0, "2023"), IND, series)
    assert result.status is Status.ON_TRACK and result.projection is not None
    assert result.projection.from_value == pytest.approx(19.5)  # the main publisher's latest figure of 2021
    assert "several publishers (survey, office)" in result.note
