"""The embedder contract shared by the dense retrieval path, and the vector codec for storing embeddings.

Retrieval, ingestion and benchmarks only ever see an `Embedder`, so the slow transformer and the fast
static table can be swapped per corpus without touching callers. Every embedder returns unit-length
float32 rows: inner product is then cosine similarity, which is what the vector indexes rank by.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from sinoscope.errors import SinoscopeError

Matrix = npt.NDArray[np.float32]
"""Rows are vectors."""


class EmbedderUnavailableError(SinoscopeError):
    """The packaged model (or a library it needs) is not installed, so dense retrieval cannot run."""


@runtime_checkable
class Embedder(Protocol):
    @property
    def name(self) -> str:
        """Identifies the vector space: vectors from embedders with different names must not be mixed."""
        ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> Matrix:
        """One unit-length float32 row per text (an all-zero row for text with nothing to embed)."""
        ...


def normalize_rows(m: npt.ArrayLike) -> Matrix:
    """Scale rows to unit length; zero rows stay zero instead of turning into NaN."""
    a = np.asarray(m, dtype=np.float32)
    if a.ndim == 1:
        a = a[None, :]
    norms = np.linalg.norm(a, axis=1, keepdims=True)
    out: Matrix = a / np.maximum(norms, np.float32(1e-12))
    return out


def vector_to_blob(v: npt.ArrayLike) -> bytes:
    """Little-endian float32 bytes: the storage form of one embedding (a BLOB column)."""
    return np.asarray(v, dtype="<f4").reshape(-1).tobytes()


def blob_to_vector(blob: bytes, dim: int) -> npt.NDArray[np.float32]:
    if len(blob) != 4 * dim:
        raise SinoscopeError(f"stored embedding has {len(blob) // 4} dimensions, expected {dim}")
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)
