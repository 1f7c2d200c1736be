"""What a number is counted in: currencies, scale words, percent, count nouns and physical units.

Currencies and scale words are small closed sets, so they live in tables here (tested one by one); physical
units are open-ended, so pint decides whether a token after a number names one and how to spell it.
Count nouns are normalised to one plural form per kind of thing ("people" → "persons", "firms" →
"companies") so that counts of the same things can be added up across reports.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

# ---------------------------------------------------------------- currencies
CURRENCY_PREFIX: dict[str, str] = {
    "rmb": "CNY", "cny": "CNY", "usd": "USD", "us$": "USD", "us $": "USD", "$": "USD", "jpy": "JPY",
    "¥": "CNY", "￥": "CNY", "eur": "EUR", "€": "EUR", "krw": "KRW", "₩": "KRW", "twd": "TWD", "nt$": "TWD",
    "gbp": "GBP", "£": "GBP", "hkd": "HKD", "hk$": "HKD", "inr": "INR", "₹": "INR", "thb": "THB",
    "sgd": "SGD", "s$": "SGD", "vnd": "VND", "idr": "IDR", "myr": "MYR", "aud": "AUD", "a$": "AUD",
    "cad": "CAD", "chf": "CHF", "php": "PHP",
}  # fmt: skip
"""Currency markers printed before the number. "¥" is read as yuan: in reports on China it almost always is;
"JPY"/"yen" are unambiguous."""

CURRENCY_SUFFIX: dict[str, str] = {
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "dollars": "USD", "dollar": "USD", "us dollars": "USD",
    "u.s. dollars": "USD", "yen": "JPY", "euros": "EUR", "euro": "EUR", "won": "KRW", "baht": "THB",
    "pounds sterling": "GBP", "rupees": "INR", "usd": "USD", "jpy": "JPY", "eur": "EUR", "cny": "CNY",
    "元": "CNY", "人民币": "CNY", "元人民币": "CNY", "美元": "USD", "日元": "JPY", "欧元": "EUR", "韩元": "KRW",
    "英镑": "GBP", "港元": "HKD", "港币": "HKD", "新台币": "TWD",
}  # fmt: skip

# ---------------------------------------------------------------- scales
SCALE_WORDS: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12, "hundred million": Decimal(10) ** 8, "ten thousand": Decimal(10) ** 4,
    "hundred thousand": Decimal(10) ** 5, "ten million": Decimal(10) ** 7, "hundred billion": Decimal(10) ** 11,
    "mn": Decimal(10) ** 6, "bn": Decimal(10) ** 9, "tn": Decimal(10) ** 12, "k": Decimal(10) ** 3,
    "m": Decimal(10) ** 6, "b": Decimal(10) ** 9,
}  # fmt: skip
"""English scale words. "k"/"m"/"b" count as scales only right after a currency amount ("USD 5m")."""

ABBREVIATED_SCALES = frozenset({"k", "m", "b"})

CN_SCALES: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10, "十亿": Decimal(10) ** 9,
    "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4, "千": Decimal(10) ** 3,
}  # fmt: skip

# ---------------------------------------------------------------- percent
PERCENTAGE_POINTS = "percentage points"
"""The unit of a change in a percentage (个百分点, "pp"), spelled out as the facts convention spells count units;
`sinoscope facts --unit pp` still finds it (`unit_alias`)."""
PERCENT_UNITS = frozenset({"%", PERCENTAGE_POINTS})
PERCENT_WORDS = ("%", "％", "percent", "per cent", "pct")
POINT_WORDS = (
    "percentage points", "percentage point", "% points", "% point", "pp", "p.p.", "ppt", "ppts",
    "个百分点", "百分点",
)  # fmt: skip

# ---------------------------------------------------------------- count nouns
_COUNT_SYNONYMS: dict[str, str] = {
    "people": "persons", "person": "persons", "persons": "persons", "individuals": "persons",
    "population": "persons", "inhabitants": "persons", "residents": "persons", "capita": "persons",
    "firms": "companies", "enterprises": "companies", "corporations": "companies", "company": "companies",
    "businesses": "companies",
    "agencies": "organizations", "organisations": "organizations", "institutions": "organizations",
    "entities": "organizations", "bodies": "organizations",
    "articles": "papers", "publications": "papers",
    "sets": "units", "unit": "units", "pieces": "units",
}  # fmt: skip
"""Words for the same kind of counted thing. A research article is counted as a paper; agencies and other
institutions as organizations (they are not companies); people in any role stay what the text calls them
("researchers"), only the generic words become "persons"."""

_IRREGULAR_PLURALS = {
    "child": "children", "man": "men", "woman": "women", "analysis": "analyses", "criterion": "criteria",
    "staff": "staff", "personnel": "personnel", "equipment": "equipment", "software": "software",
}  # fmt: skip
_PLURAL_ONLY = frozenset({"people", "staff", "personnel", "police", "population", "jin", "mu"})
"""Count words without a plural form; 斤 and 亩 keep their Chinese names in English too ("1.3 trillion jin")."""
_NOT_COUNT_NOUNS = frozenset({
    "times", "levels", "terms", "others", "cases", "ways", "means", "percent", "points", "this", "thus",
    "has", "was", "is", "as", "its", "his", "yes", "less", "unless", "plus", "minus", "versus", "across",
    "whereas", "various", "previous", "serious", "numerous", "famous", "us", "basis",
    "analysis", "crisis", "thesis", "status", "process", "access", "success", "business", "progress",
    "address", "class", "gross", "loss", "mass", "express", "stress", "does", "goes", "gas",
    "focus", "bus", "campus", "census", "consensus", "bonus", "virus", "corpus", "nexus", "apparatus",
    "accounts", "remains", "shows", "reaches", "includes", "represents", "totals", "exceeds", "stands",
    "ranks", "seems", "appears", "makes", "takes", "increases", "decreases", "rises", "falls", "grows",
    "comes", "becomes", "holds", "gives", "leads", "owns", "invests", "amounts", "returns", "results",
    "needs", "lags", "trails", "outpaces", "equals", "surpasses", "lies", "varies", "applies",
})  # fmt: skip
"""Words ending in "s" that follow numbers without being what is counted ("three times", "45 levels")."""

DURATION_WORDS = {
    "year": "years", "years": "years", "month": "months", "months": "months", "day": "days", "days": "days",
    "week": "weeks", "weeks": "weeks", "hour": "hours", "hours": "hours", "decade": "decades",
    "decades": "decades",
}  # fmt: skip

EN_INVARIABLE_COUNTS = {"teu": "TEU", "teus": "TEU"}
"""Count units English writes in the singular after any number ("3.3 million TEU"): a count noun is otherwise
read only in the plural."""

CN_MEASURE_WORDS: dict[str, str] = {
    "家": "companies", "人": "persons", "名": "persons", "位": "persons", "人次": "person-times",
    "人/年": "person-years", "人·年": "person-years", "人年": "person-years",
    "篇": "papers", "件": "items", "项": "items", "台": "units", "套": "units", "辆": "vehicles",
    "所": "organizations", "座": "facilities", "个": "items", "种": "kinds", "条": "items", "部": "units",
    "颗": "units", "片": "wafers", "场": "sessions", "场次": "sessions", "户": "households", "类": "categories",
    "大": "items", "列": "trains",
    "年": "years", "个月": "months", "天": "days", "倍": "times",
}  # fmt: skip
"""Chinese measure words and what they count when no noun follows; a known noun after them wins. 大 counts like
one in 三大平台 ("three major platforms") and is read only before a noun (`q_scan`)."""

CN_PHYSICAL_UNITS: dict[str, str] = {
    "千瓦时": "kWh", "千瓦": "kW", "兆瓦": "MW", "吉瓦": "GW", "平方公里": "km²", "平方米": "m²",
    "公里": "km", "千米": "km", "公顷": "ha", "亩": "mu", "公斤": "kg", "千克": "kg", "吨": "t", "斤": "jin",
    "小时": "hours", "分钟": "minutes", "标准箱": "TEU",
}  # fmt: skip
"""Chinese physical units after a number (and its scale: "1.3万亿斤", "12亿千瓦"); 斤 and 亩 keep their
Chinese names (jin, mu), as statistics report them. 标准箱 is the twenty-foot container (TEU) that port
throughput is counted in."""

CN_COUNT_NOUNS: dict[str, str] = {
    "企业": "companies", "公司": "companies", "厂商": "companies", "机构": "organizations",
    "单位": "organizations", "高校": "universities", "大学": "universities", "行业": "industries",
    "产业": "industries", "产品": "products", "论文": "papers", "专利": "patents", "项目": "projects",
    "国家": "countries", "城市": "cities", "研究人员": "researchers", "科研人员": "researchers",
    "人员": "persons", "工人": "persons", "学生": "persons", "机器人": "robots", "基站": "base stations",
    "纳税人": "persons", "人口": "persons", "毕业生": "persons", "农民工": "persons", "职工": "persons",
    "居民": "persons", "劳动力": "persons", "就业人员": "persons", "商品": "products", "货物": "products",
    "工厂": "factories", "园区": "parks", "实验室": "laboratories", "中心": "centers", "领域": "fields",
    "部门": "departments", "平台": "platforms", "方面": "aspects", "县": "counties", "区县": "counties",
    "法律": "laws", "法规": "regulations", "行政法规": "regulations", "政策": "policies", "文件": "documents",
    "学校": "schools", "医院": "hospitals", "村": "villages", "乡镇": "townships", "家庭": "households",
    "农户": "households", "服务": "services", "事项": "matters", "标准": "standards", "课程": "courses",
    "小区": "residential compounds", "社区": "communities", "街道": "subdistricts", "议案": "bills",
    "法律案": "bills", "市场主体": "market entities", "经营主体": "market entities", "商户": "merchants",
    "门店": "stores", "网点": "outlets", "基地": "bases", "集群": "clusters", "开发区": "development zones",
    "示范区": "demonstration zones", "试验区": "pilot zones", "港口": "ports", "机场": "airports",
    "床位": "beds", "岗位": "jobs", "工作日": "working days", "充电桩": "charging points", "模块": "modules",
    "场馆": "venues",
}  # fmt: skip


def normalise_count_noun(word: str, value: Decimal | None = None) -> str:
    """The plural form a count is recorded in: "people" → "persons", "company" → "companies", "ICs" → "ICs"."""
    w = word.strip()
    if not w:
        return w
    if w.isupper() or (len(w) > 1 and w[:-1].isupper() and w[-1] == "s"):
        return w if w.endswith("s") or not w[-1].isalpha() else w + "s"
    low = w.lower()
    if low in _COUNT_SYNONYMS:
        return _COUNT_SYNONYMS[low]
    if low in DURATION_WORDS:
        return DURATION_WORDS[low]
    if low in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[low]
    if looks_plural(low) or low in _PLURAL_ONLY:
        return low
    return pluralise(low)


def pluralise(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def looks_plural(word: str) -> bool:
    """A plural count noun, judged by its shape; verbs and adjectives ending in "s" are listed out."""
    low = word.lower()
    if low in _PLURAL_ONLY:
        return True
    if low in _NOT_COUNT_NOUNS or len(low) < 3:
        return False
    if low.endswith(("ss", "us", "is", "ous", "'s", "’s")):
        return False
    return low.endswith("s")


# ---------------------------------------------------------------- physical units (pint)
PHYSICAL_UNIT_RE = re.compile(
    r"(?:nanomet(?:er|re)s?|micromet(?:er|re)s?|microns?|millimet(?:er|re)s?|centimet(?:er|re)s?"
    r"|kilomet(?:er|re)s?|inch(?:es)?|nm|μm|µm|mm|cm|km|[kMGT]W[h]?|kWh|[MGT]Hz|Hz|[MGTP]B"
    r"|kg|tonnes?|tons?|Mt|gigawatts?|megawatts?|kilowatts?|terawatt[- ]hours?|kilowatt[- ]hours?"
    r"|square (?:meters|metres|kilometers|kilometres)|km²|m²|°C"
    r"|[EPT]FLOPS|[EPT]flops|(?:exa|peta|tera)(?:FLOPS|flops|flop/s))(?![\w])"
)
"""Tokens that may name a physical unit; pint then has to agree (and gives the canonical spelling)."""


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


COMPUTE_UNITS = {"e": "exaflops", "exa": "exaflops", "p": "petaflops", "peta": "petaflops", "t": "teraflops",
                 "tera": "teraflops"}  # fmt: skip
"""Computing power (算力), as AI and data-centre plans state it: "230 EFLOPS", "9.8 exaflops". pint has no FLOPS;
the units keep their prefix (an exaflops figure is not rescaled to petaflops), spelled as English prose does."""
_COMPUTE = re.compile(r"(?P<prefix>[EPT]|exa|peta|tera)(?:FLOPS|flops|flop/s)", re.IGNORECASE)


@lru_cache(maxsize=256)
def physical_unit(token: str) -> str | None:
    """Canonical symbol of a physical unit ("nanometers" → "nm", "inches" → "inch"), None if pint disagrees."""
    if compute := _COMPUTE.fullmatch(token):
        return COMPUTE_UNITS[compute.group("prefix").lower()]
    text = token.replace("²", "**2").replace("μ", "µ").replace("-", " ")
    text = re.sub(r"^square (\w+)$", r"\1**2", text)
    text = re.sub(r"(\w)\s+hours?$", r"\1_hour", text)
    try:
        unit = _registry().Unit(text.replace(" ", "_"))
    except Exception:  # pint raises several unrelated error types for unknown names
        return None
    if unit.dimensionless and not re.fullmatch(r"[MGTP]B", token):
        return None
    symbol = f"{unit:~}"
    return {"in": "inch", "µ": "µm", "ton": "t"}.get(symbol, symbol)


_UNIT_ALIASES = {"pp": PERCENTAGE_POINTS, "p.p.": PERCENTAGE_POINTS, "percent": "%", "rmb": "CNY", "yuan": "CNY"}


def unit_alias(unit: str) -> str:
    """The unit a user's filter means: "pp" (the abbreviation facts carried before they spelled it out), "rmb"."""
    return _UNIT_ALIASES.get(unit.strip().lower(), unit.strip())
