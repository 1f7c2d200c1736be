"""Figures as printed: read them, and tell whether a passage really contains a quoted one.

Reports print numbers in many ways ("2,452,653", "– 86.0", "69.00%", "RMB 98.72 billion"), so a quote
is compared as a number against every number in the passage, not as a string. A number inside a
longer one never matches ("21.8" is not in "121.8" nor in "21.85").
"""

from __future__ import annotations

import re
import unicodedata

# A sign only counts when it does not follow a letter or digit ("2015-2020" is a range, not -2020).
_NUMBER = re.compile(r"(?<![\w.,])(?P<sign>[-–−—]\s?)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?![\d])")
_QUOTE_NUMBER = re.compile(r"^\s*(?P<sign>[-–−—]\s?)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?\s*%?\s*$")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "−": "-", "\u00ad": None})


def _value(m: re.Match[str]) -> float:
    digits = m.group("int").replace(",", "") + (m.group("frac") or "")
    v = float(digits)
    return -v if m.group("sign") else v


def parse_printed(text: str) -> float:
    """ "2,452,653" → 2452653.0, "– 86.0" → -86.0, "57%" → 57.0; ValueError for anything else."""
    m = _QUOTE_NUMBER.match(text)
    if m is None:
        raise ValueError(f"{text!r} is not a printed number")
    return _value(m)


def is_numeric(quote: str) -> bool:
    return _QUOTE_NUMBER.match(quote) is not None


def numbers_in(text: str) -> list[float]:
    return [_value(m) for m in _NUMBER.finditer(text)]


def normalize_phrase(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES)).strip().casefold()


def contains_quote(passage: str, quote: str) -> bool:
    """True when `passage` prints `quote`: the same number (any formatting) or the same phrase."""
    if is_numeric(quote):
        q = parse_printed(quote)
        return any(_same(v, q) or (q >= 0 and _same(abs(v), q)) for v in numbers_in(passage))
    return normalize_phrase(quote) in normalize_phrase(passage)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
