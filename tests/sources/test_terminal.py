"""Control characters in file names, titles and messages never reach the terminal raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sinoscope.interfaces.cli import app
from sinoscope.sources.terminal import printable

ESC_TITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain 中文 report 😀", "plain 中文 report 😀"),
        (f"a{ESC_TITLE}b", "a\\x1b]0;owned\\x07b"),
        (f"x{CLEAR}y\rz\bw", "x\\x1b[2Jy\\x0dz\\x08w"),
        ("left\u202eright", "left\\u202eright"),
        ("c1\x9bcontrol", "c1\\x9bcontrol"),
        ("tab\tnew\nline", "tab\\x09new\\x0aline"),
    ],
)
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_printable_keeps_line_breaks_in_multi_line_text() -> None:
    assert printable("one\ntwo\t3\x1b", one_line=False) == "one\ntwo\t3\\x1b"


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.delenv("SINOSCOPE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "t.sqlite"), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_file_names_and_titles_with_escapes_are_shown_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / f"empty{CLEAR}.txt"
    empty.write_text("")
    report = tmp_path / f"report{ESC_TITLE}.md"
    report.write_text(f"---\ntitle: Grants {CLEAR}Review\n---\n\nSpending rose 7% in 2023.\n", encoding="utf-8")
    code, out, err = _run(tmp_path, monkeypatch, "ingest", "--no-embed", str(empty), str(report))
    assert code == 2
    assert "\x1b" not in out and "\x1b" not in err and "\x07" not in out + err
    assert "empty\\x1b[2J.txt: empty file" in err
    assert "report\\x1b]0;owned\\x07" in out.replace("\n", "").replace("│", "").replace(" ", "")
    code, out, err = _run(tmp_path, monkeypatch, "docs")
    assert code == 0 and "\x1b" not in out + err


def test_damaged_utf8_is_stored_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes("Review\n\nSpending rose 7% in 2023 (人民币).\n".encode() + b"\xff\n")
    code, _, err = _run(tmp_path, monkeypatch, "ingest", "--no-embed", str(path))
    assert code == 0, err
    assert f"warning: {path}: 1 invalid byte in utf-8 replaced with U+FFFD" in err.splitlines()
