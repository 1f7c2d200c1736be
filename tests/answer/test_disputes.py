"""Which figures a card shows as a dispute between sources (`engine._sources`): the same measure, for the same
period and of the same kind, stated with different values. Invented figures."""

from __future__ import annotations

from dataclasses import replace

from sinoscope.answer.candidates import Candidate
from sinoscope.answer.engine import _sources
from sinoscope.answer.ranker import Ranked
from sinoscope.answer.scoring import Scored

BASE = Candidate(
    value=39.7, unit="%", printed="39.7", period="2021", kind="actual", anchor="r#1¶1", doc_id="r", line=1,
    quote="", near="", before="", after="", context="", source="fact",
)  # fmt: skip


def _ranked(c: Candidate, score: float = 1.0) -> Ranked:
    return Ranked(Scored(c, score, 0.8, True), (), 0.5)


def _shown(*cands: Candidate) -> list[float]:
    return [r.scored.candidate.value for r, _ in _sources([_ranked(c) for c in cands])]


def test_one_passage_restating_a_revised_target_shows_both() -> None:
    first = replace(BASE, value=49.0, kind="target", quote="The plan set the rate at 49% by 2021.")
    revised = replace(BASE, value=58.0, kind="target", quote="It was later revised to 58% by 2021.")
    assert _shown(first, revised) == [49.0, 58.0]


def test_rows_of_one_table_are_never_a_dispute() -> None:
    caption = "Table 2: Share of top-cited authors"
    rows = [
        replace(BASE, source="table", anchor="r#table-2", value=v, quote=f"{caption} — 2021 (%): {n} | {v}")
        for n, v in (("Avalon", 39.7), ("Brovnia", 14.2), ("Carvel", 7.5))
    ]
    assert _shown(*rows) == [39.7]


def test_a_target_and_the_outcome_of_its_year_are_not_a_dispute() -> None:
    target = replace(BASE, value=2.5, kind="target", anchor="plan#2¶3", doc_id="plan")
    outcome = replace(BASE, value=3.0, kind="actual", anchor="review#1¶3", doc_id="review")
    assert _shown(target, outcome) == [2.5]
    other_source = replace(BASE, value=3.4, kind="target", anchor="press#1¶1", doc_id="press")
    assert _shown(target, outcome, other_source) == [2.5, 3.4]  # two sources' targets do disagree
