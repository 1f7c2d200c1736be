"""The pages in a real browser: every page loads cleanly, search updates in place, a chart point leads to
its passage, and a report's `<script>` is shown, never run. Screenshots go to artifacts/web/."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import pytest

from web.conftest import shot

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "documents": "/documents",
    "reader": "/documents/901",
    "passage": "/passages/901%23table-1-1",
    "search": "/search?q=gadget+fund",
    "ask": "/ask?q=How+much+registered+capital+did+the+Gadget+Fund+Phase+I+have%3F",
    "facts": "/facts",
    "entities": "/entities",
    "entity": "/entities/gadget-plan",
    "indicators": "/indicators",
    "indicator": "/indicators/gadget-self-sufficiency",
    "targets": "/targets",
    "findings": "/findings",
    "policies": "/policies",
    "funds": "/funds",
    "fund": "/funds/gadget-fund",
    "chains": "/supply-chains",
    "chain": "/supply-chains/fd-gadgets",
    "api": "/api",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_errors(page: Any, name: str) -> None:
    response = page.goto(PAGES[name])
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    for chart in page.locator("[data-spec]").all():
        page.wait_for_function("el => el.dataset.ready", arg=chart.element_handle())
        assert chart.get_attribute("data-ready") == "true", chart.inner_text()
    assert page.locator("header.top nav a").count() >= 8
    shot(page, name, full=True)
    assert page.problems.items == []


def test_search_updates_results_in_place_and_leads_to_the_passage(page: Any) -> None:
    page.goto("/search")
    page.evaluate("window.__samePage = true")
    page.fill("#q", "registered capital")
    hit = page.locator("#results li.hit").first
    hit.wait_for()
    assert page.evaluate("window.__samePage") is True  # htmx swapped the results: no reload
    assert re.search(r"q=registered\+capital", page.url)
    assert "registered capital" in hit.locator("mark").first.inner_text()
    shot(page, "search-live")
    hit.locator("a.hit-anchor").click()
    page.wait_for_url(re.compile(r"/documents/901#"))
    target = page.locator(":target")
    assert target.get_attribute("data-anchor") == "901#2¶1"
    assert "registered capital of RMB 120 billion" in target.inner_text()
    shot(page, "search-to-passage")
    assert page.problems.items == []


def test_search_form_works_without_waiting_for_htmx(page: Any) -> None:
    page.goto("/")
    page.fill("form.search-big input[name=q]", "self-sufficiency")
    page.press("form.search-big input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=self-sufficiency"))
    assert page.locator("#results li.hit").count() >= 1


def test_clicking_a_chart_point_opens_its_source_passage(page: Any) -> None:
    page.goto("/indicators/gadget-self-sufficiency")
    chart = page.locator("#chart")
    page.wait_for_function("el => el.dataset.ready === 'true'", arg=chart.element_handle())
    points = chart.locator("path[role=graphics-symbol]").filter(has_not=page.locator("xx"))
    observation = chart.locator('path[aria-label*="2019"][aria-label*="21.5"]').first
    observation.wait_for()
    assert points.count() >= 6
    shot(page, "chart")
    observation.click()
    page.wait_for_url(re.compile(r"/documents/901#table-1-1$"))
    target = page.locator(":target")
    assert target.get_attribute("data-anchor") == "901#table-1-1"
    assert target.locator("td", has_text="21.5").count() == 1
    assert unquote(page.url).endswith("/documents/901#table-1-1")
    shot(page, "chart-to-passage")
    assert page.problems.items == []


def test_a_target_diamond_opens_the_sentence_that_sets_it(page: Any) -> None:
    page.goto("/indicators/gadget-self-sufficiency")
    chart = page.locator("#chart")
    page.wait_for_function("el => el.dataset.ready === 'true'", arg=chart.element_handle())
    chart.locator('path[aria-label*="2025"][aria-label*="70"]').first.click()
    page.wait_for_url(re.compile(r"/documents/901#1\.1%C2%B61$"))
    assert "70% by 2025" in page.locator(":target").inner_text()


def test_a_script_inside_a_report_is_shown_as_text_and_never_runs(page: Any) -> None:
    page.goto("/documents/902")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned"
    assert page.problems.dialogs == []
    body = page.locator("article.document").inner_text()
    assert '<script>window.__pwned = true; document.title = "pwned";</script>' in body
    assert '<img src="x" onerror="window.__pwned = true">' in body
    assert page.locator("article.document script, article.document img, article.document iframe").count() == 0
    assert page.locator("h1").first.inner_text() == "Hostile <b>Markup</b> Report"
    shot(page, "hostile-markup")
    assert page.problems.items == []


def test_escaping_alone_stops_the_script_even_without_the_content_security_policy(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, bypass_csp=True)
    try:
        page = context.new_page()
        dialogs: list[str] = []

        def on_dialog(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto("/documents/902")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.title() != "pwned" and dialogs == []
    finally:
        context.close()


def test_reader_table_of_contents_scrolls_to_sections(page: Any) -> None:
    page.goto("/documents/901")
    page.locator("nav.toc a", has_text="1.2 Outcomes").click()
    page.wait_for_url(re.compile(r"#1\.2$"))
    assert page.locator(":target").get_attribute("data-anchor") == "901#1.2"
    assert page.locator(":target").is_visible()
    fact = page.locator("mark.fact", has_text="26.3%").first
    assert "26.3 %" in (fact.get_attribute("title") or "")


def test_a_policy_on_the_timeline_opens_its_page(page: Any) -> None:
    page.goto("/policies")
    chart = page.locator("#timeline")
    page.wait_for_function("el => el.dataset.ready === 'true'", arg=chart.element_handle())
    chart.locator('path[aria-label*="Gadget Plan"]').first.click()
    page.wait_for_url(re.compile(r"/entities/gadget-plan$"))
    assert page.locator("h1").inner_text() == "Gadget Plan"


def test_a_portfolio_bar_opens_the_passage_it_is_read_from(page: Any) -> None:
    page.goto("/funds/gadget-fund")
    chart = page.locator("#chart-0")
    page.wait_for_function("el => el.dataset.ready === 'true'", arg=chart.element_handle())
    chart.locator('path[aria-label*="Assembly"]').first.click()
    page.wait_for_url(re.compile(r"/documents/901#1\.2%C2%B61$"))
    assert "RMB 98.5 billion" in page.locator(":target").inner_text()


def test_asking_a_question_leads_from_the_answer_to_its_passage(page: Any) -> None:
    page.goto("/ask")
    page.fill("#question", "What was the gadget self-sufficiency rate in 2019?")
    page.press("#question", "Enter")
    card = page.locator("#answer")
    card.wait_for()
    assert card.get_attribute("data-status") == "found"
    assert "21.5 %" in card.locator(".figure").first.inner_text()
    shot(page, "ask-answer")
    card.locator("a.src").first.click()
    page.wait_for_url(re.compile(r"/documents/901#"))
    assert "21.5%" in page.locator(":target").inner_text()
    assert page.problems.items == []
