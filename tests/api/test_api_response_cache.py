"""The served app's GET cache: a repeated request is answered from memory, and a write to the database
(an ingest, a rebuilt dense index) makes the very next request fresh. PostgreSQL is never cached."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.fixtures import WordHashEmbedder, build_store
from sinoscope.app.pipeline import ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.interfaces.api import create_app
from sinoscope.retrieval.service import sync_dense_index
from sinoscope.store import open_store
from sinoscope.store.postgres_url import is_postgres_url

SPROCKET_REPORT = """Sprocket Exports of Sylvania: An Invented Report for Tests

Chapter 1 Sprocket Trade

Sylvania exported 3,400 tonnes of zorbleflex sprockets in 2021, up 12% on the year before.
"""


def test_a_repeated_get_is_served_from_the_cache_on_sqlite_only(client: TestClient, web_db: Path | str) -> None:
    first = client.get("/api/v1/documents?limit=5")
    again = client.get("/api/v1/documents?limit=5")
    assert first.json() == again.json()
    if is_postgres_url(web_db):
        assert "x-sinoscope-cache" not in again.headers
    else:
        assert again.headers["x-sinoscope-cache"] == "hit" and again.headers["etag"] == first.headers["etag"]
        revalidated = client.get("/api/v1/documents?limit=5", headers={"If-None-Match": first.headers["etag"]})
        assert revalidated.status_code == 304


def test_an_ingest_makes_the_next_get_fresh(tmp_path: Path) -> None:
    db = build_store(tmp_path / "store")
    with TestClient(create_app(db, embedder=WordHashEmbedder(), prepare=False)) as http:
        listed = http.get("/api/v1/documents").json()
        assert http.get("/api/v1/documents").headers["x-sinoscope-cache"] == "hit"
        assert http.get("/api/v1/search?q=zorbleflex&mode=bm25").json()["hits"] == []
        page = http.get("/documents")
        assert "Sprocket Exports" not in page.text
        etag = http.get("/documents").headers["etag"]

        report = tmp_path / "903_sprockets.txt"
        report.write_text(SPROCKET_REPORT, encoding="utf-8")
        with open_store(db) as store:
            assert not ingest_paths(store, [report], extract=extract_document).errors

        fresh = http.get("/api/v1/documents")
        assert fresh.headers["x-sinoscope-cache"] == "miss"
        assert len(fresh.json()) == len(listed) + 1
        assert http.get("/api/v1/search?q=zorbleflex&mode=bm25").json()["hits"]
        revalidated = http.get("/documents", headers={"If-None-Match": etag})
        assert revalidated.status_code == 200 and "Sprocket Exports" in revalidated.text

        dense_before = http.get("/api/v1/search?q=zorbleflex&mode=dense").json()
        with open_store(db) as store:
            sync_dense_index(store, db, embedder=WordHashEmbedder())  # the new report's vectors only
        dense_after = http.get("/api/v1/search?q=zorbleflex&mode=dense").json()
        assert dense_after != dense_before
        assert any(h["doc_id"] == "903" for h in dense_after["hits"])
