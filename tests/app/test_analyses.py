"""The analysis use cases on a small invented knowledge base: tracking filtered by status and policy, the
findings filters, evidence links, the indicator page built on the indicator's JSON, and lookups that fail."""

from __future__ import annotations

import pytest

from sinoscope.app import analyses, knowledge
from sinoscope.app.analyses import Severity, Status
from sinoscope.errors import NotFoundError
from sinoscope.knowledge import KnowledgeBase
from sinoscope.store import SqliteStore


def test_evidence_links_report_anchors_only() -> None:
    assert analyses.evidence(["901#1.1¶2", "Sylvania yearbook"]) == [
        {"anchor": "901#1.1¶2", "url": "/documents/901#1.1%C2%B62"},
        {"anchor": "Sylvania yearbook", "url": None},
    ]


def test_target_tracks_by_status_and_by_policy_family(kb: KnowledgeBase) -> None:
    every = analyses.target_tracks(kb)
    assert {t["target"]["id"] for t in every} == {"plan-2020", "roadmap-2025", "gear-2025"}
    for status in {Status(t["status"]) for t in every}:
        assert all(t["status"] == status.value for t in analyses.target_tracks(kb, status))
    family = analyses.target_tracks(kb, policy="widget-plan")
    assert {t["target"]["id"] for t in family} == {"plan-2020", "roadmap-2025"}
    assert family[0]["indicator"]["url"] == "/entities/widget-rate"
    with pytest.raises(NotFoundError, match="not a policy"):
        analyses.target_tracks(kb, policy="widget-rate")


def test_targets_page_groups_by_policy_name_and_counts_every_status(kb_store: SqliteStore) -> None:
    kb = kb_store.knowledge()
    page = analyses.targets_page(kb, kb_store)
    assert [g["name"] for g in page["groups"]] == ["Old Act", "Widget Plan", "Widget Roadmap"]
    assert sum(page["counts"].values()) == 3 and page["learned"] == []
    some = next(s for s, n in page["counts"].items() if n)
    only = analyses.targets_page(kb, kb_store, some)
    assert only["counts"] == page["counts"], "the counts stay whole when the list is filtered"
    assert sum(len(g["rows"]) for g in only["groups"]) == page["counts"][some]


def test_findings_filters_by_severity_and_check(kb_store: SqliteStore) -> None:
    kb = kb_store.knowledge()
    found = analyses.findings(kb, kb_store)
    assert found, "two sources print different 2019 widget rates"
    for check in {f.check for f in found}:
        assert all(f.check == check for f in analyses.findings(kb, kb_store, check=check))
    for severity in Severity:
        assert all(f.severity is severity for f in analyses.findings(kb, kb_store, severity=severity))
    row = analyses.finding_json(found[0])
    assert [e["anchor"] for e in row["evidence"]] == row["anchors"]


def test_indicator_page_is_its_json_plus_what_the_page_adds(kb: KnowledgeBase) -> None:
    page = analyses.indicator_page(kb, "widget-rate")
    detail = knowledge.indicator_detail(kb, "widget-rate")
    assert page["ind"] == page["indicator"] == detail["indicator"] and page["targets"] == detail["targets"]
    assert sorted(page["observations"], key=lambda o: o["id"]) == sorted(detail["observations"], key=lambda o: o["id"])
    assert [o["period"] for o in page["observations"]] == ["2017", "2019", "2019"]
    assert page["spec"]["data"]["values"], "the chart has the observations and targets as points"


def test_unknown_ids_are_not_found(kb: KnowledgeBase) -> None:
    with pytest.raises(NotFoundError):
        analyses.derivation(kb, "no-such-derivation", None)
    with pytest.raises(NotFoundError, match="nofund: no fund with portfolio snapshots"):
        analyses.fund_analyses(kb, "nofund")
    with pytest.raises(NotFoundError, match="x: no supply chain by that id"):
        analyses.chain_analyses(kb, "x")
    with pytest.raises(NotFoundError, match="not a fund"):
        analyses.fund_analysis(kb, "widget-plan")


def test_fund_and_chain_analyses_as_json_with_evidence(kb: KnowledgeBase) -> None:
    (fund,) = analyses.fund_analyses(kb)
    assert fund.fund == "widget-fund"
    data = analyses.fund_analysis(kb, "widget-fund")
    assert data["snapshots"][0]["evidence"] == analyses.evidence(data["snapshots"][0]["anchors"])
    chain = analyses.chain_analysis(kb, "fd-widgets")
    assert chain["components"][0]["name"] == "Widget chips"


def test_comparison_puts_each_source_and_definition_in_its_own_column() -> None:
    from sinoscope.app.analyses import comparison

    def obs(period: str, value: float, publisher: str, method: str = "") -> dict[str, object]:
        return {"entity_ref": {"name": "Ruritania"}, "period": period, "value": value, "unit": "%",
                "publisher": publisher, "method": method, "anchor": f"r#{period}"}  # fmt: skip

    table = comparison([obs("2019", 15, "Bureau"), obs("2020", 16, "Bureau"), obs("2020", 5.9, "Bureau", "owned only"),
                        obs("2021", 18, "Institute")])  # fmt: skip
    assert [c["series"] for c in table["series"]] == [
        "Ruritania · Bureau", "Ruritania · Bureau · owned only", "Ruritania · Institute"
    ]  # fmt: skip
    by_period = {r["period"]: [c and c["value"] for c in r["cells"]] for r in table["rows"]}
    assert by_period == {"2019": [15, None, None], "2020": [16, 5.9, None], "2021": [None, None, 18]}
