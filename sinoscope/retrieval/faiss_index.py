"""The default vector index: faiss, exact (flat) while small, inverted-file (IVF) once large.

Chosen by measurement on the 2-core benchmark machine (bench/search_latency.py; 384-d vectors):
- this index at 1,000,000 vectors: query p50 36 ms / p95 42 ms including the query's static encode,
  recall@10 0.96 against exact search; build 8 s through per-document adds; a 1,000-block document
  added in 4 ms and removed in 3 ms; saved in 2 s and loaded in 3 s (float16 storage: ~0.8 GB);
- numpy brute force (`FlatIndex`) at 1M: query p50 56 / p95 63 ms, a document add or removal ~0.4 s;
- sqlite-vec (vec0, brute force): 94 ms per query at 200,000, i.e. ~470 ms at 1M, and it needs apsw or
  pysqlite3 because this Python's sqlite3 cannot load extensions;
- HNSW (hnswlib M=16, usearch): sub-millisecond queries, but 22-80 s to build per 200,000 vectors on
  2 cores, i.e. minutes at 1M, and deletions only mark entries.
IVF adds and removes vectors in place, so ingesting a document never rebuilds the index. The coarse
clustering is retrained only when the index has grown 4x since it was trained (amortised constant cost
per vector), and the index starts exact: below `ivf_threshold` vectors flat search is already fast and
IVF would only lose recall.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sinoscope.errors import StoreError
from sinoscope.retrieval.embedding import EmbedderUnavailableError, Matrix
from sinoscope.retrieval.snapshot import generation_file, read_meta, write_snapshot
from sinoscope.retrieval.vector_index import IdMap, Labels, as_matrix

KIND = "faiss"
IVF_THRESHOLD = 65_536
"""Below this many vectors, search exactly (a flat scan of 65k x 384 takes ~4 ms)."""
RETRAIN_GROWTH = 4
TRAIN_POINTS_PER_LIST = 40
KMEANS_ITERATIONS = 12
PROBE_FRACTION = 4
"""Scan a quarter of the lists: recall@10 0.95 against exact search on the benchmark's synthetic vectors,
which cluster far less than embeddings of real prose do (fewer lists would be faster but miss more)."""


def _faiss() -> Any:
    # Imported lazily and untyped: its stubs pull in torch's, and BM25-only use should not pay for it.
    try:
        return importlib.import_module("faiss")
    except ImportError as err:
        raise EmbedderUnavailableError("the vector index needs the 'faiss-cpu' package") from err


def nlist_for(n: int) -> int:
    """About sqrt(n) lists (a power of two): 1024 for 1M vectors."""
    return int(min(4096, max(64, 2 ** round(math.log2(max(1.0, math.sqrt(n)))))))


class FaissIndex:
    def __init__(self, dim: int, *, ivf_threshold: int = IVF_THRESHOLD, nprobe: int | None = None) -> None:
        self._dim = dim
        self._ivf_threshold = ivf_threshold
        self._nprobe = nprobe
        self._ids = IdMap()
        self._trained_on = 0
        self._index: Any = self._new_flat()

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def is_ivf(self) -> bool:
        return self._trained_on > 0

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def _new_flat(self) -> Any:
        faiss = _faiss()
        return faiss.IndexIDMap2(faiss.IndexFlatIP(self._dim))

    def add(self, ids: Sequence[str], vectors: Matrix) -> None:
        m = as_matrix(vectors, self._dim)
        if len(m) != len(ids):
            raise ValueError(f"{len(ids)} ids but {len(m)} vectors")
        if not len(m):
            return
        labels, replaced = self._ids.assign(ids)
        self._remove_labels(replaced)
        self._index.add_with_ids(m, labels)
        n = len(self)
        if (not self.is_ivf and n >= self._ivf_threshold) or (self.is_ivf and n >= RETRAIN_GROWTH * self._trained_on):
            self._retrain()

    def remove(self, doc_ids: Iterable[str]) -> int:
        labels = self._ids.labels_of_docs(doc_ids)
        self._ids.forget(labels.tolist())
        return self._remove_labels(labels)

    def _remove_labels(self, labels: Labels) -> int:
        if not len(labels):
            return 0
        return int(self._index.remove_ids(_faiss().IDSelectorBatch(labels)))

    def _all_vectors(self) -> tuple[Matrix, Labels]:
        faiss = _faiss()
        if not self.is_ivf:
            n = len(self)
            vecs = (
                faiss.rev_swig_ptr(faiss.downcast_index(self._index.index).get_xb(), n * self._dim)
                .copy()
                .reshape(n, self._dim)
            )
            return vecs, faiss.vector_to_array(self._index.id_map).astype(np.int64)
        inv = self._index.invlists
        parts: list[Matrix] = []
        ids: list[Labels] = []
        for lst in range(self._index.nlist):
            size = inv.list_size(lst)
            if size == 0:
                continue
            ids.append(faiss.rev_swig_ptr(inv.get_ids(lst), size).copy().astype(np.int64))
            codes = faiss.rev_swig_ptr(inv.get_codes(lst), size * inv.code_size).copy()
            parts.append(codes.view(np.float16).reshape(size, self._dim).astype(np.float32))
        if not parts:
            return np.zeros((0, self._dim), np.float32), np.zeros(0, np.int64)
        return np.concatenate(parts), np.concatenate(ids)

    def _retrain(self) -> None:
        """Rebuild the coarse clustering from the vectors already held (rare: see RETRAIN_GROWTH)."""
        faiss = _faiss()
        vecs, labels = self._all_vectors()
        n = len(vecs)
        nlist = nlist_for(n)
        quantizer = faiss.IndexFlatIP(self._dim)
        index = faiss.IndexIVFScalarQuantizer(
            quantizer, self._dim, nlist, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT
        )
        # Store vectors themselves (not residuals) as float16: half the memory of float32, the same
        # ranking, and `_all_vectors` can read them back for the next retraining.
        index.by_residual = False
        index.cp.niter = KMEANS_ITERATIONS
        rng = np.random.default_rng(n)
        sample = vecs[rng.choice(n, size=min(n, TRAIN_POINTS_PER_LIST * nlist), replace=False)]
        index.train(sample)
        index.add_with_ids(vecs, labels)
        index.nprobe = self._nprobe or max(8, nlist // PROBE_FRACTION)
        self._index = index
        self._trained_on = n

    def query(self, vector: Matrix, k: int, *, doc_id: str | None = None) -> list[tuple[str, float]]:
        if k <= 0 or len(self) == 0:
            return []
        faiss = _faiss()
        q = as_matrix(vector, self._dim)[:1]
        params = None
        if doc_id is not None:
            labels = self._ids.labels_of_docs([doc_id])
            if not len(labels):
                return []
            sel = faiss.IDSelectorBatch(labels)
            # A document's blocks are spread over all lists: filtered queries scan every list.
            params = (
                faiss.SearchParametersIVF(sel=sel, nprobe=self._index.nlist)
                if self.is_ivf
                else faiss.SearchParameters(sel=sel)
            )
            k = min(k, len(labels))
        scores, found = self._index.search(q, min(k, len(self)), params=params)
        out: list[tuple[str, float]] = []
        for s, lab in zip(scores[0].tolist(), found[0].tolist(), strict=True):
            anchor = self._ids.anchor(lab) if lab >= 0 else None
            if anchor is not None:
                out.append((anchor, float(s)))
        return out

    def save(self, path: Path) -> None:
        faiss = _faiss()
        labels, anchors = self._ids.to_arrays()
        meta = {
            "format": 1,
            "kind": KIND,
            "dim": self._dim,
            "count": len(self),
            "next_label": self._ids.next_label,
            "trained_on": self._trained_on,
            "nprobe": int(self._index.nprobe) if self.is_ivf else None,
        }
        write_snapshot(
            path,
            meta,
            {
                ("index", ".faiss"): lambda p: faiss.write_index(self._index, str(p)),
                ("labels", ".npy"): lambda p: np.save(p, labels, allow_pickle=False),
                ("anchors", ".txt"): lambda p: p.write_text(anchors, encoding="utf-8"),
            },
        )

    @classmethod
    def load(cls, path: Path) -> FaissIndex:
        meta = read_meta(path)
        if meta.get("kind") != KIND:
            raise StoreError(f"{path}: not a {KIND} vector index")
        faiss = _faiss()
        try:
            idx = cls(int(meta["dim"]), nprobe=meta.get("nprobe"))
            idx._index = faiss.read_index(str(generation_file(path, meta, "index", ".faiss")))
            idx._trained_on = int(meta["trained_on"])
            labels = np.load(generation_file(path, meta, "labels", ".npy"), allow_pickle=False)
            anchors = generation_file(path, meta, "anchors", ".txt").read_text(encoding="utf-8")
            idx._ids = IdMap.from_arrays(labels, anchors, int(meta["next_label"]))
        except (OSError, ValueError, KeyError, RuntimeError) as err:
            raise StoreError(f"{path}: damaged vector index ({err})") from err
        if len(idx._ids) != len(idx):
            raise StoreError(f"{path}: damaged vector index ({len(idx._ids)} ids for {len(idx)} vectors)")
        return idx
