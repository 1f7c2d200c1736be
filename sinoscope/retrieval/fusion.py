"""Reciprocal rank fusion: merge ranked lists whose scores are not comparable (BM25 vs cosine).

RRF uses ranks only, so neither retriever's score scale can drown the other, and it needs no training
data: each id scores sum_i w_i / (k + rank_i) over the lists it appears in (Cormack et al., 2009; k = 60).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

RRF_K = 60


@dataclass(frozen=True)
class Fused:
    id: str
    score: float
    ranks: tuple[int | None, ...]
    """1-based rank of the id in each input list (None where it is absent), in input order."""


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[tuple[str, float]]],
    *,
    k: int = RRF_K,
    weights: Sequence[float] | None = None,
    limit: int | None = None,
) -> list[Fused]:
    """Fuse ranked (id, score) lists, each best first; an id repeated within one list counts once.

    Ties are broken by the best single rank, then by id, so the result does not depend on the order of
    the input lists.
    """
    if k < 0:
        raise ValueError("k must be >= 0")
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    ranks: dict[str, list[int | None]] = {}
    for li, ranking in enumerate(rankings):
        rank = 0
        for item_id, _score in ranking:
            slot = ranks.setdefault(item_id, [None] * len(rankings))
            if slot[li] is None:
                rank += 1
                slot[li] = rank
    fused = []
    for item_id, rs in ranks.items():
        score = sum(w / (k + r) for w, r in zip(weights, rs, strict=True) if r is not None)
        fused.append(Fused(item_id, score, tuple(rs)))
    fused.sort(key=lambda f: (-f.score, min(r for r in f.ranks if r is not None), f.id))
    return fused if limit is None else fused[:limit]
