"""The boundary between reading a file and recovering its structure.

Every reader (text, Markdown, HTML, PDF, DOCX) produces one `SourceText`: the extracted text that all
character offsets refer to, and optional hints for formats that carry real structure (heading styles,
table elements), so that structure recovery has one input shape whatever the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sinoscope.sources.source_map import SourceMap


class SourceFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


@dataclass(frozen=True)
class StructureHints:
    """What a structured format tells us for sure, keyed by 0-based line index into `SourceText.text`.

    `headings` maps a line to its level (1 = chapter, 2 = section, 3 = subsection, ...).
    `table_lines` holds the line indexes that are rows of a real table element (tab-separated cells).
    Plain text has no hints; structure is then recovered from the layout alone.
    """

    headings: dict[int, int] = field(default_factory=dict)
    table_lines: frozenset[int] = frozenset()


@dataclass(frozen=True)
class SourceText:
    path: Path
    format: SourceFormat
    text: str
    content_hash: str
    """sha256 of the raw file bytes: the identity used for idempotent ingestion."""
    encoding: str | None = None
    title: str | None = None
    hints: StructureHints = field(default_factory=StructureHints)
    size_bytes: int = 0
    warnings: tuple[str, ...] = ()
    """Problems the reader worked around (bytes replaced with U+FFFD), one short phrase each."""
    source_map: SourceMap = field(default_factory=SourceMap.identity)
    """From offsets into `text` back to the file: characters (text, Markdown, HTML) or pages (PDF)."""
