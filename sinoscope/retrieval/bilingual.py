"""Cross-lingual query expansion through a bilingual lexicon that is data, with CC-CEDICT as the fallback.

A general dictionary (CC-CEDICT, `lexicon.py`) translates word by word: "special-purpose local government
bonds" becomes a dozen Chinese words (特殊, 目的, 地方, 政府, 债券, …) among which the term a Chinese plan
prints, 专项债券, is missing; 科技自立自强 becomes "science and technology / self-reliance" pieces. The terms
policy writing uses are multiword units whose translation is a convention, and the knowledge base already
holds many of them in both languages. This module pairs them:

- every curated entry with names in both scripts (`name`, `name_zh`, `aliases`: companies, institutions,
  policies, funds …) from `knowledge/data/*.yaml`;
- the indicator names of `knowledge/lexicon/indicator_names.yaml` (each indicator lists Chinese and
  English names side by side);
- the domain glossary `knowledge/lexicon/bilingual_terms.yaml` (general vocabulary: 国内生产总值 = GDP).

A query is scanned for these terms longest first (a Chinese term inside a Han run; an English term as a
run of words, compared after lower-casing, dropping function words and plurals); each term found
contributes its renderings in the other language, and only the stretches no term covers go to CC-CEDICT.
So the curated vocabulary wins where it knows the term, and the general dictionary still bridges the rest.

An expansion also keeps the dictionary's translations grouped per source word (`word_groups`, up to four
senses each): hybrid search counts a word once however many of its senses a passage holds (structured
matching, `coverage.py`), so a query the lexicon barely knows can still vouch for the passage holding most
of it, while the flat word list for BM25 keeps each word's usual two senses.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml  # type: ignore[import-untyped]

from sinoscope.documents.zh_variants import has_han, is_han, to_simplified
from sinoscope.retrieval.lexicon import PER_WORD, STOP_WORDS, Lexicon, load_lexicon
from sinoscope.retrieval.lexicon import en_to_zh_groups as cedict_en_to_zh
from sinoscope.retrieval.lexicon import zh_to_en_groups as cedict_zh_to_en

PER_TERM = 3
"""Renderings a found term contributes (its forms in the other language, most usual first)."""
MIN_ZH = 2
"""Shortest Chinese form looked up: one character alone is too ambiguous to translate."""
_KEEP = frozenset("&-./%")
"""Punctuation that belongs to words (R&D, 5.5%) and stays in a Chinese form."""
_EN_TOKEN = re.compile(r"[A-Za-z0-9]+(?:&[A-Za-z0-9]+)*")


@dataclass
class BilingualLexicon:
    zh_to_en: dict[str, list[str]] = field(default_factory=dict)
    """Chinese form (Simplified) → English renderings, most usual first."""
    en_to_zh: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    """English form as normalised tokens (`en_key`) → Chinese renderings."""

    def add(self, zh: Iterable[str], en: Iterable[str]) -> None:
        """Pair every Chinese form with every English one (order kept: the first form is the usual one)."""
        zh_forms = [_zh_form(z) for z in zh if _zh_form(z)]
        en_forms = [e.strip() for e in en if e.strip()]
        if not zh_forms or not en_forms:
            return
        for z in zh_forms:
            if len(z) >= MIN_ZH:
                _extend(self.zh_to_en.setdefault(z, []), en_forms)
        for e in en_forms:
            key = en_key(e)
            if key:
                _extend(self.en_to_zh.setdefault(key, []), zh_forms)

    @functools.cached_property
    def longest_zh(self) -> int:
        return max((len(k) for k in self.zh_to_en), default=0)

    @functools.cached_property
    def longest_en(self) -> int:
        return max((len(k) for k in self.en_to_zh), default=0)

    @functools.cached_property
    def scattered(self) -> dict[str, list[tuple[str, ...]]]:
        """Stem of a content word → the English forms of two or more content words holding it (for
        `_scattered_terms`)."""
        out: dict[str, list[tuple[str, ...]]] = {}
        for key in self.en_to_zh:
            stems = _content_stems(key)
            if len(stems) >= 2:
                for stem in set(stems):
                    out.setdefault(stem, []).append(key)
        return out


def _zh_form(text: str) -> str:
    """Simplified, without quotation marks and other punctuation ("“十二五”规划" ~ 十二五规划): Chinese names are
    printed with and without them."""
    return "".join(
        ch for ch in to_simplified(text.strip()) if ch in _KEEP or not unicodedata.category(ch).startswith("P")
    )


def _extend(into: list[str], items: Iterable[str]) -> None:
    into.extend(i for i in items if i not in into)


def en_key(text: str) -> tuple[str, ...]:
    """Comparable English form: words only (hyphens and apostrophes split), lower case without plural
    endings ("Special-purpose bonds" ~ "special purpose bond"), except acronyms, which keep their capitals so
    that "US" or "AI" never match the words "us" or "ai"."""
    return tuple(_token(t) for t in _EN_TOKEN.findall(text))


def _token(word: str) -> str:
    letters = sum(ch.isalpha() for ch in word)
    if letters >= 2 and word.isupper() and len(word) <= 5:
        return word
    low = word.lower()
    # a function word as written: "does" is no plural of "doe" (the dictionary's 雌鹿), "this" none of "thi"
    return low if low in STOP_WORDS else _singular(low)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _data(name: str) -> Any:
    return yaml.safe_load(resources.files("sinoscope.knowledge").joinpath(f"lexicon/{name}").read_text("utf-8"))


def _split_scripts(names: Iterable[str]) -> tuple[list[str], list[str]]:
    names = [n for n in names if n]
    return [n for n in names if has_han(n)], [n for n in names if not has_han(n)]


def _knowledge_pairs() -> Iterator[tuple[list[str], list[str]]]:
    """Names in both scripts of every curated entry (and of its nested entries) that has both."""
    from sinoscope.knowledge.base import Named
    from sinoscope.knowledge.loader import load_bundled

    for entry in load_bundled().all():
        if isinstance(entry, Named):
            zh, en = _split_scripts(entry.names)
            if zh and en:
                yield zh, en


@functools.cache
def load_bilingual() -> BilingualLexicon:
    """The glossary first (its renderings are the usual ones), then indicator names, then the knowledge base."""
    lex = BilingualLexicon()
    for term in _data("bilingual_terms.yaml").get("terms", []):
        lex.add([str(z) for z in term.get("zh", [])], [str(e) for e in term.get("en", [])])
    for ind in _data("indicator_names.yaml").get("indicators", []):
        zh, en = _split_scripts(str(n) for n in ind.get("names", []))
        lex.add(zh, en)
    for zh, en in _knowledge_pairs():
        lex.add(zh, en)
    return lex


@dataclass(frozen=True)
class Expansion:
    groups: tuple[tuple[str, ...], ...]
    """Per lexicon term found in the query (in query order), its renderings in the other language: the
    renderings of one term are alternatives, the terms together describe what the query asks."""
    words: tuple[str, ...]
    """CC-CEDICT translations of what no term covered."""
    coverage: float = 0.0
    """Share of the query's content (Han characters, or English words other than function words) that
    lexicon terms covered: how much of the question the precise translation carries."""
    word_groups: tuple[tuple[str, ...], ...] = ()
    """The dictionary's translations per word of what no term covered (a word's glosses are alternatives):
    with `groups`, one alternative set per unit of the query, for structured matching (`coverage.py`)."""

    @property
    def units(self) -> tuple[tuple[str, ...], ...]:
        """Every translated unit of the query: lexicon terms, then the dictionary's words."""
        return self.groups + tuple(g for g in self.word_groups if g not in self.groups)

    @property
    def terms(self) -> tuple[str, ...]:
        out: list[str] = []
        for group in self.groups:
            _extend(out, group)
        return tuple(out)

    def text(self) -> str:
        return " ".join([*self.terms, *self.words])

    def __bool__(self) -> bool:
        return bool(self.groups or self.words)


def expand(query: str, lexicon: BilingualLexicon | None = None, cedict: Lexicon | None = None) -> Expansion:
    """The query's terms in the other language: lexicon terms longest first, CC-CEDICT for the rest."""
    lex = lexicon if lexicon is not None else load_bilingual()
    dictionary = cedict if cedict is not None else load_lexicon()
    if has_han(query):
        return _expand_zh(_zh_form(query), lex, dictionary)
    return _expand_en(query, lex, dictionary)


def translate(query: str) -> Expansion:
    """`expand` with the packaged lexicons: the bridge `Retriever` takes."""
    return expand(query)


def _expand_zh(query: str, lex: BilingualLexicon, dictionary: Lexicon) -> Expansion:
    groups: list[tuple[str, ...]] = []
    covered = 0
    rest: list[str] = []
    i, gap = 0, 0
    while i < len(query):
        found = None
        if query[i].isalnum():  # Han characters count as alphanumeric (908工程, 5G基站 start with digits)
            for n in range(min(lex.longest_zh, len(query) - i), MIN_ZH - 1, -1):
                if query[i : i + n] in lex.zh_to_en:
                    found = query[i : i + n]
                    break
        if found is None:
            i += 1
            continue
        rest.append(query[gap:i])
        groups.append(tuple(lex.zh_to_en[found][:PER_TERM]))
        covered += sum(1 for ch in found if is_han(ch))
        i += len(found)
        gap = i
    rest.append(query[gap:])
    found_words = [g for piece in rest if piece.strip() for g in cedict_zh_to_en(piece, dictionary)]
    han = sum(1 for ch in query if is_han(ch))
    return _expansion(groups, found_words, covered / han if han else 0.0, per_word=PER_WORD)


def _expand_en(query: str, lex: BilingualLexicon, dictionary: Lexicon) -> Expansion:
    """Terms as contiguous runs of the query's words, longest first; then terms whose words the query
    holds apart or in another order (`_scattered_terms`); CC-CEDICT for the words no term took."""
    tokens = en_key(query)
    groups: list[tuple[str, ...]] = []
    taken: set[int] = set()
    spans: list[range] = []
    i = 0
    while i < len(tokens):
        for n in range(min(lex.longest_en, len(tokens) - i), 0, -1):
            hit = lex.en_to_zh.get(tokens[i : i + n])
            if hit:
                groups.append(tuple(hit[:PER_TERM]))
                spans.append(range(i, i + n))
                taken.update(spans[-1])
                i += n
                break
        else:
            i += 1
    for key, positions in _scattered_terms(tokens, lex, spans):
        groups.append(tuple(lex.en_to_zh[key][:PER_TERM]))
        taken.update(positions)
    rest: list[list[str]] = [[]]
    for j, token in enumerate(tokens):
        if j in taken:
            if rest[-1]:
                rest.append([])
        else:
            rest[-1].append(token)
    found_words = [g for piece in rest if piece for g in cedict_en_to_zh(" ".join(piece), dictionary)]
    content = sum(1 for t in tokens if _content(t))
    covered = sum(1 for j in taken if _content(tokens[j]))
    return _expansion(groups, found_words, covered / content if content else 0.0)


SCATTER_SLACK = 3
"""Other content words a term's words may have between them in a query (function words do not count:
"the size of the local fiscal deficit" holds "deficit size" with two between)."""


def _scattered_terms(
    tokens: tuple[str, ...], lex: BilingualLexicon, spans: list[range]
) -> list[tuple[tuple[str, ...], set[int]]]:
    """Terms of two or more content words that the query holds in another order, with other words between
    them or in other grammatical forms: "raise of the debt ceiling to swap out hidden debt" holds "debt
    swap", "the economy grew" holds "economic growth", "local debt ceiling" holds "debt ceiling" beside
    the contiguous "local debt". Each word is compared by its stem, all of a term's words must lie within
    its length plus `SCATTER_SLACK`, and a term lying inside a contiguous match (a part of a longer term)
    or inside a longer scattered one is left out. Returns (term, positions it took), in query order."""
    where: dict[str, list[int]] = {}
    order: dict[int, int] = {}  # position → its rank among the query's content words (the slack counts those)
    for j, token in enumerate(tokens):
        if _content(token) and len(token) > 1:
            order[j] = len(order)
            where.setdefault(_stem(token), []).append(j)
    found: list[tuple[tuple[str, ...], set[int]]] = []
    seen: set[tuple[str, ...]] = set()
    for st in where:
        for key in lex.scattered.get(st, ()):
            if key in seen:
                continue
            seen.add(key)
            positions = _closest(_content_stems(key), where)
            if positions is None:
                continue
            ranks = [order[j] for j in positions]
            if max(ranks) - min(ranks) + 1 > len(ranks) + SCATTER_SLACK:
                continue
            if any(positions <= set(span) for span in spans) or _adjacent_reversal(_content_stems(key), where):
                continue
            found.append((key, positions))
    kept = [(k, p) for k, p in found if not any(p < q for _k, q in found)]
    return sorted(kept, key=lambda kp: (min(kp[1]), kp[0]))


def _closest(stems: tuple[str, ...], where: dict[str, list[int]]) -> set[int] | None:
    """The position of each of `stems` in the query (its first occurrence), or None when one is missing."""
    out: set[int] = set()
    for st in stems:
        if st not in where:
            return None
        out.add(where[st][0])
    return out if len(out) == len(set(stems)) else None


def _adjacent_reversal(stems: tuple[str, ...], where: dict[str, list[int]]) -> bool:
    """The term's words side by side in the query but in another order: "China central" is not "central
    China". English noun compounds put their head last, so a reordering says the same only with words between
    ("the size of the deficit" for "deficit size")."""
    at = [where[st][0] for st in stems]
    return at != sorted(at) and max(at) - min(at) + 1 == len(at)


def _content_stems(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_stem(t) for t in key if _content(t))


_SUFFIXES = ("ations", "ation", "ional", "ical", "ings", "ment", "ing", "ial", "ed", "ic", "al", "th", "ly", "y", "e")


def _stem(token: str) -> str:
    """A light stem for comparing a query's words with a term's: economy ~ economic, growth ~ grow, financial
    ~ finance (one suffix off, at least four letters kept); acronyms stay as they are."""
    if token.isupper():
        return token
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


def _content(token: str) -> bool:
    return token.lower() not in STOP_WORDS and not token.isdigit()


def _expansion(
    groups: list[tuple[str, ...]],
    found: list[tuple[str, tuple[str, ...]]],
    coverage: float,
    *,
    per_word: int | None = None,
) -> Expansion:
    """`found`: the dictionary's (source word, translations); the flat word list keeps `per_word` of a Han
    word's translations (all of them for English words and literal Latin runs)."""
    unique: list[tuple[str, ...]] = []
    for g in groups:
        if g not in unique:
            unique.append(g)
    terms = {t for g in unique for t in g}
    words: list[str] = []
    word_groups: list[tuple[str, ...]] = []
    for source, renderings in found:
        flat = renderings[:per_word] if per_word is not None and has_han(source) else renderings
        _extend(words, (w for w in flat if w not in terms))
        group = tuple(dict.fromkeys(renderings))
        if group and group not in word_groups:
            word_groups.append(group)
    return Expansion(tuple(unique), tuple(words), min(coverage, 1.0), tuple(word_groups))
