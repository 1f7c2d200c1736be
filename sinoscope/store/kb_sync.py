"""Keep a store's knowledge base current and its links to ingested documents complete.

The curated data ships with the package; a store holds a copy tagged with its digest. When the
bundled data changes (a new sinoscope), or the store is new, the copy is replaced and every stored
document relinked. Ingesting a document links just that document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sinoscope.documents.model import BlockKind
from sinoscope.knowledge import KnowledgeBase, load_files
from sinoscope.knowledge.linking import AliasIndex, LinkMethod, link_document
from sinoscope.knowledge.loader import DataFile, bundled_files, digest_of
from sinoscope.knowledge.sources import bound_to_content
from sinoscope.store.base import Store


class SyncStatus(StrEnum):
    LOADED = "loaded"
    """The store had no knowledge base."""
    UPDATED = "updated"
    """The store had an older one."""
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class SyncReport:
    status: SyncStatus
    entries: int
    linked: dict[str, int]
    """Links saved per document relinked."""


def ensure_knowledge(store: Store, *, force: bool = False, files: list[DataFile] | None = None) -> SyncReport:
    """Load the bundled knowledge base into `store` unless it is already there; relink documents if loaded."""
    data = files if files is not None else bundled_files()
    stored = store.knowledge_digest()
    if stored == digest_of(data) and not force:
        return SyncReport(SyncStatus.UNCHANGED, 0, {})
    kb = load_files(data)
    store.save_knowledge(kb)
    linked = link_documents(store, kb, [d.doc_id for d in store.list_documents()])
    return SyncReport(SyncStatus.LOADED if stored is None else SyncStatus.UPDATED, len(kb), linked)


LINKER_VERSION = "2"
"""Bumped when linking changes what it finds, so every stored document is relinked once."""


def links_version(content_hash: str | None, kb_digest: str | None) -> str:
    """What a document's links are derived from: its content, the knowledge base and the linker."""
    return f"{content_hash}:{kb_digest}:{LINKER_VERSION}"


def stale_links(store: Store) -> list[str]:
    """Documents whose links are missing or were derived from something else: a run killed between
    storing a document and linking it, a knowledge base or linker changed since."""
    digest = store.knowledge_digest()
    versions = store.links_versions()
    return [d.doc_id for d in store.list_documents() if versions.get(d.doc_id) != links_version(d.content_hash, digest)]


def link_documents(store: Store, kb: KnowledgeBase, doc_ids: Iterable[str]) -> dict[str, int]:
    index = AliasIndex.from_kb(kb)
    digest = store.knowledge_digest()
    out: dict[str, int] = {}
    for doc_id in doc_ids:
        blocks = store.blocks(doc_id)
        records = [r for b in blocks if b.kind is BlockKind.TABLE for r in store.table_records(b.anchor)]
        links = link_document(kb, index, blocks, store.facts(doc_id), records)
        if not bound_to_content(doc_id, store.document_state(doc_id)):
            # Another file under a curated report's id: its mentions are its own, the curated figures are not.
            links = [lk for lk in links if lk.method not in (LinkMethod.CITATION, LinkMethod.VALUE)]
        store.save_links(doc_id, links, version=links_version(store.document_state(doc_id), digest))
        out[doc_id] = len(links)
    return out


def sync_after_ingest(store: Store, doc_ids: Iterable[str], *, files: list[DataFile] | None = None) -> SyncReport:
    """After ingestion: make sure the knowledge base is loaded, then link the new or changed documents and
    any whose links an interrupted run left missing or stale (so a plain re-run repairs them)."""
    report = ensure_knowledge(store, files=files)
    if report.status is not SyncStatus.UNCHANGED:
        return report  # loading relinked every stored document already
    kb = store.knowledge()
    todo = list(dict.fromkeys([*doc_ids, *stale_links(store)]))
    return SyncReport(report.status, 0, link_documents(store, kb, todo))
