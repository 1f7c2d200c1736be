"""The ranker's `meaning` feature: how close a figure's own words are in meaning to the question, from the
embedder dense search uses. Two figures of one sentence that word agreement cannot tell apart are ordered by
it (an invented plant report, and a stand-in embedder whose space is written out here), and without an
embedder the feature is zero, so words alone decide as before."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from sinoscope.answer import Answerer
from sinoscope.answer.meaning import centred_similarity
from sinoscope.answer.ranker import FEATURES, model
from sinoscope.retrieval.embedding import Matrix, normalize_rows
from sinoscope.store import SqliteStore

from .checks import ingested

REPORT = """Harrow Tools Annual Review 2025

Output
In 2025 the older works turned out 120 thousand drills, and the newer works turned out 80 thousand drills.
"""


class KeywordSpace:
    """A space of two meanings: texts with a word of `first` point one way, with a word of `second` another."""

    name = "keywords"
    dim = 3

    def __init__(self, first: Sequence[str], second: Sequence[str]) -> None:
        self.first, self.second = first, second

    def encode(self, texts: Sequence[str]) -> Matrix:
        rows = [[float(any(w in t for w in self.first)), float(any(w in t for w in self.second)), 0.2] for t in texts]
        return normalize_rows(np.array(rows, dtype=np.float32))


OLD_NEW = KeywordSpace(("older", "legacy"), ("newer", "modern"))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory.mktemp("meaning"), {"harrow_review_2025.txt": REPORT})


def _first(db: Path, question: str, embedder: KeywordSpace | None) -> float:
    with SqliteStore(db) as store:
        answerer = Answerer(store, lambda q, n: [h.anchor for h in store.search(q, n)], None, embedder)
        ranked = answerer.rank(answerer.parse(question)).ranked
    assert ranked
    return ranked[0].scored.candidate.value


def test_the_fitted_weight_favours_closer_meaning() -> None:
    assert model().coef[FEATURES.index("meaning")] > 0


def test_centred_similarity_is_zero_without_an_embedder_and_centred_with_one() -> None:
    assert centred_similarity(None, "q", ["a", "b"]) == [0.0, 0.0]
    sims = centred_similarity(OLD_NEW, "legacy plant", ["older works", "newer works"])
    assert sims[0] > 0 > sims[1]
    assert abs(sum(sims)) < 1e-6


@pytest.mark.parametrize(("plant", "value"), [("legacy", 120_000.0), ("modern", 80_000.0)])
def test_figures_of_one_sentence_are_ordered_by_meaning(db: Path, plant: str, value: float) -> None:
    # neither "legacy" nor "modern" is in the report: only the embedder tells which works the question means
    assert _first(db, f"How many drills did the {plant} plant turn out in 2025?", OLD_NEW) == value


def test_without_an_embedder_words_alone_cannot_tell_them_apart(db: Path) -> None:
    firsts = {_first(db, f"How many drills did the {p} plant turn out in 2025?", None) for p in ("legacy", "modern")}
    assert len(firsts) == 1
