"""`sinoscope ingest` identity and metadata options, `docs` metadata fields, `sinoscope remove` (real parser)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Run

NOTICE = """青川市人民政府办公室关于印发《青川市数字园区建设方案》的通知
青政办发〔2031〕9号
各区人民政府，市直各部门：
　　现将《青川市数字园区建设方案》印发给你们，请认真贯彻执行。
青川市人民政府办公室
2031年6月1日
青川市数字园区建设方案
　　一、工作目标
　　到2033年，建成数字园区20个。
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _docs(run: Run) -> dict[str, dict[str, object]]:
    result = run("docs", "--json")
    assert result.exit_code == 0, result.output
    return {d["doc_id"]: d for d in json.loads(result.stdout)}


def test_docs_shows_metadata_from_the_title_block(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path, "notice.txt", NOTICE)
    assert run("ingest", str(path)).exit_code == 0
    doc = _docs(run)["notice"]
    assert doc["title"] == "青川市数字园区建设方案"
    assert (doc["date"], doc["date_source"]) == ("2031-06-01", "date-line")
    assert doc["doc_number"] == "青政办发〔2031〕9号"
    assert doc["issuer"] == "青川市人民政府办公室"
    assert doc["lang"] == "zh"
    assert doc["metadata"] == {  # the full metadata stays where it was, under "metadata"
        "title": "青川市数字园区建设方案",
        "title_source": "enclosed-document",
        "date": "2031-06-01",
        "date_source": "date-line",
        "issuer": "青川市人民政府办公室",
        "doc_number": "青政办发〔2031〕9号",
        "lang": "zh",
    }
    table = run("docs")
    assert "2031-06-01" in table.stdout and "青政办发〔2031〕9号" in table.stdout


def test_two_files_with_one_prefix_and_a_colliding_path(run: Run, tmp_path: Path) -> None:
    a = _write(tmp_path, "2023_a.txt", "Plan A\n\nSprockets.\n")
    b = _write(tmp_path, "2023_b.txt", "Plan B\n\nGadgets.\n")
    assert run("ingest", str(a), str(b)).exit_code == 0
    assert sorted(_docs(run)) == ["2023", "2023-b"]

    other = _write(tmp_path / "elsewhere", "2023_a.txt", "Another Plan\n\nBatteries.\n")
    result = run("ingest", str(other))
    assert result.exit_code == 0
    assert f"note: {other}: id 2023 belongs to {a}: stored as 2023-a; --replace replaces it" in result.stderr
    assert _docs(run)["2023"]["title"] == "Plan A"

    replaced = run("ingest", "--replace", _write(tmp_path / "third", "2023_b.txt", "Plan C\n\nGears.\n").as_posix())
    assert replaced.exit_code == 0
    assert f"replaced document 2023-b (was {b})" not in replaced.stderr  # its name asks for 2023, not 2023-b
    assert "replaced document 2023 (was" in replaced.stderr
    assert _docs(run)["2023"]["title"] == "Plan C"


def test_metadata_options_set_what_the_file_does_not_say(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path, "remarks.txt", "各位代表：\n\n　　现在报告工作。\n")
    assert run("ingest", str(path)).exit_code == 0
    doc = _docs(run)["remarks"]
    assert doc["title"] == "remarks" and doc["title_source"] == "fallback" and doc["date"] is None
    title, issuer = "青川市政府工作报告", "青川市人民政府"
    result = run("ingest", str(path), "--title", title, "--date", "2031-03", "--issuer", issuer)
    assert result.exit_code == 0, result.output
    doc = _docs(run)["remarks"]
    assert (doc["title"], doc["title_source"]) == ("青川市政府工作报告", "cli")
    assert (doc["date"], doc["date_source"], doc["issuer"]) == ("2031-03", "cli", "青川市人民政府")


def test_bad_metadata_options_are_one_line_errors(run: Run, tmp_path: Path) -> None:
    path = _write(tmp_path, "x.txt", "Title\n\nText.\n")
    result = run("ingest", str(path), "--date", "soon")
    assert result.exit_code == 2
    assert result.stderr == "error: --date: 'soon' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)\n"
    result = run("ingest", str(path), "--lang", "Chinese!")
    assert result.exit_code == 2 and result.stderr.startswith("error: --lang: ")


def test_remove_deletes_a_document(run: Run, tmp_path: Path) -> None:
    a = _write(tmp_path, "100_a.txt", "Alpha\n\nSprockets and gears.\n")
    b = _write(tmp_path, "101_b.txt", "Beta\n\nSprockets and chips.\n")
    assert run("ingest", str(a), str(b)).exit_code == 0
    result = run("remove", "100")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"removed 100 ({a}:")
    assert sorted(_docs(run)) == ["101"]
    hits = json.loads(run("search", "sprockets", "--mode", "bm25", "--json").stdout)
    assert {h["doc_id"] for h in hits} == {"101"}
    missing = run("remove", "101", "nope")
    assert missing.exit_code == 2
    assert missing.stderr == "error: nope: no such document\n"
    assert sorted(_docs(run)) == ["101"]  # nothing removed when one id is unknown


def test_kb_check_counts_a_curated_id_holding_other_content_as_not_ingested(run: Run, db: Path) -> None:
    """A "000" stored with other content (a database from before the binding, or an edited file): the
    curated citations of report 000 are "not ingested", never checked against that text."""
    from store.factory import DocBuilder

    from sinoscope.store import SqliteStore

    assert run("kb", "load").exit_code == 0
    other = DocBuilder("000", "A battery report").chapter(4, "Cells").para("Nothing about any fund here.").build()
    with SqliteStore(db) as store:
        store.save_document(other)
    result = run("kb", "check", "--json")
    assert result.exit_code == 2  # nothing checked
    data = json.loads(result.stdout)
    assert data["checked"] == 0 and data["missing_documents"] == ["000", "001"]
    shown = run("kb", "show", "Big Fund")
    assert shown.exit_code == 0, shown.output
    assert "not ingested" in shown.stdout and "no such anchor" not in shown.stdout


def test_a_title_option_names_one_document(run: Run, tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", "A\n\nText.\n")
    b = _write(tmp_path, "b.txt", "B\n\nText.\n")
    result = run("ingest", str(a), str(b), "--title", "One Title")
    assert result.exit_code == 2
    assert result.stderr == "error: --title: names one document; 2 files given\n"
    both = run("ingest", str(a), str(b), "--date", "2031", "--lang", "en")  # a batch may share these
    assert both.exit_code == 0
    assert {d["date"] for d in _docs(run).values()} == {"2031"}
