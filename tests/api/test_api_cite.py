"""/api/v1/cite: one citation in three forms, with a permalink on the server that answered."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_citation_in_every_form(client: TestClient) -> None:
    body = client.get("/api/v1/cite", params={"anchor": "901#1.1¶2"}).json()
    assert body["title"].startswith("Gadget Industry Policy in Freedonia")
    assert body["permalink"] == "http://testserver/documents/901#1.1%C2%B62"
    assert body["where"] == "section 1.1, paragraph 2" and body["text"].endswith(body["permalink"])
    text = client.get("/api/v1/cite", params={"anchor": "901#1.1¶2", "format": "text"})
    assert text.headers["content-type"].startswith("text/plain") and text.text == body["text"]
    bib = client.get("/api/v1/cite", params={"anchor": "901#table-1-1", "format": "bibtex"})
    assert bib.text.startswith("@misc{901") and "note = {table 1-1}" in bib.text
    csl = client.get("/api/v1/cite", params={"anchor": "901", "format": "csl"}).json()
    assert csl[0]["type"] == "report" and csl[0]["URL"] == "http://testserver/documents/901"


def test_unknown_anchors_and_formats_are_refused(client: TestClient) -> None:
    assert client.get("/api/v1/cite", params={"anchor": "901#9.9¶9"}).status_code == 404
    assert client.get("/api/v1/cite", params={"anchor": "901", "format": "ris"}).status_code == 422
