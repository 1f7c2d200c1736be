"""Traditional and Simplified Chinese as one set of words: a length-preserving fold to Simplified forms.

Hong Kong filings and Taiwanese sources write 國內生產總值 where mainland documents write 国内生产总值;
search, aliases and extraction should treat both as the same words. OpenCC's Traditional→Simplified
conversion (`opencc` 1.4.2, whose dictionaries ship inside the wheel) does the mapping, including
Taiwan and Hong Kong variant characters. Every layer folds with the same function, so a folded query
meets a folded index.

The fold keeps the text's length (one character in, one character out): offsets computed on the folded
text are offsets into the original, which is what citation spans and search snippets need. OpenCC's
phrase tables are length-preserving in practice; if a conversion ever changes the length, the text is
folded character by character instead.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_HAN_RANGES = (
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x20000, 0x3134F),  # Extensions B–H
)


HAN_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _HAN_RANGES)
"""The ranges as the inside of a regex character class, for patterns over runs of Han characters."""

_HAN = re.compile(f"[{HAN_CLASS}]")
"""The ranges as one character class: search snippets test ~100k characters a query, and a compiled class
is ~30× faster than comparing each character with every range in Python."""


def is_han(ch: str) -> bool:
    """Whether `ch` is a Han character (hanzi/kanji); Chinese punctuation is not."""
    return _HAN.fullmatch(ch) is not None


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


@functools.cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _convert(text: str, config: str) -> str:
    return str(_converter(config).convert(text))


@functools.lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    out = _convert(ch, "t2s")
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """`text` with Traditional (incl. Taiwan/Hong Kong variant) characters in Simplified form, same length.

    Text without Han characters is returned unchanged (and without calling OpenCC).
    """
    if not has_han(text):
        return text
    out = _convert(text, "t2s")
    if len(out) == len(text):
        return out
    return "".join(_fold_char(ch) for ch in text)


def to_traditional(text: str) -> str:
    """Simplified → Traditional (OpenCC standard forms); for showing or testing the other script."""
    if not has_han(text):
        return text
    return _convert(text, "s2t")


def same_words(a: str, b: str) -> bool:
    """Whether two strings are the same words once Traditional and Simplified forms are folded."""
    return to_simplified(a) == to_simplified(b)
