"""How a quantity reads to a person: "RMB 204.1 bn", "about 20%", "6.3 per 10,000 people", "2,041亿元".

Raw values stay raw in JSON and CSV; every rendering for people (CLI tables, pages, chart labels, answer
cards) goes through `human_quantity`, so a figure never shows up as `2.041e+11 CNY` in one place and
`204,100,000,000` in another. Grouping and decimals come from Babel's locale data (English or Chinese);
the scale words are chosen here because analysts write "bn"/"tn" for money and 万/亿 in Chinese.
"""

from __future__ import annotations

import math

from babel.numbers import format_decimal

CURRENCY_PREFIX = {
    "CNY": "RMB",
    "USD": "USD",
    "EUR": "EUR",
    "JPY": "JPY",
    "KRW": "KRW",
    "TWD": "TWD",
    "HKD": "HKD",
    "GBP": "GBP",
}
CURRENCY_ZH = {
    "CNY": "元",
    "USD": "美元",
    "EUR": "欧元",
    "JPY": "日元",
    "KRW": "韩元",
    "TWD": "新台币",
    "HKD": "港元",
    "GBP": "英镑",
}
QUALIFIER_EN = {"~": "about", ">": "over", ">=": "at least", "<": "under", "<=": "at most"}
QUALIFIER_ZH = {"~": "约", ">": "超过", ">=": "不低于", "<": "低于", "<=": "不超过"}
PERCENT_UNITS = {
    "%": "%",
    "pp": " pp",
    "percentage points": " pp",
}  # "pp": facts stored before the unit was spelled out

_EN_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
_EN_COUNT_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_ZH_SCALES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))


def human_number(value: float, lang: str = "en", *, significant: int = 5) -> str:
    """A plain figure with locale grouping and at most `significant` significant digits after the
    integer part, never in exponent notation: 0.00899 → "0.00899", 25.60 → "25.6", 60000 → "60,000"."""
    if math.isnan(value) or math.isinf(value):
        return "–"
    locale = "zh_CN" if lang == "zh" else "en"
    magnitude = math.floor(math.log10(abs(value))) if value else 0
    # Figures of one and above keep at most two decimals; a small share needs three significant digits.
    decimals = min(max(0, significant - 1 - magnitude), 2) if abs(value) >= 1 else max(0, 2 - magnitude)
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return str(format_decimal(round(value, decimals), format=pattern, locale=locale))


def _scaled(value: float, scales: tuple[tuple[float, str], ...]) -> tuple[float, str]:
    for factor, word in scales:
        if abs(value) >= factor:
            return value / factor, word
    return value, ""


def _english(value: float, unit: str) -> str:
    if unit in PERCENT_UNITS:
        return f"{human_number(value)}{PERCENT_UNITS[unit]}"
    if unit in CURRENCY_PREFIX:
        mantissa, word = _scaled(value, _EN_SCALES)
        return f"{CURRENCY_PREFIX[unit]} {human_number(mantissa)}" + (f" {word}" if word else "")
    mantissa, word = _scaled(value, _EN_COUNT_SCALES) if abs(value) >= 1e7 else (value, "")
    text = human_number(mantissa) + (f" {word}" if word else "")
    return f"{text} {unit}".rstrip()


def _chinese(value: float, unit: str) -> str:
    if unit in PERCENT_UNITS:
        return human_number(value, "zh") + ("%" if unit == "%" else "个百分点")
    mantissa, word = _scaled(value, _ZH_SCALES)
    number = human_number(mantissa, "zh") + word
    if unit in CURRENCY_ZH:
        return number + CURRENCY_ZH[unit]
    return f"{number} {unit}".rstrip()


def human_quantity(
    value: float | None,
    unit: str | None = None,
    *,
    comparator: str | None = None,
    value_max: float | None = None,
    per: str | None = None,
    lang: str = "en",
) -> str:
    """One figure as an analyst would write it in a memo, qualifier and denominator included."""
    if value is None and value_max is None:
        return "–"
    render = _chinese if lang == "zh" else _english
    unit = unit or ""
    if value is not None and value_max is not None:
        low, high = render(value, unit), render(value_max, unit)
        text = f"{low}–{high}"
    else:
        text = render(value if value is not None else value_max, unit)  # type: ignore[arg-type]
    if per:
        text += f" 每{per}" if lang == "zh" else f" per {per}"
    qualifiers = QUALIFIER_ZH if lang == "zh" else QUALIFIER_EN
    word = qualifiers.get(comparator or "")
    if word:
        text = f"{word}{text}" if lang == "zh" else f"{word} {text}"
    return text
