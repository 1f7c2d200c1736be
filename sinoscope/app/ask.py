"""Questions answered over one database: the `Answerer` wired to the shared search and knowledge base.

One wiring for the CLI, the API and the ask page. The CLI has always looked dense queries up in the other
language and interleaved hybrid passages with BM25's (a figure's passage, often a table, shares the
question's exact words more reliably than its meaning); the API and page have not. Both are kept as they
were, named by `cli_retrieval`, until someone decides one behaviour for all.
"""

from __future__ import annotations

from collections.abc import Sequence

from sinoscope.answer import Answer, Status
from sinoscope.answer.engine import Answerer
from sinoscope.answer.service import retriever_search
from sinoscope.app.kept_documents import keeping_documents
from sinoscope.app.search import DenseSearch, Mode, passages, retriever
from sinoscope.app.search_once import searching_once
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.store.base import Store

__all__ = ["Answer", "Mode", "Status", "answer"]


def answer(
    store: Store,
    dense: DenseSearch,
    kb: KnowledgeBase | None,
    question: str,
    mode: Mode,
    *,
    cli_retrieval: bool = False,
) -> Answer:
    """The answer card for `question`: found figures with their quotes, or "not found" and the closest passages."""

    # hybrid retrieval repeats its BM25 query for the snippets; every answer reads its documents' text and facts
    store = searching_once(keeping_documents(store))

    def anchors(query: str, limit: int) -> Sequence[str]:
        return [h.anchor for h in passages(store, dense, query, mode, limit)[0]]

    search = retriever_search(retriever(store, dense, mode, bridge=True), mode) if cli_retrieval else anchors
    loaded = dense.index() if mode is not Mode.BM25 else None  # the ranker's `meaning` needs the embedder
    return Answerer(store, search, kb, loaded[0] if loaded is not None else None).ask(question)
