"""Where a figure's own words are in a Chinese sentence, read from jieba's words and parts of speech.

Punctuation alone does not delimit what a Chinese figure describes, for two reasons of the grammar:
- coordination: "首年关税为零的1200种进口商品和5年内降幅较大的3100种商品" joins two figures, each with
  its own modifier, by 和/与/及 (not by punctuation); "A的800种、B的1500种出口商品" shares one head noun
  after the last member;
- zero subjects (承前省略): "地区生产总值3.2万亿元，增长5.1%": the clause after the comma has no noun of its
  own, so the growth is the output's, named in the clause before.
The candidate reader (`candidates._clause`) uses these spans so that each figure is described by its own
modifier and noun and by the subject it inherits. jieba's dictionary and tagger ship inside its package.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

from sinoscope.documents.zh_variants import has_han
from sinoscope.documents.zh_words import jieba_module

COORDINATORS = frozenset({"和", "与", "及", "以及"})
"""Words joining two noun phrases; each side of one is its own clause when it states a figure."""
_NOUN_FLAGS = ("n", "vn", "eng", "an")
"""jieba part-of-speech tags of words that can be a subject: nouns (n, nr, ns, nt, nz…), verbal nouns
(研发 in 研发投入), Latin words (GDP, R&D) and nominal adjectives."""


@functools.cache
def _posseg() -> Any:
    jieba_module()  # one dictionary load, shared with segmentation
    return importlib.import_module("jieba.posseg")


@functools.lru_cache(maxsize=4096)
def _tagged(text: str) -> tuple[tuple[str, str, int], ...]:
    """(word, tag, start offset) of each word of `text`."""
    out = []
    at = 0
    for pair in _posseg().cut(text, HMM=False):
        word, flag = str(pair.word), str(pair.flag)
        out.append((word, flag, at))
        at += len(word)
    return tuple(out)


def coordinator_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of the coordinating words of a Chinese sentence, as words of their own (the 和 of 共和国 is not one)."""
    if not has_han(sentence):
        return []
    return [(at, at + len(word)) for word, _, at in _tagged(sentence) if word in COORDINATORS]


def has_subject(text: str) -> bool:
    """Does a stretch of Chinese text name something (a noun, a verbal noun, a Latin term)? A clause whose
    words before its figure are only verbs, adverbs and time words ("全年增长", "同比下降") has none: it
    describes the subject of the clause before it."""
    stripped = text.strip()
    return bool(stripped) and any(flag.startswith(_NOUN_FLAGS) for _, flag, _ in _tagged(stripped))
