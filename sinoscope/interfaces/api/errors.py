"""Errors as clear answers: JSON `{"error": "..."}` under /api, an HTML page elsewhere.

A user mistake (unknown anchor, bad parameter) gets a status that says whose problem it is and a
one-line message that says what to change; no traceback ever reaches a client.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from sinoscope.app.search import EmbedderUnavailableError
from sinoscope.errors import ChoiceError, NotFoundError, SinoscopeError, StoreError

API_PREFIX = "/api/"
ECHO_LIMIT = 120
"""Characters of a rejected input echoed back: enough to recognise it, never a 70 KB reflection."""


def clip(text: str, limit: int = ECHO_LIMIT) -> str:
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,} characters)"


HtmlErrorPage = Callable[[Request, int, str], Response]


def status_of(err: SinoscopeError) -> int:
    if isinstance(err, NotFoundError):
        return 404
    if isinstance(err, (StoreError, EmbedderUnavailableError)):
        return 503
    if isinstance(err, ChoiceError):
        return 422
    return 400


def describe_validation(errors: Sequence[Any]) -> str:
    """ "mode: Input should be 'bm25', 'dense' or 'hybrid' (got 'fuzzy')" for each bad parameter."""
    parts: list[str] = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body", "header")]
        name = ".".join(loc) or "request"
        msg = str(e.get("msg", "invalid value"))
        given = e.get("input")
        if isinstance(given, (str, int, float)) and not isinstance(given, bool) and e.get("type") != "missing":
            msg += f" (got {clip(repr(given))})"
        parts.append(f"{name}: {msg}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI, html_page: HtmlErrorPage) -> None:
    def answer(request: Request, status: int, message: str, details: Any = None) -> Response:
        if request.url.path.startswith(API_PREFIX) or request.url.path == "/openapi.json":
            body: dict[str, Any] = {"error": message}
            if details is not None:
                body["details"] = details
            return JSONResponse(body, status_code=status)
        return html_page(request, status, message)

    async def on_sinoscope(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SinoscopeError)
        return answer(request, status_of(exc), clip(" ".join(str(exc).split()), 4 * ECHO_LIMIT))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        details = [{"param": ".".join(str(x) for x in e.get("loc", ())[1:]), "message": e.get("msg")} for e in errors]
        return answer(request, 422, describe_validation(errors), details)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"{request.url.path}: no such page"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        response = answer(request, exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    app.add_exception_handler(SinoscopeError, on_sinoscope)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
