"""Serving set-up: worker processes keep the numeric libraries to one thread unless the user chose, load their
models before the first request, and every response carries the security headers without losing one it set
itself."""

from __future__ import annotations

import asyncio
import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from api.fixtures import WordHashEmbedder, build_store

from sinoscope.app.serve import CONTENT_SECURITY_POLICY, LIBRARY_THREADS, SecurityHeaders, single_threaded_libraries
from sinoscope.app.workspace import Workspace


def test_libraries_get_one_thread_unless_the_user_set_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LIBRARY_THREADS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    single_threaded_libraries()
    assert [os.environ[n] for n in LIBRARY_THREADS] == ["3", "1", "1"]


async def _app(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
    own = [(b"referrer-policy", b"no-referrer")] if scope["path"] == "/own" else []
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/csv"), *own]})
    await send({"type": "http.response.body", "body": b"a,b\n"})


def test_security_headers_are_added_and_a_response_keeps_its_own() -> None:
    async def get(path: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=SecurityHeaders(_app))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            return await http.get(path)

    plain, own = asyncio.run(get("/")), asyncio.run(get("/own"))
    assert plain.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert plain.headers["x-content-type-options"] == "nosniff" and plain.headers["referrer-policy"] == "same-origin"
    assert own.headers.get_list("referrer-policy") == ["no-referrer"] and plain.text == "a,b\n"


def test_a_warmed_workspace_has_its_index_loaded_and_a_missing_database_does_not_stop_a_worker(tmp_path: Path) -> None:
    workspace = Workspace(str(build_store(tmp_path / "store")), WordHashEmbedder())
    workspace.warm()
    assert workspace.dense._index is not None  # loaded before any request asked for it
    Workspace(str(tmp_path / "absent.sqlite"), WordHashEmbedder()).warm()  # reported later, by the request
