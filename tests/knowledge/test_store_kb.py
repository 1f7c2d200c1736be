"""The knowledge base in the store: loads into a fresh database, round-trips, links documents, cascades."""

from __future__ import annotations

from pathlib import Path

import pytest
from store.factory import DocBuilder

from sinoscope.app.pipeline import SyncStatus, ensure_knowledge, sync_after_ingest
from sinoscope.errors import NotFoundError
from sinoscope.knowledge import KnowledgeBase
from sinoscope.knowledge.linking import LinkMethod
from sinoscope.knowledge.loader import DataFile
from sinoscope.store import SqliteStore, open_store

WIDGETS = """
countries:
  - {id: cn, name: China}
institutions:
  - {id: widget-ministry, name: Ministry of Widgets, kind: ministry, country: cn, aliases: [MOW]}
policies:
  - id: widget-plan
    name: Widget Self-Reliance Plan
    aliases: [WSP]
    kind: plan
    issuer: [widget-ministry]
    date: 2019
    sources: [{anchor: "900#1¶1", quote_value: "2019"}]
indicators:
  - {id: widget-rate, name: Widget domestic rate, definition: Share made at home., unit: "%"}
targets:
  - {id: widget-2030, indicator: widget-rate, policy: widget-plan, value: 40, unit: "%", year: 2030,
     sources: [{anchor: "900#1¶1", quote_value: "40%"}]}
"""


def _files(text: str = WIDGETS) -> list[DataFile]:
    return [DataFile("widgets.yaml", text)]


def _doc() -> DocBuilder:
    return (
        DocBuilder("900")
        .chapter(1, "Widgets")
        .para("In 2019 the Widget Self-Reliance Plan (WSP) of the MOW aimed at 40% by 2030.")
    )


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    s = SqliteStore(tmp_path / "kb.sqlite")
    s.open()
    return s


def test_bundled_knowledge_loads_into_a_fresh_database_without_any_report(tmp_path: Path, kb: KnowledgeBase) -> None:
    with open_store(tmp_path / "new" / "db.sqlite") as store:
        assert store.list_documents() == []
        assert store.knowledge_digest() is None
        with pytest.raises(NotFoundError, match="no knowledge base loaded"):
            store.knowledge()
        report = ensure_knowledge(store)
        assert report.status is SyncStatus.LOADED
        loaded = store.knowledge()
        assert loaded.digest == kb.digest
        assert [e.model_dump() for e in loaded.entries] == [e.model_dump() for e in kb.entries]
        assert ensure_knowledge(store).status is SyncStatus.UNCHANGED
        refs = store.find_entities("Big Fund")
        assert [r.id for r in refs] == ["big-fund"]


def test_find_entities_by_id_alias_or_words(store: SqliteStore) -> None:
    ensure_knowledge(store, files=_files())
    assert [r.id for r in store.find_entities("widget-plan")] == ["widget-plan"]
    assert [(r.id, r.type) for r in store.find_entities("wsp")] == [("widget-plan", "policy")]
    assert [r.id for r in store.find_entities("self-reliance")] == ["widget-plan"]
    assert store.find_entities("gadget") == []
    assert store.find_entities("   ") == []


def test_ingested_document_is_linked_and_links_follow_it(store: SqliteStore) -> None:
    ensure_knowledge(store, files=_files())
    store.save_document(_doc().build())
    sync = sync_after_ingest(store, ["900"], files=_files())
    assert sync.status is SyncStatus.UNCHANGED and sync.linked["900"] > 0
    links = store.links(entity="widget-plan")
    assert {(lk.method, lk.anchor) for lk in links} == {(LinkMethod.ALIAS, "900#1¶1"), (LinkMethod.CITATION, "900#1¶1")}
    assert {lk.entity for lk in store.links(anchor="900#1¶1")} >= {"widget-plan", "widget-ministry", "widget-2030"}
    assert store.delete_document("900")
    assert store.links(entity="widget-plan") == []


def test_reloading_changed_data_replaces_entries_and_relinks(store: SqliteStore) -> None:
    ensure_knowledge(store, files=_files())
    store.save_document(_doc().build())
    first = ensure_knowledge(store, files=_files(), force=True)
    assert first.linked["900"] > 0
    renamed = WIDGETS.replace("aliases: [WSP]", "aliases: [WSP, Widget Programme]")
    second = ensure_knowledge(store, files=_files(renamed))
    assert second.status is SyncStatus.UPDATED
    assert "Widget Programme" in [a for e in store.knowledge().policies() for a in e.aliases]
    assert store.links(entity="widget-plan"), "links were rebuilt after the reload"


def test_links_to_unknown_entities_are_dropped(store: SqliteStore) -> None:
    from sinoscope.knowledge.linking import Link, LinkKind

    ensure_knowledge(store, files=_files())
    store.save_document(_doc().build())
    store.save_links("900", [Link("no-such-entity", LinkKind.BLOCK, "900#1¶1", LinkMethod.ALIAS)])
    assert store.links(doc_id="900") == []


def test_a_document_stored_but_never_linked_is_linked_by_the_next_run(store: SqliteStore) -> None:
    """A kill between committing a document and linking it: the next run, where the file is unchanged
    (nothing new to ingest), still finds the document's links missing and writes them."""
    ensure_knowledge(store, files=_files())
    store.save_document(_doc().build())  # committed; the run dies before linking
    assert store.links(doc_id="900") == []
    sync = sync_after_ingest(store, [], files=_files())
    assert sync.linked.get("900", 0) > 0
    assert store.links(doc_id="900")
    assert sync_after_ingest(store, [], files=_files()).linked == {}, "nothing left to repair"


def test_links_of_a_document_changed_since_linking_count_as_stale(store: SqliteStore) -> None:
    ensure_knowledge(store, files=_files())
    store.save_document(_doc().build())
    sync_after_ingest(store, ["900"], files=_files())
    changed = DocBuilder("900").chapter(1, "Widgets").para("The MOW now aims at 50% by 2035 under the WSP.")
    store.save_document(changed.build())  # new content committed; its relinking never ran
    assert "900" in sync_after_ingest(store, [], files=_files()).linked
