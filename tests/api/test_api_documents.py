"""Documents, outlines and passages by anchor over the REST API."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient


def block_url(anchor: str) -> str:
    return "/api/v1/blocks/" + quote(anchor, safe="")


def test_documents_lists_both_reports_with_reader_links(client: TestClient) -> None:
    r = client.get("/api/v1/documents")
    assert r.status_code == 200
    docs = {d["doc_id"]: d for d in r.json()}
    assert set(docs) == {"901", "902"}
    assert docs["901"]["url"] == "/documents/901"
    assert docs["901"]["tables"] == 1
    assert docs["901"]["facts"] >= 5


def test_document_detail_has_outline_with_anchors(client: TestClient) -> None:
    r = client.get("/api/v1/documents/901")
    assert r.status_code == 200
    outline = r.json()["outline"]
    assert [c["anchor"] for c in outline] == ["901#1", "901#2"]
    assert [s["anchor"] for s in outline[0]["sections"]] == ["901#1.1", "901#1.2"]
    assert outline[0]["sections"][0]["title"] == "The Gadget Plan"


def test_unknown_document_is_a_json_404(client: TestClient) -> None:
    for path in ("/api/v1/documents/999", "/api/v1/documents/999/blocks"):
        r = client.get(path)
        assert r.status_code == 404
        assert r.json() == {"error": "999: no such document"}


def test_blocks_in_reading_order_filtered_by_section_and_kind(client: TestClient) -> None:
    blocks = client.get("/api/v1/documents/901/blocks").json()
    assert [b["ordinal"] for b in blocks] == sorted(b["ordinal"] for b in blocks)
    section = client.get("/api/v1/documents/901/blocks", params={"chapter": "1", "section": "1.2"}).json()
    assert {b["section"] for b in section} == {"1.2"}
    assert "901#table-1-1" in [b["anchor"] for b in section]
    tables = client.get("/api/v1/documents/901/blocks", params={"kind": "table"}).json()
    assert [b["anchor"] for b in tables] == ["901#table-1-1"]
    assert tables[0]["table"]["rows"][1] == ["Rate", "15.2", "18.0", "21.5", "26.3"]


def test_block_by_anchor_with_its_facts_and_reader_url(client: TestClient) -> None:
    r = client.get(block_url("901#1.1¶2"))
    assert r.status_code == 200
    body = r.json()
    assert body["block"]["text"].startswith("In 2019 the gadget self-sufficiency rate was 21.5%")
    assert body["block"]["url"] == "/documents/901#1.1%C2%B62"
    assert [(f["text"], f["value"], f["unit"]) for f in body["facts"]] == [("21.5%", 21.5, "%")]
    assert body["heading"] is None


def test_block_anchor_may_be_typed_with_p_for_pilcrow(client: TestClient) -> None:
    r = client.get(block_url("901#1.1p2"))
    assert r.status_code == 200
    assert r.json()["block"]["anchor"] == "901#1.1¶2"


def test_heading_anchor_returns_the_heading_and_its_chapter(client: TestClient) -> None:
    body = client.get(block_url("901#1.2")).json()
    assert body["block"]["kind"] == "heading"
    assert body["heading"]["title"] == "Outcomes"
    assert body["heading"]["chapter"]["anchor"] == "901#1"


def test_block_lists_the_knowledge_base_links_that_cite_it(client: TestClient) -> None:
    links = client.get(block_url("901#table-1-1")).json()["links"]
    cited = {lk["entity"] for lk in links if lk["method"] == "citation"}
    assert any(e.startswith("obs-gadget-self-sufficiency") for e in cited)


def test_unknown_and_malformed_anchors_are_json_404s(client: TestClient) -> None:
    r = client.get(block_url("901#9.9¶9"))
    assert r.status_code == 404
    assert r.json()["error"] == "901#9.9¶9: no such anchor"
    r = client.get(block_url("no anchor here"))
    assert r.status_code == 404
    assert "not an anchor" in r.json()["error"]
