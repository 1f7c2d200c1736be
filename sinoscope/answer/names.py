"""Proper names in a question and in a figure's words, told from common words by a dictionary.

A question about "Norvosk's R&D spending" is answered by the figure whose clause names Norvosk, not by the
one beside it naming Kelvania, however alike the two clauses are otherwise. The knowledge base knows real
countries and funds; the places, funds and firms of the next document it does not. What marks them is
that they are capitalised words no dictionary holds: CC-CEDICT's 37,000 English gloss words cover
"Phase", "Fund" and "December" but not "Norvosk" or "Lanjiang". A Chinese name is compared through its
toneless pinyin (`documents.zh_romanize`), the form English writing gives it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from sinoscope.documents.zh_romanize import romanized_names
from sinoscope.documents.zh_variants import has_han
from sinoscope.retrieval.lexicon import load_lexicon

_LATIN_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LATIN_LOWER = "a-zß-öø-ÿā-ſ"
_CAPITALISED = re.compile(
    rf"(?<![{_LATIN_UPPER}{_LATIN_LOWER}0-9'’-])([{_LATIN_UPPER}][{_LATIN_LOWER}]{{2,}})(?![{_LATIN_UPPER}{_LATIN_LOWER}])"
)
"""Latin-script look-arounds: in a Chinese question a Latin name sits right against Han characters
(2023年Norvosk研发); names keep their diacritics (Škoda, Zürich)."""


@functools.cache
def _dictionary_words() -> frozenset[str]:
    return frozenset(w for gloss in load_lexicon().en_to_zh for w in gloss.split())


def _known(word: str) -> bool:
    known = _dictionary_words()
    if not known:
        return True  # without a dictionary nothing can be told to be a name
    singular = word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word
    return word in known or singular in known


def proper_names(text: str) -> tuple[str, ...]:
    """Lower-cased capitalised words of `text` that are no dictionary word, in order, once each."""
    found = (m.group(1).lower() for m in _CAPITALISED.finditer(text))
    return tuple(dict.fromkeys(w for w in found if not _known(w)))


def names_in(text: str) -> frozenset[str]:
    """The forms in which `text` may name something: its proper names, and the pinyin of its Han runs."""
    out = set(proper_names(text))
    if has_han(text):
        out |= romanized_names(text)
    return frozenset(out)


def names_another(asked: Iterable[str], text: str) -> bool:
    """`text` names something the question does not, and nothing it does: a figure of another place."""
    asked = frozenset(asked)
    if not asked:
        return False
    there = frozenset(proper_names(text))
    return bool(there - asked) and not (there & asked)
