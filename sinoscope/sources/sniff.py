"""Decide what a file is from its first bytes, and only then from its name.

Content wins over the extension for containers: a PDF renamed to .txt is still read as a PDF, and a PNG
renamed to .txt is rejected as an image instead of being decoded into noise. Among text dialects the
extension wins (a .txt holding HTML source stays plain text, so its offsets remain file offsets); only a
file with no known extension is sniffed for HTML.
"""

from __future__ import annotations

import re

from sinoscope.sources.encoding import bom_encoding, utf16_without_bom
from sinoscope.sources.model import SourceFormat
from sinoscope.sources.reject import Rejected

SNIFF_BYTES = 8192

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = frozenset({*TEXT_SUFFIXES, *MARKDOWN_SUFFIXES, *HTML_SUFFIXES, ".pdf", ".docx"})

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc/.xls/.ppt); save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document; save it as .docx or PDF"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_PDF_HEADER_WINDOW = 1024
"""PDF readers accept the %PDF- header anywhere in the first kilobyte."""
_HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)
_CONTROL_BYTES = bytes(sorted(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B}))
_CONTROL_CHARS = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.01


def sniff(head: bytes, suffix: str) -> SourceFormat:
    """The format to read `head` (the file's first bytes) as; raises `Rejected` for anything else."""
    suffix = suffix.lower()
    if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
        return SourceFormat.PDF
    if head.startswith(_ZIP):
        if suffix == ".docx" or b"word/" in head:
            return SourceFormat.DOCX
        raise Rejected("a ZIP archive that is not a DOCX document")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise Rejected(f"{what}, not a report")
    if suffix == ".pdf":
        raise Rejected("not a valid PDF (no %PDF- header)")
    if suffix == ".docx":
        raise Rejected("not a valid DOCX (not a ZIP archive)")
    if looks_binary(head):
        if suffix and suffix not in SUPPORTED_SUFFIXES:
            raise Rejected(f"unsupported file type {suffix!r} with binary content")
        raise Rejected("binary content, not text")
    if suffix in TEXT_SUFFIXES:
        return SourceFormat.TEXT
    if suffix in MARKDOWN_SUFFIXES:
        return SourceFormat.MARKDOWN
    if suffix in HTML_SUFFIXES or _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")):
        return SourceFormat.HTML
    return SourceFormat.TEXT


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control bytes: text never has them (UTF-16/32 are recognised by their BOM, or
    UTF-16 by zero bytes on one parity only)."""
    if not head or bom_encoding(head) in {"utf-16", "utf-32"} or utf16_without_bom(head) is not None:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > MAX_CONTROL_SHARE * len(head)


def control_share(text: str) -> float:
    """Share of C0/C1 control characters in decoded text: high means the bytes were not text after all."""
    sample = text[:65536]
    if not sample:
        return 0.0
    return len(_CONTROL_CHARS.findall(sample)) / len(sample)
