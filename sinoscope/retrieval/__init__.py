"""Retrieval: embeddings, a vector index that updates per document, and fusion with the store's BM25.

Measured choices (figures from tests/retrieval/recall_eval.py and bench/search_latency.py, 2-core CPU):
- Embedder: `MiniLMEmbedder` (the packaged all-MiniLM-L6-v2) is the default. On the development
  questions its dense recall@5 is 0.92 (BM25 0.83) and hybrid has the best MRR (0.73); it embeds ~85
  report paragraphs/s, so a whole report takes ~10 s: embed after the text is committed (`DenseIndexer`),
  not inside the interactive ingest. `StaticEmbedder`, distilled from it locally (`load_static_embedder`),
  embeds ~15,000 blocks/s but reaches only 0.58 dense recall@5 and drags hybrid below BM25 alone (0.50):
  keep it for bulk synthetic loads and benchmarks.
- Vector index: `FaissIndex` (exact below 65k vectors, IVF with float16 vectors above), incremental
  add/remove, persisted beside the database (`index_path_for`); `FlatIndex` is the exact reference.
- Fusion: reciprocal rank fusion of BM25 and dense candidate lists (`reciprocal_rank_fusion`,
  `Retriever`).
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
from sinoscope.retrieval.search import Hit, Mode, Retriever
from sinoscope.retrieval.vector_index import VectorIndex, doc_of, index_path_for

__all__ = [
    "Embedder",
    "EmbedderUnavailableError",
    "Fused",
    "Hit",
    "Matrix",
    "Mode",
    "Retriever",
    "VectorIndex",
    "blob_to_vector",
    "doc_of",
    "index_path_for",
    "normalize_rows",
    "reciprocal_rank_fusion",
    "vector_to_blob",
]
