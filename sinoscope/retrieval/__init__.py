"""Retrieval: embeddings, a vector index that updates per document, and fusion with the store's BM25.

Measured choices (commands and figures in bench/search_latency.py and tests/retrieval/recall_eval.py):
- Embedder: `MiniLMEmbedder` (packaged all-MiniLM-L6-v2) is the default for quality; `StaticEmbedder`
  (distilled from it locally, ~40x faster to encode) is for bulk loads where encode time dominates.
- Vector index: `FaissIndex` (exact below 65k vectors, IVF above), incremental add/remove, persisted
  beside the database by `index_path_for`.
- Fusion: reciprocal rank fusion of BM25 and dense candidate lists.
"""

from sinoscope.retrieval.embedding import (
    Embedder,
    EmbedderUnavailableError,
    Matrix,
    blob_to_vector,
    normalize_rows,
    vector_to_blob,
)
from sinoscope.retrieval.fusion import Fused, reciprocal_rank_fusion
from sinoscope.retrieval.vector_index import VectorIndex, doc_of, index_path_for

__all__ = [
    "Embedder",
    "EmbedderUnavailableError",
    "Fused",
    "Matrix",
    "VectorIndex",
    "blob_to_vector",
    "doc_of",
    "index_path_for",
    "normalize_rows",
    "reciprocal_rank_fusion",
    "vector_to_blob",
]
