"""Answers across languages and question forms, over two invented documents (not used to fit the ranker):
Chinese questions, English questions about a Chinese report and the reverse, relative years against the
document's date, phase names, a computed growth rate with its formula, equally good figures for two
periods (shown, none chosen), lists, and bad input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.answer import Answerer, Status
from sinoscope.app.pipeline import ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.store import SqliteStore

from .checks import ingested, ranks_first_never_wrong, words_answerer

SHANHE = """山河省科技创新工作报告

——2023年2月10日在山河省科技工作会议上

一、2022年工作回顾

去年，全省研发经费投入达到980亿元，增长11.2%；技术合同成交额650亿元。全省新增高新技术企业1500家，累计达到8200家。

二、2023年主要目标

今年全省研发经费投入强度力争达到2.8%，技术合同成交额突破800亿元。省科技成果转化基金一期规模30亿元，二期规模60亿元。
"""

OSTLAND = """Ostland Innovation Review

June 2022

1. Spending

Ostland's research spending was USD 20.0 billion in 2020 and USD 23.0 billion in 2021.

2. The Ostland Tech Fund

Phase I of the Ostland Tech Fund raised USD 4.5 billion in 2015. Phase II of the fund raised USD 9.8 billion in 2019.

3. Patents

Ostland granted 41,000 patents in 2020. Ostland granted 47,000 patents in 2021.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory.mktemp("languages"), {"820_shanhe.txt": SHANHE, "821_ostland.txt": OSTLAND})


@pytest.fixture
def ask(db: Path) -> Iterator[Answerer]:
    with SqliteStore(db) as store:
        yield words_answerer(store)


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("2022年全省研发经费投入是多少？", 98e9, "CNY"),  # Chinese
        ("2022年研发经费投入增长多少？", 11.2, "%"),  # 增长 asks for a rate
        ("去年全省技术合同成交额是多少？", 65e9, "CNY"),  # 去年 = 2022 for a report dated 2023
        ("2023年技术合同成交额目标是多少？", 80e9, "CNY"),
        ("What R&D intensity does the province target for 2023?", 2.8, "%"),  # English about a Chinese report
        pytest.param(
            "How large is the second phase of the province's technology transfer fund?",
            6e9,
            "CNY",
            marks=pytest.mark.xfail(
                strict=True,
                reason="two phases in one Chinese sentence are not told apart "
                "through the translated question's character pairs yet",
            ),
        ),
        ("How much did the first phase of the Ostland Tech Fund raise?", 4.5e9, "USD"),  # = Phase I
        ("How much did Phase 2 of the Ostland Tech Fund raise?", 9.8e9, "USD"),
        ("2021年Ostland的研发支出是多少？", 23e9, "USD"),  # Chinese about an English report
    ],
)
def test_answers(ask: Answerer, question: str, value: float, unit: str) -> None:
    ranks_first_never_wrong(ask, question, value, unit)


def test_growth_between_two_years_is_computed_with_its_formula(ask: Answerer) -> None:
    card = ask.ask("By how much did Ostland's research spending grow from 2020 to 2021?")
    assert card.status is Status.COMPUTED
    result, first, last = card.answers
    assert result.value == pytest.approx(15.0) and result.unit == "%"
    assert result.formula is not None and "20" in result.formula and "23" in result.formula
    assert (first.value, first.period, last.value, last.period) == (20e9, "2020", 23e9, "2021")
    assert first.printed in first.quote and last.printed in last.quote


def test_equally_good_figures_for_two_periods_are_shown_and_none_chosen(ask: Answerer) -> None:
    card = ask.ask("How many patents did Ostland grant?")
    assert card.status is Status.AMBIGUOUS and card.best is None
    assert {(a.value, a.period) for a in card.answers} == {(41000, "2020"), (47000, "2021")}
    card = ask.ask("How many patents did Ostland grant in 2021?")
    assert card.best is not None and card.best.value == 47000


def test_a_ranking_gets_every_figure_not_one(ask: Answerer) -> None:
    card = ask.ask("Which phases of the Ostland Tech Fund raised the most money?")
    assert card.status is Status.SEVERAL and card.best is None
    assert {4.5e9, 9.8e9} <= {a.value for a in card.answers}
    assert any("several figures" in n for n in card.notes)


@pytest.mark.parametrize(
    ("question", "status"),
    [
        ("", Status.NOT_FOUND),
        ("Why did the Ostland Tech Fund invest?", Status.NO_FIGURE),
        ("为什么要设立科技成果转化基金？", Status.NO_FIGURE),
        ("Сколько патентов выдала Остландия?", Status.NOT_FOUND),
        ("How much did Ostland spend on research in 2021? " + "padding " * 700, Status.NOT_FOUND),  # no guess
        ("What was the budget of the Martian colony in 2020?", Status.NOT_FOUND),
    ],
)
def test_bad_input_gets_a_clear_card(ask: Answerer, question: str, status: Status) -> None:
    card = ask.ask(question)
    assert card.status is status
    if status is not Status.FOUND:
        assert card.best is None
    if len(question) > 500:
        assert any("500" in n for n in card.notes)


def test_a_unit_asked_in_brackets_excludes_a_multiple(tmp_path: Path) -> None:
    """A count asked for with its unit in brackets (是多少（万人年）) is not answered with the multiple printed
    beside it in the same sentence (相当于…的4.3倍), however well that multiple's year matches."""
    doc = tmp_path / "830_talent.txt"
    doc.write_text(
        "北海省人才报告\n\n2021年，北海省研发人员全时当量达到18.6万人年，相当于2011年4.3万人年的4.3倍，是邻省的1.9倍。\n",
        encoding="utf-8",
    )
    with SqliteStore(tmp_path / "t.sqlite") as store:
        assert not ingest_paths(store, [doc], extract=extract_document).errors
        ask = words_answerer(store)
        ranks_first_never_wrong(ask, "2021年北海省研发人员全时当量是多少（万人年）？", 186000, "person-years")
        ratio = ask.rank(ask.parse("2021年北海省研发人员全时当量是2011年的几倍？")).ranked
        assert ratio and ratio[0].scored.candidate.unit == "times"
