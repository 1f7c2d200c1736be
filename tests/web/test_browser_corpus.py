"""Acceptance in the browser over the real reports: a point of the IC domestic production rate chart
opens Table 4-4 of report 000 in the reader."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api.corpus_store import ingest_corpus

from sinoscope.interfaces.api import create_app
from web.conftest import serving, shot

pytestmark = [pytest.mark.browser, pytest.mark.corpus]


@pytest.fixture(scope="module")
def corpus_url(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = ingest_corpus(corpus_dir, tmp_path_factory.mktemp("corpusbrowser"))
    with serving(create_app(db, prepare=False)) as url:
        yield url


def test_a_point_of_the_ic_production_rate_chart_opens_table_4_4(browser: Any, corpus_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=corpus_url)
    try:
        page = context.new_page()
        page.goto("/indicators/ic-domestic-production-rate")
        chart = page.locator("#chart")
        page.wait_for_function("el => el.dataset.ready === 'true'", arg=chart.element_handle())
        shot(page, "corpus-ic-production-rate", full=True)
        point = chart.locator('path[aria-label^="year: 2019;"][aria-label*="report 000"]').first
        point.click()
        page.wait_for_url(re.compile(r"/documents/000#table-4-4$"))
        target = page.locator(":target")
        assert target.get_attribute("data-anchor") == "000#table-4-4"
        assert "Table 4-4" in target.inner_text()
        shot(page, "corpus-table-4-4")
    finally:
        context.close()


def test_the_reader_of_a_whole_report_loads_cleanly(browser: Any, corpus_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=corpus_url)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto("/documents/000#4.3")
        assert page.locator(":target").get_attribute("data-anchor") == "000#4.3"
        assert page.locator("nav.toc li").count() > 50
        shot(page, "corpus-reader-000")
        assert errors == []
    finally:
        context.close()
