"""Extracted figures and table cells as data, with CSV/JSON downloads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from sinoscope.app import facts as app_facts
from sinoscope.app.documents import typed_anchor
from sinoscope.app.facts import Fact, Kind, TableRecord, TableSummary
from sinoscope.app.knowledge import reader_url
from sinoscope.interfaces.api.context import StoreDep
from sinoscope.interfaces.api.downloads import Format, download
from sinoscope.interfaces.api.schemas import build, derived, error_responses

router = APIRouter(tags=["facts"])
NOT_FOUND = error_responses(404, 422)
DocQuery = Annotated[str | None, Query(description="Document id.")]


class FactsOut(BaseModel):
    total: int
    """Facts matching the filters (before `offset`/`limit`)."""
    facts: list[dict[str, Any]]
    facets: dict[str, list[tuple[str, int]]] | None = None
    """With `facets=true`: counts of the matches by doc_id, kind, unit and period, most common first."""


TableOut = derived("TableSummaryOut", TableSummary, url=str)


def _fact_json(f: Fact) -> dict[str, Any]:
    return {**app_facts.fact_in_file(f), "url": reader_url(f.section)}


@router.get("/facts", response_model=FactsOut, responses=NOT_FOUND, response_model_exclude_unset=True)
def facts(
    store: StoreDep,
    doc: DocQuery = None,
    unit: Annotated[str | None, Query(description='Exact unit: "%", "CNY", "USD", "units"...')] = None,
    kind: Annotated[Kind | None, Query(description="actual, target, estimate or forecast.")] = None,
    period: Annotated[str | None, Query(description='"2022" also matches "2022-01".')] = None,
    text: Annotated[str | None, Query(description="Substring of the figure's text or subject.")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
    format: Annotated[Format | None, Query(description="json or csv: download every match as a file.")] = None,
    facets: Annotated[bool, Query(description="Also count the matches by document, kind, unit, period.")] = False,
) -> Any:
    """Quantities found in the documents' text, in document order, each with its source anchor."""
    found = app_facts.find_facts(store, doc, unit=unit, kind=kind.value if kind else None, period=period, text=text)
    if format is not None:
        columns = (*dict.fromkeys((*Fact.model_fields, *app_facts.FACT_FIELDS)), "url")
        return download([_fact_json(f) for f in found], columns, format, "facts")
    page = [_fact_json(f) for f in found[offset : offset + limit]]
    counted = {"facets": app_facts.facets(found)} if facets else {}
    return FactsOut(total=len(found), facts=page, **counted)


@router.get("/tables", response_model=list[TableOut], responses=NOT_FOUND)  # type: ignore[valid-type]
def tables(store: StoreDep, doc: DocQuery = None) -> list[BaseModel]:
    """Every stored table with its caption and a link to it in the reader."""
    return [build(TableOut, t, url=reader_url(t.anchor)) for t in app_facts.tables(store, doc)]


@router.get("/tables/{anchor:path}/records", responses=NOT_FOUND)
def table_records(
    anchor: str,
    store: StoreDep,
    format: Annotated[Format | None, Query(description="json or csv: download as a file.")] = None,
) -> Response:
    """One table's cells in tidy form (row label, column label, value with unit and scale applied)."""
    records = app_facts.table_records(store, anchor)
    rows = [r.model_dump(mode="json") for r in records]
    if format is None:
        return JSONResponse(rows)
    return download(rows, tuple(TableRecord.model_fields), format, typed_anchor(anchor).replace("#", "_"))
