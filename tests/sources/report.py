"""One small invented report, rendered by the tests to .txt, .md, .html, .pdf and .docx.

All five renderings carry the same logical content (title, two chapters with numbered sections, a
captioned table with a header and three numeric rows, a footnote, a figure caption), so every reader
can be checked against one expected canonical text, and the structure recovered from each compared.
The prose is written for these tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TITLE = "Funding Patterns in an Imaginary Research System"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int


@dataclass(frozen=True)
class Para:
    text: str
    footnote: bool = False
    """A footnote body (printed smaller in the PDF, set after the paragraph that cites it)."""


@dataclass(frozen=True)
class Table:
    caption: str
    rows: tuple[tuple[str, ...], ...]


CAPTION = "Table 1-1. Research Spending by Sector (RMB hundred million)"
ROWS = (
    ("Sector", "2019", "2020", "2021"),
    ("Enterprises", "410.3", "455.9", "502.0"),
    ("Universities", "120.5", "131.2", "140.8"),
    ("Institutes", "98.0", "104.7", "110.1"),
)
FOOTNOTE_MARKER = "¹"

BODY: tuple[Heading | Para | Table, ...] = (
    Para(TITLE),
    Heading("1 Money Flows and Their Sources", 1),
    Para(
        "This chapter follows research money through three kinds of performers over three years, using "
        "figures made up for the purpose of testing a reader" + FOOTNOTE_MARKER + "."
    ),
    Para(FOOTNOTE_MARKER + " Every value here is nominal and rounded to one decimal place.", footnote=True),
    Heading("1.1 Who Pays for Research", 2),
    Para(
        "Enterprises carried the largest share of spending in every year, while universities and public "
        "institutes grew at a slower and steadier pace."
    ),
    Table(CAPTION, ROWS),
    Para("Source: values invented for this test."),
    Heading("1.2 How the Mix Changed", 2),
    Para("The enterprise share rose by about two points across the period shown in the table."),
    Para("Figure 1-1. Enterprise share of total spending"),
    Heading("2 Targets for the Next Plan", 1),
    Heading("2.1 Stated Goals", 2),
    Para("The plan asks for spending growth above 7% a year and a basic research share of 8% by its end."),
    Heading("2.2 Risks to the Goals", 2),
    Para("Slower sales in the enterprise sector would make both goals hard to reach on time."),
)

HEADINGS = [item.text for item in BODY if isinstance(item, Heading)]


def expected_text() -> str:
    """The canonical text every structured reader must produce for this report."""
    blocks: list[str] = []
    for item in BODY:
        if isinstance(item, Table):
            blocks.append(item.caption)
            blocks.append("\n".join("\t".join(row) for row in item.rows))
        else:
            blocks.append(item.text)
    return "\n\n".join(blocks) + "\n"


def expected_hints() -> tuple[dict[int, int], frozenset[int]]:
    lines = expected_text().split("\n")
    levels = {item.text: item.level for item in BODY if isinstance(item, Heading)}
    headings = {i: levels[line] for i, line in enumerate(lines) if line in levels}
    table_lines = frozenset(i for i, line in enumerate(lines) if "\t" in line)
    return headings, table_lines


def write_txt(path: Path) -> Path:
    path.write_text(expected_text(), encoding="utf-8")
    return path


def write_md(path: Path) -> Path:
    out: list[str] = []
    for item in BODY:
        if isinstance(item, Heading):
            out.append("#" * item.level + " " + item.text)
        elif isinstance(item, Table):
            out.append(item.caption)
            header, *rows = item.rows
            table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            table += ["| " + " | ".join(row) + " |" for row in rows]
            out.append("\n".join(table))
        elif item.text == TITLE:
            out.append(item.text)
        else:
            # Wrapped source lines and emphasis must come out as one plain line.
            words = item.text.replace("largest share", "*largest* share").split(" ")
            half = len(words) // 2
            out.append(" ".join(words[:half]) + "\n" + " ".join(words[half:]))
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


def write_html(path: Path) -> Path:
    body: list[str] = []
    for item in BODY:
        if isinstance(item, Heading):
            body.append(f"<h{item.level}>{_esc(item.text)}</h{item.level}>")
        elif isinstance(item, Table):
            header, *rows = item.rows
            cells = "".join(f"<th>{c}</th>" for c in header)
            lines = [f"<table><caption>{_esc(item.caption)}</caption>"]
            lines.append(f"<thead><tr>{cells}</tr></thead><tbody>")
            lines += ["<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows]
            lines.append("</tbody></table>")
            body.append("\n".join(lines))
        else:
            text = _esc(item.text).replace(FOOTNOTE_MARKER, "<sup>1</sup>")
            css = ' class="footnote"' if item.footnote else ""
            body.append(f"<p{css}>{text}</p>")
    page = (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        f"<title>{_esc(TITLE)}</title><style>p {{ color: navy }} .hidden-style-word {{}}</style>"
        "<script>var hiddenScriptWord = 1;</script></head>\n<body>\n<!-- hiddenCommentWord -->\n"
        "<noscript>hiddenNoscriptWord</noscript>\n"
        + "\n".join(body)
        + "\n<script>track('hiddenTail')</script></body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(TITLE)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    sizes = {1: 15, 2: 13}
    for item in BODY:
        if isinstance(item, Heading):
            pdf.set_font("helvetica", "B", sizes[item.level])
            pdf.multi_cell(0, 8, item.text, new_x="LMARGIN", new_y="NEXT")
        elif isinstance(item, Table):
            pdf.set_font("helvetica", "", 11)
            pdf.multi_cell(0, 6, item.caption, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
            with pdf.table(text_align="LEFT", first_row_as_headings=False) as table:
                for row in item.rows:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
        elif item.text == TITLE:
            pdf.set_font("helvetica", "B", 18)
            pdf.multi_cell(0, 10, item.text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("helvetica", "", 8 if item.footnote else 11)
            pdf.multi_cell(0, 4 if item.footnote else 6, item.text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))
    return path


def write_docx(path: Path) -> Path:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = TITLE
    for item in BODY:
        if isinstance(item, Heading):
            document.add_heading(item.text, item.level)
        elif isinstance(item, Table):
            document.add_paragraph(item.caption, style="Caption")
            table = document.add_table(rows=len(item.rows), cols=len(item.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(item.rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        elif item.text == TITLE:
            document.add_heading(item.text, 0)
        else:
            paragraph = document.add_paragraph()
            # Footnote markers as Word writes them: a superscript "1" run, not a "¹" character.
            for i, part in enumerate(item.text.split(FOOTNOTE_MARKER)):
                if i:
                    paragraph.add_run("1").font.superscript = True
                run = paragraph.add_run(part)
                if item.footnote:
                    run.font.size = Pt(8)
    document.save(str(path))
    return path


WRITERS = {
    ".txt": write_txt,
    ".md": write_md,
    ".html": write_html,
    ".pdf": write_pdf,
    ".docx": write_docx,
}
