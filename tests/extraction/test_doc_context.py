"""Headings and opening phrases set the period and kind of figures beneath them (invented documents)."""

from __future__ import annotations

from sinoscope.documents.model import Block, BlockKind, Document, Span
from sinoscope.extraction.doc_context import ContextTracker, heading_level, lead_period, named_year
from sinoscope.extraction.facts import extract_facts
from sinoscope.extraction.model import Kind
from sinoscope.extraction.relative_periods import parse_doc_date

MARCH_2024 = parse_doc_date("2024-03")


def test_numbered_chinese_lines_are_headings_sentences_are_not() -> None:
    assert heading_level("一、2023年工作回顾", marked=False) == 1
    assert heading_level("（二）扩大有效投资", marked=False) == 2
    assert heading_level("各位代表！", marked=False) is None
    assert heading_level("一、全年增长5%，超过预期。", marked=False) is None
    assert heading_level("Outlook for 2030", marked=True) == 1


def test_a_heading_names_one_year_or_none() -> None:
    assert named_year("一、2023年工作回顾", None) == "2023"
    assert named_year("过去一年工作回顾", MARCH_2024) == "2023"
    assert named_year("2015-2050年展望", None) == "2015-2050"  # a stage: one span and nothing else
    assert named_year("2015年与2015-2050年展望", None) is None
    assert named_year("2020年与2025年比较", None) is None


def test_a_paragraph_opening_with_a_relative_phrase_sets_its_period() -> None:
    assert lead_period("回顾过去一年，我们……", MARCH_2024) == "2023"
    assert lead_period("我们认为去年的成绩来之不易", MARCH_2024) is None


def test_tracker_defaults() -> None:
    t = ContextTracker("某市2024年工作要点", MARCH_2024)
    assert t.paragraph("全年新增就业5万人。").period == "2024"
    t.heading("一、2023年工作回顾", 1)
    assert t.paragraph("全年新增就业4万人。").period == "2023"
    assert t.paragraph("全年新增就业4万人。").kind is None
    t.heading("二、2024年主要任务", 1)
    ctx = t.paragraph("新建5G基站1000个。")
    assert (ctx.period, ctx.kind) == ("2024", Kind.TARGET)


def _doc(lines: list[str], date: str | None) -> Document:
    text = "\n\n".join(lines)
    blocks = []
    pos = 0
    for i, line in enumerate(lines):
        span = (Span(pos, pos + len(line)),)
        blocks.append(Block(BlockKind.PARAGRAPH, f"t#front¶{i + 1}", span, line, 1 + 2 * i, None, None, i))
        pos += len(line) + 2
    return Document("t", "", text, (), tuple(blocks), metadata={"date": date} if date else {})


def test_an_invented_work_report_gets_its_years_from_headings_and_date() -> None:
    doc = _doc(
        [
            "一、过去一年工作回顾",
            "全年地区生产总值增长5.1%，新增城镇就业8.2万人。",
            "二、今年工作安排",
            "今年主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业8万人以上。",
        ],
        "2024-02-20",
    )
    got = [(f.text, f.period, str(f.kind), f.comparator) for f in extract_facts(doc)]
    assert got == [
        ("5.1%", "2023", "actual", "="),
        ("8.2万", "2023", "actual", "="),
        ("5.5%", "2024", "target", "~"),
        ("8万", "2024", "target", ">="),
    ]


def test_the_same_report_without_a_date_keeps_only_stated_years() -> None:
    doc = _doc(["一、过去一年工作回顾", "全年地区生产总值增长5.1%。"], None)
    assert [f.period for f in extract_facts(doc)] == [None]


def test_without_a_year_or_a_date_a_plans_heading_announces_nothing() -> None:
    t = ContextTracker("Battery Industry Plans and Outlook", None)
    t.heading("Targets and Plans", 1)
    assert t.paragraph("In 2021 makers received RMB 2 billion.").kind is None


def test_the_title_gives_its_year_but_not_a_kind() -> None:
    t = ContextTracker("某市2023年数字经济发展行动计划", parse_doc_date("2023-02"))
    ctx = t.paragraph("全市数字经济规模达到3000亿元。")
    assert (ctx.period, ctx.kind) == ("2023", None)


def test_an_assigned_task_item_announces_targets_but_not_its_score_or_what_exists() -> None:
    doc = _doc(
        [
            "某市2023年智慧城市建设考核办法",
            "12．新建社区服务站80个，覆盖全市95%的街道。（2分）（9月底完成，牵头考核单位：市住建局）",
            "13．在现有40项网上办理事项的基础上，再新增25项。（1分）（责任单位：市政务服务局）",
            "以各牵头考核单位报送分值为基础，汇总形成6个方面的考评结果。",
        ],
        "2023-03-01",
    )
    got = {(f.value, f.unit, str(f.kind)) for f in extract_facts(doc)}
    assert {(80, "items", "target"), (95, "%", "target"), (25, "items", "target")} <= got
    assert {(2, "points", "actual"), (1, "points", "actual"), (40, "items", "actual"), (6, "aspects", "actual")} <= got
