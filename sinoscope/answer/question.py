"""What a plain-English question asks for: measure words, entities, years, unit type, kind and publisher.

The parse is deliberately shallow (word lists and a few patterns): questions about report figures are
short and formulaic ("What was X in 2021 according to Y?"), and every cue here only *weights* candidate
figures later, so a missed cue costs precision, never a made-up number.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from enum import StrEnum

from sinoscope.knowledge.linking import AliasIndex


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


class UnitType(StrEnum):
    PERCENT = "percent"
    CURRENCY = "currency"
    COUNT = "count"


STOPWORDS = word_set(
    """a an the of in on for to by at from with and or as its their it this that these those there be been
    is are was were do does did what which who whom when where how much many have has had into than then
    about after before during over under up down per according end beginning start year years ever so
    such any all also if not no yes can could would should will shall may might must s"""
)
PERCENT_CUES = word_set("rate rates share shares percentage percent proportion ratio ratios")
CURRENCY_CUES = word_set(
    """capital revenue revenues investment investments invest invested assets liabilities profit profits
    sales imports exports import export market spending spend spent budget cost costs price funding funds
    income equity turnover expenditure expenditures gdp worth money amount"""
)
CURRENCY_WORDS = {"rmb": "CNY", "yuan": "CNY", "usd": "USD", "dollars": "USD", "dollar": "USD", "yen": "JPY",
                  "jpy": "JPY", "eur": "EUR", "euros": "EUR", "euro": "EUR"}  # fmt: skip
TARGET_CUES = word_set("target targets targeted goal goals aim aims aimed plan planned objective")
ESTIMATE_CUES = word_set("estimate estimated estimates estimation")
FORECAST_CUES = word_set("forecast forecasts projected projection expected predicted")

_DEMONYMS = {"china": "chinese", "japan": "japanese", "korea": "korean", "germany": "german", "india": "indian",
             "taiwan": "taiwanese", "america": "american", "europe": "european", "france": "french",
             "britain": "british", "russia": "russian"}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&.\-']*[A-Za-z0-9]|[A-Za-z]|\d+(?:[.,]\d+)*%?")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(%|percent\b)?")
_PUBLISHER = re.compile(
    r"\b(?:according to|as (?:estimated|reported|given) by|reported by|estimated by|says?|per)\s+"
    r"(?:the\s+)?([^,?;.]+?)(?=\s*(?:[,?;]|\.\s|\.$|$|\b(?:in|for|at|on|by|as of)\s+(?:\d{4}|the)\b))",
    re.IGNORECASE,
)
_NAME_WORD_BEFORE_YEAR = re.compile(r"([A-Za-z][\w&.-]*)\s+$")
_YEAR_PREPOSITIONS = word_set(
    "in of for by since until till to from between and or end year fy as at during through before after"
)


def words(text: str) -> list[str]:
    """Lower-case word tokens with possessives and trailing dots dropped ("China's" → "china", "U.S." → "u.s")."""
    out = []
    for raw in _WORD.findall(text):
        w = raw.lower()
        if w.endswith("'s") or w.endswith("’s"):
            w = w[:-2]
        out.append(w.rstrip(".'-"))
    return [w for w in out if w]


_MEASURE_SYNONYMS: dict[str, frozenset[str]] = {
    "value": frozenset({"amount", "monetary"}),
    "amount": frozenset({"value"}),
    "monetary": frozenset({"value"}),
    "volume": frozenset({"quantity", "units"}),
    "quantity": frozenset({"volume", "units"}),
    "sales": frozenset({"revenue", "turnover"}),
    "revenue": frozenset({"sales", "turnover"}),
    "spending": frozenset({"expenditure", "expenditures", "expenses"}),
    "expenditure": frozenset({"spending", "expenses"}),
}
"""Words tables and prose use for the same measure ("import value" is printed as "Monetary amount")."""


def same_word(a: str, b: str) -> bool:
    """Equal, or forms of one word ("capital" ~ "capitalized", "exports" ~ "exported", "China" ~ "Chinese"),
    or two names of one measure ("value" ~ "amount")."""
    if a == b or _DEMONYMS.get(a) == b or _DEMONYMS.get(b) == a:
        return True
    if b in _MEASURE_SYNONYMS.get(a, ()) or a in _MEASURE_SYNONYMS.get(b, ()):
        return True
    p = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) - p > 4 or len(b) - p > 4:
        return False
    return p >= 5 or (p >= 4 and min(len(a), len(b)) == p)  # "rate" ~ "rates", but not "rate" ~ "ratio"


@dataclass(frozen=True)
class EntityMention:
    entity: str
    surface: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    text: str
    terms: tuple[str, ...]
    """Content words the answer's context should contain (no stopwords, years or numbers)."""
    years: tuple[str, ...] = ()
    """Years the question asks about (not years inside names such as "Made in China 2025")."""
    unit_type: UnitType | None = None
    currency: str | None = None
    count_noun: str | None = None
    kind: str | None = None
    """"target", "estimate" or "forecast" when the question says so."""
    publisher: str | None = None
    publisher_terms: tuple[str, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    numbers: tuple[float, ...] = field(default=())
    """Figures stated in the question itself ("top 1%"): context, never the answer."""
    head: str | None = None
    """The noun naming the measure asked for ("density" in "What was Japan's robot density?"): an answer
    must be described by it, or by a form of it."""

    @property
    def bigrams(self) -> tuple[tuple[str, str], ...]:
        return tuple(itertools.pairwise(self.terms))


def _question_years(text: str) -> list[str]:
    out = []
    for m in _YEAR.finditer(text):
        before = _NAME_WORD_BEFORE_YEAR.search(text[: m.start()])
        if before is not None:
            prev = before.group(1)
            if prev[0].isupper() and prev.lower() not in _YEAR_PREPOSITIONS:
                continue  # "Made in China 2025", "Vision 2030": a name, not a period
        out.append(m.group(1))
    return out


def _unit_type(tokens: list[str], lowered: str) -> tuple[UnitType | None, str | None]:
    count_noun = None
    m = re.search(r"\bhow many\s+(?:more\s+|of the\s+)?([a-z][a-z-]*)", lowered)
    if m is not None:
        count_noun = m.group(1)
        return UnitType.COUNT, count_noun
    if "what percentage" in lowered or "what percent" in lowered or any(t in PERCENT_CUES for t in tokens):
        return UnitType.PERCENT, None
    if any(t in CURRENCY_WORDS for t in tokens) or any(t in CURRENCY_CUES for t in tokens):
        return UnitType.CURRENCY, None
    if re.search(r"\bhow much\b", lowered):
        return UnitType.CURRENCY, None
    if re.search(r"\b(?:number of|how many)\b", lowered):
        return UnitType.COUNT, None
    return None, None


_WH = re.compile(
    r"\b(?:how (?:much|many|large|big|high|low|long|fast)|what|which)\s+(?:(?:was|were|is|are|will be)\s+)?(.*)",
    re.IGNORECASE,
)
_NP_END = word_set(
    """of in on at for by did does do was were is are have has had according from to during since until
    when after before between among with as per that which who"""
)


_CONTAINERS = word_set("value amount number size level volume figure total sum count")


def _head(text: str) -> str | None:
    """The last word of the noun phrase right after the question word, if that phrase has one."""
    m = _WH.search(text)
    if m is None:
        return None
    phrase: list[str] = []
    tokens = words(m.group(1))
    for i, w in enumerate(tokens):
        if w == "of" and phrase and phrase[-1] in _CONTAINERS and i + 1 < len(tokens):
            phrase = []  # "the value of battery exports": the measure is what follows
            continue
        if w in _NP_END or w[0].isdigit():
            break
        phrase.append(w)
    phrase = [w for w in phrase if w not in STOPWORDS]
    return phrase[-1] if phrase else None


def _kind(tokens: list[str]) -> str | None:
    if any(t in TARGET_CUES for t in tokens):
        return "target"
    if any(t in FORECAST_CUES for t in tokens):
        return "forecast"
    if any(t in ESTIMATE_CUES for t in tokens):
        return "estimate"
    return None


def parse_question(text: str, aliases: AliasIndex | None = None) -> Question:
    text = " ".join(text.split())
    lowered = text.lower()
    publisher = None
    body = text
    m = _PUBLISHER.search(text)
    if m is not None and m.group(1).strip():
        publisher = m.group(1).strip()
        body = text[: m.start()] + " " + text[m.end() :]
    years = _question_years(text)
    numbers = []
    for n in _NUMBER.finditer(body):
        if n.group(1) in years and not n.group(2):
            continue
        try:
            numbers.append(float(n.group(1).replace(",", "")))
        except ValueError:
            continue
    tokens = words(body)
    unit_type, count_noun = _unit_type(tokens, lowered)
    currency = next((CURRENCY_WORDS[t] for t in tokens if t in CURRENCY_WORDS), None)
    terms = tuple(
        t for t in tokens if t not in STOPWORDS and not t[0].isdigit() and t not in CURRENCY_WORDS and t != "%"
    )
    entities: list[EntityMention] = []
    if aliases is not None:
        seen: set[str] = set()
        for mention in aliases.find(body):
            if mention.entity not in seen:
                seen.add(mention.entity)
                entities.append(EntityMention(mention.entity, mention.surface, tuple(words(mention.surface))))
    pub_terms = tuple(t for t in words(publisher or "") if t not in STOPWORDS)
    return Question(
        text=text,
        terms=terms,
        years=tuple(dict.fromkeys(years)),
        unit_type=unit_type,
        currency=currency,
        count_noun=count_noun,
        kind=_kind(tokens),
        publisher=publisher,
        publisher_terms=pub_terms,
        entities=tuple(entities),
        numbers=tuple(numbers),
        head=_head(body),
    )
