"""Questions answered over the app's store: the `Answerer` wired to the shared search (and its dense index)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sinoscope.answer import Answer, Answerer
from sinoscope.app.search import passages
from sinoscope.app.workspace import Workspace
from sinoscope.errors import NotFoundError
from sinoscope.interfaces.api.schemas import reader_url
from sinoscope.retrieval.search import Mode
from sinoscope.store.base import Store


def answer(ctx: Workspace, store: Store, question: str, mode: Mode) -> Answer:
    def search(query: str, limit: int) -> Sequence[str]:
        return [h.anchor for h in passages(store, ctx.dense, query, mode, limit)[0]]

    try:
        kb = ctx.knowledge(store)
    except NotFoundError:
        kb = None
    return Answerer(store, search, kb).ask(question)


def answer_json(a: Answer) -> dict[str, Any]:
    """The answer card of `Answer.to_json()`, with a reader link on every figure and passage."""
    data = a.to_json()
    for item in data["answers"]:
        item["url"] = reader_url(item["anchor"])
        item["also_in_urls"] = [reader_url(x) for x in item.get("also_in", [])]
    for p in data["passages"]:
        p["url"] = reader_url(p["anchor"])
    return data
