"""Reciprocal rank fusion: exact scores on a worked example, and properties over arbitrary rankings."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinoscope.retrieval.fusion import reciprocal_rank_fusion

ids = st.sampled_from([f"d#{i}" for i in range(12)])
ranking = st.lists(ids, max_size=10).map(lambda xs: [(x, float(-i)) for i, x in enumerate(xs)])


def test_worked_example_scores_and_ranks() -> None:
    bm25 = [("a", 9.0), ("b", 5.0), ("c", 1.0)]
    dense = [("c", 0.9), ("a", 0.8), ("d", 0.1)]
    fused = reciprocal_rank_fusion([bm25, dense], k=60)
    by_id = {f.id: f for f in fused}
    assert by_id["a"].score == pytest.approx(1 / 61 + 1 / 62)
    assert by_id["c"].score == pytest.approx(1 / 63 + 1 / 61)
    assert by_id["b"].ranks == (2, None)
    assert by_id["d"].ranks == (None, 3)
    assert [f.id for f in fused] == ["a", "c", "b", "d"]


def test_scores_are_ignored_only_ranks_matter() -> None:
    a = reciprocal_rank_fusion([[("x", 1000.0), ("y", 0.0)], [("y", 0.5), ("x", 0.4)]])
    b = reciprocal_rank_fusion([[("x", 1.0), ("y", 0.9)], [("y", 0.001), ("x", 0.0)]])
    assert [(f.id, f.score) for f in a] == [(f.id, f.score) for f in b]


def test_weights_shift_the_balance() -> None:
    lists = [[("lex", 1.0), ("sem", 0.5)], [("sem", 1.0), ("lex", 0.5)]]
    assert reciprocal_rank_fusion(lists, weights=[2.0, 1.0])[0].id == "lex"
    assert reciprocal_rank_fusion(lists, weights=[1.0, 2.0])[0].id == "sem"


def test_limit_and_bad_arguments() -> None:
    lists = [[(str(i), 0.0) for i in range(10)]]
    assert len(reciprocal_rank_fusion(lists, limit=3)) == 3
    with pytest.raises(ValueError):
        reciprocal_rank_fusion(lists, weights=[1.0, 1.0])
    with pytest.raises(ValueError):
        reciprocal_rank_fusion(lists, k=-1)
    assert reciprocal_rank_fusion([]) == []
    assert reciprocal_rank_fusion([[], []]) == []


@settings(deadline=None)  # properties of the order, not timing (a loaded machine ran one case in 0.3 s)
@given(st.lists(ranking, min_size=1, max_size=4))
def test_result_is_the_union_without_duplicates(rankings: list[list[tuple[str, float]]]) -> None:
    fused = reciprocal_rank_fusion(rankings)
    out = [f.id for f in fused]
    assert len(out) == len(set(out))
    assert set(out) == {x for r in rankings for x, _ in r}
    scores = [f.score for f in fused]
    assert scores == sorted(scores, reverse=True)


@settings(deadline=None)  # properties of the order, not timing (a loaded machine ran one case in 0.3 s)
@given(st.lists(ranking, min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_order_of_input_lists_does_not_matter(rankings: list[list[tuple[str, float]]], rnd: random.Random) -> None:
    shuffled = list(rankings)
    rnd.shuffle(shuffled)
    assert [(f.id, round(f.score, 12)) for f in reciprocal_rank_fusion(rankings)] == [
        (f.id, round(f.score, 12)) for f in reciprocal_rank_fusion(shuffled)
    ]


@settings(deadline=None)  # properties of the order, not timing (a loaded machine ran one case in 0.3 s)
@given(ranking)
def test_one_list_keeps_its_order(r: list[tuple[str, float]]) -> None:
    first_seen = list(dict.fromkeys(x for x, _ in r))
    assert [f.id for f in reciprocal_rank_fusion([r])] == first_seen


@settings(deadline=None)  # properties of the order, not timing (a loaded machine ran one case in 0.3 s)
@given(st.lists(ranking, min_size=2, max_size=4))
def test_an_id_first_in_every_list_wins(rankings: list[list[tuple[str, float]]]) -> None:
    top = [("winner#0", 1.0)]
    fused = reciprocal_rank_fusion([top + [p for p in r if p[0] != "winner#0"] for r in rankings])
    assert fused[0].id == "winner#0"
    assert fused[0].ranks == tuple(1 for _ in rankings)


@settings(deadline=None)  # properties of the order, not timing (a loaded machine ran one case in 0.3 s)
@given(st.lists(ranking, min_size=1, max_size=3), ids)
def test_moving_an_id_up_never_lowers_its_score(rankings: list[list[tuple[str, float]]], target: str) -> None:
    before = {f.id: f.score for f in reciprocal_rank_fusion(rankings)}
    promoted = [
        [(target, 9.0)] + [p for p in r if p[0] != target] if any(p[0] == target for p in r) else r for r in rankings
    ]
    after = {f.id: f.score for f in reciprocal_rank_fusion(promoted)}
    if target in before:
        assert after[target] >= before[target]


def test_score_powers_scale_a_vote_by_the_lists_score() -> None:
    # an invented pair of lists: "own" holds the query's words, "cover" ranks passages by how much of the
    # translated question they hold; "weak" is second there but holds a fifth of what the first holds
    own = [("zh#1", 20.0), ("zh#3", 14.0), ("zh#2", 12.0)]
    cover = [("en#1", 5.0), ("weak", 1.0)]
    plain = reciprocal_rank_fusion([own, cover], k=10)
    graded = reciprocal_rank_fusion([own, cover], k=10, score_powers=[0, 0.5])
    by_id = {f.id: f for f in graded}
    assert by_id["weak"].score == pytest.approx(1 / 12 * (1 / 5) ** 0.5)
    assert by_id["en#1"].score == pytest.approx(1 / 11)
    assert [f.id for f in plain].index("weak") < [f.id for f in plain].index("zh#2")
    assert [f.id for f in graded].index("weak") > [f.id for f in graded].index("zh#2")
    assert reciprocal_rank_fusion([own, cover], score_powers=[0, 0]) == reciprocal_rank_fusion([own, cover])
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([own, cover], score_powers=[0.5])
