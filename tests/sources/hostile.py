"""Hostile and pathological files, generated on demand (nothing large is kept in the repository).

Each generator writes one file under `folder` and returns its path. Sizes are scaled so that a case is
meaningful (far past what a real report holds, and past the decompression caps) yet cheap to make:
about a second each.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

MB = 1024 * 1024

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def zip_bomb_docx(folder: Path, expanded_mb: int = 40) -> Path:
    """A DOCX whose document part inflates from a few hundred KB to `expanded_mb` MB of spaces."""
    path = folder / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            )
            chunk = b" " * MB
            for _ in range(expanded_mb):
                part.write(chunk)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    path.write_bytes(buffer.getvalue())
    return path


def stream_bomb_pdf(folder: Path, expanded_mb: int = 80) -> Path:
    """A one-page PDF whose content stream is a Flate stream inflating to `expanded_mb` MB."""
    inflater = zlib.compressobj(1)
    body = b"".join(inflater.compress(b"0 0 m " * (MB // 6)) for _ in range(expanded_mb)) + inflater.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path = folder / "bomb.pdf"
    path.write_bytes(out.getvalue())
    return path


def unclosed_html_tags(folder: Path, count: int = 100_000) -> Path:
    path = folder / "unclosed.html"
    path.write_text("<html><body>" + "<div><span>" * count + "Budget rose 5%.", encoding="utf-8")
    return path


def markdown_headings(folder: Path, count: int = 100_000) -> Path:
    path = folder / "headings.md"
    path.write_text("".join(f"{'#' * (1 + i % 6)} Heading {i}\n" for i in range(count)), encoding="utf-8")
    return path


def percentages(folder: Path, count: int = 1_000_000) -> Path:
    path = folder / "percentages.txt"
    path.write_text("Shares: " + " ".join(f"{i % 100}%" for i in range(count)) + "\n", encoding="utf-8")
    return path


def digit_lines(folder: Path, count: int = 1_000_000) -> Path:
    path = folder / "digits.txt"
    path.write_text("".join(f"{i}\n" for i in range(count)), encoding="utf-8")
    return path


def huge_number(folder: Path, digits: int = 1_000_000) -> Path:
    path = folder / "number.txt"
    path.write_text("The total was " + "7" * digits + " yuan.\n", encoding="utf-8")
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "zip-bomb docx": zip_bomb_docx,
    "stream-bomb pdf": stream_bomb_pdf,
    "100k unclosed html tags": unclosed_html_tags,
    "100k markdown headings": markdown_headings,
    "1M percentages": percentages,
    "1M digit lines": digit_lines,
    "1M-digit number": huge_number,
}


def allocate(mb: int) -> int:
    """Run in a sandbox worker: asks for `mb` MB at once."""
    return len(bytearray(mb * MB))


def sleep(seconds: float) -> float:
    """Run in a sandbox worker: a parse that never ends."""
    import time

    time.sleep(seconds)
    return seconds
