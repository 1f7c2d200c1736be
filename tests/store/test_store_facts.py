"""Extracted facts and table records through the store: saved with their document, filtered, round-tripped."""

from __future__ import annotations

from sinoscope.app.stages import extract as extract_document
from sinoscope.documents.model import Document
from sinoscope.extraction.model import Kind
from sinoscope.store import SqliteStore

from .factory import DocBuilder


def _report(doc_id: str = "910") -> Document:
    b = DocBuilder(doc_id, "Sprocket Outlook")
    b.chapter(1, "Sprocket Funding")
    b.para("In 2021, sprocket makers received RMB 4.5 billion in grants, and 35 firms applied.")
    b.para("The ministry set the sprocket self-sufficiency target at 60% by 2030.")
    b.para("Exports reached 12.5% of output in January 2022; the 2023 figure is estimated at 14%.")
    b.table(
        "1-1",
        "Sprocket grants (RMB hundred million)",
        [["Item", "2020", "2021"], ["Grants", "38.0", "45.0"], ["Loans", "12.5", "– 3.0"]],
    )
    return b.build()


def test_ingest_extras_hold_facts_and_cells(store: SqliteStore) -> None:
    doc = _report()
    extras = extract_document(doc)
    store.save_document(doc, extras)
    facts = store.facts("910")
    assert [f.text for f in facts] == ["RMB 4.5 billion", "35", "60%", "12.5%", "14%"]
    for f in facts:
        assert doc.text[f.start : f.end] == f.text
        assert f.doc == "910_made_up.txt" and f.section.startswith("910#1¶")
        assert doc.text.count("\n", 0, f.start) + 1 == f.line
    assert store.get_document("910").facts == 5
    cells = store.table_records("910#table-1-1")
    assert cells == store.table_records(doc_id="910") == store.table_records()
    loan_2021 = next(c for c in cells if c.row_label == "Loans" and c.col_label == "2021")
    assert loan_2021.value == -3.0e8 and loan_2021.unit == "CNY"


def test_fact_filters_combine(store: SqliteStore) -> None:
    store.save_document(_report("910"), extract_document(_report("910")))
    store.save_document(_report("911"), extract_document(_report("911")))
    assert len(store.facts()) == 10
    assert {f.doc_id for f in store.facts("911")} == {"911"}
    assert [f.text for f in store.facts("910", unit="%")] == ["60%", "12.5%", "14%"]
    assert [f.text for f in store.facts("910", kind="target")] == ["60%"]
    assert [f.kind for f in store.facts("910", kind="estimate")] == [Kind.ESTIMATE]
    assert [f.text for f in store.facts("910", period="2022")] == ["12.5%"]  # 2022-01 is inside 2022
    assert [f.text for f in store.facts("910", period="2022-01")] == ["12.5%"]
    assert [f.text for f in store.facts("910", text="rmb")] == ["RMB 4.5 billion"]
    assert [f.unit for f in store.facts("910", text="35")] == ["companies"]
    assert store.facts("910", unit="%", kind="actual", period="2030") == []
    assert store.facts(period="20%") == [] and store.facts(text="'; DROP TABLE facts; --") == []
