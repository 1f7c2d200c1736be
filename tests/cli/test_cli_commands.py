"""`sinoscope ingest/docs/show/search` behaviour: output, exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store.factory import sample_document

from sinoscope.store import SqliteStore

from .conftest import Run

pytestmark = pytest.mark.usefixtures("fake_pipeline")


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    return [
        _write(tmp_path, "040_gears.txt", "Gear Report\n\nGear makers supply robot arms.\n\nThin margins."),
        _write(tmp_path, "041_chips.txt", "Chip Report\n\nThe domestic production rate of chips rose."),
    ]


@pytest.fixture
def stored(tmp_path: Path, db: Path) -> Path:
    """A database holding the store tests' sample report (with a table and sections)."""
    with SqliteStore(db) as store:
        store.save_document(sample_document("900"))
    return db


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def test_ingest_summary_then_unchanged(run: Run, reports: list[Path]) -> None:
    first = run("ingest", *map(str, reports))
    assert first.exit_code == 0, first.output
    assert "040" in first.stdout and "new" in first.stdout
    assert "2 files (2 new)" in first.stdout
    again = run("ingest", *map(str, reports))
    assert again.exit_code == 0
    assert "2 files (2 unchanged)" in again.stdout
    assert "unchanged" in again.stdout


def test_bad_files_in_a_batch(run: Run, reports: list[Path], tmp_path: Path) -> None:
    empty = _write(tmp_path, "042_empty.txt", "")
    binary = tmp_path / "043_binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    missing = tmp_path / "044_missing.txt"
    result = run("ingest", str(empty), str(reports[0]), str(binary), str(missing), str(reports[1]))
    assert result.exit_code == 2
    errors = _errors(result.stderr)
    assert errors == [
        f"error: {empty}: empty file",
        f"error: {binary}: not UTF-8 text",
        f"error: {missing}: no such file",
    ]
    assert result.stderr.splitlines() == errors  # nothing else: no progress residue, no traceback
    listed = json.loads(run("docs", "--json").stdout)
    assert [d["doc_id"] for d in listed] == ["040", "041"]


def test_parser_bug_is_exit_1_with_a_hint(run: Run, tmp_path: Path) -> None:
    buggy = _write(tmp_path, "045_bug.txt", "Bug\n\nEXPLODE")
    result = run("ingest", str(buggy))
    assert result.exit_code == 1
    assert _errors(result.stderr) == [f"error: {buggy}: internal error (ValueError: parser bug triggered)"]
    assert "SINOSCOPE_DEBUG" in result.stderr and "Traceback" not in result.stderr


def test_docs_lists_documents(run: Run, stored: Path) -> None:
    result = run("docs")
    assert result.exit_code == 0
    assert "900" in result.stdout and "A Made-Up Report on Widget Policy" in result.stdout
    data = json.loads(run("docs", "--json").stdout)
    assert data[0]["doc_id"] == "900" and data[0]["tables"] == 1


def test_show_table(run: Run, stored: Path) -> None:
    result = run("show", "900#table-1-1")
    assert result.exit_code == 0
    out = result.stdout
    assert "Table 1-1. Widget output by year (RMB 10,000)" in out
    for cell in ("Year", "2021", "Exports", "41", "Source: made-up statistics office"):
        assert cell in out
    assert out.index("Year") < out.index("Output") < out.index("Exports")


def test_show_paragraph_and_json(run: Run, stored: Path) -> None:
    result = run("show", "900#1.1¶1")
    assert result.exit_code == 0
    assert "domestic production rate target of 40%" in result.stdout
    assert "900#fn-1.1" in result.stdout
    data = json.loads(run("show", "900#1.1¶1", "--json").stdout)
    assert data["kind"] == "paragraph" and data["section"] == "1.1"


def test_show_section_prints_outline_and_first_blocks(run: Run, stored: Path) -> None:
    result = run("show", "900#2.1", "--blocks", "1")
    assert result.exit_code == 0
    assert "2.1 Upstream" in result.stdout and "2.1.1 Gears" in result.stdout
    assert "Gadget gears come mostly" in result.stdout
    assert "Gear makers earn" not in result.stdout  # only one block asked for
    chapter = run("show", "900#1")
    assert "1.2 Spending" in chapter.stdout and "Version 1 of this" in chapter.stdout
    whole = run("show", "900")
    assert "Chapter 2: Gadget Supply Chains" in whole.stdout


@pytest.mark.parametrize("anchor", ["900#table-9-9", "nope#1", "garbage", "999"])
def test_show_unknown_anchor_is_one_line_exit_2(run: Run, stored: Path, anchor: str) -> None:
    result = run("show", anchor)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: {anchor}: no such")


def test_search_lists_anchors_best_first(run: Run, stored: Path) -> None:
    result = run("search", "domestic production rate")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["1.", "900#1.1¶1"]
    assert "domestic production rate target" in lines[1]
    hits = json.loads(run("search", "domestic production rate", "--json", "--limit", "2").stdout)
    assert [h["anchor"] for h in hits][:1] == ["900#1.1¶1"] and len(hits) == 2
    assert hits[0]["match"] == "phrase"


ODD_QUERIES = ['"domestic production rate"', "R&D", "C++", "RMB 10,000", '"unbalanced', "((", ""]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_search_odd_queries_never_fail(run: Run, stored: Path, query: str) -> None:
    result = run("search", query)
    assert result.exit_code == 0
    assert "Traceback" not in result.output


def test_search_without_matches_says_so(run: Run, stored: Path) -> None:
    result = run("search", "zeppelin")
    assert result.exit_code == 0 and result.stdout == ""
    assert "no passages match" in result.stderr


def test_read_commands_do_not_create_a_database(run: Run, db: Path) -> None:
    result = run("docs")
    assert result.exit_code == 2
    assert _errors(result.stderr) == [f"error: {db}: no database here (run `sinoscope ingest` first)"]
    assert not db.exists()


def test_not_a_database(run: Run, db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"\x00garbage" * 512)
    result = run("docs")
    assert result.exit_code == 2
    assert result.stderr == f"error: {db}: not a SQLite database\n"


def test_db_location_env_and_default(
    run: Run, reports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_db = tmp_path / "env" / "nested" / "e.sqlite"
    monkeypatch.setenv("SINOSCOPE_DB", str(env_db))
    assert run("ingest", str(reports[0]), use_db=False).exit_code == 0
    assert env_db.is_file()  # parent folders created
    monkeypatch.delenv("SINOSCOPE_DB")
    assert run("ingest", str(reports[1]), use_db=False).exit_code == 0
    from sinoscope.interfaces.cli import default_db

    default = default_db()
    assert default.is_file() and str(default).startswith(str(tmp_path))
    with SqliteStore(default) as store:
        assert [d.doc_id for d in store.list_documents()] == ["041"]


def test_brackets_in_report_text_are_not_rich_markup(run: Run, db: Path) -> None:
    from store.factory import DocBuilder

    b = DocBuilder("905", "Report [draft] on [bold]markup[/bold]")
    b.chapter(1, "Body").para("See [1] and [red]this[/red] literally.")
    b.table("1-1", "Prices [RMB]", [["Item", "[a]"], ["x", "[/b]"]])
    with SqliteStore(db) as store:
        store.save_document(b.build())
    para = run("show", "905#1¶1").stdout
    assert "See [1] and [red]this[/red] literally." in para
    table = run("show", "905#table-1-1").stdout
    assert "Prices [RMB]" in table and "[a]" in table and "[/b]" in table
    assert "[bold]markup[/bold]" in run("docs").stdout


def test_show_accepts_p_for_pilcrow(run: Run, stored: Path) -> None:
    typed = run("show", "900#1.1p1")
    assert typed.exit_code == 0 and typed.stdout == run("show", "900#1.1¶1").stdout
    assert run("show", "900#frontp9").stderr == "error: 900#front¶9: no such anchor\n"
