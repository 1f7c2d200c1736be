"""Acceptance over the real reports: every citation in the curated data resolves and prints its value.

Skips when ../shared/corpus is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sinoscope.app.pipeline import ensure_knowledge, ingest_paths, link_documents
from sinoscope.interfaces.cli import app
from sinoscope.store import SqliteStore

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus_db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("kb-corpus") / "corpus.sqlite"
    files = sorted(corpus_dir.glob("*.txt"))
    assert len(files) == 2
    with SqliteStore(db) as store:
        report = ingest_paths(store, files)
        assert not report.errors, report.errors
        ensure_knowledge(store)
        link_documents(store, store.knowledge(), ["000", "001"])
    return db


def _run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", str(db), *args], catch_exceptions=False)


def test_kb_check_passes_on_the_ingested_reports(corpus_db: Path) -> None:
    result = _run(corpus_db, "kb", "check", "--json", "--strict")
    data = json.loads(result.stdout)
    assert data["failures"] == [], data["failures"][:10]
    assert result.exit_code == 0
    assert data["missing_documents"] == []
    assert data["checked"] >= 900


def test_show_made_in_china_2025_with_its_passages(corpus_db: Path) -> None:
    data = json.loads(_run(corpus_db, "kb", "show", "Made in China 2025", "--json").stdout)
    assert {s["status"] for s in data["sources"]} == {"ok"}
    assert any("Made in China 2025" in (s["passage"] or "") for s in data["sources"])
    assert data["links"]["counts"]["citation"] >= 5
    assert data["links"]["counts"]["alias"] >= 10


def test_the_fund_is_linked_in_both_reports(corpus_db: Path) -> None:
    with SqliteStore(corpus_db) as store:
        docs = {lk.doc_id for lk in store.links(entity="big-fund")}
        assert docs == {"000", "001"}
        table_links = store.links(anchor="000#table-4-4")
        assert {lk.entity for lk in table_links} >= {"ic-domestic-production-rate", "obs-ic-market-size-cn-2021-000"}
