"""`sinoscope facts`, `export facts|tables` and `extract`: records in the domain conventions, filters, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sinoscope.app.facts import FACT_FIELDS, QUANTITY_FIELDS, TABLE_FIELDS
from sinoscope.interfaces.cli import app

from .conftest import Run

REPORT = """Sprocket Policy in a Made-Up Country

1 Sprocket Funding

1.1 Grants

In 2021, sprocket makers received RMB 4.5 billion in grants, and 35 firms applied. The ministry set the \
self-sufficiency target at 60% by 2030.

Exports reached 12.5% of output in January 2022; the share for 2023 is estimated at 14%.

Table 1-1. Sprocket grants

(RMB hundred million)

Item\t2020\t2021
Grants\t38.0\t45.0
Loans\t12.5\t– 3.0

1.2 Outlook

Analysts expect output to grow about 5%-7% a year, with more than 1,200 workers hired.
"""


@pytest.fixture
def ingested(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "050_sprockets.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = run("ingest", "--no-embed", str(path))
    assert result.exit_code == 0, result.output
    return path


def _one_error(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    return lines[0]


def test_facts_json_follows_the_conventions(run: Run, ingested: Path) -> None:
    result = run("facts", "--json")
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    assert [f["text"] for f in facts] == ["RMB 4.5 billion", "35", "60%", "12.5%", "14%", "5%-7%", "1,200"]
    text = ingested.read_text(encoding="utf-8")
    for f in facts:
        assert list(f) == list(FACT_FIELDS)
        assert f["doc"] == "050_sprockets.txt" and f["doc_id"] == "050"
        assert text[f["start"] : f["end"]] == f["text"]
        assert text.count("\n", 0, f["start"]) + 1 == f["line"]
        assert f["section"].startswith("050#1.")
    money, firms, target = facts[:3]
    assert (money["value"], money["unit"], money["period"], money["kind"]) == (4.5e9, "CNY", "2021", "actual")
    assert (firms["value"], firms["unit"]) == (35, "companies")
    assert (target["value"], target["unit"], target["period"], target["kind"]) == (60, "%", "2030", "target")
    rng = facts[5]
    assert (rng["value"], rng["value_max"], rng["approx"], rng["kind"]) == (5, 7, "about", "forecast")


def test_facts_filters_and_table_view(run: Run, ingested: Path) -> None:
    def texts(*args: str) -> list[str]:
        result = run("facts", "--json", *args)
        assert result.exit_code == 0, result.output
        return [f["text"] for f in json.loads(result.stdout)]

    assert texts("--unit", "%", "--kind", "target") == ["60%"]
    assert texts("--period", "2022") == ["12.5%"]
    assert texts("--kind", "ESTIMATE") == ["14%"]
    assert texts("--text", "rmb", "--doc", "050") == ["RMB 4.5 billion"]
    assert texts("--unit", "USD") == []
    view = run("facts", "--unit", "CNY")
    assert view.exit_code == 0
    assert "050#1.1¶1" in view.stdout and "RMB 4.5 billion" in view.stdout and "60%" not in view.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("facts", "--kind", "guess"), "error: kind 'guess': expected one of actual, target, estimate, forecast"),
        (("facts", "--doc", "999"), "error: 999: no such document"),
        (("export", "facts", "--format", "xml"), "error: format 'xml': expected one of jsonl, csv"),
        (("export", "tables", "--table", "050#table-9-9"), "error: 050#table-9-9: no table records stored"),
    ],
)
def test_bad_requests_are_one_line_exit_2(run: Run, ingested: Path, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert _one_error(result.stderr).startswith(message)


def test_facts_without_a_database(run: Run) -> None:
    result = run("facts")
    assert result.exit_code == 2
    assert "no database" in _one_error(result.stderr)


def test_export_facts_jsonl_and_csv_agree(run: Run, ingested: Path, tmp_path: Path) -> None:
    jsonl = run("export", "facts")
    assert jsonl.exit_code == 0
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    out = tmp_path / "facts.csv"
    result = run("export", "facts", "--format", "csv", "-o", str(out), "--kind", "actual")
    assert result.exit_code == 0
    assert f"records written to {out}" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(FACT_FIELDS)
    actual = [r for r in records if r["kind"] == "actual"]
    assert [r["text"] for r in rows] == [r["text"] for r in actual]
    assert [float(r["value"]) for r in rows] == [r["value"] for r in actual]
    assert rows[0]["value_max"] == "" and rows[0]["period"] == "2021"


def test_export_to_an_unwritable_place(run: Run, ingested: Path, tmp_path: Path) -> None:
    result = run("export", "facts", "-o", str(tmp_path / "missing" / "dir" / "facts.jsonl"))
    assert result.exit_code == 2
    assert "facts.jsonl" in _one_error(result.stderr)


def test_export_tables_inherits_the_unit_line(run: Run, ingested: Path) -> None:
    result = run("export", "tables")
    assert result.exit_code == 0
    cells = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(list(c) == list(TABLE_FIELDS) for c in cells)
    loss = next(c for c in cells if c["row_label"] == "Loans" and c["col_label"] == "2021")
    assert loss["table"] == "050#table-1-1" and loss["doc"] == "050_sprockets.txt"
    assert (loss["raw"], loss["printed_value"], loss["value"], loss["unit"]) == ("– 3.0", -3.0, -3.0e8, "CNY")
    csv_out = run("export", "tables", "-f", "csv", "--table", "050#table-1-1")
    assert csv_out.stdout.splitlines()[0] == ",".join(TABLE_FIELDS)
    assert len(csv_out.stdout.splitlines()) == 1 + len(cells)


def test_extract_reads_stdin_and_files_without_a_store(run: Run, tmp_path: Path, db: Path) -> None:
    text = "Output rose 8% in 2020. 到2025年，研发投入达到3.5万亿元。"
    result = _with_input(text, "extract", "--json", "-")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [q["text"] for q in found] == ["8%", "3.5万亿元"]
    assert all(list(q) == list(QUANTITY_FIELDS) for q in found)
    zh = found[1]
    assert (zh["value"], zh["unit"], zh["period"], zh["kind"]) == (3.5e12, "CNY", "2025", "target")
    assert text[found[1]["start"] : found[1]["end"]] == "3.5万亿元"
    path = tmp_path / "note.txt"
    path.write_text("The fund invested USD 1.2 billion in 12 companies.", encoding="utf-8")
    from_file = run("extract", "--json", str(path))
    assert [q["unit"] for q in json.loads(from_file.stdout)] == ["USD", "companies"]
    table = run("extract", str(path))
    assert "USD 1.2 billion" in table.stdout
    assert not db.exists()  # nothing stored


def test_extract_bad_input(run: Run, tmp_path: Path) -> None:
    missing = run("extract", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2
    assert _one_error(missing.stderr) == f"error: {tmp_path / 'nope.txt'}: no such file"
    binary = _with_input(bytes(range(32)) * 8, "extract", "-")
    assert binary.exit_code == 2
    assert _one_error(binary.stderr).startswith("error: <stdin>: ")
    empty = _with_input("", "extract", "--json", "-")
    assert empty.exit_code == 0 and json.loads(empty.stdout) == []


def _with_input(data: str | bytes, *args: str) -> Result:
    """Invoke with standard input (no database is involved in `extract`)."""
    return CliRunner().invoke(app, list(args), input=data, catch_exceptions=False)
