"""The version stamps of a store's knowledge base copy and of its links.

A store holds a copy of the curated knowledge base tagged with its digest (`Store.save_knowledge`), which
the link stage (`sinoscope.app.pipeline.ensure_knowledge`) replaces when the bundled data changes. Every
document's links carry the version they were derived from (content, knowledge digest, linker), so links a
killed run left missing, or that a new knowledge base or linker made stale, are found and redone. Linking
itself is the pipeline's; this module only stores and compares versions.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from sinoscope.knowledge.linking import Link
from sinoscope.store.base import Store


class SyncStatus(StrEnum):
    """The store's copy of the knowledge base against the data it should hold."""

    LOADED = "loaded"
    """The store had no knowledge base."""
    UPDATED = "updated"
    """The store had an older one."""
    UNCHANGED = "unchanged"


LINKER_VERSION = "2"
"""Bumped when linking changes what it finds, so every stored document is relinked once."""


def links_version(content_hash: str | None, kb_digest: str | None) -> str:
    """What a document's links are derived from: its content, the knowledge base and the linker."""
    return f"{content_hash}:{kb_digest}:{LINKER_VERSION}"


def save_links(store: Store, doc_id: str, links: Sequence[Link]) -> None:
    """A document's links, stamped with the version of the document and knowledge base they came from."""
    version = links_version(store.document_state(doc_id), store.knowledge_digest())
    store.save_links(doc_id, links, version=version)


def stale_links(store: Store) -> list[str]:
    """Documents whose links are missing or were derived from something else: a run killed between
    storing a document and linking it, a knowledge base or linker changed since."""
    digest = store.knowledge_digest()
    versions = store.links_versions()
    return [d.doc_id for d in store.list_documents() if versions.get(d.doc_id) != links_version(d.content_hash, digest)]
