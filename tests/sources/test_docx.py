"""DOCX specifics: Word's automatic heading numbers, real footnotes, merged cells, custom heading styles."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from sinoscope.sources.read import read_source

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _number_headings(document: docx.document.Document) -> None:
    """A multi-level list tied to Heading 1/2, as Word builds for "1 / 1.1" heading numbering."""
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W_NS} w:abstractNumId="77">'
            '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
            '<w:lvlText w:val="%1"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>'
            '<w:lvlText w:val="%1.%2."/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    for name in ("Heading 1", "Heading 2"):
        ppr = document.styles[name].element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {W_NS}><w:numId w:val="77"/></w:numPr>'))


def test_automatic_heading_numbers_are_printed(tmp_path: Path) -> None:
    document = docx.Document()
    _number_headings(document)
    document.add_heading("Supply Chains", 1)
    document.add_heading("Upstream Parts", 2)
    document.add_paragraph("Reducers and servo motors come mostly from abroad.")
    document.add_heading("Downstream Integrators", 2)
    document.add_heading("Trade", 1)
    document.add_heading("Imports", 2)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    source = read_source(path)
    assert source.text.split("\n\n") == [
        "3 Supply Chains",
        "3.1 Upstream Parts",
        "Reducers and servo motors come mostly from abroad.",
        "3.2 Downstream Integrators",
        "4 Trade",
        "4.1 Imports\n",
    ]
    assert source.hints.headings == {0: 1, 2: 2, 6: 2, 8: 1, 10: 2}


def test_numbered_and_bulleted_list_items(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Three measures were announced:")
    for item in ("tax credits", "loan guarantees", "training grants"):
        document.add_paragraph(item, style="List Number")
    document.add_paragraph("and two caveats:")
    for item in ("timing", "scale"):
        document.add_paragraph(item, style="List Bullet")
    path = tmp_path / "lists.docx"
    document.save(str(path))
    assert read_source(path).text == (
        "Three measures were announced:\n\n1. tax credits\n2. loan guarantees\n3. training grants\n\n"
        "and two caveats:\n\n- timing\n- scale\n"
    )


def test_real_footnotes_follow_the_citing_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    first = document.add_paragraph("Output doubled in five years")
    first.add_run()._r.append(parse_xml(f'<w:footnoteReference {W_NS} w:id="5"/>'))
    first.add_run(".")
    document.add_paragraph("Prices stayed flat.")
    second = document.add_paragraph("Imports fell")
    second.add_run()._r.append(parse_xml(f'<w:footnoteReference {W_NS} w:id="9"/>'))
    footnotes = (
        f"<w:footnotes {W_NS}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Based on '
        "an invented survey.</w:t></w:r></w:p></w:footnote>"
        '<w:footnote w:id="9"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Customs '
        "data, also invented.</w:t></w:r></w:p></w:footnote>"
        "</w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, footnotes, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    path = tmp_path / "notes.docx"
    document.save(str(path))
    assert read_source(path).text == (
        "Output doubled in five years¹.\n\n¹ Based on an invented survey.\n\nPrices stayed flat.\n\n"
        "Imports fell²\n\n² Customs data, also invented.\n"
    )


def test_merged_cells_print_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Stage"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Share (%)"
    for col, value in ((1, "Domestic"), (2, "Foreign")):
        table.cell(1, col).text = value
    for col, value in enumerate(("Servo", "22", "78")):
        table.cell(2, col).text = value
    path = tmp_path / "merged.docx"
    document.save(str(path))
    source = read_source(path)
    assert source.text == "Stage\tShare (%)\n\tDomestic\tForeign\nServo\t22\t78\n"
    assert source.hints.table_lines == frozenset({0, 1, 2})


def test_custom_style_based_on_a_heading_and_core_title(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Robots and Reducers"
    style = document.styles.add_style("Chapter Head", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 1"]
    document.add_paragraph("5 Robot Makers", style="Chapter Head")
    document.add_paragraph("Body text under the chapter.")
    path = tmp_path / "custom.docx"
    document.save(str(path))
    source = read_source(path)
    assert source.text == "5 Robot Makers\n\nBody text under the chapter.\n"
    assert source.hints.headings == {0: 1}
    assert source.title == "Robots and Reducers"
