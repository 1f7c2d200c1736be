"""Turn a user's free-text query into safe FTS5 MATCH expressions, strictest first.

Users type things like `R&D`, `C++`, `RMB 10,000` or an unbalanced quote; FTS5 query syntax would reject
or misread them. Every term is therefore passed as a quoted FTS5 string (the tokenizer then splits it
exactly as it split the indexed text, so `R&D` matches "R&D"), and terms with nothing indexable are
dropped. Ranking is tiered: blocks containing the whole query as a phrase come first, then the terms near
each other, then all terms anywhere, then any term. bm25 orders hits inside a tier.

Chinese: the index holds each Han character as a token (`fts_text.index_text`), so a term is turned into
the same index form before quoting, and a Han run in a query is split into words (jieba) to make the
terms of the near/all/any tiers; each word is then a phrase of its characters. Latin runs inside a Han
run (R&D经费, C919) stay literal terms. Traditional characters are folded, so both scripts match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sinoscope.documents.zh_variants import has_han, is_han, to_simplified
from sinoscope.documents.zh_words import words as zh_words
from sinoscope.store.fts_text import index_text

_QUOTED = re.compile(r'"([^"]*)"')
NEAR_DISTANCE = 10
NEAR_DISTANCE_HAN = 24
"""In index tokens; a Han character is one token, so a Chinese clause of a few words spans ~10–25."""


@dataclass(frozen=True)
class Tier:
    match: str
    """"phrase", "near", "all" or "any"."""
    expression: str
    """An FTS5 MATCH expression."""


def _indexable(term: str) -> bool:
    return any(ch.isalnum() for ch in term)


def _fts_string(term: str) -> str:
    if has_han(term):
        term = " ".join(index_text(term).split())
    return '"' + term.replace('"', '""') + '"'


def _split_han(words: list[str]) -> list[str]:
    """Words with Han characters split into jieba words (their Latin runs kept whole)."""
    out: list[str] = []
    for w in words:
        out.extend(zh_words(w) if has_han(w) else [w])
    return out


def parse_terms(query: str) -> tuple[list[str], list[str]]:
    """Split a query into explicit "quoted phrases" and bare words; unbalanced quotes are ignored."""
    # NUL and other control characters end or break FTS5 strings; they never occur in indexed words.
    query = "".join(ch if ch.isprintable() else " " for ch in query)
    phrases = [p.strip() for p in _QUOTED.findall(query)]
    rest = _QUOTED.sub(" ", query).replace('"', " ")
    words = _split_han(rest.split())
    return [p for p in phrases if _indexable(p)], [w for w in words if _indexable(w)]


Absent = Callable[[str], bool]
"""Whether the store holds no block with a word (`han_pairs` splits only those)."""


def han_pairs(words: list[str], absent: Absent | None = None) -> list[str]:
    """The overlapping character pairs of each Han word longer than two characters that the store does not
    hold (`absent`; every such word when None), pairs already words left out.

    A Chinese question rarely uses the document's exact compound: 科研经费 for 研发经费, 新能源车 for 新能源汽车.
    As a phrase of its characters such a word matches nothing; its pairs (科研, 研经, 经费) give a passage
    partial credit in the loosest tier, as character-bigram indexing, the standard baseline of Chinese
    retrieval, would. Only absent words are split: a word the store holds already finds its passages, and
    every pair is one more phrase for BM25 to score (splitting all of them cost ~50 ms at an answer's p95).
    Stricter tiers keep whole words."""
    seen = set(words)
    out: list[str] = []
    for w in words:
        if len(w) > 2 and all(is_han(ch) for ch in w) and (absent is None or absent(w)):
            for i in range(len(w) - 1):
                pair = w[i : i + 2]
                if pair not in seen:
                    seen.add(pair)
                    out.append(pair)
    return out


def build_tiers(query: str) -> list[Tier]:
    """The MATCH expressions to run in order; empty when the query holds nothing searchable. The loosest is
    `any_tier` keeping every word and splitting every long Chinese word; a store that can tell which words
    it holds builds that tier again when a search reaches it (`any_tier`'s `absent`)."""
    phrases, words = parse_terms(query)
    units = [_fts_string(p) for p in phrases] + [_fts_string(w) for w in words]
    if not units:
        return []
    if len(units) == 1:
        return [Tier("all", units[0])]
    tiers: list[Tier] = []
    whole = " ".join([*phrases, *words]) if phrases else " ".join(words)
    tiers.append(Tier("phrase", _fts_string(whole)))
    distance = NEAR_DISTANCE_HAN if has_han(query) else NEAR_DISTANCE
    tiers.append(Tier("near", f"NEAR({' '.join(units)}, {distance})"))
    tiers.append(Tier("all", " AND ".join(units)))
    loose = any_tier(query, lambda _: True)
    if loose is not None:
        tiers.append(loose)
    seen: set[str] = set()
    unique = []
    for t in tiers:
        if t.expression not in seen:
            seen.add(t.expression)
            unique.append(t)
    return unique


def any_tier(query: str, keep: Callable[[str], bool], absent: Absent | None = None) -> Tier | None:
    """The loosest tier without the words `keep` rejects (very common ones); None when no word is left.
    Explicitly quoted phrases stay required in it: the user asked for them verbatim.

    On a large store a word such as "the" matches most blocks, and BM25 must score every one of them before
    it can rank: pruning such words from the "any" tier cut hybrid p95 from 613 ms to 48 ms on a million
    blocks, while they still count in the stricter tiers (phrase, near, all) where they narrow the match.
    """
    phrases, words = parse_terms(query)
    required = [_fts_string(p) for p in phrases]
    optional = [_fts_string(w) for w in [*words, *han_pairs(words, absent)] if keep(w)]
    if required and optional:
        return Tier("any", " AND ".join(required) + " AND (" + " OR ".join(optional) + ")")
    if optional:
        return Tier("any", " OR ".join(optional))
    return None


def fts_string(term: str) -> str:
    """`term` as a quoted FTS5 string (matches exactly what the tokenizer makes of it)."""
    return _fts_string(term)


HIGHLIGHT_OPEN = "\x02"
HIGHLIGHT_CLOSE = "\x03"


def parse_snippet(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip FTS5 highlight markers from a snippet, collapsing whitespace, and return the marked ranges.

    Table blocks carry tabs and newlines; a snippet is one line for display, so runs of whitespace become
    one space, and highlight ranges are computed on that cleaned text.
    """
    out: list[str] = []
    highlights: list[tuple[int, int]] = []
    pos = 0
    start: int | None = None
    pending_space = False
    for ch in raw:
        if ch == HIGHLIGHT_OPEN:
            if pending_space and out:
                out.append(" ")
                pos += 1
            pending_space = False
            start = pos
        elif ch == HIGHLIGHT_CLOSE:
            if start is not None and pos > start:
                highlights.append((start, pos))
            start = None
        elif ch.isspace():
            pending_space = True
        else:
            if pending_space and out:
                out.append(" ")
                pos += 1
            pending_space = False
            out.append(ch)
            pos += 1
    return "".join(out), tuple(highlights)


R = TypeVar("R")


def phrase_frequency_order(rows: list[R], query: str, *, text_of: Callable[[R], str]) -> list[R]:
    """Phrase-tier rows of a Chinese query, those using the whole query phrase more often first (bm25
    order kept among equals).

    In a character-token index BM25's length normalisation lets a one-line heading that mentions a term
    once outrank paragraphs that use it again and again; within the phrase tier every row holds the
    same phrase, so how often a passage uses it is the better evidence of what the passage is about.
    """
    phrase = to_simplified("".join(query.split()).replace('"', ""))
    if not phrase:
        return rows
    counts = [to_simplified(text_of(r)).count(phrase) for r in rows]
    order = sorted(range(len(rows)), key=lambda i: -counts[i])
    return [rows[i] for i in order]
