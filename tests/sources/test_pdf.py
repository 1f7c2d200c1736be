"""PDF specifics: page furniture dropped, paragraphs rejoined across lines and pages, raised markers."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from sinoscope.sources.read import read_source

SENTENCE = "Regional programmes supported small firms with vouchers for testing services and design work. "


class _NumberedPages(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", size=9)
        self.cell(0, 6, str(self.page_no()), align="C")

    def header(self) -> None:
        self.set_y(6)
        self.set_font("helvetica", size=9)
        self.cell(0, 6, f"- {self.page_no()} -", align="R")
        self.set_y(20)


def test_page_numbers_dropped_and_a_paragraph_split_by_a_page_break_rejoined(tmp_path: Path) -> None:
    pdf = _NumberedPages(format=(105, 148))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    clause = SENTENCE.strip().rstrip(".").lower()
    long_paragraph = "Over the decade " + ", and then ".join([clause] * 14) + "."
    pdf.multi_cell(0, 5, long_paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 5, "A closing remark.", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "pages.pdf"
    pdf.output(str(path))
    assert pdf.page_no() > 1, "the fixture must cross a page break"
    source = read_source(path)
    assert source.text == long_paragraph + "\n\nA closing remark.\n"


def test_raised_small_digits_become_superscript_markers(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.write(6, "Exports rose by 12% in 2021")
    pdf.char_vpos = "SUP"
    pdf.write(6, "3")
    pdf.char_vpos = "LINE"
    pdf.write(6, " and fell the next year.")
    path = tmp_path / "sup.pdf"
    pdf.output(str(path))
    assert read_source(path).text == "Exports rose by 12% in 2021³ and fell the next year.\n"


def test_indented_first_lines_start_new_paragraphs(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    first, second = (SENTENCE * 3).strip(), (SENTENCE * 2).strip().upper()
    for text in (first, second):
        pdf.set_x(pdf.l_margin + 10)
        pdf.write(6, text)
        pdf.ln(6)
    path = tmp_path / "indent.pdf"
    pdf.output(str(path))
    assert read_source(path).text == f"{first}\n\n{second}\n"
