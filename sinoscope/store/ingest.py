"""The ingestion pipeline: files → `SourceText` → `Document` (→ extracted data) → one store transaction.

Each file is handled on its own: a bad file becomes an error in the report and the batch goes on. An
unchanged file (same content hash as stored) is skipped before any parsing, so re-ingesting changes
nothing in the database. Which stored document a file is (and the id a new one gets) is decided by
`identity.Registry`: a file from another path never silently replaces a stored document. Metadata
(title, date, issuer, 文号, language) is read by `documents.metadata` and set on the built document.
Extraction plugs in through `extract`, keeping this module ignorant of it.
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

from sinoscope.documents.metadata import MetadataOverrides, describe_document
from sinoscope.documents.model import Document
from sinoscope.errors import InputError, SinoscopeError
from sinoscope.knowledge.sources import curated_documents
from sinoscope.sources.model import SourceText
from sinoscope.sources.sandbox import Limits, Sandbox, read_file, shared_sandbox
from sinoscope.store.base import DocumentInfo, IngestExtras, Store
from sinoscope.store.identity import Identity, Registry

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


def default_reader(max_bytes: int | None) -> Reader:
    return functools.partial(read_file, max_bytes=max_bytes)  # a partial, not a lambda: it can be sent to a worker


def _sandboxed(
    sandbox: Sandbox, read: Reader, build: Builder, extract: Extractor | None
) -> tuple[Reader, Builder, Extractor | None]:
    """The pipeline's stages as calls into the worker (a stage that cannot be sent to another process,
    such as a closure a test passes, still runs here)."""

    def reader(path: Path) -> SourceText:
        return sandbox.call(path, read, path)

    def builder(source: SourceText, doc_id: str) -> Document:
        return sandbox.call(source.path, build, source, doc_id)

    def extractor(doc: Document) -> IngestExtras:
        assert extract is not None
        return sandbox.call(doc.source_path, extract, doc)

    return reader, builder, (extractor if extract is not None else None)


def default_builder() -> Builder:
    from sinoscope.documents.structure import build_document

    return build_document


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
    """Ingest each path into `store`; never raises for a bad file (see `FileResult.error`).

    `force` re-parses and rewrites files whose content is unchanged (after a parser upgrade); `replace`
    lets a file take over a stored document whose id its name asks for; `overrides` set metadata the
    files do not carry (they also rewrite an unchanged file's metadata).
    `read`/`build` default to the real reader and structure builder; tests may pass their own.
    Reading, structure and extraction run in a worker process under `limits` (default: from the
    environment, see `sources.sandbox.Limits`): a file that hits one is an error and the batch goes on.
    """
    reader = read or default_reader(max_bytes)
    builder = build or default_builder()
    sandbox = shared_sandbox(limits)
    if sandbox is not None:  # parse in a worker process under time and memory limits
        reader, builder, extract = _sandboxed(sandbox, reader, builder, extract)
    files = expand_paths(paths)
    started = time.perf_counter()
    results: list[FileResult] = []
    registry = Registry(store.list_documents(), curated_documents())
    settings = _Settings(extract, force or bool(overrides), replace, overrides or MetadataOverrides())
    for i, path in enumerate(files):
        if on_progress is not None:
            on_progress(Progress(i, len(files), path))
        result = _ingest_one(store, path, reader, builder, settings, registry)
        results.append(result)
        if on_progress is not None:
            on_progress(Progress(i, len(files), path, result))
    return IngestReport(tuple(results), time.perf_counter() - started)


@dataclass(frozen=True)
class _Settings:
    extract: Extractor | None
    force: bool
    replace: bool
    overrides: MetadataOverrides


def _ingest_one(
    store: Store, path: Path, reader: Reader, builder: Builder, settings: _Settings, registry: Registry
) -> FileResult:
    t0 = time.perf_counter()
    doc_id: str | None = None
    size = 0
    try:
        source = reader(path)
        size = source.size_bytes
        ident = registry.resolve(path, source.content_hash, replace=settings.replace)
        doc_id = ident.doc_id
        if ident.stored_hash == source.content_hash and not settings.force and not ident.rebind:
            info = store.get_document(ident.doc_id)
            if METADATA_MARK in info.metadata:
                return _unchanged(info, path, ident, size, t0)
            ident = dataclasses.replace(ident, note=_join(ident.note, "metadata read (stored without it)"))
        doc = _prepare(builder(source, doc_id), source, path, settings.overrides)
        extras = settings.extract(doc) if settings.extract is not None else None
        if extras is not None:
            extras = _with_provenance(extras, source)
        store.save_document(doc, extras)
        return FileResult(
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
    except SinoscopeError as err:
        message = str(err) if isinstance(err, InputError) else f"{path}: {err}"
        return FileResult(
            str(path), Status.ERROR, doc_id, size_bytes=size, seconds=time.perf_counter() - t0, error=message
        )
    except Exception as err:  # a bug, not bad input: keep going, but say so plainly
        detail = traceback.format_exception_only(err)[-1].strip()
        return FileResult(
            str(path),
            Status.ERROR,
            doc_id,
            size_bytes=size,
            seconds=time.perf_counter() - t0,
            error=f"{path}: internal error ({detail})",
            internal=True,
            trace="".join(traceback.format_exception(err)),
        )


def _with_provenance(extras: IngestExtras, source: SourceText) -> IngestExtras:
    """Each fact's place in the file itself (characters, or a PDF page), so it can be checked there."""
    located = [f.model_copy(update=source.source_map.locate(f.start, f.end)) for f in extras.facts]
    return dataclasses.replace(extras, facts=located)


METADATA_MARK = "title_source"
"""Set on every document whose metadata was read; one stored without it is re-read once (same content)."""


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


def _prepare(doc: Document, source: SourceText, path: Path, overrides: MetadataOverrides) -> Document:
    """The built document with the file's identity (hash, path) and its metadata set."""
    # Idempotency hinges on the stored hash being the file's hash, whatever the builder set.
    doc = dataclasses.replace(doc, content_hash=source.content_hash, source_path=str(path))
    meta = describe_document(source, fallback_title=path.stem, overrides=overrides)
    return dataclasses.replace(doc, title=meta.title_or_fallback, metadata={**doc.metadata, **meta.as_dict()})
