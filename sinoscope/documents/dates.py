"""Dates as documents print them — "2024年3月5日", "March 5, 2024", "5 March 2024", "MARCH 2024",
"2024-03-05" — as ISO text at the precision printed ("2024-03-05", "2024-03", "2024").

Impossible dates ("2024-02-30") are not dates. Pure functions, shared by the title-block reader, the
front-matter reader and the `--date` option.
"""

from __future__ import annotations

import datetime as dt
import re

ZH_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_ZH_DATE_LINE = re.compile(rf"^{ZH_DATE.pattern}$")
# Official documents often sign with Chinese numerals: "二〇二二年四月十四日".
_ZH_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "Ｏ": 0}
_ZH_NUMERAL_DATE = re.compile(
    r"([〇○零Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月(?:\s*([一二三四五六七八九十]{1,3})\s*日)?"
)
_ZH_NUMERAL_DATE_LINE = re.compile(rf"^{_ZH_NUMERAL_DATE.pattern}$")
_ISO_PREFIX = re.compile(r"^((?:19|20)\d\d)(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ISO_ONLY = re.compile(r"^((?:19|20)\d\d)(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_EN_DATES = (
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+(?P<year>(?:19|20)\d\d)$", re.I),
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>(?:19|20)\d\d)$", re.I),
    re.compile(rf"^{_MONTH},?\s+(?P<year>(?:19|20)\d\d)$", re.I),
    re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:[ T].*)?$"),
)


def iso_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO text at the precision given, or None for an impossible date."""
    try:
        if month is None:
            return f"{year:04d}"
        if day is None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_zh_date(text: str) -> str | None:
    m = ZH_DATE.search(text)
    if m:
        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    n = _ZH_NUMERAL_DATE.search(text)
    return _from_numerals(n) if n else None


def small_numeral(text: str) -> int | None:
    """一 … 九十九 (a month, a day, a table number); None for a malformed numeral ("三三")."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return _ZH_DIGIT[text] if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_ZH_DIGIT[tens] if tens else 1) * 10 + (_ZH_DIGIT[ones] if ones else 0)


def _from_numerals(m: re.Match[str]) -> str | None:
    year = int("".join(str(_ZH_DIGIT[c]) for c in m.group(1)))
    month = small_numeral(m.group(2))
    day = small_numeral(m.group(3)) if m.group(3) else None
    if month is None or (m.group(3) and day is None):
        return None
    return iso_date(year, month, day)


def parse_en_date(text: str) -> str | None:
    """A line that is only a date: "March 5, 2021", "5 March 2021", "MARCH 2021", "2021-03-05"."""
    s = text.strip().rstrip(".")
    for pattern in _EN_DATES:
        m = pattern.match(s)
        if not m:
            continue
        parts = m.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
        day = int(parts["day"]) if parts.get("day") else None
        return iso_date(int(parts["year"]), month, day)
    return None


def leading_date(text: str) -> str | None:
    """A date at the start of `text` (what follows a label such as "发布日期：" or "Received")."""
    s = text.strip()
    zh = ZH_DATE.match(s)
    if zh:
        return iso_date(int(zh.group(1)), int(zh.group(2)), int(zh.group(3)) if zh.group(3) else None)
    numerals = _ZH_NUMERAL_DATE.match(s)
    if numerals:
        return _from_numerals(numerals)
    for end in (m.end() for m in re.finditer(r"(?:\d{4}|\d{1,2}(?=\D|$))", s[:40])):
        when = parse_en_date(s[:end])
        if when:
            return when
    return None


def date_line(text: str) -> str | None:
    """The date when the whole line is one (Chinese or English), else None."""
    squeezed = re.sub(r"[\s\u3000]+", "", text)
    m = _ZH_DATE_LINE.match(squeezed)
    if m:
        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    n = _ZH_NUMERAL_DATE_LINE.match(squeezed)
    if n:
        return _from_numerals(n)
    return parse_en_date(" ".join(text.replace("\u3000", " ").split()))


def _from_match(m: re.Match[str]) -> str | None:
    return iso_date(int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None)


def any_date(value: str) -> str | None:
    """A date at the start of a metadata value: ISO ("2024-06-18 12:00:00 +0800" → "2024-06-18") or printed."""
    m = _ISO_PREFIX.match(value.strip())
    if m:
        return _from_match(m)
    return parse_en_date(value) or parse_zh_date(value)


def normalize_date_option(text: str) -> str:
    """ "2024", "2024-3", "2024-03-05" (or "2024年3月5日", "March 5, 2024") → ISO; ValueError otherwise."""
    s = text.strip()
    m = _ISO_ONLY.match(s)
    when = _from_match(m) if m else date_line(s)
    if when is None:
        raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return when
