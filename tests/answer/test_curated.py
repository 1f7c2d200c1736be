"""Curated siblings: other publishers' values for an answer's measure, quoted from their own passages."""

from __future__ import annotations

from pathlib import Path

from sinoscope.answer import Status
from sinoscope.answer.curated import quoted, siblings, source_observation
from sinoscope.knowledge.base import Citation
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.knowledge.measures import Indicator, Observation
from sinoscope.store import SqliteStore

from .checks import words_answerer


def _obs(oid: str, value: float, anchor: str, printed: str, publisher: str) -> Observation:
    return Observation(
        id=oid, indicator="cathode-rate", entity="fd", period="2022", value=value, unit="%", kind="estimate",
        publisher=publisher, sources=(Citation(anchor=anchor, quote_value=printed),),
    )  # fmt: skip


KB = KnowledgeBase(
    entries=(
        Indicator(
            id="cathode-rate",
            name="Cathode domestic production rate",
            definition="share made at home",
            unit="%",
            sources=(Citation(anchor="711#1.1¶1", quote_value="58.0%"),),
        ),
        _obs("by-voltaic", 58.0, "711#1.1¶1", "58.0%", "Voltaic Research"),
        _obs("by-makers", 62.5, "710#2.1¶1", "62.5%", "Cell Makers Association"),
        _obs("misquoted", 70.0, "710#2.1¶1", "70%", "Nobody"),
    )
)


def test_siblings_are_quoted_from_their_passages_or_left_out(answer_db: Path) -> None:
    with SqliteStore(answer_db) as store:
        own = source_observation(KB, "711#1.1¶1", 58.0, "%")
        assert own is not None and own.id == "by-voltaic"
        others = siblings(KB, own)
        assert {o.id for o in others} == {"by-makers", "misquoted"}
        figures = quoted(store, others)
        assert [f.observation.id for f in figures] == ["by-makers"]  # 70% is printed nowhere: not shown
        assert "62.5%" in figures[0].quote and figures[0].anchor == "710#2.1¶1"


def test_a_named_publisher_gets_its_own_figure_only(answer_db: Path) -> None:
    with SqliteStore(answer_db) as store:
        answerer = words_answerer(store, KB)
        card = answerer.ask(
            "What was the domestic production rate of cathode materials in 2022 according to Voltaic Research?"
        )
        assert card.status is Status.FOUND
        assert card.best is not None and card.best.value == 58.0 and card.best.publisher == "Voltaic Research"
