"""Setting up a store to serve: created, the bundled knowledge base loaded, the Host names it answers to,
the headers every response carries, and worker processes that do not fight over the cores.

`sinoscope serve` and `create_app` call `prepare_store` so a new user sees the knowledge base before any
ingest; the server's worker processes then open the prepared store without preparing it again.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from sinoscope.app.auth import ensure_token, token_path
from sinoscope.app.pipeline import ensure_knowledge
from sinoscope.store import open_store
from sinoscope.store.postgres_url import is_postgres_url, redact

__all__ = [
    "SecurityHeaders",
    "allowed_hosts_for",
    "ensure_token",
    "prepare_store",
    "shown_location",
    "single_threaded_libraries",
    "token_path",
]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
"""Defence in depth behind autoescaping: only the app's own scripts may run, never inline ones.
(Vega runs under it because the pages embed charts with its expression interpreter, not `eval`.)"""
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)
LIBRARY_THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def prepare_store(store_path: str | Path) -> None:
    """Create the database if needed and load the bundled knowledge base, so a new user sees data at once."""
    with open_store(store_path, create=True) as store:
        ensure_knowledge(store)


def shown_location(db: str | Path) -> str | Path:
    """The database as messages show it: a PostgreSQL URL without its password."""
    return redact(db) if is_postgres_url(db) else db


def allowed_hosts_for(bind: str, extra: list[str]) -> list[str]:
    """The Host names a browser may use to reach this server: the loopback names, the bound address,
    and, when bound to every interface, this machine's own names. Anything else (a rebinding attacker's
    domain) is refused with 400."""
    names = [*LOOPBACK_NAMES, *extra]
    if bind in WILDCARD_ADDRESSES:
        names += [socket.gethostname(), socket.getfqdn()]
    elif bind not in names:
        names.append(bind)
    return list(dict.fromkeys(n for n in names if n))


def single_threaded_libraries() -> None:
    """One thread for the numeric libraries of the worker processes about to start, unless the user set them.

    `serve --workers N` already runs a process per core. faiss's OpenMP pool inside each worker then only
    competes with the others for the same cores, and its threads spin between parallel regions: one query
    against a flat index took 2-3 ms with two threads and 0.15 ms with one, and the spinning stole CPU from
    every other request. Set in the environment the workers inherit, before they load the libraries."""
    for name in LIBRARY_THREADS:
        os.environ.setdefault(name, "1")


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Callable[[], Awaitable[Message]], Send], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response that does not set them itself
    (a plain ASGI wrapper rather than Starlette's `BaseHTTPMiddleware`, which costs a task and a stream
    per request)."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]], send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
