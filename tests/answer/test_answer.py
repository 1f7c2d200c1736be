"""Answer cards over invented reports: cited figures, disputes with periods, honest "not found"."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer import Answerer, Status, parse_question
from sinoscope.answer.question import UnitType

from .checks import answerer_over, ranks_first_never_wrong

# (question, value, unit, period, anchor): ten questions over the fixture reports, phrased in words
# that differ from the text where the text allows it.
ANSWERABLE = [
    ("What was Freedonia's space agency budget in 2020?", 42.5e9, "CNY", "2020", "710#1.1¶1"),
    ("How much of the 2020 budget went to launch vehicles?", 12.3e9, "CNY", "2020", "710#1.1¶1"),
    ("How many orbital launches did Freedonia carry out in 2021?", 55, "launches", "2021", "710#1.1¶2"),
    ("How many launches were there in 2020?", 39, "launches", "2020", "710#1.1¶2"),
    ("What was the launch success rate in 2021 according to the Orbital Census Bureau?", 96.4, "%", "2021",
     "710#1.1¶2"),
    ("What was the target for orbital launches per year by 2030?", 120, "launches", "2030", "710#1.1¶3"),
    ("What were Starforge's sales in 2020?", 15.8e8, "CNY", "2020", "710#table-1-1"),
    ("What were the sales of Nebula Works in 2021?", 11.7e8, "CNY", "2021", "710#table-1-1"),
    ("What was the value of Freedonia's battery exports in 2022?", 7.9e9, "USD", "2022", "711#1.1¶2"),
    ("What was the domestic production rate of cathode materials in 2022 according to Voltaic Research?", 58.0,
     "%", "2022", "711#1.1¶1"),
]  # fmt: skip

UNANSWERABLE = [
    "What was the budget of the Martian colony in 2020?",
    "How many submarines did Freedonia build in 2021?",
    "What was Freedonia's robot density in 2021?",
    "What share of launches failed in 1995?",
]


@pytest.mark.parametrize(("question", "value", "unit", "period", "anchor"), ANSWERABLE)
def test_answers_cite_the_passage_holding_the_figure(
    answerer: Answerer, question: str, value: float, unit: str, period: str, anchor: str
) -> None:
    answer = ranks_first_never_wrong(answerer, question, value, unit)
    best = answer.best
    if best is None:
        return  # abstained: the ranking was checked
    assert answer.status is Status.FOUND, answer.answers
    assert (best.unit, best.period, best.anchor) == (unit, period, anchor)
    assert answer.passages[0].anchor == anchor


def test_most_plain_questions_are_answered(answerer: Answerer) -> None:
    """The confidence abstains where two figures fit alike; plain questions over a small report are still
    answered (9 of 10 when the ranker was last fitted)."""
    answered = sum(answerer.ask(q).best is not None for q, *_ in ANSWERABLE)
    assert answered >= 8


def test_a_table_answer_quotes_its_row_and_caption(answerer: Answerer) -> None:
    best = answerer.ask("What were Starforge's sales in 2020?").best
    assert best is not None and best.source == "table"
    assert "Starforge | 12.5 | 15.8 | 19.2" in best.quote and "Sales of Satellite Makers" in best.quote


def test_disagreeing_sources_are_all_shown_with_periods(answerer: Answerer) -> None:
    answer = answerer.ask("What was the domestic production rate of cathode materials in 2022?")
    assert answer.status is Status.DISAGREEMENT
    shown = {(a.value, a.period, a.anchor) for a in answer.answers}
    assert shown == {(58.0, "2022", "711#1.1¶1"), (62.5, "2022", "710#2.1¶1")}
    assert {p.anchor for p in answer.passages[:2]} == {"711#1.1¶1", "710#2.1¶1"}


def test_publisher_picks_between_disagreeing_sources(answerer: Answerer) -> None:
    answer = answerer.ask(
        "What was the domestic production rate of cathode materials in 2022 per the Cell Makers Association?"
    )
    assert answer.best is not None and answer.best.value == 62.5


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unanswerable_questions_get_not_found_and_passages(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert answer.status is Status.NOT_FOUND
    assert answer.answers == () and answer.best is None
    assert answer.to_json()["status"] == "not found"


def test_no_passages_means_not_found(answerer: Answerer) -> None:
    answer = answerer.ask("zzzz qqqq")
    assert answer.status is Status.NOT_FOUND and answer.passages == ()


@pytest.mark.parametrize(
    ("question", "unit_type", "years", "head", "publisher", "kind"),
    [
        ("What IC rate did the Made in China 2025 plan target for 2030?", UnitType.PERCENT, ("2030",), "rate",
         None, "target"),
        ("How many authors of top 1% papers did China have?", UnitType.COUNT, (), "authors", None, None),
        ("How large was the market in 2021 according to WSTS?", UnitType.CURRENCY, ("2021",), "market", "WSTS",
         None),
        ("What was the value of exports in 2019?", UnitType.CURRENCY, ("2019",), "exports", None, None),
    ],
)  # fmt: skip
def test_question_parse(
    question: str, unit_type: UnitType, years: tuple[str, ...], head: str, publisher: str | None, kind: str | None
) -> None:
    q = parse_question(question)
    assert (q.unit_type, q.years, q.head, q.publisher, q.kind) == (unit_type, years, head, publisher, kind)


@pytest.mark.parametrize(
    ("question", "unit_type"),
    [
        ("How much did Orlen Province export in 2031?", UnitType.CURRENCY),  # an amount, no measure named
        ("How much in special bonds will Orlen issue?", UnitType.CURRENCY),
        ("How much FDI did Orlen attract in 2031?", UnitType.CURRENCY),  # a money word
        ("How much wind power capacity did Orlen install in 2031?", None),  # names its own measure
        ("How much cotton did Orlen harvest in 2031?", None),
    ],
)
def test_how_much_asks_money_unless_it_names_another_measure(question: str, unit_type: UnitType | None) -> None:
    assert parse_question(question).unit_type is unit_type


def test_numbers_in_the_question_are_never_the_answer() -> None:
    q = parse_question("How many authors of top 1% papers did China have?")
    assert q.numbers == (1.0,)


WIND_REPORT = """Orlen Province Energy Review 2031

New capacity. Orlen installed 4.2 GW of wind power capacity in 2031, for an investment of RMB 25 billion.
Output. Wind farms generated 96 TWh of electricity in 2031, up 11%.
"""


def test_how_much_of_a_named_measure_finds_its_unit(tmp_path: Path) -> None:
    with answerer_over(tmp_path, {"770_orlen_energy.txt": WIND_REPORT}) as answerer:
        ranks_first_never_wrong(answerer, "How much wind power capacity did Orlen install in 2031?", 4.2, "GW")
