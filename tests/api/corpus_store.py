"""The two real reports ingested once into a temporary store (no dense index), for corpus acceptance tests."""

from __future__ import annotations

from pathlib import Path

from sinoscope.app.pipeline import ensure_knowledge, ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.store import open_store


def ingest_corpus(corpus_dir: Path, folder: Path) -> Path:
    db = folder / "corpus.sqlite"
    with open_store(db) as store:
        report = ingest_paths(store, sorted(corpus_dir.glob("*.txt")), extract=extract_document)
        assert not report.errors, report.errors
        ensure_knowledge(store)
    return db
