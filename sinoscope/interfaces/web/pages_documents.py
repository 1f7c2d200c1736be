"""Pages for reading: home, the document list, the reader, one passage, search and facts."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sinoscope.app.search import passages as search_passages
from sinoscope.app.workspace import Workspace
from sinoscope.documents.anchors import split_anchor
from sinoscope.errors import NotFoundError
from sinoscope.extraction.display import human_quantity
from sinoscope.extraction.model import Kind
from sinoscope.interfaces.anchor_input import typed_anchor
from sinoscope.interfaces.api.context import ContextDep, StoreDep
from sinoscope.interfaces.api.kb_view import entity_url
from sinoscope.interfaces.api.schemas import reader_url
from sinoscope.interfaces.web import reader
from sinoscope.interfaces.web.templating import TEMPLATES
from sinoscope.knowledge import KnowledgeBase, Observation, Target, display_name
from sinoscope.knowledge.linking import Link, LinkMethod
from sinoscope.retrieval.search import Mode
from sinoscope.store.base import SearchHit, Store

router = APIRouter(include_in_schema=False)
FACTS_PAGE = 200


def optional_kb(ctx: Workspace, store: Store) -> KnowledgeBase | None:
    try:
        return ctx.knowledge(store)
    except NotFoundError:
        return None


def cited_entries(kb: KnowledgeBase, links: list[Link]) -> list[dict[str, str]]:
    """What the knowledge base says about a passage: entries citing it (figures read as text) or named in it."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for lk in links:
        entry = kb.find(lk.entity)
        if entry is None or lk.entity in seen:
            continue
        seen.add(lk.entity)
        how = "cites this passage" if lk.method is LinkMethod.CITATION else "named here"
        if isinstance(entry, Observation | Target):
            indicator = kb.find(entry.indicator)
            what = display_name(indicator) if indicator is not None else entry.indicator
            value = "" if entry.value is None else human_quantity(float(entry.value), entry.unit)
            when = entry.period if isinstance(entry, Observation) else f"target for {entry.year}"
            out.append({"url": f"/indicators/{entry.indicator}", "name": f"{what}: {value} ({when})", "how": how})
        else:
            out.append({"url": entity_url(entry.id), "name": display_name(entry), "how": how})
    return out


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, ctx: ContextDep) -> Response:
    kb = optional_kb(ctx, store)
    counts = {}
    if kb is not None:
        counts = {
            "policies": len(kb.policies()),
            "indicators": len(kb.indicators()),
            "targets": len(kb.targets()),
            "observations": len(kb.observations()),
            "funds": len(kb.funds()),
            "supply chains": len(kb.supply_chains()),
        }
    return TEMPLATES.TemplateResponse(
        request, "home.html", {"documents": store.list_documents(), "counts": counts, "title": "sinoscope"}
    )


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, store: StoreDep) -> Response:
    return TEMPLATES.TemplateResponse(
        request, "documents.html", {"documents": store.list_documents(), "title": "Documents"}
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def read(request: Request, doc_id: str, store: StoreDep, ctx: ContextDep) -> Response:
    info = store.get_document(doc_id)
    chapters = store.outline(doc_id)
    kb = optional_kb(ctx, store)
    links = store.links(doc_id=doc_id) if kb is not None else []
    items = reader.passages(store.blocks(doc_id), chapters, store.facts(doc_id), links, kb)
    return TEMPLATES.TemplateResponse(
        request,
        "reader.html",
        {"doc": info, "toc": reader.toc(chapters), "passages": items, "title": info.title or info.doc_id},
    )


@router.get("/blocks/{anchor:path}")
def block_permalink(anchor: str) -> Response:
    """A short, stable link for a passage: redirects into the reader."""
    anchor = typed_anchor(anchor)
    if split_anchor(anchor) is None:
        raise NotFoundError(f"{anchor}: not an anchor (expected e.g. 000#4.1¶3)")
    return RedirectResponse(reader_url(anchor), status_code=303)


@router.get("/passages/{anchor:path}", response_class=HTMLResponse)
def passage(request: Request, anchor: str, store: StoreDep, ctx: ContextDep) -> Response:
    anchor = typed_anchor(anchor)
    parts = split_anchor(anchor)
    if parts is None:
        raise NotFoundError(f"{anchor}: not an anchor (expected e.g. 000#4.1¶3)")
    block = store.get_block(anchor)
    kb = optional_kb(ctx, store)
    chapters = store.outline(parts[0])
    links = store.links(anchor=anchor) if kb is not None else []
    facts = [f for f in store.facts(parts[0]) if f.section == anchor]
    item = reader.passages([block], chapters, facts, links, kb)[0]
    entities = cited_entries(kb, links) if kb is not None else []
    return TEMPLATES.TemplateResponse(
        request,
        "passage.html",
        {
            "anchor": anchor,
            "item": item,
            "block": block,
            "facts": facts,
            "entities": entities,
            "records": store.table_records(anchor) if block.table is not None else [],
            "title": anchor,
        },
    )


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    ctx: ContextDep,
    q: Annotated[str, Query(max_length=500)] = "",
    mode: Mode = Mode.HYBRID,
    doc: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    hits: list[SearchHit] = []
    ran = mode
    doc = doc or None
    if doc is not None:
        store.get_document(doc)
    if q.strip():
        hits, ran = search_passages(store, ctx.dense, q, mode, limit, doc)
    return TEMPLATES.TemplateResponse(
        request,
        "search.html",
        {
            "q": q,
            "mode": mode.value,
            "ran": ran.value,
            "modes": [m.value for m in Mode],
            "doc": doc or "",
            "documents": store.list_documents(),
            "hits": hits,
            "title": f"Search: {q}" if q else "Search",
        },
    )


@router.get("/facts", response_class=HTMLResponse)
def facts(
    request: Request,
    store: StoreDep,
    doc: Annotated[str | None, Query()] = None,
    unit: Annotated[str | None, Query()] = None,
    kind: Annotated[str | None, Query()] = None,
    period: Annotated[str | None, Query()] = None,
    text: Annotated[str | None, Query()] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    doc, unit, period, text = (v or None for v in (doc, unit, period, text))
    if kind and kind not in {k.value for k in Kind}:
        raise HTTPException(422, f"kind: expected one of {', '.join(k.value for k in Kind)} (got {kind!r})")
    kind = kind or None
    if doc is not None:
        store.get_document(doc)
    found = store.facts(doc, unit=unit, kind=kind, period=period, text=text)
    params = {"doc": doc, "unit": unit, "kind": kind, "period": period, "text": text}
    start = (page - 1) * FACTS_PAGE
    return TEMPLATES.TemplateResponse(
        request,
        "facts.html",
        {
            "facts": found[start : start + FACTS_PAGE],
            "total": len(found),
            "page": page,
            "pages": max(1, -(-len(found) // FACTS_PAGE)),
            "params": params,
            "kinds": [k.value for k in Kind],
            "documents": store.list_documents(),
            "csv_url": "/api/v1/facts?"
            + "&".join(f"{k}={quote(str(v))}" for k, v in {**params, "format": "csv"}.items() if v),
            "title": "Facts",
        },
    )


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> Response:
    routes = []
    for path, ops in request.app.openapi().get("paths", {}).items():
        for method, op in ops.items():
            summary = (op.get("description") or op.get("summary", "")).split("\n")[0]
            routes.append({"method": method.upper(), "path": path, "summary": summary})
    return TEMPLATES.TemplateResponse(request, "api.html", {"routes": routes, "title": "API"})
