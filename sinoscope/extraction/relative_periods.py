"""Periods named relative to the document's own date: 今年, 去年, 近五年, "last year", "over the past five years".

A Government Work Report says "去年…增长5.2%" and "今年…5%左右": the year is the report's, not written in the
sentence. Whoever knows the document's date (`Document.metadata["date"]`, an ISO "YYYY", "YYYY-MM" or
"YYYY-MM-DD" filled at ingest) resolves such phrases here; without a date nothing is resolved (never from
the time of ingestion). One pure function serves extraction, target statements and answers alike:

    find_relative(text, "2024-03-05")  → [RelativeTime(start, end, "2023", phrase="去年"), ...]
    resolve_phrase("过去五年", "2023-03") → "2018-2022"

Conventions (a report reviews the years before its date and plans the ones from it on):
- this year 今年/本年/this year → Y; last year 去年/上年/上一年/过去一年/一年来/last year/the past year → Y-1;
  the year before last 前年 → Y-2; next year 明年/next year → Y+1;
- the past N years 近N年/过去N年/N年来/the past N years/the last decade → (Y-N)-(Y-1); a bare N年 right
  before a change (十年增加…, 五年年均增长…) too;
- the next N years 今后N年/未来N年/the next N years/the coming decade → Y-(Y+N-1);
- this/last/next month 本月/上月/下月 → YYYY-MM; a month without a year (7月份, "In June") → the latest such
  month up to the document date; 年内 (within the year) → Y;
- "比上年"/"较上年"/"同比"/"than last year" name the base of a comparison, not the figure's period, and
  are not returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sinoscope.extraction.numbers import parse_chinese, parse_words


@dataclass(frozen=True)
class DocDate:
    year: int
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class RelativeTime:
    """A relative time phrase in a text, resolved against the document date."""

    start: int
    end: int
    period: str
    """"2023", "2018-2022" or "2024-02"."""
    phrase: str
    span: bool = False
    """True for "the past five years": figures of change are dated by the whole span, levels by its end."""


_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_doc_date(value: str | None) -> DocDate | None:
    """An ISO date ("2024", "2024-03", "2024-03-05") as the metadata holds it; None when absent or unreadable."""
    if not value:
        return None
    m = _ISO.match(value)
    if m is None:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if not 1000 <= year <= 2999 or (month is not None and not 1 <= month <= 12):
        return None
    return DocDate(year, month, day)


_CN_N = "[一二两三四五六七八九十0-9]{1,3}"
_EN_N = r"(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
_I = re.IGNORECASE

# (pattern, how to resolve): offsets of whole years, or "past"/"next" spans of N years, or months
_YEAR_OFFSETS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"今年|本年度?|(?<![\d一二两三四五六七八九十几多数去今明前后上])年内"), 0),
    (re.compile(r"(?<![比较以])(?:去年|上一?年度?)(?!同期)|过去一年|一年来"), -1),
    (re.compile(r"前年"), -2),
    (re.compile(r"明年|(?<![以])下一?年度?"), 1),
    (re.compile(r"\bthis\s+(?:calendar\s+)?year\b", _I), 0),
    (re.compile(r"(?<!than\s)\b(?:last|the\s+past|the\s+previous|the\s+preceding)\s+year\b(?!s)", _I), -1),
    (re.compile(r"\bnext\s+year\b|\bthe\s+coming\s+year\b", _I), 1),
]
_PAST_SPAN = [
    re.compile(rf"(?:近|过去)(?P<n>{_CN_N})年(?:来|间|中)?|(?<![第\d])(?P<n2>{_CN_N})年来"),
    # a bare count of years right before a change, in a review: "十年增加近70万亿元", "五年年均增长5.2%"
    re.compile(rf"(?<![第\d一二两三四五六七八九十])(?P<n>{_CN_N})年(?=年均|平均|累计|增加|增长|提高|下降|减少)"),
    re.compile(rf"\b(?:the\s+)?(?:past|last|previous|preceding)\s+(?P<n>{_EN_N})\s+years\b", _I),
    re.compile(r"\b(?:the\s+)?(?:past|last|previous)\s+(?P<decade>decade)\b", _I),
]
_NEXT_SPAN = [
    re.compile(rf"(?:今后|未来|以后)(?P<n>{_CN_N})年"),
    re.compile(rf"\b(?:the\s+)?(?:next|coming|following)\s+(?P<n>{_EN_N})\s+years\b", _I),
    re.compile(r"\b(?:the\s+)?(?:next|coming)\s+(?P<decade>decade)\b", _I),
]
_MONTH_OFFSETS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"本月|\bthis\s+month\b", _I), 0),
    (re.compile(r"上月|上个月|\blast\s+month\b", _I), -1),
    (re.compile(r"下月|下个月|\bnext\s+month\b", _I), 1),
]
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")  # fmt: skip
_MONTH_ALONE = [
    re.compile(r"(?<![\d年./-])(?P<m>1[0-2]|[1-9])月(?:份|末|底)?(?![\d日号]|份?(?:底|末)?(?:前|完成|中旬|上旬|下旬))"),
    re.compile(r"(?<=\b[Ii]n\s)(?P<mon>" + "|".join(m.capitalize() for m in _MONTH_NAMES) + r")\b(?![\s,]*\d)"),
]
"""A month named without a year (7月份，…; "In June, exports …") in a dated release: the latest such month up to
the document's date. A deadline (6月底前, 9月底完成) is not a period."""
_MARKS = {
    "year": re.compile("[Yy][Ee][Aa][Rr]"),
    "decade": re.compile("[Dd][Ee][Cc][Aa][Dd][Ee]"),
    "month": re.compile("[Mm][Oo][Nn][Tt][Hh]"),
    "in_month": re.compile(r"[Ii]n\s[JFMASOND]"),
}
"""Words the English patterns cannot match without, spelled case by case (IGNORECASE lets these letters match
nothing but their two ASCII cases), so each is found by a quick scan for a character class."""
_NEEDS: dict[re.Pattern[str], str] = {
    **{pat: "年" for pat, _ in _YEAR_OFFSETS[:4]},
    **{pat: "year" for pat, _ in _YEAR_OFFSETS[4:]},
    _PAST_SPAN[0]: "年", _PAST_SPAN[1]: "年", _PAST_SPAN[2]: "year", _PAST_SPAN[3]: "decade",
    _NEXT_SPAN[0]: "年", _NEXT_SPAN[1]: "year", _NEXT_SPAN[2]: "decade",
    _MONTH_ALONE[0]: "月", _MONTH_ALONE[1]: "in_month",
    **{pat: "月 month" for pat, _ in _MONTH_OFFSETS},
}  # fmt: skip
"""What each pattern cannot match without (any of the space-separated marks): 年 or 月 for the Chinese ones,
a word of `_MARKS` for the English ones. Most paragraphs hold few of them, and a pattern whose marks are all
absent is not run: it would find nothing."""


def _present(text: str) -> set[str]:
    found = {w for w, pat in _MARKS.items() if pat.search(text)}
    return found | {ch for ch in "年月" if ch in text}


def _runs(pat: re.Pattern[str], present: set[str]) -> bool:
    return any(mark in present for mark in _NEEDS[pat].split())


_COMPARISON_BEFORE = re.compile(r"(?:比|较|与|同|相比|\bthan)\s*$", _I)
""""比上年增长" and "than last year": the phrase is the base of a comparison, not the figure's period."""


def _count(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token.lower() == "decade":
        return 10
    value = parse_chinese(token) if not token.isascii() else parse_words(token)
    return int(value) if value is not None else None


def _span(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}-{hi}"


def find_relative(text: str, doc_date: str | DocDate | None) -> list[RelativeTime]:
    """Every relative time phrase of `text` resolved against `doc_date`, in order; [] without a date."""
    date = doc_date if isinstance(doc_date, DocDate) else parse_doc_date(doc_date)
    if date is None:
        return []
    y = date.year
    found: list[RelativeTime] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], period: str, *, span: bool = False) -> None:
        s, e = m.span()
        if any(s < b and a < e for a, b in taken):
            return
        if _COMPARISON_BEFORE.search(text[max(0, s - 6) : s]):
            return
        taken.append((s, e))
        found.append(RelativeTime(s, e, period, m.group(0), span=span))

    present = _present(text)
    for pat in _PAST_SPAN:
        for m in pat.finditer(text) if _runs(pat, present) else ():
            n = _count(m.groupdict().get("n") or m.groupdict().get("n2") or m.groupdict().get("decade") or "")
            if n is not None and 1 < n <= 50:
                add(m, _span(y - n, y - 1), span=True)
    for pat in _NEXT_SPAN:
        for m in pat.finditer(text) if _runs(pat, present) else ():
            n = _count(m.groupdict().get("n") or m.groupdict().get("decade") or "")
            if n is not None and 1 < n <= 50:
                add(m, _span(y, y + n - 1), span=True)
    for pat, offset in _YEAR_OFFSETS:
        for m in pat.finditer(text) if _runs(pat, present) else ():
            add(m, str(y + offset))
    if date.month is not None:
        for pat in _MONTH_ALONE:
            for m in pat.finditer(text) if _runs(pat, present) else ():
                month = int(m.group("m")) if m.groupdict().get("m") else _MONTH_NAMES.index(m.group("mon").lower()) + 1
                year = date.year if month <= date.month else date.year - 1
                add(m, f"{year}-{month:02d}")
        for pat, offset in _MONTH_OFFSETS:
            for m in pat.finditer(text) if _runs(pat, present) else ():
                index = date.year * 12 + date.month - 1 + offset
                add(m, f"{index // 12}-{index % 12 + 1:02d}")
    return sorted(found, key=lambda t: t.start)


def anchor_span(rel: RelativeTime, year: int) -> RelativeTime:
    """A span phrase counted from a year the sentence names rather than from the document date: "At the end
    of 2022 … over the next five years" is 2023-2027, "截至2020年，过去五年" is 2016-2020. A named year is a
    whole year already in view, so the next years start after it and the past ones end with it."""
    m = re.search(r"(\d{4})-(\d{4})", rel.period)
    if not rel.span or m is None:
        return rel
    n = int(m.group(2)) - int(m.group(1)) + 1
    ahead = re.search(r"今后|未来|以后|next|coming|following", rel.phrase, re.I) is not None
    lo, hi = (year + 1, year + n) if ahead else (year - n + 1, year)
    return RelativeTime(rel.start, rel.end, _span(lo, hi), rel.phrase, span=True)


def resolve_phrase(phrase: str, doc_date: str | DocDate | None) -> str | None:
    """The period a phrase names against `doc_date` ("去年" → "2023" for a 2024 document), or None."""
    found = find_relative(phrase, doc_date)
    return found[0].period if found else None


def span_end(period: str) -> str:
    """The last year of a span ("2018-2022" → "2022"): a level reached over a span is dated at its end."""
    return period.rsplit("-", 1)[-1] if re.fullmatch(r"\d{4}-\d{4}", period) else period
