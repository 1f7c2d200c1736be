"""PostgreSQL schema migrations: `migrations_pg/NNNN_name.sql`, the same numbers and names as SQLite's.

PostgreSQL DDL is transactional, so each migration runs in one transaction with its `schema_version` row;
an advisory lock held for that transaction makes concurrent openers of a new database wait for each
other instead of both creating the tables.
"""

from __future__ import annotations

from importlib import resources

import psycopg

from sinoscope.store.schema import _NAME, Migration

MIGRATION_LOCK = 0x5130_5C09
"""Advisory lock key taken while migrating (any constant shared by every sinoscope process)."""

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
)
"""


def load_pg_migrations() -> list[Migration]:
    found: list[Migration] = []
    for entry in resources.files("sinoscope.store.migrations_pg").iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    if [mig.version for mig in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps: {[m.version for m in found]}")
    return found


def pg_current_version(conn: psycopg.Connection[tuple[object, ...]]) -> int:
    row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if row is None or not row[0]:
        return 0
    version = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(str(version[0])) if version else 0


def apply_pg_migrations(conn: psycopg.Connection[tuple[object, ...]], migrations: list[Migration] | None = None) -> int:
    """Bring the schema up to date; returns the resulting version. `conn` must be in autocommit mode."""
    migrations = load_pg_migrations() if migrations is None else migrations
    for mig in migrations:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            conn.execute(_VERSION_TABLE)
            if pg_current_version(conn) >= mig.version:
                continue  # applied meanwhile by another process
            conn.execute(mig.sql.encode())  # several statements: bytes skip parameter parsing
            conn.execute("INSERT INTO schema_version(version, name) VALUES (%s, %s)", (mig.version, mig.name))
    return pg_current_version(conn)
