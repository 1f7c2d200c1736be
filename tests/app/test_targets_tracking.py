"""Targets of one invented report tracked against the next report's actual values."""

from __future__ import annotations

from pathlib import Path

from sinoscope.app.targets import target_tracks
from sinoscope.store import SqliteStore


def _learned(db: Path) -> list[dict]:  # type: ignore[type-arg]
    with SqliteStore(db) as store:
        return [t for t in target_tracks(store) if t.get("origin") == "learned"]


def test_growth_target_meets_next_years_actual(review_db: Path) -> None:
    tracks = _learned(review_db)
    gdp = [t for t in tracks if t["indicator"]["id"] == "gdp-growth" and t["deadline"] == "2031"]
    assert len(gdp) == 1
    t = gdp[0]
    assert (t["value"], t["comparator"], t["unit"], t["review"]) == (6.0, "~", "%", "proposed")
    assert t["sources"] and t["sources"][0].startswith(t["sources"][0].split("#")[0] + "#")
    assert t["status"] == "met"
    assert t["assessed"]["value"] == 6.3 and t["assessed"]["period"] == "2031"
    assert t["assessed"]["doc"] == "shanhe-2032.txt" and t["assessed"]["anchor"]
    periods = [o["period"] for o in t["observations"]]
    assert periods == sorted(periods) and "2030" in periods


def test_floor_target_off_track_and_unknown_future(review_db: Path) -> None:
    tracks = _learned(review_db)
    sep = [t for t in tracks if t["value"] == 80.0]
    assert len(sep) == 1 and sep[0]["comparator"] == ">="
    assert sep[0]["status"] == "off track"  # 76% against a floor of 80%
    assert sep[0]["indicator"]["origin"] == "learned"  # a battery measure is not the IC production rate
    later = [t for t in tracks if t["deadline"] == "2032" and t["value"] == 5.5]
    assert later and later[0]["status"] == "not evaluable"  # the deadline is ahead: nothing to judge yet


def test_curated_targets_keep_their_fields_and_gain_new_ones(review_db: Path) -> None:
    with SqliteStore(review_db) as store:
        curated = [t for t in target_tracks(store) if t.get("origin") == "curated"]
    assert curated
    for key in ("target", "indicator", "status", "assessed", "latest", "gap", "projection", "note", "evidence",
                "review", "deadline", "sources", "observations", "value", "comparator", "unit"):  # fmt: skip
        assert key in curated[0]


def test_check_lists_documents_that_disagree(tmp_path: Path) -> None:
    from app.conftest import REPORT_2031, REPORT_2032, build
    from sinoscope.app.targets import learned_findings

    third = REPORT_2032.replace("增长6.3%", "增长6.6%").replace("2032年主要目标", "2032年主要目标（修订）")
    db = build(tmp_path / "s", [REPORT_2031, REPORT_2032])
    extra = tmp_path / "s" / "shanhe-2032-revised.txt"
    extra.write_text(third, encoding="utf-8")
    from sinoscope.app.pipeline import ingest_paths
    from sinoscope.app.stages import extract

    with SqliteStore(db) as store:
        ingest_paths(store, [extra], extract=extract)
        found = learned_findings(store)
    assert len(found) == 1 and found[0].check == "documents-disagree"
    assert "6.3" in found[0].message and "6.6" in found[0].message and len(found[0].anchors) == 2
