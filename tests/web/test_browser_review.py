"""In a real browser: an analyst accepts a proposed (learned) target on the tracker page with the write token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from app.conftest import build

from sinoscope.interfaces.api import create_app
from web.conftest import serving, shot

pytestmark = pytest.mark.browser


def test_accept_a_proposed_target_on_the_tracker_page(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build(tmp_path / "store")
    monkeypatch.setenv("SINOSCOPE_TOKEN", "browser-token")
    with serving(create_app(db, prepare=False)) as url:
        context = browser.new_context(base_url=url)
        page = context.new_page()
        try:
            page.goto("/targets#learned")
            row = page.locator("#learned tr[data-review='proposed']").first
            entry = row.get_attribute("data-target")
            row.locator("input[name='token']").fill("browser-token")
            row.locator("button[value='accept']").click()
            page.wait_for_load_state()
            assert page.locator(f"tr[data-target='{entry}']").get_attribute("data-review") == "accepted"
            shot(page, "targets-review-accepted")
        finally:
            context.close()
