"""Component dependence without a Chinese-market figure, firm-level concentration, chokepoint order."""

from __future__ import annotations

import pytest

from sinoscope.analysis.supply_chain import analyse_chain, dependence
from sinoscope.knowledge.base import Citation
from sinoscope.knowledge.chains import Component, MarketShare, Stage, SupplyChain

SRC = (Citation(anchor="r#5¶1"),)


def _share(holder: str, share: float, rank: int | None = None, market: str = "global") -> MarketShare:
    return MarketShare(holder=holder, share=share, year="2019", rank=rank, market=market, sources=SRC)  # type: ignore[arg-type]


def test_world_share_of_foreign_suppliers_is_a_stated_lower_bound() -> None:
    cnc = Component(id="cnc", name="CNC", sources=SRC, shares=(_share("jp", 65), _share("eu", 30), _share("cn", 2)))
    d = dependence(cnc, "up")
    assert d.domestic_share is None and d.foreign_share == pytest.approx(95.0)
    assert "world market" in d.foreign_basis and "lower bound" in d.foreign_basis
    assert d.hhi == pytest.approx(65**2 + 30**2 + 2**2) and d.firm_hhi is None


def test_ranked_firms_give_a_firm_level_index() -> None:
    gears = Component(
        id="gears", name="Gears", sources=SRC,
        shares=(_share("jp", 41, 1), _share("jp", 28, 2), _share("cn", 5, 3)),
        domestic_share=(MarketShare(holder="cn", share=28, market="china", year="2020", sources=SRC),),
    )  # fmt: skip
    d = dependence(gears, "up")
    assert d.foreign_share == pytest.approx(72.0) and "China's market" in d.foreign_basis
    assert d.hhi == pytest.approx(69**2 + 5**2) and d.firm_hhi == pytest.approx(41**2 + 28**2 + 5**2)


def test_unknown_concentration_gets_no_score_and_ranks_after_scored_components() -> None:
    scored = Component(
        id="a", name="A", sources=SRC, shares=(_share("jp", 50), _share("de", 10)),
        domestic_share=(MarketShare(holder="cn", share=50, market="china", year="2020", sources=SRC),),
    )  # fmt: skip
    unscored = Component(
        id="b", name="B", sources=SRC,
        domestic_share=(MarketShare(holder="cn", share=10, market="china", year="2020", sources=SRC),),
    )  # fmt: skip
    bare = Component(id="c", name="C", sources=SRC)
    stage = Stage(id="s", name="S", position=1, components=(bare, unscored, scored), sources=SRC)
    chain = SupplyChain(id="ch", name="Chain", industry="x", country="cn", stages=(stage,), sources=SRC)
    order = [(c.component, c.chokepoint) for c in analyse_chain(chain).components]
    assert [c for c, _ in order] == ["a", "b", "c"]
    assert order[0][1] == pytest.approx(0.5 * 0.26) and order[1][1] is None
