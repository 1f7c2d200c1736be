"""An app over a store of invented reports, shared by the API tests (read-only, so built once)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.fixtures import WordHashEmbedder, build_store
from sinoscope.interfaces.api import create_app


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def web_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path | str:
    """The API tests run on both backends (PostgreSQL: a real server, skipped when none is installed)."""
    folder = tmp_path_factory.mktemp("webstore")
    if request.param == "sqlite":
        return build_store(folder)
    return build_store(folder, db=request.getfixturevalue("postgres_database")())


@pytest.fixture(scope="session")
def client(web_db: Path | str) -> Iterator[TestClient]:
    app = create_app(web_db, embedder=WordHashEmbedder(), prepare=False)
    with TestClient(app) as c:
        yield c
