"""Document identity: ids that never collide, bound to the file's path and content; replacement only when
asked; curated citations bound to content (a `000_battery.txt` never inherits report 000's citations);
removing a document with everything derived from it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sinoscope.app.pipeline import IngestReport, Status, ensure_knowledge, ingest_paths, link_documents
from sinoscope.documents.anchors import doc_id_for, free_doc_id, slug_for
from sinoscope.knowledge.linking import LinkMethod
from sinoscope.knowledge.loader import DataFile
from sinoscope.store import SqliteStore, Store

from .fakes import fake_build, fake_read


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _ingest(store: Store, paths: list[Path], **kw: object) -> IngestReport:
    return ingest_paths(store, paths, read=fake_read, build=fake_build, **kw)  # type: ignore[arg-type]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_preferred_ids_and_disambiguation() -> None:
    assert doc_id_for("2023_a.txt") == "2023" and slug_for("2023_a.txt") == "2023-a"
    taken = {"2023", "2023-b", "2023-b-2"}
    assert free_doc_id("2023_b.txt", taken.__contains__) == "2023-b-3"
    assert free_doc_id("2023_c.txt", taken.__contains__) == "2023-c"
    assert slug_for("关于印发.txt") == "doc"


def test_two_files_with_the_same_numeric_prefix_are_two_documents(store: Store, tmp_path: Path) -> None:
    a = _write(tmp_path, "2023_a.txt", "Plan A\n\nOn sprockets.")
    b = _write(tmp_path, "2023_b.txt", "Plan B\n\nOn gadgets.")
    report = _ingest(store, [a, b])
    assert [(r.doc_id, r.status) for r in report.results] == [("2023", Status.NEW), ("2023-b", Status.NEW)]
    assert {d.doc_id: d.title for d in store.list_documents()} == {"2023": "Plan A", "2023-b": "Plan B"}
    again = _ingest(store, [b, a])  # order does not matter once stored: each path keeps its document
    assert [(r.doc_id, r.status) for r in again.results] == [("2023-b", Status.UNCHANGED), ("2023", Status.UNCHANGED)]


def test_changed_file_from_the_same_path_updates_its_document(store: Store, tmp_path: Path) -> None:
    a = _write(tmp_path, "050_plan.txt", "Plan\n\nFirst version.")
    _ingest(store, [a])
    a.write_text("Plan, revised\n\nSecond version.", encoding="utf-8")
    report = _ingest(store, [a])
    assert [(r.doc_id, r.status, r.note) for r in report.results] == [("050", Status.UPDATED, None)]
    assert [d.doc_id for d in store.list_documents()] == ["050"]
    assert store.get_document("050").content_hash == _sha(a)


def test_file_from_another_path_never_replaces_a_stored_document(store: Store, tmp_path: Path) -> None:
    original = _write(tmp_path / "one", "060_report.txt", "Original\n\nAbout widgets.\n\nMore on widgets.")
    _ingest(store, [original])
    intruder = _write(tmp_path / "two", "060_report.txt", "Intruder\n\nAbout batteries.")
    report = _ingest(store, [intruder])
    (result,) = report.results
    assert (result.doc_id, result.status) == ("060-report", Status.NEW)
    assert result.note is not None and "id 060 belongs to" in result.note and "--replace" in result.note
    kept = store.get_document("060")
    assert (kept.title, kept.blocks, kept.content_hash) == ("Original", 3, _sha(original))
    assert [h.doc_id for h in store.search("widgets")] == ["060", "060"]


def test_replace_takes_over_the_id_explicitly(store: Store, tmp_path: Path) -> None:
    original = _write(tmp_path / "one", "070_x.txt", "Original\n\nAbout widgets.")
    _ingest(store, [original])
    newer = _write(tmp_path / "two", "070_x.txt", "Newer\n\nAbout batteries.")
    report = _ingest(store, [newer], replace=True)
    (result,) = report.results
    assert (result.doc_id, result.status) == ("070", Status.UPDATED)
    assert result.note is not None and result.note.startswith("replaced document 070")
    assert [(d.doc_id, d.title) for d in store.list_documents()] == [("070", "Newer")]
    # the new file now owns the id: ingesting it again is a no-op, and the old path is a new document again
    assert _ingest(store, [newer]).results[0].status is Status.UNCHANGED
    assert _ingest(store, [original]).results[0].doc_id == "070-x"


def test_same_content_from_another_path_is_the_same_document(store: Store, tmp_path: Path) -> None:
    a = _write(tmp_path / "one", "080_a.txt", "Same\n\nText.")
    b = _write(tmp_path / "two", "copy-of-a.txt", "Same\n\nText.")
    _ingest(store, [a])
    report = _ingest(store, [b])
    (result,) = report.results
    assert (result.doc_id, result.status) == ("080", Status.UNCHANGED)
    assert result.note is not None and "same content as" in result.note
    assert len(store.list_documents()) == 1


@pytest.fixture
def curated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An invented curated report "900": its file, and the binding of id 900 to that file's content."""
    report = _write(tmp_path / "seed", "900_seed.txt", "Seed\n\nIn 2019 the Widget Plan aimed at 40% by 2030.")
    binding = {"900": _sha(report)}
    monkeypatch.setattr("sinoscope.app.pipeline.curated_documents", lambda: binding)
    monkeypatch.setattr("sinoscope.knowledge.sources.curated_documents", lambda: binding)
    return report


def test_an_unrelated_file_never_gets_a_curated_reports_id(store: Store, tmp_path: Path, curated: Path) -> None:
    battery = _write(tmp_path, "900_battery.txt", "Battery\n\nIn 2019 separators reached 40% by volume.")
    (result,) = _ingest(store, [battery], replace=True).results  # not even when asked
    assert result.doc_id == "900-battery"
    assert result.note is not None and "reserved" in result.note
    # the curated report's content gets its id under any file name
    renamed = _write(tmp_path / "elsewhere", "seed-report.txt", curated.read_text(encoding="utf-8"))
    (seed,) = _ingest(store, [renamed]).results
    assert (seed.doc_id, seed.status) == ("900", Status.NEW)


WIDGETS_KB = """
policies:
  - id: widget-plan
    name: Widget Plan
    kind: plan
    date: 2019
    sources: [{anchor: "900#1¶1", quote_value: "2019"}]
"""


def test_curated_citations_attach_only_to_the_content_they_were_written_against(tmp_path: Path, curated: Path) -> None:
    with SqliteStore(tmp_path / "kb.sqlite") as store:
        ensure_knowledge(store, files=[DataFile("w.yaml", WIDGETS_KB)])
        kb = store.knowledge()
        _ingest(store, [curated])
        link_documents(store, kb, ["900"])
        assert LinkMethod.CITATION in {lk.method for lk in store.links(doc_id="900")}
        # the same id holding other content (an edited file at the same path): mentions yes, citations no
        curated.write_text("Seed, edited\n\nIn 2019 the Widget Plan aimed at 45% by 2030.", encoding="utf-8")
        assert _ingest(store, [curated]).results[0].doc_id == "900"
        link_documents(store, kb, ["900"])
        methods = {lk.method for lk in store.links(doc_id="900")}
        assert LinkMethod.CITATION not in methods and LinkMethod.ALIAS in methods


@pytest.mark.sqlite_only
def test_delete_removes_every_derived_row(tmp_path: Path) -> None:
    from sinoscope.documents.model import Document
    from sinoscope.extraction.model import Fact
    from sinoscope.store import IngestExtras

    def extract(doc: Document) -> IngestExtras:
        block = doc.blocks[-1]
        fact = Fact(
            doc=doc.source_path,
            doc_id=doc.doc_id,
            start=block.start,
            end=block.start + 5,
            text=block.text[:5],
            value=1.0,
            unit="count",
            kind="actual",
            subject="x",
            section=block.anchor,
        )
        return IngestExtras(facts=[fact])

    with SqliteStore(tmp_path / "d.sqlite") as store:
        a = _write(tmp_path, "090_a.txt", "Alpha\n\nAbout sprockets.")
        b = _write(tmp_path, "091_b.txt", "Beta\n\nAbout sprockets too.")
        report = _ingest(store, [a, b], extract=extract)
        assert not report.errors, report.errors
        assert store.get_document("090").facts == 1
        assert store.delete_document("090") is True
        assert store.delete_document("090") is False
        conn = store.conn
        for table in ("documents", "blocks", "chapters", "facts", "kb_links"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE doc_id = '090'").fetchone()[0] == 0
        assert [h.doc_id for h in store.search("sprockets")] == ["091"]
        assert conn.execute("INSERT INTO blocks_fts(blocks_fts) VALUES ('integrity-check')") is not None


def test_remove_drops_the_documents_vectors_from_every_dense_index(tmp_path: Path) -> None:
    import json

    import numpy as np

    from sinoscope.retrieval.faiss_index import FaissIndex
    from sinoscope.retrieval.service import VERSIONS_FILE, forget_documents

    db = tmp_path / "v.sqlite"
    for space in ("model-a", "model-b"):
        folder = db.with_name(f"{db.name}.vectors.{space}")
        index = FaissIndex(4)
        index.add(["110#1¶1", "110#1¶2", "111#1¶1"], np.eye(4, dtype=np.float32)[:3])
        index.save(folder)
        (folder / VERSIONS_FILE).write_text(json.dumps({"110": "h0", "111": "h1"}), encoding="utf-8")
    assert forget_documents(db, ["110"]) == 4
    for space in ("model-a", "model-b"):
        folder = db.with_name(f"{db.name}.vectors.{space}")
        reloaded = FaissIndex.load(folder)
        assert len(reloaded) == 1
        assert [a for a, _ in reloaded.query(np.eye(4, dtype=np.float32)[:1], 3)] == ["111#1¶1"]
        assert json.loads((folder / VERSIONS_FILE).read_text(encoding="utf-8")) == {"111": "h1"}
    assert forget_documents(db, ["110"]) == 0


@pytest.mark.corpus
@pytest.mark.sqlite_only
def test_seed_reports_keep_their_ids_and_a_000_battery_file_does_not_take_one(corpus_dir: Path, tmp_path: Path) -> None:
    """With the bundled binding (knowledge/sources.yaml): the seed reports are "000" and "001" under any
    name, and an unrelated "000_battery.txt" is stored beside them, not over them, even first in line."""
    seeds = sorted(corpus_dir.glob("0*.txt"))
    battery = _write(tmp_path, "000_battery.txt", "Battery Report\n\nSeparator output rose 40% in 2024.")
    renamed = tmp_path / "renamed" / "aprc-report.txt"
    renamed.parent.mkdir()
    renamed.write_bytes(seeds[1].read_bytes())
    with SqliteStore(tmp_path / "seed.sqlite") as store:
        report = _ingest(store, [battery, seeds[0], renamed])
        assert [r.doc_id for r in report.results] == ["000-battery", "000", "001"]
        assert {d.doc_id: d.content_hash for d in store.list_documents()}["000"] == _sha(seeds[0])


def test_a_document_stored_without_metadata_gets_it_once(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "120_old.txt", "Old Report\n\nMARCH 2030\n\nText.")
    legacy = fake_build(fake_read(path), "120")  # as an older sinoscope stored it: no metadata
    store.save_document(legacy)
    assert store.get_document("120").metadata == {}
    first = _ingest(store, [path]).results[0]
    assert (first.doc_id, first.status, first.note) == ("120", Status.UPDATED, "metadata read (stored without it)")
    assert store.get_document("120").metadata["date"] == "2030-03"
    assert _ingest(store, [path]).results[0].status is Status.UNCHANGED


def test_a_moved_file_takes_its_document_along(store: Store, tmp_path: Path) -> None:
    old = _write(tmp_path / "inbox", "130_plan.txt", "Plan\n\nFirst version.")
    _ingest(store, [old])
    new = tmp_path / "archive" / "130_plan.txt"
    new.parent.mkdir()
    old.rename(new)
    moved = _ingest(store, [new]).results[0]
    assert (moved.doc_id, moved.status, moved.note) == ("130", Status.UPDATED, f"moved from {old}")
    assert store.get_document("130").path == str(new)
    new.write_text("Plan, revised\n\nSecond version.", encoding="utf-8")
    revised = _ingest(store, [new]).results[0]
    assert (revised.doc_id, revised.status) == ("130", Status.UPDATED)
    assert [d.doc_id for d in store.list_documents()] == ["130"]
