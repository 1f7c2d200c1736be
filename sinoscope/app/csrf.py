"""Cross-site request forgery: a write the browser is tricked into sending from another site is refused.

Two independent checks, because either alone has gaps:

* **A form field.** Every state-changing HTML form carries a hidden `csrf` field whose value is an HMAC of
  the write token and a purpose string (`form_token`). It is derived, not stored, so every server worker
  (`serve --workers N`, each its own process) computes the same value without shared state, and rotating the
  write token retires it. Another site cannot read the page that holds it (same-origin policy; DNS
  rebinding is closed by the Host allow-list), so it cannot put it in a forged form. The value depends on
  nothing per request, so a cached page stays valid.
* **The origin.** A browser names the page a request comes from (`Origin`, else `Referer`). An unsafe
  request (POST, PUT, PATCH, DELETE) naming another site is refused before any route runs
  (`SameOriginWrites`), whatever it carries: a browser sends a cross-site form with the user's cookies and
  saved credentials, and that is the request CSRF abuses. Clients that are not browsers send neither
  header and are not affected.

The JSON API's writes need no form field: they authenticate with the token in a header
(`Authorization: Bearer …` or `X-Sinoscope-Token`), which a browser never adds on its own, and a cross-site
page cannot add it either without a CORS preflight, which this server never grants. Nothing is
cookie-authenticated, so there is no ambient credential for a forged request to ride on.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sinoscope.app.auth import configured_token
from sinoscope.errors import SinoscopeError

FIELD = "csrf"
"""The hidden field's name in every state-changing form."""
PURPOSE = b"sinoscope form csrf v1"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443}


class Refused(SinoscopeError):
    """A request the server will not act on; `status` is the HTTP status that says why (401, 403, 413...)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def form_token(db: str | Path) -> str:
    """The value of the `csrf` field for forms served from `db`'s server ("" before a write token exists:
    such a form cannot be accepted anyway, since no write is possible without the token)."""
    token = configured_token(db)
    if token is None:
        return ""
    return hmac.new(token.encode("utf-8"), PURPOSE, hashlib.sha256).hexdigest()


def check_form_token(db: str | Path, given: str | None) -> None:
    """Raises Refused (403) unless `given` is the form token of `db`'s server (constant-time comparison)."""
    expected = form_token(db)
    if not given:
        raise Refused(403, "this form is missing its csrf field: reload the page and submit it again")
    if not expected or not hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8")):
        raise Refused(403, "this form's csrf field is not valid here: reload the page and submit it again")


def _origin(url: str) -> tuple[str, int] | None:
    """(host, port) of an Origin or Referer value; None when it names no host (`null`, garbage)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or parts.scheme not in DEFAULT_PORTS:
        return None
    return parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme]


def _host(host: str, scheme: str) -> tuple[str, int] | None:
    return _origin(f"{scheme}://{host}") if host else None


def cross_origin(method: str, host: str, origin: str | None, referer: str | None) -> str | None:
    """Why an unsafe request must be refused as cross-site (one line), or None when it may go on.

    The Host header is what the browser connected to; the page's origin must name the same host and port.
    The scheme is not compared, so a server behind a TLS-terminating proxy still accepts its own pages; such
    a proxy must pass the Host header through (the Host allow-list needs it too)."""
    if method.upper() not in UNSAFE_METHODS:
        return None
    claimed = origin if origin is not None else referer
    if not claimed:
        return None  # not a browser, or one told to send neither: nothing cross-site to tell apart
    came_from = _origin(claimed)
    if came_from is not None and came_from == _host(host, urlsplit(claimed).scheme):
        return None
    shown = claimed if len(claimed) <= 80 else claimed[:80] + "…"
    return f"{method.upper()} from another site refused (it came from {shown!r}, not this server)"


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class SameOriginWrites:
    """ASGI middleware: an unsafe request from another site gets 403 and a one-line message before any
    route runs (JSON `{"error": ...}` under /api/, plain text elsewhere)."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
            why = cross_origin(scope["method"], headers.get("host", ""), headers.get("origin"), headers.get("referer"))
            if why is not None:
                await _refuse(send, str(scope.get("path", "")).startswith("/api/"), why)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send, api: bool, message: str) -> None:
    body, media = (json.dumps({"error": message}), "application/json") if api else (message + "\n", "text/plain")
    data = body.encode("utf-8")
    headers = [(b"content-type", f"{media}; charset=utf-8".encode()), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": 403, "headers": headers})
    await send({"type": "http.response.body", "body": data})
