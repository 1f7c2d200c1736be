"""PDF page furniture, CJK line wraps, numbered headings and unreadable PDFs, on PDFs the tests write."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fpdf import FPDF

from sinoscope.errors import InputError
from sinoscope.sources.pdf import join_lines, numbering_level
from sinoscope.sources.read import read_source

BODY = (
    "Provincial funds paid for testing equipment in small firms, and the firms reported shorter product "
    "cycles afterwards. "
)


class _Furnished(FPDF):
    """Every page carries a running header (the report's name) and a footer 'Page N of M'."""

    header_text = "Regional Innovation Review 2023"
    footer_style = "of"

    def header(self) -> None:
        self.set_y(6)
        self.set_font("helvetica", size=8)
        left = self.page_no() % 2 == 0
        self.cell(0, 5, self.header_text if left else "Chapter notes of the review", align="L")
        self.set_y(22)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", size=8)
        if self.footer_style == "of":
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")
        else:
            self.cell(0, 5, f"- {self.page_no()} -", align="C")


def _report(path: Path, style: str) -> Path:
    pdf = _Furnished(format=(148, 210))
    pdf.footer_style = style
    pdf.set_auto_page_break(auto=True, margin=18)
    for number, title in enumerate(("Funding sources", "Results in the provinces", "Outlook"), start=1):
        pdf.add_page()
        pdf.set_font("helvetica", "B", size=16)
        pdf.multi_cell(0, 8, f"{number} {title}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("helvetica", size=10)
        for _ in range(5):
            pdf.multi_cell(0, 5, (BODY * 4).strip(), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))
    assert pdf.page_no() >= 5, "the fixture needs several pages of each header"
    return path


@pytest.mark.parametrize("style", ["of", "dashes"])
def test_running_headers_and_page_numbers_are_dropped(tmp_path: Path, style: str) -> None:
    source = read_source(_report(tmp_path / "review.pdf", style))
    assert "Regional Innovation Review" not in source.text
    assert "Chapter notes" not in source.text
    assert "Page " not in source.text and "- 2 -" not in source.text
    lines = source.text.splitlines()
    headings = [(lines[i], level) for i, level in sorted(source.hints.headings.items())]
    assert headings == [("1 Funding sources", 1), ("2 Results in the provinces", 1), ("3 Outlook", 1)]
    assert all(line.startswith(("Provincial", "1 ", "2 ", "3 ")) for line in lines if line)


def test_a_line_repeated_in_the_body_is_not_furniture(tmp_path: Path) -> None:
    pdf = FPDF(format=(148, 210))
    pdf.set_font("helvetica", size=10)
    for _ in range(3):
        pdf.add_page()
        pdf.set_y(80)
        pdf.multi_cell(0, 5, "Key finding: output doubled.", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "repeated.pdf"
    pdf.output(str(path))
    assert read_source(path).text.count("Key finding: output doubled.") == 3


def test_bold_numbered_body_size_lines_are_headings_by_their_numbering(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    for text, style in (
        ("2 Funding", "B"),
        (BODY.strip(), ""),
        ("2.1 Sources of money", "B"),
        (BODY.strip(), ""),
        ("2.1.3 Local matching grants", "B"),
        ("1. Grants were paid in two tranches", ""),
        ("2024 was a record year for grants", "B"),
    ):
        pdf.set_font("helvetica", style, size=11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    path = tmp_path / "numbered.pdf"
    pdf.output(str(path))
    source = read_source(path)
    lines = source.text.splitlines()
    headings = [(lines[i], level) for i, level in sorted(source.hints.headings.items())]
    assert headings == [("2 Funding", 1), ("2.1 Sources of money", 2), ("2.1.3 Local matching grants", 3)]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("第一章 总则", 1),
        ("第二节 资金来源", 2),
        ("一、总体要求", 1),
        ("（二）重点任务", 2),
        ("3.2 Results", 2),
        ("Chapter 4 Outlook", 1),
        ("2023年工作回顾", None),
        ("25.8% of output", None),
        ("Funding", None),
    ],
)
def test_numbering_level(text: str, level: int | None) -> None:
    assert numbering_level(text) == level


def test_cjk_line_wraps_join_without_a_space() -> None:
    assert join_lines(["到2025年，全社会研发经费投入年均增", "长7%以上，基础研究经费占比达到"]) == (
        "到2025年，全社会研发经费投入年均增长7%以上，基础研究经费占比达到"
    )
    assert join_lines(["研发投入达到", "3.3万亿元，比上年增长8.1%。"]) == "研发投入达到3.3万亿元，比上年增长8.1%。"
    assert join_lines(["The fund invested in", "semiconductor firms."]) == "The fund invested in semiconductor firms."
    assert join_lines(["so-called", "“中国制造2025”", "plan"]) == "so-called “中国制造2025” plan"
    assert join_lines(["state-", "owned firms"]) == "state-owned firms"


def _cjk_font() -> str | None:
    if shutil.which("fc-list") is None:
        return None
    found = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    fonts = [line.split(":")[0].strip() for line in found.splitlines() if line.strip()]
    return next((f for f in fonts if f.endswith((".ttf", ".otf"))), None)


def test_cjk_pdf_paragraph_has_no_space_at_its_line_wraps(tmp_path: Path) -> None:
    font = _cjk_font()
    if font is None:
        pytest.skip("no CJK TrueType font on this machine (fc-list :lang=zh finds none) to write a Chinese PDF")
    pdf = FPDF(format="A6")
    pdf.add_page()
    pdf.add_font("cjk", fname=font)
    pdf.set_font("cjk", size=10)
    paragraph = "到二〇二五年，全社会研究与试验发展经费投入年均增长百分之七以上，基础研究经费投入占比达到百分之八以上。"
    pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "zh.pdf"
    pdf.output(str(path))
    assert read_source(path).text == paragraph + "\n"


def test_scanned_pdf_is_one_line_error(tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "page.png"
    Image.new("L", (200, 280), color=200).save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=150)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError) as err:
        read_source(path)
    assert str(err.value) == f"{path}: scanned PDF: its pages are images without a text layer (run OCR on it first)"


def test_encrypted_pdf_is_one_line_error(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 6, "Confidential budget: 12 million.")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError) as err:
        read_source(path)
    assert str(err.value) == f"{path}: encrypted PDF (a password is needed to open it)"
    assert "\n" not in str(err.value)
