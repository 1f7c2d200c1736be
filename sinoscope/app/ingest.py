"""Use cases that bring documents in and keep what is derived from them current: ingest, remove, index.

`ingest` runs the pipeline's per-file stages (read, structure, extract, store) in this process or on a Dask
cluster; `link_changed` is the link stage after it, which the CLI runs once it has reported the files, and
`app.search.build_index` the embed stage over the store. The stages themselves are in `app.pipeline`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sinoscope.app.pipeline import (
    FileResult,
    IngestReport,
    Progress,
    Status,
    SyncReport,
    SyncStatus,
    expand_paths,
    ingest_paths,
    link,
)
from sinoscope.app.stages import extract
from sinoscope.documents.dates import normalize_date_option
from sinoscope.documents.metadata import MetadataOverrides, normalize_lang_option
from sinoscope.errors import SinoscopeError
from sinoscope.retrieval.service import SyncReport as IndexReport
from sinoscope.retrieval.service import forget_documents
from sinoscope.sources.terminal import printable
from sinoscope.store.base import DocumentInfo, Store

if TYPE_CHECKING:
    from sinoscope.app.ingest_dask import ClusterStats

__all__ = [
    "FileResult",
    "IngestOptions",
    "IngestReport",
    "Ingested",
    "Linked",
    "OptionError",
    "Progress",
    "Removed",
    "Status",
    "SyncReport",
    "SyncStatus",
    "index_line",
    "ingest",
    "ingest_options",
    "link_changed",
    "remove_documents",
]


class OptionError(SinoscopeError):
    """An ingest option the user gave is wrong: "<option>: <reason>"."""


@dataclass(frozen=True)
class IngestOptions:
    force: bool = False
    replace: bool = False
    overrides: MetadataOverrides = field(default_factory=MetadataOverrides)
    max_bytes: int | None = None


def ingest_options(
    paths: Sequence[Path],
    *,
    force: bool = False,
    replace: bool = False,
    max_mb: float | None = None,
    title: str | None = None,
    date: str | None = None,
    lang: str | None = None,
    issuer: str | None = None,
) -> IngestOptions:
    """The options as the user gave them, checked; raises OptionError naming the option that is wrong."""

    def checked(option: str, value: str | None, normalize: Callable[[str], str]) -> str | None:
        try:
            return normalize(value) if value is not None else None
        except ValueError as problem:
            raise OptionError(f"{option}: {problem}") from None

    overrides = MetadataOverrides(
        title=title.strip() if title and title.strip() else None,
        date=checked("--date", date, normalize_date_option),
        lang=checked("--lang", lang, normalize_lang_option),
        issuer=issuer.strip() if issuer and issuer.strip() else None,
    )
    if overrides.title and len(expand_paths(paths)) > 1:
        raise OptionError(f"--title: names one document; {len(expand_paths(paths))} files given")
    max_bytes = int(max_mb * 1_000_000) if max_mb is not None else None
    return IngestOptions(force, replace, overrides, max_bytes)


@dataclass(frozen=True)
class Ingested:
    report: IngestReport
    cluster: ClusterStats | None = None
    """What the run cost on the workers (None in one process)."""
    embedded: bool = False
    """The workers embedded the documents (the dense index is up to date for them)."""

    def cluster_line(self) -> str | None:
        """What the run cost on the cluster, one line (None in one process)."""
        stats = self.cluster
        if stats is None:
            return None
        share = stats.embed_percent
        embedding = f", embedding {share:.0f}% of worker time" if share is not None and self.embedded else ""
        return f"cluster: {stats.workers} worker(s), peak memory {stats.peak_mb:.0f} MB per worker{embedding}"

    def file_notes(self) -> str:
        """What the reader worked around in each file and how ids were decided: "warning: <file>: ..." and
        "note: <file>: ..." lines for stderr (control characters escaped)."""
        lines: list[str] = []
        for r in self.report.results:
            lines += [f"warning: {printable(r.path)}: {printable(w)}\n" for w in r.warnings]
            if r.note:
                lines.append(f"note: {printable(r.path)}: {printable(' '.join(r.note.split()))}\n")
        return "".join(lines)


def ingest(
    store: Store,
    paths: Sequence[Path],
    db_location: str | Path,
    options: IngestOptions,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    embed: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
    on_cluster: Callable[[str], None] | None = None,
) -> Ingested:
    """Read, structure, extract and store `paths`: in this process, or on a Dask cluster when `workers` or
    `scheduler` is given (`on_cluster(where)` is told before it starts; `embed` embeds on its workers).
    Never raises for a bad file (see `FileResult.error`)."""
    opts: dict[str, Any] = asdict(options)
    opts["overrides"] = options.overrides  # asdict would turn it into a dict
    if workers is None and scheduler is None:
        return Ingested(ingest_paths(store, paths, extract=extract, on_progress=on_progress, **opts))
    from sinoscope.app.ingest_dask import cluster_run, ingest_on_cluster  # Dask only when asked for

    run = cluster_run(workers, scheduler, embed=embed)
    if on_cluster is not None:
        on_cluster(run.where)
    done = ingest_on_cluster(store, list(paths), db_location, run, options=opts, on_progress=on_progress)
    return Ingested(done.report, done.stats, run.plan is not None)


@dataclass(frozen=True)
class Linked:
    sync: SyncReport | None
    problem: str | None = None
    """Why linking failed (a broken knowledge base): a warning, since the ingestion itself succeeded."""

    @property
    def worth_saying(self) -> bool:
        return self.sync is not None and (self.sync.status is not SyncStatus.UNCHANGED or bool(self.sync.linked))


def link_changed(store: Store, report: IngestReport) -> Linked:
    """The link stage after an ingestion: new and changed documents, and any left unlinked before."""
    try:
        return Linked(link(store, report.changed))
    except SinoscopeError as err:
        return Linked(None, " ".join(str(err).split()))


def index_line(result: IndexReport, seconds: float) -> str | None:
    """What the embed stage did, one line (None when the dense index was already current)."""
    if not (result.embedded_docs or result.removed_docs):
        return None
    return (
        f"dense index: {len(result.embedded_docs)} document(s) embedded ({result.blocks} blocks), "
        f"{len(result.removed_docs)} removed, {result.vectors} vectors, {seconds:.1f} s"
    )


@dataclass(frozen=True)
class Removed:
    documents: list[DocumentInfo]
    vectors: int

    def lines(self) -> list[str]:
        """One line per document removed, and the vectors that went with them."""
        out = [f"removed {d.doc_id} ({printable(d.path or d.file_name)}: {d.blocks} blocks, {d.facts} facts,"
               f" {d.tables} tables)" for d in self.documents]  # fmt: skip
        return out + ([f"dense index: {self.vectors} vectors removed"] if self.vectors else [])


def remove_documents(store: Store, db_location: str | Path, doc_ids: Sequence[str]) -> Removed:
    """Delete documents with everything derived from them (blocks, facts, tables, links, vectors).
    An unknown id fails (NotFoundError) before anything is deleted."""
    wanted = list(dict.fromkeys(d.strip() for d in doc_ids))
    infos = [store.get_document(d) for d in wanted]
    for info in infos:
        store.delete_document(info.doc_id)
    return Removed(infos, forget_documents(db_location, wanted))
