"""The ranker's document-level and name features, value shares, and the calibrated decision, on invented text."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer import Answerer, Status
from sinoscope.answer.names import names_another, names_in, proper_names
from sinoscope.answer.question import parse_question, words
from sinoscope.answer.ranker import Model, probabilities, value_key, value_shares
from sinoscope.answer.scoring import WordIndex, document_missing
from sinoscope.app.pipeline import ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.documents.zh_romanize import romanized_names
from sinoscope.store import SqliteStore

from .checks import words_answerer


def test_proper_names_are_capitalised_words_no_dictionary_holds() -> None:
    assert proper_names("How much did Phase II of the Zarovia Chip Fund raise in December?") == ("zarovia",)
    assert proper_names("2023年Tellmark研发支出是多少？") == ("tellmark",)  # a Latin name against Han characters
    assert proper_names("What was Japan's GDP?") == ()  # a real country is a dictionary word: the KB knows it


def test_chinese_names_are_compared_through_pinyin() -> None:
    assert "yuanhe" in romanized_names("沅禾省人民政府关于印发行动方案的通知")
    assert "luliang" in romanized_names("吕梁市")  # ü in any tone is written u, as English spells Lüliang
    assert "yuanhe" in names_in("沅禾省地区生产总值增长5%")
    assert "yuanhe" not in names_in("全省地区生产总值增长5%")


def test_another_name_in_the_clause_marks_another_place() -> None:
    assert names_another(("tellmark",), "Brovnia spent USD 38 billion")
    assert not names_another(("tellmark",), "Tellmark spent USD 21 billion while Brovnia spent more")
    assert not names_another((), "Brovnia spent USD 38 billion")


def test_a_document_that_never_names_what_is_asked_is_marked() -> None:
    docs = {
        "a": WordIndex.of(frozenset({"tellmark", "gdp", "growth"})),
        "b": WordIndex.of(frozenset({"brovnia", "gdp", "growth"})),
        "c": WordIndex.of(frozenset({"ostia", "gdp", "growth"})),
    }
    missing = document_missing(["tellmark", "gdp", "growth"], "Tellmark GDP growth", docs)
    assert missing["a"] == 0.0 and missing["b"] == missing["c"] == 1.0  # gdp and growth tell nothing
    assert document_missing(["gdp"], "GDP", docs) == {"a": 0.0, "b": 0.0, "c": 0.0}
    assert document_missing(["zzz"], "zzz", docs) == {"a": 0.0, "b": 0.0, "c": 0.0}  # a word none uses


def _han_index(text: str) -> WordIndex:
    return WordIndex.of(frozenset(words(text)))


def test_a_chinese_question_is_weighed_by_its_words_not_by_character_pairs_across_them() -> None:
    """拟发 of 拟发行 straddles two words: a report writing 拟安排 and 发行 elsewhere misses nothing asked."""
    docs = {
        "a": _han_index("今年拟安排专项债券3万亿元。发行国债1万亿元。"),
        "b": _han_index("今年拟发行特别国债5000亿元，专项债券4万亿元。"),
    }
    q = parse_question("今年拟发行的专项债券规模是多少？")
    assert "拟发" in q.terms
    assert document_missing(q.terms, q.text, docs) == {"a": 0.0, "b": 0.0}


def test_a_chinese_name_jieba_does_not_know_still_tells_documents_apart() -> None:
    """沧澜 comes out of jieba a character at a time; the run of lone characters is one word again."""
    docs = {"a": _han_index("沧澜省地区生产总值增长5%。"), "b": _han_index("临湖市地区生产总值增长6%。")}
    q = parse_question("沧澜省地区生产总值增长多少？")
    missing = document_missing(q.terms, q.text, docs)
    assert missing["a"] == 0.0 and missing["b"] == 1.0


def test_a_restated_value_gathers_its_passages_probability() -> None:
    shares = probabilities([(1.0,), (1.0,), (1.5,)], _model(1))
    keys = [value_key(42.5e9, "CNY", "2020"), value_key(42.5e9, "CNY", "2020"), value_key(12.3e9, "CNY", "2020")]
    mass = value_shares(shares, keys)
    assert mass[0] == mass[1] == pytest.approx(shares[0] + shares[1]) and mass[0] > mass[2]


def _model(k: int) -> Model:
    return Model(tuple(1.0 for _ in range(k)), 0.5)


REPORTS = {
    "720_tellmark.txt": "Tellmark Economic Review 2024\n\nThe province's output grew by 4.1% in 2023.\n",
    "721_brovnia.txt": "Brovnia Economic Review 2024\n\nThe province's output grew by 6.8% in 2023.\n",
    "722_ostia.txt": "Ostia Economic Review 2024\n\nThe province's output grew by 2.2% in 2023.\n",
}


@pytest.fixture(scope="module")
def reviews(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reviews")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "reviews.sqlite"
    with SqliteStore(db) as store:
        assert not ingest_paths(store, sorted(folder.glob("*.txt")), extract=extract_document).errors
    return db


def test_the_document_named_in_its_title_answers(reviews: Path) -> None:
    """Three reports say "the province" in the sentence; only the title names which province."""
    with SqliteStore(reviews) as store:
        ask = words_answerer(store)
        for place, value in (("Brovnia", 6.8), ("Ostia", 2.2), ("Tellmark", 4.1)):
            ranked = ask.rank(ask.parse(f"How fast did {place}'s output grow in 2023?")).ranked
            assert ranked[0].scored.candidate.value == value, place
            card = ask.ask(f"How fast did {place}'s output grow in 2023?")
            assert card.best is None or card.best.value == value


def test_a_source_the_passage_never_names_rules_the_figure_out(reviews: Path) -> None:
    with SqliteStore(reviews) as store:
        ask = words_answerer(store)
        card = ask.ask("How fast did Brovnia's output grow in 2023 according to the Kessler Institute?")
        assert card.status is Status.NOT_FOUND and card.best is None


def test_stored_figures_of_the_year_asked_are_candidates_without_search(tmp_path: Path) -> None:
    """A review paragraph never prints the year it reviews; the extractor dated its figures from the report's
    date, so the facts table finds them where word search over the text cannot."""
    doc = tmp_path / "730_yuanhe_2024.txt"
    doc.write_text(
        "沅禾省2024年政府工作报告\n\n2024年1月18日\n\n一、2023年工作回顾\n\n过去一年，全省地区生产总值增长5.6%，城镇新增就业41万人。\n",
        encoding="utf-8",
    )
    with SqliteStore(tmp_path / "y.sqlite") as store:
        assert not ingest_paths(store, [doc], extract=extract_document).errors
        blind = Answerer(store, lambda query, limit: [])  # search finds nothing
        ranked = blind.rank(blind.parse("2023年沅禾省地区生产总值增长多少？")).ranked
        assert ranked and ranked[0].scored.candidate.value == 5.6


def test_a_name_no_document_uses_gets_no_figure(reviews: Path) -> None:
    """Asked about a place none of the reports names, the card gives none of their figures."""
    with SqliteStore(reviews) as store:
        ask = words_answerer(store)
        card = ask.ask("How fast did Zelmoria's output grow in 2023?")
        assert card.status is Status.NOT_FOUND and card.best is None
        assert ask.rank(ask.parse("How fast did Zelmoria's output grow in 2023?")).ranked == ()


def test_names_keep_their_diacritics() -> None:
    assert proper_names("How many cars did Škodavia sell in 2023?") == ("škodavia",)


def test_a_page_pasted_as_a_question_gets_no_figure(reviews: Path) -> None:
    with SqliteStore(reviews) as store:
        ask = words_answerer(store)
        card = ask.ask("How fast did Brovnia's output grow in 2023? " * 40)
        assert card.status is Status.NOT_FOUND and card.best is None and card.passages
        assert any("longer than" in n for n in card.notes)


def test_one_count_stated_with_two_nouns_is_one_value() -> None:
    """The text says "935 authors", the table "935 persons": one value, whose probability is not split."""
    assert value_key(935, "authors", None) == value_key(935, "persons", None)
    assert value_key(935, "authors", None) != value_key(935, "km", None)  # a length is not a count
    assert value_key(5, "years", None) != value_key(5, "projects", None)  # nor a duration
    assert value_key(935, "authors", "2021") != value_key(935, "authors", "2022")
