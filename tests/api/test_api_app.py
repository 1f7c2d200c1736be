"""The app as a whole: schema, unknown routes, security headers, a missing database, and `sinoscope serve`."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sinoscope.interfaces.api import create_app
from sinoscope.interfaces.cli import app as cli_app


def test_openapi_schema_lists_every_api_route(client: TestClient) -> None:
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert paths >= {
        "/api/v1/documents",
        "/api/v1/documents/{doc_id}",
        "/api/v1/documents/{doc_id}/blocks",
        "/api/v1/blocks/{anchor}",
        "/api/v1/search",
        "/api/v1/ask",
        "/api/v1/facts",
        "/api/v1/tables",
        "/api/v1/tables/{anchor}/records",
        "/api/v1/entities",
        "/api/v1/entities/{entity_id}",
        "/api/v1/indicators",
        "/api/v1/indicators/{indicator_id}",
        "/api/v1/indicators/{indicator_id}/chart",
        "/api/v1/observations",
        "/api/v1/targets",
        "/api/v1/policies",
        "/api/v1/funds/{fund_id}",
        "/api/v1/supply-chains/{chain_id}",
        "/api/v1/analyses/targets",
        "/api/v1/analyses/derived",
        "/api/v1/analyses/derived/{derivation_id}",
        "/api/v1/analyses/funds/{fund_id}",
        "/api/v1/analyses/supply-chains/{chain_id}",
        "/api/v1/findings",
    }
    assert not any(p.startswith(("/documents", "/search", "/static")) for p in paths)


def test_unknown_api_route_and_wrong_method_are_json(client: TestClient) -> None:
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.json() == {"error": "/api/v1/nothing-here: no such page"}
    r = client.post("/api/v1/documents")
    assert r.status_code == 405 and r.json() == {"error": "POST is not allowed on /api/v1/documents"}


def test_cdn_docs_pages_are_off(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/api/v1/documents", "/static/app.css"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]


def test_vendored_scripts_are_served_locally(client: TestClient) -> None:
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "htmx.min.js"):
        r = client.get(f"/static/vendor/{name}")
        assert r.status_code == 200 and len(r.content) > 10_000
    assert client.get("/static/vendor/vega.LICENSE.txt").status_code == 200


def test_unreadable_database_is_503(tmp_path: Path) -> None:
    db = tmp_path / "not.sqlite"
    db.write_text("this is not a database", encoding="utf-8")
    with TestClient(create_app(db, prepare=False)) as c:
        r = c.get("/api/v1/documents")
        assert r.status_code == 503
        assert r.json() == {"error": f"{db}: not a SQLite database"}


def test_create_app_prepares_a_new_store_with_the_bundled_knowledge_base(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "new" / "fresh.sqlite")) as c:
        assert c.get("/api/v1/documents").json() == []
        assert len(c.get("/api/v1/policies").json()) >= 40


def test_serve_command_runs_uvicorn_on_localhost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append({"app": app, **kw}))
    for name in ("SINOSCOPE_SERVE_DB", "SINOSCOPE_ALLOWED_HOSTS"):
        monkeypatch.setenv(name, "")  # restored after the test: serve writes both for its workers
    result = CliRunner().invoke(cli_app, ["--db", str(tmp_path / "s.sqlite"), "serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (calls[0]["host"], calls[0]["port"]) == ("127.0.0.1", 8123)
    # Worker processes build the app themselves from the settings serve leaves in the environment.
    assert calls[0]["factory"] is True and calls[0]["workers"] >= 1
    factory = calls[0]["app"]
    module, _, name = factory.partition(":")
    assert getattr(importlib.import_module(module), name)().title == "sinoscope"


def test_serve_refuses_a_bad_database_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "dir.sqlite"
    bad.mkdir()
    result = CliRunner().invoke(cli_app, ["--db", str(bad), "serve"])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {bad}: is a directory, not a database file"
