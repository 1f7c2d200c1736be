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
    page = "<html><head><meta charset='iso-8859-1'><title>Grants</title></head><body><p>Costs rose to €3.1 m.</p>"
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


def test_one_invalid_byte_does_not_reject_a_utf8_file(tmp_path: Path) -> None:
    body = (CHINESE + WESTERN) * 20
    raw = body.encode("utf-8")
    cut = raw.index("人民币".encode()) + 3  # between two characters
    path = tmp_path / "damaged.txt"
    path.write_bytes(raw[:cut] + b"\xff" + raw[cut:])
    source = read_source(path)
    assert source.encoding == "utf-8"
    assert source.text == body[: body.index("人民币") + 1] + "\ufffd" + body[body.index("人民币") + 1 :]
    assert source.warnings == ("1 invalid byte in utf-8 replaced with U+FFFD",)


def test_a_few_invalid_bytes_in_english_utf8_are_not_read_as_cp1252(tmp_path: Path) -> None:
    body = "The “flagship” programme cost €4.5 million — a record.\n" * 30
    raw = body.encode("utf-8")
    path = tmp_path / "english.txt"
    path.write_bytes(raw[:40] + b"\x81\x81" + raw[40:])
    source = read_source(path)
    assert source.encoding == "utf-8"
    assert "“flagship”" in source.text and "â€" not in source.text
    assert source.warnings == ("2 invalid bytes in utf-8 replaced with U+FFFD",)


def test_gb18030_is_still_not_mistaken_for_damaged_utf8() -> None:
    decoded = decode((CHINESE * 10).encode("gb18030"))
    assert decoded.encoding == "gb18030"
    assert decoded.replaced == 0


def test_clean_files_carry_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CHINESE, encoding="utf-8")
    assert read_source(path).warnings == ()


@pytest.mark.parametrize(("codec", "name"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")])
@pytest.mark.parametrize("body", [WESTERN, CHINESE + WESTERN])
def test_utf16_without_bom_is_text_not_binary(tmp_path: Path, codec: str, name: str, body: str) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(body.encode(codec))
    source = read_source(path)
    assert source.encoding == name
    assert source.text == body


def test_binary_with_zero_bytes_on_both_parities_is_not_utf16() -> None:
    from sinoscope.sources.sniff import looks_binary

    assert looks_binary(bytes([0, 1, 2, 0, 0, 7] * 100))
