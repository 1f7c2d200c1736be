"""Acceptance over the real reports: every chart point and citation link lands on a stored passage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from api.corpus_store import ingest_corpus
from sinoscope.interfaces.api import create_app
from sinoscope.store import open_store

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus_db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_corpus(corpus_dir, tmp_path_factory.mktemp("corpusweb"))


@pytest.fixture(scope="module")
def corpus_client(corpus_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_db, prepare=False)) as c:
        yield c


def _anchor(url: str) -> str:
    doc, _, ref = url.removeprefix("/documents/").partition("#")
    return f"{doc}#{unquote(ref)}"


def test_every_chart_point_links_to_a_stored_passage(corpus_client: TestClient, corpus_db: Path) -> None:
    linked = 0
    with open_store(corpus_db, create=False) as store:
        for ind in corpus_client.get("/api/v1/indicators").json():
            spec = corpus_client.get(f"/api/v1/indicators/{ind['id']}/chart").json()
            for point in spec["data"]["values"]:
                if point["href"] is None:
                    assert point["source"] == "outside source"
                    continue
                assert store.get_block(_anchor(point["href"])).anchor == point["source"]
                linked += 1
    assert linked >= 100


def test_ic_production_rate_chart_has_the_table_4_4_series_and_the_roadmap_targets(
    corpus_client: TestClient,
) -> None:
    points = corpus_client.get("/api/v1/indicators/ic-domestic-production-rate/chart").json()["data"]["values"]
    from_table = {p["period"]: p["value"] for p in points if p["source"] == "000#table-4-4"}
    assert set(from_table) >= {str(y) for y in range(2013, 2022)}
    targets = {(p["period"], p["value"]) for p in points if p["role"] == "target"}
    assert {("2020", 58.0), ("2030", 80.0)} <= targets


@pytest.mark.parametrize("doc_id", ["000", "001"])
def test_reader_renders_every_block_of_a_report(corpus_client: TestClient, corpus_db: Path, doc_id: str) -> None:
    html = corpus_client.get(f"/documents/{doc_id}").text
    with open_store(corpus_db, create=False) as store:
        blocks = store.blocks(doc_id)
    assert html.count('class="passage ') == len(blocks)
    assert html.count('<mark class="fact') >= 100


def test_analysis_evidence_links_land_on_stored_passages(corpus_client: TestClient, corpus_db: Path) -> None:
    urls: list[str] = []
    for f in corpus_client.get("/api/v1/findings").json():
        urls += [e["url"] for e in f["evidence"] if e["url"]]
    for t in corpus_client.get("/api/v1/analyses/targets").json():
        urls += [e["url"] for e in t["evidence"] if e["url"]]
    assert len(urls) >= 50
    with open_store(corpus_db, create=False) as store:
        for url in set(urls):
            store.get_block(_anchor(url))


def test_indicator_page_recomputes_the_ic_production_rate(corpus_client: TestClient) -> None:
    html = corpus_client.get("/indicators/ic-domestic-production-rate").text
    assert "Recomputed from its inputs" in html
    assert all(f'data-period="{y}"' in html for y in range(2013, 2022))
