"""The contract of a calibrated answerer, for the tests: the figure asked ranks first, and the card gives it
or abstains; it never gives another figure. Whether it abstains depends on the fitted confidence (the
threshold keeps wrong answers within 3 % of questions on documents left out of the fit), so a test that
needs an answer asserts the ranking, and the card only when it answers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

from sinoscope.answer import Answer, Answerer, Status
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.store import SqliteStore
from sinoscope.store.base import Store


def words_answerer(store: Store, kb: KnowledgeBase | None = None) -> Answerer:
    """An answerer over `store` that retrieves passages by the store's own word search (no dense index)."""
    return Answerer(store, lambda query, limit: [h.anchor for h in store.search(query, limit)], kb)


def ingested(folder: Path, documents: Mapping[str, str]) -> Path:
    """A SQLite store in `folder` holding the invented `documents` (file name → text), ingested for real."""
    from sinoscope.app.pipeline import ingest_paths  # the application layer, only for building the fixture
    from sinoscope.app.stages import extract as extract_document

    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "answers.sqlite"
    with SqliteStore(db) as store:
        assert not ingest_paths(store, [folder / n for n in sorted(documents)], extract=extract_document).errors
    return db


@contextmanager
def answerer_over(folder: Path, documents: Mapping[str, str]) -> Iterator[Answerer]:
    """A words-only answerer over a store of the invented `documents`."""
    with SqliteStore(ingested(folder, documents)) as store:
        yield words_answerer(store)


def ranks_first_never_wrong(answerer: Answerer, question: str, value: float, unit: str | None = None) -> Answer:
    ranked = answerer.rank(answerer.parse(question)).ranked
    assert ranked, f"no candidate for {question!r}"
    top = ranked[0].scored.candidate
    assert top.value == pytest.approx(value, rel=0.005), (question, top.value, top.quote)
    assert unit is None or top.unit == unit
    card = answerer.ask(question)
    if card.best is not None:
        assert card.best.value == pytest.approx(value, rel=0.005) and (unit is None or card.best.unit == unit)
        assert card.best.printed in card.best.quote
    else:
        assert card.status in (Status.NOT_FOUND, Status.DISAGREEMENT, Status.AMBIGUOUS), card.status
        assert all(a.value == pytest.approx(value, rel=0.005) for a in card.answers[:1])
    return card
