"""Which time expression dates a figure.

Tried in order, the first that applies wins:
0. a year that owns the figure: "2020年的6.5%";
1. a time right after the figure ("15.1% in 2014", "RMB 98.16 billion (January 2022)", "40% by 2020");
2. the nearest time before it in its clause with no other figure in between ("in 2021 at USD 555.9 billion");
3. the nearest time after it in its clause with no other figure in between;
4. a time earlier in the clause shared by a list of figures ("imports in 2021 were X, and exports Y");
5. a time fronting the sentence ("In 2019, ... and the capital has not increased from X");
6. an adjectival year in the clause ("the 2017 edition");
7. for a figure in a sentence's first clause, the last time of the previous sentence ("launched in 2014. It
   announced a total investment of X").
A deadline ("by 2030", 到2030年) or a status date ("as of") binds only a figure next to it, with no other figure
in between; "since 2014" never dates a figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from sinoscope.extraction.caseless import any_of
from sinoscope.extraction.numbers import parse_words
from sinoscope.extraction.periods import TimeExpr

_TIGHT_AFTER = re.compile(
    r"^(?:\s*[(（][^()（）\n]{1,40}[)）])?"  # a parenthesis in between: "USD 340 million (55,000 units) in 2021"
    r"(?:\s+(?:in|of)\s+(?:[\d,.]+\s+)?(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+(?=\s+(?:in|at|by|as)\s))?"  # "10% of GDP by"
    r"\s*[(（]?\s*(?:,\s*)?(?:(?:in|at|as\s+of|as\s+at|by|for|during|until|through|on|of|to|over|within|at\s+end-"
    r"|in\s+the\s+(?:first|second)\s+half\s+of)\s+)?(?:the\s+)?(?:end\s+of\s+|year\s+|fiscal\s+year\s+)?$",
    re.IGNORECASE,
)
_FRONT = re.compile(
    r"^(?:[Ii]n|[Bb]y|[Aa]s\s+of|[Aa]t\s+the\s+end\s+of|[Dd]uring|[Ff]or|[Ii]n\s+the\s+year|[Tt]hroughout|[Bb]etween|[Ff]rom"
    r"|到|在|于|截至|截止到?)?\s*$"
)


def tight_after(text: str, after: int, times: Sequence[TimeExpr]) -> TimeExpr | None:
    for t in times:
        if t.start >= after and not t.since:
            if _TIGHT_AFTER.match(text[after : t.start]):
                return t
            return None
    return None


def fronting(text: str, sentence_start: int, times: Sequence[TimeExpr]) -> TimeExpr | None:
    """The time of "In 2019, ..." at the head of a sentence (it dates the whole sentence)."""
    for t in times:
        if t.start < sentence_start:
            continue
        if t.since or t.start - sentence_start > 30:
            return None
        head = text[sentence_start : t.start]
        tail = text[t.end : t.end + 4]
        if _FRONT.match(head) and re.match(r"(?:底|末|初|以来)?\s*[,，]", tail):
            return t
        return None
    return None


_OF_YEAR = re.compile(r"\s*的\s*(?:约|近|超过|接近|逾)?\s*$")


def possessive(text: str, start: int, before: Sequence[TimeExpr]) -> TimeExpr | None:
    """A year that owns the figure ("从2020年的6.5%提高至2030年的9%"): it dates it, even after 从 (which
    otherwise marks a starting point, not a period)."""
    if before and _OF_YEAR.fullmatch(text, before[-1].end, start):
        return before[-1]
    return None


def choose(
    text: str,
    start: int,
    after: int,
    clause: tuple[int, int],
    times: Sequence[TimeExpr],
    figures: Sequence[tuple[int, int]],
) -> TimeExpr | None:
    """Steps 1-4 and 6 above for a figure spanning `start`..`after`; `figures` are all figures' spans."""
    lo, hi = clause
    owner = possessive(text, start, [t for t in times if lo <= t.start and t.end <= start])
    if owner is not None:
        return owner
    in_clause = [t for t in times if lo <= t.start and t.end <= hi and not t.since]
    t = tight_after(text, after, in_clause)
    if t is not None and not (t.weak or t.base):
        return t

    def clear(a: int, b: int) -> bool:
        return not any(a <= s and e <= b for s, e in figures if (s, e) != (start, after))

    before = [t for t in in_clause if t.end <= start and not t.weak]
    after_ = [t for t in in_clause if t.start >= after and not (t.weak or t.by or t.as_of or t.base)]
    for cand in reversed(before):
        if clear(cand.end, start) and not (cand.base and _CHANGE.search(text, cand.end, start)):
            return cand  # a deadline too, when nothing stands between: "到2025年达到3.5万亿元"
    for cand in after_:
        if clear(after, cand.start):
            return cand
    opening = [t for t in before if t.by and opens_clause(text, t.start, lo)]
    shared = [t for t in before if not t.by and not t.as_of and not t.base]
    if opening and (not shared or opening[-1].start > shared[-1].start):
        return opening[-1]  # "到2027年，A稳定在…，B累计达到…": a deadline opening a clause governs the list after it
    if shared:
        return shared[-1]
    weak = [t for t in in_clause if t.weak]
    if weak:
        return min(weak, key=lambda w: abs(w.start - start))
    return None


CHANGE_VERBS = "增加|提高|提升|上升|增长|下降|减少|降低|扩大|缩小"
"""The Chinese verbs of a change, for the rules that tell a change from a level (`quantities`) and from its base."""
_CHANGE = re.compile(
    rf"{CHANGE_VERBS}|增|减|回落|翻|\b(?:r[io]se|grew|grow|increase|decrease|fell|fall|up|down)", re.IGNORECASE
)
"""A change stated against a base year ("比2024年增长6.2%"): the base dates the base's own value ("相当于2000年
92.2万人的4.27倍"), not the change."""


_MONTH_PERIOD = re.compile(r"(\d{4})-\d\d(?:-\d\d)?")


_EVENT_VERB = re.compile(
    r"\b(?:announc|pass|sign|launch|unveil|approv|award|authori[sz]|enact|establish|creat|pledg|allocat|grant"
    r"|introduc|releas|issu|adopt)\w*|发布|出台|印发|宣布|启动|设立|成立|批准|签署|通过|推出",
    re.IGNORECASE,
)


def event_year(text: str, time: TimeExpr, start: int) -> str:
    """A month that dates an event the sentence tells ("In March 2024 the ministry announced $8.5 billion",
    "2024年5月，…设立…") gives the figure only its year: the amount belongs to the year's events, not to a
    reading of that month. A month attached to a reading ("exports grew 8% in June 2023", 2023年6月，出口增长8%,
    "RMB 98.16 billion (January 2022)") keeps the month."""
    m = _MONTH_PERIOD.fullmatch(time.period)
    if m is None:
        return time.period
    lo, hi = sorted((time.end, start))
    return m.group(1) if _EVENT_VERB.search(text, lo, hi) else time.period


_RATE_BEFORE = re.compile(
    r"(?:年均|年平均|平均每年|每年平均|复合年均|年复合|\baverage\s+annual|\bannual\s+average|\bcompound\s+annual"
    r"|\bCAGR\b|\ba\s+year\s+on\s+average)[^，,;；。:：]{0,40}$",
    re.IGNORECASE,
)
_BASE_OF_AFTER = re.compile(
    r"\s+(?:the|its|their|that|those)\s+(?:[\w-]+\s+){0,4}?(?:in|of)\s+(\d{4})\b|\s*(?:that|those)\s+of\s+(\d{4})\b",
    re.IGNORECASE,
)
_RATE_AFTER = re.compile(r"\s*(?:a|per)\s+year\b|\s+annually\b|\s+on\s+average\s+(?:a|per)\s+year\b", re.I)
_CHUNK_STOPS = "，,;；。:："
_YEAR_ONLY = re.compile(r"\d{4}")
_SPAN_ONLY = re.compile(r"\d{4}-\d{4}")


def comparison_span(
    text: str, start: int, after: int, unit: str | None, sentence: tuple[int, int], times: Sequence[TimeExpr]
) -> str | None:
    """The years a figure compares over: an average annual rate ("年均增长6.2%", "an average annual rate of 5%")
    or a multiple of an earlier year's value ("相当于2000年…的4.27倍", "56 times the amount it spent in 1995")
    is for the span from the earliest to the latest year of its sentence — the span the sentence names
    (十年, 2000—2015年) when it names one — not for either end."""
    lo, hi = sentence
    floor = max(lo, start - 200)  # a bounded look back keeps a sentence of a million figures linear
    chunk_lo = max([floor, *(text.rfind(c, floor, start) + 1 for c in _CHUNK_STOPS)])
    in_sentence = [t for t in times if lo <= t.start and t.end <= hi and not t.weak]
    if _RATE_BEFORE.search(text, max(chunk_lo, start - 60), start) or _RATE_AFTER.match(text, after):
        spans = [t for t in in_sentence if _SPAN_ONLY.fullmatch(t.period)]
        before = [t for t in spans if t.end <= start]
        if before:
            return before[-1].period  # the span the sentence names before the rate, else the first it names
        if spans:
            return spans[0].period
    elif (
        unit != "times"
        or not (
            any(t.base and chunk_lo <= t.start and t.end <= start for t in in_sentence)
            or possessive(text, start, [t for t in in_sentence if t.end <= start]) is not None  # 为2024年的2倍
            or _BASE_OF_AFTER.match(text[after : after + 60])
        )
    ):
        return None
    years = {int(t.period) for t in in_sentence if _YEAR_ONLY.fullmatch(t.period)}
    return f"{min(years)}-{max(years)}" if len(years) >= 2 else None


_LASTING_BEFORE = re.compile(r"\b(?P<n>\d{1,2}|[a-z]+)-year,?\s*$", re.IGNORECASE)


def lasting_span(text: str, start: int, period: str | None) -> str | None:
    """A figure qualified as lasting N years ("a 10-year, $300 billion plan", "a five-year RMB 1 trillion
    programme") spans N years from the year that dates it."""
    m = _LASTING_BEFORE.search(text, max(0, start - 40), start)
    if m is None or period is None or not _YEAR_ONLY.fullmatch(period):
        return None
    n = parse_words(m.group("n")) if not m.group("n").isdigit() else Decimal(m.group("n"))
    if n is None or not 1 < n <= 50:
        return None
    return f"{period}-{int(period) + int(n)}"


_ANAPHORIC = re.compile(
    r"(?P<whole>全年|\b(?:the\s+)?(?:full|whole)[\s-]year\b|\bthe\s+year\s+as\s+a\s+whole\b)"
    r"|届时|当年|同年|\b(?:that|the\s+same)\s+year\b|\bby\s+then\b|\bat\s+that\s+time\b",
    re.I,
)
_ANAPHORIC_HINT = re.compile("[年届]|" + any_of("year|then|time"))
"""What every `_ANAPHORIC` branch holds (年, 届, or an English word spelled in any case): most paragraphs hold
none, and the case-insensitive alternation cost a try of every branch at every character."""
_ONE_YEAR = re.compile(r"(?:FY)?\d{4}")


_EARLIER = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|\d)\s+years?\s+(?:earlier|before|ago)\b|\bthe\s+(?:previous|prior)\s+year\b",
    re.IGNORECASE,
)
_EARLIER_BASE = re.compile(r"\b(?:from|on|over|than|against|compared\s+with|versus|vs\.?)\s*$", re.IGNORECASE)


def earlier_times(text: str, times: Sequence[TimeExpr], taken: Sequence[TimeExpr]) -> list[TimeExpr]:
    """ "a year earlier", "two years earlier", "a year ago", "the previous year": N years before the last single
    year named before them, as English releases date the earlier level beside the latest one ("214 GWh at
    end-2025, up from 168 GWh a year earlier": 168 GWh is 2024's). Right after "from", "than" or "on" the
    phrase is the base of a change ("rose 4% from a year earlier"): it dates no figure (`TimeExpr.base`)."""
    out: list[TimeExpr] = []
    for m in _EARLIER.finditer(text) if "year" in text.lower() else ():
        if _read_already(m, times, taken):
            continue
        named = _year_named_before(m, times)
        n = m.group("n")
        back = 1 if n is None or n.lower() in ("a", "one") else int(n) if n.isdigit() else parse_words(n)
        if named is None or back is None:
            continue
        year = int(named.period.removeprefix("FY")) - int(back)
        base = _EARLIER_BASE.search(text, max(0, m.start() - 20), m.start()) is not None
        out.append(TimeExpr(m.start(), m.end(), str(year), base=base))
    return out


def anaphoric_times(
    text: str, times: Sequence[TimeExpr], taken: Sequence[TimeExpr], year_of_block: str | None = None
) -> list[TimeExpr]:
    """Words that point back at a year named before them — 全年 ("2022年，…。全年新建…"), 届时 ("2035年…；届时
    …"), 当年, 同年, "that year", "by then" — as times of that year (the last single year before them).

    The whole year (全年, "the full year") names a period even where no year stands before it in the text: then it
    is the single year the block's heading or document sets (`year_of_block`). A bulletin's "全年…平均为5.1%，
    12月份为4.9%" gives the year's figure and December's; without this, the only time in the sentence was the
    month, and the year's average was dated December."""
    out: list[TimeExpr] = []
    for m in _ANAPHORIC.finditer(text) if _ANAPHORIC_HINT.search(text) else ():
        if _read_already(m, times, taken):
            continue
        named = _year_named_before(m, times)
        if named is not None:
            out.append(TimeExpr(m.start(), m.end(), named.period))
        elif m.group("whole") and year_of_block is not None and _YEAR_ONLY.fullmatch(year_of_block):
            out.append(TimeExpr(m.start(), m.end(), year_of_block))
    return out


def _read_already(m: re.Match[str], times: Sequence[TimeExpr], taken: Sequence[TimeExpr]) -> bool:
    """The word is part of a time already read."""
    return any(t.start < m.end() and m.start() < t.end for t in (*times, *taken))


def _year_named_before(m: re.Match[str], times: Sequence[TimeExpr]) -> TimeExpr | None:
    """The last single year named before a word that points back at it (not a start, not a comparison's base)."""
    earlier = [t for t in times if t.end <= m.start() and _ONE_YEAR.fullmatch(t.period) and not (t.since or t.base)]
    return earlier[-1] if earlier else None


_CLAUSE_OPENERS = "，,；;：:。\n"


def opens_clause(text: str, start: int, lo: int) -> bool:
    """A deadline at the head of its clause ("…，到2027年粮食…"; "By 2030, …"), not one trailing a figure."""
    head = text[lo:start].rstrip()
    head = re.sub(r"(?:到|至|[Bb]y|力争到|争取到)$", "", head).rstrip()
    return not head or head[-1] in _CLAUSE_OPENERS


def last_usable(times: Sequence[TimeExpr], lo: int, hi: int) -> TimeExpr | None:
    """The last time in `lo`..`hi` that can date a later figure (not a deadline, not "since")."""
    usable = [t for t in times if lo <= t.start and t.end <= hi and not (t.since or t.by or t.weak or t.base)]
    return usable[-1] if usable else None
