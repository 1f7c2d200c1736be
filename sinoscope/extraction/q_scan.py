"""Finding quantities in text: a number with what it is counted in, read outward from the digits.

Each number token is read outward: to the left for a currency, a sign, a qualifier ("about", "more than",
约, 超过); to the right for a range partner, a scale word (billion, 亿), a currency, percent or percentage
points, a physical unit, a count noun, a per-capita denominator. A number that ends up with no unit at all
is not kept: in prose a bare number is a rank, an id, a name part or a list marker far more often than a
quantity, and a figure nobody can say the unit of cannot be filtered or compared anyway.

Time, kind and subject are decided afterwards (`q_context`), with the whole sentence in view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sinoscope.extraction import units as u
from sinoscope.extraction.caseless import any_of, spelled
from sinoscope.extraction.numbers import DIGIT, parse_chinese, parse_digits, parse_words
from sinoscope.extraction.periods import name_precedes
from sinoscope.extraction.q_exclude import SpanSet
from sinoscope.extraction.table_units import unit_line


@dataclass(frozen=True)
class RawQuantity:
    """A number read with its units, before periods and kinds are assigned."""

    start: int
    end: int
    value: Decimal
    unit: str
    scale: Decimal = Decimal(1)
    value_max: Decimal | None = None
    approx: str | None = None
    per: str | None = None
    noun: str | None = None
    """The words a count was read from ("national agencies"), for the subject."""
    number_start: int = -1
    """Where the digits begin (after any currency sign), to match repeated mentions of one figure."""
    after: int = -1
    """Where the words that belong to the figure end (its count noun, "per 10,000 persons", 以上)."""


# ---------------------------------------------------------------- tokens
_DIGITS = (
    rf"[1-9１-９][{DIGIT}]{{0,2}}(?:[ \u00a0\u2009\u202f][{DIGIT}]{{3}})+\.[{DIGIT}]+(?![{DIGIT}])"
    rf"|[1-9１-９][{DIGIT}]{{1,2}}(?:[ \u00a0\u2009\u202f][{DIGIT}]{{3}})+(?![{DIGIT}])"
    rf"|[{DIGIT}]{{1,3}}(?:[,，][{DIGIT}]{{3}})+(?:\.[{DIGIT}]+)?(?![{DIGIT}])|[{DIGIT}]+(?:[.．][{DIGIT}]+)?"
)
"""Digits as printed: "13 571.7", "5 870.4" (thin-space groups, common in Chinese academic tables and prose;
a single leading digit without decimals is not taken, since "3 100" is more often two numbers), "1,045.83",
"２０２２", "25.8"."""
_WORDS_VOCAB = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
_WORDS = rf"\b(?:{_WORDS_VOCAB})(?:-(?:{_WORDS_VOCAB}))?(?:\s+hundred(?:\s+(?:and\s+)?(?:{_WORDS_VOCAB}))?)?\b"
_CN_NUM = "零〇一二两三四五六七八九十百千"
_BANDWIDTH = "兆(?![瓦帕赫焦伏欧吨字])|\\s?Mbps\\b"
"""兆 after a number is a bandwidth in megabits per second (千兆 = 1000 Mbps), unless a physical unit follows."""
_TOKEN = re.compile(
    rf"(?P<bw>[万千百])(?={_BANDWIDTH})"
    rf"|(?P<pct>百分之(?P<pctnum>[{_CN_NUM}点]+|{_DIGITS}))"
    rf"|(?P<d>{_DIGITS})"
    rf"|(?P<w>{_WORDS})"
    rf"|(?P<c>[{_CN_NUM}][{_CN_NUM}点]*)",
    re.IGNORECASE,
)
_TOKEN_DIGITS_ONLY = re.compile(_TOKEN.pattern.replace(f"|(?P<w>{_WORDS})", "|(?P<w>(?!))"), re.IGNORECASE)
"""`_TOKEN` without its word branch (the same groups, the word branch never matching), for the digits and
numerals; number words are found apart (`_WORD_AT`). Trying the word list at every word was a third of the
token search."""


def _word_start() -> re.Pattern[str]:
    heads: dict[str, list[str]] = {}
    for word in _WORDS_VOCAB.split("|"):
        heads.setdefault(word[0], []).append(word[1:])
    first = "".join(spelled(h)[1:-1] for h in heads)  # each head spelled as a class "[oO]": its letters
    branches = "|".join(f"(?<={spelled(h)})(?:{any_of('|'.join(rest))})" for h, rest in heads.items())
    # The first letter as one class, so the engine scans for it (an alternation of classes is tried at every
    # character: 1.8x slower on English text, 9x on Chinese); the branch of that letter then reads the rest.
    return re.compile(f"[{first}](?<!\\w.)(?:{branches})")


_WORD_AT = _word_start()
"""Where a `_TOKEN` number word can start: a vocabulary word in any case (spelled case by case, by first
letter) not glued to a word before it, i.e. the word branch's opening `\\b(?:one|two|…)` without IGNORECASE."""
_DIGIT_TOKEN_START = re.compile(f"[万千百{DIGIT}{_CN_NUM}]")
"""The characters a `_TOKEN_DIGITS_ONLY` token can start with (none has a case, so IGNORECASE adds nothing):
found by a quick scan for the class, where the token pattern itself tried its branches at every character."""

_DASHES = "-–−~～〜"
_SIGN_BEFORE = re.compile(
    r"(?:^|[\s(（:：=\u4e00-\u9fff])([-–−])$|(?:^|[\t\n(（:：=]|\b(?:was|were|is|are|of|at|by|to)\s)([-–−])\s$"
)
"""A minus sign: glued to the digits, or with one space ("– 86.0") where nothing before could be a range."""
_CURRENCY_BEFORE = re.compile(
    r"(?<![A-Za-z])(RMB|CNY|USD|US\s?\$|NT\$|HK\$|S\$|A\$|\$|¥|￥|JPY|EUR|€|KRW|₩|TWD|GBP|£|HKD|INR|₹|THB|SGD"
    r"|VND|IDR|MYR|AUD|CAD|CHF|PHP|人民币)\s?$"
)
_APPROX_BEFORE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(f"(?:{p})\\s*$", re.IGNORECASE), q)
    for p, q in (
        (r"\b(?<!no\s)(?:more|greater|higher|larger)\s+than|\bin\s+excess\s+of|\bexceeding|\bover|\babove|>"
         r"|(?<!不)超过|逾|(?<!不)高于|(?<!不)多于", "more than"),
        (r"\b(?<!no\s)(?:less|fewer|lower|smaller)\s+than|\bunder|\bbelow|<"
         r"|不到|不足|(?<!不)低于|(?<!不)少于", "less than"),
        (r"\bat\s+least|\bno\s+(?:less|fewer)\s+than|≥|>=|至少|不少于|不低于", "at least"),
        (r"\bat\s+most|\bup\s+to|\bno\s+more\s+than|≤|<=|最多|不超过|不高于|控制在", "at most"),
        (r"\b(?:about|approximately|approx\.|around|roughly|some|circa|ca\.|an\s+estimated)|~"
         r"|约有?|大约有?|大概", "about"),
        (r"\b(?:nearly|almost|close\s+to|just\s+under)|近|将近|接近|逾近", "nearly"),
    )
]  # fmt: skip
_APPROX_AFTER_CN = [
    ("以上", "at least"), ("以下", "at most"), ("以内", "at most"), ("之内", "at most"), ("内", "at most"),
    ("左右", "about"), ("上下", "about"),
]  # fmt: skip

_RANGE_SEP = re.compile(rf"\s?[{_DASHES}]\s?|\s+(?:to|and)\s+|\s*(?:至|到)\s*")
_SCALE_EN = re.compile(
    r"\s?(hundred\s+million|hundred\s+billion|hundred\s+thousand|ten\s+thousand|ten\s+million|thousand|million"
    r"|billion|trillion|bn|mn|tn|k|m|b)(?![A-Za-z])",
    re.IGNORECASE,
)
_SCALE_CN = re.compile("万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千")
_SUFFIX_CURRENCY = re.compile(
    r"\s?(u\.s\.\s+dollars|us\s+dollars|yuan|renminbi|rmb|dollars?|yen|euros?|won|baht|usd|jpy|eur|cny"
    r"|pounds\s+sterling|rupees)(?![A-Za-z])"
    r"|(元人民币|人民币|美元|日元|欧元|韩元|英镑|港元|港币|新台币|元)",
    re.IGNORECASE,
)
_POINTS = re.compile(
    r"\s?(?:percentage\s+points?|%\s?points?|pp|p\.p\.|ppts?)(?![A-Za-z])|个百分点|百分点", re.IGNORECASE
)
_PERCENT = re.compile(r"\s?(?:%|％|percent|per\s+cent|pct)(?![A-Za-z])", re.IGNORECASE)
_MBPS = re.compile(_BANDWIDTH)
_SCORE = re.compile(r"分(?=[）)，,。；;、/\s]|$)")
"""分 closing a figure ("（25分）", "扣0.5分，") is a score in points; 分之, 分钟, 分别 are other words."""
_CN_PHYSICAL = re.compile("|".join(sorted(map(re.escape, u.CN_PHYSICAL_UNITS), key=len, reverse=True)))
_TIMES = re.compile(r"\s?(?:times|-fold|fold|x)(?![A-Za-z])|倍", re.IGNORECASE)
_WORD = re.compile(r"[^\S\t]+[“\"‘]?((?:\d+[A-Za-z]|[A-Za-z])[A-Za-z0-9’'-]*)[”\"]?")
"""A word after a figure; quotes around it are skipped ("35 “bottleneck” technologies"). A tab separates
cells of a flattened table or contents line, so words never run across one."""
_POPULATION_BEFORE = re.compile(
    r"\bpopulation\s+of\s+(?:about\s+|over\s+|some\s+|nearly\s+)?$|人口(?:总数|数量)?(?:为|达到?|约|超过)?$", re.I
)
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:in|at|on|for|to|from|by|and|or|was|were|is|are|of|as|with|than|per|each|a|an|the|ahead|behind"
    r"|more|less|higher|lower|fewer|greater|larger|smaller|respectively|overall|annually|altogether)\b)[a-z]"
)
_PARTITIVE = re.compile(r"\s+of\s+(?:the|its|their|these|those|our)(?:\s+[\d,]+)?(?=\s)", re.IGNORECASE)
_PER = re.compile(
    rf"\s?(?:per|/)\s?(?:(?P<n>[{DIGIT}][{DIGIT},]*)\s)?(?P<noun>capita|[A-Za-z][A-Za-z-]*)(?![A-Za-z])", re.IGNORECASE
)
_PER_BEFORE = re.compile(r"\bper\s+$|每$|/$", re.IGNORECASE)
_CN_PER = re.compile(rf"每(?P<n>[{_CN_NUM}万]+|[{DIGIT}]+)?(?P<w>人口?|家|台|户)")
_CN_MEASURE = re.compile("|".join(sorted(map(re.escape, u.CN_MEASURE_WORDS), key=len, reverse=True)))
_CN_NOUN = re.compile("|".join(sorted(map(re.escape, u.CN_COUNT_NOUNS), key=len, reverse=True)))
_CN_NOUN_HEADED = re.compile(
    "[\u4e00-\u9fff]{1,3}?(?P<noun>" + "|".join(sorted(map(re.escape, u.CN_COUNT_NOUNS), key=len, reverse=True)) + ")"
)
"""A noun phrase after a measure word whose head (last) noun the vocabulary knows: Chinese compounds put the
head last, so 贫困县 counts counties and 大中型企业 companies, with at most three modifier characters."""
_CN_NOUN_BEFORE = re.compile(
    "(?P<noun>" + "|".join(sorted(map(re.escape, u.CN_COUNT_NOUNS), key=len, reverse=True)) + ")"
    "(?:[\u4e00-\u9fff]{0,2}?(?:总量|总数|数量|规模|人数))?(?:已|累计)?(?:超过|达到|达|为|突破|增加到|增至|约|近|逾)?$"
)
"""The noun a figure counts when it stands before it: 基站1000座, 企业数量超过5200万户, 务工规模超过3300万."""
_CN_MODIFIERS = re.compile(r"(?:[（(][^（）()\n]{0,20}[)）]|[“\"「『‘][^”\"」』’\n]{1,12}[”\"」』’])*")
"""A parenthesis or a quoted name between a measure word and its noun: 62项“一站式”便民服务, 2400户（累计约3600户）."""
_COORDINATED = frozenset("、和及与或")
_SLOGAN_MEASURES = frozenset({"大", "类"})
_CLAUSE_STOPS = "，。；,;：:\n"
_GENERIC_MEASURES = frozenset("个座件项部所台套条种家颗户")
"""Classifiers that say nothing of what is counted (unlike 人次, 名, 年), so a noun before the number may."""
_CN_TEXT_AFTER = re.compile("[\u4e00-\u9fff]{2}")
"""Two Han characters right after a measure word begin a noun, known or not: the noun before the number
(基站1000座) is then not what is counted."""
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|these|those|both|its|their|his|her|our|all|each|every|which|what|other|first|last|next|such)\s+$",
    re.IGNORECASE,
)
_STOP_WORDS = frozenset(
    {
        "of", "in", "on", "at", "by", "for", "to", "from", "with", "and", "or", "but", "as", "than", "that",
        "which", "who", "the", "a", "an", "per", "each", "into", "between", "since", "until", "during", "after",
        "before", "over", "under", "about", "around", "is", "are", "was", "were", "be", "been", "has", "have",
        "had", "will", "would", "can", "could", "may", "might", "should", "while", "when", "where", "if",
    }
)  # fmt: skip
_NOT_ADJECTIVES = frozenset({"percent", "per", "times", "years", "year", "old", "more", "less", "million", "billion"})
_NOT_UNITS = frozenset(
    {
        "others", "things", "times", "levels", "terms", "cases", "ways", "means", "respectively",
        "points", "parts", "aspects", "issues", "characteristics", "reasons", "steps", "stages", "phases",
        "pillars", "principles", "priorities", "chapters", "sections", "tables", "figures", "pages", "notes",
        "helps", "allows", "enables", "matters", "suggests", "indicates", "shows", "implies", "reflects",
    }
)  # fmt: skip
"""Plural words that follow numbers without being a useful unit to count in ("three aspects")."""


_PAREN_AFTER = re.compile(r"[^\S\n]?[(（]([^()（）\n]{1,40})[)）]")


def _parenthesised_unit(text: str, pos: int) -> tuple[str, Decimal, int] | None:
    """A money or percent unit printed in brackets right after the figure, as tables do:
    "– 86.0 (RMB hundred million)". Counts and years in brackets are left alone."""
    m = _PAREN_AFTER.match(text, pos)
    if m is None:
        return None
    specs = unit_line(m.group(0))
    if len(specs) != 1 or specs[0].per is not None:
        return None
    unit = specs[0].unit
    if unit is None or not (specs[0].is_currency or unit == "%"):
        return None
    return unit, specs[0].scale, m.end()


def _letters_before(text: str, start: int) -> str:
    i = start
    while i > 0 and (text[i - 1].isascii() and text[i - 1].isalpha()):
        i -= 1
    return text[i:start]


def scan(text: str, excluded: SpanSet, dates: SpanSet) -> list[RawQuantity]:
    """Every quantity in `text`, in order; numbers inside `excluded` spans are skipped.

    A number inside a `dates` span (a year) is still read when it carries a currency, scale or percent:
    "RMB 2000" is money even though 2000 looks like a year.
    """
    found: list[RawQuantity] = []
    pos = 0
    pending_per: tuple[int, str] | None = None  # ("per 10,000 persons" seen before its figure, clause end)
    tokens = _Tokens(text)
    while True:
        m = tokens.next(pos)
        if m is None:
            break
        pos = m.end()
        q, consumed = _read(text, m, excluded, dates)
        if q is None:
            if consumed > pos:
                pos = consumed
            denominator = _per_denominator(text, m)
            if denominator is not None:
                per, per_end = denominator
                pending_per = (_clause_end(text, m.end()), per)
                pos = max(pos, per_end)
            continue
        if q.per is None and pending_per is not None and q.start < pending_per[0] and q.unit not in u.PERCENT_UNITS:
            q = _with(q, per=pending_per[1])
        found.append(q)
        pos = max(pos, consumed)
    return found


class _Tokens:
    """`_TOKEN.search(text, pos)` for positions that only grow: the next digit or numeral token (`_digit_token`)
    or the next number word, whichever starts first (a token starts with a digit, a Han character or a letter,
    so never both at one place). The number words are matched once, where `_WORD_AT` says one can start."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = [m for at in _WORD_AT.finditer(text) if (m := _TOKEN.match(text, at.start())) is not None]
        self.i = 0

    def next(self, pos: int) -> re.Match[str] | None:
        digits = _digit_token(self.text, pos)
        while self.i < len(self.words) and self.words[self.i].start() < pos:
            self.i += 1
        word = self.words[self.i] if self.i < len(self.words) else None
        if word is not None and (digits is None or word.start() < digits.start()):
            return word
        return digits


def _digit_token(text: str, pos: int) -> re.Match[str] | None:
    """`_TOKEN_DIGITS_ONLY.search(text, pos)`, trying the pattern only where a token can start."""
    while (at := _DIGIT_TOKEN_START.search(text, pos)) is not None:
        m = _TOKEN_DIGITS_ONLY.match(text, at.start())
        if m is not None:
            return m
        pos = at.start() + 1
    return None


def _clause_end(text: str, pos: int) -> int:
    m = re.compile(r"[.;。；!?！？\n]\s").search(text, pos)
    return m.start() if m else len(text)


def _per_denominator(text: str, m: re.Match[str]) -> tuple[str, int] | None:
    """ "per 10,000 persons" before its figure: the 10,000 is a denominator, not a quantity. Returns the
    denominator and where its words end."""
    if not _PER_BEFORE.search(text[max(0, m.start() - 5) : m.start()]):
        return None
    w = _WORD.match(text, m.end())
    if w is None:
        return None
    return f"{m.group(0)} {u.normalise_count_noun(w.group(1))}", w.end()


def _with(q: RawQuantity, **changes: object) -> RawQuantity:
    from dataclasses import replace

    return replace(q, **changes)  # type: ignore[arg-type]


def _value_of(m: re.Match[str]) -> Decimal | None:
    if m.group("bw"):
        return u.CN_SCALES[m.group("bw")] if m.group("bw") != "百" else Decimal(100)
    if m.group("pct"):
        inner = m.group("pctnum")
        return parse_digits(inner) if inner[0].isdigit() else parse_chinese(inner)
    if m.group("d"):
        return parse_digits(m.group("d"))
    if m.group("w"):
        return parse_words(m.group("w"))
    return parse_chinese(m.group("c"))


@dataclass
class Reading:
    """A number token being read outward, stage by stage (`_read`): each stage consumes what belongs to the
    figure after `pos` (`text_end` is where its printed surface ends) or before `q_start`."""

    text: str
    kind: str
    """ "pct" (百分之…), "d" (digits), "w" (English number words), "c" (Chinese numerals)."""
    token: str
    start: int
    end: int
    value: Decimal
    before: str
    """Up to 30 characters before the token."""
    q_start: int
    pos: int
    text_end: int
    currency: str | None = None
    unit: str | None = None
    scale: Decimal = Decimal(1)
    value_max: Decimal | None = None
    approx: str | None = None
    per: str | None = None
    noun: str | None = None
    resume: int | None = None
    negative: bool = False

    def take(self, pos: int) -> None:
        self.pos = self.text_end = pos

    def result(self) -> RawQuantity:
        sign = Decimal(-1) if self.negative else Decimal(1)
        return RawQuantity(
            start=self.q_start,
            end=self.text_end,
            value=sign * self.value * self.scale,
            unit=self.unit or "",
            scale=self.scale,
            value_max=sign * self.value_max * self.scale if self.value_max is not None else None,
            approx=self.approx,
            per=self.per,
            noun=self.noun,
            number_start=self.start,
            after=self.pos,
        )


def read_number(text: str, m: re.Match[str], excluded: SpanSet) -> Reading | None:
    """Stage 1, the number: its value, and the currency printed before it; None for a number that is part
    of something else (an excluded span, a denominator, a name or code glued to letters)."""
    start, end = m.span()
    kind = "pct" if m.group("pct") else "d" if m.group("d") else "w" if m.group("w") else "c"
    if excluded.overlaps(start, end):
        return None
    value = _value_of(m)
    if value is None:
        return None
    before = text[max(0, start - 30) : start]
    if _PER_BEFORE.search(before) or re.search(r"\S\+$", before):
        return None  # "per 10,000 persons" is a denominator; "ASEAN+1", "5+5" are names
    # A number glued to letters is a name or code ("G20", "COVID-19", "5G", "14th"), unless the letters are a
    # currency ("RMB5", "US$3") or a unit ("28nm", "5bn", "10%").
    if kind in ("d", "pct"):
        letters = _letters_before(text, start)
        if letters and not _CURRENCY_BEFORE.search(text[max(0, start - 8) : start]):
            return None
        if re.search(r"[A-Za-z]-$", before) or re.search(r"[\w.]\.$", before):
            return None
    cur_m = _CURRENCY_BEFORE.search(before)
    r = Reading(text, kind, m.group(0), start, end, value, before, start, end, end)
    if cur_m is not None:
        r.currency = _currency_code(cur_m.group(1))
        r.q_start = start - len(cur_m.group(0))
    r.unit = "%" if kind == "pct" else None
    return r


def read_range(r: Reading, dates: SpanSet) -> bool:
    """Stage 2, right after the digits: 多 before a scale, percent or a unit glued to the number, and a
    range's upper end ("5%-7%"). A year ("2019") that no money, scale or percent follows is not a figure."""
    text = r.text
    more = r.kind in ("d", "c") and text[r.pos : r.pos + 1] in ("多", "余")
    if more and (_SCALE_CN.match(text, r.pos + 1) or _CN_MEASURE.match(text, r.pos + 1)):
        r.pos += 1  # "7500多亿元", "1270多万人": 多 between the digits and the scale
        r.approx = "more than"
    first_unit = None if r.kind == "pct" else _unit_mark(text, r.pos)
    if first_unit is not None:
        r.unit = first_unit[0]
        r.take(first_unit[1])
    p = r.pos
    if (
        dates.overlaps(r.start, r.end)
        and r.currency is None
        and r.unit not in u.PERCENT_UNITS
        and not (_SCALE_EN.match(text, p) or _SCALE_CN.match(text, p) or _SUFFIX_CURRENCY.match(text, p))
    ):
        return False
    range_m = _range_partner(text, r.pos, r.kind, r.before)
    if range_m is not None and range_m[0] > r.value:  # "10-5" is a score or a code, not a range
        r.value_max = range_m[0]
        r.take(range_m[1])
        if r.unit is None and range_m[2] is not None:
            r.unit = range_m[2]
    return True


def read_scale(r: Reading) -> bool:
    """Stage 3, the scale word: billion, 亿, 万亿."""
    sc = _scale(r.text, r.pos, r.kind, r.currency is not None)
    if sc is not None:
        r.scale = sc[0]
        r.take(sc[1])
    return True


def read_unit(r: Reading) -> bool:
    """Stage 4, currency or unit after the figure: "yuan", 亿元, "(RMB hundred million)", percent or a
    physical unit, 多 after a count, a population, or the noun counted ("16 national agencies", 300家企业)."""
    text = r.text
    if r.unit is None:
        _suffix_currency(r)
    if r.unit is None and r.currency is None and r.scale == 1:
        stated = _parenthesised_unit(text, r.pos)
        if stated is not None:
            r.unit, r.scale = stated[0], stated[1]
            r.take(stated[2])
    if r.currency is not None:
        r.unit = r.currency
    if r.unit is None:
        mark = _unit_mark(text, r.pos)
        if mark is not None:
            r.unit = mark[0]
            r.take(mark[1])
    if re.match(r"多|余", text[r.pos : r.pos + 1]) and r.kind in ("d", "c"):
        r.approx = "more than"  # Chinese qualifier after the figure: 300多家
        r.pos += 1
    if r.unit is None and _POPULATION_BEFORE.search(r.before):
        r.unit, r.noun = "persons", "population"
    if r.unit is None:
        counted = _count_unit(text, r.pos, r.kind, r.value, r.start)
        if counted is not None:
            partitive = _PARTITIVE.match(text, r.pos)
            if partitive is not None and re.search(r"\d", partitive.group(0)):
                r.resume = r.pos  # "21 of the 35 bottlenecks": 35 is read next
            r.unit, r.noun, r.pos = counted
    return True


def _suffix_currency(r: Reading) -> None:
    cm = _SUFFIX_CURRENCY.match(r.text, r.pos)
    if cm is None:
        return
    word = (cm.group(1) or cm.group(2) or "").lower()
    code = u.CURRENCY_SUFFIX.get(" ".join(word.split()))
    if code is None or (r.currency is not None and r.currency != code):
        return
    r.currency = code
    r.take(cm.end())
    if r.scale == 1:  # the table dialect in prose: "86.0 RMB hundred million"
        sc = _scale(r.text, r.pos, r.kind, True)
        if sc is not None:
            r.scale = sc[0]
            r.take(sc[1])


def plausible(r: Reading) -> bool:
    """Stage 5, whether the reading is a quantity at all: a bare number is kept (unit "", resolved from its
    sentence later) only when nothing says it is a rank, a name, a code or a list marker."""
    text, kind, before = r.text, r.kind, r.before
    if r.unit is None:
        if kind != "d" or r.value <= 1 or re.match(r"-?[A-Za-z]", text[r.end : r.end + 2]):
            return False
        in_table = "\t" in text[max(0, r.start - 1) : r.end + 1]
        if name_precedes(text, r.start) or _NOUN_AFTER.match(text, r.pos) or in_table:
            return False  # "Attribute 3", "Shenzhou 12"; "30 chapters": a noun that is no unit
        r.unit = ""  # resolved from the sentence ("the number of companies ... 80") or dropped
    if kind == "w":
        if (r.value <= 1 or _DETERMINER_BEFORE.search(before)) and r.scale == 1:
            return False
        if r.token[0].isupper() and not _sentence_start(before):
            return False  # "the 14th Five Year Plan": a capitalised number word inside a sentence is a name
        if _inside_quotes(text, r.start):
            return False  # slogans and nicknames: "the “four little dragons going overseas”"
    if r.noun is not None and r.currency is None and name_precedes(text, r.q_start):
        return False  # "the Mate Pro 60 uses"
    if kind == "c" and (
        (r.value == 1 and r.scale == 1)
        or (len(r.token) >= 2 and not re.search("[十百千点]", r.token))  # 二〇二五: a year or a code
        or re.search("第$", before)
    ):
        return False
    plan_name = re.match(r"\s?(?:规划|计划|行动|战略)", text[r.pos : r.pos + 4])
    return not (kind in ("c", "w") and r.unit == "years" and plan_name)  # 五年规划 names a plan


def read_qualifier(r: Reading) -> bool:
    """Stage 6, sign and qualifiers: "– 86.0", "about", "more than", 约, 超过 before; 以上, 左右, 以内 after."""
    text = r.text
    sign = _SIGN_BEFORE.search(text[max(0, r.q_start - 12) : r.q_start])
    if sign is not None and r.kind == "d":
        r.negative = True
        r.q_start -= len(sign.group(1) or sign.group(2) or "") + (1 if sign.group(2) else 0)
    if r.approx is None:
        r.approx = _approx_before(text, r.q_start)  # after the currency has been taken off
    gap = 1 if text[r.pos : r.pos + 1] == " " and "\u4e00" <= text[r.pos + 1 : r.pos + 2] <= "\u9fff" else 0
    for word, qualifier in _APPROX_AFTER_CN:
        if text.startswith(word, r.pos + gap):  # "$70 \\%$ 以上": converted math is followed by a space
            r.approx = qualifier
            r.pos += gap + len(word)
            break
    return True


def read_denominator(r: Reading) -> bool:
    """Stage 7, the denominator of a per-unit figure: "per capita", "per 10,000 persons", 每万人口…"""
    text = r.text
    pm = _PER.match(text, r.text_end if r.noun is None else r.pos)
    if pm is not None and r.unit not in u.PERCENT_UNITS:
        r.per = _per_text(pm)
        if r.per is not None:
            r.pos = max(r.pos, pm.end())
    cnp = _CN_PER.search(text, max(0, r.q_start - 20), r.q_start)
    same_clause = cnp is not None and not re.search("[，,。；;]", text[cnp.end() : r.q_start])
    if cnp is not None and same_clause and r.per is None and r.unit not in u.PERCENT_UNITS:
        r.per = _cn_per(cnp)
    # "3.1 trends" is a section number, not a count
    return not (r.noun is not None and r.scale == 1 and r.per is None and r.value != r.value.to_integral_value())


def _read(text: str, m: re.Match[str], excluded: SpanSet, dates: SpanSet) -> tuple[RawQuantity | None, int]:
    """The quantity starting at number token `m`, and where scanning should resume. A new language rule
    belongs to one stage: number, range, scale, unit (currency or counted noun), plausibility, qualifier,
    denominator."""
    r = read_number(text, m, excluded)
    if r is None or not (
        read_range(r, dates) and read_scale(r) and read_unit(r) and plausible(r) and read_qualifier(r)
        and read_denominator(r)
    ):  # fmt: skip
        return None, m.end()
    return r.result(), r.pos if r.resume is None else r.resume


def _currency_code(token: str) -> str | None:
    t = " ".join(token.lower().split()).replace("us $", "us$")
    if t == "人民币":
        return "CNY"
    return u.CURRENCY_PREFIX.get(t)


_ANY_APPROX_BEFORE = re.compile("|".join(f"(?:{pat.pattern})" for pat, _ in _APPROX_BEFORE), re.IGNORECASE)
"""Whether any qualifier of `_APPROX_BEFORE` ends the text: one search where most figures have none, instead
of one per qualifier; which one it is is then decided in `_APPROX_BEFORE`'s order."""


def _approx_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 25) : start]
    if not _ANY_APPROX_BEFORE.search(before):
        return None
    for pat, qualifier in _APPROX_BEFORE:
        if pat.search(before):
            return qualifier
    return None


_MARKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_POINTS, u.PERCENTAGE_POINTS),
    (_PERCENT, "%"),
    (_TIMES, "times"),
    (_MBPS, "Mbps"),
    (_SCORE, "points"),
)
_ANY_MARK = re.compile(
    "|".join(
        f"(?P<m{i}>(?i:{pat.pattern}))" if pat.flags & re.IGNORECASE else f"(?P<m{i}>{pat.pattern})"
        for i, (pat, _) in enumerate(_MARKS)
    )
)
"""The marks of `_MARKS` as one ordered alternation: a branch is tried only when those before it fail, so the
first mark that matches wins, with that mark's own match, as when each was tried in turn (one call instead of
five, for each of the ~7 numbers per paragraph)."""


def _unit_mark(text: str, pos: int) -> tuple[str, int] | None:
    """Percent, percentage points, multiples or a physical unit right after a number."""
    mm = _ANY_MARK.match(text, pos)
    if mm is not None:
        i = next(i for i in range(len(_MARKS)) if mm.start(f"m{i}") >= 0)
        return _MARKS[i][1], mm.end()
    cn = _CN_PHYSICAL.match(text, pos)
    if cn is not None:
        return u.CN_PHYSICAL_UNITS[cn.group(0)], cn.end()
    pm = u.PHYSICAL_UNIT_RE.match(text, pos + 1 if text[pos : pos + 1] in (" ", "-") else pos)
    if pm is not None:
        symbol = u.physical_unit(pm.group(0))
        if symbol is not None:
            return symbol, pm.end()
    return None


def _range_partner(text: str, pos: int, kind: str, before: str) -> tuple[Decimal, int, str | None] | None:
    """The upper end of "5%-7%", "5-7%", "5 to 7 percent", "between 5% and 7%", "5%至7%"; not "from 5% to 7%"
    (a change)."""
    sep = _RANGE_SEP.match(text, pos)
    if sep is None:
        return None
    if "to" in sep.group(0) and re.search(r"\bfrom\s+(?:\S+\s+)?$", before, re.IGNORECASE):
        return None
    if "and" in sep.group(0) and not re.search(r"\bbetween\s+(?:\S+\s+)?$", before, re.IGNORECASE):
        return None  # "between 5% and 7%" is a range; "5% and 7%" is two figures
    nm = _TOKEN.match(text, sep.end())
    if nm is None or (nm.group("w") is not None) != (kind == "w"):
        return None
    value = _value_of(nm)
    if value is None:
        return None
    end = nm.end()
    unit = None
    mark = _unit_mark(text, end)
    if mark is not None:
        unit, end = mark
    sc_ok = _SCALE_EN.match(text, end) or _SCALE_CN.match(text, end) or _SUFFIX_CURRENCY.match(text, end)
    if "to" in sep.group(0) and unit is None and not sc_ok and not _WORD.match(text, end):
        return None
    return value, end, unit


def _scale(text: str, pos: int, kind: str, has_currency: bool) -> tuple[Decimal, int] | None:
    cm = _SCALE_CN.match(text, pos)
    if cm is not None and kind in ("d", "c"):
        return u.CN_SCALES[cm.group(0)], cm.end()
    em = _SCALE_EN.match(text, pos)
    if em is None:
        return None
    word = " ".join(em.group(1).lower().split())
    if word in u.ABBREVIATED_SCALES and (em.group(0).startswith(" ") or not (has_currency or word == "k")):
        return None  # "USD 5m", "2.5k vehicles"; but "5m" alone is five metres and "RMB 5 m" a stray letter
    return u.SCALE_WORDS[word], em.end()


def _count_unit(text: str, pos: int, kind: str, value: Decimal, start: int = -1) -> tuple[str, str, int] | None:
    """The thing counted: "16 national agencies" → organizations; 300家企业 → companies; 基站1000座 → the noun
    before the number when none follows its measure word (Chinese "noun + number + classifier")."""
    if kind == "c" or (pos < len(text) and "\u4e00" <= text[pos] <= "\u9fff") or text[pos - 1 : pos] in ("万", "亿"):
        return _cn_count_unit(text, pos, start, kind)
    words: list[str] = []
    p = pos
    partitive = _PARTITIVE.match(text, pos)
    if partitive is not None:
        p = partitive.end()  # "21 of the 35 major bottlenecks" counts bottlenecks
    for _ in range(5):
        wm = _WORD.match(text, p)
        if wm is None:
            break
        word = wm.group(1).strip("’'-")
        low = word.lower()
        if not word or low in _STOP_WORDS:
            break
        words.append(word)
        p = wm.end()
        if low in u.DURATION_WORDS:
            return u.DURATION_WORDS[low], " ".join(words), p
        if low in u.EN_INVARIABLE_COUNTS:
            return u.EN_INVARIABLE_COUNTS[low], " ".join(words), p
        if u.looks_plural(low) or _acronym_plural(word):
            if low in _NOT_UNITS or (word[0].isupper() and not (word.isupper() or word[:-1].isupper())):
                return None  # "19 Parts and 65 Articles", "3.1 Recent Judicial Trends": titles and names
            nxt = _WORD.match(text, p)
            head = nxt.group(1) if nxt is not None else ""
            if nxt is not None and u.looks_plural(head) and head[0].islower() and head.lower() not in _NOT_UNITS:
                # "16 upstream materials companies": a plural noun adjunct before the head noun
                words.append(head)
                word, p = head, nxt.end()
            return u.normalise_count_noun(word), " ".join(words), p
        if low in _NOT_ADJECTIVES or not _adjective_like(word):
            break
        if len(words) >= 3 and any(w[0].isupper() and not w.isupper() for w in words):
            break  # "51 Tongcheng handle relocation services": past a name, the words are a new clause
    return None


def _cn_count_unit(text: str, pos: int, start: int, kind: str) -> tuple[str, str, int] | None:
    """What a Chinese count counts: the noun after its measure word (300家企业, 62项“一站式”便民服务), the noun of
    the next item when items share it (2034种、…的2725种出口商品), the noun before a generic measure word
    (企业数量超过5200万户), or after a scale a noun with no measure word at all (6600多万纳税人, 务工规模超过3300万)."""
    mw = _CN_MEASURE.match(text, pos)
    if mw is None:
        if text[pos - 1 : pos] not in ("万", "亿"):
            return None
        found = _cn_noun_at(text, pos) or _cn_noun_before(text, start)
        return (found[0], found[1], pos) if found is not None else None
    if kind == "c" and mw.group(0) in _SLOGAN_MEASURES:
        return None  # 三大攻坚战, 两类产品: numerals in names and slogans, not counts
    after = mw.end()
    found = _cn_noun_at(text, after) or _shared_noun(text, after, mw.group(0))
    if found is not None:
        return found[0], found[1], after
    if mw.group(0) == "大":
        return None  # 大 counts only before the noun it qualifies ("三大平台"); elsewhere it is an adjective
    if mw.group(0) in _GENERIC_MEASURES and not _CN_TEXT_AFTER.match(text, after):
        before = _cn_noun_before(text, start)
        if before is not None:
            return before[0], before[1], after
    return u.CN_MEASURE_WORDS[mw.group(0)], mw.group(0), after


def _cn_noun_before(text: str, start: int) -> tuple[str, str] | None:
    """The known noun standing before a figure that starts at `start` (None when the figure opens the text)."""
    before = _CN_NOUN_BEFORE.search(text[max(0, start - 14) : start]) if start > 0 else None
    return (u.CN_COUNT_NOUNS[before.group("noun")], before.group("noun")) if before is not None else None


def _cn_noun_at(text: str, pos: int) -> tuple[str, str] | None:
    """The known noun (or noun phrase with a known head) at `pos`, past a parenthesis or a quoted name."""
    p = _CN_MODIFIERS.match(text, pos)
    at = p.end() if p is not None else pos
    noun = _CN_NOUN.match(text, at)
    if noun is not None:
        return u.CN_COUNT_NOUNS[noun.group(0)], noun.group(0)
    headed = _CN_NOUN_HEADED.match(text, at)
    return (u.CN_COUNT_NOUNS[headed.group("noun")], headed.group(0)) if headed is not None else None


def _shared_noun(text: str, after: int, measure: str) -> tuple[str, str] | None:
    """Coordinated counts share the noun of the last one: 2034种、…的2725种出口商品 both count products."""
    if text[after : after + 1] not in _COORDINATED:
        return None
    stop = min([i for i in (text.find(c, after, after + 80) for c in _CLAUSE_STOPS) if i >= 0] or [after + 80])
    for m in re.finditer(rf"[{DIGIT}]\s?(?:多|余)?{re.escape(measure)}", text[after:stop]):
        found = _cn_noun_at(text, after + m.end())
        if found is not None:
            return found
    return None


def _adjective_like(word: str) -> bool:
    """A word that may stand between a number and its noun ("national", "state-owned", "Chinese", "new")."""
    low = word.lower()
    return low.isalpha() or "-" in low or (low.isalnum() and not low.isdigit())  # "4G base stations"


def _per_text(pm: re.Match[str]) -> str | None:
    noun = pm.group("noun")
    low = noun.lower()
    if low == "capita":
        return "person"
    if low in _STOP_WORDS:
        return None
    n = pm.group("n")
    word = u.normalise_count_noun(noun) if n else low
    return f"{n} {word}" if n else word


def _cn_per(m: re.Match[str]) -> str:
    n = m.group("n")
    who = {"人": "persons", "人口": "persons", "家": "companies", "台": "units", "户": "households"}[m.group("w")]
    if not n:
        return who
    value = parse_digits(n) if n[0].isdigit() else (parse_chinese(n) if n != "万" else Decimal(10000))
    return f"{value:,} {who}" if value is not None else who


def _sentence_start(before: str) -> bool:
    stripped = before.rstrip(" “\"‘'(")
    return not stripped or stripped.endswith((".", "!", "?", "\n", ":", ")", "。"))


def _inside_quotes(text: str, pos: int) -> bool:
    """Whether `pos` sits inside a short quoted phrase on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[max(line_start, pos - 60) : pos]
    curly_open = before.rfind("“") > before.rfind("”")
    straight_open = before.count('"') % 2 == 1
    if not (curly_open or straight_open):
        return False
    return re.search(r'[”"]', text[pos : pos + 60]) is not None


def _acronym_plural(word: str) -> bool:
    """ "GPUs", "SOEs", "LLMs": capitals with a plural s (units.looks_plural reads "-us" as Latin singular)."""
    return len(word) > 2 and word.endswith("s") and word[:-1].isupper() and word[:-1].isalnum()
