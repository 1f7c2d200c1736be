"""A store holding the two invented reports (ingested with the real pipeline), and an answerer over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.answer import Answerer
from sinoscope.app.pipeline import ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.store import SqliteStore

from .checks import words_answerer
from .fixtures import REPORT_A, REPORT_B


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    (folder / "710_freedonia.txt").write_text(REPORT_A, encoding="utf-8")
    (folder / "711_freedonia_b.txt").write_text(REPORT_B, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def answer_db(reports: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "answer.sqlite"
    with SqliteStore(db) as store:
        report = ingest_paths(store, sorted(reports.glob("*.txt")), extract=extract_document)
        assert not report.errors
    return db


@pytest.fixture
def answerer(answer_db: Path) -> Iterator[Answerer]:
    with SqliteStore(answer_db) as store:
        yield words_answerer(store)
