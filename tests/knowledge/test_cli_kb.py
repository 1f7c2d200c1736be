"""`sinoscope kb ...` on a fresh database: the bundled knowledge is there before any report is ingested."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from store.factory import DocBuilder
from typer.testing import CliRunner, Result

from sinoscope.interfaces.cli import app
from sinoscope.store import SqliteStore

Run = Callable[..., Result]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "db" / "kb.sqlite"


@pytest.fixture
def run(db: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.delenv("SINOSCOPE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(db.parent / "xdg"))
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)

    return invoke


def test_load_then_up_to_date(run: Run) -> None:
    first = run("kb", "load")
    assert first.exit_code == 0, first.output
    assert "knowledge base loaded" in first.stdout
    second = run("kb", "load")
    assert "up to date" in second.stdout


def test_list_policies_as_json_on_a_fresh_database(run: Run) -> None:
    result = run("kb", "list", "--type", "policies", "--json")
    assert result.exit_code == 0, result.output
    assert "knowledge base loaded" in result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) >= 40
    assert {r["type"] for r in rows} == {"policy"}
    mic = next(r for r in rows if r["id"] == "made-in-china-2025")
    assert mic["when"] == "2015-05-08" and mic["sources"] >= 1


def test_list_refuses_an_unknown_type(run: Run) -> None:
    result = run("kb", "list", "--type", "gizmo")
    assert result.exit_code == 2
    assert "unknown type" in result.stderr


def test_show_made_in_china_2025_lists_its_targets_and_sources(run: Run) -> None:
    result = run("kb", "show", "Made in China 2025")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Made in China 2025  [policy: made-in-china-2025]")
    assert "IC domestic production rate: 58% by 2020" in out
    assert "Independent assurance ratio of core basic components and key basic materials: 70% by 2025" in out
    assert "sources (5)" in out and "000#fn-1.11" in out
    as_json = json.loads(run("kb", "show", "MIC2025", "--json").stdout)
    assert as_json["id"] == "made-in-china-2025"
    target_ids = {t["id"] for t in as_json["targets"]}
    assert {"roadmap-ic-2020", "roadmap-ic-2030", "mic2025-core-components-2025"} <= target_ids
    texts = {t["text"] for t in as_json["targets"]}
    assert "IC domestic production rate: 58% by 2020" in texts
    anchors = {s["anchor"] for s in as_json["sources"]}
    assert "000#fn-1.11" in anchors
    assert {s["status"] for s in as_json["sources"]} == {"not ingested"}


def test_show_resolves_the_fund_by_any_of_its_names(run: Run) -> None:
    for name in ("Big Fund", "National IC Fund", "China Integrated Circuit Industry Investment Fund"):
        data = json.loads(run("kb", "show", name, "--json").stdout)
        assert data["id"] == "big-fund"
    data = json.loads(run("kb", "show", "big-fund", "--json").stdout)
    assert {"big-fund-phase-1", "big-fund-phase-2"} <= {c["id"] for c in data["children"]}


def test_show_unknown_and_ambiguous_names_fail_clearly(run: Run) -> None:
    missing = run("kb", "show", "Gadget Doubling Programme")
    assert missing.exit_code == 2
    assert "no entity" in missing.stderr
    vague = run("kb", "show", "fund")
    assert vague.exit_code == 2
    assert "entities match" in vague.stderr


def test_check_without_reports_says_what_to_do(run: Run) -> None:
    result = run("kb", "check")
    assert result.exit_code == 2
    assert "sinoscope ingest" in result.stderr
    assert "not ingested: 000, 001" in " ".join(result.stdout.split())


def test_check_lists_citations_the_ingested_text_does_not_support(
    run: Run, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as if the curated data bound no content to "000" (with the binding, other content is "not ingested")
    monkeypatch.setattr("sinoscope.knowledge.sources.curated_documents", lambda: {})
    assert run("kb", "load").exit_code == 0
    fake = DocBuilder("000", "A made-up report").chapter(4, "Chips").para("Nothing about any fund here.").build()
    with SqliteStore(db) as store:
        store.save_document(fake)
    result = run("kb", "check", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert not data["ok"] and data["checked"] > 0
    assert data["missing_documents"] == ["001"]
    assert {f["status"] for f in data["failures"]} == {"no-such-anchor"}
    text = run("kb", "check")
    assert text.exit_code == 1
    assert "failed citations" in text.stdout
