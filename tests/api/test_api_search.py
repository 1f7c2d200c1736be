"""Search modes and their parameter errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.fixtures import WordHashEmbedder
from sinoscope.interfaces.api import create_app


def test_bm25_finds_the_passage_with_highlights_and_a_reader_link(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"q": "self-sufficiency rate", "mode": "bm25"})
    assert r.status_code == 200
    body = r.json()
    assert body["ran"] == "bm25"
    top = body["hits"][0]
    assert top["doc_id"] == "901"
    assert top["url"].startswith("/documents/901#")
    start, end = top["highlights"][0]
    assert "sufficiency" in top["snippet"][start:end].lower()


@pytest.mark.parametrize("mode", ["dense", "hybrid"])
def test_dense_and_hybrid_run_on_the_dense_index(client: TestClient, mode: str) -> None:
    body = client.get("/api/v1/search", params={"q": "gadget fund phase", "mode": mode, "limit": 3}).json()
    assert body["ran"] == mode
    assert 0 < len(body["hits"]) <= 3
    assert all(h["anchor"].startswith(("901#", "902#")) for h in body["hits"])


def test_doc_filter_keeps_to_one_document(client: TestClient) -> None:
    hits = client.get("/api/v1/search", params={"q": "2020", "mode": "bm25", "doc": "902"}).json()["hits"]
    assert hits and {h["doc_id"] for h in hits} == {"902"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "q: Field required"),
        ({"q": ""}, "q: String should have at least 1 character"),
        ({"q": "   "}, "q: give some words to search for"),
        ({"q": "gadget", "mode": "fuzzy"}, "mode: Input should be 'bm25', 'dense' or 'hybrid' (got 'fuzzy')"),
        ({"q": "gadget", "limit": "0"}, "limit: Input should be greater than or equal to 1 (got '0')"),
        ({"q": "gadget", "limit": "many"}, "limit: Input should be a valid integer"),
    ],
)
def test_bad_parameters_are_422_with_a_readable_message(
    client: TestClient, params: dict[str, str], message: str
) -> None:
    r = client.get("/api/v1/search", params=params)
    assert r.status_code == 422
    assert r.json()["error"].startswith(message)


def test_unknown_document_filter_is_404(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"q": "gadget", "doc": "777"})
    assert r.status_code == 404
    assert r.json() == {"error": "777: no such document"}


def test_dense_without_an_index_is_503_and_hybrid_falls_back_to_words(tmp_path: Path) -> None:
    app = create_app(tmp_path / "empty.sqlite", embedder=WordHashEmbedder())
    with TestClient(app) as c:
        r = c.get("/api/v1/search", params={"q": "gadget", "mode": "dense"})
        assert r.status_code == 503
        assert "no dense index" in r.json()["error"] and "sinoscope index" in r.json()["error"]
        body = c.get("/api/v1/search", params={"q": "gadget", "mode": "hybrid"}).json()
        assert (body["mode"], body["ran"], body["hits"]) == ("hybrid", "bm25", [])
