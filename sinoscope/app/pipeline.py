"""The ingestion pipeline as explicit stages: read → structure → extract → store → link → embed.

Each stage is a plain function, callable on its own, so a single process (`ingest_paths`), the sandbox
worker and the Dask runner (`app.ingest_worker`, `app.ingest_dask`) run the very same ones and differ only in
where a stage runs. The storage layer only stores: it writes a document in one transaction and keeps the
version stamps (content hash, knowledge digest, linker version) that let a re-run find what is missing.

Crash safety follows from the order: a document is written whole (store), then linked (link), then
embedded (embed). A run killed between two stages leaves a document whose links or vectors carry an old
version stamp, and the next run's link and embed stages pick it up (`store.kb_sync.stale_links`, the dense
index's version list). A stored document also records the version of the code that derived it and the rows
written (`app.derived`): an unchanged file whose document was derived by other code, or lost rows since, is
derived again, and `sinoscope doctor` (`app.doctor`) checks and repairs the rest.

Each file is handled on its own: a bad file becomes an error in the report and the batch goes on. An
unchanged file (same content hash as stored) is skipped before any parsing. Which stored document a file
is (and the id a new one gets) is decided by `store.identity.Registry`.
"""

from __future__ import annotations

import dataclasses
import functools
import glob
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sinoscope.app.derived import derived_version, stale_reason
from sinoscope.app.stages import describe, extract, read, structure, with_provenance
from sinoscope.documents.metadata import MetadataOverrides
from sinoscope.documents.model import Block, BlockKind, Document
from sinoscope.errors import InputError, SinoscopeError
from sinoscope.knowledge import KnowledgeBase, load_files
from sinoscope.knowledge.linking import AliasIndex, LinkMethod, link_document
from sinoscope.knowledge.loader import DataFile, bundled_files, digest_of
from sinoscope.knowledge.sources import bound_to_content, curated_documents
from sinoscope.retrieval.embedding import Embedder, Matrix
from sinoscope.retrieval.indexer import embedding_text
from sinoscope.sources.model import SourceText
from sinoscope.sources.sandbox import Limits, Sandbox, shared_sandbox
from sinoscope.store.base import DocumentInfo, Expected, IngestExtras, Store
from sinoscope.store.identity import Identity, Registry
from sinoscope.store.ingest import is_current
from sinoscope.store.kb_sync import SyncStatus, save_links, stale_links

__all__ = [
    "SUPPORTED_SUFFIXES",
    "FileResult",
    "IngestReport",
    "Prepared",
    "Progress",
    "Stages",
    "Status",
    "SyncReport",
    "SyncStatus",
    "embed_blocks",
    "ensure_knowledge",
    "expand_paths",
    "extract",
    "ingest_paths",
    "link",
    "link_documents",
    "prepare_file",
    "read",
    "store_document",
    "structure",
    "sync_after_ingest",
]

SUPPORTED_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"})

Reader = Callable[[Path], SourceText]
Builder = Callable[[SourceText, str], Document]
Extractor = Callable[[Document], IngestExtras]


class Status(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass(frozen=True)
class FileResult:
    path: str
    status: Status
    doc_id: str | None = None
    chapters: int = 0
    blocks: int = 0
    tables: int = 0
    facts: int = 0
    size_bytes: int = 0
    seconds: float = 0.0
    error: str | None = None
    """One line, "<file>: <reason>", when status is ERROR."""
    internal: bool = False
    """True when the error is a bug in sinoscope rather than a problem with the file."""
    trace: str | None = None
    """The traceback of an internal error, for debugging."""
    note: str | None = None
    """How the document's id was decided when it was not the obvious one (taken id, replacement, copy)."""
    warnings: tuple[str, ...] = ()
    """What the reader worked around in the file (e.g. invalid bytes replaced), one phrase each."""


@dataclass(frozen=True)
class IngestReport:
    results: tuple[FileResult, ...]
    seconds: float

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.results if r.status is Status.ERROR]

    @property
    def bytes_read(self) -> int:
        return sum(r.size_bytes for r in self.results)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def changed(self) -> list[str]:
        """Documents written by this run (new or updated), in file order: what the link stage links."""
        return [r.doc_id for r in self.results if r.status in (Status.NEW, Status.UPDATED) and r.doc_id]


@dataclass(frozen=True)
class Progress:
    """Reported before (`result` None) and after each file, for progress bars."""

    index: int
    total: int
    path: Path
    result: FileResult | None = None


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Folders become the supported files inside them (sorted, recursive, hidden ones skipped), and
    unexpanded glob patterns the files they match.

    Plain paths are kept as given, even missing or unsupported ones: the reader reports why they fail.
    """
    out: list[Path] = []
    for p in paths:
        if not p.exists() and any(ch in str(p) for ch in "*?["):
            # a pattern the shell did not expand (quoted, or a shell without globbing)
            matches = sorted(Path(m) for m in glob.glob(str(p)))
            if matches:
                out.extend(m for m in matches if m.is_file())
                continue
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and f.suffix.lower() in SUPPORTED_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                )
            )
        else:
            out.append(p)
    return out


# --- the stages (read, structure and extract are in `app.stages`) -----------------------------------------


def store_document(store: Store, doc: Document, extras: IngestExtras | None, *, expect: Expected | None = None) -> bool:
    """Stage 4: the document and what was extracted from it, in one transaction (all or nothing), stamped
    with the version that derived them. A writer that decided the id from a snapshot (a Dask worker) passes
    `expect`: False then means the id no longer holds what it decided from, and nothing was stored.

    A document derived again from the same content keeps its vectors only if its blocks embed the same: the
    dense index knows documents by content hash, so it would not see new blocks. They are dropped first, so
    a crash in between leaves a document the next index run embeds, never stale vectors that look current."""
    same_content = store.document_state(doc.doc_id) == doc.content_hash
    if same_content and _embedded(store.blocks(doc.doc_id)) != _embedded(doc.blocks):
        from sinoscope.retrieval.service import forget_documents  # ~0.4 s to import, needed only here

        forget_documents(store.location, [doc.doc_id])
    version = derived_version(extracted=extras is not None)
    return store.save_document(doc, extras, derived_version=version, expect=expect)


def _embedded(blocks: Iterable[Block]) -> dict[str, str]:
    """What the dense index holds of a document: the text embedded for each block that has some."""
    return {b.anchor: text for b in blocks if (text := embedding_text(b)).strip()}


def link(store: Store, changed: Iterable[str], *, files: list[DataFile] | None = None) -> SyncReport:
    """Stage 5: the knowledge base loaded if needed, then the changed documents linked to its entities,
    with any whose links an interrupted run left missing or stale (so a plain re-run repairs them)."""
    return sync_after_ingest(store, changed, files=files)


def embed_blocks(doc: Document, embedder: Embedder) -> tuple[tuple[str, ...], Matrix]:
    """Stage 6 for one document, as a Dask worker runs it: the anchors of its blocks that have text, and one
    vector per anchor. Over a whole store it is `app.search.build_index`, which embeds the same
    `embedding_text` of each block and keeps the index's version list."""
    wanted = [b for b in doc.blocks if embedding_text(b).strip()]
    return tuple(b.anchor for b in wanted), embedder.encode([embedding_text(b) for b in wanted])


# --- composing them for one file ---------------------------------------------------------------------------


def default_reader(max_bytes: int | None) -> Reader:
    return functools.partial(read, max_bytes=max_bytes)  # a partial, not a lambda: it can be sent to a worker


def default_builder() -> Builder:
    return structure


def derive(
    build: Builder, extract: Extractor | None, source: SourceText, doc_id: str, path: Path, overrides: MetadataOverrides
) -> tuple[Document, IngestExtras | None]:
    """Stages 2-3 for one read file: structure, metadata, extraction and the facts' places in the source.

    One function, so that the sandbox runs them in one call: sent there stage by stage, the document went
    back into it for extraction, pickled both ways (~0.04 CPU-s per MB of text, ~1.5 % of a worker's CPU)."""
    doc = describe(build(source, doc_id), source, path, overrides)
    extras = extract(doc) if extract is not None else None
    return doc, (with_provenance(extras, source) if extras is not None else None)


@dataclass(frozen=True)
class Stages:
    """The per-file stages one run uses (tests swap in their own reader and builder), and the sandbox they
    run in (None: in this process)."""

    read: Reader
    structure: Builder
    extract: Extractor | None
    sandbox: Sandbox | None = None

    def sandboxed(self, sandbox: Sandbox) -> Stages:
        """The same stages as calls into the sandbox worker (a stage that cannot be sent to another process,
        such as a closure a test passes, runs here with the stages sent along with it)."""
        return dataclasses.replace(self, sandbox=sandbox)

    def read_file(self, path: Path) -> SourceText:
        if self.sandbox is None:
            return self.read(path)
        return self.sandbox.call(path, self.read, path)

    def derive(
        self, source: SourceText, doc_id: str, path: Path, overrides: MetadataOverrides
    ) -> tuple[Document, IngestExtras | None]:
        args = (self.structure, self.extract, source, doc_id, path, overrides)
        if self.sandbox is None:
            return derive(*args)
        return self.sandbox.call(source.path, derive, *args)


def file_stages(
    max_bytes: int | None = None,
    *,
    read: Reader | None = None,
    build: Builder | None = None,
    extract: Extractor | None = None,
    limits: Limits | None = None,
) -> Stages:
    """The real reader and builder unless given; in the parsing sandbox's worker under `limits` (default:
    from the environment, see `sources.sandbox.Limits`) unless `SINOSCOPE_SANDBOX=off`."""
    stages = Stages(read or default_reader(max_bytes), build or default_builder(), extract)
    sandbox = shared_sandbox(limits)
    return stages.sandboxed(sandbox) if sandbox is not None else stages


@dataclass(frozen=True)
class Settings:
    force: bool = False
    replace: bool = False
    overrides: MetadataOverrides = dataclasses.field(default_factory=MetadataOverrides)

    @classmethod
    def of(cls, force: bool = False, replace: bool = False, overrides: MetadataOverrides | None = None) -> Settings:
        """Overrides rewrite an unchanged file's metadata, so they force a rewrite."""
        return cls(force or bool(overrides), replace, overrides or MetadataOverrides())


@dataclass(frozen=True)
class Prepared:
    """One file through read, structure and extract: its result, and the document to store (None when the
    file is unchanged or failed)."""

    result: FileResult
    doc: Document | None = None
    extras: IngestExtras | None = None


Lookup = Callable[[str], DocumentInfo]
Write = Callable[[Document, IngestExtras | None], None]


def prepare_file(
    path: Path, stages: Stages, settings: Settings, registry: Registry, lookup: Lookup, write: Write | None = None
) -> Prepared:
    """Read, identify, structure and extract one file, then `write` it (the store stage) if given; never
    raises for a bad file (see `FileResult.error`). `lookup` answers for a stored document (the store, or a
    worker's snapshot of it)."""
    t0 = time.perf_counter()
    doc_id: str | None = None
    size = 0
    try:
        source = stages.read_file(path)
        size = source.size_bytes
        ident = registry.resolve(path, source.content_hash, replace=settings.replace)
        doc_id = ident.doc_id
        overrides = settings.overrides
        if ident.stored_hash == source.content_hash and not ident.rebind:
            info = lookup(ident.doc_id)
            overrides = overrides or kept_overrides(info.metadata)
            why = "metadata read (stored without it)" if not is_current(info) else None
            why = why or stale_reason(info, extracting=stages.extract is not None)
            if why is None and not settings.force:
                return Prepared(_unchanged(info, path, ident, size, t0))
            ident = dataclasses.replace(ident, note=_join(ident.note, why))
        doc, extras = stages.derive(source, doc_id, path, overrides)
        if write is not None:
            write(doc, extras)
        result = FileResult(
            str(path),
            Status.NEW if ident.stored_hash is None else Status.UPDATED,
            doc.doc_id,
            len(doc.chapters),
            len(doc.blocks),
            len(doc.tables()),
            len(extras.facts) if extras is not None else 0,
            size,
            time.perf_counter() - t0,
            note=ident.note,
            warnings=source.warnings,
        )
        return Prepared(result, doc, extras)
    except SinoscopeError as err:
        message = str(err) if isinstance(err, InputError) else f"{path}: {err}"
        return Prepared(
            FileResult(
                str(path), Status.ERROR, doc_id, size_bytes=size, seconds=time.perf_counter() - t0, error=message
            )
        )
    except Exception as err:  # a bug, not bad input: keep going, but say so plainly
        detail = traceback.format_exception_only(err)[-1].strip()
        return Prepared(
            FileResult(
                str(path),
                Status.ERROR,
                doc_id,
                size_bytes=size,
                seconds=time.perf_counter() - t0,
                error=f"{path}: internal error ({detail})",
                internal=True,
                trace="".join(traceback.format_exception(err)),
            )
        )


def kept_overrides(metadata: dict[str, str]) -> MetadataOverrides:
    """The title and date a user set on the command line (`ingest --title/--date`), read back from a stored
    document's metadata, so deriving it again from the same file does not replace them with the file's."""
    return MetadataOverrides(
        title=metadata.get("title") if metadata.get("title_source") == "cli" else None,
        date=metadata.get("date") if metadata.get("date_source") == "cli" else None,
    )


def _join(*notes: str | None) -> str:
    return "; ".join(n for n in notes if n)


def _unchanged(info: DocumentInfo, path: Path, ident: Identity, size: int, t0: float) -> FileResult:
    return FileResult(
        str(path),
        Status.UNCHANGED,
        ident.doc_id,
        info.chapters,
        info.blocks,
        info.tables,
        info.facts,
        size,
        time.perf_counter() - t0,
        note=ident.note,
    )


def ingest_paths(
    store: Store,
    paths: Sequence[Path],
    *,
    extract: Extractor | None = None,
    force: bool = False,
    replace: bool = False,
    overrides: MetadataOverrides | None = None,
    max_bytes: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    read: Reader | None = None,
    build: Builder | None = None,
    limits: Limits | None = None,
) -> IngestReport:
    """Read, structure, extract and store each path (linking and embedding are the later stages); never
    raises for a bad file (see `FileResult.error`).

    `force` re-parses and rewrites files whose content is unchanged (after a parser upgrade); `replace`
    lets a file take over a stored document whose id its name asks for; `overrides` set metadata the
    files do not carry (they also rewrite an unchanged file's metadata).
    `read`/`build` default to the real reader and structure builder; tests may pass their own.
    Reading, structure and extraction run in a worker process under `limits` (default: from the
    environment, see `sources.sandbox.Limits`): a file that hits one is an error and the batch goes on.
    """
    stages = file_stages(max_bytes, read=read, build=build, extract=extract, limits=limits)
    files = expand_paths(paths)
    started = time.perf_counter()
    results: list[FileResult] = []
    registry = Registry(store.list_documents(), curated_documents())
    settings = Settings.of(force, replace, overrides)

    def write(doc: Document, extras: IngestExtras | None) -> None:
        store_document(store, doc, extras)

    for i, path in enumerate(files):
        if on_progress is not None:
            on_progress(Progress(i, len(files), path))
        result = prepare_file(path, stages, settings, registry, store.get_document, write).result
        results.append(result)
        if on_progress is not None:
            on_progress(Progress(i, len(files), path, result))
    return IngestReport(tuple(results), time.perf_counter() - started)


# --- the link stage over a store ---------------------------------------------------------------------------


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


def link_documents(store: Store, kb: KnowledgeBase, doc_ids: Iterable[str]) -> dict[str, int]:
    """Link each document's blocks, facts and table records to the entities of `kb`; links saved per document."""
    index = AliasIndex.from_kb(kb)
    out: dict[str, int] = {}
    for doc_id in doc_ids:
        blocks = store.blocks(doc_id)
        records = [r for b in blocks if b.kind is BlockKind.TABLE for r in store.table_records(b.anchor)]
        links = link_document(kb, index, blocks, store.facts(doc_id), records)
        if not bound_to_content(doc_id, store.document_state(doc_id)):
            # Another file under a curated report's id: its mentions are its own, the curated figures are not.
            links = [lk for lk in links if lk.method not in (LinkMethod.CITATION, LinkMethod.VALUE)]
        save_links(store, doc_id, links)
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
