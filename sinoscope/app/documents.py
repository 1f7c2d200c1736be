"""Reading what is stored: the document list, a document's outline, and whatever an anchor names.

`show` is the one lookup behind `sinoscope show ANCHOR`: a document id gives its outline, a heading's
anchor the heading with its first blocks, any other anchor the block (paragraph, table, footnote).
`passage` is the API's and the passage page's view of one block: the block with its heading, its facts and
its entity links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sinoscope.app.render import plain
from sinoscope.documents.anchors import split_anchor
from sinoscope.documents.model import Block, BlockKind, Chapter, Section, Table
from sinoscope.errors import NotFoundError
from sinoscope.extraction.model import Fact
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.knowledge.linking import Link, LinkKind, LinkMethod
from sinoscope.sources.terminal import printable
from sinoscope.store.base import DocumentInfo, OutlineEntry, Store

__all__ = [
    "Block",
    "BlockKind",
    "Chapter",
    "DocumentInfo",
    "DocumentOutline",
    "HeadingBlocks",
    "Link",
    "LinkKind",
    "LinkMethod",
    "OutlineEntry",
    "Overview",
    "PassageDetail",
    "Section",
    "Store",
    "Table",
    "blocks",
    "check_anchor",
    "document_record",
    "documents",
    "outline",
    "overview",
    "passage",
    "printable",
    "show",
    "typed_anchor",
]

_TYPED_PILCROW = re.compile(r"(?<=[0-9a-z])p(?=\d+$)")


def typed_anchor(anchor: str) -> str:
    """An anchor as people type it: "001#4.1.4p3" for "001#4.1.4¶3", since the pilcrow is hard to type."""
    anchor = anchor.strip()
    if "#" in anchor and "¶" not in anchor:
        doc, ref = anchor.split("#", 1)
        if not ref.startswith(("table-", "figure-", "fn-")):
            return doc + "#" + _TYPED_PILCROW.sub("¶", ref, count=1)
    return anchor


@dataclass(frozen=True)
class DocumentOutline:
    info: DocumentInfo
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class HeadingBlocks:
    heading: OutlineEntry
    blocks: list[Block]
    """The first blocks under the heading (the heading's own block left out)."""


@dataclass(frozen=True)
class PassageDetail:
    block: Block
    heading: OutlineEntry | None
    """Set when the block is a heading."""
    facts: list[Fact]
    links: list[Link]


DOCUMENT_METADATA_FIELDS = ("title_source", "date", "date_source", "issuer", "doc_number", "lang")
"""Metadata keys also given at the top level of a document's JSON (null when unknown)."""


def document_record(d: DocumentInfo) -> dict[str, Any]:
    """A document as `sinoscope docs --json` prints it: every field, and the common metadata lifted up."""
    out: dict[str, Any] = plain(d)
    for key in DOCUMENT_METADATA_FIELDS:
        out.setdefault(key, d.metadata.get(key))
    return out


def documents(store: Store) -> list[DocumentInfo]:
    return store.list_documents()


def outline(store: Store, doc_id: str) -> DocumentOutline:
    """One document with its chapters and sections; NotFoundError for an unknown id."""
    info = store.get_document(doc_id)
    return DocumentOutline(info, store.outline(info.doc_id))


def show(store: Store, anchor: str, first_blocks: int = 5) -> DocumentOutline | HeadingBlocks | Block:
    """What `anchor` (as typed) names: a whole document (no "#"), a chapter or section heading, or one block."""
    anchor = typed_anchor(anchor)
    if "#" not in anchor:
        return outline(store, anchor)
    entry = store.find_heading(anchor)
    if entry is None:
        return store.get_block(anchor)
    section = None if entry.level == 0 else entry.number
    found = store.blocks(entry.doc_id, chapter=str(entry.chapter.number), section=section)
    return HeadingBlocks(entry, [b for b in found if b.anchor != anchor][:first_blocks])


def blocks(
    store: Store, doc_id: str, chapter: str | None = None, section: str | None = None, kind: str | None = None
) -> list[Block]:
    """A document's blocks in reading order: one chapter or section ("4.1" includes "4.1.2"), one kind."""
    store.get_document(doc_id)
    return [b for b in store.blocks(doc_id, chapter=chapter, section=section) if kind is None or b.kind.value == kind]


def check_anchor(anchor: str) -> str:
    """The anchor as typed, made exact ("p" → "¶"); NotFoundError naming the expected shape when malformed."""
    anchor = typed_anchor(anchor)
    if split_anchor(anchor) is None:
        raise NotFoundError(f"{anchor}: not an anchor (expected e.g. 000#4.1¶3 or 000#table-4-4)")
    return anchor


def passage(store: Store, anchor: str) -> PassageDetail:
    """The block an anchor names, its heading entry if it is one, the facts read in it and its entity links."""
    anchor = check_anchor(anchor)
    doc_id = anchor.partition("#")[0]
    block = store.get_block(anchor)
    facts = [f for f in store.facts(doc_id) if f.section == anchor]
    return PassageDetail(block, store.find_heading(anchor), facts, store.links(anchor=anchor))


@dataclass(frozen=True)
class Overview:
    """The home page: what is stored, and how much the knowledge base holds (empty without one)."""

    documents: list[DocumentInfo]
    counts: dict[str, int]


def overview(store: Store, kb: KnowledgeBase | None) -> Overview:
    counts: dict[str, int] = {}
    if kb is not None:
        counts = {
            "policies": len(kb.policies()),
            "indicators": len(kb.indicators()),
            "targets": len(kb.targets()),
            "observations": len(kb.observations()),
            "funds": len(kb.funds()),
            "supply chains": len(kb.supply_chains()),
        }
    return Overview(store.list_documents(), counts)
