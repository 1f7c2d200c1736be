"""What a plain-English question asks for: measure words, entities, years, unit type, kind and publisher.

The parse is deliberately shallow (word lists and a few patterns): questions about report figures are
short and formulaic ("What was X in 2021 according to Y?"), and every cue here only *weights* candidate
figures later, so a missed cue costs precision, never a made-up number.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum

from sinoscope.answer.names import proper_names
from sinoscope.documents.zh_variants import to_simplified
from sinoscope.extraction import plan_periods
from sinoscope.knowledge.linking import AliasIndex


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


class UnitType(StrEnum):
    PERCENT = "percent"
    CURRENCY = "currency"
    COUNT = "count"
    RATIO = "ratio"
    """A multiple ("2.94 times", 4.27倍): asked for only as such (几倍, "how many times"), never a count."""


STOPWORDS = word_set(
    """a an the of in on for to by at from with and or as its their it this that these those there be been
    is are was were do does did what which who whom when where how much many have has had into than then
    about after before during over under up down per according end beginning start year years ever so
    such any all also if not no yes can could would should will shall may might must s out off"""
)
PERCENT_CUES = word_set("rate rates share shares percentage percent proportion ratio ratios intensity")
GROWTH_CUES = word_set("growth cagr grow grew grown")
"""A growth asked for without a currency ("the annual growth of R&D spending") is a rate, not an amount."""
CURRENCY_CUES = word_set(
    """capital revenue revenues investment investments invest invested assets liabilities profit profits
    sales imports exports import export market spending spend spent budget cost costs price funding funds
    income equity turnover expenditure expenditures gdp worth money amount fdi"""
)
CURRENCY_WORDS = {"rmb": "CNY", "yuan": "CNY", "usd": "USD", "dollars": "USD", "dollar": "USD", "yen": "JPY",
                  "jpy": "JPY", "eur": "EUR", "euros": "EUR", "euro": "EUR"}  # fmt: skip
TARGET_CUES = word_set("target targets targeted goal goals aim aims aimed plan planned objective")
ESTIMATE_CUES = word_set("estimate estimated estimates estimation")
FORECAST_CUES = word_set("forecast forecasts projected projection expected predicted")

_DEMONYMS = {"china": "chinese", "japan": "japanese", "korea": "korean", "germany": "german", "india": "indian",
             "taiwan": "taiwanese", "america": "american", "europe": "european", "france": "french",
             "britain": "british", "russia": "russian"}  # fmt: skip
_WORD = re.compile(
    r"[A-Za-z][A-Za-z0-9&.\-']*[A-Za-z0-9]|[A-Za-z]|\d+[A-Za-z][A-Za-z0-9-]*|\d+(?:[.,]\d+)*%?|[\u3400-\u9fff]+"
)
_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_BREAK = re.compile(r"[的了是吗呢么哪几和与及或在为对把被从也都而并其之年约近超达]+")
"""Characters that join or frame Chinese content words rather than name a measure: a run of Han characters
is cut at them and read as overlapping character pairs (没有分词器也能比较“国内生产总值”与“生产总值”)."""
_YEAR = re.compile(r"(?<![\d.])(19[5-9]\d|20\d\d)(?:(?=年)|\b(?![.,]\d))")
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)(?![\w])\s*(%|percent\b)?")
_PUBLISHER = re.compile(
    r"\b(according to|as (?:estimated|reported|given) by|reported by|estimated by|says?|per)\s+"
    r"(?:the\s+)?([^,?;.]+?)(?=\s*(?:[,?;]|\.\s|\.$|$|\b(?:in|for|at|on|by|as of)\s+(?:\d{4}|the)\b))",
    re.IGNORECASE,
)
_NAME_WORD_BEFORE_YEAR = re.compile(r"([A-Za-z][\w&.-]*)\s+$")
_YEAR_PREPOSITIONS = word_set(
    """in of for by since until till to from between and or end year fy as at during through before after
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)


def words(text: str) -> list[str]:
    """Lower-case word tokens with possessives and trailing dots dropped ("China's" → "china", "U.S." → "u.s")."""
    return list(_words(text))


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """Cached: scoring reads the same passages and sentences for every figure in them."""
    out: list[str] = []
    for raw in _WORD.findall(text):
        if _HAN.match(raw):
            out.extend(han_pairs(to_simplified(raw)))  # 銷量 and 销量 are one word
            continue
        w = raw.lower()
        if w.endswith("'s") or w.endswith("’s"):
            w = w[:-2]
        out.append(w.rstrip(".'-"))
    return tuple(w for w in out if w)


def han_pairs(run: str) -> list[str]:
    """Overlapping character pairs of each piece of a Han run (a lone character stands for itself)."""
    out: list[str] = []
    for piece in _HAN_BREAK.split(run):
        if len(piece) == 1:
            out.append(piece)
        out.extend(piece[i : i + 2] for i in range(len(piece) - 1))
    return out


def is_chinese(text: str) -> bool:
    """Mostly Han characters among its letters."""
    han = len(_HAN.findall(text))
    return han > 0 and han >= len(re.findall(r"[A-Za-z]", text)) / 3


_MEASURE_SYNONYMS: dict[str, frozenset[str]] = {
    "value": frozenset({"amount", "monetary"}),
    "amount": frozenset({"value"}),
    "monetary": frozenset({"value"}),
    "volume": frozenset({"quantity", "units"}),
    "quantity": frozenset({"volume", "units"}),
    "sales": frozenset({"revenue", "turnover", "sold"}),
    "sold": frozenset({"sales", "sale"}),
    "revenue": frozenset({"sales", "turnover"}),
    "spending": frozenset({"expenditure", "expenditures", "expenses"}),
    "expenditure": frozenset({"spending", "expenses"}),
    "share": frozenset({"proportion", "portion", "percentage"}),
    "proportion": frozenset({"share", "portion", "percentage"}),
    "grow": frozenset({"increased", "increase", "rose", "growth"}),
    "growth": frozenset({"increased", "increase", "rose", "grew", "grow"}),
    "papers": frozenset({"articles", "publications"}),
    "articles": frozenset({"papers", "publications"}),
}
"""Words tables and prose use for the same measure ("import value" is printed as "Monetary amount")."""


@functools.lru_cache(maxsize=4096)
def related_words(a: str) -> frozenset[str]:
    """Words `same_word` takes for `a` without sharing its first letters: its demonym (or country) and the
    other names of its measure."""
    out = set(_MEASURE_SYNONYMS.get(a, ()))
    out.update(k for k, v in _MEASURE_SYNONYMS.items() if a in v)
    out.update(v for k, v in _DEMONYMS.items() if k == a)
    out.update(k for k, v in _DEMONYMS.items() if v == a)
    return frozenset(out)


@functools.lru_cache(maxsize=1 << 16)
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
    report_year: str | None = None
    """The year by which the question names the report it asks ("per the 2025 report"): `report_year`."""
    entities: tuple[EntityMention, ...] = ()
    numbers: tuple[float, ...] = field(default=())
    """Figures stated in the question itself ("top 1%"): context, never the answer."""
    head: str | None = None
    """The noun naming the measure asked for ("density" in "What was Japan's robot density?"): an answer
    must be described by it, or by a form of it."""
    phrase: tuple[str, ...] = ()
    """The noun phrase `head` ends ("chip exports"): its words tell one sentence's figures apart."""
    measure: str | None = None
    """The measure word of a Chinese "多少种/几年" question: a time (年, 小时) is asked only with a time word."""
    query: str = ""
    """The text to search passages with: the question less its asking words (多少, 是多少, 几) in Chinese."""
    names: tuple[str, ...] = ()
    """Proper names no dictionary knows ("norvosk"), lower-cased (`names.proper_names`)."""


_SOURCE_IN_TEXT = re.compile(
    r"\b(?:according to|(?:as )?(?:estimated|reported|published|compiled|calculated) by)\s+\S"
    r"|\bby (?:the )?[\w.&-]+(?: [\w.&-]+){0,3}['’]s? (?:own )?(?:estimates?|calculations?|data|figures)\b"
    r"|\b[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)* (?:estimates|reports|calculates) that\b",
    re.IGNORECASE,
)


def source_named(sentence: str) -> bool:
    """Does the sentence name where its figures come from ("According to SEI data", "By the author's
    estimate", "IBS estimates that")?"""
    return _SOURCE_IN_TEXT.search(sentence) is not None


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


def _count_noun(lowered: str) -> str | None:
    """The noun counted in "how many ...": the last plural-looking word of the phrase ("how many industrial
    robots were installed" → "robots"), else its first word."""
    m = re.search(r"\bhow many\s+(?:more\s+|of the\s+)?(.*)", lowered)
    if m is None:
        return None
    phrase: list[str] = []
    for w in words(m.group(1)):
        if w in _NP_END or w in STOPWORDS or _PLAIN_NUMBER.fullmatch(w):
            break
        phrase.append(w)
    if not phrase:
        return None
    plural = [w for w in phrase if w in _IRREGULAR_PLURALS or (w.endswith("s") and not w.endswith("ss"))]
    return plural[-1] if plural else phrase[0]


_PLAIN_NUMBER = re.compile(r"[\d.,]+%?")
_IRREGULAR_PLURALS = word_set("people staff personnel children men women")


def _unit_type(tokens: list[str], lowered: str) -> tuple[UnitType | None, str | None]:
    if re.search(r"\bhow many times\b|\btimes (?:as|larger|higher|bigger|more)\b|\bmultiple of\b", lowered):
        return UnitType.RATIO, None
    if asks_percentage_points(lowered):
        return UnitType.PERCENT, None  # "by how many percentage points": a change of a percent, not a count
    count_noun = _count_noun(lowered)
    if count_noun is not None:
        return UnitType.COUNT, count_noun
    if "what percentage" in lowered or "what percent" in lowered or any(t in PERCENT_CUES for t in tokens):
        return UnitType.PERCENT, None
    if any(t in CURRENCY_WORDS for t in tokens):
        return UnitType.CURRENCY, None
    if any(t in GROWTH_CUES for t in tokens):
        return UnitType.PERCENT, None
    if any(t in CURRENCY_CUES for t in tokens):
        return UnitType.CURRENCY, None
    much = _HOW_MUCH.search(lowered)
    if much is not None:
        # "how much did X invest" asks an amount of money; "how much AI compute", "how much grain" name their own
        # measure, which is not money when no money word is in the question (those were read above)
        return (UnitType.CURRENCY, None) if much.group(1) in _AFTER_HOW_MUCH_MONEY else (None, None)
    if re.search(r"\b(?:number of|how many)\b", lowered):
        return UnitType.COUNT, None
    return None, None


_HOW_MUCH = re.compile(r"\bhow much\b\s*([a-z]*)")
_AFTER_HOW_MUCH_MONEY = word_set(
    """did does do was were is are has have had will would could can should may might in of more less money"""
) | {""}
"""What may follow "how much" when the question asks an amount without naming a measure: a verb, a preposition
("how much in bonds"), a comparison or nothing."""
_HOW_ADJECTIVES = word_set("large big high low long fast far old")
"""The adjective of "how large was...": part of the question form, not a word the answer is described by."""
_WH = re.compile(
    r"\b(?:how (?:much|many|large|big|high|low|long|fast)|what|which)\s+(?:(?:was|were|is|are|will be)\s+)?(.*)",
    re.IGNORECASE,
)
_NP_END = word_set(
    """of in on at for by did does do was were is are have has had according from to during since until
    when after before between among with as per that which who"""
)


_CONTAINERS = word_set("value amount number size level volume figure total sum count target targets goal goals")
"""Words that name a container of the measure ("the value of exports", "the target for patents")."""


def _head(text: str) -> str | None:
    """The last word of the noun phrase right after the question word, if that phrase has one."""
    phrase = _phrase(text)
    return phrase[-1] if phrase else None


def _phrase(text: str) -> tuple[str, ...]:
    """The noun phrase right after the question word ("domain models" in "How many domain models were
    released?"), without a possessor ("Freedonia's")."""
    m = _WH.search(text)
    if m is None:
        return ()
    possessors = {w.lower() for w in re.findall(r"([A-Za-z][\w&.-]*)['’]s\b", m.group(1))}
    phrase: list[str] = []
    tokens = words(m.group(1))
    for i, w in enumerate(tokens):
        if w in ("of", "for") and phrase and phrase[-1] in _CONTAINERS and i + 1 < len(tokens):
            phrase = []  # "the value of battery exports": the measure is what follows
            continue
        if w in _NP_END or _PLAIN_NUMBER.fullmatch(w):
            break
        phrase.append(w)
    return tuple(w for w in phrase if w not in STOPWORDS and w not in possessors)


_ZH_ASK = re.compile(
    r"(?:是|为|有|达到|占)?(?:多少|多大|几)(?P<measure>个百分点|个|座|种|家|人|分|年|小时|项|架|户|亿元|万亿元|元|钱|兆|倍)?"
    r"(?:[（(](?P<bracket>[^（）()]{1,10})[）)])?"
    r"|哪一?年|什么|怎样|如何|是否"
)
"""The asking words of a Chinese question ("多少种", "哪一年"): cut out before its words are read, but the
measure word they carry says what is counted."""
_ZH_PERCENT = re.compile(r"率|比重|占比|比例|百分之|百分比|权重|份额|强度|增速|增幅|增长|下降|降低|个百分点")
_ZH_CURRENCY = re.compile(
    r"[元钱]|资金|投资|收入|债券|国债|赤字规模|规模|总值|产值|金额|资本|利润|支出|经费|进口额|出口额|资产"
)
_ZH_TARGET = re.compile(r"目标|预期|计划|力争|拟|争取|(?:要|将)(?=[达建提稳突新下降增实完培推控减发安超保形])")
"""A plan's words, and 要/将 before a verb of what a plan does (要达到, 将新增, 要下降): the question asks what
is to happen, as "will" does."""
_EN_MODAL = re.compile(r"\b(?:will|would|shall|(?:is|are|was|were) to)\s+(?!have\b)[a-z]", re.IGNORECASE)
""""How much will the province invest", "by how much was energy intensity to fall": a plan or projection is
asked, not an outcome ("what would have been" is neither)."""
_ZH_FORECAST = re.compile(r"预测|预计|展望")


_ZH_QUERY_NOISE = re.compile(r"[？?，,。！!：:（）()“”\"、；;]|(?<=\d)年|请问|分别|一共|总共|共计")


def _zh_unit_type(text: str) -> tuple[UnitType | None, str | None]:
    """The unit type a Chinese question asks for: the measure word of its 多少/几, else its cue words."""
    m = _ZH_ASK.search(text)
    measure = m.group("measure") if m is not None else None
    bracket = m.group("bracket") if m is not None else None
    if measure is None and bracket:  # 是多少（万人年）: the unit asked for, in brackets after the asking word
        measure = next((unit for unit in ("元", "个百分点", "倍") if unit[-2:] in bracket), bracket)
        if "%" in bracket or "％" in bracket:
            return UnitType.PERCENT, None
    if measure == "倍":
        return UnitType.RATIO, None
    if measure in ("亿元", "万亿元", "元", "钱"):
        return UnitType.CURRENCY, None
    if measure == "个百分点":
        return UnitType.PERCENT, None
    if measure is not None:
        return UnitType.COUNT, None
    if _ZH_PERCENT.search(text):
        return UnitType.PERCENT, None
    if _ZH_CURRENCY.search(text):
        return UnitType.CURRENCY, None
    return None, None


def _zh_kind(text: str) -> str | None:
    if _ZH_FORECAST.search(text):
        return "forecast"
    return "target" if _ZH_TARGET.search(text) else None


def _kind(tokens: list[str], text: str) -> str | None:
    if any(t in TARGET_CUES for t in tokens) or _EN_MODAL.search(text):
        return "target"
    if any(t in FORECAST_CUES for t in tokens):
        return "forecast"
    if any(t in ESTIMATE_CUES for t in tokens):
        return "estimate"
    return None


_ORDINAL_PHASE = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+(phase|stage|round)\b", re.IGNORECASE)
_NUMBERED_PHASE = re.compile(r"\b(phase|stage|round)\s+([1-4])\b", re.IGNORECASE)
_ROMAN_OF = {"first": "I", "1st": "I", "1": "I", "second": "II", "2nd": "II", "2": "II", "third": "III", "3rd": "III",
             "3": "III", "fourth": "IV", "4th": "IV", "4": "IV"}  # fmt: skip


def normalise_phases(text: str) -> str:
    """ "the first phase" and "Phase 1" are "Phase I", the way reports number the phases of a fund or plan."""
    text = _ORDINAL_PHASE.sub(lambda m: f"{m.group(2).title()} {_ROMAN_OF[m.group(1).lower()]}", text)
    return _NUMBERED_PHASE.sub(lambda m: f"{m.group(1).title()} {_ROMAN_OF[m.group(2)]}", text)


_UPPER_BOUND = re.compile(r"上限|最多|最长|最高|\b(?:at most|upper (?:end|bound|limit)|maximum|at the most)\b", re.I)
_LOWER_BOUND = re.compile(r"下限|至少|最少|最短|最低|\b(?:at least|lower (?:end|bound|limit)|minimum)\b", re.I)


_POINTS = re.compile(r"百分点|\bpercentage[- ]points?\b", re.IGNORECASE)


def asks_percentage_points(text: str) -> bool:
    """Does the question ask for a change in percentage points (提高了几个百分点, "by how many percentage
    points")? A percent-type question whose answer is in points, not a level in %."""
    return _POINTS.search(text) is not None


def asks_upper_bound(text: str) -> bool:
    """Does the question ask for the upper end of a range ("用几年（上限）", "at most how many years")?
    Then a range's answer is its upper end; otherwise its lower end, as a range is stored."""
    return bool(_UPPER_BOUND.search(text)) and not _LOWER_BOUND.search(text)


_REPORT_EN = re.compile(
    r"((?:19|20)\d{2})\s+(?:(?:[A-Z][\w-]*|annual|government|work|statistical|budget|development|economic)\s+)"
    r"{0,3}?(?i:report|plan|communiqu[eé]|bulletin|review|budget|outlook|opinions|white paper)\b"
)
_REPORT_ZH = re.compile(
    r"(?<![到至止])((?:19|20)\d{2})年度?的?[^\d，。？！、；：,.?!;:\s]{0,10}?(?:报告|公报|规划|纲要|意见|方案|白皮书)"
)
"""A report named by its year. Not 计划, which is as often the verb "plans to"; not a year after 到/截至, a
deadline ("到2030年全省规划建设…")."""


def report_year(question: str) -> str | None:
    """The year by which the question names its report ("the 2024 Government Work Report", "2023年政府工作
    报告"), if it does; None for a year the question only asks about ("GDP in 2024")."""
    m = _REPORT_EN.search(question) or _REPORT_ZH.search(question)
    return m.group(1) if m is not None else None


def parse_question(text: str, aliases: AliasIndex | None = None) -> Question:
    text = normalise_phases(" ".join(to_simplified(text).split()))  # cue words (增長 = 增长) in one script
    named_report = report_year(text)  # before "“十四五”规划" is read as "2021-2025年规划"
    text = plan_periods.dated(text)  # "到“十四五”末" asks about 2025
    lowered = text.lower()
    publisher = None
    body = text
    m = _PUBLISHER.search(text)
    if m is not None and m.group(1).lower() == "per" and not m.group(2)[:1].isupper():
        m = None  # "per 10,000 people", "per capita": a denominator, not a source
    if m is not None and m.group(2).strip():
        publisher = m.group(2).strip()
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
    chinese = is_chinese(body)
    ask = _ZH_ASK.search(body) if chinese else None
    measure = ask.group("measure") if ask is not None else None
    kind = _zh_kind(body) if chinese else None  # before the asking words go: 要达到多少
    if chinese:
        unit_type, count_noun = _zh_unit_type(body)
        body = _ZH_ASK.sub("，", body)
        query = _ZH_QUERY_NOISE.sub(" ", body)
    else:
        query = text
    tokens = words(body)
    if not chinese:
        unit_type, count_noun = _unit_type(tokens, lowered)
    currency = next((CURRENCY_WORDS[t] for t in tokens if t in CURRENCY_WORDS), None)
    asking = {i for i, t in enumerate(tokens) if i > 0 and tokens[i - 1] == "how" and t in _HOW_ADJECTIVES}
    terms = tuple(
        t
        for i, t in enumerate(tokens)
        if t not in STOPWORDS
        and not _PLAIN_NUMBER.fullmatch(t)
        and t not in CURRENCY_WORDS
        and t != "%"
        and i not in asking
    )
    entities: list[EntityMention] = []
    if aliases is not None:
        seen: set[str] = set()
        for mention in aliases.find(body, skip_types=frozenset()):  # countries too: "Japan's" ≠ "China's"
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
        kind=kind if chinese else _kind(tokens, body),
        publisher=publisher,
        publisher_terms=pub_terms,
        report_year=named_report,
        entities=tuple(entities),
        numbers=tuple(numbers),
        head=_head(body),
        phrase=_phrase(body),
        names=proper_names(text),
        query=" ".join(query.split()),
        measure=measure,
    )
