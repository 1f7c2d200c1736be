"""Documents, their outlines, and passages (blocks) by citation anchor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sinoscope.documents.anchors import split_anchor
from sinoscope.errors import NotFoundError
from sinoscope.interfaces.anchor_input import typed_anchor
from sinoscope.interfaces.api.context import StoreDep
from sinoscope.interfaces.api.schemas import (
    BlockOut,
    ChapterOut,
    DocumentDetailOut,
    DocumentOut,
    HeadingOut,
    LinkOut,
    PassageOut,
    error_responses,
)

router = APIRouter(tags=["documents"])
NOT_FOUND = error_responses(404, 422)


@router.get("/documents", response_model=list[DocumentOut])
def list_documents(store: StoreDep) -> list[DocumentOut]:
    """Every stored document (without its text)."""
    return [DocumentOut.of(d) for d in store.list_documents()]


@router.get("/documents/{doc_id}", response_model=DocumentDetailOut, responses=NOT_FOUND)
def get_document(doc_id: str, store: StoreDep) -> DocumentDetailOut:
    """One document with its outline (chapters and sections, each with its anchor)."""
    info = store.get_document(doc_id)
    base = DocumentOut.of(info)
    return DocumentDetailOut(**base.model_dump(), outline=[ChapterOut.of(c) for c in store.outline(doc_id)])


@router.get("/documents/{doc_id}/blocks", response_model=list[BlockOut], responses=NOT_FOUND)
def document_blocks(
    doc_id: str,
    store: StoreDep,
    chapter: Annotated[str | None, Query(description='Chapter number, "0" for a Prologue.')] = None,
    section: Annotated[str | None, Query(description='Section number; "4.1" includes "4.1.2".')] = None,
    kind: Annotated[str | None, Query(description="Only blocks of this kind (paragraph, table, footnote...).")] = None,
) -> list[BlockOut]:
    """The document's passages in reading order, optionally one chapter or section."""
    store.get_document(doc_id)
    blocks = store.blocks(doc_id, chapter=chapter, section=section)
    return [BlockOut.of(b) for b in blocks if kind is None or b.kind.value == kind]


@router.get("/blocks/{anchor:path}", response_model=PassageOut, responses=NOT_FOUND)
def get_block(anchor: str, store: StoreDep) -> PassageOut:
    """The passage an anchor names ("000#4.1¶3", "000#table-4-4"; "p" may stand for "¶"), its facts and links.

    Encode "#" as %23 in the path.
    """
    anchor = typed_anchor(anchor)
    parts = split_anchor(anchor)
    if parts is None:
        raise NotFoundError(f"{anchor}: not an anchor (expected e.g. 000#4.1¶3 or 000#table-4-4)")
    block = store.get_block(anchor)
    heading = store.find_heading(anchor)
    facts = [f.model_dump(mode="json") for f in store.facts(parts[0]) if f.section == anchor]
    links = [
        LinkOut(
            entity=lk.entity,
            kind=lk.kind.value,
            anchor=lk.anchor,
            method=lk.method.value,
            surface=lk.surface,
            start=lk.start,
            end=lk.end,
            row=lk.row,
            col=lk.col,
            score=lk.score,
        )
        for lk in store.links(anchor=anchor)
    ]
    return PassageOut(
        block=BlockOut.of(block),
        heading=HeadingOut.of(heading) if heading is not None else None,
        facts=facts,
        links=links,
    )
