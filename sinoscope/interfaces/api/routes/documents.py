"""Documents, their outlines, and passages (blocks) by citation anchor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from sinoscope.app import documents as app_documents
from sinoscope.interfaces.api.context import StoreDep
from sinoscope.interfaces.api.schemas import (
    BlockOut,
    DocumentDetailOut,
    DocumentOut,
    PassageOut,
    block_out,
    document_out,
    error_responses,
    passage_out,
)

router = APIRouter(tags=["documents"])
NOT_FOUND = error_responses(404, 422)


@router.get("/documents", response_model=list[DocumentOut])  # type: ignore[valid-type]
def list_documents(store: StoreDep) -> list[BaseModel]:
    """Every stored document (without its text)."""
    return [document_out(d) for d in app_documents.documents(store)]


@router.get("/documents/{doc_id}", response_model=DocumentDetailOut, responses=NOT_FOUND)
def get_document(doc_id: str, store: StoreDep) -> BaseModel:
    """One document with its outline (chapters and sections, each with its anchor)."""
    found = app_documents.outline(store, doc_id)
    return document_out(found.info, found.chapters)


@router.get("/documents/{doc_id}/blocks", response_model=list[BlockOut], responses=NOT_FOUND)  # type: ignore[valid-type]
def document_blocks(
    doc_id: str,
    store: StoreDep,
    chapter: Annotated[str | None, Query(description='Chapter number, "0" for a Prologue.')] = None,
    section: Annotated[str | None, Query(description='Section number; "4.1" includes "4.1.2".')] = None,
    kind: Annotated[str | None, Query(description="Only blocks of this kind (paragraph, table, footnote...).")] = None,
) -> list[BaseModel]:
    """The document's passages in reading order, optionally one chapter or section."""
    return [block_out(b) for b in app_documents.blocks(store, doc_id, chapter, section, kind)]


@router.get("/blocks/{anchor:path}", response_model=PassageOut, responses=NOT_FOUND)
def get_block(anchor: str, store: StoreDep) -> BaseModel:
    """The passage an anchor names ("000#4.1¶3", "000#table-4-4"; "p" may stand for "¶"), its facts and links.

    Encode "#" as %23 in the path.
    """
    return passage_out(app_documents.passage(store, anchor))
