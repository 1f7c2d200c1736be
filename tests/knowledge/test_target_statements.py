"""Target statements and actual values on invented documents (every sentence here is ours).

Classes of documents: a Chinese work report (a review section, then this year's goals and fiscal plans), a
Chinese provincial plan (意见, deadline years, 分别 lists, bounds), an English report (by 2030, at least).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sinoscope.documents.model import Document
from sinoscope.documents.structure import build_document
from sinoscope.extraction.target_statements import Statement, extract_statements
from sinoscope.sources.read import read_source

WORK_REPORT = """山河省人民政府工作报告

一、2030年工作回顾

过去一年，全省地区生产总值增长6.1%，城镇新增就业52万人，居民消费价格上涨1.2%。粮食产量700亿斤，再创新高。

二、2031年主要目标和工作安排

今年全省发展主要预期目标是：地区生产总值增长6%左右；城镇新增就业50万人以上，城镇调查失业率5.5%以内；居民消费价格涨幅3%左右；粮食产量保持在680亿斤以上。

财政赤字率拟按2.9%安排，赤字规模900亿元，比上年增加50亿元。拟安排地方政府专项债券1200亿元。

全省经济增长预期目标为6%左右，兼顾了需要和可能。预计今年高校毕业生超过40万人。

坚持“两个毫不动摇”，实施八项行动。农村土地承包到期后再延长30年。
"""

PLAN = """关于加快发展数字经济的实施意见

一、发展目标

到2033年，全省数字经济核心产业增加值占地区生产总值比重达12%，5G基站累计建成8万个。全省规模以上工业企业、服务业企业和农业经营主体数字化转型比例分别达60%、50%和30%。

二、重点任务

（一）提升审批效率。企业开办时间压缩到2个工作日以内，符合条件的事项3天内办结。每万人口高价值发明专利拥有量从6.3件提高到12件。它将不少于100家。
"""

ENGLISH = """# A report on an invented country

## Goals

The government has set a target of raising R&D intensity to 3 percent of GDP by 2030.
It also pledged to build at least 500 new laboratories by 2028.

## Progress

In 2023, R&D intensity was 2.4 percent.
"""


def _doc(tmp_path: Path, name: str, text: str, date: str | None) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = build_document(read_source(path), "t01")
    meta = dict(doc.metadata)
    meta.pop("date", None)
    if date is not None:
        meta["date"] = date
    return dataclasses.replace(doc, metadata=meta)


def _by(stmts: list[Statement], kind: str, value: float) -> Statement:
    hits = [s for s in stmts if s.kind == kind and abs(s.value - value) < 1e-9 * max(1.0, value)]
    assert hits, f"no {kind} of {value}: {[(s.kind, s.value, s.indicator) for s in stmts]}"
    return hits[0]


@pytest.fixture()
def report(tmp_path: Path) -> list[Statement]:
    return extract_statements(_doc(tmp_path, "report.txt", WORK_REPORT, "2031-02-20"))


def test_this_years_goals_with_bounds_and_the_years_resolved(report: list[Statement]) -> None:
    gdp = _by(report, "target", 6)
    assert (gdp.indicator, gdp.comparator, gdp.year, gdp.unit) == ("地区生产总值增长", "~", 2031, "%")
    jobs = _by(report, "target", 500_000)
    assert (jobs.comparator, jobs.unit) == (">=", "persons")
    assert _by(report, "target", 5.5).comparator == "<="
    assert _by(report, "target", 68_000_000_000).comparator == ">="


def test_review_figures_are_actuals_of_last_year(report: list[Statement]) -> None:
    growth = _by(report, "actual", 6.1)
    assert growth.year == 2030 and growth.indicator.endswith("地区生产总值增长")
    assert _by(report, "actual", 1.2).year == 2030
    assert not [s for s in report if s.kind == "target" and s.value == 6.1]


def test_fiscal_plans_count_and_a_change_belongs_to_its_figure(report: list[Statement]) -> None:
    deficit = _by(report, "target", 2.9)
    assert (deficit.indicator, deficit.comparator, deficit.year) == ("财政赤字率", "=", 2031)
    size = _by(report, "target", 90_000_000_000)
    assert size.change == 5_000_000_000
    assert not [s for s in report if s.value == 5_000_000_000]
    bonds = _by(report, "target", 120_000_000_000)
    assert bonds.indicator == "地方政府专项债券"


def test_forecasts_names_and_terms_are_not_targets(report: list[Statement]) -> None:
    assert _by(report, "forecast", 400_000)
    targets = [s for s in report if s.kind == "target"]
    assert not [s for s in targets if s.value in (2, 8, 30)]  # 两个, 八项, 30年


def test_without_a_date_this_year_is_not_guessed(tmp_path: Path) -> None:
    stmts = extract_statements(_doc(tmp_path, "report.txt", WORK_REPORT.replace("2031年", ""), None))
    assert _by(stmts, "target", 6).year is None


def test_plan_deadline_distribution_range_and_baseline(tmp_path: Path) -> None:
    stmts = extract_statements(_doc(tmp_path, "plan.txt", PLAN, "2031-05"))
    share = _by(stmts, "target", 12)
    assert (share.year, share.comparator) == (2033, ">=")
    three = [_by(stmts, "target", v) for v in (60, 50, 30)]
    assert [s.comparator for s in three] == [">=", ">=", ">="]
    assert len({s.indicator for s in three}) == 3  # each figure named by its own list member
    assert three[1].indicator.startswith("服务业企业")
    assert _by(stmts, "target", 3).comparator == "<="  # 3天内
    patents = _by(stmts, "target", 12)  # the second 12: 从6.3件提高到12件
    assert [s.baseline for s in stmts if s.value == 12 and s.unit != "%"] == [6.3]
    assert not [s for s in stmts if s.value == 6.3]
    assert patents.year in (2033, None)


def test_a_pronoun_indicator_is_left_unnamed(tmp_path: Path) -> None:
    stmts = extract_statements(_doc(tmp_path, "plan.txt", PLAN, "2031-05"))
    pronoun = _by(stmts, "target", 100)
    assert pronoun.indicator == ""


def test_plan_target_without_a_year_keeps_none(tmp_path: Path) -> None:
    stmts = extract_statements(_doc(tmp_path, "plan.txt", PLAN, "2031-05"))
    assert _by(stmts, "target", 2).year is None  # 2个工作日以内, under 重点任务 with no year


def test_a_target_stated_twice_in_other_words(tmp_path: Path) -> None:
    from sinoscope.app.targets import _resolved, matcher_for
    from sinoscope.knowledge import KnowledgeBase

    stmts = extract_statements(_doc(tmp_path, "report.txt", WORK_REPORT, "2031-02-20"))
    assert len([s for s in stmts if s.kind == "target" and s.value == 6]) == 2  # 地区生产总值增长 / 经济增长
    kept = [s for s, _ in _resolved(stmts, matcher_for(KnowledgeBase([])))]
    six = [s for s in kept if s.kind == "target" and s.value == 6]
    assert len(six) == 1 and six[0].indicator == "地区生产总值增长"


def test_english_targets(tmp_path: Path) -> None:
    stmts = extract_statements(_doc(tmp_path, "en.md", ENGLISH, "2024"))
    rd = _by(stmts, "target", 3)
    assert (rd.year, rd.unit, rd.lang) == (2030, "%", "en")
    assert rd.indicator.startswith("R&D intensity") and rd.indicator.endswith("(% of GDP)")
    labs = _by(stmts, "target", 500)
    assert (labs.comparator, labs.year, labs.indicator) == (">=", 2028, "new laboratories")
    assert _by(stmts, "actual", 2.4).year == 2023


def test_a_past_deadline_in_a_later_document_is_an_actual(tmp_path: Path) -> None:
    paper = "关于未来产业的研究\n\n三、发展目标\n\n到2019年该比重已提高至37%，到2030年将达到50%以上。\n"
    stmts = extract_statements(_doc(tmp_path, "paper.txt", paper, "2021"))
    assert _by(stmts, "actual", 37).year == 2019
    assert not [s for s in stmts if s.kind == "target" and s.value == 37]


def test_a_plan_spanning_years_is_due_at_its_end_and_as_of_is_no_deadline(tmp_path: Path) -> None:
    plan = (
        "山河省新材料产业行动方案（2031—2033年）\n\n一、重点任务\n\n"
        "新建中试平台12个。截至2030年底，全省已建成中试平台5个。\n\n"
        "二、2030年工作执行情况\n\n全年新材料产业产值增长9.5%。\n"
    )
    stmts = extract_statements(_doc(tmp_path, "plan.txt", plan, None))
    assert _by(stmts, "target", 12).year == 2033
    assert _by(stmts, "actual", 5).year == 2030
    assert _by(stmts, "actual", 9.5).year == 2030  # 执行情况: a review section
