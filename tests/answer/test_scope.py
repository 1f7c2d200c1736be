"""Documents a question names through their titles are searched inside (invented provincial reports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer import Answerer
from sinoscope.answer.question import report_year
from sinoscope.answer.scope import (
    document_years,
    in_named_report,
    named_documents,
    title_words,
    without_title_words,
)
from sinoscope.app.pipeline import ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.store import SqliteStore

from .checks import ranks_first_never_wrong, words_answerer

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


def test_a_report_named_by_its_year() -> None:
    assert report_year("2023年政府工作报告说去年城镇新增就业多少人？") == "2023"
    assert report_year("What was last year's unemployment rate, per the 2025 report?") == "2025"
    assert report_year("According to the 2024 Government Work Report, what was the deficit target?") == "2024"
    assert report_year("2025年统计公报中全年粮食产量是多少？") == "2025"
    assert report_year("2025年新增政府债务规模有多大？") is None  # a year asked about, no report named
    assert report_year("What was GDP in 2024 according to the report?") is None
    assert report_year("到2025年，规划的目标是多少？") is None
    assert report_year("到2030年全省规划建设多少座充电站？") is None  # a deadline
    assert report_year("到2030年汀屿省计划推广多少辆汽车？") is None  # 计划 as "plans to"


def test_a_document_is_named_by_the_years_of_its_title_and_its_date() -> None:
    assert document_years("政府工作报告", "2024-03-05") == {"2024"}
    assert document_years("霖溪省2025年国民经济和社会发展统计公报", "2026-02-28") == {"2025", "2026"}
    assert document_years("Trade review", None) == frozenset()


def test_only_the_report_of_the_year_named_answers_unless_none_is_stored() -> None:
    years = {"a": frozenset({"2024"}), "b": frozenset({"2025"})}
    assert in_named_report("2025", ["a", "b"], years) == {"b"}
    assert in_named_report("2023", ["a", "b"], years) == {"a", "b"}  # that report is not in the store
    assert in_named_report(None, ["a", "b"], years) == {"a", "b"}


def _work_report(year: int, jobs_last_year: int, rate_last_year: str) -> str:
    """A national-style work report titled without a year, dated on its second line; each one restates the
    previous year's outcomes in the same words, so only the report's year tells them apart."""
    return (
        f"政府工作报告\n\n{year}年3月5日\n\n一、过去一年工作回顾\n\n"
        f"过去一年，经济运行总体平稳。城镇新增就业{jobs_last_year}万人，城镇调查失业率平均为{rate_last_year}%。\n\n"
        f"二、今年工作总体部署\n\n今年发展主要预期目标是：城镇新增就业1200万人左右，城镇调查失业率5.5%左右。\n"
    )


@pytest.fixture
def annual_reports(tmp_path: Path) -> SqliteStore:
    reports = {"report_a.txt": _work_report(2025, 1256, "5.1"), "report_b.txt": _work_report(2026, 1267, "5.2")}
    for name, text in reports.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    s = SqliteStore(tmp_path / "annual.sqlite")
    s.open()
    assert not ingest_paths(s, sorted(tmp_path.glob("*.txt")), extract=extract_document).errors
    assert sorted(d.metadata.get("date", "")[:4] for d in s.list_documents()) == ["2025", "2026"]
    return s


def test_a_question_naming_its_report_by_year_is_answered_from_that_report(annual_reports: SqliteStore) -> None:
    answerer = words_answerer(annual_reports)
    try:
        ranks_first_never_wrong(answerer, "2025年政府工作报告说去年城镇新增就业多少人？", 12_560_000.0)
        ranks_first_never_wrong(answerer, "2026年政府工作报告中去年城镇调查失业率平均是多少？", 5.2, "%")
        ranks_first_never_wrong(answerer, "2025年政府工作报告中去年城镇调查失业率平均是多少？", 5.1, "%")
    finally:
        annual_reports.close()


def test_the_report_named_by_year_is_searched_inside_when_others_crowd_the_ranking(
    annual_reports: SqliteStore,
) -> None:
    """A search over all reports that returns only the other year's passages: the report the question names
    by its year is still searched inside."""
    store = annual_reports
    named = next(d.doc_id for d in store.list_documents() if d.metadata.get("date", "").startswith("2025"))

    def crowded(query: str, limit: int) -> list[str]:
        return [h.anchor for h in store.search(query, 200) if not h.anchor.startswith(named)][:limit]

    try:
        ranks_first_never_wrong(Answerer(store, crowded), "2025年政府工作报告说去年城镇新增就业多少人？", 12_560_000.0)
    finally:
        store.close()
