"""A figure whose own clause names another country is that country's, though its sentence names the one
asked too (invented countries and figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer import Answerer
from sinoscope.knowledge.actors import Country
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.store import SqliteStore

from .checks import ingested, ranks_first_never_wrong, words_answerer

KB = KnowledgeBase(entries=(Country(id="fd", name="Freedonia"), Country(id="sy", name="Sylvania")))
REPORT = (
    "Research spending review\n\n1 Spending\n\nA survey released in March 2024 showed that while Freedonia still "
    "leads the region in research spending, with $512 billion in gross expenditures in 2021, Sylvania was close "
    "behind, at $430 billion.\n\nBoth countries raised their budgets again in 2022.\n"
)


@pytest.fixture
def answerer(tmp_path: Path) -> Answerer:
    store = SqliteStore(ingested(tmp_path, {"spending_review.txt": REPORT}))
    store.open()
    return words_answerer(store, KB)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("What were Sylvania's gross expenditures on research in 2021?", 430e9),
        ("What were Freedonia's gross expenditures on research in 2021?", 512e9),
    ],
)
def test_the_country_of_the_figure_is_the_one_its_clause_names(answerer: Answerer, question: str, value: float) -> None:
    ranks_first_never_wrong(answerer, question, value, "USD")
