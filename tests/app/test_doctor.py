"""`sinoscope doctor` on an invented corpus: a store broken in several ways is reported check by check, and
`--repair` restores every count (blocks, facts, table cells, links, vectors) to a clean ingest's. Also: a
plain `ingest` derives again a document derived by other code or missing rows, from its unchanged file.

The reports are invented ("Gizmo Industry Review"); the knowledge base is the bundled one (the reports name
Made in China 2025 and the Big Fund, so documents get links). Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from api.fixtures import WordHashEmbedder
from typer.testing import CliRunner

from sinoscope.app.derived import derived_version
from sinoscope.app.doctor import doctor, index_contents, index_folders
from sinoscope.app.pipeline import Status, ingest_paths, sync_after_ingest
from sinoscope.app.stages import extract
from sinoscope.interfaces.cli import app as cli_app
from sinoscope.retrieval.service import forget_documents, sync_dense_index
from sinoscope.store import Store, open_store

REPORT = """Gizmo Industry Review {n}

1 Background

1.1 Policy

In 202{n} the ministry restated Made in China 2025; the Big Fund invested RMB {n}.5 billion in gizmo makers,
and gizmo output grew {n}.4% to {n}20,000 units.

Table 1-1. Gizmo output (10,000 units)
Year\t2021\t2022
Output\t1{n}\t2{n}
Source: an invented statistics office.

2 Outlook

The plan aims at a gizmo self-sufficiency rate of 6{n}% by 2030, up from 3{n}% in 2020.
"""

EMBEDDER = WordHashEmbedder()


def _embed(store: Store, db: str) -> object:
    return sync_dense_index(store, db, embedder=EMBEDDER)  # type: ignore[arg-type]  # as api.fixtures does


def _corpus(folder: Path, n: int = 3) -> list[Path]:
    folder.mkdir(parents=True)
    paths = [folder / f"gizmo_{i}.txt" for i in range(n)]
    for i, p in enumerate(paths):
        p.write_text(REPORT.format(n=i + 1), encoding="utf-8")
    return paths


def _ingest(store: Store, paths: list[Path]) -> list[Any]:
    report = ingest_paths(store, paths, extract=extract)
    assert not [r.error for r in report.results if r.error]
    sync_after_ingest(store, report.changed)
    return list(report.results)


def _counts(store: Store, db: str | Path) -> dict[str, tuple[int, ...]]:
    """Per document: blocks, tables, facts, table cells, links, and vectors (in every dense index)."""
    vectors: dict[str, int] = {}
    for folder in index_folders(db):
        for doc_id, anchors in index_contents(folder)[1].items():
            vectors[doc_id] = vectors.get(doc_id, 0) + len(anchors)
    out: dict[str, tuple[int, ...]] = {}
    for d in store.list_documents():
        cells, links = len(store.table_records(doc_id=d.doc_id)), len(store.links(doc_id=d.doc_id))
        out[d.doc_id] = (d.blocks, d.tables, d.facts, cells, links, vectors.get(d.doc_id, 0))
    return out


def _sql(store: Store, *statements: str) -> None:
    conn = store.conn  # type: ignore[attr-defined]  # both backends: an autocommit connection
    for statement in statements:
        conn.execute(statement)


def _found(diagnosis: Any) -> set[tuple[str, str | None]]:
    return {(p.check, p.doc_id) for p in diagnosis.problems}


@pytest.fixture
def clean(store_location: str | Path, tmp_path: Path) -> tuple[str | Path, list[Path], dict[str, tuple[int, ...]]]:
    """A store of the invented corpus, linked and embedded, and its counts."""
    paths = _corpus(tmp_path / "docs")
    with open_store(store_location) as store:
        _ingest(store, paths)
        _embed(store, str(store_location))
        counts = _counts(store, store_location)
    assert len(counts) == 3 and all(c[0] and c[2] and c[3] and c[4] and c[5] for c in counts.values()), counts
    return store_location, paths, counts


def test_doctor_reports_each_break_and_repair_restores_a_clean_ingest(
    backend: str, clean: tuple[str | Path, list[Path], dict[str, tuple[int, ...]]]
) -> None:
    db, _, reference = clean
    a, b, c = sorted(reference)
    with open_store(db) as store:
        healthy = doctor(store, db)
        assert healthy.ok and not healthy.problems and {r.status for r in healthy.checks} == {"ok"}

        _sql(
            store,
            f"DELETE FROM kb_links WHERE doc_id = '{a}'",
            f"DELETE FROM table_records WHERE doc_id = '{a}'",
            f"DELETE FROM facts WHERE doc_id = '{b}'",
            f"UPDATE documents SET derived_version = '0:older:extracted' WHERE doc_id = '{c}'",
            "INSERT INTO kb_state(key, value) VALUES ('links:gone-doc', 'x'), ('link-count:gone-doc', '3')",
        )
        forget_documents(db, [b])
        broken = doctor(store, db)
        assert not broken.ok
        assert _found(broken) == {
            ("links", a), ("tables", a), ("facts", b), ("vectors", b), ("version", c), ("orphans", None)
        }  # fmt: skip
        assert {r.check: r.status for r in broken.checks}["structure"] == "ok"
        assert "facts 0 of" in next(p.detail for p in broken.problems if p.check == "facts")

        fixed = doctor(store, db, repair_found=True, embed=_embed)
        assert fixed.ok and fixed.problems and all(p.repaired for p in fixed.problems), fixed.as_json()
        assert _counts(store, db) == reference
        again = doctor(store, db)
        assert again.ok and not again.problems


def test_doctor_cli_report_json_and_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    paths = _corpus(tmp_path / "docs", 2)
    with open_store(db) as store:
        _ingest(store, paths)
        doc = store.list_documents()[0].doc_id
        _sql(store, f"DELETE FROM facts WHERE doc_id = '{doc}'")
    run = CliRunner().invoke(cli_app, ["--db", str(db), "doctor", "--json"])
    assert run.exit_code == 1, run.output
    report = json.loads(run.stdout)
    assert {"store", "documents", "repair", "ok", "problems", "repaired", "unrepaired", "checks"} <= set(report)
    checks = {c["check"]: c for c in report["checks"]}
    assert list(checks) == ["orphans", "version", "structure", "facts", "tables", "links", "vectors"]
    assert checks["facts"]["status"] == "problems" and checks["facts"]["items"][0]["doc_id"] == doc
    assert checks["vectors"]["status"] == "skipped"  # no dense index: nothing to compare
    assert set(checks["facts"]["items"][0]) == {"check", "doc_id", "detail", "repaired"}

    run = CliRunner().invoke(cli_app, ["--db", str(db), "doctor"])
    assert run.exit_code == 1 and "facts" in run.stdout and "sinoscope doctor --repair" in run.stdout
    run = CliRunner().invoke(cli_app, ["--db", str(db), "doctor", "--repair"])
    assert run.exit_code == 0 and "all repaired" in run.stdout, run.output
    run = CliRunner().invoke(cli_app, ["--db", str(db), "doctor"])
    assert run.exit_code == 0 and "no problems found" in run.stdout


def test_orphans_are_deleted_and_a_document_without_its_file_stays_a_problem(tmp_path: Path) -> None:
    db = tmp_path / "orphans.sqlite"
    paths = _corpus(tmp_path / "docs", 3)
    with open_store(db) as store:
        _ingest(store, paths)
        kept, dropped, moved = sorted(d.doc_id for d in store.list_documents())
        # what a tool writing with foreign keys off (the sqlite3 shell's default) leaves behind
        _sql(store, "PRAGMA foreign_keys = OFF", f"DELETE FROM documents WHERE doc_id = '{dropped}'",
             "PRAGMA foreign_keys = ON", f"DELETE FROM facts WHERE doc_id = '{moved}'")  # fmt: skip
        Path(store.get_document(moved).path).rename(tmp_path / "elsewhere.txt")
        orphans = {p.detail.partition(":")[0] for p in doctor(store, db).problems if p.check == "orphans"}
        assert {"blocks", "facts", "kb_links", "links versions", "link counts"} <= orphans

        fixed = doctor(store, db, repair_found=True)
        assert not store.orphan_rows() and not fixed.ok
        assert [(p.check, p.doc_id) for p in fixed.unrepaired] == [("facts", moved)]
        assert "its file is gone" in fixed.unrepaired[0].detail
        assert len(store.facts(kept)) > 0


def test_plain_ingest_derives_again_what_is_stale_or_missing(tmp_path: Path) -> None:
    db = tmp_path / "stale.sqlite"
    paths = _corpus(tmp_path / "docs")
    with open_store(db) as store:
        _ingest(store, paths)
        first, second, third = sorted(d.doc_id for d in store.list_documents())
        reference = _counts(store, db)
        renamed = ingest_paths(store, [paths[2]], extract=extract, overrides=_title("A Title Given By Hand"))
        assert renamed.results[0].status is Status.UPDATED
        _sql(
            store,
            f"UPDATE documents SET derived_version = '0:older:extracted' WHERE doc_id = '{first}'",
            f"DELETE FROM facts WHERE doc_id = '{second}'",
            f"UPDATE documents SET derived_version = '' WHERE doc_id = '{third}'",
        )
        results = {r.doc_id: r for r in _ingest(store, paths)}
        assert {d: r.status for d, r in results.items()} == dict.fromkeys((first, second, third), Status.UPDATED)
        assert "another version" in (results[first].note or "") and "facts 0 of" in (results[second].note or "")
        assert _counts(store, db) == reference
        assert store.get_document(third).title == "A Title Given By Hand"  # a title set by hand survives
        assert {d.derived_version for d in store.list_documents()} == {derived_version(extracted=True)}
        assert all(r.status is Status.UNCHANGED for r in _ingest(store, paths))


def _title(title: str) -> Any:
    from sinoscope.documents.metadata import MetadataOverrides

    return MetadataOverrides(title=title)


def test_a_rewrite_from_the_same_file_not_yet_linked_is_relinked_by_the_next_ingest(tmp_path: Path) -> None:
    """A run killed between rewriting a document (`--force`, a new version) and linking it: the rewrite
    dropped its links with their version, so the next plain ingest finds it unlinked."""
    db = tmp_path / "relink.sqlite"
    paths = _corpus(tmp_path / "docs", 2)
    with open_store(db) as store:
        _ingest(store, paths)
        reference = _counts(store, db)
        forced = ingest_paths(store, paths[:1], extract=extract, force=True)  # the link stage never runs
        assert forced.results[0].status is Status.UPDATED and not store.links(doc_id=forced.results[0].doc_id)
        assert all(r.status is Status.UNCHANGED for r in _ingest(store, paths))
        assert _counts(store, db) == reference


def test_a_knowledge_reload_killed_before_relinking_is_relinked_by_the_next_ingest(tmp_path: Path) -> None:
    """Reloading the same knowledge base (`kb load --force`) drops every link; until relinked, no document
    may read as linked, or a run killed in between would leave them all without links for good."""
    db = tmp_path / "reload.sqlite"
    paths = _corpus(tmp_path / "docs", 2)
    with open_store(db) as store:
        _ingest(store, paths)
        reference = _counts(store, db)
        store.save_knowledge(store.knowledge())  # the link stage never runs
        assert not store.links() and {p.check for p in doctor(store, db).problems} == {"links"}
        _ingest(store, paths)
        assert _counts(store, db) == reference


def test_a_damaged_dense_index_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    db = tmp_path / "damaged.sqlite"
    with open_store(db) as store:
        _ingest(store, _corpus(tmp_path / "docs", 1))
        _embed(store, str(db))
        (index_folders(db)[0] / "documents.json").write_text("{not json", encoding="utf-8")
        found = doctor(store, db)
    assert not found.ok and [(p.check, p.doc_id) for p in found.problems] == [("vectors", None)]
    assert "unreadable index" in found.problems[0].detail
