"""`sinoscope ask`: JSON shape, readable card, not found, user errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sinoscope.interfaces.cli import app


def _ask(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), "ask", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_json_card_shape(answer_db: Path) -> None:
    code, out, _ = _ask(answer_db, "How many orbital launches did Freedonia carry out in 2021?", "--json",
                        "--mode", "bm25")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"question", "status", "answers", "passages", "parsed"}
    assert data["status"] == "found"
    (item,) = data["answers"]
    assert {"value", "unit", "period", "anchor", "quote", "line", "kind", "source", "printed"} <= set(item)
    assert (item["value"], item["unit"], item["anchor"]) == (55.0, "launches", "710#1.1¶2")
    assert data["passages"][0]["anchor"] == "710#1.1¶2"


def test_readable_card_and_not_found(answer_db: Path) -> None:
    code, out, _ = _ask(answer_db, "How many orbital launches did Freedonia carry out in 2021?", "--mode", "bm25")
    assert code == 0 and "55 launches" in out and "710#1.1¶2" in out, out
    code, out, _ = _ask(answer_db, "How many submarines did Freedonia build in 2021?", "--mode", "bm25")
    assert code == 0 and out.startswith("not found")


def test_hybrid_without_a_dense_index_falls_back_to_words(answer_db: Path) -> None:
    code, out, _ = _ask(answer_db, "How many orbital launches did Freedonia carry out in 2021?", "--json")
    assert code == 0 and json.loads(out)["answers"][0]["value"] == 55


def test_missing_database_and_empty_question_are_user_errors(tmp_path: Path, answer_db: Path) -> None:
    code, _, err = _ask(tmp_path / "none.sqlite", "What?")
    assert code == 2 and err.startswith("error:")
    code, _, err = _ask(answer_db, "   ")
    assert code == 2 and "empty question" in err
