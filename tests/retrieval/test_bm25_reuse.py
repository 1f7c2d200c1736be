"""A BM25 search right after a hybrid search of the same query reuses the hybrid search's own BM25 list
(`Retriever.bm25`), once: the answer engine asks both rankings of every question. The reused list must be
what the store would have returned, and must never outlive the next call (the store may change)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sinoscope.app.pipeline import ingest_paths
from sinoscope.retrieval.bilingual import BilingualLexicon, expand
from sinoscope.retrieval.lexicon import Lexicon
from sinoscope.retrieval.search import Mode
from sinoscope.store import SqliteStore
from sinoscope.store.base import SearchHit

from .embedders import keyword_retriever

BULLETIN = "# Orchard bulletin\n" + "".join(
    f"\n## Part {i}\n\nApple growers in valley {i} reported {i * 3} tonnes of cider apples and {i} pear crates.\n"
    for i in range(1, 12)
)


class _Counting:
    """The store with its full-text searches counted."""

    def __init__(self, store: SqliteStore) -> None:
        self._store = store
        self.searches = 0

    def search(self, *args: Any, **kwargs: Any) -> Sequence[SearchHit]:
        self.searches += 1
        return self._store.search(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_bm25_after_hybrid_reuses_its_list_once(tmp_path: Path) -> None:
    (tmp_path / "orchard.md").write_text(BULLETIN, encoding="utf-8")
    with SqliteStore(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [tmp_path / "orchard.md"])
        retriever = keyword_retriever(
            store, ["apple", "pear"], lambda q: expand(q, BilingualLexicon(), Lexicon({}, {}))
        )
        counting = _Counting(store)
        retriever._store = counting  # type: ignore[assignment]
        query = "cider apples valley"
        fresh = [(h.anchor, h.score) for h in store.search(query, 5, snippets=False)]
        assert len(fresh) == 5
        retriever.search(query, Mode.HYBRID, 10, snippets=False)
        before = counting.searches
        assert retriever.bm25(query, 5, snippets=False) == fresh
        assert counting.searches == before  # reused: no second full-text search
        assert retriever.bm25(query, 5, snippets=False) == fresh
        assert counting.searches == before + 1  # used once: the next call asks the store again
        retriever.search(query, Mode.HYBRID, 10, snippets=False)
        before = counting.searches
        retriever.bm25("pear crates", 5, snippets=False)  # another query is never served the kept list
        assert counting.searches == before + 1
        retriever.close()
