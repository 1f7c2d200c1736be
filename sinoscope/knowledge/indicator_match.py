"""One indicator across documents and languages: a printed phrase → a known indicator, or none.

Known indicators are the curated ones (name and aliases), the seed names of `lexicon/indicator_names.yaml`
(Chinese and English names of common indicators) and whatever the learned layer has proposed so far. A phrase
is compared after normalisation: case and width folded, brackets and punctuation dropped, growth words
(增长/增速/涨幅/growth) and decline words (降低/降幅/reduction) reduced to one symbol each, filler words
(平均, 全年, "the", "annual") removed. Equal normalised names match outright; otherwise the closest name of the
same script scores by overlap — Dice over character bigrams for Chinese, over words for English — and must
reach `THRESHOLD`. The unit must agree where both are known: a share is never matched to an amount.

A phrase that matches nothing is a new indicator; it is never forced onto the nearest known one (a battery
report's "separator production rate" shares two of its three words with "IC domestic production rate", and
stays apart). `THRESHOLD` was chosen on invented pairs (tests/knowledge/test_indicator_match.py: a tuning
split, and a held-out split reported separately).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml  # type: ignore[import-untyped]

THRESHOLD = 0.75
"""Least overlap score for a match that is not an equal normalised name."""

_CJK = re.compile(r"[\u4e00-\u9fff]")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_EN_TOKEN = re.compile(r"[a-z0-9&]+(?:[-'][a-z0-9]+)*")


@dataclass(frozen=True)
class Known:
    """An indicator names can be matched to."""

    id: str
    name: str
    unit: str | None
    names: tuple[str, ...]
    origin: str
    """"curated", "seed" or "learned"."""
    higher_is_better: bool | None = None
    """Which way is better, where the names' data says (unemployment: lower); None: not stated."""


@dataclass(frozen=True)
class Match:
    indicator: Known
    score: float
    via: str
    """The name that matched."""


@dataclass(frozen=True)
class _Words:
    up: tuple[str, ...]
    down: tuple[str, ...]
    filler: frozenset[str]
    filler_zh: tuple[str, ...]
    keep: tuple[str, ...]
    """Words that hold a growth word but are nouns (增加值, value added)."""


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    text = resources.files("sinoscope.knowledge").joinpath("lexicon/indicator_names.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@lru_cache(maxsize=1)
def _words() -> _Words:
    w = _lexicon()["words"]

    def longest_first(xs: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted((str(x) for x in xs), key=len, reverse=True))

    filler = [str(x) for x in w["filler"]]
    return _Words(
        longest_first(w["up"]),
        longest_first(w["down"]),
        frozenset(f for f in filler if not _CJK.search(f)),
        longest_first(f for f in filler if _CJK.search(f)),
        longest_first(w.get("keep", ())),
    )


def is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


@lru_cache(maxsize=32768)
def normalise(phrase: str) -> str:
    """The comparable form of an indicator name ("居民消费价格涨幅" and "居民消费价格上涨" are equal).

    Cached: matching one phrase compares it with every known name, so the known names' forms are asked for
    again for each phrase (a store of reports asks ~50,000 times)."""
    w = _words()
    s = unicodedata.normalize("NFKC", phrase).lower()
    s = _BRACKETS.sub("", s)
    if is_chinese(s):
        s = _PUNCT.sub("", s)
        for i, word in enumerate(w.keep):
            s = s.replace(word, chr(0xE000 + i))
        for word in w.up:
            s = s.replace(word, "↑")
        for word in w.down:
            s = s.replace(word, "↓")
        for word in w.filler_zh:
            s = s.replace(word, "")
        for i, word in enumerate(w.keep):
            s = s.replace(chr(0xE000 + i), word)
        return s
    tokens = []
    for tok in _EN_TOKEN.findall(s):
        if tok in w.filler:
            continue
        if tok in w.up:
            tok = "↑"
        elif tok in w.down:
            tok = "↓"
        elif len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss"):
            tok = tok[:-1]
        tokens.append(tok)
    return " ".join(tokens)


@lru_cache(maxsize=32768)
def _grams(norm: str) -> frozenset[str]:
    if " " in norm or not is_chinese(norm):
        return frozenset(norm.split())
    if len(norm) < 2:
        return frozenset({norm})
    return frozenset(norm[i : i + 2] for i in range(len(norm) - 1))


def similarity(a: str, b: str) -> float:
    """Overlap of two names in the same script (0 across scripts: aliases bridge languages, not guesses)."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    if is_chinese(na) != is_chinese(nb):
        return 0.0
    if is_chinese(na) and na[-2:] != nb[-2:]:
        return 0.0  # a Chinese name ends in its head noun: 投入 and 投入强度 measure different things
    ga, gb = _grams(na), _grams(nb)
    if not ga or not gb:
        return 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def units_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def new_indicator_id(phrase: str) -> str:
    """A stable id for an indicator first seen as `phrase` (the same phrase always gets the same id)."""
    digest = hashlib.sha1(normalise(phrase).encode("utf-8")).hexdigest()[:10]
    return f"learned-{digest}"


class IndicatorMatcher:
    """Known indicators, matched by normalised name then by overlap above `THRESHOLD`."""

    def __init__(self, known: Iterable[Known], threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._known: dict[str, Known] = {}
        self._exact: dict[str, Known] = {}
        for k in known:
            self.add(k)

    def add(self, known: Known) -> None:
        """Add (or extend) an indicator; the first indicator to claim a normalised name keeps it."""
        prev = self._known.get(known.id)
        if prev is not None:
            known = Known(prev.id, prev.name, prev.unit or known.unit, (*prev.names, *known.names), prev.origin,
                          prev.higher_is_better)  # fmt: skip
        self._known[known.id] = known
        for n in known.names:
            self._exact.setdefault(normalise(n), known)

    def get(self, indicator_id: str) -> Known | None:
        return self._known.get(indicator_id)

    def all(self) -> list[Known]:
        return list(self._known.values())

    def match(self, phrase: str, unit: str | None = None) -> Match | None:
        norm = normalise(phrase)
        if not norm:
            return None
        hit = self._exact.get(norm)
        if hit is not None and units_agree(hit.unit, unit):
            return Match(hit, 1.0, phrase)
        best: Match | None = None
        for k in self._known.values():
            if not units_agree(k.unit, unit):
                continue
            for n in k.names:
                score = similarity(phrase, n)
                if score >= self.threshold and (best is None or score > best.score):
                    best = Match(k, score, n)
        return best


def seed_indicators(curated: Iterable[tuple[str, str, str | None, tuple[str, ...]]] = ()) -> list[Known]:
    """The lexicon's names joined with the curated indicators (id, name, unit, aliases): curated first."""
    out: dict[str, Known] = {}
    for cid, name, unit, aliases in curated:
        out[cid] = Known(cid, name, unit, (name, *aliases), "curated")
    for entry in _lexicon()["indicators"]:
        names = tuple(str(n) for n in entry["names"])
        cur = out.get(entry["id"])
        better = entry.get("higher_is_better")
        if cur is not None:
            out[cur.id] = Known(cur.id, cur.name, cur.unit, (*cur.names, *names), "curated", better)
        else:
            name = str(entry.get("name") or names[0])
            out[entry["id"]] = Known(entry["id"], name, entry.get("unit"), (name, *names), "seed", better)
    return list(out.values())
