"""Documents a question names through their titles are searched inside (invented provincial reports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer import Answerer
from sinoscope.answer.scope import named_documents, title_words, without_title_words
from sinoscope.app.pipeline import ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.store import SqliteStore

from .checks import ranks_first_never_wrong

TITLES = {
    "a": title_words("霖溪省人民政府工作报告"),
    "b": title_words("澜沧省人民政府工作报告"),
    "c": title_words("Marrow Bay Statistics Office: Trade in 2025"),
    "d": title_words("青禾省人民政府工作报告"),
}


def test_a_word_only_one_title_has_names_that_document() -> None:
    assert named_documents("霖溪省去年地区生产总值是多少？", TITLES) == ["a"]
    assert named_documents("What was Linxi's GDP last year?", TITLES) == ["a"]  # pinyin of the title
    assert named_documents("How much did Marrow Bay export in 2025?", TITLES) == ["c"]


def test_words_many_titles_share_name_nothing() -> None:
    assert named_documents("政府工作报告中地区生产总值增长多少？", TITLES) == []
    assert named_documents("What was GDP growth?", TITLES) == []


def test_the_title_words_are_left_out_of_the_search_inside() -> None:
    assert without_title_words("霖溪省去年地区生产总值是多少？", TITLES["a"]) == "去年地区生产总值是多少？"
    assert without_title_words("How much did Marrow Bay export?", TITLES["c"]) == "How much did export?"


def _report(province: str, gdp: str, filler: int) -> str:
    lines = [f"{province}人民政府工作报告", "", "一、过去一年工作回顾"]
    lines += [f"第{i}园区经济总量达到{100 + i}亿元。" for i in range(1, filler)]
    lines += [f"全省经济总量达到{gdp}亿元，比上年增长5.1%，三次产业结构持续优化，新动能加快成长，发展质量稳步提升。"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    reports = {
        "linxi_2025.txt": _report("霖溪省", "8123", 3),
        "canglu_2025.txt": _report("沧麓省", "6400", 40),
        "qinghe_2025.txt": _report("青禾省", "5100", 40),
    }
    for name, text in reports.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    s = SqliteStore(tmp_path / "scope.sqlite")
    s.open()
    assert not ingest_paths(s, sorted(tmp_path.glob("*.txt")), extract=extract_document).errors
    return s


def test_the_named_report_is_searched_even_when_others_crowd_the_ranking(store: SqliteStore) -> None:
    """A search over all reports that returns only the other reports' passages (as forty lines each about
    their parks' 经济总量 would): the report the question names is still searched inside."""

    def crowded(query: str, limit: int) -> list[str]:
        return [h.anchor for h in store.search(query, 200) if not h.anchor.startswith("linxi")][:limit]

    try:
        ranks_first_never_wrong(Answerer(store, crowded), "霖溪省经济总量达到多少亿元？", 812_300_000_000.0, "CNY")
    finally:
        store.close()
