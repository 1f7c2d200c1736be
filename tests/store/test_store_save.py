"""Saving, replacing and reading back documents; atomicity of a save."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from sinoscope.documents.model import Document
from sinoscope.errors import NotFoundError, StoreError
from sinoscope.extraction.model import Fact, Kind, TableRecord
from sinoscope.store import IngestExtras, SqliteStore, Store

from .factory import DocBuilder, sample_document


def _dump(store: SqliteStore) -> list[str]:
    return list(store.conn.iterdump())


def _extras(doc: Document, value: float = 40.0) -> IngestExtras:
    fact = Fact(
        start=10,
        end=13,
        text="40%",
        value=value,
        unit="%",
        period="2030",
        kind=Kind.TARGET,
        subject="widget domestic production rate",
        doc=f"{doc.doc_id}_made_up.txt",
        doc_id=doc.doc_id,
        section=f"{doc.doc_id}#1.1¶1",
        line=9,
    )
    record = TableRecord(
        table_anchor=f"{doc.doc_id}#table-1-1",
        row=1,
        col=1,
        row_label="Output",
        col_label="2019",
        raw="120",
        value=1_200_000.0,
        printed_value=120.0,
        unit="CNY",
        scale=1e4,
        period="2019",
    )
    return IngestExtras(facts=[fact], table_records=[record])


def test_sqlite_store_satisfies_the_protocol(store: SqliteStore) -> None:
    assert isinstance(store, Store)


def test_round_trip_blocks_outline_and_text(store: SqliteStore) -> None:
    doc = sample_document()
    store.save_document(doc)
    assert store.blocks(doc.doc_id) == list(doc.blocks)
    assert store.outline(doc.doc_id) == doc.chapters
    assert store.document_text(doc.doc_id) == doc.text
    assert store.document_state(doc.doc_id) == doc.content_hash
    table = store.get_block("900#table-1-1")
    assert table == doc.block("900#table-1-1")
    assert table.table is not None and table.table.notes == ("Source: made-up statistics office",)
    info = store.get_document("900")
    assert (info.chapters, info.blocks, info.tables, info.chars) == (2, len(doc.blocks), 1, len(doc.text))
    assert info.file_name == "900_made_up.txt" and info.ingested_at.endswith("Z")


def test_blocks_filtered_by_chapter_and_section(store: SqliteStore) -> None:
    store.save_document(sample_document())
    assert [b.anchor for b in store.blocks("900", section="2.1")] == [
        "900#2.1",
        "900#2.1¶1",
        "900#2.1.1",
        "900#2.1.1¶1",
    ]
    assert all(b.chapter == "1" for b in store.blocks("900", chapter="1"))
    assert store.blocks("900", section="1.2")[0].anchor == "900#1.2"


def test_find_heading_for_chapters_and_sections(store: SqliteStore) -> None:
    store.save_document(sample_document())
    entry = store.find_heading("900#2.1.1")
    assert entry is not None and entry.title == "Gears" and entry.chapter.number == 2
    chapter = store.find_heading("900#1")
    assert chapter is not None and chapter.level == 0 and len(chapter.chapter.sections) == 2
    assert store.find_heading("900#1.1¶1") is None
    assert store.find_heading("nope#1") is None
    assert store.find_heading("not an anchor") is None


def test_unknown_things_raise_not_found(store: SqliteStore) -> None:
    with pytest.raises(NotFoundError, match="900#9¶9: no such anchor"):
        store.get_block("900#9¶9")
    with pytest.raises(NotFoundError):
        store.get_document("900")
    with pytest.raises(NotFoundError):
        store.outline("900")
    assert store.document_state("900") is None


@pytest.mark.sqlite_only
def test_replace_removes_every_trace_of_the_old_version(store: SqliteStore) -> None:
    v1 = sample_document(variant=1)
    store.save_document(v1, _extras(v1, 40.0))
    b = DocBuilder("900", "Second Edition")
    b.chapter(1, "Only Chapter").para("Entirely rewritten prose about sprockets.")
    v2 = b.build()
    store.save_document(v2, IngestExtras())
    assert store.blocks("900") == list(v2.blocks)
    assert store.outline("900") == v2.chapters
    assert store.get_document("900").title == "Second Edition"
    assert store.facts("900") == [] and store.table_records("900#table-1-1") == []
    assert store.search("widgets") == []
    assert [h.anchor for h in store.search("sprockets")] == ["900#1¶1"]
    store.conn.execute("INSERT INTO blocks_fts(blocks_fts) VALUES ('integrity-check')")
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_documents_are_independent(store: SqliteStore) -> None:
    store.save_document(sample_document("900"))
    store.save_document(sample_document("901"))
    store.save_document(sample_document("900", variant=2))
    assert [d.doc_id for d in store.list_documents()] == ["900", "901"]
    assert len(store.blocks("901")) == len(sample_document("901").blocks)
    assert store.delete_document("901") is True
    assert store.delete_document("901") is False
    assert [d.doc_id for d in store.list_documents()] == ["900"]


def test_extras_round_trip(store: SqliteStore) -> None:
    doc = sample_document()
    extras = _extras(doc)
    store.save_document(doc, extras)
    assert store.facts("900") == list(extras.facts)
    assert store.facts() == list(extras.facts)
    assert store.table_records("900#table-1-1") == list(extras.table_records)
    assert store.get_document("900").facts == 1


@pytest.mark.sqlite_only
def test_duplicate_anchor_fails_cleanly_and_keeps_old_version(store: SqliteStore) -> None:
    v1 = sample_document()
    store.save_document(v1)
    before = _dump(store)
    bad = sample_document(variant=2)
    bad = dataclasses.replace(bad, blocks=(*bad.blocks, bad.blocks[-1]))
    with pytest.raises(StoreError, match="cannot store document 900"):
        store.save_document(bad)
    assert _dump(store) == before


class _ExplodingStore(SqliteStore):
    """Fails after the document row, outline and blocks were written, before extras."""

    def _write_extras(self, conn: sqlite3.Connection, doc: Document, extras: IngestExtras) -> None:
        written = conn.execute("SELECT count(*) FROM blocks WHERE doc_id = ?", (doc.doc_id,)).fetchone()[0]
        assert written == len(doc.blocks)  # the failure really happens mid-save
        raise RuntimeError("simulated crash inside save_document")


@pytest.mark.parametrize("has_old_version", [True, False])
def test_exception_mid_save_leaves_database_unchanged(db_path: Path, has_old_version: bool) -> None:
    if has_old_version:
        with SqliteStore(db_path) as plain:
            plain.save_document(sample_document(variant=1))
    with _ExplodingStore(db_path) as store:
        before = _dump(store)
        v2 = sample_document(variant=2)
        with pytest.raises(RuntimeError, match="simulated crash"):
            store.save_document(v2, _extras(v2))
        assert _dump(store) == before
        expected = sample_document(variant=1).content_hash if has_old_version else None
        assert store.document_state("900") == expected
        # the connection is usable afterwards (no transaction left open)
        assert not store.conn.in_transaction
