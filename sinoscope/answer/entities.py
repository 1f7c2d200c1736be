"""What the knowledge base knows about the names in a question, and whether a figure's passage is about them.

A question naming a country, company, fund or policy asks about that one: a figure whose sentence is
about another country ("China's researchers" for "How many researchers did Japan have?"), or whose passage
never names the fund asked about, is not its answer however well the other words match. Indicators are
left to word matching: their names are paraphrased too freely ("domestic production rate for ICs").
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from sinoscope.answer.question import STOPWORDS, EntityMention, Question, same_word, words
from sinoscope.knowledge.base import Named
from sinoscope.knowledge.kb import KnowledgeBase, type_name

NAMED_TYPES = frozenset({"country", "company", "institution", "fund", "fund_phase", "policy"})
"""Entity types whose name a passage must carry to be about them."""
OTHER_COUNTRY = 0.4
"""The figure's sentence names another country and not the one asked about."""
GENERIC_PLACES = frozenset({"world", "global"})
ABSENT_ENTITY = 0.5
"""The passage never names a company, fund or policy the question asks about."""
ABSENT_COUNTRY = 0.35
"""The passage (and its headings) never names the country asked about: a report about one country names it
often, so a passage silent on it is about another."""


@dataclass(frozen=True)
class Lexicon:
    names: Mapping[str, Sequence[tuple[str, ...]]] = field(default_factory=dict)
    """Entity id → its names and aliases as word tuples."""
    types: Mapping[str, str] = field(default_factory=dict)
    """Entity id → its type ("country", "indicator", ...)."""

    @classmethod
    def from_kb(cls, kb: KnowledgeBase | None) -> Lexicon:
        if kb is None:
            return cls()
        names: dict[str, list[tuple[str, ...]]] = {}
        types: dict[str, str] = {}
        for e in kb.all():
            if isinstance(e, Named):
                names[e.id] = [tuple(words(n)) for n in e.names if words(n)]
                types[e.id] = type_name(e)
        return cls(names, types)

    def countries(self) -> list[str]:
        """Countries and blocs, less those named by a common noun ("the world's largest market")."""
        return list(self._countries)

    @cached_property
    def _countries(self) -> tuple[str, ...]:
        """Worked out once per lexicon: it was asked for every candidate figure, a tenth of an answer's time."""
        return tuple(
            i
            for i, t in self.types.items()
            if t == "country" and not any(len(n) == 1 and n[0] in GENERIC_PLACES for n in self.names.get(i, ()))
        )


def contains(bag: Sequence[str], names: tuple[str, ...]) -> bool:
    """Is the name in the word list? One-word names match their forms ("Japan" ~ "Japanese")."""
    if len(names) == 1:
        return any(same_word(names[0], w) for w in bag)
    n = len(names)
    return any(tuple(bag[i : i + n]) == names for i in range(len(bag) - n + 1))


def _named(lexicon: Lexicon, entity: str, surface: tuple[str, ...], bag: Sequence[str]) -> bool:
    """Named by one of its names, or by all the words of one in any order ("Phase I of the Fund")."""
    names = [n for n in itertools.chain(lexicon.names.get(entity, ()), [surface]) if n]
    return any(contains(bag, n) for n in names) or any(
        len(n) > 1 and all(any(same_word(w, b) for b in bag) for w in n if w not in STOPWORDS) for n in names
    )


def _another_country(lexicon: Lexicon, m: EntityMention, asked: frozenset[str], bag: Sequence[str]) -> bool:
    """`bag` names a country the question does not ask about, and not the one `m` names."""
    if _named(lexicon, m.entity, m.words, bag):
        return False
    return any(c not in asked and _named(lexicon, c, (), bag) for c in lexicon.countries())


def entity_factor(
    q: Question,
    lexicon: Lexicon,
    clause: Sequence[str],
    own: Sequence[str],
    passage: Sequence[str],
    linked: tuple[str | None, ...],
) -> float:
    """How much a figure's passage is about the named entities the question asks about (1.0 = fully).

    `clause`: the figure's own words (its clause and subject, or its row and column labels); `own`: its
    sentence, clause and caption; `passage`: everything around it; `linked`: the entity and indicator the
    knowledge base gives the figure, if it curates it. A figure whose clause names another country and not
    the one asked is that country's, though its sentence names both ("the United States spent $806 billion
    …, China was close behind, at $668 billion")."""
    factor = 1.0
    asked = frozenset(x.entity for x in q.entities)
    for m in q.entities:
        kind = lexicon.types.get(m.entity)
        if kind not in NAMED_TYPES or m.entity in linked:
            continue
        country = kind == "country"
        if country and _another_country(lexicon, m, asked, clause):
            factor *= OTHER_COUNTRY  # its clause is about another country, whatever else the sentence names
            continue
        if _named(lexicon, m.entity, m.words, own):
            continue
        if country and _another_country(lexicon, m, asked, own):
            factor *= OTHER_COUNTRY
            continue
        if not _named(lexicon, m.entity, m.words, passage):
            factor *= ABSENT_COUNTRY if country else ABSENT_ENTITY
    return factor
