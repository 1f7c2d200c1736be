"""An app over a store of invented reports, shared by the API tests (read-only, so built once)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.fixtures import WordHashEmbedder, build_store
from sinoscope.interfaces.api import create_app


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("webstore"))


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    app = create_app(web_db, embedder=WordHashEmbedder(), prepare=False)
    with TestClient(app) as c:
        yield c
