"""Questions over the REST API and the ask page: a cited figure, or an honest "not found"."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_answer_carries_value_unit_quote_and_a_link_to_its_passage(client: TestClient, mode: str) -> None:
    r = client.get(
        "/api/v1/ask", params={"q": "How much registered capital did the Gadget Fund Phase I have?", "mode": mode}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "found"
    best = body["answers"][0]
    assert (best["value"], best["unit"], best["anchor"]) == (120e9, "CNY", "901#2¶1")
    assert "RMB 120 billion" in best["quote"]
    assert best["url"] == "/documents/901#2%C2%B61"
    assert body["passages"][0]["url"] == "/documents/901#2%C2%B61"


def test_a_question_the_reports_cannot_answer_is_not_found(client: TestClient) -> None:
    body = client.get("/api/v1/ask", params={"q": "What is the population of Mars?"}).json()
    assert body["status"] == "not found"
    assert body["answers"] == []
    assert all(p["url"].startswith("/documents/") for p in body["passages"])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "q: Field required"),
        ({"q": "   "}, "q: ask a question"),
        ({"q": "gadget?", "mode": "psychic"}, "mode: Input should be 'bm25', 'dense' or 'hybrid'"),
    ],
)
def test_ask_bad_parameters_are_422(client: TestClient, params: dict[str, str], message: str) -> None:
    r = client.get("/api/v1/ask", params=params)
    assert r.status_code == 422
    assert r.json()["error"].startswith(message)


def test_ask_page_shows_the_card_with_its_quote_and_source(client: TestClient) -> None:
    html = client.get("/ask", params={"q": "What was the gadget self-sufficiency rate in 2019?"}).text
    assert 'data-status="found"' in html
    assert "<strong>21.5 %</strong>" in html
    assert 'href="/documents/901#1.1%C2%B62"' in html
    html = client.get("/ask", params={"q": "What is the population of Mars?"}).text
    assert 'data-status="not found"' in html and "<h2>Not found</h2>" in html
    assert client.get("/ask").status_code == 200
