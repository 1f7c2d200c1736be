"""Legacy encodings are detected (cp1252 and GB18030 first) and recorded, never turned into mojibake."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.errors import InputError
from sinoscope.sources.encoding import decode
from sinoscope.sources.read import read_source
from sinoscope.sources.reject import Rejected

WESTERN = (
    "Annual Report on Research Grants\n\n"
    "The council awarded €4.5 million in 2021 – a “record” for the programme, according to its café-side "
    "briefing in Zürich.\n"
)
CHINESE = "研发投入报告\n\n2021年中央财政科技支出达到人民币1000亿元，比上年增长7.2%。\n"


def test_cp1252_file(tmp_path: Path) -> None:
    path = tmp_path / "western.txt"
    path.write_bytes(WESTERN.encode("cp1252"))
    source = read_source(path)
    assert source.encoding == "cp1252"
    assert source.text == WESTERN
    assert "€4.5 million" in source.text


def test_gb18030_file(tmp_path: Path) -> None:
    path = tmp_path / "chinese.txt"
    path.write_bytes(CHINESE.encode("gb18030"))
    source = read_source(path)
    assert source.encoding == "gb18030"
    assert source.text == CHINESE
    assert "人民币1000亿元" in source.text


def test_short_gb18030_line() -> None:
    assert decode("人民币1000亿元\n".encode("gb18030")).text == "人民币1000亿元\n"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("日本の研究開発費は前年より増加した。\n", "cp932"),
        ("한국의 연구개발 투자는 증가했다.\n", "euc_kr"),
        ("Руководство по эксплуатации и обслуживанию оборудования.\n", "cp1251"),
    ],
)
def test_other_common_encodings_are_not_mistaken_for_the_preferred_ones(text: str, codec: str) -> None:
    assert decode(text.encode(codec)).text == text


def test_single_byte_noise_is_not_accepted_as_cyrillic() -> None:
    with pytest.raises(Rejected):
        decode(b"Budget \xff\xfe\xfd\xfc\xfb and \x80\x80\x80 data \x81 end\n" * 10)


def test_utf8_is_preferred_and_exact(tmp_path: Path) -> None:
    path = tmp_path / "utf8.txt"
    path.write_text(WESTERN + CHINESE, encoding="utf-8")
    source = read_source(path)
    assert source.encoding == "utf-8"
    assert source.text == WESTERN + CHINESE


def test_html_meta_charset_is_used_when_the_bytes_are_not_utf8(tmp_path: Path) -> None:
    page = (
        "<html><head><meta charset='iso-8859-1'><title>Grants</title></head>"
        "<body><p>Costs rose to €3.1 m.</p>"
    )
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("cp1252"))
    source = read_source(path)
    assert source.encoding == "cp1252"
    assert source.text == "Costs rose to €3.1 m.\n"


def test_undecodable_text_names_what_was_tried(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(b"Budget " + bytes(range(0x80, 0x100)) * 3 + b"\n")
    expected = r"garbled\.txt: not UTF-8, and no known encoding fits \(tried cp1252"
    with pytest.raises(InputError, match=expected):
        read_source(path)
