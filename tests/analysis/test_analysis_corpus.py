"""Acceptance over the two reports: the analyses the issue asks for, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sinoscope.interfaces.cli import app

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("analysis") / "corpus.sqlite")
    files = sorted(str(p) for p in corpus_dir.glob("*.txt"))
    result = CliRunner().invoke(app, ["--db", path, "ingest", "--no-embed", *files])
    assert result.exit_code == 0, result.output
    return path


def _json(db: str, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--db", db, *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_domestic_production_rate_recomputed_within_0_2_pp(db: str) -> None:
    data = _json(db, "derive", "ic-domestic-production-rate")
    rows = {r["period"]: r for r in data["rows"]}
    assert [str(y) for y in range(2013, 2022)] == [p for p in sorted(rows) if "2013" <= p <= "2021"]
    for year in range(2013, 2022):
        row = rows[str(year)]
        assert row["printed"] is not None and "000#table-4-4" in row["printed_anchors"]
        assert abs(row["result"] - row["printed"]) <= 0.2, row
        assert {i["indicator"] for i in row["inputs"]} == {"ic-manufacturing-sales", "ic-market-size", "fx-cny-per-usd"}


def test_robot_import_prices_recomputed_within_the_printed_rounding(db: str) -> None:
    """Table 5-10 prints prices in USD thousands: value ÷ volume must round to the printed figure."""
    for name in ("robot-import-price", "robot-import-price-japan"):
        rows = _json(db, "derive", name)["rows"]
        compared = [r for r in rows if r["printed"] is not None]
        assert len(compared) >= 7, name
        assert all("000#table-5-10" in r["printed_anchors"] for r in compared)
        # the Japan price also carries Japan's shares, printed as whole percents (±0.5 pp each)
        slack = 500.0 if name == "robot-import-price" else 500.0 + 0.02 * max(r["printed"] for r in compared)
        assert max(abs(r["difference"]) for r in compared) <= slack, name


def test_check_reports_the_known_findings(db: str) -> None:
    findings = _json(db, "check")
    text = [(f["check"], f["message"], f["anchors"]) for f in findings]
    digital = [t for t in text if t[0] == "table-vs-text" and "001#table-1-4" in t[2]]
    assert digital and "7.8" in digital[0][1] and "7%" in digital[0][1]
    phase1 = [t for t in text if t[0] == "snapshots-differ" and "phase-1" in t[1]]
    assert phase1 and "2022-01-20" in phase1[0][1] and "2022-09-19" in phase1[0][1]
    assert {"000#table-4-3", "001#table-2-1"} <= set(phase1[0][2])
    balance = {a: m for c, m, anchors in text if c == "balance-sheet" for a in anchors}
    assert "000#table-4-1" in balance and "000#table-4-2" in balance
    assert all("assets = liabilities + equity" in m for m in balance.values())  # both balance, within rounding
    nsfc = [t for t in text if t[0] == "breakdown-sum" and "000#table-2-5" in t[2]]
    assert nsfc and "77.05%" in nsfc[0][1]  # one department's four attribute shares do not reach 100
    phase2 = [m for c, m, anchors in text if c == "table-total" and "000#table-4-3" in anchors]
    assert phase2 and "41" in phase2[0] and "38" in phase2[0]  # the Phase II company counts add to 41, not 38


def test_targets_listed_with_status_and_evidence(db: str) -> None:
    tracks = _json(db, "targets")
    assert len(tracks) >= 40
    statuses = {"met", "on track", "off track", "no data", "not evaluable"}
    for t in tracks:
        assert t["status"] in statuses
        assert t["evidence"], t["target"]["id"]
    by_id = {t["target"]["id"]: t for t in tracks}
    roadmap = [t for i, t in by_id.items() if t["target"]["indicator"] == "ic-domestic-production-rate"]
    assert roadmap and all(t["status"] == "off track" for t in roadmap)


def test_robot_supply_chain_prints_intensities_and_foreign_shares(db: str) -> None:
    (chain,) = [c for c in _json(db, "analyze", "supply-chain") if "robot" in c["chain"]]
    assert len(chain["stages"]) == 3
    for stage in chain["stages"]:
        assert stage["rd_intensity"] and stage["rd_intensity"]["anchors"]
        assert stage["subsidy_intensity"] and stage["subsidy_intensity"]["anchors"]
    shares = [c for c in chain["components"] if c["foreign_share"] is not None]
    assert shares and all(c["anchors"] and c["foreign_basis"] for c in shares)
    gears = next(c for c in shares if c["component"] == "reduction-gears")
    assert gears["foreign_share"] == 72 and "000#5.3¶4" in gears["anchors"] and gears["hhi"] is not None
    assert chain["smile"] is True
    result = CliRunner().invoke(app, ["--db", db, "analyze", "supply-chain"])
    assert result.exit_code == 0 and "smile curve" in result.stdout


def test_fund_portfolio_has_both_dated_snapshots(db: str) -> None:
    analyses = _json(db, "analyze", "fund")
    snaps = {(s["phase"], s["as_of"]) for a in analyses for s in a["snapshots"]}
    assert {("big-fund-phase-1", "2022-01-20"), ("big-fund-phase-1", "2022-09-19")} <= snaps
    changes = [c for a in analyses for c in a["changes"] if c["phase"] == "big-fund-phase-1"]
    assert changes and changes[0]["companies"] == -2
