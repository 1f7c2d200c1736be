"""A question's words in the other language, for documents written in it (English ↔ Chinese).

Retrieval and scoring compare words, so "What was GDP growth in 2022?" finds nothing in a Chinese report
unless it is also read as "国内生产总值 增长". The glossary (`data/glossary.tsv`) pairs the names of general
economic, fiscal and S&T-policy measures and the words questions ask them with (增长, 目标, 一期); after it
come the terms of search's bilingual lexicon (`retrieval.bilingual.load_bilingual`: the policy glossary of
knowledge/lexicon, indicator names, and the curated entities' names in both scripts), so a question names
新能源汽车 or 专项债券 in the other language through the same vocabulary that finds their passages. A
translated question keeps its years, numbers and Latin names (RCEP, 5G) and carries the first name of each
measure it mentions in the other language. A word neither knows goes to the general dictionary (CC-CEDICT,
as search's bridge does) in its most usual rendering: before, a measure missing from both was dropped, and a
question such as "how many air routes" kept only its name and year, so no figure of a document in the other
language scored above zero.

Before the lexicon's terms were added (the answer glossary alone, 111 entries), ranker refit, out of fold on
bench/train: top-1 358/543 → 365/548 questions, correct before the 5th/10th/15th/20th/30th wrong answer
108/139/164/174/212 → 122/146/166/170/207; on the calibration questions 41 correct and 1 wrong → 44 and 1.
With the dictionary's words (session 15), the same: top-1 399/592 → 415/604, 132/161/196/202/227 →
148/181/201/212/237, nested check 153/15 → 165/15; calibration 71 correct / 2 wrong → 69 / 1.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from sinoscope.answer.question import STOPWORDS, is_chinese
from sinoscope.retrieval.bilingual import load_bilingual
from sinoscope.retrieval.lexicon import en_to_zh_groups, load_lexicon, zh_to_en_groups

_LATIN_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9&./-]*")


@dataclass(frozen=True)
class Entry:
    english: tuple[str, ...]
    chinese: tuple[str, ...]


@functools.cache
def entries() -> tuple[Entry, ...]:
    text = resources.files("sinoscope.answer").joinpath("data/glossary.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        en, zh = line.split("\t", 1)
        out.append(Entry(tuple(n.strip().lower() for n in en.split("|")), tuple(n.strip() for n in zh.split("|"))))
    lexicon = load_bilingual()  # after the glossary: where both name a measure, the glossary's name is used
    out.extend(Entry(tuple(e.lower() for e in english), (chinese,)) for chinese, english in lexicon.zh_to_en.items())
    return tuple(out)


@functools.cache
def _english_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern of one English name, first Chinese name), longest names first so phrases win over words."""
    pairs = [(name, e.chinese[0]) for e in entries() for name in e.english if name]
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple((re.compile(rf"(?<![a-z0-9]){re.escape(n)}(?![a-z0-9])"), zh) for n, zh in pairs)


@functools.cache
def _chinese_names() -> tuple[tuple[str, str], ...]:
    pairs = [(name, e.english[0]) for e in entries() for name in e.chinese if name and not name.isascii()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _to_chinese(text: str) -> str:
    low = text.lower()
    found: list[tuple[int, str]] = []
    for pattern, zh in _english_patterns():
        for m in pattern.finditer(low):
            found.append((m.start(), zh))
            low = low[: m.start()] + " " * (m.end() - m.start()) + low[m.end() :]
    kept = [
        (m.start(), text[m.start() : m.end()])
        for m in _LATIN_TOKEN.finditer(low)
        if (m.group()[:1].isdigit() or text[m.start()].isupper()) and m.group() not in STOPWORDS
    ]  # years, figures and names (RCEP, 5G) read the same in both languages
    named = {at for at, _ in kept}
    rest = [(m.start(), m.group()) for m in _LATIN_TOKEN.finditer(low) if m.start() not in named]
    parts = sorted(dict(found + kept + _dictionary_words(rest)).items())
    return "，".join(p for _, p in parts)


_ASKING = frozenset(
    {"how", "many", "much", "what", "which", "when", "where", "who", "whose", "why", "number", "amount"}
)
"""Words that ask rather than name: their dictionary renderings (几个, 许多) would match any passage."""


def _dictionary_words(rest: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Words no glossary term took, in the general dictionary's (CC-CEDICT) most usual rendering: "air routes"
    → 航空线, "tourist" → 旅游者. Each content word gives its first headword, so a measure the glossary lacks
    still finds its passage's words, where it was dropped before."""
    lex = load_lexicon()
    out: list[tuple[int, str]] = []
    for at, word in rest:
        w = word.lower()
        if w in STOPWORDS or w in _ASKING or len(w) < 3 or not w.isalpha():
            continue
        hits = en_to_zh_groups(w, lex)
        if hits and hits[0][1]:
            out.append((at, hits[0][1][0]))
    return out


def _to_english(text: str) -> str:
    rest = text
    found: list[tuple[int, str]] = []
    for zh, en in _chinese_names():
        start = rest.find(zh)
        while start >= 0:
            found.append((start, en))
            rest = rest[:start] + "\u3000" * len(zh) + rest[start + len(zh) :]
            start = rest.find(zh)
    found.extend((m.start(), m.group()) for m in _LATIN_TOKEN.finditer(rest))
    lex = load_lexicon()
    for run in re.finditer(r"[\u3400-\u9fff]{2,}", rest):
        for source, glosses in zh_to_en_groups(run.group(), lex):
            if glosses and source not in _ZH_ASKING:
                found.append((run.start() + run.group().find(source), glosses[0]))
    return " ".join(p for _, p in sorted(found))


_ZH_ASKING = frozenset({"多少", "是多少", "几个", "哪些", "哪个", "什么", "多大", "怎样", "如何", "为何", "哪一年"})


def translate(text: str) -> str:
    """The question read in the other language ("" when the glossary knows none of its measures)."""
    out = _to_english(text) if is_chinese(text) else _to_chinese(text)
    return out if re.search(r"[A-Za-z\u3400-\u9fff]", re.sub(r"\d{4}", "", out)) else ""
