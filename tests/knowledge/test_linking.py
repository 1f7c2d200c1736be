"""Entity linking: aliases resolve to one entity; passages, facts and table cells link to curated entries."""

from __future__ import annotations

from store.factory import DocBuilder

from sinoscope.extraction.model import Fact, TableRecord
from sinoscope.knowledge import KnowledgeBase
from sinoscope.knowledge.linking import (
    AliasIndex,
    LinkKind,
    LinkMethod,
    ValuePoint,
    link_block,
    link_document,
    link_fact,
    link_record,
    normalize,
)

from .conftest import LoadYaml


def test_the_ic_fund_has_many_names_and_one_id(kb: KnowledgeBase) -> None:
    index = AliasIndex.from_kb(kb)
    for name in (
        "Big Fund",
        "National IC Fund",
        "China Integrated Circuit Industry Investment Fund",
        "national ic industry investment fund",
        "National IC Investment Fund",
    ):
        assert index.resolve(name) == ["big-fund"], name
    assert index.resolve("National IC Fund Phase II") == ["big-fund-phase-2"]


def test_policies_resolve_by_alias(kb: KnowledgeBase) -> None:
    index = AliasIndex.from_kb(kb)
    assert index.resolve("MIC2025") == ["made-in-china-2025"]
    assert index.resolve("made in china 2025") == ["made-in-china-2025"]
    assert index.resolve("14th Five-Year Plan (2021-2025)") == ["fyp-14"]
    assert index.resolve("IP Powerhouse Outline") == ["ip-powerhouse-outline"]
    assert index.resolve("no such policy at all") == []


def test_acronyms_match_only_in_capitals(load_yaml: LoadYaml) -> None:
    index = AliasIndex.from_kb(load_yaml())
    text = "The MOW issued rules; mow the lawn; MOWER parts."
    found = index.find(text)
    assert [(m.entity, m.surface) for m in found] == [("widget-ministry", "MOW")]
    assert index.resolve("mow") == ["widget-ministry"]  # typed in lower case, an exact lookup still works


def test_longest_name_wins_and_offsets_are_exact(kb: KnowledgeBase) -> None:
    index = AliasIndex.from_kb(kb)
    text = "Under the Made in China 2025 Technology Roadmap and Made in China 2025 itself."
    found = index.find(text)
    assert [m.entity for m in found] == ["mic2025-roadmap-2015", "made-in-china-2025"]
    for m in found:
        assert text[m.start : m.end] == m.surface


def test_countries_are_not_linked_as_mentions(kb: KnowledgeBase) -> None:
    index = AliasIndex.from_kb(kb)
    assert index.find("China and Japan traded robots.") == []
    assert index.resolve("Japan") == ["jp"]


def test_search_by_words(kb: KnowledgeBase) -> None:
    index = AliasIndex.from_kb(kb)
    assert "big-fund" in index.search("investment fund integrated circuit")


def test_block_links_point_into_the_document(load_yaml: LoadYaml) -> None:
    index = AliasIndex.from_kb(load_yaml())
    doc = DocBuilder("900").chapter(1, "Widgets").para("Rules of the Ministry of Widgets (MOW) changed twice.").build()
    block = doc.blocks[-1]
    links = link_block(index, block)
    assert len(links) == 1
    link = links[0]
    assert (link.entity, link.kind, link.method) == ("widget-ministry", LinkKind.BLOCK, LinkMethod.ALIAS)
    assert link.score == 2.0  # two mentions
    assert link.start is not None and link.end is not None
    assert doc.text[link.start : link.end] == "Ministry of Widgets"


def _fact(**kw: object) -> Fact:
    base: dict[str, object] = {
        "start": 10,
        "end": 14,
        "text": "40%",
        "value": 40.0,
        "unit": "%",
        "doc": "900_x.txt",
        "doc_id": "900",
        "section": "900#1.1¶1",
        "subject": "widget domestic rate",
        "period": "2030",
    }
    base.update(kw)
    return Fact.model_validate(base)


def test_a_fact_links_to_the_entry_citing_its_figure_and_to_its_indicator(load_yaml: LoadYaml) -> None:
    kb = load_yaml(
        a_yaml="""
        policies: [{id: widget-plan, name: Widget Plan, kind: plan}]
        indicators:
          - {id: widget-rate, name: Widget domestic rate, aliases: [widget domestic rate], definition: d, unit: "%"}
        targets:
          - {id: widget-2030, indicator: widget-rate, policy: widget-plan, value: 40, unit: "%", year: 2030,
             sources: [{anchor: "900#1.1¶1", quote_value: "40%"}]}
        """
    )
    index = AliasIndex.from_kb(kb)
    points = {"900#1.1¶1": [ValuePoint("widget-2030", "900#1.1¶1", 40.0, "2030")]}
    links = link_fact(index, points, _fact())
    assert {(lk.entity, lk.method) for lk in links} == {
        ("widget-2030", LinkMethod.VALUE),
        ("widget-rate", LinkMethod.LABEL),
    }
    assert all(lk.kind is LinkKind.FACT and lk.start == 10 for lk in links)
    assert link_fact(index, points, _fact(value=41.0, subject="gadgets")) == []
    assert [lk.method for lk in link_fact(index, points, _fact(period="2031", subject="x"))] == []


def _record(**kw: object) -> TableRecord:
    base: dict[str, object] = {
        "table_anchor": "900#table-1-1",
        "row": 1,
        "col": 2,
        "row_label": "Output",
        "col_label": "2020",
        "raw": "135",
        "value": 1_350_000.0,
        "printed_value": 135.0,
        "unit": "CNY",
        "scale": 1e4,
    }
    base.update(kw)
    return TableRecord.model_validate(base)


def test_table_cells_link_by_value_period_and_label() -> None:
    points = {
        "900#table-1-1": [
            ValuePoint("obs-output-2020", "900#table-1-1", 135.0, "2020"),
            ValuePoint("obs-output-2021", "900#table-1-1", 135.0, "2021"),
            ValuePoint("snap-gears", "900#table-1-1", 135.0, None, "Gears"),
        ]
    }
    assert [lk.entity for lk in link_record(points, _record())] == ["obs-output-2020"]
    gears = link_record(points, _record(row_label="Gears", col_label="Amount"))
    assert [lk.entity for lk in gears] == ["snap-gears"]
    assert link_record(points, _record(printed_value=None, value=None, raw="-")) == []


def test_one_figure_printed_twice_makes_unsure_links() -> None:
    anchor = "900#table-1-1"
    points = {anchor: [ValuePoint("phase-1", anchor, 5.0), ValuePoint("phase-2", anchor, 5.0)]}
    links = link_record(points, _record(printed_value=5.0, value=5.0, col_label="Count"))
    assert sorted(lk.entity for lk in links) == ["phase-1", "phase-2"]
    assert {lk.score for lk in links} == {0.5}


def test_link_document_includes_citations_of_its_blocks(load_yaml: LoadYaml) -> None:
    kb = load_yaml(
        a_yaml="""
        policies:
          - {id: widget-plan, name: Widget Plan, kind: plan, sources: [{anchor: "900#1¶1", quote_value: "2019"}]}
        """
    )
    doc = DocBuilder("900").chapter(1, "Widgets").para("In 2019 the Widget Plan was issued.").build()
    links = link_document(kb, AliasIndex.from_kb(kb), doc.blocks)
    assert {(lk.entity, lk.method, lk.anchor) for lk in links} == {
        ("widget-plan", LinkMethod.ALIAS, "900#1¶1"),
        ("widget-plan", LinkMethod.CITATION, "900#1¶1"),
    }


def test_normalize_unifies_case_quotes_and_punctuation() -> None:
    assert normalize("“Made-in-China 2025” Plan’s") == normalize('"made in china 2025" plan\'s')
