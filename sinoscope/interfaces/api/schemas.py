"""The JSON shapes of the REST API, as pydantic models so they appear in the OpenAPI schema.

They mirror the store's dataclasses field for field (plus the URLs a client follows), and are built
from them here rather than by the routes, so a field added to the model shows up in one place.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from sinoscope.documents.model import Block, Chapter, Section, Table
from sinoscope.store.base import DocumentInfo, OutlineEntry, SearchHit


def reader_url(anchor: str) -> str:
    """The reader page scrolled to the passage: "000#4.1¶3" → "/documents/000#4.1¶3"."""
    doc_id, _, ref = anchor.partition("#")
    return f"/documents/{quote(doc_id)}" + (f"#{quote(ref, safe='')}" if ref else "")


def block_api_url(anchor: str) -> str:
    return "/api/v1/blocks/" + quote(anchor, safe="")


class DocumentOut(BaseModel):
    doc_id: str
    file_name: str
    path: str
    format: str
    title: str
    content_hash: str
    ingested_at: str
    chars: int
    chapters: int
    blocks: int
    tables: int
    facts: int
    metadata: dict[str, str]
    url: str

    @classmethod
    def of(cls, d: DocumentInfo) -> DocumentOut:
        return cls(
            doc_id=d.doc_id,
            file_name=d.file_name,
            path=d.path,
            format=d.format,
            title=d.title,
            content_hash=d.content_hash,
            ingested_at=d.ingested_at,
            chars=d.chars,
            chapters=d.chapters,
            blocks=d.blocks,
            tables=d.tables,
            facts=d.facts,
            metadata=dict(d.metadata),
            url=f"/documents/{quote(d.doc_id)}",
        )


class SectionOut(BaseModel):
    number: str
    title: str
    level: int
    line: int
    anchor: str

    @classmethod
    def of(cls, s: Section) -> SectionOut:
        return cls(number=s.number, title=s.title, level=s.level, line=s.line, anchor=s.anchor)


class ChapterOut(BaseModel):
    number: int
    title: str
    line: int
    anchor: str
    sections: list[SectionOut]

    @classmethod
    def of(cls, c: Chapter) -> ChapterOut:
        return cls(
            number=c.number,
            title=c.title,
            line=c.line,
            anchor=c.anchor,
            sections=[SectionOut.of(s) for s in c.sections],
        )


class DocumentDetailOut(DocumentOut):
    outline: list[ChapterOut]


class TableOut(BaseModel):
    label: str
    caption: str
    caption_position: str
    rows: list[list[str]]
    notes: list[str]

    @classmethod
    def of(cls, t: Table) -> TableOut:
        return cls(
            label=t.label,
            caption=t.caption,
            caption_position=t.caption_position,
            rows=[list(r) for r in t.rows],
            notes=list(t.notes),
        )


class FootnoteRefOut(BaseModel):
    marker: str
    offset: int
    target: str


class BlockOut(BaseModel):
    anchor: str
    doc_id: str
    kind: str
    text: str
    line: int
    chapter: str | None
    section: str | None
    ordinal: int
    label: str | None
    spans: list[tuple[int, int]]
    table: TableOut | None
    footnote_refs: list[FootnoteRefOut]
    url: str
    """The passage in the reader."""

    @classmethod
    def of(cls, b: Block) -> BlockOut:
        return cls(
            anchor=b.anchor,
            doc_id=b.anchor.partition("#")[0],
            kind=b.kind.value,
            text=b.text,
            line=b.line,
            chapter=b.chapter,
            section=b.section,
            ordinal=b.ordinal,
            label=b.label,
            spans=[(s.start, s.end) for s in b.spans],
            table=TableOut.of(b.table) if b.table is not None else None,
            footnote_refs=[FootnoteRefOut(marker=r.marker, offset=r.offset, target=r.target) for r in b.footnote_refs],
            url=reader_url(b.anchor),
        )


class HeadingOut(BaseModel):
    anchor: str
    doc_id: str
    number: str
    title: str
    level: int
    line: int
    chapter: ChapterOut
    url: str

    @classmethod
    def of(cls, e: OutlineEntry) -> HeadingOut:
        return cls(
            anchor=e.anchor,
            doc_id=e.doc_id,
            number=e.number,
            title=e.title,
            level=e.level,
            line=e.line,
            chapter=ChapterOut.of(e.chapter),
            url=reader_url(e.anchor),
        )


class LinkOut(BaseModel):
    entity: str
    kind: str
    anchor: str
    method: str
    surface: str
    start: int | None
    end: int | None
    row: int | None
    col: int | None
    score: float


class PassageOut(BaseModel):
    """A block with what is known about it: its facts, the entities it mentions, and its heading if it is one."""

    block: BlockOut
    heading: HeadingOut | None = None
    facts: list[dict[str, Any]] = []
    links: list[LinkOut] = []


class HitOut(BaseModel):
    anchor: str
    doc_id: str
    kind: str
    line: int
    snippet: str
    highlights: list[tuple[int, int]]
    score: float
    match: str
    chapter: str | None
    section: str | None
    url: str

    @classmethod
    def of(cls, h: SearchHit) -> HitOut:
        return cls(
            anchor=h.anchor,
            doc_id=h.doc_id,
            kind=h.kind,
            line=h.line,
            snippet=h.snippet,
            highlights=[(a, b) for a, b in h.highlights],
            score=h.score,
            match=h.match,
            chapter=h.chapter,
            section=h.section,
            url=reader_url(h.anchor),
        )


class SearchOut(BaseModel):
    query: str
    mode: str
    """The mode asked for."""
    ran: str
    """The mode that ran: hybrid runs as bm25 until a dense index is built."""
    hits: list[HitOut]


class ErrorOut(BaseModel):
    error: str


Responses = dict[int | str, dict[str, Any]]

_MEANING = {
    404: "No such document, anchor or entity (or no knowledge base loaded)",
    422: "A bad or missing parameter",
    503: "The database or the dense index is not ready",
}


def error_responses(*codes: int) -> Responses:
    """OpenAPI entries for the JSON errors a route can answer with."""
    return {code: {"model": ErrorOut, "description": _MEANING[code]} for code in codes}
