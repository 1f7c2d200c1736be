"""The store interface every caller depends on, and the small values it hands back.

Callers (CLI, API, analysis) type against `Store`, never against a backend class, so a PostgreSQL backend
can be added beside `SqliteStore` without touching them. Everything returned is a frozen dataclass from
this module or the document/extraction models: no database rows leak out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from sinoscope.documents.model import Block, Chapter, Document
from sinoscope.extraction.model import Fact, TableRecord
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.knowledge.linking import Link


@dataclass(frozen=True)
class IngestExtras:
    """What extraction produced for one document; saved in the same transaction as the document."""

    facts: Sequence[Fact] = ()
    table_records: Sequence[TableRecord] = ()


@dataclass(frozen=True)
class Expected:
    """What a writer decided a document's id from: the content hash stored under that id then (None: no
    document). Writers that decide from a snapshot (ingestion workers) save with it, and the store checks it
    inside the write transaction, so two writers never share an id and one never takes over another's: a
    save whose id now holds something else, or (a new document) whose content another writer stored first,
    stores nothing and returns False, and the writer decides again from the store as it is now."""

    content_hash: str | None


@dataclass(frozen=True)
class DocumentInfo:
    """One stored document, without its text and blocks (cheap to list)."""

    doc_id: str
    file_name: str
    path: str
    format: str
    title: str
    content_hash: str
    ingested_at: str
    """UTC, ISO 8601."""
    chars: int
    chapters: int
    blocks: int
    tables: int
    facts: int = 0
    metadata: dict[str, str] = field(default_factory=dict)
    origin: str = ""
    """The absolute path of the file the document is bound to ("" for documents stored before that)."""
    derived_version: str = ""
    """What derived its outline, blocks, facts and table cells ("" for documents stored before versions)."""
    derived_counts: dict[str, int] = field(default_factory=dict)
    """Rows written with it, by table (chapters, sections, blocks, facts, table_records); see `DerivedState`."""


@dataclass(frozen=True)
class DerivedState:
    """One stored document's derived rows: the version and counts recorded when they were written, and the
    rows found now. A count that differs means rows were lost (or added) behind the store's back."""

    doc_id: str
    version: str
    recorded: dict[str, int]
    """Table → rows written (chapters, sections, blocks, facts, table_records; links once linked)."""
    found: dict[str, int]
    """Table → rows there now (the same keys, and links)."""
    chars: int = 0
    """Length of the document's text: a document with text has blocks."""
    links_version: str | None = None
    """What its links were derived from (None: not linked since it was last written)."""


@dataclass(frozen=True)
class SearchHit:
    anchor: str
    doc_id: str
    kind: str
    line: int
    snippet: str
    """A short window of the block's text around the matches, without markup."""
    highlights: tuple[tuple[int, int], ...]
    """Character ranges in `snippet` that matched the query."""
    score: float
    """Higher is better; comparable within one result list only."""
    match: str
    """How the block matched: "phrase" (all terms in order), "near", "all" (every term) or "any"."""
    chapter: str | None = None
    section: str | None = None


@dataclass(frozen=True)
class OutlineEntry:
    """A chapter or section heading, looked up by its anchor."""

    doc_id: str
    anchor: str
    number: str
    title: str
    level: int
    """0 for a chapter, 1+ for sections (the section's own level)."""
    line: int
    chapter: Chapter
    """The enclosing chapter, with all its sections (the outline to print)."""


@dataclass(frozen=True)
class EntityRef:
    """A knowledge-base entry found by name: enough to list it or fetch it from `knowledge()`."""

    id: str
    type: str
    name: str
    parent: str | None = None
    """The enclosing entry of a nested one (a fund phase's fund)."""


@runtime_checkable
class Store(Protocol):
    """A place that keeps ingested documents with their blocks, full-text index and extracted data.

    Writes are per document and atomic: after `save_document` returns, the new version is fully visible;
    if it raises (or the process dies), the old version (or nothing) remains.
    """

    @property
    def location(self) -> str:
        """Where the data lives, for messages ("/path/to/db.sqlite")."""
        ...

    def open(self) -> None:
        """Connect and bring the schema up to date (`migrate`)."""
        ...

    def close(self) -> None: ...

    def migrate(self) -> int:
        """Apply pending schema migrations; return the schema version. Idempotent."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def document_state(self, doc_id: str) -> str | None:
        """The stored content hash of `doc_id`, or None when it is not stored."""
        ...

    def save_document(
        self,
        doc: Document,
        extras: IngestExtras | None = None,
        *,
        derived_version: str = "",
        expect: Expected | None = None,
    ) -> bool:
        """Store `doc` (and its extracted data) in one transaction, replacing any older version; with it the
        `derived_version` that produced it and the counts of rows written. Its links' version is dropped in
        the same transaction: links are derived again from the new rows. With `expect`, nothing is stored
        and False returned when the store no longer holds what the caller decided from (see `Expected`)."""
        ...

    def derived_states(self) -> list[DerivedState]:
        """Every stored document's recorded and found derived rows (for `sinoscope doctor`)."""
        ...

    def orphan_rows(self) -> dict[str, int]:
        """Rows whose document is not stored, by table; only tables that have some."""
        ...

    def delete_orphan_rows(self) -> int:
        """Delete the rows `orphan_rows` counts, in one transaction; how many went."""
        ...

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and everything derived from it; False when it was not stored."""
        ...

    def list_documents(self) -> list[DocumentInfo]: ...

    def get_document(self, doc_id: str) -> DocumentInfo:
        """Raises NotFoundError."""
        ...

    def document_text(self, doc_id: str) -> str:
        """The full extracted text that all spans index into. Raises NotFoundError."""
        ...

    def outline(self, doc_id: str) -> tuple[Chapter, ...]:
        """Chapters with their sections, in order. Raises NotFoundError."""
        ...

    def find_heading(self, anchor: str) -> OutlineEntry | None:
        """The chapter or section whose anchor this is, or None."""
        ...

    def get_block(self, anchor: str) -> Block:
        """Raises NotFoundError."""
        ...

    def blocks(self, doc_id: str, *, chapter: str | None = None, section: str | None = None) -> list[Block]:
        """Blocks in document order; `section` also selects its subsections ("4.1" → "4.1.2")."""
        ...

    def search(
        self, query: str, limit: int = 10, *, doc_id: str | None = None, snippets: bool = True
    ) -> list[SearchHit]:
        """Blocks matching a free-text query, best first. Never raises on odd user input. `snippets=False`
        leaves `snippet` and `highlights` empty: a caller that reads the blocks themselves (the answerer,
        hybrid ranking) would otherwise spend a fifth of a question's time on windows nobody shows."""
        ...

    def facts(
        self,
        doc_id: str | None = None,
        *,
        unit: str | None = None,
        kind: str | None = None,
        period: str | None = None,
        text: str | None = None,
    ) -> list[Fact]:
        """Facts in document order. Filters combine: `unit` and `kind` match exactly; `period` matches itself
        and the dates inside it ("2022" → "2022", "2022-01"); `text` is a case-insensitive substring of the
        figure's text or subject."""
        ...

    def table_records(self, table_anchor: str | None = None, *, doc_id: str | None = None) -> list[TableRecord]:
        """Cells of one table (by anchor), of one document, or of all tables; in table and cell order."""
        ...

    # -- knowledge base ----------------------------------------------------------------------------

    def knowledge_digest(self) -> str | None:
        """Digest of the knowledge base loaded in the store, or None when none is loaded."""
        ...

    def save_knowledge(self, kb: KnowledgeBase) -> None:
        """Replace the stored knowledge base (and drop its links: relink documents afterwards)."""
        ...

    def knowledge(self) -> KnowledgeBase:
        """The stored knowledge base. Raises NotFoundError when none is loaded."""
        ...

    def find_entities(self, name: str, *, limit: int = 10) -> list[EntityRef]:
        """Entries by id, exact name or alias, or else names containing every word."""
        ...

    def save_links(self, doc_id: str, links: Sequence[Link], *, version: str | None = None) -> None:
        """Replace the links of one document. `version` names what they were derived from (document
        content, knowledge base, linker); it is recorded in the same transaction, so a crash before this
        call leaves a document whose links a later run can tell are missing."""
        ...

    def links_versions(self) -> dict[str, str]:
        """doc_id → the `version` recorded with its links (documents linked before versions: absent)."""
        ...

    def links(
        self, *, entity: str | None = None, anchor: str | None = None, doc_id: str | None = None
    ) -> list[Link]: ...
