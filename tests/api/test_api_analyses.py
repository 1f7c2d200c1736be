"""Analyses over the REST API and on the pages: target status, findings, fund and supply-chain analyses."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_targets_are_tracked_with_status_gap_projection_and_evidence(client: TestClient) -> None:
    tracks = {t["target"]["id"]: t for t in client.get("/api/v1/analyses/targets").json()}
    by_2020 = tracks["gadget-plan-2020"]
    assert by_2020["status"] == "off track"
    assert by_2020["assessed"]["value"] == 26.3 and by_2020["assessed"]["period"] == "2020"
    assert by_2020["gap"] == pytest.approx(13.7)
    assert by_2020["evidence"][:2] == [
        {"anchor": "901#1.1¶1", "url": "/documents/901#1.1%C2%B61"},
        {"anchor": "901#table-1-1", "url": "/documents/901#table-1-1"},
    ]
    by_2025 = tracks["gadget-plan-2025"]
    assert by_2025["projection"]["year"] == 2025 and by_2025["projection"]["method"] in {"cagr", "linear"}
    assert by_2025["status"] in {"on track", "off track"}


def test_targets_filtered_by_status_and_policy(client: TestClient) -> None:
    off = client.get("/api/v1/analyses/targets", params={"status": "off track"}).json()
    assert off and all(t["status"] == "off track" for t in off)
    assert client.get("/api/v1/analyses/targets", params={"status": "met"}).json() == []
    assert len(client.get("/api/v1/analyses/targets", params={"policy": "gadget-plan"}).json()) == 2
    r = client.get("/api/v1/analyses/targets", params={"status": "doomed"})
    assert r.status_code == 422 and r.json()["error"].startswith("status: Input should be 'met'")
    r = client.get("/api/v1/analyses/targets", params={"policy": "gadget-fund"})
    assert r.status_code == 404 and "not a policy" in r.json()["error"]


def test_findings_cite_both_sides_and_link_what_can_be_opened(client: TestClient) -> None:
    found = client.get("/api/v1/findings").json()
    differ = [f for f in found if f["check"] == "sources-differ"]
    assert len(differ) == 1
    assert "21.5%" in differ[0]["message"] and "19%" in differ[0]["message"]
    assert differ[0]["evidence"] == [
        {"anchor": "901#table-1-1", "url": "/documents/901#table-1-1"},
        {"anchor": "Sylvania trade office yearbook", "url": None},
    ]
    assert client.get("/api/v1/findings", params={"severity": "warning", "check": "sources-differ"}).json() == []
    assert client.get("/api/v1/findings", params={"severity": "loud"}).status_code == 422


def test_derived_indicators_list_and_unknown_one(client: TestClient) -> None:
    ids = [d["id"] for d in client.get("/api/v1/analyses/derived").json()]
    assert "ic-domestic-production-rate" in ids
    body = client.get("/api/v1/analyses/derived/ic-domestic-production-rate").json()
    assert body["rows"] == []  # the invented store has none of its inputs
    r = client.get("/api/v1/analyses/derived/happiness-index")
    assert r.status_code == 404 and r.json()["error"].startswith("happiness-index: no such derived indicator")


def test_fund_analysis_shares_and_per_company(client: TestClient) -> None:
    snap = client.get("/api/v1/analyses/funds/gadget-fund").json()["snapshots"][0]
    assert snap["top_sectors_share"] == pytest.approx(100.0)
    assert {s["sector"]: s["per_company"] for s in snap["sectors"]} == pytest.approx(
        {"Assembly": 2e9, "Design": 38.5e9 / 12}
    )
    assert client.get("/api/v1/analyses/funds/gadget-plan").status_code == 404


def test_supply_chain_dependence(client: TestClient) -> None:
    body = client.get("/api/v1/analyses/supply-chains/fd-gadgets").json()
    chips = body["components"][0]
    assert (chips["domestic_share"], chips["foreign_share"], chips["hhi"]) == (28.0, 72.0, 3600.0)
    assert chips["evidence"][0]["url"] == "/documents/901#1.2%C2%B61"
    assert client.get("/api/v1/analyses/supply-chains/gadget-fund").status_code == 404


def test_analysis_pages_show_status_findings_and_dependence(client: TestClient) -> None:
    html = client.get("/targets").text
    assert 'data-target="gadget-plan-2020" data-status="off track"' in html
    html = client.get("/targets", params={"status": "met"}).text
    assert "No target has this status." in html
    assert client.get("/targets", params={"status": "doomed"}).status_code == 422
    html = client.get("/findings").text
    assert 'data-check="sources-differ"' in html and 'href="/documents/901#table-1-1"' in html
    html = client.get("/supply-chains/fd-gadgets").text
    assert 'data-component="gadget-chips"' in html and "3,600" in html
    html = client.get("/funds/gadget-fund").text
    assert "Portfolio analysis" in html


def test_the_tracker_json_is_what_the_targets_page_renders(client: TestClient) -> None:
    every = client.get("/api/v1/analyses/tracker").json()
    assert sum(every["counts"].values()) == sum(len(g["rows"]) for g in every["groups"])
    off = client.get("/api/v1/analyses/tracker", params={"status": "off track"}).json()
    assert off["counts"] == every["counts"] and off["status"] == "off track"
    assert all(r["status"] == "off track" for g in off["groups"] for r in g["rows"])
    page = client.get("/targets")
    for group in every["groups"]:
        assert group["name"] in page.text
    assert client.get("/api/v1/analyses/tracker", params={"status": "bogus"}).status_code == 422


def test_a_projected_status_says_it_is_projected_and_from_how_many_points(client: TestClient) -> None:
    rows = [r for g in client.get("/api/v1/analyses/tracker").json()["groups"] for r in g["rows"]]
    projected = [r for r in rows if r["basis"] == "projected"]
    observed = [r for r in rows if r["basis"] == "observed"]
    assert projected and observed
    assert all(r["projection"]["points"] >= 2 and r["assessed"] is None for r in projected)
    page = client.get("/targets").text
    n = projected[0]["projection"]["points"]
    assert "status-projected" in page and f"projected from {n} points" in page
