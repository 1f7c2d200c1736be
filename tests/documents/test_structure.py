"""Structure recovery on small invented reports that reproduce the layouts of real conversions."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sinoscope.documents.model import BlockKind, Document
from sinoscope.documents.structure import build_document
from sinoscope.sources.model import SourceFormat, SourceText


def _doc(text: str, doc_id: str = "rep") -> Document:
    source = SourceText(
        path=Path("rep.txt"),
        format=SourceFormat.TEXT,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    return build_document(source, doc_id)


def _join(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


REPORT = _join(
    "Water Policy in an Invented Province",
    "Executive Summary",
    "This summary mentions chapters in passing.",
    "Table of Contents",
    "Executive Summary\ti\nPrologue: Why Water\t1\n1\tReser\tvoir Building and\n\tIts Costs\t5\n"
    "\t1.1\tEarly Dams\t5\n2\tPri\tcing Reforms\t9",
    "Prologue: Why Water Matters Here",
    "1 Background of the Prologue",
    "1.1 A Part of the Prologue",
    "The prologue numbers its own parts, which are not chapters.",
    "2 Another Prologue Part",
    "More prologue text ends here.",
    "1 Reservoir Building and Its Costs",
    "1.1 Early Dams",
    "The first dams were financed by provincial bonds¹ and cost far more than planned, so the engineers",
    "¹ Bond terms are described in the annex.",
    "reduced the height of the second dam by a third.",
    "Table 1-1. Dam Costs by Year",
    "(RMB hundred million)",
    "\t2019\t2020\t2021\nPlanned\t10.0\t12.5\t14.0\nActual\t11.2\t– 3.0\t15.9",
    "(Prepared for this test)",
    "1.2 Later Dams",
    "2 Targets that are numbered items inside chapter 1",
    "This numbered line above is an item, not chapter two.",
    "Name\tHeight\nNorth Dam\t120\nSouth Dam\t95",
    "Table 1-2: Heights of Two Dams",
    "Source: invented for this test",
    "Figure 1-1. Reservoir levels",
    " ",
    "2 Pricing Reforms",
    "2.1 Tariffs",
    "- The first tariff applied to farms.",
    "- The second tariff applied to factories.",
    "Tariffs rose by 5% in 2021.",
)


def test_chapters_follow_the_contents_not_lookalike_numbered_lines() -> None:
    doc = _doc(REPORT)
    assert [(c.number, c.title) for c in doc.chapters] == [
        (0, "Prologue: Why Water Matters Here"),
        (1, "Reservoir Building and Its Costs"),
        (2, "Pricing Reforms"),
    ]
    assert [s.number for s in doc.chapters[0].sections] == ["1", "1.1", "2"]
    assert [s.number for s in doc.chapters[1].sections] == ["1.1", "1.2"]


def test_prologue_parts_are_anchored_under_chapter_zero() -> None:
    doc = _doc(REPORT)
    block = next(b for b in doc.blocks if b.text.startswith("The prologue numbers"))
    assert block.anchor == "rep#0/1.1¶1"


def test_page_break_split_paragraph_is_one_block_around_its_footnote() -> None:
    doc = _doc(REPORT)
    para = next(b for b in doc.blocks if b.text.startswith("The first dams"))
    assert len(para.spans) == 2
    assert para.text.endswith("by a third.")
    assert doc.text[para.spans[1].start : para.spans[1].end].startswith("reduced")
    i = para.text.index("reduced")
    assert doc.text[para.source_offset(i) :].startswith("reduced")
    note = doc.block("rep#fn-1.1")
    assert note is not None and note.kind is BlockKind.FOOTNOTE
    assert [r.target for r in para.footnote_refs] == ["rep#fn-1.1"]
    assert doc.text[para.footnote_refs[0].offset] == "¹"


def test_caption_above_table_with_units_and_negative_cell() -> None:
    doc = _doc(REPORT)
    block = doc.block("rep#table-1-1")
    assert block is not None and block.table is not None
    table = block.table
    assert table.caption_position == "above"
    assert table.rows == (
        ("", "2019", "2020", "2021"),
        ("Planned", "10.0", "12.5", "14.0"),
        ("Actual", "11.2", "– 3.0", "15.9"),
    )
    assert "(RMB hundred million)" in table.notes and "(Prepared for this test)" in table.notes
    for row, span in zip(table.rows, table.row_spans, strict=True):
        assert doc.text[span.start : span.end].split("\t")[-1] == row[-1]


def test_caption_below_table_and_numbered_item_is_not_a_chapter() -> None:
    doc = _doc(REPORT)
    block = doc.block("rep#table-1-2")
    assert block is not None and block.table is not None
    assert block.table.caption_position == "below"
    assert block.table.rows[0] == ("Name", "Height")
    assert "Source: invented for this test" in block.table.notes
    item = next(b for b in doc.blocks if b.text.startswith("2 Targets"))
    assert item.chapter == "1" and item.kind is not BlockKind.HEADING


def test_figure_caption_and_empty_placeholder() -> None:
    doc = _doc(REPORT)
    fig = doc.block("rep#figure-1-1")
    assert fig is not None and fig.kind is BlockKind.CAPTION
    assert not any(b.text.strip() == "" for b in doc.blocks)


def test_list_items_and_paragraph_numbering() -> None:
    doc = _doc(REPORT)
    kinds = [(b.anchor, b.kind) for b in doc.blocks if b.section == "2.1" and b.kind is not BlockKind.HEADING]
    assert kinds == [
        ("rep#2.1¶1", BlockKind.LIST_ITEM),
        ("rep#2.1¶2", BlockKind.LIST_ITEM),
        ("rep#2.1¶3", BlockKind.PARAGRAPH),
    ]


def test_front_matter_and_contents_stay_out_of_chapters() -> None:
    doc = _doc(REPORT)
    summary = next(b for b in doc.blocks if b.text.startswith("This summary"))
    assert summary.chapter is None and summary.anchor.startswith("rep#front¶")
    assert doc.title == "Water Policy in an Invented Province"


def test_footnotes_interleaved_inside_a_table_do_not_split_it() -> None:
    text = _join(
        "1 Only Chapter",
        "Table 1-1. Items",
        "1\tAlpha\t3\tGamma\n2\tBeta\t4\tDelta",
        "² A footnote printed in the middle of the table.",
        "5\tEpsilon\t6\tZeta",
        "Source: made up",
    )
    doc = _doc(text)
    block = doc.block("rep#table-1-1")
    assert block is not None and block.table is not None
    assert [r[1] for r in block.table.rows] == ["Alpha", "Beta", "Epsilon"]
    assert doc.block("rep#fn-1.2") is not None


def test_table_split_around_its_caption_by_a_page_break() -> None:
    text = _join(
        "1 Only Chapter",
        "Some text before the table.",
        "Year\tA\tB\n2019\t1\t2",
        "Table 1-1: Split Table",
        "2020\t3\t4",
        "Source: made up",
        "Text after the table.",
    )
    doc = _doc(text)
    block = doc.block("rep#table-1-1")
    assert block is not None and block.table is not None
    assert [r[0] for r in block.table.rows] == ["Year", "2019", "2020"]


def test_anchors_stable_and_unique_with_repeated_labels() -> None:
    text = _join("1 Only Chapter", "Figure 1-1: First", "Figure 1-1: Printed twice by mistake")
    doc = _doc(text)
    assert [b.anchor for b in doc.blocks if b.kind is BlockKind.CAPTION] == ["rep#figure-1-1", "rep#figure-1-1-b"]
    assert [b.anchor for b in _doc(text).blocks] == [b.anchor for b in doc.blocks]


def test_chapter_word_and_chinese_chapter_headings() -> None:
    doc = _doc(_join("Chapter 1: Origins", "Text.", "Chapter 2: Growth", "More."))
    assert [(c.number, c.title) for c in doc.chapters] == [(1, "Origins"), (2, "Growth")]
    doc = _doc(_join("第一章 总论", "正文。", "第二章 目标", "正文。"))
    assert [(c.number, c.title) for c in doc.chapters] == [(1, "总论"), (2, "目标")]


def test_text_without_any_structure_is_all_front_paragraphs() -> None:
    doc = _doc("Just a note.\n\nAnother line with 3 numbers.\n")
    assert doc.chapters == ()
    assert [b.anchor for b in doc.blocks] == ["rep#front¶1", "rep#front¶2"]
