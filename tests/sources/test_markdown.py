"""Markdown: markup removed, headings and pipe tables as hints, raw HTML sanitised like HTML files."""

from __future__ import annotations

from pathlib import Path

from sinoscope.sources.markdown import read_markdown
from sinoscope.sources.read import read_source


def test_front_matter_title_and_markup_removed(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        '---\ntitle: "Quarterly Notes on Grants"\nauthor: someone\n---\n\n'
        "## 5.1 Grant **volumes**\n\nVolumes grew `fast` in [the north](http://example.org)\n"
        "and slowly elsewhere<sup>4</sup>.\n"
    )
    source = read_source(path)
    assert source.title == "Quarterly Notes on Grants"
    assert source.text == "5.1 Grant volumes\n\nVolumes grew fast in the north and slowly elsewhere⁴.\n"
    assert source.hints.headings == {0: 2}


def test_setext_headings_and_pipe_table() -> None:
    text, hints, title = read_markdown(
        "Outlook\n=======\n\n| Item | 2022 | 2023 |\n|:--|--:|--:|\n| Chips | 1.5 | 2.0 |\n| Robots | 0.7 | |\n"
    )
    assert text == "Outlook\n\nItem\t2022\t2023\nChips\t1.5\t2.0\nRobots\t0.7\n"
    assert hints.headings == {0: 1}
    assert hints.table_lines == frozenset({2, 3, 4})
    assert title is None


def test_lists_keep_their_markers_one_item_per_line() -> None:
    text, _, _ = read_markdown(
        "Steps:\n\n1. Plan\n2. Build\n   - buy tools\n   - hire staff\n3. Review\n\n"
        "* loose item\n\n  second paragraph\n"
    )
    assert text == (
        "Steps:\n\n1. Plan\n2. Build\n- buy tools\n- hire staff\n3. Review\n\n- loose item second paragraph\n"
    )


def test_code_blocks_keep_their_lines() -> None:
    text, hints, _ = read_markdown("```\nrow a\nrow b\n```\n\n    indented code\n")
    assert text == "row a\nrow b\n\nindented code\n"
    assert hints.headings == {}


def test_raw_html_blocks_are_sanitised() -> None:
    text, _, _ = read_markdown(
        "Before.\n\n<div>\n<script>leakedScript()</script>\n<p>Kept para</p>\n"
        "<!-- leakedComment -->\n</div>\n\nAfter.\n"
    )
    assert "leaked" not in text
    assert text == "Before.\n\nKept para\n\nAfter.\n"
