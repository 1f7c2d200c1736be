"""Units, scales and periods stated by a table's caption, unit lines and row/column labels.

Reports print the unit once and let every cell inherit it: "(RMB hundred million)" above a table,
"IC manufacturing in China (RMB hundred million)" on a row, "Number of authors (persons)" or "2018 (%)" on a
column. A phrase counts as a unit only when *every* word in it is a unit word, a scale or a period;
"(Estimated)" or "(Monetary amount)" are left alone rather than guessed at.

The vocabulary (currencies, scale words, Chinese scales and measure words, count-noun spellings, physical
units through pint) is shared with the prose quantity extractor (`extraction.units`); what is table-specific
is the grammar of unit lines and labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from sinoscope.documents.zh_variants import to_simplified
from sinoscope.extraction import units as shared

CURRENCIES = frozenset({*shared.CURRENCY_PREFIX.values(), *shared.CURRENCY_SUFFIX.values()})


@dataclass(frozen=True)
class UnitSpec:
    unit: str | None = None
    """"%", "percentage points", an ISO 4217 code, a count noun ("companies") or a physical unit; None if only `per`."""
    scale: Decimal = Decimal(1)
    per: str | None = None
    """Denominator, as printed: "10,000 persons", "unit"."""
    qualifier: str | None = None
    """What the unit is for, from "(Investment amount: RMB 10,000)" → "Investment amount"."""

    @property
    def is_count(self) -> bool:
        return self.unit is not None and self.unit not in CURRENCIES and self.unit not in shared.PERCENT_UNITS

    @property
    def is_currency(self) -> bool:
        return self.unit in CURRENCIES


@dataclass(frozen=True)
class LabelInfo:
    """What one row or column label says about the cells under it."""

    unit: UnitSpec | None = None
    period: str | None = None
    count_noun: str | None = None
    """"companies" for "Number of companies": the cells are counts, whatever the table-wide unit says."""


_CURRENCY_WORDS = {
    k: v for k, v in {**shared.CURRENCY_PREFIX, **shared.CURRENCY_SUFFIX}.items() if k.isascii() and " " not in k
}
_SCALE_WORDS = {
    **{k: v for k, v in shared.SCALE_WORDS.items() if " " not in k and k not in shared.ABBREVIATED_SCALES},
    "ten": Decimal(10),
    "hundred": Decimal(100),
}
_SCALE_WORDS.update({k + "s": v for k, v in list(_SCALE_WORDS.items()) if len(k) > 2})
_FILLER = frozenset({"in", "unit", "units:"})
_NOT_COUNTS = frozenset({"others", "totals", "notes", "sources", "yes", "its", "this", "as", "times", "levels"})

_CN_SCALE = {**shared.CN_SCALES, "百": Decimal(100)}
_CN_UNIT = {
    **{k: v for k, v in shared.CURRENCY_SUFFIX.items() if not k.isascii()},
    **{k: v for k, v in shared.CN_MEASURE_WORDS.items() if v not in shared.DURATION_WORDS.values() and k != "倍"},
}
_CN_RE = re.compile(
    "^(?P<scale>" + "|".join(sorted(_CN_SCALE, key=len, reverse=True)) + ")?"
    "(?P<unit>" + "|".join(sorted(_CN_UNIT, key=len, reverse=True)) + ")?$"
)

_POWER_OF_TEN = re.compile(r"^1(?:0{1,3}(?:,0{3})*|0+)$")
_PERIOD = re.compile(
    r"^(?:FY\s?|CY\s?)?(?P<a>(?:19|20)\d{2})(?:\s*(?:[-–—~]|to)\s*(?:FY\s?)?(?P<b>(?:19|20)\d{2}))?"
    r"\s*(?:年度|年|FY)?$",
    re.IGNORECASE,
)
_AS_OF = re.compile(r"^(?:as\s+of|at\s+end(?:\s+of)?|end(?:\s+of)?)\s+(?:\w+\s+)?(?P<a>(?:19|20)\d{2})$", re.I)
_PAREN = re.compile(r"[(（]([^()（）]*)[)）]")
_UNIT_CLAUSE = re.compile(r"(?:\bUnits?|单位)\s*[:：]\s*(?P<rest>[^()（）]+)", re.IGNORECASE)
_NUMBER_OF = re.compile(r"^(?:(?:total|the)\s+)?(?:number|no\.|count)\s+of\s+(?P<rest>.+)$", re.IGNORECASE)
_CUT = re.compile(
    r"\s(?:of|in|by|for|per|from|with|at|on|under|to|held|owned|registered|used)\b|[(,;:（]", re.IGNORECASE
)
_PER_TAIL = re.compile(r"\bper\s+(?P<per>(?:[\d,.]+\s+)?[A-Za-z][\w\s-]*?)\s*$", re.IGNORECASE)


def period_of(text: str) -> str | None:
    """ "2018" → "2018"; "FY2022" → "2022"; "2021–2025" → "2021-2025"; "as of 2018" → "2018"; else None."""
    t = to_simplified(text.strip())  # 年 and 年度 in either script
    m = _PERIOD.match(t)
    if m:
        return f"{m.group('a')}-{m.group('b')}" if m.group("b") else m.group("a")
    m = _AS_OF.match(t)
    return m.group("a") if m else None


_YEAR_ROLE = re.compile(
    r"^(?:(?P<a>(?:19|20)\d{2})\s*年?(?P<tail>[^\d]{1,12})|(?P<head>[^\d]{1,12}?)\s*(?P<b>(?:19|20)\d{2})\s*年?)$"
)
_NOT_A_YEAR_ROLE = re.compile(r"以来|以前|之前|以后|前|后|since|until|through|before|after|from", re.IGNORECASE)


def role_period(text: str) -> str | None:
    """The year of a column label that joins one year to a short role word: "2020年基期值", "2025年目标值",
    "2025 target", "Target 2030". Plans and mid-term reviews head their indicator tables this way, and the
    cells under such a label are that year's figures. A span word ("2021年以来", "since 2020") is no year."""
    m = _YEAR_ROLE.match(text.strip())
    if m is None or _NOT_A_YEAR_ROLE.search(m.group("tail") or m.group("head") or ""):
        return None
    return m.group("a") or m.group("b")


def parse_unit_phrase(text: str) -> UnitSpec | None:
    """A unit phrase without brackets ("RMB hundred million", "100 million RMB", "%", "persons",
    "USD 1000 / unit", "per 10,000 persons", "亿元"); None unless every word is a unit word."""
    t = " ".join(text.split())
    if not t:
        return None
    low = t.lower()
    if low.startswith("per "):
        return UnitSpec(per=t[4:].strip()) if t[4:].strip() else None
    if "/" in t:
        left, _, right = t.partition("/")
        base = parse_unit_phrase(left) if left.strip() else None
        if base is None or base.per is not None or not right.strip():
            return None
        return replace(base, per=right.strip())
    m = re.match(r"^(?P<left>.+?)\s+per\s+(?P<right>.+)$", t, re.IGNORECASE)
    if m:
        base = parse_unit_phrase(m.group("left"))
        return replace(base, per=m.group("right").strip()) if base and base.per is None else None
    for phrase in shared.PERCENT_WORDS:
        if low == phrase or low.startswith(phrase + " of ") or low.startswith(phrase + " ("):
            return UnitSpec(unit="%")
    if low in shared.POINT_WORDS or low == "points":
        return UnitSpec(unit=shared.PERCENTAGE_POINTS)
    cn = _CN_RE.match(t.replace(" ", ""))
    if cn and (cn.group("scale") or cn.group("unit")):
        scale = _CN_SCALE.get(cn.group("scale") or "", Decimal(1))
        return UnitSpec(unit=_CN_UNIT.get(cn.group("unit") or ""), scale=scale)
    return _english_phrase(t)


def _english_phrase(t: str) -> UnitSpec | None:
    spaced = re.sub(r"(US\$|NT\$|\$|€|£)", r" \1 ", t)
    tokens = spaced.split()
    unit: str | None = None
    scale = Decimal(1)
    saw_scale = False
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if low in _FILLER and i == 0:
            continue
        if low in _CURRENCY_WORDS:
            code = _CURRENCY_WORDS[low]
            if unit is not None and unit != code:
                return None
            unit = code
        elif low in ("us", "u.s.") and i + 1 < len(tokens) and tokens[i + 1].lower().startswith("dollar"):
            continue
        elif low in _SCALE_WORDS:
            scale *= _SCALE_WORDS[low]
            saw_scale = True
        elif _POWER_OF_TEN.match(tok):
            scale *= Decimal(tok.replace(",", ""))
            saw_scale = True
        elif unit is None and i == len(tokens) - 1 and (noun := _count_or_physical(tok)):
            unit = noun
        else:
            return None
    if unit is None and not saw_scale:
        return None
    return UnitSpec(unit=unit, scale=scale)


def _count_or_physical(token: str) -> str | None:
    low = token.lower().strip(".")
    if shared.PHYSICAL_UNIT_RE.fullmatch(token):
        return shared.physical_unit(token)
    return _count_word(low)


def _count_word(low: str) -> str | None:
    """A plural noun that names what is counted, spelled as the prose extractor spells it."""
    if low in ("people", "person", "staff", "personnel"):
        return "persons"
    if not re.fullmatch(r"[a-z][a-z-]+", low) or low in _NOT_COUNTS:
        return None
    if low.endswith("s") and len(low) >= 4 and not low.endswith(("ss", "us", "is")):
        return shared.normalise_count_noun(low) if shared.looks_plural(low) else low
    return None


def parse_segment(text: str) -> tuple[UnitSpec | None, str | None] | None:
    """One comma-separated part of a unit statement: a unit, a period, or "qualifier: unit".

    Returns None when the part is neither (so the whole statement is not a unit statement).
    """
    t = text.strip().rstrip(".")
    if not t:
        return None
    period = period_of(t)
    if period:
        return None, period
    qualifier = None
    m = re.match(r"^(?P<q>[^:：]+)[:：]\s*(?P<rest>.+)$", t)
    if m:
        q = m.group("q").strip()
        t = m.group("rest").strip()
        if q.lower() not in ("unit", "units", "单位", "currency"):
            qualifier = q
    spec = parse_unit_phrase(t)
    if spec is None:
        return None
    return replace(spec, qualifier=qualifier), None


def parse_statement(text: str) -> tuple[list[UnitSpec], str | None] | None:
    """ "Unit: companies, RMB 10,000" / "2019, 100 million RMB" / "Investment amount: RMB 10,000".

    Statements joined by a semicolon are read one by one and those that are no unit statement are passed
    over: "(EUR million; change on 2024)" states the unit of the amount columns and describes the change
    columns, whose cells print their own "%"."""
    if re.search(r"[;；]", text):
        read = [x for x in (_one_statement(p) for p in re.split(r"[;；]", text)) if x is not None]
        if not read or not any(specs for specs, _ in read):
            return None
        return [s for specs, _ in read for s in specs], next((p for _, p in read if p), None)
    return _one_statement(text)


def _one_statement(text: str) -> tuple[list[UnitSpec], str | None] | None:
    t = text.strip()
    m = re.match(r"^(?:Units?|单位)\s*[:：]\s*(?P<rest>.+)$", t, re.IGNORECASE)
    if m:
        t = m.group("rest")
    specs: list[UnitSpec] = []
    period: str | None = None
    for part in re.split(r"[,，、]\s*(?!\d{3}\b)", t):
        parsed = parse_segment(part)
        if parsed is None:
            return None
        spec, per = parsed
        if spec is not None:
            specs.append(spec)
        period = period or per
    return specs, period


def unit_line(text: str) -> list[UnitSpec]:
    """Units stated by a note line or a caption: "(RMB hundred million)", "Unit: 10,000 papers",
    "(Investment amount: RMB 10,000)", "单位：亿元" (or 單位：億元). Empty when the text states none."""
    t = to_simplified(text.strip())
    found: list[UnitSpec] = []
    whole = re.fullmatch(r"[(（](.*)[)）]", t)
    candidates = [whole.group(1)] if whole else []
    if not whole:
        candidates += [m.group(1) for m in _PAREN.finditer(t)]
        candidates += [m.group("rest") for m in _UNIT_CLAUSE.finditer(t)]
        candidates.append(t)
    for c in candidates:
        if c is t and found:
            break  # the whole line is only a last resort ("RMB hundred million" printed bare)
        parsed = parse_statement(c)
        if parsed:
            found.extend(s for s in parsed[0] if s not in found)
    return found


def count_noun(label: str) -> str | None:
    """ "Number of companies" → "companies";
    "Number of 5G base stations per 10,000 population" → "stations"."""
    m = _NUMBER_OF.match(label.strip())
    if not m:
        return None
    head: str = _CUT.split(m.group("rest"), maxsplit=1)[0]
    words: list[str] = re.findall(r"[A-Za-z][A-Za-z-]*", head)
    for w in reversed(words):
        noun = _count_word(w.lower())
        if noun:
            return noun
    return None


def label_info(label: str) -> LabelInfo:
    """Units, period and count noun one label carries (Traditional characters read as Simplified)."""
    label = to_simplified(label)
    specs: list[UnitSpec] = []
    period: str | None = None
    for m in _PAREN.finditer(label):
        parsed = parse_statement(m.group(1))
        if parsed:
            specs.extend(parsed[0])
            period = period or parsed[1]
    bare = _PAREN.sub(" ", label).strip()
    if bare:
        period = period or period_of(bare) or role_period(bare)
        whole = parse_unit_phrase(bare)
        measure = whole is not None and _chinese_measure(bare)
        if not specs and whole is not None and whole.unit is not None and (not whole.is_count or measure):
            specs.append(whole)  # "亿元", "%"; a count only as a Chinese measure word ("万辆", "家"), never "Companies"
        elif specs and whole is not None and measure and all(x.scale == 1 and x.is_count for x in specs):
            specs = [replace(x, scale=whole.scale) for x in specs]  # "万台（套）": the bracket names a second measure
    noun = count_noun(bare) if bare else None
    per_tail = _PER_TAIL.search(bare) if bare and not any(s.per for s in specs) else None
    unit = _merge(specs)
    if per_tail is not None and noun is not None:
        unit = replace(unit or UnitSpec(), per=per_tail.group("per").strip())
    if unit is not None and unit.unit is None:
        unit = replace(unit, unit=noun)
    return LabelInfo(unit=unit, period=period, count_noun=noun)


def _chinese_measure(text: str) -> bool:
    """A label that is nothing but a Chinese scale and measure word, as a plan's 单位 column prints it: a row
    is never labelled 家 or 万辆 for any other reason, unlike an English "Companies" row."""
    compact = text.replace(" ", "")
    return not compact.isascii() and bool(_CN_RE.match(compact))


def _merge(specs: list[UnitSpec]) -> UnitSpec | None:
    """Several unit parts of one label: "(USD 1000)" and "(per unit)" make one unit with a denominator."""
    if not specs:
        return None
    units = [s for s in specs if s.unit is not None]
    base = units[0] if units else specs[0]
    per = next((s.per for s in specs if s.per), None)
    return replace(base, per=per) if per else base
