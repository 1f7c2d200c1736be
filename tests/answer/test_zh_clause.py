"""Chinese clause reading for a figure's own words: coordination, shared head nouns, zero subjects.

Sentences are invented, written in the style of provincial plans and statistical communiqués."""

from __future__ import annotations

import pytest

from sinoscope.answer import zh_clause
from sinoscope.answer.candidates import _clause


def own_words(sentence: str, figure: str, occurrence: int = 0) -> str:
    at = -1
    for _ in range(occurrence + 1):
        at = sentence.index(figure, at + 1)
    return _clause(sentence, at, at + len(figure))


def test_coordinated_figures_each_keep_their_own_modifier() -> None:
    s = "对首年免关税的1180种进口商品和三年内降税较多的2960种商品，优先安排通关。"
    assert own_words(s, "1180") == "对首年免关税的1180种进口商品"
    assert own_words(s, "2960") == "三年内降税较多的2960种商品"


def test_a_list_member_takes_the_shared_head_noun() -> None:
    s = "对东盟的860种、对日本的1420种出口商品实行清单管理。"
    first = own_words(s, "860")
    assert "对东盟的860种" in first and "出口商品" in first
    assert "对日本" not in first


def test_a_clause_without_a_subject_takes_the_one_before() -> None:
    s = "全市地区生产总值达到3.2万亿元，增长5.1%，居全省第二。"
    assert "地区生产总值" in own_words(s, "5.1")


def test_a_clause_with_its_own_subject_keeps_it() -> None:
    s = "城镇新增就业58万人，城镇调查失业率为5.0%。"
    assert own_words(s, "5.0").rstrip("。") == "城镇调查失业率为5.0%"


def test_a_coordinator_inside_a_word_or_between_dates_does_not_split() -> None:
    s = "共和县2024年国民经济和社会发展统计公报显示，粮食总产量增长2.3%。"
    assert zh_clause.coordinator_spans("共和县的共和路") == []
    assert "粮食总产量" in own_words(s, "2.3")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("全年增长", False), ("同比下降", False), ("研发经费投入", True), ("GDP增长", True), ("", False)],
)
def test_has_subject(text: str, expected: bool) -> None:
    assert zh_clause.has_subject(text) is expected


def test_english_sentences_are_read_as_before() -> None:
    s = "Imports were USD 420 billion, and exports USD 150 billion."
    assert "Imports" not in own_words(s, "150") and "exports" in own_words(s, "150")


@pytest.mark.parametrize(
    ("sentence", "figure", "subject"),
    [
        ("全市城镇居民人均可支配收入51,306元，增长4.8%。", "4.8", "人均可支配收入"),
        ("年末全区有效发明专利12,480件，比上年末增加1,906件。", "1,906", "有效发明专利"),
    ],
)
def test_a_thousands_comma_is_part_of_the_figure_not_a_clause_break(sentence: str, figure: str, subject: str) -> None:
    """Chinese statistical prose that groups thousands with commas ("51,306元"): a clause with no subject of
    its own still inherits the one before the number."""
    assert subject in own_words(sentence, figure)


def test_a_comma_between_list_figures_still_breaks() -> None:
    s = "三个园区产值分别为120,95,60亿元。"
    assert own_words(s, "95") != own_words(s, "120")


def test_an_english_clause_that_names_nothing_takes_the_one_before() -> None:
    s = "The registered jobless rate stood at 4.3% in December, and the average for the year was 4.6%."
    assert "jobless rate" in own_words(s, "4.6%")
    named = "Steel output fell 2.1%, and cement output rose 3.4%."
    assert "Steel" not in own_words(named, "3.4%")  # a clause with its own measure keeps to it
