"""`sinoscope tables`: every stored table says whether it was read as data, and why not."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sinoscope.interfaces.cli import app

REPORT = """1 Budgets

Table 1-1. Spending by Year (RMB hundred million)

Item\t2020\t2021
Research\t10.5\t12.0
Training\t3.1\t3.4

Table 1-2. Who Does What

Agency\tTask
North Office\tPlanning
South Office\tAuditing
"""


def test_tables_flags_text_only_tables_with_their_reason(tmp_path: Path) -> None:
    path = tmp_path / "070_budgets.txt"
    path.write_text(REPORT, encoding="utf-8")
    db = str(tmp_path / "t.sqlite")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "ingest", str(path)]).exit_code == 0
    result = runner.invoke(app, ["--db", db, "tables", "--json"])
    assert result.exit_code == 0, result.output
    readings = {t["anchor"]: t for t in json.loads(result.stdout)}
    data, text = readings["070#table-1-1"], readings["070#table-1-2"]
    assert data["understood"] and data["records"] == 4 and data["confidence"] >= 0.9
    assert not text["understood"] and text["records"] == 0 and "text" in text["reason"]
    human = runner.invoke(app, ["--db", db, "tables"])
    assert "text only" in human.stdout and "070#table-1-1" in human.stdout


def test_tables_unknown_document_is_a_clear_error(tmp_path: Path) -> None:
    db = str(tmp_path / "t.sqlite")
    path = tmp_path / "071_x.txt"
    path.write_text("Just text.\n", encoding="utf-8")
    runner = CliRunner()
    runner.invoke(app, ["--db", db, "ingest", str(path)])
    result = runner.invoke(app, ["--db", db, "tables", "--doc", "999"])
    assert result.exit_code == 2 and result.stderr.startswith("error:")
