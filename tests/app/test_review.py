"""Review through the CLI and the API: accept, edit, merge, reject, audit; writes need the token."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sinoscope.app.auth import ensure_token, token_ok, token_path
from sinoscope.interfaces.api import create_app
from sinoscope.interfaces.cli import app as cli_app


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli_app, ["--db", str(db), *args], catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def _entries(db: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    code, out, _ = cli(db, "review", "list", "--json", *args)
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def _target(entries: list[dict], value: float, year: int) -> dict:  # type: ignore[type-arg]
    return next(e for e in entries if e["kind"] == "target" and e["value"] == value and e["year"] == year)


def test_cli_accept_edit_reject_merge_audit(review_db: Path) -> None:
    entries = _entries(review_db)
    assert {e["state"] for e in entries} == {"proposed"}
    assert all(e["anchor"] and e["quote"] for e in entries if e["kind"] != "indicator")
    gdp = _target(entries, 6.0, 2031)
    code, out, _ = cli(review_db, "review", "accept", gdp["id"], "--actor", "ana", "--reason", "checked")
    assert code == 0 and "accepted" in out
    code, _, err = cli(review_db, "review", "accept", gdp["id"])
    assert code == 2 and err.startswith("error: ") and "already accepted" in err

    jobs = _target(entries, 500_000.0, 2031)
    code, out, _ = cli(review_db, "review", "edit", jobs["id"], "comparator=~", "value=510000", "--json")
    edited = json.loads(out)
    assert code == 0 and edited["state"] == "accepted" and edited["value"] == 510000
    assert edited["extracted"]["value"] == 500_000.0  # what was extracted stays visible
    code, _, err = cli(review_db, "review", "edit", jobs["id"], "colour=red")
    assert code == 2 and "cannot edit colour" in err

    deficit = _target(entries, 2.9, 2031)
    assert cli(review_db, "review", "reject", deficit["id"], "--reason", "a fiscal plan")[0] == 0
    assert deficit["id"] not in {e["id"] for e in _entries(review_db, "--state", "proposed")}

    learned = [e for e in entries if e["kind"] == "indicator"]
    sep = next(e for e in learned if "隔膜" in e["name"])
    code, _, _ = cli(review_db, "review", "merge", sep["id"], "gdp-growth", "--reason", "test merge")
    assert code == 0
    merged = _target(_entries(review_db), 80.0, 2031)
    assert merged["indicator"] == "gdp-growth"

    code, out, _ = cli(review_db, "review", "audit")
    trail = [json.loads(line) for line in out.splitlines()]
    actions = [r["action"] for r in trail]
    assert actions[:3] == ["accept", "edit", "reject"] and "merge" in actions
    first = trail[0]
    assert first["actor"] == "ana" and first["reason"] == "checked" and first["at"]
    assert first["before"]["state"] == "proposed" and first["after"]["state"] == "accepted"
    code, out, _ = cli(review_db, "review", "audit", "--format", "csv")
    assert out.splitlines()[0].startswith("seq,at,actor,action")

    code, _, err = cli(review_db, "review", "accept", "t-000000000000")
    assert code == 2 and "no such review entry" in err


def test_review_state_drives_tracking(review_db: Path) -> None:
    entries = _entries(review_db)
    gdp = _target(entries, 6.0, 2031)
    cli(review_db, "review", "reject", gdp["id"])
    code, out, _ = cli(review_db, "targets", "--json")
    ids = {t.get("id") for t in json.loads(out)}
    assert code == 0 and gdp["id"] not in ids


@pytest.fixture
def client(review_db: Path) -> TestClient:
    return TestClient(create_app(review_db, prepare=False))


def test_api_writes_need_the_token(review_db: Path, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = client.get("/api/v1/review", params={"kind": "target"}).json()
    gdp = next(e for e in entries if e["value"] == 6.0)
    url = f"/api/v1/review/{gdp['id']}/accept"
    r = client.post(url, json={"actor": "api-user"})
    assert r.status_code == 401 and "token" in r.json()["error"]
    token, generated = ensure_token(review_db)
    assert generated and token_path(review_db).exists() and token_ok(review_db, token)
    assert client.post(url, json={}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = client.post(url, json={"actor": "api-user", "reason": "ok"}, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    r = client.post(url, json={}, headers={"X-Sinoscope-Token": token})
    assert r.status_code == 409 and "already accepted" in r.json()["error"]

    monkeypatch.setenv("SINOSCOPE_TOKEN", "from-env")
    auth = {"Authorization": "Bearer from-env"}
    other = next(e for e in entries if e["value"] == 5.5)
    r = client.post(f"/api/v1/review/{other['id']}/edit", json={"changes": {"year": 2032, "value": 5.6}}, headers=auth)
    assert r.status_code == 200 and r.json()["value"] == 5.6
    r = client.post(f"/api/v1/review/{other['id']}/edit", json={"changes": {"comparator": "about"}}, headers=auth)
    assert r.status_code == 409
    jobs = next(e for e in entries if e["value"] == 500_000.0 and e["year"] == 2031)
    assert client.post(f"/api/v1/review/{jobs['id']}/reject", json={}, headers=auth).status_code == 200
    indicators = client.get("/api/v1/review", params={"kind": "indicator"}).json()
    sep = next(e for e in indicators if "隔膜" in e["name"])
    r = client.post("/api/v1/review/merge", json={"source": sep["id"], "into": "no-such"}, headers=auth)
    assert r.status_code == 404
    r = client.post("/api/v1/review/merge", json={"source": sep["id"], "into": "gdp-growth"}, headers=auth)
    assert r.status_code == 200
    assert client.post("/api/v1/review/t-000000000000/accept", json={}, headers=auth).status_code == 404

    trail = client.get("/api/v1/review/audit").json()
    assert [r["action"] for r in trail][:3] == ["accept", "edit", "reject"]
    assert trail[0]["actor"] == "api-user"
    csv_text = client.get("/api/v1/review/audit", params={"format": "csv"}).text
    assert csv_text.startswith("seq,at,actor")
    tracked = client.get("/api/v1/tracked-targets").json()
    assert any(t.get("origin") == "learned" for t in tracked)


def test_tracker_page_marks_proposed_targets_and_its_form_accepts_one(
    review_db: Path, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = client.get("/targets").text
    assert 'id="learned"' in html and "review-proposed" in html and 'name="token"' in html
    entries = client.get("/api/v1/review", params={"kind": "target"}).json()
    gdp = next(e for e in entries if e["value"] == 6.0)
    monkeypatch.setenv("SINOSCOPE_TOKEN", "page-token")
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/targets").text)
    assert csrf is not None  # a state-changing form carries its CSRF field (see tests/api/test_csrf.py)
    form = {"entry": gdp["id"], "action": "accept", "token": "nope", "csrf": csrf.group(1)}
    assert client.post("/targets/review", data=form).status_code == 401
    r = client.post("/targets/review", data={**form, "token": "page-token"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith(gdp["id"])
    assert f'data-target="{gdp["id"]}" data-status="met" data-review="accepted"' in client.get("/targets").text
    assert client.post("/targets/review", data={**form, "token": "page-token"}).status_code == 409


def test_accepted_entries_export_round_trips_into_the_curated_format(tmp_path: Path) -> None:
    from app.conftest import REPORT_2031, REPORT_2032, build
    from sinoscope.knowledge.loader import DataFile, bundled_files, load_files

    national = [r.replace("山河省", "").replace("全省", "全国") for r in (REPORT_2031, REPORT_2032)]
    review_db = build(tmp_path / "national", national)
    entries = _entries(review_db)
    gdp = _target(entries, 6.0, 2031)
    actual = next(e for e in entries if e["kind"] == "actual" and e["value"] == 6.3)
    for e in (gdp, actual):
        assert cli(review_db, "review", "accept", e["id"])[0] == 0
    code, out, _ = cli(review_db, "review", "export")
    assert code == 0
    kb = load_files([*bundled_files(), DataFile("learned.yaml", out)])
    assert kb.find(gdp["id"]) is not None and kb.find(actual["id"]) is not None
    assert "left out" not in out
    local = build(tmp_path / "local")  # a province's figures are left out, and the file says so
    code, out, _ = cli(local, "review", "accept", _target(_entries(local), 6.0, 2031)["id"])
    assert "a local entity" in cli(local, "review", "export")[1]
