"""Telling a PostgreSQL URL from a file path, showing it without its password, and where its files live.

Kept free of the driver import so the CLI can route a location without loading psycopg. The dense index
is a FAISS folder beside a SQLite file; a PostgreSQL database has no "beside", so its vectors live in a
local folder named after the server and database (or under `SINOSCOPE_VECTORS_DIR`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TypeGuard
from urllib.parse import unquote, urlsplit

from platformdirs import user_data_dir

SCHEMES = ("postgresql://", "postgres://")
VECTORS_DIR_ENV = "SINOSCOPE_VECTORS_DIR"


def is_postgres_url(location: str | Path) -> TypeGuard[str]:
    return isinstance(location, str) and location.startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL with any password replaced by ***, for messages and `Store.location`."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@]*@", r"\1:***@", url)


def sidecar_base(url: str) -> Path:
    """A pseudo database path whose `.vectors.<model>` siblings hold this database's dense index."""
    parts = urlsplit(url)
    host = parts.hostname or "local"
    port = parts.port or 5432
    dbname = unquote(parts.path.lstrip("/")) or (parts.username or "postgres")
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{host}-{port}-{dbname}")
    root = os.environ.get(VECTORS_DIR_ENV)
    folder = Path(root) if root else Path(user_data_dir("sinoscope", appauthor=False)) / "postgresql"
    return folder / safe
