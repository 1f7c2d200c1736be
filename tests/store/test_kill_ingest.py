"""`kill -9` anywhere in `sinoscope ingest`, again and again: one plain re-run restores every count.

A clean run over a small invented corpus gives the reference counts (blocks, tables, facts, links per
document). The same ingestion is then killed at ten or more moments spread over its run time, each time into
the same database, and a last plain `ingest` must leave exactly the reference counts: nothing half-written,
nothing derived lost for good (links written after the document commits included).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sinoscope.store import open_store

EXE = Path(sys.executable).with_name("sinoscope")
KILLS = 10

_REPORT = """Widget Industry Review {n}

1 Background

1.1 Policy

In 201{n} the State Council issued Made in China 2025 follow-up measures; the Big Fund invested RMB {n}.5 billion
in widget makers, and output grew {n}.2% to 3{n}0,000 units.

Table 1-1. Widget output (10,000 units)
Year\t2020\t2021
Output\t1{n}\t2{n}
Source: an invented statistics office.

2 Outlook

2.1 Targets

The plan aims at a domestic production rate of 7{n}% by 2030, up from 4{n}% in 2020.
"""


def _corpus(folder: Path, n: int = 4) -> list[str]:
    folder.mkdir()
    paths = []
    for i in range(n):
        p = folder / f"widgets_{i}.txt"
        p.write_text(_REPORT.format(n=i) * 15, encoding="utf-8")
        paths.append(str(p))
    return paths


def _ingest(db: Path, files: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SINOSCOPE_DB": str(db)}
    cmd = [str(EXE), "ingest", "--no-embed", *files]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _counts(db: Path) -> dict[str, tuple[int, int, int, int]]:
    with open_store(db) as store:
        return {
            d.doc_id: (d.blocks, d.tables, len(store.facts(d.doc_id)), len(store.links(doc_id=d.doc_id)))
            for d in store.list_documents()
        }


@pytest.mark.slow
def test_repeated_kills_then_one_plain_run_restore_every_count(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "docs")
    clean_db = tmp_path / "clean.sqlite"
    t0 = time.monotonic()
    assert _ingest(clean_db, files).wait(timeout=300) == 0
    run_time = time.monotonic() - t0
    reference = _counts(clean_db)
    assert len(reference) == len(files) and all(links > 0 for *_, links in reference.values())

    db = tmp_path / "killed.sqlite"
    for k in range(KILLS):
        proc = _ingest(db, files)
        time.sleep(run_time * (k + 1) / (KILLS + 1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert _ingest(db, files).wait(timeout=300) == 0
    assert _counts(db) == reference, json.dumps({"killed": _counts(db), "clean": reference})
