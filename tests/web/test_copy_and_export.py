"""What an analyst takes out of the pages: a citation on the clipboard, a chart image that names itself.

Copy citation puts the document's title, its author or issuer, the year, the place in the document and an
absolute permalink on the clipboard (read back through the browser's Clipboard API). A chart exported as
an image carries its title and source line: the SVG export is searched for them as text, and the PNG
export, drawn from the same scene, must be a real image of the chart's size.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Any, observatory_site: str) -> Iterator[Any]:
    context = browser.new_context(base_url=observatory_site, viewport={"width": 1400, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=observatory_site)
    p = context.new_page()
    p.set_default_timeout(30_000)
    yield p
    context.close()


def _copied(page: Any, button: Any) -> str:
    button.click()
    page.wait_for_function("() => document.getElementById('cite-status').textContent.length > 0")
    text: str = page.evaluate("() => navigator.clipboard.readText()")
    return text


def test_copy_citation_of_a_passage(page: Any, observatory_site: str) -> None:
    page.goto("/passages/901%231.1%C2%B62")
    text = _copied(page, page.locator("button.cite[data-cite]").first)
    assert "Gadget Industry Policy in Freedonia" in text
    assert f"{observatory_site}/documents/901#1.1%C2%B62" in text
    assert "paragraph 2" in text


def test_copy_citation_as_bibtex(page: Any) -> None:
    page.goto("/passages/901%231.1%C2%B62")
    text = _copied(page, page.locator("button.cite[data-cite-format=bibtex]"))
    assert text.startswith("@misc{") and "title = {{Gadget Industry Policy in Freedonia" in text


def test_copy_citation_of_an_answer(page: Any, observatory_site: str) -> None:
    page.goto("/ask?q=What+was+the+gadget+self-sufficiency+rate+in+2019%3F")
    text = _copied(page, page.locator(".answer-item button.cite").first)
    assert "Gadget Industry Policy in Freedonia" in text and f"{observatory_site}/documents/901" in text


def test_copy_citation_of_a_chart_names_it_and_links_the_page(page: Any, observatory_site: str) -> None:
    page.goto("/indicators/ic-domestic-production-rate")
    text = _copied(page, page.locator("button.cite[data-cite-text]").first)
    assert "chart of" in text and text.endswith(f"{observatory_site}/indicators/ic-domestic-production-rate")


def test_an_exported_chart_carries_its_title_and_source(page: Any) -> None:
    page.goto("/indicators/ic-domestic-production-rate")
    page.wait_for_selector("#chart[data-ready=true]")
    spec = page.evaluate("() => JSON.parse(document.getElementById('chart-spec').textContent)")
    title = spec["title"]["text"]
    assert title and any(line.startswith("Source") for line in spec["title"]["subtitle"])
    svg: str = page.evaluate("() => document.getElementById('chart').sinoscopeView.toSVG()")
    assert title in svg and "Source" in svg
    png: str = page.evaluate("() => document.getElementById('chart').sinoscopeView.toImageURL('png', 2)")
    data = base64.b64decode(png.split(",", 1)[1])
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000
    assert page.locator(".chart-downloads button", has_text="PNG").is_visible()


def test_a_table_sorts_by_a_column_as_numbers_with_their_scale(page: Any) -> None:
    page.goto("/facts")
    header = page.locator("table.data thead th button.sort", has_text="value")
    header.click()
    assert page.locator("table.data thead th[aria-sort=ascending]").count() == 1
    values = page.eval_on_selector_all(
        "table.data tbody tr td:nth-child(2)",
        "cells => cells.map(c => parseFloat(c.textContent.replace(/,/g, '').match(/-?[0-9.]+/)))",
    )
    numbers = [v for v in values if v is not None]
    assert numbers == sorted(numbers) and len(numbers) > 3
    header.click()
    assert page.locator("table.data thead th[aria-sort=descending]").count() == 1


def test_chart_state_lives_in_the_url(page: Any) -> None:
    page.goto("/indicators/ic-domestic-production-rate")
    page.wait_for_selector("#chart[data-ready=true]")
    everything = page.evaluate("() => document.getElementById('chart').sinoscopeSpec.data.values.length")
    first = page.locator("fieldset.chart-state label").first
    name = first.inner_text().strip()
    first.locator("input").uncheck()
    page.wait_for_function("() => window.location.search.includes('hide=')")
    fewer = page.evaluate("() => document.getElementById('chart').sinoscopeSpec.data.values.length")
    assert fewer < everything
    url = page.url
    page.goto(url.replace(page.url.split("/indicators")[0], "") + "&from=2019")
    page.wait_for_selector("#chart[data-ready=true]")
    state = page.evaluate(
        "() => ({years: document.getElementById('chart').sinoscopeSpec.data.values.map(v => v.x),"
        " series: document.getElementById('chart').sinoscopeSpec.data.values.map(v => v.series)})"
    )
    assert min(state["years"]) >= 2019 and name not in state["series"]
    assert not page.locator("fieldset.chart-state label", has_text=name).locator("input").is_checked()
