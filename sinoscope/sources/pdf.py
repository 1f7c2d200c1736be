"""PDF: text lines and ruled tables via pdfplumber, regrouped into paragraphs, in the canonical shape.

A PDF has no paragraphs, only positioned characters. Lines are regrouped into blocks by vertical gaps,
first-line indents and font-size changes; a block in a font clearly larger than the body text is a
heading, its level ranked by size (the single largest line on page 1 is the title, not a chapter).
Ruled tables found by pdfplumber are read cell by cell and their characters removed from the running
text. Raised small digits become superscript footnote markers. Bare page numbers in the top or bottom
margin are dropped. A paragraph cut by a page break is rejoined when the first page's part does not
end a sentence and the next page's part starts in lower case.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import chars_to_textmap

from sinoscope.sources.canonical import CanonicalWriter, clean_inline, superscript_digits
from sinoscope.sources.model import StructureHints
from sinoscope.sources.reject import Rejected

EOF_WINDOW = 4096
"""A complete PDF ends with %%EOF; writers may append a little after it, never kilobytes."""
HEADING_RATIO = 1.12
MAX_HEADING_CHARS = 200
MARGIN_SHARE = 0.08
SUPERSCRIPT_RATIO = 0.8
DEFAULT_LEADING = 0.3
"""Gap between lines as a share of font size when the document has too few lines to measure it."""
PARAGRAPH_SPACING = 0.25
"""Extra gap, as a share of font size, that separates paragraphs (never less than 2 pt)."""
_SENTENCE_END = tuple(".!?:;)]\"”’")


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    size: float


@dataclass
class _Block:
    page: int
    top: float
    size: float
    lines: list[str]
    rows: list[list[str]] | None = None

    @property
    def text(self) -> str:
        out = ""
        for line in self.lines:
            if out.endswith("-") and len(out) > 1 and out[-2].isalpha():
                out += line
            else:
                out = f"{out} {line}" if out else line
        return clean_inline(out)


def read_pdf(data: bytes) -> tuple[str, StructureHints, str | None]:
    """Canonical text, hints and the title (document metadata, else the lone largest line on page 1)."""
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise Rejected("truncated PDF (no end-of-file marker)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            meta_title = _meta_title(pdf.metadata)
            pages = [_read_page(page, number) for number, page in enumerate(pdf.pages)]
            leading = _Leading.measure([line for page in pages for line in page.lines])
            blocks = [block for page in pages for block in _page_blocks(page, leading)]
    except PdfminerException as err:
        cause = err.args[0] if err.args else err
        if type(cause).__name__ == "PDFPasswordIncorrect":
            raise Rejected("encrypted PDF (a password is needed to open it)") from err
        raise Rejected(f"damaged PDF ({type(cause).__name__})") from err
    except Exception as err:  # pdfminer raises many types on damaged files
        if type(err).__name__ in {"PDFPasswordIncorrect", "PDFEncryptionError"}:
            raise Rejected("encrypted PDF (a password is needed to open it)") from err
        raise Rejected(f"damaged PDF ({type(err).__name__})") from err
    return _render(_join_page_breaks(blocks), meta_title)


def _meta_title(metadata: dict[str, Any]) -> str | None:
    value = metadata.get("Title")
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return clean_inline(value) or None if isinstance(value, str) else None


@dataclass
class _Page:
    number: int
    lines: list[_Line]
    tables: list[_Block]


def _read_page(page: Any, number: int) -> _Page:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    chars = [c for c in page.chars if not any(_inside(c, box) for box in boxes)]
    lines = [line for line in _lines(chars) if not _is_page_number(line, page.height)]
    blocks = [
        _Block(page=number, top=table.bbox[1], size=0.0, lines=[], rows=[[c or "" for c in r] for r in rows])
        for table in tables
        if (rows := table.extract())
    ]
    return _Page(number, lines, blocks)


def _page_blocks(page: _Page, leading: _Leading) -> list[_Block]:
    blocks = list(_group(page.lines, page.number, leading)) + page.tables
    blocks.sort(key=lambda block: block.top)
    return blocks


@dataclass(frozen=True)
class _Leading:
    """The gap between lines of one paragraph, learnt from the document itself.

    The body text has many line pairs, so its usual gap is reliable; headings rarely wrap, so the only
    same-size pairs among them may be two headings in a row. A size's usual gap therefore never counts
    as larger than the body's gap scaled to that size.
    """

    body_ratio: float
    by_size: dict[float, float]

    @classmethod
    def measure(cls, lines: list[_Line]) -> _Leading:
        gaps: dict[float, Counter[int]] = {}
        weights: Counter[float] = Counter()
        for line in lines:
            weights[line.size] += len(line.text)
        for a, b in pairwise(lines):
            if abs(a.size - b.size) <= 0.5 and b.top > a.bottom - 1:
                gaps.setdefault(a.size, Counter())[round(b.top - a.bottom)] += 1
        by_size = {size: float(counter.most_common(1)[0][0]) for size, counter in gaps.items()}
        body = weights.most_common(1)[0][0] if weights else 0.0
        ratio = by_size[body] / body if body and body in by_size else DEFAULT_LEADING
        return cls(max(ratio, 0.0), by_size)

    def breaks(self, prev: _Line, line: _Line) -> bool:
        """Does `line` start a new block after `prev` (same size)?"""
        usual = min(self.by_size.get(prev.size, float("inf")), self.body_ratio * prev.size)
        return line.top - prev.bottom > usual + max(2.0, PARAGRAPH_SPACING * prev.size)


def _inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(chars: list[dict[str, Any]]) -> list[_Line]:
    if not chars:
        return []
    chars = _mark_superscripts(chars)
    out: list[_Line] = []
    for line in chars_to_textmap(chars).extract_text_lines(strip=True, return_chars=True):
        sizes = Counter(round(c["size"], 1) for c in line["chars"] if not c["text"].isspace())
        if not sizes or not line["text"].strip():
            continue
        out.append(_Line(line["text"], line["top"], line["bottom"], line["x0"], sizes.most_common(1)[0][0]))
    return out


def _mark_superscripts(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A digit clearly smaller than the character before it and raised above its baseline is a footnote
    marker: write it as a superscript digit and give it the base character's line so it stays inline."""
    out: list[dict[str, Any]] = []
    base: dict[str, Any] | None = None
    for char in chars:
        if (
            base is not None
            and char["text"].isdigit()
            and char["size"] < SUPERSCRIPT_RATIO * base["size"]
            and char["bottom"] < base["bottom"] - 0.15 * base["size"]
        ):
            char = {**char, "text": superscript_digits(char["text"]), "top": base["top"],
                    "bottom": base["bottom"], "size": base["size"]}
        elif not char["text"].isspace():
            base = char
        out.append(char)
    return out


def _is_page_number(line: _Line, height: float) -> bool:
    in_margin = line.bottom < MARGIN_SHARE * height or line.top > (1 - MARGIN_SHARE) * height
    text = line.text.strip().strip("-–— ").lower().removeprefix("page").strip()
    return in_margin and (text.isdigit() or _is_roman(text))


def _is_roman(text: str) -> bool:
    return bool(text) and len(text) <= 6 and set(text) <= set("ivxlc")


def _group(lines: list[_Line], page: int, leading: _Leading) -> Iterator[_Block]:
    """Lines into blocks: a new block at a larger-than-usual gap, a size change or a first-line indent."""
    current: _Block | None = None
    prev: _Line | None = None
    for line in lines:
        starts = (
            current is None
            or prev is None
            or abs(line.size - prev.size) > 0.5
            or leading.breaks(prev, line)
            or line.x0 > prev.x0 + 1.5 * line.size
        )
        if starts:
            if current is not None:
                yield current
            current = _Block(page=page, top=line.top, size=line.size, lines=[line.text])
        elif current is not None:
            current.lines.append(line.text)
        prev = line
    if current is not None:
        yield current


def _join_page_breaks(blocks: list[_Block]) -> list[_Block]:
    out: list[_Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and block.page == prev.page + 1
            and prev.rows is None
            and block.rows is None
            and abs(prev.size - block.size) <= 0.5
            and not prev.text.endswith(_SENTENCE_END)
            and block.text[:1].islower()
        ):
            prev.lines.extend(block.lines)
            prev.page = block.page
            continue
        out.append(block)
    return out


def _render(blocks: list[_Block], meta_title: str | None) -> tuple[str, StructureHints, str | None]:
    weights: Counter[float] = Counter()
    for block in blocks:
        if block.rows is None:
            weights[round(block.size * 2) / 2] += len(block.text)
    body = weights.most_common(1)[0][0] if weights else 0.0
    heading_sizes = sorted(
        {
            round(b.size * 2) / 2
            for b in blocks
            if b.rows is None and _looks_like_heading(b, body)
        },
        reverse=True,
    )
    title = meta_title
    title_block: _Block | None = None
    if heading_sizes:
        largest = [b for b in blocks if b.rows is None and round(b.size * 2) / 2 == heading_sizes[0]]
        if len(largest) == 1 and largest[0].page == 0 and len(heading_sizes) > 1:
            title_block = largest[0]
            heading_sizes = heading_sizes[1:]
            title = title or title_block.text
    writer = CanonicalWriter()
    for block in blocks:
        if block.rows is not None:
            writer.table(block.rows)
        elif block is not title_block and _looks_like_heading(block, body):
            writer.heading(block.text, heading_sizes.index(round(block.size * 2) / 2) + 1)
        else:
            writer.paragraph(block.text)
    text, hints = writer.render()
    return text, hints, title


def _looks_like_heading(block: _Block, body: float) -> bool:
    return (
        body > 0
        and block.size >= HEADING_RATIO * body
        and len(block.lines) <= 3
        and len(block.text) <= MAX_HEADING_CHARS
    )
