"""Reading the numbers themselves: digits with separators, English number words, Chinese numerals.

Values are computed with `Decimal` so that "98.72" × 1e9 is exact before it becomes a float; the callers
decide what the number means (a count, an amount, a year) from the words around it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

import cn2an

# Arabic digits, also full-width (used in Chinese text); never superscripts, which mark footnotes.
DIGIT = "0-9\uff10-\uff19"
DIGITS_RE = re.compile(
    rf"[{DIGIT}]{{1,3}}(?:[,，][{DIGIT}]{{3}})+(?:\.[{DIGIT}]+)?(?![{DIGIT}])"
    rf"|[{DIGIT}]+(?:\.[{DIGIT}]+)?"
)

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_WORD_ALT = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
# "twenty-five", "three hundred", "two hundred and fifty"; scale words (thousand, million) are left to the
# unit layer so that "three million yuan" reports its scale like "3 million yuan" does.
WORDS_RE = re.compile(
    rf"\b(?:{_WORD_ALT})(?:[-\s](?:{_WORD_ALT}))?(?:\s+hundred(?:\s+(?:and\s+)?(?:{_WORD_ALT})(?:-(?:{_WORD_ALT}))?)?)?\b",
    re.IGNORECASE,
)

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿点"
CN_NUMERAL_RE = re.compile(rf"[{CN_NUMERAL_CHARS}]+")


def parse_digits(token: str) -> Decimal:
    """Value of a digit token as printed: "1,045.83" → 1045.83; full-width digits are read as digits."""
    ascii_token = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in token)
    return Decimal(re.sub(r"[,，\s\u00a0\u2009\u202f]", "", ascii_token).replace("．", "."))


def parse_words(phrase: str) -> Decimal | None:
    """Value of an English number phrase ("twenty-five", "three hundred and ten"), None if it is not one."""
    words = [w for w in re.split(r"[-\s]+", phrase.lower()) if w and w != "and"]
    if not words:
        return None
    total = 0
    current = 0
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        else:
            return None
    total += current
    return Decimal(total)


def parse_chinese(numeral: str) -> Decimal | None:
    """Value of a Chinese numeral ("一千二百", "三点五", "两", "二〇二〇", "百分之五十" → 50), None if invalid.

    cn2an reads the regular forms; the rules here cover what it refuses: a bare scale character ("万" is not
    a number by itself), the percent form 百分之…, and a leading 十/百 without a coefficient.
    """
    text = numeral.strip()
    if text.startswith("百分之"):
        text = text[3:]
    if not text or text in ("百", "千", "万", "亿", "点") or text.count("点") > 1:
        return None
    if text.endswith("点") or text.startswith("点"):
        return None
    value = _cn2an(text)
    if value is None and text[0] in "百千万亿":
        value = _cn2an("一" + text)
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@functools.lru_cache(maxsize=4096)
def _cn2an(text: str) -> int | float | None:
    """cn2an's value, remembered: a corpus spells the same few numerals (一, 两, 十四五) over and over, and
    cn2an checks each input with regular expressions (~60 µs a call, 2.5 % of extraction). A pure function
    of a short string, so the cache changes nothing but the time."""
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return value if isinstance(value, int | float) else None
