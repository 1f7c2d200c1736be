"""Every API listing downloads as CSV with `format=csv`, one flat row per record."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

LISTINGS = ["/api/v1/entities", "/api/v1/indicators", "/api/v1/policies", "/api/v1/targets", "/api/v1/findings",
            "/api/v1/funds", "/api/v1/supply-chains", "/api/v1/documents", "/api/v1/tracked-targets"]  # fmt: skip


@pytest.mark.parametrize("url", LISTINGS)
def test_a_listing_as_csv_has_a_row_per_record(client: TestClient, url: str) -> None:
    records = client.get(url).json()
    r = client.get(url, params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(records)
    if records:
        assert list(rows[0])[: len(records[0])] == list(records[0])


def test_nested_values_are_flattened_to_names_and_anchors(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/targets", params={"format": "csv"}).text)))
    row = next(r for r in rows if r["id"] == "gadget-plan-2020")
    assert row["value"] == "40.0" and row["indicator_ref"] == "Gadget self-sufficiency rate"
    assert row["sources"] == "901#1.1¶1"


def test_what_is_not_a_listing_stays_json(client: TestClient) -> None:
    r = client.get("/api/v1/entities/gadget-plan", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json" and r.json()["id"] == "gadget-plan"
    assert client.get("/api/v1/entities/atlantis", params={"format": "csv"}).status_code == 404


@pytest.mark.parametrize("page", ["/documents", "/entities", "/indicators", "/policies", "/funds", "/findings"])
def test_listing_pages_link_their_csv(client: TestClient, page: str) -> None:
    html = client.get(page).text
    link = html.split('this page as JSON</a> · <a href="')[1].split('"')[0].replace("&amp;", "&")
    r = client.get(link)
    assert link.endswith("format=csv") and r.headers["content-type"].startswith("text/csv")
