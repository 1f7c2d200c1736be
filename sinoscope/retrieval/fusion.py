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
    score_powers: Sequence[float] | None = None,
) -> list[Fused]:
    """Fuse ranked (id, score) lists, each best first; an id repeated within one list counts once.

    `score_powers` (one per list, 0 = ranks only, the default) makes a list's vote score-aware: an id's
    term w / (k + rank) is multiplied by (score / the list's first score) ** power, so a list whose
    scores say how much of the query each item holds votes for an item by that much and not by its rank
    alone (a list whose second item holds a fifth of what its first holds no longer gives it nearly the
    first's vote). Only for lists with positive scores, best first.

    Ties are broken by the best single rank, then by id, so the result does not depend on the order of
    the input lists.
    """
    if k < 0:
        raise ValueError("k must be >= 0")
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    if score_powers is not None and len(score_powers) != len(rankings):
        raise ValueError(f"{len(score_powers)} score powers for {len(rankings)} rankings")
    scale: list[dict[str, float]] = [{} for _ in rankings]
    for li, power in enumerate(score_powers or ()):
        if power and rankings[li] and rankings[li][0][1] > 0:
            top = rankings[li][0][1]
            for item_id, item_score in rankings[li]:
                scale[li].setdefault(item_id, (max(item_score, 0.0) / top) ** power)
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
        score = sum(
            w / (k + r) * scale[li].get(item_id, 1.0)
            for li, (w, r) in enumerate(zip(weights, rs, strict=True))
            if r is not None
        )
        fused.append(Fused(item_id, score, tuple(rs)))
    fused.sort(key=lambda f: (-f.score, min(r for r in f.ranks if r is not None), f.id))
    return fused if limit is None else fused[:limit]


YEAR_WEIGHT = 0.25
"""Weight of the list of passages matching a year the query names (`query_years.py`), against 1 for the
hybrid ranking itself: a vote, not a filter (the first such passage climbs from rank 10 to the top, from
rank 40 to about 11; at 0.5 it would jump from anywhere to the top). 0.25, 0.5 and 1 gave the same result
on the tuning half (hybrid recall@3 39/40 -> 40/40, MRR English 0.80 -> 0.87, English -> Chinese 0.78 ->
0.95); the weakest is kept."""


def prefer(ids: Sequence[str], preferred: set[str], *, weight: float = YEAR_WEIGHT, k: int = RRF_K) -> list[str]:
    """`ids` (best first) re-ranked by fusing them with their own subsequence of `preferred` ids: a preferred
    id climbs over the others near it without jumping far ahead of much better ones."""
    if not preferred:
        return list(ids)
    fused = reciprocal_rank_fusion(
        [[(i, 0.0) for i in ids], [(i, 0.0) for i in ids if i in preferred]], weights=[1.0, weight], k=k
    )
    return [f.id for f in fused]
