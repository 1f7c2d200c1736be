"""How close in meaning a figure's own words are to the question: one of the ranker's features.

Word agreement (`scoring.score`) misses a measure said in other words ("R&D spending" for "gross expenditure
on R&D", "农民" for "农村居民") and, across languages, depends on a glossary. The multilingual embedder that
dense search uses puts both languages in one space, so the cosine of the question to each candidate's own
words (its clause and subject, or its row and column labels with the caption) tells the figures of one
passage apart without any word list. The cosines are centred on the question's mean: the conditional logit
only sees differences between a question's candidates anyway, and a centred feature is zero, not a shift of
every score, when no embedder is loaded (BM25 mode, a database never indexed).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
from threadpoolctl import ThreadpoolController

from sinoscope.answer.candidates import Candidate
from sinoscope.retrieval.embedding import Embedder


def own_words(c: Candidate) -> str:
    """What describes the figure itself: a table cell's labels with the caption, a prose figure's clause."""
    return f"{c.caption} {c.near}".strip() if c.source == "table" else c.near


def centred_similarity(embedder: Embedder | None, question: str, texts: Sequence[str]) -> list[float]:
    """Cosine of each text to the question, minus their mean (all zeros without an embedder)."""
    if embedder is None or not texts:
        return [0.0] * len(texts)
    unique = list(dict.fromkeys(texts))
    with _blas().limit(limits=1, user_api="blas"):
        vectors = embedder.encode([question, *unique])
    cosines = vectors[1:] @ vectors[0]
    by_text = dict(zip(unique, (float(x) for x in cosines), strict=True))
    mean = float(np.mean([by_text[t] for t in texts]))
    return [by_text[t] - mean for t in texts]


@functools.cache
def _blas() -> ThreadpoolController:
    """One BLAS thread for these small products: on a busy machine a multi-threaded BLAS spun ~10x longer
    (200 texts: 0.35 s against 0.03 s on two shared cores) than one thread took to do the work."""
    return ThreadpoolController()
