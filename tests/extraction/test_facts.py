"""Facts located in a Document: document offsets across page breaks, anchors, lines, which blocks are read."""

from __future__ import annotations

from sinoscope.documents.model import Block, BlockKind, Document, Span, Table
from sinoscope.extraction.facts import extract_facts, extract_table_records, extract_tables

# A paragraph cut by a page break, with a footnote body printed in between (one block, two spans).
TEXT = (
    "3 Widget Funds\n"  # heading: never read for facts
    "\n"
    "In 2021 the widget fund raised RMB 4.5\n"
    "¹ A made-up footnote citing RMB 9 billion of loans.\n"
    "billion from 12 banks, and 35 firms applied.\n"
    "\n"
    "Figure 3-1. Widget output grew 8% in 2022\n"
    "\n"
    "Table 3-1. Widget grants\n"
    "(RMB hundred million)\n"
    "Item\t2020\t2021\n"
    "Grants\t38.0\t45.0\n"
    "\n"
    "• About 60% of grants went to 3 provinces.\n"
)


def _span(piece: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(piece, start + 1)
    return Span(start, start + len(piece))


def _line(span: Span) -> int:
    return TEXT.count("\n", 0, span.start) + 1


def _doc(source_path: str = "/reports/300_widgets.txt") -> Document:
    heading = _span("3 Widget Funds")
    part1 = _span("In 2021 the widget fund raised RMB 4.5")
    part2 = _span("billion from 12 banks, and 35 firms applied.")
    note = _span("¹ A made-up footnote citing RMB 9 billion of loans.")
    caption = _span("Figure 3-1. Widget output grew 8% in 2022")
    rows = [_span("Item\t2020\t2021"), _span("Grants\t38.0\t45.0")]
    item = _span("• About 60% of grants went to 3 provinces.")
    table = Table(
        label="3-1",
        caption="Widget grants",
        caption_span=_span("Table 3-1. Widget grants"),
        caption_position="above",
        rows=(("Item", "2020", "2021"), ("Grants", "38.0", "45.0")),
        row_spans=tuple(rows),
        notes=("(RMB hundred million)",),
    )

    def block(kind: BlockKind, anchor: str, spans: tuple[Span, ...], n: int, **kw: object) -> Block:
        text = (
            " ".join(TEXT[s.start : s.end] for s in spans)
            if kind is not BlockKind.TABLE
            else "\n".join(TEXT[s.start : s.end] for s in spans)
        )
        return Block(kind, anchor, spans, text, _line(spans[0]), "3", None, n, **kw)  # type: ignore[arg-type]

    blocks = (
        block(BlockKind.HEADING, "300#3", (heading,), 0),
        block(BlockKind.PARAGRAPH, "300#3¶1", (part1, part2), 1),
        block(BlockKind.FOOTNOTE, "300#fn-3.1", (note,), 2),
        block(BlockKind.CAPTION, "300#figure-3-1", (caption,), 3),
        block(BlockKind.TABLE, "300#table-3-1", tuple(rows), 4, table=table),
        block(BlockKind.LIST_ITEM, "300#3¶2", (item,), 5),
    )
    return Document("300", "Widgets", TEXT, (), blocks, source_path=source_path)


def test_facts_map_back_to_the_document_across_a_page_break() -> None:
    facts = extract_facts(_doc())
    texts = [f.text for f in facts]
    assert texts == ["RMB 4.5 billion", "RMB 9 billion", "12", "35", "8%", "60%", "3"]
    split = facts[0]
    assert (split.value, split.unit, split.period, split.section) == (4.5e9, "CNY", "2021", "300#3¶1")
    assert TEXT[split.start : split.start + 7] == "RMB 4.5" and TEXT[split.end - 7 : split.end] == "billion"
    for f in facts[1:]:
        assert TEXT[f.start : f.end] == f.text
        assert f.line == TEXT.count("\n", 0, f.start) + 1
        assert f.doc == "300_widgets.txt" and f.doc_id == "300"
    assert [f.section for f in facts[1:]] == [
        "300#fn-3.1", "300#3¶1", "300#3¶1", "300#figure-3-1", "300#3¶2", "300#3¶2"
    ]  # fmt: skip
    assert [f.unit for f in facts[2:4]] == ["banks", "companies"]
    assert facts[0].line == 3 and facts[2].line == 5


def test_facts_are_in_document_order_and_skip_headings_and_tables() -> None:
    facts = extract_facts(_doc())
    assert [f.start for f in facts] == sorted(f.start for f in facts)
    assert not any(f.section in ("300#3", "300#table-3-1") for f in facts)
    assert not any(f.text.startswith("3 Widget") or f.value in (38.0, 45.0) for f in facts)


def test_a_document_without_a_file_is_filed_under_its_id() -> None:
    assert {f.doc for f in extract_facts(_doc(source_path=""))} == {"300"}


def test_table_records_inherit_the_unit_line() -> None:
    records = extract_table_records(_doc())
    assert [(r.table_anchor, r.row_label, r.col_label, r.value, r.unit) for r in records] == [
        ("300#table-3-1", "Grants", "2020", 3.8e9, "CNY"),
        ("300#table-3-1", "Grants", "2021", 4.5e9, "CNY"),
    ]
    (tidy,) = extract_tables(_doc())
    assert tidy.understood and tidy.anchor == "300#table-3-1"
