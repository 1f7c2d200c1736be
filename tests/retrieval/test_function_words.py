"""Function words and question words are not translated or counted as content (retrieval.lexicon
`en_to_zh_groups`, bilingual `en_key`, coverage `QUESTION_EN`), on invented queries: a function word is judged
as written, before a plural ending is taken off ("does" is no plural of "doe"), and the adjective of
"how long" or "how large" asks for a figure the answering passage prints instead."""

from __future__ import annotations

import pytest

from sinoscope.retrieval.bilingual import BilingualLexicon, en_key, expand
from sinoscope.retrieval.coverage import own_units, without_interrogatives
from sinoscope.retrieval.lexicon import Lexicon, en_to_zh_groups

DICTIONARY = Lexicon({"doe": ("雌鹿",), "thi": ("嘶",), "canal": ("运河",), "toll": ("通行费",)}, {})


def test_a_function_word_is_not_read_as_the_plural_of_another_word() -> None:
    groups = dict(en_to_zh_groups("does this canal charge a toll", DICTIONARY))
    assert "doe" not in groups and "thi" not in groups
    assert groups["canal"] == ("运河",) and groups["toll"] == ("通行费",)
    units = expand("When does this canal charge a toll?", BilingualLexicon(), DICTIONARY).units
    assert ("雌鹿",) not in units and ("运河",) in units


def test_the_comparable_form_keeps_function_words_as_written() -> None:
    assert en_key("Does this canal charge tolls") == ("does", "this", "canal", "charge", "toll")


@pytest.mark.parametrize("adjective", ["long", "far", "often", "large", "big", "fast", "high"])
def test_how_and_its_adjective_ask_and_are_no_content(adjective: str) -> None:
    query = f"How {adjective} is the canal toll plan?"
    assert adjective not in without_interrogatives(query).lower()
    assert (adjective,) not in own_units(query)


def test_the_same_adjective_outside_a_question_is_content() -> None:
    assert ("long",) in own_units("long canal toll plan")
