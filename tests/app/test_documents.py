"""app.documents and app.reader: what an anchor names, a passage with its facts and links, the reader's
marked-up passages and the figures as pages print them, over the invented Freedonia reports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api.fixtures import build_store

from sinoscope.app import documents, reader
from sinoscope.app.documents import DocumentOutline, HeadingBlocks
from sinoscope.app.workspace import Workspace
from sinoscope.errors import NotFoundError
from sinoscope.knowledge import KnowledgeBase
from sinoscope.store.base import Store


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, KnowledgeBase]]:
    db = build_store(tmp_path_factory.mktemp("docs"), dense=False)
    ws = Workspace(str(db))
    store = ws.open_store()
    try:
        yield store, ws.knowledge(store)
    finally:
        store.close()


@pytest.fixture(scope="module")
def store(opened: tuple[Store, KnowledgeBase]) -> Store:
    return opened[0]


@pytest.fixture(scope="module")
def kb(opened: tuple[Store, KnowledgeBase]) -> KnowledgeBase:
    return opened[1]


@pytest.mark.parametrize(
    ("typed", "exact"),
    [("901#1.1p2", "901#1.1¶2"), ("  901#2p1 ", "901#2¶1"), ("901#table-1-1", "901#table-1-1"), (" 901 ", "901")],
)
def test_anchors_are_read_as_people_type_them(typed: str, exact: str) -> None:
    assert documents.typed_anchor(typed) == exact


def test_show_names_a_document_a_heading_or_a_block(store: Store) -> None:
    whole = documents.show(store, "901")
    assert isinstance(whole, DocumentOutline)
    assert [c.anchor for c in whole.chapters] == ["901#1", "901#2"]
    heading = documents.show(store, "901#1.1", first_blocks=1)
    assert isinstance(heading, HeadingBlocks)
    assert heading.heading.number == "1.1"
    assert [b.anchor for b in heading.blocks] == ["901#1.1¶1"]  # the heading's own block left out
    block = documents.show(store, "901#1.1p2")
    assert not isinstance(block, DocumentOutline | HeadingBlocks)
    assert block.anchor == "901#1.1¶2"
    with pytest.raises(NotFoundError):
        documents.show(store, "nope")


def test_blocks_filter_by_kind_and_check_the_document(store: Store) -> None:
    assert [b.anchor for b in documents.blocks(store, "901", kind="table")] == ["901#table-1-1"]
    assert {b.section for b in documents.blocks(store, "901", chapter="1", section="1.2")} == {"1.2"}
    with pytest.raises(NotFoundError):
        documents.blocks(store, "555")


def test_a_passage_carries_its_own_facts_links_and_heading(store: Store) -> None:
    found = documents.passage(store, "901#1.1p1")
    assert found.block.anchor == "901#1.1¶1"
    assert [f.text for f in found.facts] == ["40%", "70%"]
    assert all(f.section == "901#1.1¶1" for f in found.facts)
    assert {lk.entity for lk in found.links} >= {"gadget-plan", "gadget-council"}
    assert found.heading is None
    heading = documents.passage(store, "901#1.1").heading
    assert heading is not None and heading.title == "The Gadget Plan"
    with pytest.raises(NotFoundError, match="not an anchor"):
        documents.passage(store, "nonsense")


def test_the_overview_counts_the_knowledge_base_only_when_loaded(store: Store, kb: KnowledgeBase) -> None:
    with_kb = documents.overview(store, kb)
    assert [d.doc_id for d in with_kb.documents] == ["901", "902"]
    assert with_kb.counts["policies"] == 2 and with_kb.counts["funds"] == 1
    assert documents.overview(store, None).counts == {}


def test_the_reader_marks_facts_and_names_what_cites_a_passage(store: Store, kb: KnowledgeBase) -> None:
    page = reader.reading(store, kb, "901")
    assert [e.anchor for e in page.toc[:3]] == ["901#1", "901#1.1", "901#1.2"]
    by_anchor = {p.anchor: p for p in page.passages}
    plan = by_anchor["901#1.1¶1"]
    assert plan.tag == "p" and plan.facts == 2 and plan.cited_figures == 2
    assert ("gadget-plan", "Gadget Plan") in plan.entities
    assert [r.text for r in plan.runs if r.kind == "fact"] == ["40%", "70%"]
    assert by_anchor["901#1.1"].tag == "h3"
    assert by_anchor["901#table-1-1"].tag == "table"
    without_kb = {p.anchor: p for p in reader.reading(store, None, "901").passages}["901#1.1¶1"]
    assert without_kb.entities == [] and not [r for r in without_kb.runs if r.kind == "entity"]


def test_a_table_passage_has_records_and_the_figures_citing_it(store: Store, kb: KnowledgeBase) -> None:
    view = reader.passage_view(store, kb, "901#table-1-1")
    assert len(view.records) == 4
    figures = [e for e in view.entities if e.kind == "indicator"]
    assert "Gadget self-sufficiency rate: 21.5% (2019)" in [e.name for e in figures]
    assert {e.how for e in figures} == {"cites this passage"}
    assert reader.passage_view(store, None, "901#table-1-1").entities == []
    assert reader.passage_view(store, kb, "901#1.1¶2").records == []


def test_figures_read_as_people_read_them() -> None:
    assert reader.num(98720000000) == "98,720,000,000"
    assert reader.num(25.60) == "25.6"
    assert reader.num(None) == "–"
    assert reader.qty(40, "%") == "40%"
    assert reader.plain_numbers("rose 1.663e+07 units") == "rose 16,630,000 units"
