"""Every stored fact points back into the file the user holds: characters for Markdown and HTML (markup
between them allowed), a page and a quote for PDF. Fixtures are invented here."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pdfplumber
import pytest
from fpdf import FPDF

from sinoscope.app.facts import fact_record
from sinoscope.app.pipeline import Status, ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.extraction.model import Fact
from sinoscope.sources.read import read_source
from sinoscope.sources.source_map import FileQuoter, Run, SourceMap, align
from sinoscope.store import open_store

MARKDOWN = """---
title: Provincial Innovation Review
date: 2024-03-01
---

# Provincial Innovation Review

## 1 Spending

Provincial R&amp;D spending reached RMB **98.7** billion in 2023, up *12.5%* on the year before.<sup>2</sup>
Converted tables print shares as $2 5 . 8 \\%$ in places.

- Grants to small firms: 4,200 firms
* Vouchers issued: 15,000

| Year | Spending (RMB billion) | Growth |
|------|------------------------|--------|
| 2022 | 87.7 | 9.1% |
| 2023 | 98.7 | 12.5% |

## 2 Targets

By 2027 the province aims to raise basic research to 8% of R&D spending, and to train
30,000 engineers a year.
"""

HTML = """<!DOCTYPE html>
<html><head><title>City Digital Plan</title>
<script>var total = "99.9%"; // not text</script><style>p { margin: 0 }</style></head>
<body><nav><a href="/">Home</a></nav>
<h1>City Digital Plan</h1>
<!-- a comment with 77% in it -->
<p>The city invested <b>RMB 3.2&nbsp;billion</b> in 2023, &ldquo;a record&rdquo;, up 18% on 2022.</p>
<h2>Targets</h2>
<p>By 2025, 5G coverage should exceed 95% of households and 1,200 data engineers should be trained.</p>
<table><caption>Table 1 Budget</caption>
<tr><th>Item</th><th>2023</th></tr>
<tr><td>Networks</td><td>1.4</td></tr>
</table>
</body></html>
"""

_MARKUP = re.compile(r"<[^>]*>|\*\*|\*|\\")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _visible(span: str) -> str:
    """What a reader shows of a stretch of the file: markup dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_MARKUP.sub("", span)).split())


def _ingest(tmp_path: Path, name: str, content: str | bytes) -> tuple[Path, list[Fact]]:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    store = open_store(tmp_path / "db.sqlite")
    try:
        report = ingest_paths(store, [path], extract=extract_document)
        assert report.results[0].status is Status.NEW, report.results[0].error
        return path, store.facts()
    finally:
        store.close()


@pytest.mark.parametrize(("name", "content"), [("review.md", MARKDOWN), ("plan.html", HTML)])
def test_every_fact_maps_to_its_characters_in_the_file(tmp_path: Path, name: str, content: str) -> None:
    path, facts = _ingest(tmp_path, name, content)
    assert len(facts) >= 3
    raw = path.read_text(encoding="utf-8")
    for fact in facts:
        assert fact.source_start is not None and fact.source_end is not None, fact.text
        span = raw[fact.source_start : fact.source_end]
        assert _visible(span) == " ".join(fact.text.translate(_SUPERSCRIPTS).split()), (fact.text, span)
        assert fact.page is None


def test_markup_inside_a_figure_stays_inside_its_span(tmp_path: Path) -> None:
    path, facts = _ingest(tmp_path, "review.md", MARKDOWN)
    raw = path.read_text(encoding="utf-8")
    spans = {raw[f.source_start : f.source_end] for f in facts if f.source_start is not None}
    assert "RMB **98.7** billion" in spans


def test_pdf_facts_carry_the_page_they_are_printed_on(tmp_path: Path) -> None:
    pdf = FPDF(format=(148, 210))
    pdf.set_font("helvetica", size=10)
    sentences = [
        "In 2021 the agency funded 340 projects worth USD 12.5 million.",
        "Spending rose by 8.4% in 2022 to USD 13.6 million.",
        "By 2026 the agency aims to fund 500 projects a year.",
    ]
    for sentence in sentences:
        pdf.add_page()
        pdf.multi_cell(0, 5, sentence, new_x="LMARGIN", new_y="NEXT")
    _, facts = _ingest(tmp_path, "agency.pdf", bytes(pdf.output()))
    assert facts
    with pdfplumber.open(tmp_path / "agency.pdf") as doc:
        pages = ["".join((page.extract_text() or "").split()) for page in doc.pages]
    for fact in facts:
        assert fact.source_start is None and fact.page is not None, fact.text
        assert "".join(fact.text.split()) in pages[fact.page - 1], (fact.text, fact.page)
    assert {fact.page for fact in facts} == {1, 2, 3}


def test_text_files_map_to_themselves(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Output grew 7% in 2023.\n", encoding="utf-8")
    source = read_source(path)
    assert source.source_map.to_source(12, 14) == (12, 14)


def test_generated_characters_have_no_source_and_spans_shrink_past_them() -> None:
    source = "* one\n* two\n"
    canonical = "- one\n\n- two\n"
    mapped = align(canonical, source, markup="markdown")
    assert mapped.to_source(0, 1) is None  # the "-" bullet was written by the reader
    assert mapped.to_source(0, 5) == (2, 5)
    assert mapped.to_source(7, 12) == (8, 11)


def test_entity_maps_to_the_whole_entity() -> None:
    mapped = SourceMap("aligned", runs=(Run(0, 1, 0, 1), Run(1, 1, 1, 5), Run(2, 1, 6, 1)))
    assert mapped.to_source(0, 3) == (0, 7)
    assert mapped.to_source(1, 2) == (1, 6)


def test_html_skips_head_scripts_and_comments() -> None:
    source = "<head><title>7%</title><script>x = '7%'</script></head><body><!-- 7% --><p>Up 7%.</p></body>"
    mapped = align("Up 7%.\n", source, markup="html")
    start = source.index("Up 7%")
    assert mapped.to_source(3, 5) == (start + 3, start + 5)


def test_hostile_html_aligns_in_linear_time() -> None:
    source = "<div" * 100_000 + " text 5%"
    mapped = align("text 5%\n", source, markup="html")
    assert mapped.kind == "aligned"


@pytest.mark.parametrize(("name", "content"), [("review.md", MARKDOWN), ("plan.html", HTML)])
def test_exported_facts_place_themselves_in_the_file(tmp_path: Path, name: str, content: str) -> None:
    """`line`, `start`, `end` and `text` of an exported fact are the file's, as the facts convention says;
    the reader's positions stay under `reader_*`."""
    path, facts = _ingest(tmp_path, name, content)
    raw = path.read_text(encoding="utf-8")
    for fact in facts:
        record = fact_record(fact)
        assert record["text"] == raw[record["start"] : record["end"]] == fact.source_text
        assert record["line"] == raw.count("\n", 0, record["start"]) + 1
        assert (record["reader_start"], record["reader_text"]) == (fact.start, fact.text)


def test_a_latex_figure_is_exported_as_the_file_prints_it(tmp_path: Path) -> None:
    _, facts = _ingest(tmp_path, "review.md", MARKDOWN)
    latex = [fact_record(f) for f in facts if f.value == 25.8]
    assert latex and "\\%" in latex[0]["text"] and "\\" not in latex[0]["reader_text"]
    assert latex[0]["line"] == MARKDOWN.count("\n", 0, MARKDOWN.index("$2 5")) + 1


def test_quoting_a_million_lines_is_linear() -> None:
    text = "7%\n" * 1_000_000
    quoter = FileQuoter(text)
    assert quoter.quote(len(text) - 3, len(text) - 1) == ("7%", 1_000_000)
    assert quoter.quote(5, len(text) + 1) is None
