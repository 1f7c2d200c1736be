"""The contract of a calibrated answerer, for the tests: the figure asked ranks first, and the card gives it
or abstains; it never gives another figure. Whether it abstains depends on the fitted confidence (the
threshold keeps wrong answers within 3 % of questions on documents left out of the fit), so a test that
needs an answer asserts the ranking, and the card only when it answers."""

from __future__ import annotations

import pytest

from sinoscope.answer import Answer, Answerer, Status
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.store.base import Store


def words_answerer(store: Store, kb: KnowledgeBase | None = None) -> Answerer:
    """An answerer over `store` that retrieves passages by the store's own word search (no dense index)."""
    return Answerer(store, lambda query, limit: [h.anchor for h in store.search(query, limit)], kb)


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
