"""The JSON shapes of the REST API, as pydantic models so they appear in the OpenAPI schema.

They are derived from the domain dataclasses (`derived`): a field's type comes from the dataclass, so a
field added there shows up here; only the order of the JSON keys, the links a client follows, and the few
fields shown differently (a block's kind as text, its spans as pairs) are stated here.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar, get_type_hints
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, create_model

from sinoscope.app.documents import Block, Chapter, DocumentInfo, OutlineEntry, PassageDetail, Table
from sinoscope.app.knowledge import reader_url
from sinoscope.app.search import SearchHit, SearchResult

M = TypeVar("M", bound=BaseModel)


def block_api_url(anchor: str) -> str:
    return "/api/v1/blocks/" + quote(anchor, safe="")


def derived(name: str, source: type, keys: str | None = None, **own: Any) -> type[BaseModel]:
    """A model with `source`'s fields (in `keys` order, space-separated, when given) typed as the dataclass
    types them, plus or overriding the `own` fields (name → type)."""
    hints = get_type_hints(source)
    names = keys.split() if keys else [f.name for f in dataclasses.fields(source)] + list(own)
    fields: dict[str, Any] = {n: (own[n] if n in own else hints[n], ...) for n in names}
    return create_model(name, __config__=ConfigDict(from_attributes=True), **fields)


def build(model: type[M], obj: Any, **values: Any) -> M:
    """`model` filled from `obj`'s attributes, with `values` for the fields `obj` lacks or shows differently."""
    return model.model_validate({n: values[n] if n in values else getattr(obj, n) for n in model.model_fields})


# Key lists keep the JSON the API has always answered: a document's `origin` (where an ingest found it) is not
# published, and a block leads with its anchor as clients expect.
DOCUMENT_KEYS = "doc_id file_name path format title content_hash ingested_at chars chapters blocks tables facts"
DocumentOut = derived("DocumentOut", DocumentInfo, DOCUMENT_KEYS + " metadata url", url=str)
DocumentDetailOut = derived("DocumentDetailOut", DocumentInfo, DOCUMENT_KEYS + " metadata url outline", url=str,
                            outline=list[Chapter])  # fmt: skip
TableOut = derived("TableOut", Table, "label caption caption_position rows notes")
BlockOut = derived("BlockOut", Block, "anchor doc_id kind text line chapter section ordinal label spans table "
                   "footnote_refs url", doc_id=str, kind=str, spans=list[tuple[int, int]], table=TableOut | None,
                   url=str)  # fmt: skip
HeadingOut = derived("HeadingOut", OutlineEntry, "anchor doc_id number title level line chapter url", url=str)
HitOut = derived("HitOut", SearchHit, url=str)


def document_out(d: DocumentInfo, outline: tuple[Chapter, ...] | None = None) -> BaseModel:
    if outline is None:
        return build(DocumentOut, d, url=f"/documents/{quote(d.doc_id)}")
    return build(DocumentDetailOut, d, url=f"/documents/{quote(d.doc_id)}", outline=outline)


def block_out(b: Block) -> BaseModel:
    return build(BlockOut, b, doc_id=b.anchor.partition("#")[0], kind=b.kind.value, url=reader_url(b.anchor),
                 spans=[(s.start, s.end) for s in b.spans], table=b.table)  # fmt: skip


def heading_out(e: OutlineEntry) -> BaseModel:
    return build(HeadingOut, e, url=reader_url(e.anchor))


def hit_out(h: SearchHit) -> BaseModel:
    return build(HitOut, h, url=reader_url(h.anchor))


# A block with what is known about it: its facts, the entities it mentions, and its heading if it is one.
PassageOut = derived("PassageOut", PassageDetail, "block heading facts links", block=BlockOut,
                     heading=HeadingOut | None, facts=list[dict[str, Any]])  # fmt: skip
# `mode` is the mode asked for, `ran` the one that ran (hybrid runs as bm25 until a dense index is built).
SearchOut = derived("SearchOut", SearchResult, mode=str, ran=str, hits=list[HitOut])  # type: ignore[valid-type]


def passage_out(p: PassageDetail) -> BaseModel:
    return build(PassageOut, p, block=block_out(p.block), heading=p.heading and heading_out(p.heading),
                 facts=[f.model_dump(mode="json") for f in p.facts])  # fmt: skip


def search_out(r: SearchResult) -> BaseModel:
    return build(SearchOut, r, mode=r.mode.value, ran=r.ran.value, hits=[hit_out(h) for h in r.hits])


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
