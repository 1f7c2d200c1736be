"""Structured translation matching: rank other-language passages by how many of the query's units they hold.

A translated query is a list of units, one per source term or word, each with alternative renderings
(国家 → country / nation / state; 专项债券 → special-purpose bonds / special bonds). Searching the
renderings as one bag of words (a BM25 OR-query) lets a word with many senses, or a common one, outweigh the
query's rarer words, and says nothing about how much of the question a passage answers. The structured
query of cross-language retrieval (Pirkola, 1998) counts a unit once when any of its renderings occurs:
a passage then scores by the units it holds, each weighted by its rarity among the candidates (IDF), so
the passage that talks about the budget, science and its doubling beats the many that only say "United
States". A rendering of several English words earns the share of its words present (a dictionary's
"national defense" still half-matches a passage saying "Defense Advanced Research …").

English matching uses an in-memory FTS5 table with the store's tokenizer (porter, unicode61) over the
candidates only, so "doubling" meets "double" exactly as in the store's own index; Chinese renderings
are matched as substrings of the Simplified text (the store indexes Han characters one by one and
matches a word as their phrase, which is the same thing).
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Mapping, Sequence

from sinoscope.documents.zh_variants import has_han, to_simplified
from sinoscope.documents.zh_words import words
from sinoscope.retrieval.lexicon import STOP_WORDS

_WORD = re.compile(r"[A-Za-z0-9]+(?:[&.'][A-Za-z0-9]+)*\.?")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LETTER = re.compile(r"[^\W\d_]")
MIN_CREDIT = 0.5
"""A unit counts as held by a passage (for its document frequency) from this share of a rendering's words."""


def mostly_han(text: str, share: float = 0.3) -> bool:
    """Whether more than `share` of a passage's letters are Han characters (it is Chinese text). Counted
    with regular expressions: a candidate pool is a hundred passages, and a loop over their characters
    cost more than the rest of the matching."""
    letters = len(_LETTER.findall(text))
    return bool(letters) and len(_HAN.findall(text)) / letters > share


def coverage_ranking(
    units: Sequence[Sequence[str]], passages: Mapping[str, str], *, limit: int | None = None
) -> list[tuple[str, float]]:
    """`passages` (anchor → text, in the order to keep among equal scores) that hold at least one unit,
    best first; score = sum over units of IDF × the unit's best rendering credit in the passage."""
    pool = _Pool(list(passages.values()))
    n = len(pool.texts)
    if not units or not n:
        return []
    scores = [0.0] * n
    try:
        for unit in units:
            held = pool.credits(unit)
            df = sum(1 for c in held if c >= MIN_CREDIT)
            if not df:
                continue
            idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            for i, c in enumerate(held):
                scores[i] += idf * c
    finally:
        pool.close()
    anchors = list(passages)
    order = sorted((i for i in range(n) if scores[i] > 0), key=lambda i: (-scores[i], i))
    ranked = [(anchors[i], round(scores[i], 4)) for i in order]
    return ranked if limit is None else ranked[:limit]


class _Pool:
    """The candidates of one query: their Simplified text for Chinese renderings and, built on first need,
    an in-memory FTS5 table tokenised as the store's index is (porter, unicode61) for English ones."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._simplified: list[str] | None = None
        self._db: sqlite3.Connection | None = None
        self._held: dict[str, frozenset[int]] = {}

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def credits(self, unit: Sequence[str]) -> list[float]:
        """Per candidate, the best share of a rendering's words it holds."""
        best = [0.0] * len(self.texts)
        for rendering in unit:
            got = self._chinese(rendering) if has_han(rendering) else self._english(rendering)
            best = [max(b, g) for b, g in zip(best, got, strict=True)]
        return best

    def _chinese(self, rendering: str) -> list[float]:
        if self._simplified is None:
            self._simplified = [to_simplified(t) for t in self.texts]
        form = to_simplified(rendering)
        return [1.0 if form in t else 0.0 for t in self._simplified]

    def _english(self, rendering: str) -> list[float]:
        words = [w for w in _WORD.findall(rendering) if w.lower() not in STOP_WORDS]
        if not words:
            return [0.0] * len(self.texts)
        held = [self._holding(w) for w in words]
        return [sum(1 for h in held if i in h) / len(words) for i in range(len(self.texts))]

    def _holding(self, word: str) -> frozenset[int]:
        """Row numbers of the candidates holding `word` (a phrase of its tokens, as the store matches it)."""
        if word not in self._held:
            if self._db is None:
                self._db = sqlite3.connect(":memory:")
                self._db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'porter unicode61')")
                self._db.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", list(enumerate(self.texts)))
            quoted = '"' + word.replace('"', " ") + '"'
            try:
                rows = self._db.execute("SELECT rowid FROM t WHERE t MATCH ?", (quoted,)).fetchall()
            except sqlite3.OperationalError:
                rows = []
            self._held[word] = frozenset(int(r[0]) for r in rows)
        return self._held[word]


UNIT_SHARE = 0.6
"""A passage is a strong structured match when it holds at least this share of the query's translated
units (each with at least `MIN_CREDIT` of a rendering). On the tuning half any share from 0.5 to 0.75 gave
the same result; the middle of that range is kept."""


def strong_structured_match(units: Sequence[Sequence[str]], passages: Mapping[str, str]) -> str | None:
    """The candidate that best holds the query's units (`coverage_ranking`) when it holds most of them: the
    other-language counterpart of a passage holding the query's own words close together."""
    ranked = coverage_ranking(units, passages, limit=1)
    if not ranked:
        return None
    anchor = ranked[0][0]
    return anchor if holds_most(units, passages[anchor]) else None


def holds_most(units: Sequence[Sequence[str]], text: str) -> bool:
    """Whether `text` holds at least `UNIT_SHARE` of the units (each with `MIN_CREDIT` of a rendering)."""
    one = _Pool([text])
    try:
        held = sum(1 for unit in units if one.credits(unit)[0] >= MIN_CREDIT)
    finally:
        one.close()
    return held >= UNIT_SHARE * len(units)


QUESTION_ZH = re.compile(
    "什么时候|为什么|什么|多少|哪[一几些个里]?|几(?=[个种倍年项类次成])|如何|怎样|怎么|是否|何时|为何|由谁"
)
"""Chinese interrogatives (多少, 哪几种, 什么时候, 几倍 …): 几 only before a measure word, since 几乎 is not one."""
QUESTION_EN = re.compile(r"(?i)\bhow\s+(?:many|much|long|far|often|large|big|fast|high)\b")
""""how many / how much / how long …": "how" is a function word already; the adjective after it asks for a
figure ("how long" for 2-3年, "how large" for 500亿元) and is no word the answering passage prints."""


def without_interrogatives(query: str) -> str:
    """`query` with its interrogative words (`QUESTION_ZH`, `QUESTION_EN`) blanked out."""
    return QUESTION_EN.sub(" ", QUESTION_ZH.sub(" ", query))


def own_units(query: str) -> tuple[tuple[str, ...], ...]:
    """The query's own content words as units (each its own single rendering), for judging how much of the
    query a passage in its own language holds: jieba's words of two or more Han characters, and Latin words
    other than function words, numbers and single letters.

    A question's interrogative words (多少, 哪些, 什么时候, "how many") are left out: the passage answering
    it prints the figure or the name instead, so counting them kept every question-form query from ever
    being held whole (`search.WHOLE`) and made its own language look half as sure as it is. On the tuning
    sets, hybrid recall@3 of Chinese questions 51/60 → 56/60 beside the language evidence (`search.py`)."""
    query = without_interrogatives(query)
    out: list[str] = []
    for word in words(query):
        if has_han(word):
            if len(word) >= 2:
                out.append(word)
            continue
        out += [w for w in _WORD.findall(word) if len(w) > 1 and w.lower() not in STOP_WORDS and not w.isdigit()]
    return tuple((w,) for w in dict.fromkeys(out))


def printed(word: str, text: str) -> bool:
    """Whether `text` prints `word` as it is, in any case, not inside a longer Latin word: how a word no
    dictionary translates (a name, an acronym) can still be held by the other language's text, which prints
    Latin words among its characters ("结合RCEP实施") where a word tokenizer sees one token."""
    if has_han(word):
        return word in text
    pattern = rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def shares(units: Sequence[Sequence[str]], texts: Sequence[str]) -> list[float]:
    """Per text, the share of `units` it holds (each unit from `MIN_CREDIT` of a rendering); 0 without units."""
    if not units or not texts:
        return [0.0] * len(texts)
    pool = _Pool(list(texts))
    try:
        held = [0] * len(texts)
        for unit in units:
            for i, c in enumerate(pool.credits(unit)):
                held[i] += c >= MIN_CREDIT
    finally:
        pool.close()
    return [h / len(units) for h in held]
