"""PDF: text lines and ruled tables via pdfplumber, regrouped into paragraphs, in the canonical shape.

A PDF has no paragraphs, only positioned characters. Lines are regrouped into blocks by vertical gaps,
first-line indents and font-size changes; a block in a font clearly larger than the body text is a
heading, its level ranked by size (the single largest line on page 1 is the title, not a chapter).
Ruled tables found by pdfplumber are read cell by cell and their characters removed from the running
text. Raised small digits become superscript footnote markers.

Page furniture is dropped: page numbers in the top or bottom margin ("8", "- 8 -", "Page 8 of 12",
"第8页 共12页", roman numerals), and running headers and footers, recognised as margin lines that repeat
(digits aside) on many pages. A bold body-size line that starts with a heading number (第一章, 一、,
（一）, 2.3) is a heading too, its level from the numbering scheme. Lines of a paragraph are joined with a
space, except where the break falls beside a CJK character in a CJK paragraph (Chinese is written
without spaces, so a line wrap must not insert one). A paragraph cut by a page break is rejoined when
the first page's part does not end a sentence and the next page's part continues it (lower case, or CJK
after CJK).

A scanned PDF (pages without a text layer) and an encrypted one are rejected with a reason, never read
as an empty document.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import chars_to_textmap

from sinoscope.sources.bombs import install_pdf_stream_cap, reset_pdf_budget
from sinoscope.sources.canonical import CanonicalWriter, clean_inline, superscript_digits
from sinoscope.sources.model import StructureHints
from sinoscope.sources.reject import Rejected

EOF_WINDOW = 4096
"""A complete PDF ends with %%EOF; writers may append a little after it, never kilobytes."""
HEADING_RATIO = 1.12
MAX_HEADING_CHARS = 200
MARGIN_SHARE = 0.08
RUNNING_ZONE_SHARE = 0.12
"""Running headers and footers sit within this share of the page height from its top or bottom edge."""
RUNNING_MIN_SHARE = 0.4
"""A margin line repeated on at least this share of pages (and on two at least) is a running header or
footer; alternating left/right headers each reach about half."""
MAX_RUNNING_CHARS = 150
MAX_NUMBERED_HEADING_CHARS = 80
SUPERSCRIPT_RATIO = 0.8
DEFAULT_LEADING = 0.3
"""Gap between lines as a share of font size when the document has too few lines to measure it."""
PARAGRAPH_SPACING = 0.25
"""Extra gap, as a share of font size, that separates paragraphs (never less than 2 pt)."""
_SENTENCE_END = tuple('.!?:;)]"”’。！？；：）」』】')
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.)?\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|[-–—]\s*\d+\s*[-–—]"
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页",
    re.I,
)
_CJK_NUMERAL = "一二三四五六七八九十百零〇"
_HEADING_NUMBER = re.compile(
    rf"(?P<part>第[{_CJK_NUMERAL}\d]+[章篇部编])"
    rf"|(?P<section>第[{_CJK_NUMERAL}\d]+节)"
    rf"|(?P<top>[{_CJK_NUMERAL}]+、)"
    rf"|(?P<second>[（(][{_CJK_NUMERAL}]+[)）])"
    r"|(?P<dotted>\d{1,2}(?:\.\d{1,2})*)\.?(?=\s|[^\d.%,)）])"
    r"|(?P<chapter>(?:chapter|part)\s+(?:\d+|[ivxlc]+)\b)",
    re.I,
)


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool = False


@dataclass
class _Block:
    page: int
    top: float
    size: float
    lines: list[str]
    rows: list[list[str]] | None = None
    bold: bool = False

    @property
    def text(self) -> str:
        return join_lines(self.lines)


def join_lines(lines: list[str]) -> str:
    """A paragraph's lines as one line: hyphenated words rejoined, no space at a CJK line wrap."""
    cjk = _cjk_share("".join(lines)) > 0.3
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif not line:
            continue
        elif _hyphenated(out) or _glued(out[-1], line[0], cjk):
            out += line
        else:
            out = f"{out} {line}"
    return clean_inline(out)


def is_cjk(char: str) -> bool:
    """Han characters, kana, Hangul, CJK punctuation and full-width forms: scripts written without spaces."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


def _hyphenated(text: str) -> bool:
    return text.endswith("-") and len(text) > 1 and text[-2].isalpha() and not is_cjk(text[-2])


def _glued(end: str, start: str, cjk_paragraph: bool) -> bool:
    if is_cjk(end) and is_cjk(start):
        return True
    return cjk_paragraph and (is_cjk(end) or is_cjk(start))


def _cjk_share(text: str) -> float:
    letters = [ch for ch in text if not ch.isspace()]
    return sum(1 for ch in letters if is_cjk(ch)) / len(letters) if letters else 0.0


def read_pdf(data: bytes) -> tuple[str, StructureHints, str | None]:
    """Canonical text, hints and the title (document metadata, else the lone largest line on page 1)."""
    text, hints, title, _ = read_pdf_pages(data)
    return text, hints, title


def read_pdf_pages(data: bytes) -> tuple[str, StructureHints, str | None, list[tuple[int, int]]]:
    """As `read_pdf`, plus (canonical offset, 0-based page) where each page's text begins."""
    install_pdf_stream_cap()
    reset_pdf_budget()
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise Rejected("truncated PDF (no end-of-file marker)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            meta_title = _meta_title(pdf.metadata)
            pages = [_read_page(page, number) for number, page in enumerate(pdf.pages)]
            if pages and not any(page.lines or page.tables for page in pages):
                raise Rejected(_no_text(pdf.pages))
            _drop_running_lines(pages)
            leading = _Leading.measure([line for page in pages for line in page.lines])
            blocks = [block for page in pages for block in _page_blocks(page, leading)]
    except Rejected:
        raise
    except PdfminerException as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, Rejected):
            raise cause from err
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


def _no_text(pages: Any) -> str:
    if any(page.images for page in pages):
        return "scanned PDF: its pages are images without a text layer (run OCR on it first)"
    return "PDF without any text on its pages"


@dataclass
class _Page:
    number: int
    height: float
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
    return _Page(number, float(page.height), lines, blocks)


def _running_key(line: _Line, height: float) -> str | None:
    """What a running header or footer line has in common across pages: its text with digits (page
    numbers, dates) and spacing ignored; None for a line outside the margins or too long to be one."""
    zone = RUNNING_ZONE_SHARE * height
    if (line.top > zone and line.bottom < height - zone) or len(line.text) > MAX_RUNNING_CHARS:
        return None
    return re.sub(r"\d+", "#", "".join(line.text.split())).lower()


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove margin lines that repeat on many pages: a running header or footer is furniture, and left
    in it becomes the next chapter's heading or a stray paragraph at every page break."""
    if len(pages) < 2:
        return
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({key for line in page.lines if (key := _running_key(line, page.height))})
    needed = max(2, math.ceil(RUNNING_MIN_SHARE * len(pages)))
    running = {key for key, count in seen.items() if count >= needed}
    if not running:
        return
    for page in pages:
        page.lines = [line for line in page.lines if _running_key(line, page.height) not in running]


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
        visible = [c for c in line["chars"] if not c["text"].isspace()]
        bold = sum(1 for c in visible if _is_bold(c)) > len(visible) / 2
        size = sizes.most_common(1)[0][0]
        out.append(_Line(line["text"], line["top"], line["bottom"], line["x0"], size, bold))
    return out


def _is_bold(char: dict[str, Any]) -> bool:
    name = str(char.get("fontname", "")).lower()
    return any(weight in name for weight in ("bold", "heavy", "black", "semibold", "demi"))


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
            char = {
                **char,
                "text": superscript_digits(char["text"]),
                "top": base["top"],
                "bottom": base["bottom"],
                "size": base["size"],
            }
        elif not char["text"].isspace():
            base = char
        out.append(char)
    return out


def _is_page_number(line: _Line, height: float) -> bool:
    in_margin = line.bottom < MARGIN_SHARE * height or line.top > (1 - MARGIN_SHARE) * height
    if not in_margin:
        return False
    text = line.text.strip()
    return bool(_PAGE_NUMBER.fullmatch(text)) or _is_roman(text.strip("-–— ").lower().removeprefix("page").strip())


def _is_roman(text: str) -> bool:
    return bool(text) and len(text) <= 6 and set(text) <= set("ivxlc")


def _group(lines: list[_Line], page: int, leading: _Leading) -> Iterator[_Block]:
    """Lines into blocks: a new block at a larger-than-usual gap, a size or weight change (a bold heading
    line above body text) or a first-line indent."""
    current: _Block | None = None
    prev: _Line | None = None
    for line in lines:
        starts = (
            current is None
            or prev is None
            or abs(line.size - prev.size) > 0.5
            or line.bold != prev.bold
            or leading.breaks(prev, line)
            or line.x0 > prev.x0 + 1.5 * line.size
        )
        if starts:
            if current is not None:
                yield current
            current = _Block(page=page, top=line.top, size=line.size, lines=[line.text], bold=line.bold)
        elif current is not None:
            current.lines.append(line.text)
            current.bold = current.bold and line.bold
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
            and _continues(prev.text, block.text)
        ):
            prev.lines.extend(block.lines)
            prev.page = block.page
            continue
        out.append(block)
    return out


def _continues(before: str, after: str) -> bool:
    """Does `after` (first block of a page) go on with `before` (last block of the previous page)?"""
    if not before or not after or before.endswith(_SENTENCE_END):
        return False
    return after[0].islower() or (is_cjk(before[-1]) and is_cjk(after[0]) and after[0] not in "（(【第")


def _render(
    blocks: list[_Block], meta_title: str | None
) -> tuple[str, StructureHints, str | None, list[tuple[int, int]]]:
    weights: Counter[float] = Counter()
    for block in blocks:
        if block.rows is None:
            weights[round(block.size * 2) / 2] += len(block.text)
    body = weights.most_common(1)[0][0] if weights else 0.0
    heading_sizes = sorted(
        {round(b.size * 2) / 2 for b in blocks if b.rows is None and _looks_like_heading(b, body)},
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
        writer.page = block.page
        numbered = numbering_level(block.text)
        if block.rows is not None:
            writer.table(block.rows)
        elif block is not title_block and _looks_like_heading(block, body):
            writer.heading(block.text, numbered or heading_sizes.index(round(block.size * 2) / 2) + 1)
        elif numbered and _numbered_heading(block, body):
            writer.heading(block.text, numbered)
        else:
            writer.paragraph(block.text)
    text, hints = writer.render()
    return text, hints, title, writer.page_starts


def _looks_like_heading(block: _Block, body: float) -> bool:
    return (
        body > 0
        and block.size >= HEADING_RATIO * body
        and len(block.lines) <= 3
        and len(block.text) <= MAX_HEADING_CHARS
    )


def numbering_level(text: str) -> int | None:
    """The outline level a heading number implies: 第一章/一、/Chapter 1 → 1, 第一节/（一）→ 2, 2.3 → 2."""
    found = _HEADING_NUMBER.match(text)
    if found is None:
        return None
    if found.group("part") or found.group("top") or found.group("chapter"):
        return 1
    if found.group("section") or found.group("second"):
        return 2
    dotted = found.group("dotted")
    if dotted is None:
        return None
    return min(dotted.count(".") + 1, 6)


def _numbered_heading(block: _Block, body: float) -> bool:
    """A body-size line in bold that starts with a heading number and does not read as a sentence."""
    text = block.text
    return (
        block.bold
        and len(block.lines) == 1
        and len(text) <= MAX_NUMBERED_HEADING_CHARS
        and abs(block.size - body) <= 1.0
        and not text.endswith(_SENTENCE_END)
    )
