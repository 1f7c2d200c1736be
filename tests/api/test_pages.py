"""Server-rendered pages: each loads, shows its data with links to passages, and escapes report text."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

PAGES = [
    "/",
    "/documents",
    "/documents/901",
    "/documents/902",
    "/passages/901%23table-1-1",
    "/passages/901%231.1%C2%B62",
    "/search?q=gadget+plan",
    "/search?q=gadget&mode=dense",
    "/ask?q=What+was+the+gadget+self-sufficiency+rate+in+2019%3F",
    "/facts",
    "/facts?kind=target&doc=901",
    "/entities",
    "/entities?q=gadget",
    "/entities/gadget-plan",
    "/entities/gadget-chips",
    "/indicators",
    "/indicators/gadget-self-sufficiency",
    "/targets",
    "/targets?status=off+track",
    "/findings",
    "/policies",
    "/funds",
    "/funds/gadget-fund",
    "/supply-chains",
    "/supply-chains/fd-gadgets",
    "/api",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_as_html(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert "<title>" in r.text and "sinoscope" in r.text


def test_reader_gives_every_passage_an_id_and_a_table_of_contents(client: TestClient) -> None:
    html = client.get("/documents/901").text
    ids = re.findall(r'class="passage[^"]*" id="([^"]+)" data-anchor="([^"]+)"', html)
    assert ("1.1¶2", "901#1.1¶2") in ids and ("table-1-1", "901#table-1-1") in ids
    assert all(anchor == f"901#{ref}" for ref, anchor in ids)
    assert '<a href="#1.2">1.2 Outcomes</a>' in html
    assert re.search(r'<mark class="fact fact-target" title="40 % · 2020 · target[^"]*">40%</mark>', html)
    assert '<a class="fnref" href="#fn-1.1">¹</a>' in html


def test_reader_links_entity_mentions(client: TestClient) -> None:
    html = client.get("/documents/901").text
    assert re.search(r'<a class="entity" href="/entities/gadget-plan" title="Gadget Plan \(policy\)">', html)


def test_block_permalink_redirects_into_the_reader(client: TestClient) -> None:
    r = client.get("/blocks/901%231.1p2", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/documents/901#1.1%C2%B62"


def test_search_page_lists_hits_with_reader_links(client: TestClient) -> None:
    html = client.get("/search", params={"q": "registered capital", "mode": "bm25"}).text
    assert 'href="/documents/901#2%C2%B61"' in html
    assert "<mark>registered capital</mark>" in html


def test_indicator_page_embeds_its_chart_spec_as_inert_json(client: TestClient) -> None:
    html = client.get("/indicators/gadget-self-sufficiency").text
    assert '<script type="application/json" id="chart-spec">' in html
    assert "/static/vendor/vega-embed.min.js" in html
    assert "/documents/901#table-1-1" in html


def test_markup_in_a_report_is_shown_as_text_never_as_tags(client: TestClient) -> None:
    html = client.get("/documents/902").text
    assert "<script>window" not in html and "<img src" not in html and "<iframe" not in html
    assert "&lt;script&gt;window.__pwned = true;" in html
    assert "&lt;img src=&#34;x&#34; onerror=&#34;window.__pwned = true&#34;&gt;" in html
    assert unescape("<title>Hostile &lt;b&gt;Markup&lt;/b&gt; Report · sinoscope</title>") not in html
    assert "<title>Hostile &lt;b&gt;Markup&lt;/b&gt; Report · sinoscope</title>" in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert all('src="/static/' in s for s in scripts)


def test_pages_answer_errors_as_html(client: TestClient) -> None:
    r = client.get("/documents/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "nope: no such document" in r.text
    r = client.get("/facts", params={"kind": "guess"})
    assert r.status_code == 422 and "kind: expected one of" in r.text
    assert client.get("/indicators/gadget-plan").status_code == 404
    assert client.get("/entities?type=planet").status_code == 422
    assert client.get("/no/such/page").status_code == 404
