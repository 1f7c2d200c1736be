"""Facts and table cells as data, with CSV/JSON downloads."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from fastapi.testclient import TestClient


def test_facts_carry_value_unit_period_kind_and_source_link(client: TestClient) -> None:
    body = client.get("/api/v1/facts", params={"doc": "901"}).json()
    by_text = {f["text"]: f for f in body["facts"]}
    assert body["total"] == len(body["facts"])
    assert by_text["RMB 98.5 billion"]["value"] == 98.5e9
    assert by_text["RMB 98.5 billion"]["unit"] == "CNY"
    assert by_text["40%"]["kind"] == "target" and by_text["40%"]["period"] == "2020"
    assert by_text["40%"]["url"] == "/documents/901#1.1%C2%B61"


def test_facts_filter_by_kind_unit_period_and_text(client: TestClient) -> None:
    targets = client.get("/api/v1/facts", params={"kind": "target"}).json()["facts"]
    assert {f["text"] for f in targets} >= {"40%", "70%"}
    assert all(f["kind"] == "target" for f in targets)
    cny = client.get("/api/v1/facts", params={"unit": "CNY", "doc": "901"}).json()["facts"]
    assert {f["text"] for f in cny} == {"RMB 98.5 billion", "RMB 120 billion"}
    in_2025 = client.get("/api/v1/facts", params={"period": "2025"}).json()["facts"]
    assert [f["text"] for f in in_2025] == ["70%"]
    assert client.get("/api/v1/facts", params={"text": "no such words"}).json() == {"total": 0, "facts": []}


def test_facts_pagination(client: TestClient) -> None:
    every = client.get("/api/v1/facts").json()
    page = client.get("/api/v1/facts", params={"offset": 1, "limit": 2}).json()
    assert page["total"] == every["total"]
    assert page["facts"] == every["facts"][1:3]


def test_facts_csv_download(client: TestClient) -> None:
    r = client.get("/api/v1/facts", params={"doc": "901", "format": "csv"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="facts.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {"doc", "start", "end", "text", "value", "unit", "period", "kind", "section", "url"} <= set(rows[0])
    assert any(row["text"] == "RMB 120 billion" and float(row["value"]) == 120e9 for row in rows)


def test_facts_json_download_is_an_attachment(client: TestClient) -> None:
    r = client.get("/api/v1/facts", params={"doc": "901", "format": "json"})
    assert 'filename="facts.json"' in r.headers["content-disposition"]
    assert len(r.json()) == client.get("/api/v1/facts", params={"doc": "901"}).json()["total"]


def test_facts_bad_parameters(client: TestClient) -> None:
    r = client.get("/api/v1/facts", params={"kind": "guess"})
    assert r.status_code == 422
    assert r.json()["error"].startswith("kind: Input should be 'actual', 'target', 'estimate' or 'forecast'")
    r = client.get("/api/v1/facts", params={"format": "xlsx"})
    assert r.status_code == 422 and r.json()["error"].startswith("format:")
    r = client.get("/api/v1/facts", params={"doc": "404"})
    assert r.status_code == 404


def test_tables_list_and_records(client: TestClient) -> None:
    tables = client.get("/api/v1/tables").json()
    assert [(t["anchor"], t["label"], t["rows"]) for t in tables] == [("901#table-1-1", "1-1", 2)]
    path = "/api/v1/tables/" + quote("901#table-1-1", safe="") + "/records"
    records = client.get(path).json()
    cell = next(r for r in records if r["col_label"] == "2019")
    assert (cell["row_label"], cell["value"], cell["unit"]) == ("Rate", 21.5, "%")
    r = client.get(path, params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="901_table-1-1.csv"' in r.headers["content-disposition"]
    assert "Rate" in r.text


def test_records_of_a_non_table_or_unknown_anchor_are_404(client: TestClient) -> None:
    r = client.get("/api/v1/tables/" + quote("901#1.1¶1", safe="") + "/records")
    assert r.status_code == 404 and r.json()["error"] == "901#1.1¶1: not a table"
    r = client.get("/api/v1/tables/" + quote("901#table-9-9", safe="") + "/records")
    assert r.status_code == 404
    assert client.get("/api/v1/tables", params={"doc": "555"}).status_code == 404


def test_facts_keep_their_empty_fields_and_count_facets_on_request(client: TestClient) -> None:
    body = client.get("/api/v1/facts", params={"doc": "901"}).json()
    assert "facets" not in body and "value_max" in body["facts"][0] and body["facts"][0]["value_max"] is None
    counted = client.get("/api/v1/facts", params={"doc": "901", "facets": "true"}).json()["facets"]
    assert counted["doc_id"] == [["901", body["total"]]]
    assert sum(n for _, n in counted["kind"]) == body["total"]
    page = client.get("/facts", params={"doc": "901"}).text
    assert 'class="facets"' in page and f'901 <span class="count">{body["total"]}</span>' in page
