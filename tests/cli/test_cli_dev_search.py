"""Acceptance of issue 13's search commands over a real Chinese report (../shared/dev) beside the two seed
reports: a Chinese phrase is found by BM25 in the Chinese report, and an English query finds the Chinese
passage through the dense index alone and in hybrid mode.

Skips when ../shared/dev or ../shared/corpus is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sinoscope.interfaces.cli import app

pytestmark = pytest.mark.corpus
REPORT = "gwr-2024-zh"


@pytest.fixture(scope="module")
def db(shared_dir: Path, corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = shared_dir / "dev" / "docs" / f"{REPORT}.txt"
    if not report.is_file():
        pytest.skip(f"{report} not found: acceptance test skipped")
    path = tmp_path_factory.mktemp("dev-search") / "dev.sqlite"
    files = [*sorted(str(p) for p in corpus_dir.glob("*.txt")), str(report)]
    result = CliRunner().invoke(app, ["--db", str(path), "ingest", "--embed", *files], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


def _json(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--db", str(db), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _hits(db: Path, query: str, mode: str) -> list[dict[str, Any]]:
    """The first three hits, each with its passage's whole text (`show`; a heading's is its title), since a
    snippet is cut."""
    hits: list[dict[str, Any]] = _json(db, "search", query, "--mode", mode)[:3]
    shown = [_json(db, "show", h["anchor"]) for h in hits]
    return [{**h, "text": s.get("text") or s["heading"]["title"]} for h, s in zip(hits, shown, strict=True)]


def test_a_chinese_phrase_is_found_by_bm25_in_the_chinese_report(db: Path) -> None:
    hits = _hits(db, "国内生产总值", "bm25")
    assert hits and hits[0]["doc_id"] == REPORT
    assert "国内生产总值" in hits[0]["text"]


@pytest.mark.parametrize("mode", ["dense", "hybrid"])
def test_an_english_query_finds_the_chinese_passage(db: Path, mode: str) -> None:
    hits = _hits(db, "special-purpose local government bonds", mode)
    assert any(h["doc_id"] == REPORT and "地方政府专项债券" in h["text"] for h in hits), [
        (h["doc_id"], h["text"][:40]) for h in hits
    ]
