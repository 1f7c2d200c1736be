"""Extracted figures and table cells as data, with CSV/JSON downloads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from sinoscope.documents.model import BlockKind
from sinoscope.errors import NotFoundError
from sinoscope.extraction.model import Fact, Kind, TableRecord
from sinoscope.interfaces.anchor_input import typed_anchor
from sinoscope.interfaces.api.context import StoreDep
from sinoscope.interfaces.api.downloads import Format, download
from sinoscope.interfaces.api.schemas import error_responses, reader_url

router = APIRouter(tags=["facts"])
NOT_FOUND = error_responses(404, 422)

FACT_COLUMNS = tuple(Fact.model_fields)
RECORD_COLUMNS = tuple(TableRecord.model_fields)


class FactsOut(BaseModel):
    total: int
    """Facts matching the filters (before `offset`/`limit`)."""
    facts: list[dict[str, Any]]


class TableOut(BaseModel):
    anchor: str
    doc_id: str
    label: str
    caption: str
    rows: int
    url: str


def _fact_json(f: Fact) -> dict[str, Any]:
    data = f.model_dump(mode="json")
    data["url"] = reader_url(f.section)
    return data


@router.get("/facts", response_model=FactsOut, responses=NOT_FOUND)
def facts(
    store: StoreDep,
    doc: Annotated[str | None, Query(description="Document id.")] = None,
    unit: Annotated[str | None, Query(description='Exact unit: "%", "CNY", "USD", "units"...')] = None,
    kind: Annotated[Kind | None, Query(description="actual, target, estimate or forecast.")] = None,
    period: Annotated[str | None, Query(description='"2022" also matches "2022-01".')] = None,
    text: Annotated[str | None, Query(description="Substring of the figure's text or subject.")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
    format: Annotated[Format | None, Query(description="json or csv: download every match as a file.")] = None,
) -> Any:
    """Quantities found in the documents' text, in document order, each with its source anchor."""
    if doc is not None:
        store.get_document(doc)
    found = store.facts(doc, unit=unit, kind=kind.value if kind else None, period=period, text=text)
    if format is not None:
        return download([_fact_json(f) for f in found], (*FACT_COLUMNS, "url"), format, "facts")
    return FactsOut(total=len(found), facts=[_fact_json(f) for f in found[offset : offset + limit]])


@router.get("/tables", response_model=list[TableOut], responses=NOT_FOUND)
def tables(store: StoreDep, doc: Annotated[str | None, Query(description="Document id.")] = None) -> list[TableOut]:
    """Every stored table with its caption and a link to it in the reader."""
    docs = [store.get_document(doc)] if doc is not None else store.list_documents()
    out: list[TableOut] = []
    for d in docs:
        for b in store.blocks(d.doc_id):
            if b.kind is BlockKind.TABLE and b.table is not None:
                out.append(
                    TableOut(
                        anchor=b.anchor,
                        doc_id=d.doc_id,
                        label=b.table.label,
                        caption=b.table.caption,
                        rows=len(b.table.rows),
                        url=reader_url(b.anchor),
                    )
                )
    return out


@router.get("/tables/{anchor:path}/records", responses=NOT_FOUND)
def table_records(
    anchor: str,
    store: StoreDep,
    format: Annotated[Format | None, Query(description="json or csv: download as a file.")] = None,
) -> Response:
    """One table's cells in tidy form (row label, column label, value with unit and scale applied)."""
    anchor = typed_anchor(anchor)
    block = store.get_block(anchor)
    if block.kind is not BlockKind.TABLE:
        raise NotFoundError(f"{anchor}: not a table")
    rows = [r.model_dump(mode="json") for r in store.table_records(anchor)]
    if format is None:
        return JSONResponse(rows)
    return download(rows, RECORD_COLUMNS, format, anchor.replace("#", "_"))
