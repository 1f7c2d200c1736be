"""Entities, indicators with observations and chart specs, targets, policies, funds and supply chains."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from sinoscope.interfaces.api import create_app
from sinoscope.store import open_store


def test_entities_found_by_alias_and_filtered_by_type(client: TestClient) -> None:
    found = client.get("/api/v1/entities", params={"q": "Freedonia Gadget Fund"}).json()
    assert found[0]["id"] == "gadget-fund"
    assert found[0]["url"] == "/entities/gadget-fund"
    policies = client.get("/api/v1/entities", params={"type": "policy"}).json()
    assert {e["id"] for e in policies} == {"gadget-plan", "sprocket-act"}
    phases = client.get("/api/v1/entities", params={"type": "fund_phase"}).json()
    assert [(e["id"], e["parent"]) for e in phases] == [("gadget-fund-phase-1", "gadget-fund")]


def test_bad_entity_type_is_422(client: TestClient) -> None:
    r = client.get("/api/v1/entities", params={"type": "planet"})
    assert r.status_code == 422
    assert r.json()["error"].startswith("type: must be one of ")


def test_entity_detail_has_targets_sources_and_passages(client: TestClient) -> None:
    body = client.get("/api/v1/entities/gadget-plan").json()
    assert body["type"] == "policy" and body["name"] == "Gadget Plan"
    assert {t["id"] for t in body["targets"]} == {"gadget-plan-2020", "gadget-plan-2025"}
    assert body["citations"][0]["url"] == "/documents/901#1.1%C2%B61"
    assert body["passages"]["total"] >= 1
    assert any(p["anchor"] == "901#1.1¶1" for p in body["passages"]["items"])


def test_unknown_entity_is_404(client: TestClient) -> None:
    r = client.get("/api/v1/entities/atlantis")
    assert r.status_code == 404
    assert r.json() == {"error": "atlantis: no such entity in the knowledge base"}


def test_indicators_list_counts_observations_and_targets(client: TestClient) -> None:
    rows = {i["id"]: i for i in client.get("/api/v1/indicators").json()}
    assert (rows["gadget-self-sufficiency"]["observations"], rows["gadget-self-sufficiency"]["targets"]) == (5, 2)


def test_indicator_detail_with_observations_linked_to_their_passage(client: TestClient) -> None:
    body = client.get("/api/v1/indicators/gadget-self-sufficiency").json()
    obs = {o["period"]: o for o in body["observations"] if o["publisher"] == "Freedonia statistics office"}
    assert obs["2019"]["value"] == 21.5
    assert obs["2019"]["anchor"] == "901#table-1-1"
    assert obs["2019"]["url"] == "/documents/901#table-1-1"
    assert {t["year"]: t["value"] for t in body["targets"]} == {"2020": 40.0, "2025": 70.0}


def test_indicator_observations_as_csv(client: TestClient) -> None:
    r = client.get("/api/v1/indicators/gadget-self-sufficiency", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    lines = r.text.strip().splitlines()
    assert len(lines) == 1 + 5 and "901#table-1-1" in lines[1]


def test_chart_points_link_to_passages_that_exist(client: TestClient, web_db: Path) -> None:
    spec = client.get("/api/v1/indicators/gadget-self-sufficiency/chart").json()
    assert spec["$schema"].endswith("vega-lite/v6.json")
    points = spec["data"]["values"]
    assert {p["role"] for p in points} == {"observation", "target"}
    assert len(points) == 7
    outside = [p for p in points if p["href"] is None]
    assert [(p["period"], p["source"]) for p in outside] == [("2019", "outside source")]
    with open_store(web_db, create=False) as store:
        for p in points:
            if p["href"] is None:
                continue
            doc, _, ref = p["href"].removeprefix("/documents/").partition("#")
            assert store.get_block(f"{doc}#{unquote(ref)}").anchor == p["source"]


def test_chart_point_from_an_outside_source_has_no_link(client: TestClient) -> None:
    points = client.get("/api/v1/indicators/sprocket-output/chart").json()["data"]["values"]
    assert [(p["href"], p["source"]) for p in points] == [(None, "outside source")]


def test_indicator_routes_refuse_other_entities(client: TestClient) -> None:
    for path in ("/api/v1/indicators/gadget-plan", "/api/v1/indicators/gadget-plan/chart"):
        r = client.get(path)
        assert r.status_code == 404
        assert r.json()["error"] == "gadget-plan: not an indicator (it is a policy)"


def test_observations_filtered(client: TestClient) -> None:
    rows = client.get("/api/v1/observations", params={"indicator": "gadget-self-sufficiency", "period": "2018"}).json()
    assert [(r["value"], r["entity_ref"]["name"]) for r in rows] == [(18.0, "Freedonia")]
    assert client.get("/api/v1/observations", params={"entity": "nowhere"}).status_code == 404


def test_targets_by_policy_and_indicator(client: TestClient) -> None:
    rows = client.get("/api/v1/targets", params={"policy": "gadget-plan"}).json()
    assert [(t["value"], t["year"], t["policy_ref"]["name"]) for t in rows] == [
        (40.0, "2020", "Gadget Plan"),
        (70.0, "2025", "Gadget Plan"),
    ]
    assert client.get("/api/v1/targets", params={"policy": "sprocket-act"}).json() == []
    r = client.get("/api/v1/targets", params={"policy": "gadget-fund"})
    assert r.status_code == 404 and "not a policy" in r.json()["error"]
    assert client.get("/api/v1/targets", params={"indicator": "gadget-plan"}).status_code == 404


def test_policies_in_date_order(client: TestClient) -> None:
    rows = client.get("/api/v1/policies").json()
    assert [(p["id"], p["date"]) for p in rows] == [("sprocket-act", "2012-05"), ("gadget-plan", "2016")]
    assert rows[1]["issuer_refs"][0]["name"] == "Freedonia Gadget Council"


def test_fund_portfolio(client: TestClient) -> None:
    body = client.get("/api/v1/funds/gadget-fund").json()
    assert body["established_by"]["id"] == "gadget-plan"
    assert body["phases"][0]["capital"][0]["value"] == 120e9
    snap = body["snapshots"][0]
    shares = {h["sector"]: round(h["share_of_total"], 1) for h in snap["sectors"]}
    assert shares == {"Assembly": 60.9, "Design": 39.1}


def test_supply_chain_stages_in_order(client: TestClient) -> None:
    body = client.get("/api/v1/supply-chains/fd-gadgets").json()
    assert [s["position"] for s in body["stages"]] == [1, 2]
    chips = body["stages"][0]["components"][0]
    assert [f["name"] for f in chips["domestic_firms"]] == ["Acme Gadgets"]
    assert [f["name"] for f in chips["foreign_firms"]] == ["Globex Widgets"]
    assert chips["shares"][0]["holder_ref"]["name"] == "Sylvania"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/v1/funds/gadget-plan", "gadget-plan: not a fund (it is a policy)"),
        ("/api/v1/supply-chains/gadget-fund", "gadget-fund: not a supply chain (it is a fund)"),
        ("/api/v1/funds/none", "none: no such entity in the knowledge base"),
    ],
)
def test_fund_and_chain_routes_404(client: TestClient, path: str, message: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.json() == {"error": message}


def test_no_knowledge_base_loaded_is_a_clear_404(tmp_path: Path) -> None:
    db = tmp_path / "bare.sqlite"
    open_store(db).close()
    with TestClient(create_app(db, prepare=False)) as c:
        r = c.get("/api/v1/indicators")
        assert r.status_code == 404
        assert "no knowledge base loaded" in r.json()["error"]
        assert c.get("/api/v1/documents").json() == []


def test_fund_and_chain_lists_are_what_their_pages_list(client: TestClient) -> None:
    funds = client.get("/api/v1/funds").json()
    assert [f["id"] for f in funds] == ["gadget-fund"]
    assert funds[0]["capital"] == [
        {"phase": "Gadget Fund Phase I", "kind": "registered", "value": 120e9, "currency": "CNY", "as_of": None}
    ]
    assert (funds[0]["phases"], funds[0]["snapshots"], funds[0]["url"]) == (1, 1, "/funds/gadget-fund")
    chains = client.get("/api/v1/supply-chains").json()
    assert [(c["id"], c["stages"], c["components"]) for c in chains] == [("fd-gadgets", 2, 1)]
    assert all(c["name"] in client.get("/supply-chains").text for c in chains)
