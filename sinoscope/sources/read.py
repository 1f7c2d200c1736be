"""The single entry point from a path to a `SourceText`, and the only place that touches the file.

Checks run cheapest first so bad input fails fast: the path must be a regular, readable file within
the size limit (known from `stat` before a byte is read, so a 200 MB file costs nothing), then the
first bytes decide the format, then one reader runs. Every failure becomes an `InputError` naming the
file and a short reason; nothing else escapes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from sinoscope.errors import InputError
from sinoscope.sources import html, markdown, text
from sinoscope.sources.bombs import check_html_depth, check_zip
from sinoscope.sources.encoding import Decoded, decode
from sinoscope.sources.model import SourceFormat, SourceText, StructureHints
from sinoscope.sources.reject import Rejected
from sinoscope.sources.sniff import SNIFF_BYTES, control_share, sniff
from sinoscope.sources.source_map import SourceMap, align

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
MAX_CONTROL_SHARE = 0.005
"""Decoded text with more control characters than this was never text (a binary that happened to decode)."""


def read_source(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    try:
        return _parse(path, data)
    except Rejected as err:
        raise InputError(path, err.reason) from err
    except RecursionError as err:
        raise InputError(path, "structure nested too deeply to read") from err
    except MemoryError as err:
        raise InputError(path, "too large to read into memory") from err


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError as err:
        raise InputError(path, "no such file") from err
    except PermissionError as err:
        raise InputError(path, "permission denied") from err
    except OSError as err:
        raise InputError(path, _os_reason(err)) from err
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "not a regular file")
    if info.st_size == 0:
        raise InputError(path, "empty file")
    if info.st_size > max_bytes:
        raise InputError(path, f"file is {_size(info.st_size)}, larger than the limit of {_size(max_bytes)}")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError as err:
        raise InputError(path, "permission denied") from err
    except OSError as err:
        raise InputError(path, _os_reason(err)) from err
    if len(data) > max_bytes:
        raise InputError(path, f"file is larger than the limit of {_size(max_bytes)}")
    if not data:
        raise InputError(path, "empty file")
    return data


def _parse(path: Path, data: bytes) -> SourceText:
    fmt = sniff(data[:SNIFF_BYTES], path.suffix)
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    hints = StructureHints()
    source_map = SourceMap.identity()
    if fmt is SourceFormat.PDF:
        from sinoscope.sources import pdf  # pdfplumber is slow to import and plain text never needs it

        body, hints, title, page_starts = pdf.read_pdf_pages(data)
        source_map = SourceMap.paged(page_starts)
    elif fmt is SourceFormat.DOCX:
        from sinoscope.sources import docx

        check_zip(data)
        body, hints, title = docx.read_docx(data)
        source_map = SourceMap("none")
    else:
        decoded = _decode(data, html.declared_charset(data) if fmt is SourceFormat.HTML else None)
        encoding = decoded.encoding
        if decoded.replaced:
            warnings = (_replaced_warning(decoded),)
        if fmt in (SourceFormat.HTML, SourceFormat.MARKDOWN):
            check_html_depth(decoded.text)  # Markdown may hold raw HTML blocks
        if fmt is SourceFormat.HTML:
            body, hints, title = html.read_html(decoded.text)
            source_map = align(body, decoded.text, markup="html")
        elif fmt is SourceFormat.MARKDOWN:
            body, hints, title = markdown.read_markdown(decoded.text)
            source_map = align(body, decoded.text, markup="markdown")
        else:
            body, title = decoded.text, None
    if not body.strip():
        scanned = " (a scanned PDF without a text layer?)" if fmt is SourceFormat.PDF else ""
        raise Rejected("no readable text" + scanned)
    return SourceText(
        path=path,
        format=fmt,
        text=body,
        content_hash=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        title=title or text.first_line_title(body),
        hints=hints,
        size_bytes=len(data),
        warnings=warnings,
        source_map=source_map,
    )


def _replaced_warning(decoded: Decoded) -> str:
    plural = "s" if decoded.replaced != 1 else ""
    return f"{decoded.replaced} invalid byte{plural} in {decoded.encoding} replaced with U+FFFD"


def _decode(data: bytes, declared: str | None) -> Decoded:
    decoded = decode(data, declared)
    if control_share(decoded.text) > MAX_CONTROL_SHARE:
        raise Rejected("binary content (control characters), not text")
    return decoded


def _size(size: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size // scale} {unit}" if size % scale == 0 else f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def _os_reason(err: OSError) -> str:
    if err.errno == errno.EISDIR:
        return "is a directory, not a file"
    return (err.strerror or os.strerror(err.errno or 0) or type(err).__name__).lower()
