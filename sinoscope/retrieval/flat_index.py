"""Exact search by brute force in numpy: the reference the approximate index is tested against.

Fine for small corpora, linear beyond: at 1,000,000 blocks x 384 dimensions (bench/search_latency.py
--index flat) a query takes p50 56 / p95 63 ms, and adding or removing a 1,000-block document ~0.4 s,
because both copy the whole matrix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from sinoscope.errors import StoreError
from sinoscope.retrieval.embedding import Matrix
from sinoscope.retrieval.snapshot import generation_file, read_meta, write_snapshot
from sinoscope.retrieval.vector_index import IdMap, Labels, as_matrix

KIND = "flat"


class FlatIndex:
    def __init__(self, dim: int) -> None:
        self._dim = dim
        self._ids = IdMap()
        self._vectors: Matrix = np.zeros((0, dim), dtype=np.float32)
        self._labels: Labels = np.zeros(0, dtype=np.int64)

    @property
    def dim(self) -> int:
        return self._dim

    def __len__(self) -> int:
        return len(self._labels)

    def add(self, ids: Sequence[str], vectors: Matrix) -> None:
        m = as_matrix(vectors, self._dim)
        if len(m) != len(ids):
            raise ValueError(f"{len(ids)} ids but {len(m)} vectors")
        labels, replaced = self._ids.assign(ids)
        self._drop(replaced)
        self._vectors = np.concatenate([self._vectors, m])
        self._labels = np.concatenate([self._labels, labels])

    def remove(self, doc_ids: Iterable[str]) -> int:
        labels = self._ids.labels_of_docs(doc_ids)
        self._ids.forget(labels.tolist())
        return self._drop(labels)

    def _drop(self, labels: Labels) -> int:
        if not len(labels):
            return 0
        keep = ~np.isin(self._labels, labels)
        self._vectors = self._vectors[keep]
        self._labels = self._labels[keep]
        return int((~keep).sum())

    def query(self, vector: Matrix, k: int, *, doc_id: str | None = None) -> list[tuple[str, float]]:
        if k <= 0 or not len(self._labels):
            return []
        q = as_matrix(vector, self._dim)[0]
        vectors, labels = self._vectors, self._labels
        if doc_id is not None:
            mask = np.isin(labels, self._ids.labels_of_docs([doc_id]))
            vectors, labels = vectors[mask], labels[mask]
        scores = vectors @ q
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        # Ties broken by label (insertion order) so results are deterministic.
        top = top[np.lexsort((labels[top], -scores[top]))]
        return [(self._ids.anchor(int(labels[i])) or "", float(scores[i])) for i in top]

    def save(self, path: Path) -> None:
        # Labels are handed out increasing and rows are only appended or dropped: rows stay in label order.
        write_snapshot(
            path,
            {
                "format": 1,
                "kind": KIND,
                "dim": self._dim,
                "count": len(self),
                "next_label": self._ids.next_label,
            },
            {
                ("vectors", ".npy"): lambda p: np.save(p, self._vectors, allow_pickle=False),
                ("labels", ".npy"): lambda p: np.save(p, self._labels, allow_pickle=False),
                ("anchors", ".txt"): lambda p: p.write_text(
                    "\n".join(self._ids.anchor(int(lab)) or "" for lab in self._labels), encoding="utf-8"
                ),
            },
        )

    @classmethod
    def load(cls, path: Path) -> FlatIndex:
        meta = read_meta(path)
        if meta.get("kind") != KIND:
            raise StoreError(f"{path}: not a {KIND} vector index")
        try:
            idx = cls(int(meta["dim"]))
            idx._vectors = np.load(generation_file(path, meta, "vectors", ".npy"), allow_pickle=False)
            idx._labels = np.load(generation_file(path, meta, "labels", ".npy"), allow_pickle=False)
            anchors = generation_file(path, meta, "anchors", ".txt").read_text(encoding="utf-8")
            idx._ids = IdMap.from_arrays(idx._labels, anchors, int(meta["next_label"]))
        except (OSError, ValueError, KeyError) as err:
            raise StoreError(f"{path}: damaged vector index ({err})") from err
        if idx._vectors.shape != (len(idx._labels), idx._dim):
            raise StoreError(f"{path}: damaged vector index (vector and id counts differ)")
        return idx
