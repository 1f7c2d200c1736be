"""The full-text index form of a text: the run-by-run `index_text` equals the character-by-character
definition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sinoscope.documents.zh_variants import is_han, to_simplified
from sinoscope.store.fts_text import index_text


def _by_character(text: str | None) -> str:
    """The definition: each Han character a token (a space after it, one before it unless the text starts
    there or a space or Han character precedes it), Traditional folded; other text unchanged."""
    if not text:
        return text or ""
    out: list[str] = []
    prev_space = True
    for ch in to_simplified(text):
        if is_han(ch):
            out += [" "] if not prev_space else []
            out += [ch, " "]
            prev_space = True
        else:
            out.append(ch)
            prev_space = ch.isspace()
    return "".join(out)


PIECES = [
    "国",
    "內",
    "生產",
    "总值",
    "𠀀",
    "R&D",
    "C919",
    " ",
    "\u3000",
    "\n",
    "\x1c",
    "，",
    "。",
    "a",
    "2024",
    "（",
    "）",
]
texts = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


@settings(max_examples=800, deadline=None)
@given(texts)
def test_index_text_equals_the_character_by_character_definition(text: str) -> None:
    assert index_text(text) == _by_character(text)


def test_index_text_on_edges() -> None:
    for text in (None, "", "中", " 中", "a中b", "中\u3000國", "\x1c中", "中国 ", "𠀀中x", "C919投入運營"):
        assert index_text(text) == _by_character(text), text
