"""A document's quantities as located facts, and its tables as tidy records.

Extraction runs block by block on the prose kinds (paragraphs, list items, footnotes, figure captions and
headings, which also set the period and kind of what is beneath them, see `doc_context`); tables are read
cell by cell by `tidy_table`, where a number's meaning comes from its row and column rather than from a
sentence. Block offsets are mapped back to the document with
`Block.source_offset`, so every fact points at the exact characters it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import PurePath

from sinoscope.documents.model import Block, BlockKind, Document
from sinoscope.extraction.doc_context import ContextTracker, heading_level
from sinoscope.extraction.model import Fact, TableRecord
from sinoscope.extraction.quantities import extract_quantities
from sinoscope.extraction.relative_periods import parse_doc_date
from sinoscope.extraction.tables import TidyTable, tidy_table

_NEWLINE = re.compile("\n")

PROSE_KINDS = frozenset(
    {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE, BlockKind.CAPTION, BlockKind.HEADING}
)
"""Headings too: an evaluation scheme prints an item's weight in its heading ("（一）平台建设（3分）")."""
_HEADINGS = frozenset({BlockKind.HEADING, BlockKind.PARAGRAPH})
"""Blocks that may act as headings for the figures beneath them (see `doc_context`)."""


def doc_name(doc: Document) -> str:
    """The file name facts are filed under (the gold data's `doc`), or the id when there is no file."""
    return PurePath(doc.source_path).name if doc.source_path else doc.doc_id


def extract_facts(doc: Document) -> list[Fact]:
    """Every quantity in the document's prose, in document order."""
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(doc.text)]  # a Python loop per character was 5 %
    name = doc_name(doc)
    facts: list[Fact] = []
    # the document's date (filled at ingest from its metadata, never the ingest time) resolves 今年/去年
    tracker = ContextTracker(doc.title, parse_doc_date(doc.metadata.get("date")))
    for block in doc.blocks:
        level = heading_level(block.text, block.kind is BlockKind.HEADING) if block.kind in _HEADINGS else None
        if level is not None:
            tracker.heading(block.text, level)
        if block.kind not in PROSE_KINDS or not block.spans:
            continue
        context = tracker.paragraph(block.text)
        for q in extract_quantities(block.text, context):
            start = _doc_offset(block, q.start, at_start=True)
            end = _doc_offset(block, q.end, at_start=False)
            surface = doc.text[start:end]
            facts.append(
                Fact(
                    **{
                        **q.model_dump(),
                        "start": start,
                        "end": end,
                        "text": surface if surface == q.text else q.text,
                    },
                    doc=name,
                    doc_id=doc.doc_id,
                    section=block.anchor,
                    line=bisect_right(line_starts, start),
                )
            )
    facts.sort(key=lambda f: f.start)
    return facts


def _doc_offset(block: Block, i: int, *, at_start: bool) -> int:
    """`Block.source_offset`, except that a start falling on a span join belongs to the next span."""
    pos = 0
    for span in block.spans:
        length = span.end - span.start
        if i < pos + length or (i == pos + length and not at_start):
            return span.start + (i - pos)
        pos += length + 1
    return block.spans[-1].end


def extract_tables(doc: Document) -> list[TidyTable]:
    """Every table read into tidy records; a table not understood is flagged and keeps only safe records."""
    return [tidy_table(b.table, b.anchor) for b in doc.blocks if b.kind is BlockKind.TABLE and b.table is not None]


def extract_table_records(doc: Document) -> list[TableRecord]:
    return [r for t in extract_tables(doc) for r in t.records]
