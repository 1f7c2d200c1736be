"""Plain text is the decoded file itself: offsets into it are offsets into the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from sinoscope.sources.model import SourceFormat
from sinoscope.sources.read import read_source

LINES = [
    "An Invented Survey of Laboratory Budgets",
    "",
    "3 Where the Money Went",
    "",
    "Spending reached RMB 12.5 billion in 2022, up 8.1% on the year before³.",
    "",
    "Item\t2021\t2022",
    "Equipment\t3.2\t3.9",
]


def test_text_is_exact_including_crlf_and_tabs(tmp_path: Path) -> None:
    raw = "\r\n".join(LINES).encode("utf-8") + b"\r\n\x0c\r\nNext page\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw)
    source = read_source(path)
    decoded = raw.decode("utf-8")
    assert source.text == decoded
    assert source.encoding == "utf-8"
    assert source.format is SourceFormat.TEXT
    at = decoded.index("RMB 12.5 billion")
    assert source.text[at : at + 16] == "RMB 12.5 billion"


def test_only_a_leading_bom_is_removed(tmp_path: Path) -> None:
    body = "\n".join(LINES) + "\nA stray \ufeff mark inside stays.\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    source = read_source(path)
    assert source.text == body
    assert source.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    body = "\n".join(LINES) + "\n人民币1000亿元\n"
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(body.encode(codec))
    source = read_source(path)
    assert source.text == body
    assert source.encoding == codec


def test_title_is_the_first_non_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("\n\n\n" + "\n".join(LINES) + "\n")
    assert read_source(path).title == LINES[0]


def test_no_title_when_the_first_line_is_a_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text("word " * 100 + "\n")
    assert read_source(path).title is None


def test_html_source_in_a_txt_file_stays_plain_text(tmp_path: Path) -> None:
    body = "<html><body><p>Markup shown as an example.</p></body></html>\n"
    path = tmp_path / "example.txt"
    path.write_text(body)
    source = read_source(path)
    assert source.format is SourceFormat.TEXT
    assert source.text == body


def test_xhtml_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "export"
    path.write_text("<?xml version='1.0'?>\n<!DOCTYPE html>\n<html><body><p>Exported page.</p></body></html>")
    source = read_source(path)
    assert source.format is SourceFormat.HTML
    assert source.text == "Exported page.\n"


def test_reading_plain_text_is_cheap(tmp_path: Path) -> None:
    """The ingest target is two ~330 KB reports in under 2 s in all; reading must be a small part of it."""
    import time

    paragraph = "Spending on applied research rose to RMB 98.7 billion, or 11.2% of the total — a high.\n\n"
    path = tmp_path / "large.txt"
    path.write_text(paragraph * (330_000 // len(paragraph)), encoding="utf-8")
    started = time.perf_counter()
    for _ in range(2):
        source = read_source(path)
    assert time.perf_counter() - started < 0.25
    assert source.encoding == "utf-8"
