"""Chinese word segmentation (jieba 0.42.1, whose dictionary ships inside the package), for short texts.

Search uses it on the query side only: a query such as 地方政府专项债券额度 becomes the words 地方政府 /
专项债券 / 额度, which the full-text index then matches as exact character sequences (see
`sinoscope.store.fts_text`). The document side is never segmented, so a segmentation that differs between
a query and a passage cannot lose a match. The static embedder uses the same words as its vocabulary.

Text is split into runs first: Han runs are segmented, anything else (Latin words, numbers, symbols such
as R&D or C++) is kept verbatim, so mixed queries ("R&D经费占GDP比重") keep their literal parts.
"""

from __future__ import annotations

import functools
import importlib
import logging
import re
from typing import Any

from sinoscope.documents.zh_variants import is_han

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUNS = re.compile(f"[{_HAN}]+|[^\\s{_HAN}]+")


@functools.cache
def _jieba() -> Any:
    jieba: Any = importlib.import_module("jieba")  # untyped package
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def jieba_module() -> Any:
    """jieba, its dictionary loaded once and its log quiet (its tagger, `jieba.posseg`, shares both)."""
    return _jieba()


def runs(text: str) -> list[str]:
    """Maximal runs of Han characters and of other non-space characters, in order."""
    return _RUNS.findall(text)


def segment(han_run: str) -> list[str]:
    """jieba's words for a run of Han characters (precise mode)."""
    return [w for w in _jieba().lcut(han_run, HMM=False) if w.strip()]


def words(text: str) -> list[str]:
    """Words of mixed text: Han runs segmented by jieba, other runs kept whole."""
    out: list[str] = []
    for run in runs(text):
        if is_han(run[0]):
            out.extend(segment(run))
        else:
            out.append(run)
    return out


def dictionary_words(min_freq: int = 0) -> list[tuple[str, int]]:
    """jieba's dictionary as (word, frequency), most frequent first: a vocabulary of Chinese words."""
    jb = _jieba()
    freq: dict[str, int] = jb.dt.FREQ
    return sorted(((w, f) for w, f in freq.items() if f > min_freq), key=lambda wf: -wf[1])


def word_frequency(word: str) -> int:
    """jieba's corpus frequency of `word` (0 when it is not in the dictionary)."""
    freq: dict[str, int] = _jieba().dt.FREQ
    return int(freq.get(word, 0))
