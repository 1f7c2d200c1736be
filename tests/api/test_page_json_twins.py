"""A page and its JSON twin carry the same result: every figure and every cited anchor of the JSON is on the page.

Each page names its twin (`<link rel="alternate" type="application/json">`, from `web/twins.py`); the test
follows that link, so a page without a twin, or a twin that answers something else than the page shows
(another filter, another list), fails here. Figures are compared as numbers, allowing the page's display
scale ("RMB 3.21 bn" for 3208333333.33, "20.1%" for 0.201) and its rounding (half a percent).
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from api.test_pages import PAGES

# The result fields that are figures a reader looks at (counts, positions and scores are not compared).
FIGURE_FIELDS = {
    "value", "value_max", "amount", "share", "per_company", "rate", "from_value", "gap", "hhi", "firm_hhi",
    "domestic_share", "foreign_share", "top_sectors_share", "actual", "target",
}  # fmt: skip
PAGES_WITHOUT_DATA = {"/", "/api"}
_ALTERNATE = re.compile(r'<link rel="alternate" type="application/json" href="([^"]+)">')
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
_SCALES = (1.0, 1e3, 1e4, 1e6, 1e8, 1e9, 1e12, 0.01)


def _walk(data: Any, key: str | None = None) -> Any:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _walk(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from _walk(v, key)
    else:
        yield key, data


def figures(data: Any) -> list[tuple[str, float]]:
    return [
        (k, float(v))
        for k, v in _walk(data)
        if k in FIGURE_FIELDS and isinstance(v, (int, float)) and not isinstance(v, bool)
    ]


def anchors(data: Any) -> set[str]:
    return {v for k, v in _walk(data) if k == "anchor" and isinstance(v, str)}


def page_numbers(page: str) -> list[float]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return [float(m.group(0).replace(",", "")) for m in _NUMBER.finditer(text)]


def shown(value: float, numbers: list[float]) -> bool:
    return any(abs(n * s - value) <= 0.006 * abs(value) + 1e-9 for n in numbers for s in _SCALES)


def test_the_number_check_can_fail() -> None:
    assert shown(3208333333.33, [3.21]) and shown(0.2005, [20.1]) and shown(98_720_000_000, [98_720_000_000])
    assert not shown(3208333333.33, [3.4]) and not shown(15.2, [18.0, 152.5])


@pytest.mark.parametrize("page_url", [p for p in PAGES if p.split("?")[0] not in PAGES_WITHOUT_DATA])
def test_page_and_json_twin_carry_the_same_figures(client: TestClient, page_url: str) -> None:
    page = client.get(page_url)
    assert page.status_code == 200, page_url
    twin = _ALTERNATE.search(page.text)
    assert twin is not None, f"{page_url} names no JSON twin"
    data = client.get(html.unescape(twin.group(1))).json()
    numbers = page_numbers(page.text)
    missing = [(k, v) for k, v in figures(data) if not shown(v, numbers)]
    assert not missing, f"{page_url}: figures of {twin.group(1)} not on the page: {missing[:8]}"
    text = unquote(html.unescape(page.text))
    not_cited = sorted(a for a in anchors(data) if a not in text)
    assert not not_cited, f"{page_url}: passages of {twin.group(1)} not cited on the page: {not_cited[:8]}"


def test_a_later_page_of_facts_names_that_page_as_its_twin(client: TestClient) -> None:
    page = client.get("/facts", params={"kind": "target", "page": 2}).text
    twin = html.unescape(_ALTERNATE.search(page).group(1))  # type: ignore[union-attr]
    assert twin == "/api/v1/facts?kind=target&limit=200&offset=200"
