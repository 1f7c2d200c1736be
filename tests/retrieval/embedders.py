"""Embedders for retrieval tests that must see the lexical legs of hybrid search alone."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sinoscope.retrieval.embedding import Matrix


class FlatEmbedder:
    """No semantic signal (every text the same vector): the tests see the lexical legs alone."""

    name = "flat"
    dim = 4

    def encode(self, texts: Sequence[str]) -> Matrix:
        return np.tile(np.array([[1, 0, 0, 0]], dtype=np.float32), (len(texts), 1))
