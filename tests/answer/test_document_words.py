"""A document's words (`engine.document_words`) are computed once per version of the document for the whole
process: the application answers every question with a new answerer, and splitting and romanizing a long
report was most of a cold question's time. A document re-ingested with other content gets its new words."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer import engine
from sinoscope.answer.engine import Answerer, document_words
from sinoscope.app.pipeline import ingest_paths
from sinoscope.store import SqliteStore

FIRST = "# Lakeside ferry review\n\nThe Lakeside ferry carried 58,000 passengers in 2025.\n"
SECOND = "# Lakeside ferry review\n\nThe Lakeside hovercraft carried 61,000 passengers in 2025.\n"


def test_document_words_are_computed_once_per_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_DOCUMENT_WORDS", {})
    calls: list[str] = []
    real = engine.names_in

    def counted(text: str) -> frozenset[str]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(engine, "names_in", counted)
    path = tmp_path / "ferry.md"
    path.write_text(FIRST, encoding="utf-8")
    with SqliteStore(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [path])
        doc_id = store.list_documents()[0].doc_id
        first = document_words(store, doc_id)
        assert first.has("ferry") and not first.has("hovercraft")
        for _ in range(3):  # new answerers, as the application makes one per question
            Answerer(store, lambda q, n: [])._document_words(doc_id)
        assert len(calls) == 1
        path.write_text(SECOND, encoding="utf-8")
        ingest_paths(store, [path])
        changed = document_words(store, doc_id)
        assert len(calls) == 2
        assert changed.has("hovercraft")
        assert document_words(store, "no-such-doc").bag == frozenset()
