"""What a figure is counted in: currencies, scale words, percent, counts, ranges, qualifiers, signs, per-units.

Every sentence here is made up; each case is given in English and in Chinese where Chinese writes it differently.
"""

from __future__ import annotations

import math

import pytest

from sinoscope.extraction.model import Quantity
from sinoscope.extraction.quantities import extract_quantities


def _found(text: str) -> list[tuple[str, float, str]]:
    qs = extract_quantities(text)
    for q in qs:
        assert text[q.start : q.end] == q.text  # every figure points at its exact characters
    return [(q.text, q.value, q.unit) for q in qs]


def _one(text: str) -> Quantity:
    qs = extract_quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


def _same(got: list[tuple[str, float, str]], want: list[tuple[str, float, str]]) -> None:
    assert [(t, u) for t, _, u in got] == [(t, u) for t, _, u in want]
    for (_, a, _), (_, b, _) in zip(got, want, strict=True):
        assert math.isclose(a, b, rel_tol=1e-9), (a, b)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The grant was RMB 36 billion, the loan 350 yuan and the fee CNY 12.",
            [("RMB 36 billion", 36e9, "CNY"), ("350 yuan", 350, "CNY"), ("CNY 12", 12, "CNY")],
        ),
        (
            "Imports cost USD 432.6 billion, US$3 million and $12 billion, and 5 dollars each.",
            [("USD 432.6 billion", 432.6e9, "USD"), ("US$3 million", 3e6, "USD"), ("$12 billion", 12e9, "USD"),
             ("5 dollars", 5, "USD")],
        ),
        (
            "Tokyo paid JPY 5,000 and 250.2 billion yen; Brussels gave EUR 2 million and €3.5 billion.",
            [("JPY 5,000", 5000, "JPY"), ("250.2 billion yen", 250.2e9, "JPY"), ("EUR 2 million", 2e6, "EUR"),
             ("€3.5 billion", 3.5e9, "EUR")],
        ),
        (
            "投资人民币500万元，进口1200亿美元，出口3万亿日元，另有20亿欧元。",
            [("人民币500万元", 5e6, "CNY"), ("1200亿美元", 1.2e11, "USD"), ("3万亿日元", 3e12, "JPY"),
             ("20亿欧元", 2e9, "EUR")],
        ),
    ],
)  # fmt: skip
def test_currencies(text: str, want: list[tuple[str, float, str]]) -> None:
    _same(_found(text), want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Sales were RMB 1.2 thousand.", ("RMB 1.2 thousand", 1200.0, 1e3)),
        ("Sales were RMB 7 million.", ("RMB 7 million", 7e6, 1e6)),
        ("Sales were RMB 98.72 billion.", ("RMB 98.72 billion", 98.72e9, 1e9)),
        ("Sales were 2 trillion yuan.", ("2 trillion yuan", 2e12, 1e12)),
        ("Sales were RMB 5 hundred million.", ("RMB 5 hundred million", 5e8, 1e8)),
        ("Sales were RMB 10,000.", ("RMB 10,000", 1e4, 1.0)),
        ("Sales were USD 5bn.", ("USD 5bn", 5e9, 1e9)),
        ("销售额为3.5万亿元。", ("3.5万亿元", 3.5e12, 1e12)),
        ("销售额为1200亿元。", ("1200亿元", 1.2e11, 1e8)),
        ("销售额为86万元。", ("86万元", 8.6e5, 1e4)),
        ("销售额为三千五百亿元。", ("三千五百亿元", 3.5e11, 1e8)),
    ],
)
def test_scale_words(text: str, want: tuple[str, float, float]) -> None:
    q = _one(text)
    assert (q.text, q.scale) == (want[0], want[2])
    assert math.isclose(q.value, want[1], rel_tol=1e-12)


def test_scale_letters_need_a_currency() -> None:
    # "5 m" could be metres; "USD 5m" cannot
    assert _one("The budget was USD 5m.").value == 5e6
    assert _found("The wall is 5 m high and 3 k away.") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The share was 25.6% in 2021.", ("25.6%", 25.6, "%")),
        ("The share was 25.6 percent.", ("25.6 percent", 25.6, "%")),
        ("The share was 25.6 per cent.", ("25.6 per cent", 25.6, "%")),
        ("The share rose 3 percentage points.", ("3 percentage points", 3, "percentage points")),
        ("The share rose 1.5 pp.", ("1.5 pp", 1.5, "percentage points")),
        ("占比为25.6%。", ("25.6%", 25.6, "%")),
        ("占比为25.6％。", ("25.6％", 25.6, "%")),
        ("占比为百分之五十。", ("百分之五十", 50, "%")),
        ("占比提高2个百分点。", ("2个百分点", 2, "percentage points")),
    ],
)
def test_percentages_and_points(text: str, want: tuple[str, float, str]) -> None:
    _same(_found(text), [want])


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The fund drew on 16 national agencies.", ("16", 16, "organizations")),
        ("The roadmap covers 56 products and industries.", ("56", 56, "products")),
        ("Ten industries are listed as priorities.", ("Ten", 10, "industries")),
        ("It invested in 25 investment companies.", ("25", 25, "companies")),
        ("Some 1,200 people and 3 million users joined.", None),
        ("The survey covered 440,000 articles.", ("440,000", 440_000, "papers")),
        ("A total of 300 firms applied.", ("300", 300, "companies")),
        ("共有300家企业参与。", ("300", 300, "companies")),
        ("共有三家公司参与。", ("三", 3, "companies")),
        ("共有两百名研究人员。", ("两百", 200, "researchers")),
        ("共安装了5000台机器人。", ("5000", 5000, "robots")),
    ],
)
def test_counts_take_their_noun(text: str, want: tuple[str, float, str] | None) -> None:
    if want is None:
        _same(_found(text), [("1,200", 1200, "persons"), ("3 million", 3e6, "users")])
    else:
        _same(_found(text), [want])


def test_the_number_of_names_what_a_bare_figure_counts() -> None:
    q = _one("The number of companies in the portfolio fell to 74 in January 2024.")
    assert (q.value, q.unit, q.period) == (74, "companies", "2024-01")


def test_numbers_without_any_unit_are_not_facts() -> None:
    assert _found("He scored 74 and ranked 3rd among 5G vendors.") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Growth of 5%-7% is planned.", ("5%-7%", 5, 7, "%")),
        ("Growth of 5-7% is planned.", ("5-7%", 5, 7, "%")),
        ("Growth of 5 to 7 percent is planned.", ("5 to 7 percent", 5, 7, "%")),
        ("Growth of between 5% and 7% is planned.", ("5% and 7%", 5, 7, "%")),
        ("Investment of RMB 5-10 billion is planned.", ("RMB 5-10 billion", 5e9, 10e9, "CNY")),
        ("Training takes 3-7 days.", ("3-7", 3, 7, "days")),  # a count's noun is its unit, not its text
        ("计划增长5%～7%。", ("5%～7%", 5, 7, "%")),
        ("计划增长5%至7%。", ("5%至7%", 5, 7, "%")),
        ("计划投资5-10亿元。", ("5-10亿元", 5e8, 10e8, "CNY")),
    ],
)
def test_ranges(text: str, want: tuple[str, float, float, str]) -> None:
    q = _one(text)
    assert (q.text, q.value, q.value_max, q.unit) == want


def test_a_change_is_two_figures_not_a_range() -> None:
    got = _found("The rate rose from 12.7% in 2014 to 25.6% in 2021, and 5% and 7% in two other cases.")
    assert [t for t, _, _ in got] == ["12.7%", "25.6%", "5%", "7%"]
    assert all(q.value_max is None for q in extract_quantities("from 12.7% in 2014 to 25.6% in 2021"))


@pytest.mark.parametrize(
    ("text", "surface", "approx"),
    [
        ("It had about 30 firms.", "30", "about"),
        ("It had approximately 260,000 units.", "260,000", "about"),
        ("It had more than 80% of sales.", "80%", "more than"),
        ("Growth was >7% a year.", "7%", "more than"),
        ("Growth was under 3%.", "3%", "less than"),
        ("It hired at least 15 engineers.", "15", "at least"),
        ("It covers up to 40% of costs.", "40%", "at most"),
        ("It reached nearly 2 million people.", "2 million", "nearly"),
        ("约有30家企业。", "30", "about"),
        ("超过80%的产品。", "80%", "more than"),
        ("增长7%以上。", "7%", "at least"),
        ("共有300多家企业。", "300", "more than"),
        ("误差在5%左右。", "5%", "about"),
    ],
)
def test_approximations(text: str, surface: str, approx: str) -> None:
    q = _one(text)
    assert (q.text, q.approx) == (surface, approx)  # the qualifier is recorded, not made part of the figure


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Growth was -5.3% in 2019.", "-5.3%", -5.3),
        ("Growth was – 3.2% in 2020.", "– 3.2%", -3.2),
        ("The change (−2.1%) was small.", "−2.1%", -2.1),
        ("Profit was (– 86.0%) of the plan.", "– 86.0%", -86.0),
        ("利润增长-3.2%。", "-3.2%", -3.2),
    ],
)
def test_negative_values(text: str, surface: str, value: float) -> None:
    q = _one(text)
    assert (q.text, q.value) == (surface, value)


def test_scale_after_a_suffix_currency_table_dialect() -> None:
    q = _one("Net profit was – 86.0 RMB hundred million in 2018.")
    assert (q.text, q.value, q.unit, q.scale) == ("– 86.0 RMB hundred million", -8.6e9, "CNY", 1e8)


def test_a_bracketed_money_unit_after_a_bare_figure() -> None:
    q = _one("Net income was – 86.0 (RMB hundred million) that year.")
    assert (q.value, q.unit, q.scale) == (-8.6e9, "CNY", 1e8)
    assert extract_quantities("There were 80 (companies) listed in (2019).") == []


def test_a_dash_between_figures_is_not_a_sign() -> None:
    assert [q.value for q in extract_quantities("Margins of 5% – 7% were seen; the share fell 3% — 2% less.")] == [
        5,
        3,
        2,
    ]


@pytest.mark.parametrize(
    ("text", "surface", "unit", "per"),
    [
        ("There were 6.3 patents per 10,000 persons.", "6.3", "patents", "10,000 persons"),
        ("High-value patents per 10,000 people will reach 12 patents.", "12", "patents", "10,000 persons"),
        ("Income was USD 12,000 per capita.", "USD 12,000", "USD", "person"),
        ("The price is RMB 300 per unit.", "RMB 300", "CNY", "unit"),
        ("每万人口高价值发明专利拥有量达到12件。", "12", "items", "10,000 persons"),
    ],
)
def test_per_capita_units(text: str, surface: str, unit: str, per: str) -> None:
    q = _one(text)  # the denominator's 10,000 is not a figure of its own
    assert (q.text, q.unit, q.per) == (surface, unit, per)


def test_physical_units_come_from_pint() -> None:
    got = _found("The fab makes 28nm chips on 300 mm wafers and draws 10 GW.")
    assert [(t, u) for t, _, u in got] == [("28nm", "nm"), ("300 mm", "mm"), ("10 GW", "GW")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("It broke through 21 of the 35 major “bottlenecks”.", [("21", "bottlenecks"), ("35", "bottlenecks")]),
        ("It draws on more than 100 of its institutes.", [("100", "institutes")]),
        ("There are 16 midstream industrial robot body manufacturers.", [("16", "manufacturers")]),
        ("It cultivates 43 designated “double first-class” universities.", [("43", "universities")]),
        ("The plant made 30 million ICs.", [("30 million", "ICs")]),
        ("It has a population of 1.4 billion.", [("1.4 billion", "persons")]),
        ("人口14亿。", [("14亿", "persons")]),
        (
            "The number of industrial robots installed grew from 159,000 in 2012 to 553,000 in 2022.",
            [("159,000", "robots"), ("553,000", "robots")],
        ),
        (
            "China published 440,000 articles, surpassing the United States with about 420,000 (Figure 4-4).",
            [("440,000", "papers"), ("420,000", "papers")],
        ),
        ("Newly created urban jobs totalled 512,000 in the first nine months.", [("512,000", "jobs")]),
        ("New urban jobs reached 1.2 million.", [("1.2 million", "jobs")]),
        ("Robot installations rose to about 290,000 in 2023.", [("290,000", "installations")]),
        ("Exports reached 12,000 in 2025.", []),  # an amount that lost its currency: no count
        ("The port handled 3.3 million TEU in 2024.", [("3.3 million", "TEU")]),  # a singular count unit
    ],
)
def test_what_a_count_counts_from_its_sentence(text: str, want: list[tuple[str, str]]) -> None:
    assert [(t, u) for t, _, u in _found(text)] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Chinese noun phrases are head-final: the last noun of a short compound is what is counted
        ("全省108个贫困县全部退出。", [("108", "counties")]),
        ("全市新增大中型企业350家，建成12个创新平台。", [("350", "companies"), ("12", "platforms")]),
        # the noun before the number, when none follows the classifier
        ("新建通信基站1200座，改造老旧小区3.2万个。", [("1200", "base stations"), ("3.2万", "residential compounds")]),
        ("常委会审议法律议案12件。", [("12", "bills")]),
        # 场 counts events: sessions
        ("本年度举办培训不少于40场。", [("40", "sessions")]),
        # an unknown noun after a classifier keeps the classifier's own unit
        ("发放消费券8个批次。", [("8", "items")]),
    ],
)
def test_what_a_chinese_count_counts(text: str, want: list[tuple[str, str]]) -> None:
    assert [(t, u) for t, _, u in _found(text)] == want


@pytest.mark.parametrize(
    "text",
    [
        "Attribute 3 accounts for half of the Shenzhou 12 crew.",
        "All 30 chapters remain, and firms such as 51 Tongcheng handle relocation services.",
        "The Mate Pro 60 uses a new chip.",
        "It appears in 3.1 Recent Judicial Trends.",
    ],
)
def test_names_and_numbered_things_are_not_counts(text: str) -> None:
    assert _found(text) == []


def test_acronyms_and_alphanumeric_modifiers_in_counts() -> None:
    got = _found("It trained on 512 GPUs, ran 5.9 million 4G base stations, and was 500,000 ahead of 2 million rivals.")
    assert [(t, u) for t, _, u in got] == [
        ("512", "GPUs"), ("5.9 million", "stations"), ("500,000", "stations"), ("2 million", "rivals")
    ]  # fmt: skip


def test_computing_power_in_flops() -> None:
    """算力 as AI and data-centre plans state it, in either language: a unit pint does not know, kept with its
    prefix. Decimals were dropped (read as counts of "exaflops"), "EFLOPS" became a noun "EFLOPSs"."""
    found = {
        q.text: q for q in extract_quantities("Capacity reached 9.8 exaflops in 2025, against a target of 60 EFLOPS.")
    }
    assert (found["9.8 exaflops"].value, found["9.8 exaflops"].unit) == (9.8, "exaflops")
    assert found["60 EFLOPS"].unit == "exaflops"
    zh = {q.text: q for q in extract_quantities("全市智能算力规模达到9800PFLOPS，增长35%。")}
    assert (zh["9800PFLOPS"].value, zh["9800PFLOPS"].unit) == (9800, "petaflops")
