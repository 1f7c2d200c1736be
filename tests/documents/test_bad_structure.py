"""Bad or odd input never crashes or stalls structure recovery (documents invented here).

No timing is asserted (speed targets live in bench/); the large inputs are sized so that a quadratic step
would make the test visibly slow rather than fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.documents.model import BlockKind, Document
from sinoscope.documents.structure import build_document
from sinoscope.errors import InputError
from sinoscope.sources.model import SourceFormat, SourceText
from sinoscope.sources.read import read_source


def _text(text: str) -> Document:
    return build_document(SourceText(Path("odd.txt"), SourceFormat.TEXT, text, "hash"), "doc")


def _spans_exact(doc: Document) -> None:
    for b in doc.blocks:
        if b.kind is not BlockKind.TABLE:
            assert " ".join(doc.text[s.start : s.end] for s in b.spans) == b.text, b.anchor


def test_text_without_structure_is_paragraphs() -> None:
    english = "We met on a Tuesday.\n\nNothing here is numbered, and nothing is a heading.\n\nThe end.\n"
    chinese = "今天天气很好。\n\n我们讨论了很多事情，但没有任何编号。\n\n会议结束。\n"
    for text in (english, chinese):
        doc = _text(text)
        assert doc.chapters == ()
        assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH] * 3
        assert [b.anchor for b in doc.blocks] == ["doc#front¶1", "doc#front¶2", "doc#front¶3"]


def test_a_single_numbered_line_is_not_an_outline() -> None:
    doc = _text("一、只有这一行带编号\n\n后面都是正文。\n")
    assert doc.chapters == ()


def test_form_feed_and_vertical_tab_page_breaks_end_lines() -> None:
    doc = _text("一、总则\f（一）适用范围\v本办法适用于全市。\f二、附则\n（一）解释\n本办法由市政府解释。\n")
    assert [(c.title, [s.title for s in c.sections]) for c in doc.chapters] == [
        ("总则", ["适用范围"]),
        ("附则", ["解释"]),
    ]
    assert [c.line for c in doc.chapters] == [1, 1]
    _spans_exact(doc)


def test_full_width_digits_and_mixed_scripts_number_headings() -> None:
    text = "一、Overview 概述\n（１）Scope 范围\n正文 text。\n（２）Terms 术语\n正文。\n"
    text += "二、Annex 附件\n（１）Forms\n正文。\n"
    doc = _text(text)
    assert [(c.number, c.title) for c in doc.chapters] == [(1, "Overview 概述"), (2, "Annex 附件")]
    assert [s.number for c in doc.chapters for s in c.sections] == ["1.1", "1.2", "2.1"]
    assert [b.label for b in doc.blocks if b.kind is BlockKind.HEADING] == ["一", "（１）", "（２）", "二", "（１）"]


def test_two_hundred_level_deep_lists_read_whole_or_fail_with_a_reason(tmp_path: Path) -> None:
    markdown = tmp_path / "deep.md"
    markdown.write_text("# Deep\n\n" + "".join("  " * i + f"- item {i}\n" for i in range(200)), encoding="utf-8")
    doc = build_document(read_source(markdown), "doc")
    assert doc.text.count("item ") == 200
    html = tmp_path / "deep.html"
    html.write_text("<h1>Deep</h1>" + "<ul><li>entry" * 200 + "</li></ul>" * 200, encoding="utf-8")
    assert build_document(read_source(html), "doc").text.count("entry") == 200
    text = "".join("  " * i + f"- item {i}\n" for i in range(200)) + "1." + ".".join(["1"] * 200) + " Deep\n"
    assert len(_text(text).blocks) >= 200
    deeper = tmp_path / "deeper.md"
    deeper.write_text("".join("  " * i + f"- item {i}\n" for i in range(2000)), encoding="utf-8")
    with pytest.raises(InputError, match="deep"):
        read_source(deeper)


def test_large_chinese_document_with_every_scheme_builds() -> None:
    parts = []
    for i in range(1, 401):
        parts.append(f"第{i}章 第{i}部分\n")
        for j in range(1, 6):
            parts.append(f"（{j}）小节{j}。正文内容{j}。\u3000\u3000另一段。\n1．事项。说明。\n①子项\n")
    doc = _text("".join(parts))
    assert len(doc.blocks) > 4000
    _spans_exact(doc)


def test_many_repeated_labels_get_unique_anchors() -> None:
    doc = _text("".join("Table 1-1. The same caption\nYear\tValue\n2030\t1\n\n" for _ in range(300)))
    anchors = [b.anchor for b in doc.blocks]
    assert len(anchors) == len(set(anchors))
    assert anchors[:3] == ["doc#table-1-1", "doc#table-1-1-b", "doc#table-1-1-c"]
