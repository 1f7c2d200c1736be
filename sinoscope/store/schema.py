"""Schema migrations: numbered `.sql` files shipped as package data, applied in order, each once.

Each migration runs in its own `BEGIN IMMEDIATE` transaction together with its `schema_version` row, so
a failed or interrupted migration leaves the previous schema intact, and two processes opening the same
new database cannot both apply it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """All migrations bundled with the package, by version; gaps or duplicates are a packaging bug."""
    found: list[Migration] = []
    for entry in resources.files("sinoscope.store.migrations").iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    expected = list(range(1, len(found) + 1))
    if [mig.version for mig in found] != expected:
        raise RuntimeError(f"migrations must be numbered 1..n without gaps: {[m.version for m in found]}")
    return found


def split_statements(sql: str) -> list[str]:
    """Split a script into statements (trigger bodies contain ';', so ask SQLite where statements end)."""
    statements: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement at end of migration: {buf[:80]!r}")
    return statements


def current_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if row is None:
        return 0
    (version,) = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(version)


def apply_migrations(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> int:
    """Bring the schema up to date; returns the resulting version. `conn` must be in autocommit mode."""
    migrations = load_migrations() if migrations is None else migrations
    latest = migrations[-1].version if migrations else 0
    if current_version(conn) > latest:
        return current_version(conn)  # the caller decides whether a newer schema is acceptable
    conn.execute(_VERSION_TABLE)
    for mig in migrations:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have applied it meanwhile.
            if current_version(conn) >= mig.version:
                conn.execute("COMMIT")
                continue
            for statement in split_statements(mig.sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version(version, name) VALUES (?, ?)", (mig.version, mig.name))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return current_version(conn)
