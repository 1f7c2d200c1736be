"""Cutting a passage into marked runs, and placing periods on a chart's year axis."""

from __future__ import annotations

from sinoscope.app.charts import year_of
from sinoscope.app.reader import Mark, runs, text_index
from sinoscope.documents.model import Block, BlockKind, Span

# Two spans (a page break between them): document offsets 100..120 and 200..220.
BLOCK = Block(
    kind=BlockKind.PARAGRAPH,
    anchor="x#1¶1",
    spans=(Span(100, 120), Span(200, 220)),
    text="Output rose by 12.5% and then fell by 3%.",
    line=1,
    chapter="1",
    section=None,
    ordinal=0,
)


def test_text_index_maps_document_offsets_across_spans() -> None:
    assert BLOCK.text[: 120 - 100] == "Output rose by 12.5%"
    assert text_index(BLOCK, 100) == 0
    assert text_index(BLOCK, 115) == 15
    assert text_index(BLOCK, 200) == 21
    assert text_index(BLOCK, 150) is None
    for i in (0, 7, 20, 21, 30):
        assert text_index(BLOCK, BLOCK.source_offset(i)) == i


def test_runs_mark_facts_in_both_spans_and_keep_the_rest_whole() -> None:
    marks = [Mark(115, 120, "fact", "12.5%"), Mark(217, 219, "fact", "3%")]
    out = runs(BLOCK, marks)
    assert "".join(r.text for r in out) == BLOCK.text
    assert [(r.text, r.kind) for r in out if r.kind] == [("12.5%", "fact"), ("3%", "fact")]


def test_a_mark_whose_text_does_not_line_up_is_dropped() -> None:
    out = runs(BLOCK, [Mark(101, 106, "fact", "12.5%")])
    assert [r.kind for r in out] == [None]


def test_overlapping_marks_keep_the_higher_priority() -> None:
    marks = [Mark(100, 111, "entity", "Output rose", priority=1), Mark(107, 120, "fact", None, priority=2)]
    out = runs(BLOCK, marks)
    assert [(r.text, r.kind) for r in out if r.kind] == [("rose by 12.5%", "fact")]
    assert "".join(r.text for r in out) == BLOCK.text


def test_year_of_periods() -> None:
    assert year_of("2019") == 2019.0
    assert year_of("2022-07") == 2022.5
    assert year_of("2021-2025") == 2025.0
    assert year_of("2020-03-15") == 2020 + 2 / 12
    assert year_of("FY2020") is None
