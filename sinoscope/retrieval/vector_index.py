"""The vector index contract, and the anchor bookkeeping every implementation shares.

Ids are block anchors ("000#4.1.4¶3"): they are stable across re-ingestion and are what BM25 hits carry,
so dense and lexical results fuse on the same key. An anchor's document is the part before "#", which is
what `remove` matches when a document is replaced or deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from sinoscope.retrieval.embedding import Matrix, normalize_rows
from sinoscope.store.postgres_url import is_postgres_url, sidecar_base

Labels = npt.NDArray[np.int64]


@runtime_checkable
class VectorIndex(Protocol):
    """Nearest-neighbour search over unit vectors by inner product (= cosine similarity)."""

    @property
    def dim(self) -> int: ...

    def __len__(self) -> int: ...

    def add(self, ids: Sequence[str], vectors: Matrix) -> None:
        """Insert or replace one vector per anchor; costs about the size of the batch, not of the index."""
        ...

    def remove(self, doc_ids: Iterable[str]) -> int:
        """Drop every vector whose anchor belongs to one of these documents; return how many went."""
        ...

    def query(self, vector: Matrix, k: int, *, doc_id: str | None = None) -> list[tuple[str, float]]:
        """The k best (anchor, cosine) pairs, best first; `doc_id` restricts to one document."""
        ...

    def save(self, path: Path) -> None:
        """Persist under the directory `path`; an interrupted save leaves the previous state readable."""
        ...


def doc_of(anchor: str) -> str:
    return anchor.partition("#")[0]


def index_path_for(db_path: str | Path, embedder_name: str) -> Path:
    """Where the vector index of a database lives: beside it, one directory per embedding space (for a
    PostgreSQL URL, beside a local stand-in path: see `postgres_url.sidecar_base`)."""
    db = sidecar_base(db_path) if is_postgres_url(db_path) else Path(db_path)
    return db.with_name(f"{db.name}.vectors.{embedder_name}")


class IdMap:
    """Anchors <-> int64 labels (what ANN libraries store) <-> documents.

    Labels are never reused, so a stale label in a half-updated index can never name the wrong block.
    """

    def __init__(self) -> None:
        self._label_of: dict[str, int] = {}
        self._anchor_of: dict[int, str] = {}
        self._by_doc: dict[str, set[int]] = {}
        self.next_label = 0

    def __len__(self) -> int:
        return len(self._label_of)

    def __contains__(self, anchor: object) -> bool:
        return anchor in self._label_of

    def assign(self, anchors: Sequence[str]) -> tuple[Labels, Labels]:
        """New labels for `anchors`, and the labels they replace (already present anchors)."""
        if len(set(anchors)) != len(anchors):
            raise ValueError("duplicate ids in one add() call")
        for a in anchors:
            if not a or "\n" in a:
                raise ValueError(f"invalid index id {a!r}")
        replaced = [self._label_of[a] for a in anchors if a in self._label_of]
        self.forget(replaced)
        labels = np.arange(self.next_label, self.next_label + len(anchors), dtype=np.int64)
        self.next_label += len(anchors)
        for a, lab in zip(anchors, labels.tolist(), strict=True):
            self._put(a, lab)
        return labels, np.asarray(replaced, dtype=np.int64)

    def _put(self, anchor: str, label: int) -> None:
        self._label_of[anchor] = label
        self._anchor_of[label] = anchor
        self._by_doc.setdefault(doc_of(anchor), set()).add(label)

    def forget(self, labels: Iterable[int]) -> None:
        for lab in labels:
            anchor = self._anchor_of.pop(lab)
            del self._label_of[anchor]
            doc = doc_of(anchor)
            bucket = self._by_doc[doc]
            bucket.discard(lab)
            if not bucket:
                del self._by_doc[doc]

    def labels_of_docs(self, doc_ids: Iterable[str]) -> Labels:
        out: list[int] = []
        for d in doc_ids:
            out.extend(self._by_doc.get(d, ()))
        return np.asarray(sorted(out), dtype=np.int64)

    def anchor(self, label: int) -> str | None:
        return self._anchor_of.get(label)

    def items(self) -> Iterator[tuple[int, str]]:
        return iter(self._anchor_of.items())

    def to_arrays(self) -> tuple[Labels, str]:
        labels = np.fromiter(self._anchor_of.keys(), dtype=np.int64, count=len(self._anchor_of))
        return labels, "\n".join(self._anchor_of.values())

    @classmethod
    def from_arrays(cls, labels: Labels, anchors_text: str, next_label: int) -> IdMap:
        m = cls()
        anchors = anchors_text.split("\n") if anchors_text else []
        if len(anchors) != len(labels):
            raise ValueError(f"{len(labels)} labels but {len(anchors)} anchors")
        for a, lab in zip(anchors, labels.tolist(), strict=True):
            m._put(a, lab)
        m.next_label = max(next_label, (int(labels.max()) + 1) if len(labels) else 0)
        return m


def as_matrix(vectors: npt.ArrayLike, dim: int) -> Matrix:
    """Validate the shape and normalise rows: inner product ranks by cosine only for unit rows."""
    m = normalize_rows(vectors)
    if m.shape[1] != dim:
        raise ValueError(f"vectors have {m.shape[1]} dimensions, the index has {dim}")
    return np.ascontiguousarray(m)
