"""Structure recovery by document family, on documents invented here (none is taken from a real file).

Families: Chinese plans numbered 一、/（一）/1．, run-in headings, paragraphs run together with U+3000
indents, Markdown reports with tables (and PDF-conversion artefacts), HTML pages with navigation, DOCX
with heading styles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml

from sinoscope.documents.model import BlockKind, Document
from sinoscope.documents.structure import build_document
from sinoscope.sources.model import SourceFormat, SourceText
from sinoscope.sources.read import read_source


def _text(text: str) -> Document:
    return build_document(SourceText(Path("plan.txt"), SourceFormat.TEXT, text, "hash"), "doc")


def _file(path: Path, content: str) -> Document:
    path.write_text(content, encoding="utf-8")
    return build_document(read_source(path), "doc")


def _outline(doc: Document) -> list[tuple[str, int, str]]:
    """(number, level, title) of every heading, chapters as level 1."""
    out: list[tuple[str, int, str]] = []
    for c in doc.chapters:
        out.append((str(c.number), 1, c.title))
        out.extend((s.number, s.level, s.title) for s in c.sections)
    return out


def _labels(doc: Document) -> list[str | None]:
    return [b.label for b in doc.blocks if b.kind is BlockKind.HEADING]


def _spans_exact(doc: Document) -> None:
    """Every block's text is its spans' characters: offsets still point at the file."""
    for b in doc.blocks:
        if b.kind is BlockKind.TABLE:
            continue
        assert " ".join(doc.text[s.start : s.end] for s in b.spans) == b.text, b.anchor


PLAN = """某市推进智能制造发展实施方案

为加快智能制造发展，结合本市实际，制定本方案。

一、总体目标
到2027年，全市智能工厂数量明显增加，关键工序数控化率稳步提高。
二、主要任务
（一）夯实工业软件基础
1．建设工业软件适配中心，完善测试验证环境，支持企业开展联合攻关，形成一批可推广的产品。
2．组织开展软件首版次推广，落实保险补偿政策，扩大应用规模，每年遴选一批典型案例。
（二）培育系统解决方案供应商
3．遴选一批系统集成服务商，开展分行业诊断服务，推广成熟方案，降低中小企业改造成本。
4．支持龙头企业输出改造经验，带动上下游企业协同升级，建设行业级工业互联网平台。
三、保障措施
（一）加强组织领导
5．建立联席会议制度，统筹推进重大事项，定期调度工作进展并通报结果。
（二）强化资金支持
6．统筹用好专项资金，对示范项目给予补助，引导社会资本加大投入力度。
"""


def test_chinese_plan_parts_and_subparts_are_headings_and_running_task_numbers_are_list_items() -> None:
    doc = _text(PLAN)
    assert _outline(doc) == [
        ("1", 1, "总体目标"),
        ("2", 1, "主要任务"),
        ("2.1", 2, "夯实工业软件基础"),
        ("2.2", 2, "培育系统解决方案供应商"),
        ("3", 1, "保障措施"),
        ("3.1", 2, "加强组织领导"),
        ("3.2", 2, "强化资金支持"),
    ]
    assert _labels(doc) == ["一", "二", "（一）", "（二）", "三", "（一）", "（二）"]
    assert [c.line for c in doc.chapters] == [5, 7, 14]
    tasks = [b for b in doc.blocks if b.text.startswith(("1．", "3．", "6．"))]
    assert [b.kind for b in tasks] == [BlockKind.LIST_ITEM] * 3
    assert tasks[1].anchor == "doc#2.2¶1"
    _spans_exact(doc)


def test_a_numbering_that_restarts_under_each_parent_with_short_items_is_a_heading_level() -> None:
    doc = _text(
        "一、重点领域\n（一）新能源\n1．光伏\n正文说明。\n2．风电\n正文说明。\n（二）新材料\n1．先进陶瓷\n"
        "正文说明。\n2．特种合金\n正文说明。\n二、保障措施\n（一）资金\n正文说明。\n（二）人才\n正文说明。\n"
    )
    assert [(n, lvl) for n, lvl, _ in _outline(doc)] == [
        ("1", 1), ("1.1", 2), ("1.1.1", 3), ("1.1.2", 3), ("1.2", 2), ("1.2.1", 3), ("1.2.2", 3),
        ("2", 1), ("2.1", 2), ("2.2", 2),
    ]  # fmt: skip
    assert _outline(doc)[5][2] == "先进陶瓷"


RUN_IN = """一、工作任务

（一）稳步扩大有效投资。围绕重大项目加强要素保障，加快前期工作，尽早形成实物工作量。

一是加快项目建设。二是强化资金保障。这些不是标题。

——投资规模稳定增长。破折号引出的段落也不是标题。

（二）持续优化营商环境。深化审批改革，压缩办理时限。

二、组织实施

（一）压实工作责任。各部门要细化分工，明确时间表。

五、这一行的编号不接续上文，只是正文中的一句话。

（二）加强督促检查。定期通报进展。
"""


def test_run_in_heading_is_the_lead_phrase_and_its_paragraph_follows_on_the_same_line() -> None:
    doc = _text(RUN_IN)
    assert _outline(doc) == [
        ("1", 1, "工作任务"),
        ("1.1", 2, "稳步扩大有效投资"),
        ("1.2", 2, "持续优化营商环境"),
        ("2", 1, "组织实施"),
        ("2.1", 2, "压实工作责任"),
        ("2.2", 2, "加强督促检查"),
    ]
    heading = next(b for b in doc.blocks if b.anchor == "doc#1.1")
    body = doc.blocks[heading.ordinal + 1]
    assert heading.text == "（一）稳步扩大有效投资。"
    assert body.kind is BlockKind.PARAGRAPH and body.anchor == "doc#1.1¶1"
    assert body.text.startswith("围绕重大项目") and body.line == heading.line == 3
    assert body.start == heading.end
    assert any(b.text.startswith("五、这一行") and b.kind is not BlockKind.HEADING for b in doc.blocks)
    _spans_exact(doc)


def test_paragraphs_run_together_with_ideographic_indents_are_split() -> None:
    line = "\u3000\u3000第一段说明基本情况。\u3000\u3000第二段提出工作要求！\u3000\u3000第三段明确分工安排。"
    doc = _text(line + "\r\n\u3000\u3000下一行是另一段。\r\n\u3000\u3000再下一行又是一段。\r\n")
    texts = [b.text.strip("\u3000") for b in doc.blocks]
    assert texts == [
        "第一段说明基本情况。",
        "第二段提出工作要求！",
        "第三段明确分工安排。",
        "下一行是另一段。",
        "再下一行又是一段。",
    ]
    assert [b.line for b in doc.blocks] == [1, 1, 1, 2, 3]
    _spans_exact(doc)


def test_chinese_lines_wrapped_without_punctuation_stay_one_paragraph() -> None:
    doc = _text("积极推动加入\n某个很长的协定名称\n（简称）等高标准经贸协议。\n\n下一段。\n")
    assert [b.text for b in doc.blocks] == ["积极推动加入 某个很长的协定名称 （简称）等高标准经贸协议。", "下一段。"]


MARKDOWN = """---
title: 区域创新能力评估
#note: 这一行是被注释的键，不是标题
---
# 区域创新能力评估报告

# 张三1.2 李四1

摘要：本文评估区域创新能力。

# 12030年发展目标

目标正文。

# 2 支撑条件

# 2.1基础设施

| 指标 | 2020 | 2025 |
|---|---|---|
| 研发投入 | 1.2 | 2.0 |
| 专利数量 | 300 | 450 |

# 2.22035年展望

<table><tr><td>项目</td><td>数值</td></tr><tr><td>人才</td><td>80</td></tr></table>

# 参考文献

[1] 某作者. 某文献.
"""


def test_markdown_numbers_fused_with_digits_are_read_by_sequence_and_front_headings_are_not_parts(
    tmp_path: Path,
) -> None:
    doc = _file(tmp_path / "report.md", MARKDOWN)
    assert _outline(doc) == [
        ("1", 1, "2030年发展目标"),
        ("2", 1, "支撑条件"),
        ("2.1", 2, "基础设施"),
        ("2.2", 2, "2035年展望"),
        ("3", 1, "参考文献"),
    ]
    assert _labels(doc) == ["1", "2", "2.1", "2.2", None]
    rows = [b.table.rows for b in doc.tables() if b.table is not None]
    assert rows == [
        (("指标", "2020", "2025"), ("研发投入", "1.2", "2.0"), ("专利数量", "300", "450")),
        (("项目", "数值"), ("人才", "80")),
    ]
    assert "这一行是被注释的键" not in doc.text


def test_markdown_atx_and_setext_levels_nest(tmp_path: Path) -> None:
    text = "Opening words.\n\nBackground\n==========\n\nText.\n\nFunding\n-------\n\n### Grants\n\n- a list item\n"
    doc = _file(tmp_path / "brief.md", text + "\nOutlook\n=======\n\n#### Risks\n\nText.\n")
    assert _outline(doc) == [
        ("1", 1, "Background"),
        ("1.1", 2, "Funding"),
        ("1.1.1", 3, "Grants"),
        ("2", 1, "Outlook"),
        ("2.1", 4, "Risks"),
    ]
    assert _labels(doc) == [None] * 5


HTML = """<!DOCTYPE html><html><head><title>Annual Review</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
<header><div class="banner">Site banner words</div></header>
<main>
<h1>Annual Review of Research Funding</h1><p>Opening paragraph.</p>
<h2>Budget</h2><p>The budget grew.</p>
<table><caption>Table 1. Spending</caption><tr><th>Year</th><th>Amount</th></tr>
<tr><td>2031</td><td>12</td></tr></table>
<h2>Outlook</h2><h3>Risks</h3><p>Risks remain.</p>
</main>
<footer>Copyright notice words</footer></body></html>
"""


def test_html_page_headings_and_table_without_navigation_banner_or_footer(tmp_path: Path) -> None:
    doc = _file(tmp_path / "page.html", HTML)
    assert _outline(doc) == [("1", 1, "Budget"), ("2", 1, "Outlook"), ("2.1", 2, "Risks")]
    assert doc.blocks[0].text == "Annual Review of Research Funding"  # the page's title, not a part
    for chrome in ("Home", "Contact us", "Site banner words", "Copyright notice words"):
        assert chrome not in doc.text
    tables = doc.tables()
    assert len(tables) == 1 and tables[0].table is not None
    assert tables[0].table.rows == (("Year", "Amount"), ("2031", "12"))


def test_docx_heading_styles_give_the_outline_with_chinese_numbers_kept(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("一、发展基础", 1)
    document.add_paragraph("产业规模持续扩大。")
    document.add_heading("（一）产业规模", 2)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("指标", "数值"), ("产值", "100"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_heading("（二）创新能力", 2)
    document.add_heading("二、主要目标", 1)
    document.add_paragraph("到2030年实现目标。")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    doc = build_document(read_source(path), "doc")
    assert _outline(doc) == [
        ("1", 1, "发展基础"),
        ("1.1", 2, "产业规模"),
        ("1.2", 2, "创新能力"),
        ("2", 1, "主要目标"),
    ]
    assert _labels(doc) == ["一", "（一）", "（二）", "二"]
    assert len(doc.tables()) == 1


def _chinese_heading_numbering(document: Any) -> None:
    """Word's own 一、/（一） numbering tied to Heading 1/2 (the numbers are not in the paragraph text)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="51">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:pStyle w:val="Heading2"/><w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="51"><w:abstractNumId w:val="51"/></w:num>'))
    for name in ("Heading 1", "Heading 2"):
        document.styles[name].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:numId w:val="51"/></w:numPr>')
        )


def test_docx_automatic_chinese_numbering_is_printed_and_read_as_the_outline(tmp_path: Path) -> None:
    document = docx.Document()
    _chinese_heading_numbering(document)
    for level, title in [(1, "总体要求"), (2, "指导思想"), (2, "基本原则"), (1, "重点任务"), (2, "扩大开放")]:
        document.add_heading(title, level)
        document.add_paragraph("正文内容。")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    doc = build_document(read_source(path), "doc")
    assert doc.text.startswith("一、 总体要求") or doc.text.startswith("一、总体要求")
    assert _outline(doc) == [
        ("1", 1, "总体要求"),
        ("1.1", 2, "指导思想"),
        ("1.2", 2, "基本原则"),
        ("2", 1, "重点任务"),
        ("2.1", 2, "扩大开放"),
    ]
    assert _labels(doc) == ["一", "（一）", "（二）", "二", "（一）"]


def test_english_roman_and_letter_outline_with_i_as_the_ninth_letter() -> None:
    items = "".join(f"{chr(65 + k)}. Finding on topic {k}\nText of the finding.\n" for k in range(10))
    text = "Brief on Research Security\n\nI. Introduction\nOpening text.\nII. Findings\n" + items
    doc = _text(text + "III. Recommendations\nA. Short term\nText.\nB. Long term\nText.\n")
    assert [(c.number, c.title) for c in doc.chapters] == [(1, "Introduction"), (2, "Findings"), (3, "Recommendations")]
    assert [s.number for s in doc.chapters[1].sections] == [f"2.{k}" for k in range(1, 11)]
    assert doc.chapters[1].sections[8].title == "Finding on topic 8"
    assert _labels(doc)[:4] == ["I", "II", "A", "B"]
    assert _labels(doc)[10] == "I"


def test_law_articles_numbered_through_chapters_are_items_and_their_clauses_are_not_headings() -> None:
    law = (
        "某省数据条例\n\n第一章 总则\n第一条 为了促进数据依法有序流动，制定本条例。\n"
        "第二条 本条例适用于本省行政区域内的数据处理活动。\n第二章 数据资源\n第三条 数据处理者应当履行下列义务：\n"
        "（一）建立数据安全管理制度；\n（二）开展风险监测；\n第四条 公共数据实行目录管理。\n（一）编制目录；\n"
        "（二）定期更新；\n第三章 附则\n第五条 本条例自公布之日起施行。\n"
    )
    doc = _text(law)
    assert [(c.number, c.title, c.sections) for c in doc.chapters] == [
        (1, "总则", ()),
        (2, "数据资源", ()),
        (3, "附则", ()),
    ]
    assert _labels(doc) == ["第一章", "第二章", "第三章"]
    article = next(b for b in doc.blocks if b.text.startswith("第三条"))
    assert article.kind is BlockKind.LIST_ITEM and article.anchor == "doc#2¶1"


def test_chinese_contents_with_dot_leaders_are_not_the_outline() -> None:
    toc = "某规划\n\n目　录\n\n一、发展基础……………………1\n二、总体要求……………………3\n三、主要任务……………………5\n\n"
    doc = _text(toc + "一、发展基础\n正文。\n二、总体要求\n正文。\n三、主要任务\n正文。\n")
    assert [(c.number, c.title, c.line) for c in doc.chapters] == [
        (1, "发展基础", 9),
        (2, "总体要求", 11),
        (3, "主要任务", 13),
    ]


def test_markdown_chinese_markers_at_one_hash_level_nest_by_scheme(tmp_path: Path) -> None:
    text = "# 一、总体要求\n\n正文。\n\n# （一）指导思想\n\n正文。\n\n# （二）基本原则\n\n正文。\n\n"
    text += "# 二、重点任务\n\n# （一）扩大内需\n\n正文。\n"
    doc = _file(tmp_path / "converted.md", text)
    assert _outline(doc) == [
        ("1", 1, "总体要求"),
        ("1.1", 2, "指导思想"),
        ("1.2", 2, "基本原则"),
        ("2", 1, "重点任务"),
        ("2.1", 2, "扩大内需"),
    ]


def test_markdown_prologue_before_numbered_chapters_is_chapter_zero_as_in_plain_text(tmp_path: Path) -> None:
    text = "# A Study of Imaginary Funds\n\n# Prologue\n\nWhy this study.\n\n## Scope\n\nText.\n\n"
    doc = _file(tmp_path / "study.md", text + "# 1 Money\n\nText.\n\n## 1.1 Sources\n\nText.\n\n# 2 Plans\n\nText.\n")
    assert _outline(doc) == [
        ("0", 1, "Prologue"),
        ("0.1", 2, "Scope"),
        ("1", 1, "Money"),
        ("1.1", 2, "Sources"),
        ("2", 1, "Plans"),
    ]
    assert doc.chapters[0].anchor == "doc#0" and doc.chapters[0].sections[0].anchor == "doc#0.1"


def test_docx_styled_parts_with_numbered_subparts_in_plain_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    for part, subparts in (
        ("一、总体要求", ("（一）指导思想", "（二）基本原则")),
        ("二、重点任务", ("（一）扩大内需",)),
    ):
        document.add_heading(part, 1)
        for sub in subparts:
            document.add_paragraph(sub)
            document.add_paragraph("正文内容，说明具体要求。")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    doc = build_document(read_source(path), "doc")
    assert [(n, lvl) for n, lvl, _ in _outline(doc)] == [("1", 1), ("1.1", 2), ("1.2", 2), ("2", 1), ("2.1", 2)]
