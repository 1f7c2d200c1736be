"""Schema migrations and opening databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sinoscope.errors import StoreError
from sinoscope.store import SqliteStore, open_store
from sinoscope.store.schema import Migration, apply_migrations, load_migrations, split_statements


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master ORDER BY type, name")]


def test_migrations_are_bundled_and_numbered() -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "initial"


def test_open_creates_parent_folders_and_records_version(db_path: Path) -> None:
    assert not db_path.parent.exists()
    with SqliteStore(db_path) as store:
        rows = store.conn.execute("SELECT version, name FROM schema_version").fetchall()
        assert rows == [(m.version, m.name) for m in load_migrations()]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db_path.is_file()


def test_migrations_are_idempotent(db_path: Path) -> None:
    with SqliteStore(db_path) as store:
        before = _tables(store.conn)
        version = store.migrate()
        changes = store.conn.total_changes
        assert store.migrate() == version
        assert apply_migrations(store.conn) == version
        assert store.conn.total_changes == changes
        assert _tables(store.conn) == before
    with SqliteStore(db_path) as again:  # reopening applies nothing twice
        assert again.conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == version


def test_pending_migration_is_applied_in_order_once(db_path: Path) -> None:
    with SqliteStore(db_path) as store:
        extra = [*load_migrations(), Migration(len(load_migrations()) + 1, "extra", "CREATE TABLE extra(x);")]
        assert apply_migrations(store.conn, extra) == extra[-1].version
        assert apply_migrations(store.conn, extra) == extra[-1].version
        assert "extra" in _tables(store.conn)


def test_failing_migration_leaves_previous_schema(db_path: Path) -> None:
    with SqliteStore(db_path) as store:
        base = load_migrations()
        broken = [*base, Migration(len(base) + 1, "broken", "CREATE TABLE half(x);\nCREATE TABLE oops(;\n")]
        with pytest.raises(sqlite3.Error):
            apply_migrations(store.conn, broken)
        assert "half" not in _tables(store.conn)
        assert store.conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == len(base)


def test_newer_schema_is_refused(db_path: Path) -> None:
    with SqliteStore(db_path) as store:
        store.conn.execute("INSERT INTO schema_version(version, name) VALUES (999, 'future')")
    with pytest.raises(StoreError, match="newer than this sinoscope"):
        SqliteStore(db_path).open()


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    sql = (
        "-- comment\nCREATE TABLE a(x);\n\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
        "  INSERT INTO a VALUES (1);\n  INSERT INTO a VALUES (2);\nEND;\n"
    )
    statements = split_statements(sql)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_not_a_database_is_a_one_line_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all, just some bytes" * 100)
    with pytest.raises(StoreError) as info:
        open_store(junk)
    assert str(info.value) == f"{junk}: not a SQLite database"


def test_directory_and_missing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="no database here"):
        open_store(tmp_path / "absent.sqlite", create=False)
    assert not (tmp_path / "absent.sqlite").exists()


def test_unreachable_postgres_url_is_one_line_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot connect") as err:
        open_store("postgresql://user:secret@127.0.0.1:1/sino")
    assert "secret" not in str(err.value) and "\n" not in str(err.value)
