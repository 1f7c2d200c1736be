"""The ingestion stages one at a time, on small invented reports: read → structure → extract → store → link →
embed, and the compositions (one process, a worker's snapshot) that must give the same documents."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from sinoscope.app.ingest import OptionError, ingest_options, link_changed, remove_documents
from sinoscope.app.pipeline import (
    Prepared,
    Settings,
    Stages,
    Status,
    SyncStatus,
    embed_blocks,
    ensure_knowledge,
    ingest_paths,
    link,
    prepare_file,
    store_document,
)
from sinoscope.app.stages import describe, extract, read, structure, with_provenance
from sinoscope.documents.metadata import MetadataOverrides
from sinoscope.errors import NotFoundError
from sinoscope.knowledge.loader import DataFile
from sinoscope.retrieval.embedding import Matrix
from sinoscope.store import SqliteStore
from sinoscope.store.identity import Registry
from sinoscope.store.kb_sync import stale_links

REPORT = """Gadget Industry Review

1 Background

In 2021 the Gadget Council of Ruritania raised gadget output by 5.2% to 300,000 units.

2 Outlook

The Gadget Plan aims at a domestic production rate of 70% by 2030.
"""

GADGETS = """
countries:
  - {id: rr, name: Ruritania}
institutions:
  - {id: gadget-council, name: Gadget Council, kind: ministry, country: rr}
policies:
  - {id: gadget-plan, name: Gadget Plan, kind: plan, issuer: [gadget-council], date: 2020}
"""


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "gadgets.txt"
    path.parent.mkdir()
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore(tmp_path / "p.sqlite") as s:
        yield s


def _files() -> list[DataFile]:
    return [DataFile("gadgets.yaml", GADGETS)]


def _in_process() -> Stages:
    return Stages(read, structure, extract)  # no sandbox: the stages themselves


def test_read_structure_extract_one_after_another(report: Path) -> None:
    source = read(report)
    assert source.text.startswith("Gadget Industry Review") and len(source.content_hash) == 64
    doc = describe(structure(source, "gadgets"), source, report, MetadataOverrides(date="2022"))
    assert doc.doc_id == "gadgets" and doc.content_hash == source.content_hash and doc.source_path == str(report)
    assert len(doc.chapters) == 2 and doc.metadata["date"] == "2022"
    extras = with_provenance(extract(doc), source)
    assert any(f.value == 5.2 for f in extras.facts)
    fact = next(f for f in extras.facts if f.value == 5.2)
    assert fact.source_start is not None and "5.2%" in source.text[fact.source_start : fact.source_end]


def test_prepare_file_stops_before_the_store_stage(report: Path, store: SqliteStore) -> None:
    registry = Registry([], {})
    prepared = prepare_file(report, _in_process(), Settings(), registry, store.get_document)
    assert prepared.result.status is Status.NEW and prepared.doc is not None and prepared.extras is not None
    assert store.list_documents() == []  # nothing written without a write stage
    store_document(store, prepared.doc, prepared.extras)
    [info] = store.list_documents()
    assert (info.doc_id, info.blocks, info.facts) == (
        prepared.result.doc_id,
        prepared.result.blocks,
        prepared.result.facts,
    )


def test_prepare_file_skips_what_the_snapshot_has_and_reports_bad_files(tmp_path: Path, report: Path) -> None:
    with SqliteStore(tmp_path / "one.sqlite") as one:
        ingest_paths(one, [report], extract=extract, limits=None)
        known = one.list_documents()
    by_id = {d.doc_id: d for d in known}
    again = prepare_file(report, _in_process(), Settings(), Registry(known, {}), by_id.__getitem__)
    assert again == Prepared(again.result) and again.result.status is Status.UNCHANGED
    missing = tmp_path / "missing.txt"
    failed = prepare_file(missing, _in_process(), Settings(), Registry([], {}), by_id.__getitem__)
    assert failed.result.status is Status.ERROR and failed.doc is None
    assert failed.result.error is not None and failed.result.error.startswith(str(missing))


def test_one_process_and_a_worker_snapshot_make_the_same_document(tmp_path: Path, report: Path) -> None:
    """What lets the Dask runner distribute the stages: the same stages give the same stored rows."""
    with SqliteStore(tmp_path / "a.sqlite") as a, SqliteStore(tmp_path / "b.sqlite") as b:
        ingest_paths(a, [report], extract=extract)
        prepared = prepare_file(report, _in_process(), Settings(), Registry(b.list_documents(), {}), b.get_document)
        assert prepared.doc is not None
        store_document(b, prepared.doc, prepared.extras)
        [doc_a], [doc_b] = a.list_documents(), b.list_documents()
        assert dataclasses.replace(doc_a, ingested_at="") == dataclasses.replace(doc_b, ingested_at="")
        assert a.blocks(doc_a.doc_id) == b.blocks(doc_b.doc_id)
        assert a.facts(doc_a.doc_id) == b.facts(doc_b.doc_id)


def test_link_stage_links_new_documents_and_repairs_missing_links(report: Path, store: SqliteStore) -> None:
    ensure_knowledge(store, files=_files())
    report_ = ingest_paths(store, [report], extract=extract)
    [doc_id] = report_.changed
    assert stale_links(store) == [doc_id]  # stored, not linked yet: what a kill here would leave
    sync = link(store, [doc_id], files=_files())
    assert sync.status is SyncStatus.UNCHANGED and sync.linked[doc_id] > 0
    assert {lk.entity for lk in store.links(doc_id=doc_id)} >= {"gadget-council", "gadget-plan"}
    assert stale_links(store) == [] and link(store, [], files=_files()).linked == {}


def test_link_changed_turns_a_broken_knowledge_base_into_a_warning(
    report: Path, store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    report_ = ingest_paths(store, [report], extract=extract)
    monkeypatch.setattr("sinoscope.app.pipeline.bundled_files", lambda: [DataFile("bad.yaml", "policies: [{id: x}]")])
    linked = link_changed(store, report_)
    assert linked.sync is None and linked.problem and not linked.worth_saying


class _Axes:
    """Two dimensions: how many digits and how many letters a block has."""

    name = "axes"
    dim = 2

    def encode(self, texts: Sequence[str]) -> Matrix:
        return np.array([[sum(c.isdigit() for c in t), sum(c.isalpha() for c in t)] for t in texts], np.float32)


def test_embed_blocks_gives_one_vector_per_block_with_text(report: Path) -> None:
    source = read(report)
    doc = structure(source, "gadgets")
    anchors, vectors = embed_blocks(doc, _Axes())
    assert anchors and set(anchors) <= {b.anchor for b in doc.blocks}
    assert vectors.shape == (len(anchors), 2)


def test_ingest_options_name_the_wrong_option(report: Path, tmp_path: Path) -> None:
    with pytest.raises(OptionError, match=r"^--date: 'soon' is not a date"):
        ingest_options([report], date="soon")
    with pytest.raises(OptionError, match=r"^--title: names one document; 2 files given$"):
        ingest_options([report, tmp_path / "other.txt"], title="Gadgets")
    options = ingest_options([report], max_mb=1.5, lang=" ZH ", title="  ")
    assert options.max_bytes == 1_500_000 and options.overrides == MetadataOverrides(lang="zh")


def test_remove_refuses_an_unknown_id_before_deleting_anything(
    report: Path, store: SqliteStore, tmp_path: Path
) -> None:
    [doc_id] = ingest_paths(store, [report], extract=extract).changed
    with pytest.raises(NotFoundError):
        remove_documents(store, tmp_path / "p.sqlite", [doc_id, "no-such-doc"])
    assert [d.doc_id for d in store.list_documents()] == [doc_id]
    removed = remove_documents(store, tmp_path / "p.sqlite", [f" {doc_id} ", doc_id])
    assert [d.doc_id for d in removed.documents] == [doc_id] and removed.vectors == 0
    assert store.list_documents() == []
