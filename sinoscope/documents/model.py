"""The document model every reader's output is turned into.

A `Document` is an outline (chapters → sections) plus a flat, ordered list of `Block`s. Blocks keep
character spans into `Document.text` so any claim can be traced back to the exact source characters.
A block may have several spans: a paragraph split by a page break (with footnote bodies printed in
between) is one block made of two spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    FOOTNOTE = "footnote"
    CAPTION = "caption"
    """A figure caption (table captions live inside their `Table`)."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker inside a sentence (superscript digits), pointing at a footnote anchor."""

    marker: str
    """The number as digits, e.g. "4" for "⁴"."""
    offset: int
    """Offset of the marker in `Document.text`."""
    target: str
    """Anchor of the footnote body, e.g. "000#fn-4.4"."""


@dataclass(frozen=True)
class Table:
    label: str
    """The printed number, e.g. "4-4"; empty for an unnumbered table."""
    caption: str
    caption_span: Span | None
    caption_position: str
    """"above", "below" or "none"."""
    rows: tuple[tuple[str, ...], ...]
    """Cells as printed, row by row (wrapped rows already joined)."""
    row_spans: tuple[Span, ...]
    notes: tuple[str, ...] = ()
    """Lines that belong to the table but are not rows: unit lines such as "(RMB hundred million)",
    "Source: ...", "Note: ...", "(Prepared by the author ...)"."""


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    anchor: str
    """Stable citation anchor, e.g. "001#4.1.4¶3", "000#table-4-4", "000#fn-4.7"."""
    spans: tuple[Span, ...]
    text: str
    """The block's text: its spans' text joined by a single space (rows joined by newlines for tables)."""
    line: int
    """1-based line number of the first span in `Document.text`."""
    chapter: str | None
    """Chapter number as text ("0" for a Prologue/Introduction), None in front matter."""
    section: str | None
    """Innermost section number ("4.3.1"), None outside numbered sections."""
    ordinal: int
    """Position in the document, 0-based."""
    label: str | None = None
    """Printed number: table/figure "4-4", footnote "7", heading "4.3"."""
    table: Table | None = None
    footnote_refs: tuple[FootnoteRef, ...] = ()

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end

    def source_offset(self, i: int) -> int:
        """Map an index into `text` (for single-space-joined spans) back to an offset in the document.

        Extraction runs on `Block.text`; this is how its matches become exact source spans.
        """
        pos = 0
        for span in self.spans:
            length = span.end - span.start
            if i <= pos + length:
                return span.start + (i - pos)
            pos += length + 1
        return self.spans[-1].end


@dataclass(frozen=True)
class Section:
    number: str
    """"4.3" or "4.3.1"; for sections with their own numbering inside an unnumbered chapter the anchor
    is prefixed with the chapter, see `anchors.section_key`."""
    title: str
    level: int
    line: int
    anchor: str


@dataclass(frozen=True)
class Chapter:
    number: int
    """0 for an unnumbered opening chapter (Prologue, Introduction)."""
    title: str
    line: int
    """1-based line of the heading in `Document.text`."""
    anchor: str
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Document:
    doc_id: str
    """Short stable id used in anchors: the numeric prefix of the file name ("000") or a slug."""
    title: str
    text: str
    chapters: tuple[Chapter, ...]
    blocks: tuple[Block, ...]
    source_path: str = ""
    source_format: str = "text"
    content_hash: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    def block(self, anchor: str) -> Block | None:
        for b in self.blocks:
            if b.anchor == anchor:
                return b
        return None

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.TABLE]
