"""Status of learned targets against actual values from any document (invented figures)."""

from __future__ import annotations

from sinoscope.analysis.targets import Sighting, Status, track_sighting


def s(id_: str, value: float, period: str | None, *, comparator: str = "=", review: str = "proposed",
      indicator: str = "growth", entity: str = "cn", unit: str = "%") -> Sighting:  # fmt: skip
    return Sighting(id_, indicator, entity, value, unit, comparator, period, f"d#1¶{id_}", "d.txt", 1, review)


def test_the_deadline_years_value_decides() -> None:
    goal = s("t", 6, "2031", comparator="~")
    assert track_sighting(goal, [s("a", 5.8, "2030"), s("b", 6.1, "2031")]).status is Status.MET
    assert track_sighting(goal, [s("b", 4.0, "2031")], higher_is_better=True).status is Status.OFF_TRACK
    assert (
        track_sighting(s("t", 5.5, "2031", comparator="~"), [s("b", 5.1, "2031")], higher_is_better=False).status
        is Status.MET
    )  # unemployment "about 5.5 %": lower is better


def test_about_x_with_no_known_direction_is_not_judged() -> None:
    t = track_sighting(s("t", 3, "2031", comparator="~"), [s("b", 0.2, "2031")])
    assert t.status is Status.NOT_EVALUABLE and "ceiling or an aim" in t.note


def test_floors_and_ceilings() -> None:
    assert track_sighting(s("t", 80, "2031", comparator=">="), [s("a", 76, "2031")]).status is Status.OFF_TRACK
    assert track_sighting(s("t", 5.5, "2031", comparator="<="), [s("a", 5.1, "2031")]).status is Status.MET


def test_nothing_is_decided_before_the_deadline() -> None:
    t = track_sighting(s("t", 5, "2033", comparator="~"), [s("a", 5, "2031")])
    assert t.status is Status.NOT_EVALUABLE
    floor = track_sighting(s("t", 80, "2033", comparator=">="), [s("a", 81, "2031")])
    assert floor.status is Status.NOT_EVALUABLE and "no observation for 2033" in floor.note  # a flow may fall back


def test_other_entity_unit_indicator_or_rejected_values_do_not_count() -> None:
    goal = s("t", 6, "2031", comparator="~")
    others = [
        s("x", 6.0, "2031", entity="place-1"),
        s("y", 6.0, "2031", unit="CNY"),
        s("z", 6.0, "2031", indicator="other"),
        s("r", 6.0, "2031", review="rejected"),
    ]
    t = track_sighting(goal, others)
    assert t.status is Status.NO_DATA and t.observations == ()


def test_no_deadline_is_not_evaluable() -> None:
    t = track_sighting(s("t", 6, None), [s("a", 6.0, "2031")])
    assert t.status is Status.NOT_EVALUABLE and t.note == "no deadline stated"


def test_documents_that_disagree_on_a_value_are_a_finding() -> None:
    from sinoscope.analysis.targets import document_disagreements

    a = Sighting("a", "growth", "cn", 5.2, "%", "=", "2031", "x#1¶1", "x.txt", 3, "proposed")
    b = Sighting("b", "growth", "cn", 5.4, "%", "=", "2031", "y#1¶2", "y.txt", 9, "proposed")
    same = Sighting("c", "growth", "cn", 5.2, "%", "=", "2031", "z#1¶1", "z.txt", 1, "proposed")
    found = document_disagreements([a, b, same])
    assert [f.anchors for f in found] == [("x#1¶1", "y#1¶2"), ("y#1¶2", "z#1¶1")]
    assert "5.2 % in x.txt" in found[0].message
    assert document_disagreements([a, s("r", 9.9, "2031", review="rejected")]) == []
