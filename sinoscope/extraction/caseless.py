"""Case-insensitive words spelled case by case ([tT][eE][nN]), for quick scans that need no IGNORECASE.

The regex engine scans fast for a pattern that starts with a character class, but under IGNORECASE it
gives that up and tries the whole pattern at every character. A word spelled case by case matches exactly
what it matched under IGNORECASE (including the non-ASCII characters IGNORECASE folds to ASCII letters:
İ and ı for i, the Kelvin sign for k, ſ for s; `tests/extraction/test_scan_prefilters.py` checks this
against the engine over every character) and keeps the fast scan.
"""

from __future__ import annotations

_FOLDS = {"i": "iIİı", "k": "kK\u212a", "s": "sSſ"}


def spelled(word: str) -> str:
    """`word` (ASCII letters and characters without case) as a pattern matching it in any case."""
    out: list[str] = []
    for ch in word:
        if ch.isascii() and ch.isalpha():
            low = ch.lower()
            out.append(f"[{_FOLDS.get(low, low + low.upper())}]")
        elif ch.isalnum() or ch in " _":
            out.append(ch)
        else:
            out.append("\\" + ch)
    return "".join(out)


def any_of(words: str) -> str:
    """A '|'-separated list of words, each `spelled`."""
    return "|".join(spelled(w) for w in words.split("|"))
