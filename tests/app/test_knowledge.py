"""The knowledge use cases on a small invented knowledge base: the one "targets and observations of this
entity" query, lookups by type and name, lists in order, the CLI's entity view and the citation check."""

from __future__ import annotations

import pytest

from sinoscope.app import knowledge
from sinoscope.app.knowledge import AmbiguousEntity, Indicator
from sinoscope.errors import NotFoundError, SinoscopeError
from sinoscope.knowledge import KnowledgeBase
from sinoscope.store import SqliteStore


def test_a_policy_has_its_roadmaps_targets_and_an_indicator_its_targets_and_observations(kb: KnowledgeBase) -> None:
    plan = knowledge.entity_contents(kb, kb.get("widget-plan"))
    assert [t.id for t in plan.targets] == ["plan-2020", "roadmap-2025"]
    assert plan.observations == []
    assert ("widget-roadmap", "parent") in [(e.id, f) for e, f in plan.related]
    rate = knowledge.entity_contents(kb, kb.get("widget-rate"))
    assert [t.id for t in rate.targets] == ["plan-2020", "roadmap-2025"]
    assert len(rate.observations) == 3
    shown = {t.id for t in rate.targets} | {o.id for o in rate.observations}
    assert not shown & {e.id for e, _ in rate.related}, "what is listed as a target or observation is not repeated"


def test_a_country_has_the_targets_it_is_the_subject_of_and_its_observations(kb: KnowledgeBase) -> None:
    fd = knowledge.entity_contents(kb, kb.get("fd"))
    assert [t.id for t in fd.targets] == ["plan-2020", "roadmap-2025"]
    assert {o.value for o in fd.observations} == {21.5, 19.0, 15.0}
    assert [t.id for t in knowledge.entity_contents(kb, kb.get("sy")).targets] == ["gear-2025"]


def test_entry_of_names_what_the_entry_is_instead(kb: KnowledgeBase) -> None:
    assert knowledge.entry_of(kb, "widget-rate", Indicator, "an indicator").id == "widget-rate"
    with pytest.raises(NotFoundError, match="widget-plan: not an indicator \\(it is a policy\\)"):
        knowledge.entry_of(kb, "widget-plan", Indicator, "an indicator")


def test_entry_types_as_people_write_them() -> None:
    assert knowledge.entry_type("Funds") == "fund"
    assert knowledge.entry_type("supply-chains") == "supply_chain"
    assert knowledge.entry_type("policies") == "policy"
    with pytest.raises(SinoscopeError, match="gizmo: unknown type"):
        knowledge.entry_type("gizmo")


def test_targets_by_policy_family_and_indicator(kb: KnowledgeBase) -> None:
    assert [t["id"] for t in knowledge.targets(kb, "widget-plan", None)] == ["plan-2020", "roadmap-2025"]
    assert [t["id"] for t in knowledge.targets(kb, "widget-roadmap", "widget-rate")] == ["roadmap-2025"]
    row = knowledge.targets(kb, None, "gear-output")[0]
    assert row["policy_ref"]["url"] == "/entities/old-act" and row["subject_ref"]["name"] == "Sylvania"
    with pytest.raises(NotFoundError, match="not a policy"):
        knowledge.targets(kb, "fd", None)


def test_policies_in_date_order_undated_last_and_grouped_by_year(kb: KnowledgeBase) -> None:
    rows = knowledge.policies(kb)
    assert [p["id"] for p in rows] == ["widget-plan", "widget-roadmap", "old-act"]
    assert list(knowledge.by_year(rows)) == ["2016", "2018", "undated"]
    assert rows[0]["targets"] == 1, "its own targets; the roadmap's are counted on the roadmap"


def test_observations_carry_their_first_anchor_as_a_reader_link(kb: KnowledgeBase) -> None:
    rows = knowledge.observations(kb, "widget-rate", None, "2019")
    cited = next(r for r in rows if r["value"] == 21.5)
    assert cited["anchor"] == "901#1.1¶2" and cited["url"] == "/documents/901#1.1%C2%B62"
    outside = next(r for r in rows if r["value"] == 19.0)
    assert outside["anchor"] is None and outside["url"] is None
    with pytest.raises(NotFoundError):
        knowledge.observations(kb, "no-such-indicator", None, None)


def test_indicator_detail_is_the_indicator_with_its_observations_and_targets(kb: KnowledgeBase) -> None:
    detail = knowledge.indicator_detail(kb, "widget-rate")
    assert detail["indicator"]["observations"] == 3 and detail["indicator"]["targets"] == 2
    assert detail["indicator"]["url"] == "/indicators/widget-rate"
    assert [t["id"] for t in detail["targets"]] == ["plan-2020", "roadmap-2025"]


def test_find_entities_by_name_and_type(kb_store: SqliteStore) -> None:
    kb = kb_store.knowledge()
    assert [e.id for e in knowledge.find_entities(kb, kb_store, "Widget Fund", None, 10)][:1] == ["widget-fund"]
    policies = knowledge.find_entities(kb, kb_store, None, "policy", 10)
    assert {e.id for e in policies} == {"widget-plan", "widget-roadmap", "old-act"}


def test_entity_detail_lists_contents_and_has_no_passages_without_documents(kb_store: SqliteStore) -> None:
    kb = kb_store.knowledge()
    detail = knowledge.entity_detail(kb, kb.get("widget-plan"), kb_store)
    assert [t["id"] for t in detail["targets"]] == ["plan-2020", "roadmap-2025"]
    assert detail["passages"] == {"counts": {}, "total": 0, "items": []}
    assert detail["url"] == "/entities/widget-plan"


def test_show_entity_resolves_a_name_and_checks_its_sources(kb_store: SqliteStore) -> None:
    view = knowledge.show_entity(kb_store, "Widget self-sufficiency rate", 5)
    assert view.entry.id == "widget-rate"
    data = view.to_json()
    assert [t["id"] for t in data["targets"]] == ["plan-2020", "roadmap-2025"]
    assert data["targets"][0]["text"].startswith("Widget self-sufficiency rate: ")
    assert [r[3] for r in view.target_rows()] == ["plan-2020", "roadmap-2025"]
    assert [r[1] for r in view.target_rows()] == ["Widget Plan", "Widget Roadmap"]
    rate = knowledge.show_entity(kb_store, "widget-fund", 5)
    assert any(line.startswith("snapshot widget-fund-1: 2020") for line, _ in rate.header())


def test_show_entity_says_when_a_name_is_ambiguous_or_unknown(kb_store: SqliteStore) -> None:
    with pytest.raises(AmbiguousEntity) as found:
        knowledge.show_entity(kb_store, "widget", 5)
    assert len(found.value.refs) > 1
    with pytest.raises(NotFoundError, match="no entity with this id, name or alias"):
        knowledge.show_entity(kb_store, "zzz-nothing", 5)


def test_a_citation_of_a_report_not_ingested_is_reported_so(kb_store: SqliteStore) -> None:
    view = knowledge.show_entity(kb_store, "widget-rate", 5)
    assert any("901#1.1¶2" in source for _, _, source in view.observation_rows())
    result = knowledge.check_knowledge(kb_store, suggest=True)
    assert result.report.checked == 0
    assert result.to_json()["missing_documents"] == ["901"]


def test_snippet_centres_on_the_quoted_value() -> None:
    text = "A " * 80 + "the rate was 21.5% in 2019" + " B" * 80
    cut = knowledge.snippet(text, "21.5%", width=30)
    assert "21.5" in cut and cut.startswith("…") and cut.endswith("…")
    assert knowledge.snippet("short text", None) == "short text"


def test_list_entries_describes_targets_in_words(kb: KnowledgeBase) -> None:
    rows = {r["id"]: r for r in knowledge.list_entries(kb, "target")}
    assert set(rows) == {"plan-2020", "roadmap-2025", "gear-2025"}
    assert rows["plan-2020"]["name"].startswith("Widget self-sufficiency rate: ") and rows["plan-2020"]["when"]
