"""Every reader turns the same invented report into the same canonical text and hints."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sinoscope.sources.model import SourceFormat
from sinoscope.sources.read import read_source

from . import report

FORMATS = {
    ".txt": SourceFormat.TEXT,
    ".md": SourceFormat.MARKDOWN,
    ".html": SourceFormat.HTML,
    ".pdf": SourceFormat.PDF,
    ".docx": SourceFormat.DOCX,
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("report")
    return {ext: write(folder / f"report{ext}") for ext, write in report.WRITERS.items()}


@pytest.mark.parametrize("ext", list(FORMATS))
def test_reader_yields_canonical_lines(rendered: dict[str, Path], ext: str) -> None:
    source = read_source(rendered[ext])
    assert source.format is FORMATS[ext]
    assert source.text.split("\n") == report.expected_text().split("\n")
    assert source.title == report.TITLE


@pytest.mark.parametrize("ext", [".md", ".html", ".pdf", ".docx"])
def test_structured_formats_give_heading_and_table_hints(rendered: dict[str, Path], ext: str) -> None:
    source = read_source(rendered[ext])
    headings, table_lines = report.expected_hints()
    assert source.hints.headings == headings
    assert source.hints.table_lines == table_lines
    lines = source.text.split("\n")
    assert [lines[i] for i in sorted(headings)] == report.HEADINGS


def test_plain_text_has_no_hints(rendered: dict[str, Path]) -> None:
    source = read_source(rendered[".txt"])
    assert source.hints.headings == {}
    assert source.hints.table_lines == frozenset()


@pytest.mark.parametrize("ext", list(FORMATS))
def test_hash_and_size_are_of_the_raw_bytes(rendered: dict[str, Path], ext: str) -> None:
    raw = rendered[ext].read_bytes()
    source = read_source(rendered[ext])
    assert source.content_hash == hashlib.sha256(raw).hexdigest()
    assert source.size_bytes == len(raw)


def test_content_wins_over_extension(rendered: dict[str, Path], tmp_path: Path) -> None:
    disguised = tmp_path / "actually_a_pdf.txt"
    disguised.write_bytes(rendered[".pdf"].read_bytes())
    assert read_source(disguised).format is SourceFormat.PDF


def test_html_without_extension_is_sniffed(rendered: dict[str, Path], tmp_path: Path) -> None:
    page = tmp_path / "page"
    page.write_bytes(rendered[".html"].read_bytes())
    source = read_source(page)
    assert source.format is SourceFormat.HTML
    assert source.text == report.expected_text()
