"""Pages for reading: home, the document list, the reader, one passage, search and facts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sinoscope.app import facts as app_facts
from sinoscope.app import search as app_search
from sinoscope.app.documents import check_anchor, overview
from sinoscope.app.documents import documents as stored_documents
from sinoscope.app.knowledge import entity_url, reader_url
from sinoscope.app.reader import CitedEntry, passage_view, reading
from sinoscope.app.search import Mode
from sinoscope.interfaces.api.context import ContextDep, StoreDep
from sinoscope.interfaces.web.templating import TEMPLATES

router = APIRouter(include_in_schema=False)
FACTS_PAGE = 200
Text = Annotated[str | None, Query()]


def _page(request: Request, template: str, title: str, **context: object) -> Response:
    return TEMPLATES.TemplateResponse(request, template, {**context, "title": title})


def _entry_link(e: CitedEntry) -> dict[str, str]:
    url = f"/indicators/{e.id}" if e.kind == "indicator" else entity_url(e.id)
    return {"url": url, "name": e.name, "how": e.how}


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, ctx: ContextDep) -> Response:
    found = overview(store, ctx.optional_knowledge(store))
    return _page(request, "home.html", "sinoscope", documents=found.documents, counts=found.counts)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, store: StoreDep) -> Response:
    return _page(request, "documents.html", "Documents", documents=stored_documents(store))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def read(request: Request, doc_id: str, store: StoreDep, ctx: ContextDep) -> Response:
    found = reading(store, ctx.optional_knowledge(store), doc_id)
    title = found.info.title or found.info.doc_id
    return _page(request, "reader.html", title, doc=found.info, toc=found.toc, passages=found.passages)


@router.get("/blocks/{anchor:path}")
def block_permalink(anchor: str) -> Response:
    """A short, stable link for a passage: redirects into the reader."""
    return RedirectResponse(reader_url(check_anchor(anchor)), status_code=303)


@router.get("/passages/{anchor:path}", response_class=HTMLResponse)
def passage(request: Request, anchor: str, store: StoreDep, ctx: ContextDep) -> Response:
    found = passage_view(store, ctx.optional_knowledge(store), anchor)
    anchor = found.detail.block.anchor
    return _page(request, "passage.html", anchor, anchor=anchor, item=found.item, block=found.detail.block,
                 facts=found.detail.facts, entities=[_entry_link(e) for e in found.entities],
                 records=found.records)  # fmt: skip


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    ctx: ContextDep,
    q: Annotated[str, Query(max_length=500)] = "",
    mode: Mode = Mode.HYBRID,
    doc: Text = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    found = app_search.search(store, ctx.dense, q, mode, limit, doc or None)
    return _page(request, "search.html", f"Search: {q}" if q else "Search", q=q, mode=mode.value, ran=found.ran.value,
                 modes=[m.value for m in Mode], doc=doc or "", documents=stored_documents(store),
                 hits=found.hits)  # fmt: skip


@router.get("/facts", response_class=HTMLResponse)
def facts(
    request: Request,
    store: StoreDep,
    doc: Text = None,
    unit: Text = None,
    kind: Text = None,
    period: Text = None,
    text: Text = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    filters = {"doc": doc, "unit": unit, "kind": kind, "period": period, "text": text}
    found = app_facts.facts_page(store, filters, page, FACTS_PAGE)
    return _page(request, "facts.html", "Facts", facts=found.facts, total=found.total, page=page, pages=found.pages,
                 params=found.params, kinds=list(app_facts.KINDS), facets=found.facets,
                 documents=stored_documents(store), csv_url="/api/v1/facts?" + found.csv_query,
                 json_url="/api/v1/facts?" + found.api_query)  # fmt: skip


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> Response:
    routes = []
    for path, ops in request.app.openapi().get("paths", {}).items():
        for method, op in ops.items():
            summary = (op.get("description") or op.get("summary", "")).split("\n")[0]
            routes.append({"method": method.upper(), "path": path, "summary": summary})
    return _page(request, "api.html", "API", routes=routes)
