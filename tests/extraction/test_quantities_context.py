"""Which period dates a figure, what kind of figure it is, what it measures; and what is never a quantity."""

from __future__ import annotations

import pytest

from sinoscope.extraction.model import Kind, Quantity
from sinoscope.extraction.quantities import extract_quantities


def _by_text(text: str) -> dict[str, Quantity]:
    qs = extract_quantities(text)
    out: dict[str, Quantity] = {}
    for q in qs:
        assert text[q.start : q.end] == q.text
        out.setdefault(q.text, q)
    return out


# -- periods -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        ("Exports were USD 153.8 billion in 2021.", "USD 153.8 billion", "2021"),
        ("In 2021, exports were USD 153.8 billion.", "USD 153.8 billion", "2021"),
        ("Exports fell to RMB 93.2 billion (January 2024).", "RMB 93.2 billion", "2024-01"),
        ("Exports were RMB 4 billion in March 2023.", "RMB 4 billion", "2023-03"),
        ("The average share in 2015-2020 was 12%.", "12%", "2015-2020"),
        ("The average share from 2015 to 2020 was 12%.", "12%", "2015-2020"),
        ("The rate was 33% as of 2016.", "33%", "2016"),
        ("Capital grew to RMB 113.4 billion at the end of 2021.", "RMB 113.4 billion", "2021"),
        ("2023年，研发投入达到3.3万亿元。", "3.3万亿元", "2023"),
        ("2023年6月，出口增长8%。", "8%", "2023-06"),
        ("截至2023年底，共有300家企业。", "300", "2023"),
    ],
)
def test_periods(text: str, surface: str, period: str) -> None:
    assert _by_text(text)[surface].period == period


def test_as_of_is_recorded() -> None:
    q = _by_text("As of January 2024, the fund held RMB 93 billion.")["RMB 93 billion"]
    assert (q.period, q.as_of) == ("2024-01", "2024-01")
    zh = _by_text("截至2023年6月底，共有300家企业。")["300"]
    assert (zh.period, zh.as_of) == ("2023-06", "2023-06")


def test_each_figure_of_a_list_takes_its_own_date() -> None:
    got = _by_text("Investment fell from RMB 98.2 billion (January 2022) to RMB 94.8 billion (September 2022).")
    assert [q.period for q in got.values()] == ["2022-01", "2022-09"]
    got = _by_text("The number of firms fell from 80 in January 2022 to 74 in January 2024.")
    assert [(q.value, q.unit, q.period) for q in got.values()] == [
        (80, "companies", "2022-01"),
        (74, "companies", "2024-01"),
    ]


def test_a_month_alone_takes_the_year_named_before_it() -> None:
    got = _by_text("The price fell from RMB 3,733 in January 2021 to RMB 2,850 in September.")
    assert [q.period for q in got.values()] == ["2021-01", "2021-09"]


def test_the_start_of_a_planned_change_is_where_things_stand() -> None:
    got = _by_text("Penetration is to increase from 15% (2020) to 56% (2025). The rate tops the 47% projected by GSMA.")
    assert [(q.text, q.period, q.kind) for q in got.values()] == [
        ("15%", "2020", Kind.ACTUAL),
        ("56%", "2025", Kind.TARGET),
        ("47%", "2025", Kind.FORECAST),
    ]


def test_a_year_shared_by_a_list() -> None:
    got = _by_text("In 2021 imports were USD 432.6 billion, and exports USD 153.8 billion.")
    assert {q.period for q in got.values()} == {"2021"}


def test_a_deadline_binds_only_its_own_figure() -> None:
    got = _by_text("The plan covers 56 products, with the rate set at 49% by 2020 and 75% by 2030.")
    assert (got["56"].period, got["49%"].period, got["75%"].period) == (None, "2020", "2030")


def test_period_carries_from_the_previous_sentence_into_the_next_first_clause() -> None:
    got = _by_text(
        "The fund was launched in 2014. It announced RMB 137 billion; however, its actual capital was RMB 98 billion."
    )
    assert (got["RMB 137 billion"].period, got["RMB 98 billion"].period) == ("2014", None)


def test_a_sentence_fronted_by_a_date_is_dated_throughout() -> None:
    got = _by_text("In 2019, each investor paid in full and the capital has not grown from RMB 98 billion since.")
    assert got["RMB 98 billion"].period == "2019"


def test_a_length_of_time_has_no_period() -> None:
    assert _by_text("In 2020 the law was revised for the first time in 12 years.")["12"].period is None


def test_a_repeated_figure_is_the_same_claim() -> None:
    got = extract_quantities(
        "An increase from 12.7% in 2014 to 25.6% in 2021 can be estimated. Given this, the 25.6% rate is modest."
    )
    last = got[-1]
    assert (last.text, last.period, last.kind) == ("25.6%", "2021", Kind.ESTIMATE)


# -- kinds ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Revenue was RMB 45 billion in 2021.", "RMB 45 billion", Kind.ACTUAL),
        ("The target is 10% of GDP by 2025.", "10%", Kind.TARGET),
        ("The ratio is set at 40% by 2020.", "40%", Kind.TARGET),
        ("It aims to reach 70% self-sufficiency.", "70%", Kind.TARGET),
        ("R&D spending should grow by more than 7% a year.", "7%", Kind.TARGET),
        ("The city plans to invest RMB 20 billion.", "RMB 20 billion", Kind.TARGET),
        ("WSTS estimated the size of the market in 2021 at USD 555.9 billion.", "USD 555.9 billion", Kind.ESTIMATE),
        ("A rise from 12.7% in 2014 can be estimated.", "12.7%", Kind.ESTIMATE),
        ("This would mean that China imports nearly 80% of chips.", "80%", Kind.ESTIMATE),
        ("Installations are expected to reach 290,300 units in 2022.", "290,300", Kind.FORECAST),
        ("It is unlikely that the rate would reach 70%.", "70%", Kind.FORECAST),
        ("The market is forecast at USD 65.7 billion.", "USD 65.7 billion", Kind.FORECAST),
        ("It announced RMB 137 billion; its actual capital was RMB 98 billion.", "RMB 98 billion", Kind.ACTUAL),
        ("By 2019, the number of researchers in China exceeded 2 million.", "2 million", Kind.ACTUAL),
        ("By 2025, the share of the digital economy will reach 10%.", "10%", Kind.FORECAST),
        ("The handover came six months earlier than had been planned.", "six", Kind.ACTUAL),
        ("2023年研发投入实际为3.3万亿元。", "3.3万亿元", Kind.ACTUAL),
        ("到2025年，研发投入达到4万亿元。", "4万亿元", Kind.TARGET),
        ("数字经济核心产业增加值占GDP比重目标为10%。", "10%", Kind.TARGET),
        ("预计2030年市场规模将达到1200亿美元。", "1200亿美元", Kind.FORECAST),
        ("据估计，市场份额约为15%。", "15%", Kind.ESTIMATE),
    ],
)
def test_kinds(text: str, surface: str, kind: Kind) -> None:
    assert _by_text(text)[surface].kind is kind


def test_a_cue_stays_in_its_clause() -> None:
    got = _by_text("The target was not met; output reached 58% in 2020.")
    assert got["58%"].kind is Kind.ACTUAL


def test_a_count_is_not_made_a_target_by_a_distant_cue() -> None:
    got = _by_text("The roadmap sets numerical targets for the market share of 56 products.")
    assert got["56"].kind is Kind.ACTUAL


def test_a_governing_verb_covers_its_list() -> None:
    got = _by_text("IC Insights gives the rate as 15.1% in 2014, 13.8% in 2016, and 15.7% in 2019.")
    assert {q.kind for q in got.values()} == {Kind.ESTIMATE}


# -- subjects ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "words"),
    [
        ("In 2021, the industry's revenue was RMB 1045.83 billion.", "RMB 1045.83 billion", "revenue"),
        ("The fund drew on 16 national agencies.", "16", "national agencies"),
        ("The RMB 24.3 billion decrease in internal reserves was a loss.", "RMB 24.3 billion", "internal reserves"),
        ("2023年，全国研发经费投入3.3万亿元。", "3.3万亿元", "研发经费投入"),
    ],
)
def test_subjects_name_what_is_measured(text: str, surface: str, words: str) -> None:
    subject = _by_text(text)[surface].subject
    assert words in subject and len(subject) <= 80


# -- not quantities ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Fund was established in 2014 and revised in 2019.",  # years as dates
        "Around 2015, the policy changed; by 2030 it aims higher.",
        "“Made in China 2025” and Vision 2035 set the direction.",  # years in names
        "See Table 4-1, Figure 3-2 and Chapter 4 for details.",  # references
        "As shown in Tables 2-5 and 2-6, and in Section 4.3.1.",  # section numbers
        "The rate is rising³ as noted¹² in the footnote [12].",  # footnote markers
        "4.2 Funding of the Phase II Fund",  # a heading's number
        "The 14th Five-Year Plan follows the 13th; G20 and 5G talks in COVID-19 times.",
        "Its ASEAN+1 FTAs and the “four little dragons” are names.",
        "《中国制造2025》提出了新的方向。",  # a title in Chinese
        "见表4-1和第3章。",  # references in Chinese
        "第十四个五年规划已经发布。",  # an ordinal and a plan's name
        "Unit: 10,000 persons",  # a unit declaration
        "See https://example.org/2021/05/report-2023.html for the data.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert extract_quantities(text) == []


def test_figures_next_to_exclusions_are_kept() -> None:
    got = _by_text("In 2019 (Table 4-1) the Fund held RMB 98.72 billion, per “Made in China 2025” goals.")
    assert list(got) == ["RMB 98.72 billion"]
    assert got["RMB 98.72 billion"].period == "2019"


def test_money_that_looks_like_a_year_is_money() -> None:
    got = _by_text("The limit was raised to RMB 2000 in 2019.")
    assert (got["RMB 2000"].value, got["RMB 2000"].period) == (2000, "2019")
