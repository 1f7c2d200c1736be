"""Work an answer repeated for nothing: the same BM25 query run twice in one request (app.search_once), the
knowledge base's alias index built again for every question (answer.engine._aliases), and each document's
text, outline and facts read again for every question (app.kept_documents)."""

from __future__ import annotations

from pathlib import Path

from api.fixtures import WordHashEmbedder, build_store

from sinoscope.answer.engine import _aliases, _indexes
from sinoscope.answer.entities import Lexicon
from sinoscope.app import ask
from sinoscope.app.kept_documents import keeping_documents
from sinoscope.app.pipeline import ingest_paths
from sinoscope.app.search import DenseSearch, Mode
from sinoscope.app.search_once import searching_once
from sinoscope.app.stages import extract
from sinoscope.knowledge import KnowledgeBase
from sinoscope.store import SqliteStore, open_store
from sinoscope.store.base import SearchHit, Store


class Counting:
    """Wraps a store and counts its searches, by arguments."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.calls: list[tuple[str, int, str | None]] = []

    def search(
        self, query: str, limit: int = 10, *, doc_id: str | None = None, snippets: bool = True
    ) -> list[SearchHit]:
        self.calls.append((query, limit, doc_id))
        return self.store.search(query, limit, doc_id=doc_id, snippets=snippets)

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


def test_a_hybrid_answer_runs_each_bm25_query_once_and_answers_the_same(tmp_path: Path) -> None:
    db = build_store(tmp_path / "store")
    dense = DenseSearch(str(db), WordHashEmbedder())
    question = "What was the gadget self-sufficiency rate in 2019?"
    with open_store(db, create=False) as store:
        counting = Counting(store)
        card = ask.answer(counting, dense, None, question, Mode.HYBRID)  # type: ignore[arg-type]
        assert counting.calls and len(counting.calls) == len(set(counting.calls))
        remembered = searching_once(store)
        assert remembered.search("gadget", 5) == store.search("gadget", 5)
        assert searching_once(remembered) is remembered
    with open_store(db, create=False) as store:
        assert ask.answer(store, dense, None, question, Mode.HYBRID).to_json() == card.to_json()


def test_the_alias_index_is_built_once_per_knowledge_base() -> None:
    kb = KnowledgeBase(())
    assert _aliases(kb) is _aliases(kb)
    assert _aliases(KnowledgeBase(())) is not _aliases(kb)
    assert _aliases(None) is None
    assert _indexes(kb)[1] is _indexes(kb)[1]


def test_a_lexicon_works_out_its_countries_once() -> None:
    lexicon = Lexicon({"fd": [("freedonia",)], "world": [("world",)]}, {"fd": "country", "world": "country"})
    assert lexicon.countries() == ["fd"]
    assert lexicon.countries() is not lexicon.countries()  # a fresh list each time: callers may change theirs
    assert lexicon._countries is lexicon._countries


def test_kept_document_reads_last_until_the_database_changes(tmp_path: Path) -> None:
    db = build_store(tmp_path / "store", dense=False)
    with open_store(db, create=False) as store:
        facts = keeping_documents(store).facts("901")
        again = keeping_documents(store)
        assert again.facts("901") == facts and again.facts("901")[0] is facts[0]  # read once, shared
        assert again.document_text("901") == store.document_text("901")
        assert again.outline("901") == store.outline("901")
        assert again.facts("901", kind=facts[0].kind) == store.facts("901", kind=facts[0].kind)  # filters: read
        report = tmp_path / "903_more.txt"
        report.write_text("More Gadgets\n\nChapter 1 Output\n\nGadget output rose 7% in 2021.\n", encoding="utf-8")
        assert not ingest_paths(store, [report], extract=extract).errors
        assert keeping_documents(store).facts("901")[0] is not facts[0]  # the database moved: read afresh
        assert keeping_documents(store).facts("903")
    with SqliteStore(":memory:") as memory:
        assert keeping_documents(memory) is memory  # nothing to stamp, nothing kept


def test_hits_with_snippets_serve_a_search_without_them_but_not_the_reverse(tmp_path: Path) -> None:
    db = build_store(tmp_path / "store")
    with open_store(db, create=False) as store:
        counting = Counting(store)
        once = searching_once(counting)  # type: ignore[arg-type]
        shown = once.search("gadget", 5)
        assert once.search("gadget", 5, snippets=False) == shown and len(counting.calls) == 1
        bare = once.search("rate", 5, snippets=False)
        assert all(h.snippet == "" for h in bare)
        again = once.search("rate", 5)
        assert len(counting.calls) == 3 and [h.anchor for h in again] == [h.anchor for h in bare]
        assert any(h.snippet for h in again)
