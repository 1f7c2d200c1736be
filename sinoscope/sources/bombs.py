"""Decompression caps: a small file that expands to gigabytes is rejected before it is expanded.

A DOCX is a ZIP archive whose central directory declares each part's uncompressed size, and Python's
`zipfile` never inflates a part past its declared size, so checking the declarations bounds the work:
one part larger than `MAX_PART_BYTES`, all parts together larger than `MAX_TOTAL_BYTES`, or a large part
compressed more than `MAX_RATIO` times (XML compresses about 5-20 times; a bomb about 1,000) is refused.

HTML parsers keep a stack of open elements and scan it at each tag, so thousands of unclosed elements
cost quadratic time (100k unclosed `<div>` take minutes in lexbor); `check_html_depth` refuses a page
whose elements nest deeper than `MAX_HTML_DEPTH` before it is parsed, counting opening and closing tags
in one linear pass (void and self-closing elements and those a parser closes implicitly not counted).

PDF streams carry no trustworthy size, so pdfminer's Flate decoding is capped where it happens: the
module's `zlib` is replaced by `CappedZlib`, which inflates at most `MAX_STREAM_BYTES` per stream and
`MAX_PDF_BYTES` per document (`reset_pdf_budget` starts a document) and raises `Rejected` beyond.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from sinoscope.sources.reject import Rejected

MB = 1024 * 1024
MAX_PART_BYTES = 256 * MB
MAX_TOTAL_BYTES = 512 * MB
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 10 * MB
"""Parts smaller than this are never refused for their ratio alone (a blank image compresses a lot)."""
MAX_HTML_DEPTH = 2000
"""Real pages nest a few dozen levels; sloppy ones with unclosed tags a few hundred."""
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:[^<>]*?(/?)>)?")
_NOT_NESTING = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
        "optgroup",
        "thead",
        "tbody",
        "tfoot",
        "rb",
        "rt",
        "rp",
        "colgroup",
        "caption",
    }
)
MAX_STREAM_BYTES = 64 * MB
MAX_PDF_BYTES = 512 * MB


def check_zip(data: bytes, what: str = "DOCX") -> None:
    """Refuse an archive whose parts declare more than the caps allow; damaged archives pass through
    (the reader names them)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > MAX_PART_BYTES:
            raise Rejected(
                f"{what} part {info.filename} expands to {size // MB} MB, over the limit of "
                f"{MAX_PART_BYTES // MB} MB per part"
            )
        if size > RATIO_FLOOR_BYTES and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise Rejected(
                f"{what} part {info.filename} is compressed {ratio}:1, over the limit of {MAX_RATIO}:1 (a zip bomb?)"
            )
    if total > MAX_TOTAL_BYTES:
        raise Rejected(f"{what} expands to {total // MB} MB, over the limit of {MAX_TOTAL_BYTES // MB} MB")


def check_html_depth(text: str) -> None:
    depth = deepest = 0
    for tag in _TAG.finditer(text):
        name = tag.group(2).lower()
        if name in _NOT_NESTING or tag.group(3):
            continue
        if tag.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_HTML_DEPTH:
                raise Rejected(f"HTML elements nested more than {MAX_HTML_DEPTH} levels deep (unclosed tags?)")


class CappedZlib:
    """Stands in for the `zlib` module inside pdfminer: the same calls, with bounded output."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)
    compressobj = staticmethod(zlib.compressobj)
    MAX_WBITS = zlib.MAX_WBITS

    def __init__(self) -> None:
        self.used = 0

    def decompress(self, data: bytes, *args: Any) -> bytes:
        inflater = zlib.decompressobj(*args[:1]) if args else zlib.decompressobj()
        room = min(MAX_STREAM_BYTES, MAX_PDF_BYTES - self.used)
        out = inflater.decompress(data, room + 1)
        if len(out) > room:
            if room < MAX_STREAM_BYTES:
                raise Rejected(f"PDF streams expand to more than the limit of {MAX_PDF_BYTES // MB} MB in all")
            raise Rejected(f"a PDF stream expands to more than the limit of {MAX_STREAM_BYTES // MB} MB")
        # a truncated stream yields what it holds, as pdfminer's own fallback would (byte by byte)
        self.used += len(out)
        return out


_CAPPED = CappedZlib()


def install_pdf_stream_cap() -> None:
    """Route pdfminer's stream decoding through the cap (idempotent)."""
    from pdfminer import pdftypes

    setattr(pdftypes, "zlib", _CAPPED)  # noqa: B010 (a module attribute pdfminer does not export)


def reset_pdf_budget() -> None:
    _CAPPED.used = 0
