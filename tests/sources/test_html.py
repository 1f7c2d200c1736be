"""HTML: only visible text, in the canonical shape; hidden content never reaches the text."""

from __future__ import annotations

from pathlib import Path

from sinoscope.sources.html import read_html
from sinoscope.sources.read import read_source

HIDDEN = """<!DOCTYPE html>
<html><head><title>Plan  Review &amp; Outlook</title>
<style>.x { content: "styleSecret" }</style>
<script>window.scriptSecret = "</p>";</script>
</head><body>
<!-- commentSecret: draft note -->
<noscript>noscriptSecret</noscript>
<template><p>templateSecret</p></template>
<h2>3.2 Review of the Plan</h2>
<p>The review found <b>mixed</b> results<sup>2</sup> across
   regions.<script>inlineSecret()</script></p>
<p>Line one<br>line two</p>
<script type="application/ld+json">{"jsonSecret": 1}</script>
</body></html>
"""


def test_scripts_styles_comments_and_templates_are_stripped(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HIDDEN)
    source = read_source(path)
    for secret in (
        "styleSecret",
        "scriptSecret",
        "commentSecret",
        "noscriptSecret",
        "templateSecret",
        "inlineSecret",
        "jsonSecret",
        "draft note",
    ):
        assert secret not in source.text
    assert source.text == (
        "3.2 Review of the Plan\n\nThe review found mixed results² across regions.\n\nLine one line two\n"
    )
    assert source.hints.headings == {0: 2}
    assert source.title == "Plan Review & Outlook"


def test_table_grid_keeps_values_under_their_headers() -> None:
    text, hints, _ = read_html(
        "<table><caption>Table 2-3. Output by Region</caption>"
        "<tr><th rowspan='2'>Region</th><th colspan='2'>Output</th></tr>"
        "<tr><th>2020</th><th>2021</th></tr>"
        "<tr><td>North</td><td>1,204</td><td>1,350</td></tr>"
        "<tr><td rowspan='2'>South</td><td>880</td><td>912</td></tr>"
        "<tr><td>901</td><td>940</td></tr></table>"
    )
    assert text == (
        "Table 2-3. Output by Region\n\n"
        "Region\tOutput\n\t2020\t2021\nNorth\t1,204\t1,350\nSouth\t880\t912\n\t901\t940\n"
    )
    assert hints.table_lines == frozenset({2, 3, 4, 5, 6})


def test_cells_with_line_breaks_and_nested_tables_stay_on_one_row() -> None:
    text, _, _ = read_html(
        "<table><tr><td>Total<br>funding</td><td><table><tr><td>inner</td><td>cells</td></tr></table></td>"
        "<td>\t7.5 </td></tr></table>"
    )
    assert text == "Total funding\tinner cells\t7.5\n"


def test_lists_one_item_per_line() -> None:
    text, _, _ = read_html(
        "<p>Measures:</p><ul><li>tax credits</li><li>grants<ul><li>for start-ups</li></ul></li></ul>"
        "<ol start='3'><li>third</li><li>fourth</li></ol>"
    )
    assert text == "Measures:\n\n- tax credits\n- grants\n- for start-ups\n\n3. third\n4. fourth\n"


def test_preformatted_text_keeps_its_lines() -> None:
    text, _, _ = read_html("<pre>Year  Value\n2020  1.0\n2021  1.4</pre>")
    assert text == "Year Value\n2020 1.0\n2021 1.4\n"


def test_loose_text_and_divs_become_paragraphs() -> None:
    text, hints, title = read_html("Lead text <div>Inner block</div> tail <span>text</span>")
    assert text == "Lead text\n\nInner block\n\ntail text\n"
    assert hints.headings == {}
    assert title is None


def test_entities_and_non_breaking_spaces() -> None:
    text, _, _ = read_html("<p>R&amp;D&nbsp;spending &lt;5% &#8364;2&nbsp;bn</p>")
    assert text == "R&D spending <5% €2 bn\n"


def test_deep_nesting_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 5000 + "deep" + "</div>" * 5000)
    try:
        source = read_source(path)
    except Exception as err:  # the only acceptable failure is a clean InputError
        from sinoscope.errors import InputError

        assert isinstance(err, InputError)
    else:
        assert source.text == "deep\n"
