"""A live server (uvicorn in a thread, on a free port) and headless Debian Chromium driven by Playwright.

Browser tests skip with the reason when /usr/bin/chromium or the playwright package is missing; `.ci/run`
installs Chromium so that CI runs them. Playwright's own browser download is never used (it cannot
reach its download host here): Chromium is launched by path with the flags this sandbox needs.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from api.fixtures import WordHashEmbedder, build_store

from sinoscope.interfaces.api import create_app

CHROMIUM = Path(os.environ.get("SINOSCOPE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "web"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Run `app` with uvicorn on a free local port in a thread; yields its base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="sinoscope-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("browserstore"))
    with serving(create_app(db, embedder=WordHashEmbedder(), prepare=False)) as url:
        yield url


@pytest.fixture(scope="session")
def observatory_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The observatory of `web/observatory.py`, built and served once for every test that reads it (the
    layout, copy and export tests only read)."""
    from web.observatory import build_observatory

    db = build_observatory(tmp_path_factory.mktemp("observatory"))
    with serving(create_app(db, embedder=WordHashEmbedder(), prepare=False)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (CHROMIUM.is_file() or shutil.which(str(CHROMIUM))):
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium): browser tests skipped")
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("the playwright package is not installed (pip install -e '.[dev]'): browser tests skipped")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield b
        finally:
            b.close()


class PageProblems:
    """Script errors, failed requests and console errors a page produced: a working page has none."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.items: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda err: self.items.append(f"page error: {err}"))
        page.on(
            "console",
            lambda msg: self.items.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None,
        )
        page.on(
            "requestfailed",
            lambda req: self.items.append(f"request failed: {req.url}") if req.url.startswith(base_url) else None,
        )

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    p = context.new_page()
    p.set_default_timeout(15_000)
    p.problems = PageProblems(p, base_url)
    try:
        yield p
    finally:
        context.close()


def shot(page: Any, name: str, *, full: bool = False) -> Path:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path
