"""Document metadata on invented documents of each class: Chinese official notices with 文号, speeches with
a dated subtitle, Markdown with YAML front matter, English reports with a date line, legal-database exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.documents.dates import normalize_date_option
from sinoscope.documents.front_matter import front_matter
from sinoscope.documents.metadata import (
    MetadataOverrides,
    apply_overrides,
    describe_document,
    detect_lang,
    extract_metadata,
)
from sinoscope.documents.title_block import self_reference_year
from sinoscope.sources.read import read_source

# A State Council-style transmittal notice: cover (title, 文号, addressee, one sentence, issuer, date), then
# the plan it transmits, whose title is the document's title.
STATE_COUNCIL_NOTICE = """国务院关于印发《新型储能产业发展行动计划（2031—2035年）》的通知
国发〔2031〕12号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　现将《新型储能产业发展行动计划（2031—2035年）》印发给你们，请认真贯彻执行。
国务院
2031年5月8日
新型储能产业发展行动计划（2031—2035年）
　　为推动新型储能规模化发展，制定本计划。
　　一、总体要求
　　到2035年，新型储能装机规模达到3亿千瓦以上。
"""

# A municipal work report: title, a dated subtitle naming the session, the speaker, then the addressee.
WORK_REPORT = """市政府工作报告



——2030年1月12日在青川市第九届人民代表大会第三次会议上


市长　王　明


各位代表：

　　现在，我代表市人民政府，向大会报告工作，请予审议。

一、2029年工作回顾

　　过去一年，全市地区生产总值增长5.8%。
"""

# The same kind of report as a database record that starts at the addressee: no title lines at all.
WORK_REPORT_NO_TITLE = """各位代表：

　　现在，我代表市人民政府，向大会报告工作，请予审议。

一、2029年工作回顾

　　过去一年，全市地区生产总值增长5.8%。到2035年，基本建成现代化城市。
"""

# A legal-database export: citation-code and link lines, the title printed twice, the 文号 in brackets, and
# no date line (the 文号 gives the year).
LEGAL_DATABASE_EXPORT = """    【法宝引证码】 CLI.99.123456
原文链接：https://law.example.org/doc/abc.html
青川省科学技术厅关于开展2031年度科技创新券试点工作的通知
青川省科学技术厅关于开展2031年度科技创新券试点工作的通知
（青科发〔2031〕7号）
各市科技局：
　　为降低中小企业创新成本，现就有关事项通知如下。
　　一、试点范围
　　按照《青川省人民政府办公厅关于印发科技金融方案的通知》（青政办发〔2030〕21号）要求执行。
"""

ENGLISH_REPORT = """

Semiconductor Subsidies Compared: Three Decades of Industrial Policy

NOVEMBER 2029

Contents

1. Introduction

This paper compares the support that three economies gave to chip factories in the decade to 2029.
"""

ENGLISH_DATE_FIRST = """MARCH 2030

Robots in the Factory: Adoption Across Provinces

Executive summary

Industrial robot density rose across every province between 2020 and 2029, and the plan targets 2035.
"""

MARKDOWN_REPORT = """---
layout: post
title : "Quantum Networks: Who Leads?"
author: [A. Writer, B. Author]
date  : 2031-02-03 09:00:00 +0800
publisher: Example Institute
---

_A short standfirst that is not the title._

## Introduction

By 2035 the programme aims to link ten cities.
"""


def test_state_council_notice_with_document_number() -> None:
    meta = extract_metadata(STATE_COUNCIL_NOTICE)
    assert meta.title == "新型储能产业发展行动计划（2031—2035年）"
    assert meta.title_source == "enclosed-document"
    assert meta.doc_number == "国发〔2031〕12号"
    assert (meta.date, meta.date_source) == ("2031-05-08", "date-line")
    assert meta.issuer == "国务院"
    assert meta.lang == "zh"


def test_notice_without_date_line_takes_the_year_of_its_document_number() -> None:
    text = STATE_COUNCIL_NOTICE.replace("2031年5月8日\n", "")
    meta = extract_metadata(text)
    assert (meta.date, meta.date_source) == ("2031", "doc-number")


def test_work_report_with_dated_subtitle() -> None:
    meta = extract_metadata(WORK_REPORT)
    assert (meta.title, meta.title_source) == ("市政府工作报告", "title-block")
    assert (meta.date, meta.date_source) == ("2030-01-12", "subtitle")
    assert meta.issuer is not None and "王明" in meta.issuer and meta.issuer.startswith("市长")
    assert meta.doc_number is None


def test_report_without_title_lines_is_dated_by_its_own_review_and_has_no_title() -> None:
    meta = extract_metadata(WORK_REPORT_NO_TITLE)
    assert meta.title is None and meta.title_source == "fallback"
    assert (meta.date, meta.date_source) == ("2030", "self-reference")
    assert "title" not in meta.as_dict()
    assert meta.as_dict()["date_source"] == "self-reference"


def test_a_plan_horizon_is_not_a_date() -> None:
    text = "关于加快发展新型储能的意见\n\n　　一、主要目标\n　　到2035年，装机规模达到3亿千瓦。\n"
    meta = extract_metadata(text)
    assert meta.title == "关于加快发展新型储能的意见"
    assert meta.date is None and meta.date_source is None
    assert self_reference_year("过去一年，我们完成了目标。2029年是关键一年。") is None


def test_legal_database_boilerplate_is_skipped() -> None:
    meta = extract_metadata(LEGAL_DATABASE_EXPORT)
    assert meta.title == "青川省科学技术厅关于开展2031年度科技创新券试点工作的通知"
    assert meta.doc_number == "青科发〔2031〕7号"  # the number cited inside a sentence is not the document's
    assert meta.issuer == "青川省科学技术厅"
    assert (meta.date, meta.date_source) == ("2031", "doc-number")


def test_english_report_with_a_date_line() -> None:
    meta = extract_metadata(ENGLISH_REPORT)
    assert meta.title == "Semiconductor Subsidies Compared: Three Decades of Industrial Policy"
    assert (meta.date, meta.date_source) == ("2029-11", "date-line")
    assert meta.lang == "en"


def test_a_date_line_before_the_title_is_a_date_not_a_title() -> None:
    meta = extract_metadata(ENGLISH_DATE_FIRST)
    assert meta.title == "Robots in the Factory: Adoption Across Provinces"
    assert meta.date == "2030-03"


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "quantum.md"
    path.write_text(MARKDOWN_REPORT, encoding="utf-8")
    meta = describe_document(read_source(path), fallback_title="quantum")
    assert (meta.title, meta.title_source) == ("Quantum Networks: Who Leads?", "front-matter")
    assert (meta.date, meta.date_source) == ("2031-02-03", "front-matter")
    assert meta.issuer == "Example Institute"
    assert meta.author == "A. Writer, B. Author"
    assert meta.lang == "en"


def test_front_matter_that_is_not_valid_yaml_is_read_line_by_line() -> None:
    raw = "---\ntitle: Dual: Circulation: Notes\ndate: 2030-07-01\n---\nBody.\n"
    found = front_matter(raw)
    assert found["title"] == "Dual: Circulation: Notes"
    assert found["date"] == "2030-07-01"
    assert front_matter("No front matter here.\n---\n") == {}


def test_a_file_without_any_title_uses_the_fallback(tmp_path: Path) -> None:
    path = tmp_path / "untitled-notes.txt"
    path.write_text("各位代表：\n\n　　现在报告工作。\n", encoding="utf-8")
    meta = describe_document(read_source(path), fallback_title="untitled-notes")
    assert meta.title is None and meta.title_or_fallback == "untitled-notes"


def test_language_detection() -> None:
    assert detect_lang("国内生产总值增长5%，GDP grew") == "zh"
    assert detect_lang("The State Council (国务院) issued a plan on robots.") == "en"
    assert detect_lang("12345 — 67") is None


def test_overrides_set_what_the_file_does_not_say() -> None:
    meta = extract_metadata(WORK_REPORT_NO_TITLE)
    overrides = MetadataOverrides(title="青川市政府工作报告", date="2030-1-12", issuer="青川市人民政府")
    changed = apply_overrides(meta, overrides)
    assert changed.as_dict() == {
        "title": "青川市政府工作报告",
        "title_source": "cli",
        "date": "2030-01-12",
        "date_source": "cli",
        "issuer": "青川市人民政府",
        "lang": "zh",
    }


@pytest.mark.parametrize(
    ("given", "iso"),
    [
        ("2024", "2024"),
        ("2024-3", "2024-03"),
        ("2024-03-05", "2024-03-05"),
        ("2024年3月5日", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
    ],
)
def test_date_option_forms(given: str, iso: str) -> None:
    assert normalize_date_option(given) == iso


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-01", "2024-02-30", "24", ""])
def test_bad_date_options_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        normalize_date_option(bad)


# A journal article converted from PDF: title, funding note and the manuscript date on one line, authors.
JOURNAL_ARTICLE = """青川省新能源产业的技术追赶（2020-2040）

*基金项目：青川省社科规划项目 **通讯作者 收稿日期：2031年9月2日

张三1 李四2

摘要 本文估计了新能源产业的技术差距，到2040年可基本完成追赶。
"""


def test_manuscript_dates_give_the_year_only() -> None:
    meta = extract_metadata(JOURNAL_ARTICLE)
    assert meta.title == "青川省新能源产业的技术追赶（2020-2040）"
    assert (meta.date, meta.date_source) == ("2031", "manuscript-date")
    english = "Battery Recycling in Practice\n\nReceived 12 March 2029; accepted 5 May 2029\n\nAbstract. We study...\n"
    assert (extract_metadata(english).date, extract_metadata(english).date_source) == ("2029", "manuscript-date")


def test_a_summary_of_last_years_work_dates_the_report() -> None:
    text = "各位代表：\n\n一、2030年工作总结\n\n　　一年来，全市经济稳定增长。\n"
    assert extract_metadata(text).date == "2031"


def test_hostile_front_matter_is_bounded() -> None:
    laughs = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
            for i in range(20)
        )
        + "title: Safe\n---\nBody\n"
    )
    assert front_matter(laughs)["title"] == "Safe"
    deep = "---\ntitle: Deep\nx: " + "[" * 5000 + "]" * 5000 + "\n---\nBody\n"
    assert front_matter(deep)["title"] == "Deep"


def test_cover_titles_wrapped_over_lines_are_joined() -> None:
    notice = (
        "国务院关于印发\n新型储能产业发展行动计划的通知\n国发〔2031〕12号\n各部门：\n"
        "　　现将《新型储能产业发展行动计划》印发给你们。\n国务院\n2031年5月8日\n"
        "新型储能产业发展\n行动计划\n　　一、总体要求\n"
    )
    meta = extract_metadata(notice)
    assert meta.title == "新型储能产业发展行动计划"
    assert meta.issuer == "国务院"
    english = "Chip Self-Reliance and\nthe Limits of Industrial Policy\n\nJune 2030\n\nBody text.\n"
    assert extract_metadata(english).title == "Chip Self-Reliance and the Limits of Industrial Policy"
    # a title line repeated by a database export, or a heading after it, is not a continuation
    assert extract_metadata("储能发展报告\n储能发展报告\n一、总体情况\n").title == "储能发展报告"


def test_a_page_title_with_the_site_name_gives_way_to_the_texts_own_title(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Chip Subsidies After 2030 | Example Policy Institute</title></head><body>"
        "<main><h1>Chip Subsidies After 2030</h1><p>Published: 5 March 2031</p>"
        "<p>Governments across the region expanded subsidies to chip factories over the decade.</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    meta = describe_document(read_source(page))
    assert (meta.title, meta.title_source) == ("Chip Subsidies After 2030", "title-block")
    assert (meta.date, meta.date_source) == ("2031-03-05", "date-line")


@pytest.mark.parametrize("junk", ["Microsoft Word - draft3.docx", "Untitled", "Document1", "report_v2.pdf"])
def test_junk_title_fields_are_ignored(junk: str) -> None:
    meta = extract_metadata("Robot Density in 2030\n\nBody text.\n", reader_title=junk)
    assert (meta.title, meta.title_source) == ("Robot Density in 2030", "title-block")
    kept = extract_metadata("Robot Density in 2030\n\nBody text.\n", reader_title="Robots: A Field Guide")
    assert (kept.title, kept.title_source) == ("Robots: A Field Guide", "reader")


def test_signature_dates_in_chinese_numerals() -> None:
    text = STATE_COUNCIL_NOTICE.replace("2031年5月8日", "二〇三一年五月八日")
    assert (extract_metadata(text).date, extract_metadata(text).date_source) == ("2031-05-08", "date-line")
    assert normalize_date_option("二〇三一年十二月三十一日") == "2031-12-31"
    with pytest.raises(ValueError):
        normalize_date_option("二〇三一年二月三十日")


def test_ordinal_english_dates() -> None:
    text = "Battery Supply Chains in Review\n\nPublished: March 5th, 2030\n\nBody.\n"
    assert extract_metadata(text).date == "2030-03-05"


@pytest.mark.parametrize("opening", ["Executive Summary", "CONTENTS", "Table of Contents", "目　录", "摘要"])
def test_a_document_opening_on_a_section_name_has_no_title(opening: str) -> None:
    meta = extract_metadata(f"{opening}\n\nThis report examines robot density across provinces in some detail.\n")
    assert meta.title is None and meta.title_source == "fallback"


@pytest.mark.parametrize(
    ("opening", "date"),
    [
        (
            "Republic of Ostmark\nStatistical Bulletin 2030\nReleased 26 February 2031\n\n1. OVERVIEW\nBody.\n",
            "2031-02-26",
        ),
        (
            "# Compute Subsidies Under Review\n\n*Policy Brief No. 9 | Centre for Chip Policy | March 2031*\n\nBody.\n",
            "2031-03",
        ),
        ("Battery Minerals Outlook\nOstmark Institute · Working Paper 12 · 4 May 2031\n\nBody.\n", "2031-05-04"),
        ("Battery Minerals Outlook\nRelease date: 4 May 2031\n\nBody.\n", "2031-05-04"),
    ],
)
def test_english_release_lines_and_bylines_date_the_document(opening: str, date: str) -> None:
    """English bulletins and briefs print the issue date after "Released" or as one part of a byline under
    the title; "last year" in a question about them is read against it."""
    assert extract_metadata(opening).date == date


def test_a_byline_without_a_date_gives_none() -> None:
    assert extract_metadata("Chip Policy Review\nCentre for Chip Policy | Working Paper 12\n\nBody.\n").date is None


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        (
            "REPUBLIC OF OSTMARK\nNATIONAL STATISTICS OFFICE\n\n"
            "STATISTICAL BULLETIN ON THE ECONOMY, 2030\n\n1. OVERVIEW\n",
            "STATISTICAL BULLETIN ON THE ECONOMY, 2030",
        ),
        (
            "Brannock Port Authority\nMonthly Trade Update - May 2031\n\nBody text follows here.\n",
            "Monthly Trade Update - May 2031",
        ),
        # no letterhead: a title naming a body stays the title
        (
            "Institute of Chip Policy Annual Conference\n\nBody text follows here.\n",
            "Institute of Chip Policy Annual Conference",
        ),
        # a letterhead over a bare kind word keeps the first line (a two-word line is no title)
        ("Ostmark Statistics Office\nPolicy Brief\n\nBody text follows here.\n", "Ostmark Statistics Office"),
    ],
)
def test_an_english_letterhead_above_the_title_is_not_the_title(opening: str, title: str) -> None:
    """Bulletins print the issuing body (a country, an office, an authority) above the document's own title."""
    assert extract_metadata(opening).title == title


def test_the_letterhead_line_nearest_the_title_is_the_issuer() -> None:
    meta = extract_metadata(
        "REPUBLIC OF OSTMARK\nNATIONAL STATISTICS OFFICE\n\nSTATISTICAL BULLETIN ON THE ECONOMY, 2030\n"
    )
    assert meta.issuer == "NATIONAL STATISTICS OFFICE"
    assert extract_metadata("Chip Policy Review 2030\n\nBody text follows here.\n").issuer is None
