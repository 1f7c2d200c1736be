"""Acceptance over the real reports: ingest both, show Table 4-4, search a phrase.

Skips when ../shared/corpus is absent.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sinoscope.interfaces.cli import app
from sinoscope.store import SqliteStore

pytestmark = pytest.mark.corpus
ANCHOR = re.compile(r"^\s*\d+\. (\d{3}#\S+)")


@pytest.fixture(scope="module")
def corpus_db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    db = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    files = sorted(str(p) for p in corpus_dir.glob("*.txt"))
    assert len(files) == 2
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", *files], catch_exceptions=False)
    return db, result


def _run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--db", str(db), *args], catch_exceptions=False)


def test_ingest_both_reports(corpus_db: tuple[Path, Result]) -> None:
    db, result = corpus_db
    assert result.exit_code == 0, result.output
    assert "2 files (2 new)" in result.stdout
    docs = json.loads(_run(db, "docs", "--json").stdout)
    assert [d["doc_id"] for d in docs] == ["000", "001"]
    assert all(d["chapters"] >= 8 and d["tables"] >= 10 for d in docs)


def test_show_table_4_4(corpus_db: tuple[Path, Result]) -> None:
    db, _ = corpus_db
    result = _run(db, "show", "000#table-4-4")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Table 4-4. Percentage of Domestically Produced ICs" in out
    cells = ("Year", "2013", "2021", "IC manufacturing in China", "Domestic production rate", "25.6", "3176")
    for cell in cells:
        assert cell in out, cell
    assert "Source:" in out


def test_search_domestic_production_rate(corpus_db: tuple[Path, Result]) -> None:
    db, _ = corpus_db
    result = _run(db, "search", "domestic production rate")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    anchors = [m.group(1) for line in lines if (m := ANCHOR.match(line))]
    assert len(anchors) == 10 and len(set(anchors)) == 10
    assert "domestic production rate" in lines[1].lower()  # best passage holds the phrase
    hits = json.loads(_run(db, "search", "domestic production rate", "--json").stdout)
    assert hits[0]["match"] == "phrase"
    assert [h["anchor"] for h in hits] == anchors


def test_reingest_changes_nothing(corpus_db: tuple[Path, Result], corpus_dir: Path) -> None:
    db, _ = corpus_db
    with SqliteStore(db) as store:
        before = list(store.conn.iterdump())
    result = _run(db, "ingest", *sorted(str(p) for p in corpus_dir.glob("*.txt")))
    assert result.exit_code == 0 and "2 files (2 unchanged)" in result.stdout
    with SqliteStore(db) as store:
        assert list(store.conn.iterdump()) == before


def test_console_script_end_to_end(corpus_db: tuple[Path, Result], tmp_path: Path) -> None:
    """The installed `sinoscope` entry point, as the README runs it."""
    db, _ = corpus_db
    exe = Path(sys.executable).with_name("sinoscope")
    if not exe.exists():
        pytest.skip(f"console script not installed at {exe}")
    proc = subprocess.run(
        [str(exe), "--db", str(db), "show", "000#table-4-4"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "Domestic production rate" in proc.stdout
    missing = subprocess.run(
        [str(exe), "--db", str(db), "show", "000#table-99-99"], capture_output=True, text=True, timeout=60
    )
    assert missing.returncode == 2 and missing.stderr == "error: 000#table-99-99: no such anchor\n"
