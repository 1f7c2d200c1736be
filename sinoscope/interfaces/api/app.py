"""The app factory: REST API under /api/v1, pages at /, vendored assets at /static.

`create_app(store_path)` is all a server or a test needs. Nothing is fetched from elsewhere at run time:
the charting and htmx scripts are served from the package, and FastAPI's CDN-based docs pages are off
(the OpenAPI schema is at /api/v1/openapi.json and listed on the /api page).
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sinoscope import __version__
from sinoscope.app.csrf import SameOriginWrites
from sinoscope.app.render import listing_csv
from sinoscope.app.response_cache import ResponseCacheMiddleware
from sinoscope.app.serve import SecurityHeaders
from sinoscope.app.serve import prepare_store as prepare_store  # re-exported: `sinoscope.interfaces.api.prepare_store`
from sinoscope.app.serve_assets import vendor_dir
from sinoscope.app.workspace import Embedder, Workspace
from sinoscope.interfaces.api.errors import install_error_handlers
from sinoscope.interfaces.api.routes import analyses, ask, cite, documents, facts, knowledge, review, search
from sinoscope.interfaces.web import pages_ask, pages_documents, pages_kb, pages_portfolio, pages_review
from sinoscope.interfaces.web.templating import STATIC_DIR, TEMPLATES

API_V1 = "/api/v1"

ENV_DB = "SINOSCOPE_SERVE_DB"
ENV_ALLOWED_HOSTS = "SINOSCOPE_ALLOWED_HOSTS"
"""How `sinoscope serve --workers N` hands its settings to worker processes, which build the app themselves."""


def create_app(
    store_path: str | Path,
    *,
    embedder: Embedder | None = None,
    prepare: bool = True,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The web app over one store. `prepare` creates the store and loads the knowledge base first;
    `embedder` replaces the packaged MiniLM for dense search (tests pass a small one).

    `allowed_hosts` is the Host allow-list: a page served on loopback can otherwise be read by any web
    site through DNS rebinding (its name re-pointed at 127.0.0.1). None leaves Host unchecked, for
    in-process use; `sinoscope serve` always passes a list."""
    if prepare:
        prepare_store(store_path)
    app = FastAPI(
        title="sinoscope",
        version=__version__,
        description="Citable passages, figures and knowledge from research reports on China's S&T policy.",
        openapi_url=f"{API_V1}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.sinoscope = Workspace(str(store_path), embedder)

    def html_error(request: Request, status: int, message: str) -> Response:
        return TEMPLATES.TemplateResponse(
            request,
            "error.html",
            {"status": status, "message": message, "title": f"Error {status}"},
            status_code=status,
        )

    install_error_handlers(app, html_error)

    @app.middleware("http")
    async def csv_listings(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        """`?format=csv` on any API listing (a JSON list of records) downloads it as CSV, as Datasette's do."""
        response = await call_next(request)
        if request.query_params.get("format") != "csv" or response.headers.get("content-type") != "application/json":
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        text = listing_csv(json.loads(body)) if response.status_code == 200 else None
        if text is None:
            return Response(body, response.status_code, media_type="application/json")
        return Response(text, media_type="text/csv; charset=utf-8")

    app.add_middleware(SecurityHeaders)  # on CSV downloads too
    app.add_middleware(SameOriginWrites)  # CSRF: no write from another site (see app.csrf)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(ResponseCacheMiddleware, store_path=store_path)  # outermost: a hit skips the rest

    for module in (documents, search, ask, facts, knowledge, analyses, review, cite):
        app.include_router(module.router, prefix=API_V1)
    for page in (pages_documents, pages_ask, pages_kb, pages_portfolio, pages_review):
        app.include_router(page.router)
    # Third-party scripts may live outside the package (see `app.serve_assets.vendor_dir`): mounted first.
    app.mount("/static/vendor", StaticFiles(directory=vendor_dir(), check_dir=False), name="vendor")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def app_from_environment() -> FastAPI:
    """The app a server worker process builds: `serve --workers N` starts N of them, each its own process,
    so CPU-bound work (embedding a query, ranking answers) in one never stalls the others."""
    hosts = [h for h in os.environ.get(ENV_ALLOWED_HOSTS, "").split(",") if h]
    app = create_app(os.environ[ENV_DB], prepare=False, allowed_hosts=hosts or None)
    app.state.sinoscope.warm()  # models loaded before this worker's first request, not during it
    return app
