"""Setting up a store to serve: created, the bundled knowledge base loaded, the Host names it answers to.

`sinoscope serve` and `create_app` call `prepare_store` so a new user sees the knowledge base before any
ingest; the server's worker processes then open the prepared store without preparing it again.
"""

from __future__ import annotations

import socket
from pathlib import Path

from sinoscope.app.auth import ensure_token, token_path
from sinoscope.app.pipeline import ensure_knowledge
from sinoscope.store import open_store
from sinoscope.store.postgres_url import is_postgres_url, redact

__all__ = ["allowed_hosts_for", "ensure_token", "prepare_store", "shown_location", "token_path"]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")


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
