"""The two real reports ingested once into a temporary store (no dense index), for corpus acceptance tests."""

from __future__ import annotations

from pathlib import Path

from sinoscope.store import open_store
from sinoscope.store.extract import extract_document
from sinoscope.store.ingest import ingest_paths
from sinoscope.store.kb_sync import ensure_knowledge


def ingest_corpus(corpus_dir: Path, folder: Path) -> Path:
    db = folder / "corpus.sqlite"
    with open_store(db) as store:
        report = ingest_paths(store, sorted(corpus_dir.glob("*.txt")), extract=extract_document)
        assert not report.errors, report.errors
        ensure_knowledge(store)
    return db
