"""Toneless pinyin of Chinese names, so an English question can name what a Chinese document names.

English writing romanises Chinese places, funds and firms in Hanyu Pinyin without tones and with the
syllables of one name run together: 岚江 is "Lanjiang", 沧澜 "Canglan". A question in English about a
Chinese provincial report therefore names its subject in a form no dictionary holds (the names are
proper nouns, mostly absent from CC-CEDICT), but one any reader of pinyin can produce. pypinyin (its own
character dictionary ships in the wheel) gives each character's most common reading; consecutive
characters of a Han run are joined in twos and threes, the usual lengths of a place name without its
administrative suffix (省, 市, 县). Characters are read one by one from pypinyin's character table (its
phrase segmentation is a hundred times slower, and names are not in its phrase list anyway).
"""

from __future__ import annotations

import functools
import importlib
import unicodedata

from sinoscope.documents.zh_variants import is_han
from sinoscope.documents.zh_words import runs

LENGTHS = (2, 3)


@functools.cache
def _readings() -> dict[int, str]:
    """Code point → its first (most common) reading, without tone or diaeresis ("lán" → "lan", "lǜ" and
    "lü" → "lu", as English writing spells 吕 and 绿)."""
    table: dict[int, str] = importlib.import_module("pypinyin.pinyin_dict").pinyin_dict
    out = {}
    for code, readings in table.items():
        first = readings.split(",", 1)[0]
        out[code] = "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))
    return out


def romanized_names(text: str) -> frozenset[str]:
    """Every run of two or three consecutive Han characters of `text`, in toneless pinyin ("lanjiang")."""
    readings = _readings()
    han_runs = [run for run in runs(text) if is_han(run[0])]
    pieces = {run[i : i + n] for run in han_runs for n in LENGTHS for i in range(len(run) - n + 1)}
    out = set()
    for piece in pieces:
        syllables = [readings.get(ord(ch)) for ch in piece]
        if all(syllables):
            out.add("".join(s for s in syllables if s))
    return frozenset(out)
