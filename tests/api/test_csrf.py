"""CSRF: the review form is accepted only with its csrf field, and no unsafe request from another site is acted on.

The store is the invented province of `tests/app/conftest.py` (two work reports whose targets are learned and
proposed for review).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from app.conftest import build
from fastapi.testclient import TestClient

from sinoscope.app.csrf import FIELD, cross_origin, form_token
from sinoscope.interfaces.api import create_app

TOKEN = "csrf-test-token"
TEMPLATES = Path(__file__).resolve().parents[2] / "sinoscope" / "interfaces" / "web" / "templates"


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("SINOSCOPE_TOKEN", TOKEN)
    return TestClient(create_app(build(tmp_path / "store"), prepare=False))


def _form(client: TestClient) -> dict[str, str]:
    """What the tracker page's first review form submits: its entry, its csrf field, and the typed token."""
    html = client.get("/targets").text
    entry = re.search(r'<input type="hidden" name="entry" value="([^"]+)">', html)
    csrf = re.search(r'<input type="hidden" name="csrf" value="([^"]*)">', html)
    assert entry is not None and csrf is not None, "every review form carries a csrf field"
    return {"entry": entry.group(1), "csrf": csrf.group(1), "token": TOKEN, "action": "accept"}


def _review(client: TestClient, entry: str) -> str:
    return str(next(e["state"] for e in client.get("/api/v1/review").json() if e["id"] == entry))


def test_a_form_without_its_csrf_field_is_refused_and_with_it_accepted(client: TestClient) -> None:
    form = _form(client)
    for bad in ({k: v for k, v in form.items() if k != "csrf"}, {**form, "csrf": "0" * 64}, {**form, "csrf": ""}):
        r = client.post("/targets/review", data=bad, follow_redirects=False)
        assert r.status_code == 403 and "csrf" in r.text and "Traceback" not in r.text
    assert _review(client, form["entry"]) == "proposed"

    r = client.post("/targets/review", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith(form["entry"])
    assert _review(client, form["entry"]) == "accepted"


def test_the_field_is_the_same_for_every_worker_and_follows_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "any.sqlite"
    monkeypatch.setenv("SINOSCOPE_TOKEN", "one")
    first = form_token(db)
    assert first == form_token(db) and re.fullmatch(r"[0-9a-f]{64}", first) and "one" not in first
    monkeypatch.setenv("SINOSCOPE_TOKEN", "two")
    assert form_token(db) != first  # a new write token retires the old forms
    monkeypatch.delenv("SINOSCOPE_TOKEN")
    assert form_token(db) == ""  # no token yet: no write can succeed, so no form value either


def test_a_write_from_another_site_is_refused_before_the_form_is_read(client: TestClient) -> None:
    form = _form(client)
    evil = {"Origin": "https://evil.example"}
    r = client.post("/targets/review", data=form, headers=evil, follow_redirects=False)
    assert r.status_code == 403 and "another site" in r.text and len(r.text.splitlines()) == 1
    r = client.post("/targets/review", data=form, headers={"Referer": "http://evil.example/page"})
    assert r.status_code == 403
    api = client.post(f"/api/v1/review/{form['entry']}/reject", json={}, headers={**evil, "X-Sinoscope-Token": TOKEN})
    assert api.status_code == 403 and "another site" in api.json()["error"]
    assert _review(client, form["entry"]) == "proposed"

    same = {"Origin": "http://testserver", "Referer": "http://testserver/targets"}
    r = client.post("/targets/review", data=form, headers=same, follow_redirects=False)
    assert r.status_code == 303 and _review(client, form["entry"]) == "accepted"


def test_api_writes_with_the_token_header_need_no_csrf_field(client: TestClient) -> None:
    entry = _form(client)["entry"]
    r = client.post(f"/api/v1/review/{entry}/reject", json={"reason": "n/a"}, headers={"X-Sinoscope-Token": TOKEN})
    assert r.status_code == 200 and r.json()["state"] == "rejected"


@pytest.mark.parametrize(
    ("method", "host", "origin", "referer", "refused"),
    [
        ("GET", "a.example", "https://b.example", None, False),  # reads are never refused
        ("POST", "a.example", None, None, False),  # not a browser: nothing to compare
        ("POST", "a.example:8000", "http://a.example:8000", None, False),
        ("POST", "a.example", "https://a.example", None, False),  # behind a TLS proxy: host and port agree
        ("POST", "a.example:8000", "http://a.example:8001", None, True),  # another port is another site
        ("POST", "a.example", "null", "https://a.example/x", True),  # an opaque origin is not this site
        ("DELETE", "a.example", None, "https://evil.example/a.example", True),
        ("PUT", "127.0.0.1:8765", "http://localhost:8765", None, True),
        ("PATCH", "a.example", "not a url", None, True),
    ],
)
def test_same_origin_rule(method: str, host: str, origin: str | None, referer: str | None, refused: bool) -> None:
    assert (cross_origin(method, host, origin, referer) is not None) is refused


def test_every_state_changing_form_in_the_templates_carries_the_field() -> None:
    """A form added later cannot forget it: each POST form of every template holds the hidden csrf field."""
    forms = [
        (t.name, f)
        for t in sorted(TEMPLATES.rglob("*.html"))
        for f in re.findall(r"<form\b.*?</form>", t.read_text(encoding="utf-8"), re.S | re.I)
        if re.search(r"""method=["']?post""", f.split(">", 1)[0], re.I)
    ]
    assert forms, "the review form at least"
    missing = [name for name, f in forms if f'name="{FIELD}"' not in f]
    assert not missing, missing
