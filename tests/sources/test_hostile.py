"""Hostile files end in bounded time with one line (or a stored document), and the batch goes on.

Every case is followed by a good file in the same `ingest` batch, which must be stored. The generators
live in `hostile.py`; the bombs are refused by the decompression and nesting caps before any expansion,
the work bombs by the worker's time limit (5 s here, to keep the suite fast; 25 s by default).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sinoscope.app.pipeline import Status, ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.errors import InputError
from sinoscope.sources.sandbox import Limits, Sandbox, read_in_sandbox
from sinoscope.store import open_store
from tests.sources import hostile

LIMITS = Limits(seconds=5, memory_mb=1024)
GOOD = "Provincial Review\n\nSpending on research rose 7% in 2023 to RMB 12 billion.\n"


@pytest.mark.parametrize("case", sorted(hostile.CASES))
def test_hostile_file_ends_in_one_line_and_the_next_file_is_stored(tmp_path: Path, case: str) -> None:
    make: Callable[[Path], Path] = hostile.CASES[case]
    bad = make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    store = open_store(tmp_path / "db.sqlite")
    try:
        started = time.perf_counter()
        report = ingest_paths(store, [bad, good], extract=extract_document, limits=LIMITS)
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    first, second = report.results
    assert first.seconds <= 30 and elapsed <= 60, (first.seconds, elapsed)
    if first.status is Status.ERROR:
        assert first.error is not None and "\n" not in first.error and not first.internal, first.error
        assert first.error.startswith(str(bad) + ": ")
    else:
        assert first.status is Status.NEW
    assert second.status is Status.NEW, second.error


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("zip-bomb docx", "compressed"),
        ("stream-bomb pdf", "limit of 64 MB"),
        ("100k unclosed html tags", "nested more than"),
    ],
)
def test_bombs_are_refused_before_they_expand(tmp_path: Path, case: str, reason: str) -> None:
    path = hostile.CASES[case](tmp_path)
    started = time.perf_counter()
    with pytest.raises(InputError) as err:
        read_in_sandbox(path, LIMITS)
    assert reason in str(err.value)
    assert time.perf_counter() - started < 10


def test_memory_limit_is_one_line_and_the_worker_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "any.txt"
    with Sandbox(Limits(seconds=20, memory_mb=300)) as sandbox:
        with pytest.raises(InputError, match="memory limit of 300 MB"):
            sandbox.call(path, hostile.allocate, 600)
        assert sandbox.call(tmp_path / "next.txt", hostile.allocate, 50) == 50 * hostile.MB


def test_time_limit_kills_the_worker_and_the_next_call_gets_a_new_one(tmp_path: Path) -> None:
    with Sandbox(Limits(seconds=1, memory_mb=0)) as sandbox:
        started = time.perf_counter()
        with pytest.raises(InputError, match="time limit of 1 s"):
            sandbox.call(tmp_path / "slow.txt", hostile.sleep, 30)
        assert time.perf_counter() - started < 5
        assert sandbox.call(tmp_path / "next.txt", hostile.sleep, 0.1) == 0.1


def test_time_limit_covers_all_stages_of_one_file(tmp_path: Path) -> None:
    with Sandbox(Limits(seconds=1.5, memory_mb=0)) as sandbox:
        path = tmp_path / "slow.txt"
        sandbox.call(path, hostile.sleep, 1.0)
        with pytest.raises(InputError, match="time limit"):
            sandbox.call(path, hostile.sleep, 1.0)
