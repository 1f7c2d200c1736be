"""The ingestion pipeline: statuses, idempotency, per-file errors, the extraction hook."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.app.pipeline import IngestReport, Progress, Status, expand_paths, ingest_paths
from sinoscope.documents.model import Document
from sinoscope.store import IngestExtras, SqliteStore

from .fakes import fake_build, fake_read


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _ingest(store: SqliteStore, paths: list[Path], **kw: object) -> IngestReport:
    return ingest_paths(store, paths, read=fake_read, build=fake_build, **kw)  # type: ignore[arg-type]


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    return [
        _write(tmp_path, "010_alpha.txt", "Alpha Report\n\nFirst paragraph on sprockets.\n\nSecond one."),
        _write(tmp_path, "011_beta.txt", "Beta Report\n\nA paragraph on gadgets and sprockets."),
    ]


def test_new_then_unchanged_then_updated(store: SqliteStore, reports: list[Path]) -> None:
    first = _ingest(store, reports)
    assert [(r.doc_id, r.status) for r in first.results] == [("010", Status.NEW), ("011", Status.NEW)]
    assert first.results[0].blocks == 3 and first.results[0].chapters == 1

    second = _ingest(store, reports)
    assert [r.status for r in second.results] == [Status.UNCHANGED, Status.UNCHANGED]
    assert second.results[0].blocks == 3  # counts come from the store

    reports[1].write_text("Beta Report, revised\n\nNew text about widgets.", encoding="utf-8")
    third = _ingest(store, reports)
    assert [r.status for r in third.results] == [Status.UNCHANGED, Status.UPDATED]
    assert store.get_document("011").title == "Beta Report, revised"
    assert [h.anchor for h in store.search("sprockets")] == ["010#1¶1"]


def test_reingesting_unchanged_files_writes_nothing(db_path: Path, reports: list[Path]) -> None:
    with SqliteStore(db_path) as store:
        _ingest(store, reports)
        before = list(store.conn.iterdump())
    with SqliteStore(db_path) as store:
        changes = store.conn.total_changes
        report = _ingest(store, reports)
        assert report.count(Status.UNCHANGED) == 2
        assert store.conn.total_changes == changes
        assert list(store.conn.iterdump()) == before


def test_force_rewrites_unchanged_files(store: SqliteStore, reports: list[Path]) -> None:
    _ingest(store, reports)
    report = _ingest(store, reports, force=True)
    assert [r.status for r in report.results] == [Status.UPDATED, Status.UPDATED]


def test_bad_files_are_reported_and_the_rest_is_stored(store: SqliteStore, tmp_path: Path) -> None:
    good = _write(tmp_path, "020_good.txt", "Good Report\n\nFine text.")
    empty = _write(tmp_path, "021_empty.txt", "  \n")
    binary = tmp_path / "022_binary.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81" * 50)
    missing = tmp_path / "023_missing.txt"
    buggy = _write(tmp_path, "024_buggy.txt", "Buggy\n\nEXPLODE")
    also_good = _write(tmp_path, "025_fine.txt", "Fine Report\n\nMore text.")
    report = _ingest(store, [good, empty, binary, missing, buggy, also_good])
    assert [r.status for r in report.results] == [
        Status.NEW,
        Status.ERROR,
        Status.ERROR,
        Status.ERROR,
        Status.ERROR,
        Status.NEW,
    ]
    errors = {r.path: r for r in report.errors}
    assert errors[str(empty)].error == f"{empty}: empty file"
    assert errors[str(binary)].error == f"{binary}: not UTF-8 text"
    assert errors[str(missing)].error == f"{missing}: no such file"
    assert errors[str(buggy)].internal
    assert "ValueError: parser bug triggered" in (errors[str(buggy)].error or "")
    assert all("\n" not in (r.error or "") for r in report.errors)
    assert [d.doc_id for d in store.list_documents()] == ["020", "025"]


def test_same_document_id_twice_in_one_batch(store: SqliteStore, tmp_path: Path) -> None:
    a = _write(tmp_path, "030_first.txt", "First\n\ntext")
    b = _write(tmp_path, "030_second.txt", "Second\n\ntext")
    report = _ingest(store, [a, b, a])
    assert [(r.doc_id, r.status) for r in report.results] == [
        ("030", Status.NEW),
        ("030-second", Status.NEW),
        ("030", Status.UNCHANGED),
    ]
    assert "id 030 belongs to" in (report.results[1].note or "")
    assert store.get_document("030").title == "First"
    assert store.get_document("030-second").title == "Second"


def test_extract_hook_results_are_stored(store: SqliteStore, reports: list[Path]) -> None:
    seen: list[str] = []

    def extract(doc: Document) -> IngestExtras:
        seen.append(doc.doc_id)
        return IngestExtras()

    _ingest(store, reports, extract=extract)
    assert seen == ["010", "011"]
    _ingest(store, reports, extract=extract)
    assert seen == ["010", "011"]  # unchanged files are not parsed or extracted again


def test_progress_events_bracket_each_file(store: SqliteStore, reports: list[Path]) -> None:
    events: list[Progress] = []
    _ingest(store, reports, on_progress=events.append)
    assert [(e.index, e.total, e.result is None) for e in events] == [
        (0, 2, True),
        (0, 2, False),
        (1, 2, True),
        (1, 2, False),
    ]


def test_folders_expand_to_supported_files(tmp_path: Path) -> None:
    a = _write(tmp_path / "in", "b.txt", "x")
    b = _write(tmp_path / "in" / "sub", "a.md", "x")
    _write(tmp_path / "in", "skip.png", "x")
    _write(tmp_path / "in" / ".hidden", "c.txt", "x")
    loose = tmp_path / "loose.xyz"
    assert expand_paths([tmp_path / "in", loose]) == [*sorted([a, b]), loose]


def test_unexpanded_glob_patterns_are_expanded(tmp_path: Path) -> None:
    a = _write(tmp_path / "g", "1_a.txt", "x")
    b = _write(tmp_path / "g", "2_b.txt", "x")
    _write(tmp_path / "g", "3_c.md", "x")
    assert expand_paths([tmp_path / "g" / "*.txt"]) == [a, b]
    nothing = tmp_path / "g" / "*.pdf"
    assert expand_paths([nothing]) == [nothing]  # kept, so the reader reports it as missing
