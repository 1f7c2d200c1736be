"""What a server exposed to a browser must refuse: foreign Host names (DNS rebinding) and echoing back
whatever an attacker sends; and that `serve --workers` really starts separate worker processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.fixtures import WordHashEmbedder
from sinoscope.app.serve import allowed_hosts_for, prepare_store, shown_location
from sinoscope.app.workspace import open_store, store_location
from sinoscope.interfaces.api import create_app
from sinoscope.interfaces.api.errors import ECHO_LIMIT, clip


def test_allowed_hosts_on_loopback_are_the_loopback_names_only() -> None:
    hosts = allowed_hosts_for("127.0.0.1", [])
    assert "localhost" in hosts and "127.0.0.1" in hosts
    assert "evil.example" not in hosts


def test_allowed_hosts_add_the_bound_address_and_extra_names() -> None:
    hosts = allowed_hosts_for("10.1.2.3", ["observatory.team"])
    assert {"10.1.2.3", "observatory.team", "localhost"} <= set(hosts)


def test_wildcard_bind_allows_this_machines_own_name() -> None:
    assert socket.gethostname() in allowed_hosts_for("0.0.0.0", [])


def test_a_server_url_stays_a_string_and_is_shown_without_its_password(tmp_path: Path) -> None:
    url = "postgresql://reader:s3cret@db.example:5432/sinoscope"
    assert store_location(url) == url and shown_location(url) == "postgresql://reader:***@db.example:5432/sinoscope"
    assert store_location("data//db.sqlite") == Path("data/db.sqlite") == shown_location(Path("data/db.sqlite"))


def test_prepare_store_creates_the_database_with_the_knowledge_base_once(tmp_path: Path) -> None:
    db = tmp_path / "new" / "serve.sqlite"
    prepare_store(db)
    with open_store(db, create=False) as store:
        digest = store.knowledge_digest()
        assert digest is not None and store.list_documents() == []
    prepare_store(db)  # a second start finds it loaded
    with open_store(db, create=False) as store:
        assert store.knowledge_digest() == digest


def test_a_foreign_host_header_is_refused(web_db: Path) -> None:
    app = create_app(web_db, embedder=WordHashEmbedder(), prepare=False, allowed_hosts=["localhost"])
    with TestClient(app, base_url="http://localhost") as c:
        assert c.get("/api/v1/documents").status_code == 200
        assert c.get("/api/v1/documents", headers={"host": "rebound.example"}).status_code == 400
        assert c.get("/", headers={"host": "rebound.example:8000"}).status_code == 400


def test_a_huge_rejected_parameter_is_not_echoed_back_whole(client: TestClient) -> None:
    huge = "x" * 50_000
    r = client.get("/api/v1/search", params={"q": "chips", "mode": huge})
    assert r.status_code == 422
    assert len(r.text) < 2_000
    assert "50,002 characters" in r.json()["error"]  # repr adds the two quotes


def test_clip_keeps_short_text_and_marks_long_text() -> None:
    assert clip("short") == "short"
    long = clip("y" * 1000)
    assert long.startswith("y" * ECHO_LIMIT) and long.endswith("(1,000 characters)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_with_two_workers_answers_and_checks_host(tmp_path: Path) -> None:
    port = _free_port()
    exe = Path(sys.executable).with_name("sinoscope")
    env = {**os.environ, "SINOSCOPE_DB": str(tmp_path / "s.sqlite")}
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/v1/documents"
        deadline = time.monotonic() + 300
        while True:
            try:
                r = httpx.get(url, timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "serve exited"
                assert time.monotonic() < deadline, "server did not start in 300 s"
                time.sleep(0.3)
        assert r.status_code == 200 and r.json() == []
        assert httpx.get(url, headers={"host": "rebound.example"}, timeout=5).status_code == 400
    finally:
        proc.terminate()
        proc.wait(timeout=20)
