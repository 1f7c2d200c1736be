"""The layout checks of test_responsive over the real reports, whose long headings, tables and footnotes
the invented ones do not have: no page scrolls sideways and no figure prints in machine notation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api.corpus_store import ingest_corpus

from sinoscope.interfaces.api import create_app
from web.conftest import serving
from web.test_responsive import MACHINE_NUMBER, OVERFLOW, WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.corpus]

PAGES = [
    "/documents",
    "/documents/000",
    "/documents/001",
    "/passages/000%23table-4-4",
    "/facts",
    "/targets",
    "/findings",
    "/search?q=Big+Fund",
    "/funds/big-fund",
]


@pytest.fixture(scope="module")
def corpus_site(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = ingest_corpus(corpus_dir, tmp_path_factory.mktemp("corpuslayout"))
    with serving(create_app(db, prepare=False)) as url:
        yield url


@pytest.mark.parametrize("width", WIDTHS)
def test_the_real_reports_fit_the_screen(browser: Any, corpus_site: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=corpus_site)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        problems = []
        for path in PAGES:
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            page.wait_for_load_state("networkidle")
            found = page.evaluate(OVERFLOW)
            if found["scroll"] > found["width"] + 1:
                problems.append((path, found))
            raw = MACHINE_NUMBER.findall(page.locator("body").inner_text())
            if raw:
                problems.append((path, raw[:5]))
        assert problems == []
    finally:
        context.close()
