"""Stand-ins for the reader and structure builder, so the pipeline is tested on its own."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from sinoscope.documents.model import Document
from sinoscope.errors import InputError
from sinoscope.sources.model import SourceFormat, SourceText

from .factory import DocBuilder


def fake_read(path: Path) -> SourceText:
    if not path.exists():
        raise InputError(path, "no such file")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "empty file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, "not UTF-8 text") from err
    return SourceText(path, SourceFormat.TEXT, text, hashlib.sha256(data).hexdigest(), size_bytes=len(data))


def fake_build(source: SourceText, doc_id: str) -> Document:
    if "EXPLODE" in source.text:
        raise ValueError("parser bug triggered")
    paragraphs = [p.strip() for p in source.text.split("\n\n") if p.strip()]
    b = DocBuilder(doc_id, paragraphs[0])
    b.chapter(1, "Body")
    for p in paragraphs[1:]:
        b.para(p)
    doc = b.build(source_path=str(source.path))
    return dataclasses.replace(doc, content_hash=source.content_hash)
