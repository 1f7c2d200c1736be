"""The write token: who may change reviewed knowledge through the API.

`SINOSCOPE_TOKEN` when set; otherwise a random token generated at the first `serve` start and kept in a file
beside the database (`<db>.token`, readable by its owner only), so that whoever can read the database's
folder can also find the token. Comparisons are constant-time.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from sinoscope.store.postgres_url import is_postgres_url, sidecar_base

ENV_TOKEN = "SINOSCOPE_TOKEN"


def token_path(db: str | Path) -> Path:
    if is_postgres_url(db):  # a server's database has no folder: keep it beside the local stand-in path
        base = sidecar_base(db)
        base.parent.mkdir(parents=True, exist_ok=True)
        return Path(f"{base}.token")
    return Path(f"{db}.token")


def configured_token(db: str | Path) -> str | None:
    """The token in force: the environment's, else the stored one; None before the first start."""
    env = os.environ.get(ENV_TOKEN, "").strip()
    if env:
        return env
    path = token_path(db)
    try:
        stored = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return stored or None


def ensure_token(db: str | Path) -> tuple[str, bool]:
    """The token, generating and storing one when none is configured; True when it was just generated."""
    current = configured_token(db)
    if current is not None:
        return current, False
    token = secrets.token_urlsafe(24)
    path = token_path(db)
    if str(db) == ":memory:":
        os.environ[ENV_TOKEN] = token
        return token, True
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token + "\n")
    return token, True


def token_ok(db: str | Path, given: str | None) -> bool:
    expected = configured_token(db)
    if expected is None or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def presented_token(authorization: str | None, token_header: str | None) -> str | None:
    """The token a request presents: `Authorization: Bearer <token>` wins over `X-Sinoscope-Token`."""
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return token_header
