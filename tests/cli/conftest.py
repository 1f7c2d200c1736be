"""CLI fixtures: an isolated database location and a runner that keeps stdout and stderr apart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sinoscope.interfaces.cli import app

Run = Callable[..., Result]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "db" / "cli.sqlite"


@pytest.fixture
def run(db: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke `sinoscope --db <tmp> ARGS...`; user data dirs point into tmp so nothing leaks out."""
    monkeypatch.delenv("SINOSCOPE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(db.parent / "xdg"))
    runner = CliRunner()

    def invoke(*args: str, use_db: bool = True) -> Result:
        argv = ["--db", str(db), *args] if use_db else list(args)
        return runner.invoke(app, argv, catch_exceptions=False)

    return invoke


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Swap in the simple reader/builder of the store tests, to test the CLI apart from parsing."""
    from store.fakes import fake_build, fake_read

    monkeypatch.setattr("sinoscope.app.pipeline.default_reader", lambda max_bytes: fake_read)
    monkeypatch.setattr("sinoscope.app.pipeline.default_builder", lambda: fake_build)
