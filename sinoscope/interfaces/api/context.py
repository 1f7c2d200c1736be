"""FastAPI dependencies over the process's `Workspace`: a store per request, the cached knowledge base."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from sinoscope.app.workspace import KnowledgeBase, Store, Workspace


def app_context(request: Request) -> Workspace:
    ctx: Workspace = request.app.state.sinoscope
    return ctx


def request_store(request: Request) -> Iterator[Store]:
    store = app_context(request).open_store()
    try:
        yield store
    finally:
        store.close()


def request_knowledge(request: Request, store: Annotated[Store, Depends(request_store)]) -> KnowledgeBase:
    return app_context(request).knowledge(store)


ContextDep = Annotated[Workspace, Depends(app_context)]
StoreDep = Annotated[Store, Depends(request_store)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(request_knowledge)]
