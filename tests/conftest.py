"""Shared fixtures: where the corpus and gold data live, and skipping clearly when they are absent; the
storage backends (SQLite, and a real PostgreSQL server started for the session) that store, ingest and API
tests run against."""

from __future__ import annotations

import importlib.util
import itertools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def _need(path: Path, what: str) -> Path:
    if not path.is_dir():
        pytest.skip(f"{what} not found at {path}: acceptance test skipped")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need(SHARED, "../shared")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _need(SHARED / "corpus", "../shared/corpus")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return _need(SHARED / "gold", "../shared/gold")


def pytest_configure(config: pytest.Config) -> None:
    """CLI ingests in tests skip the (slow) dense index unless a test turns it back on (`--embed`)."""
    os.environ["SINOSCOPE_EMBED"] = "0"
    config.addinivalue_line("markers", "sqlite_only: a `backend` test that reads SQLite internals (runs once)")


# -- storage backends ------------------------------------------------------------------------------

BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test using the `backend` fixture runs once per backend (SQLite only when marked so)."""
    if "backend" in metafunc.fixturenames:
        only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("backend", BACKENDS[:1] if only_sqlite else BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A real PostgreSQL server for the session (Debian's `postgresql` package), or a skip saying why."""
    from sinoscope.store import postgres_server as pg
    from sinoscope.store.postgres_url import VECTORS_DIR_ENV

    if pg.find_bin_dir() is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql to run the "
            "PostgreSQL backend tests"
        )
    server = pg.start()
    # dense indexes of test databases go to a temporary folder, never the user's data folder
    os.environ[VECTORS_DIR_ENV] = str(tmp_path_factory.mktemp("pg-vectors"))
    try:
        yield server
    finally:
        pg.stop(server)


def new_postgres_database(server: object) -> str:
    """A new, empty database on the session's server (about a second: for session-scoped fixtures)."""
    from sinoscope.store.postgres_server import LocalServer, create_database

    assert isinstance(server, LocalServer)
    return create_database(server, f"s{next(_DATABASE_NUMBERS)}")


_DATABASE_NUMBERS = itertools.count(1)


@pytest.fixture(scope="session")
def _postgres_test_db(postgres_server: object) -> str:
    url = new_postgres_database(postgres_server)
    from sinoscope.store.postgres import PostgresStore

    with PostgresStore(url):
        pass  # migrated once for the session
    return url


def _reset_postgres(url: str) -> None:
    """Empty every table (creating a database per test costs a second; TRUNCATE a few milliseconds)."""
    import shutil

    import psycopg

    from sinoscope.store.postgres_url import sidecar_base

    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'"
            ).fetchall()
        ]
        if tables:
            conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
    base = sidecar_base(url)
    for folder in base.parent.glob(base.name + ".vectors.*"):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def store_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str | Path:
    """Where a test's store lives: a new SQLite file, or a new database on the session's PostgreSQL server."""
    if backend == "sqlite":
        return tmp_path / "data" / "store.sqlite"
    url = str(request.getfixturevalue("_postgres_test_db"))
    _reset_postgres(url)
    return url


def _load_bench(name: str) -> ModuleType:
    """A script of bench/ as a module, so acceptance tests score exactly what the bench prints."""
    spec = importlib.util.spec_from_file_location(f"{name}_bench", REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def load_bench() -> Callable[[str], ModuleType]:
    return _load_bench


@pytest.fixture
def postgres_url(_postgres_test_db: str) -> str:
    """An emptied, migrated database on the session's PostgreSQL server (PostgreSQL-only tests)."""
    _reset_postgres(_postgres_test_db)
    return _postgres_test_db


@pytest.fixture(scope="session")
def postgres_database(postgres_server: object) -> Callable[[], str]:
    """Makes new, empty databases on the session's server (for session-scoped stores, e.g. the API's)."""
    return lambda: new_postgres_database(postgres_server)
