"""Commands that bring documents in and keep derived data current: ingest, remove, index."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sinoscope.documents.dates import normalize_date_option
from sinoscope.documents.metadata import MetadataOverrides, normalize_lang_option
from sinoscope.interfaces.cli import render
from sinoscope.interfaces.cli.cluster import ingest_on_cluster
from sinoscope.interfaces.cli.common import EXIT_INTERNAL_ERROR, EXIT_USER_ERROR, fail, open_db, user_errors
from sinoscope.interfaces.cli.kb import after_ingest
from sinoscope.interfaces.cli.progress import ingest_progress
from sinoscope.interfaces.cli.search import build_dense_index
from sinoscope.retrieval.embedding import EmbedderUnavailableError
from sinoscope.retrieval.service import forget_documents
from sinoscope.sources.terminal import printable
from sinoscope.store.extract import extract_document
from sinoscope.store.ingest import Status, expand_paths, ingest_paths


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Report files (txt, md, html, pdf, docx) or folders.")],
    force: Annotated[bool, typer.Option("--force", help="Re-parse files even when unchanged.")] = False,
    max_mb: Annotated[
        float | None, typer.Option("--max-mb", min=0.001, help="Refuse files larger than this (MB).")
    ] = None,
    embed: Annotated[
        bool,
        typer.Option(
            "--embed/--no-embed",
            envvar="SINOSCOPE_EMBED",
            help="Bring the dense (meaning) search index up to date.",
        ),
    ] = True,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Let a file replace the stored document whose id its name asks for (another path)."
        ),
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="Title, when the file does not carry one.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Date of the document: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language code, e.g. zh or en.")] = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="Issuing body or publisher.")] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Parse and embed on a local Dask cluster of N workers.")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Parse and embed on an existing Dask cluster (tcp://host:8786).")
    ] = None,
) -> None:
    """Read reports, recover their structure and store them (unchanged files are skipped).

    A file never takes over a document stored from another path: it gets an id of its own (the note says
    which), unless --replace is given. --title/--date/--lang/--issuer set what the files do not say.
    """
    out, err = Console(), Console(stderr=True)
    max_bytes = int(max_mb * 1_000_000) if max_mb is not None else None
    overrides = _overrides(title, date, lang, issuer)
    if overrides.title and len(expand_paths(paths)) > 1:
        raise fail(f"--title: names one document; {len(expand_paths(paths))} files given")
    with open_db(ctx, create=True) as store, ingest_progress(err) as on_progress:
        if workers is not None or scheduler is not None:
            options = {"force": force, "replace": replace, "overrides": overrides, "max_bytes": max_bytes}
            report = ingest_on_cluster(
                store,
                paths,
                ctx.obj["db"],
                workers=workers,
                scheduler=scheduler,
                options=options,
                embed=embed,
                on_progress=on_progress,
                err=err,
            )
        else:
            report = ingest_paths(
                store,
                paths,
                force=force,
                replace=replace,
                overrides=overrides,
                max_bytes=max_bytes,
                on_progress=on_progress,
                extract=extract_document,
            )
    summary = render.ingest_summary(report)
    render.fit_width(out, summary)
    out.print(summary)
    out.print(render.ingest_totals(report), soft_wrap=True, markup=False, highlight=False)
    for r in report.results:
        for warning in r.warnings:
            sys.stderr.write(f"warning: {printable(r.path)}: {printable(warning)}\n")
        if r.note:
            sys.stderr.write(f"note: {printable(r.path)}: {printable(' '.join(r.note.split()))}\n")
    with open_db(ctx) as store:
        after_ingest(store, report, out)
    if embed and report.count(Status.ERROR) < len(report.results):
        _embed(ctx, err)
    for r in report.errors:
        sys.stderr.write(f"error: {printable(' '.join((r.error or r.path).split()))}\n")
        if r.trace and os.environ.get("SINOSCOPE_DEBUG"):
            sys.stderr.write(r.trace)
    if any(r.internal for r in report.errors):
        sys.stderr.write("(internal errors are sinoscope bugs; set SINOSCOPE_DEBUG=1 to see tracebacks)\n")
        raise typer.Exit(EXIT_INTERNAL_ERROR)
    if report.errors:
        raise typer.Exit(EXIT_USER_ERROR)


def _overrides(title: str | None, date: str | None, lang: str | None, issuer: str | None) -> MetadataOverrides:
    def checked(option: str, value: str | None, normalize: Callable[[str], str]) -> str | None:
        try:
            return normalize(value) if value is not None else None
        except ValueError as problem:
            raise fail(f"{option}: {problem}") from None

    return MetadataOverrides(
        title=title.strip() if title and title.strip() else None,
        date=checked("--date", date, normalize_date_option),
        lang=checked("--lang", lang, normalize_lang_option),
        issuer=issuer.strip() if issuer and issuer.strip() else None,
    )


def remove(
    ctx: typer.Context,
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids, as `sinoscope docs` lists them.")],
) -> None:
    """Delete documents with everything derived from them: blocks, facts, tables, links and vectors."""
    wanted = list(dict.fromkeys(d.strip() for d in doc_ids))
    with open_db(ctx) as store:
        infos = [store.get_document(d) for d in wanted]  # an unknown id fails before anything is deleted
        for info in infos:
            store.delete_document(info.doc_id)
    with user_errors():
        vectors = forget_documents(ctx.obj["db"], wanted)
    for info in infos:
        typer.echo(
            f"removed {info.doc_id} ({info.path or info.file_name}: {info.blocks} blocks, {info.facts} facts,"
            f" {info.tables} tables)"
        )
    if vectors:
        typer.echo(f"dense index: {vectors} vectors removed")


def _embed(ctx: typer.Context, err: Console, *, rebuild: bool = False) -> None:
    """Embed new and changed documents; a missing model is a warning here, since BM25 still works."""
    started = time.perf_counter()
    with open_db(ctx) as store:
        try:
            result = build_dense_index(store, ctx.obj["db"], err, rebuild=rebuild)
        except EmbedderUnavailableError as problem:
            sys.stderr.write(f"warning: dense index not updated: {problem}\n")
            return
    if result.embedded_docs or result.removed_docs:
        err.print(
            f"dense index: {len(result.embedded_docs)} document(s) embedded ({result.blocks} blocks), "
            f"{len(result.removed_docs)} removed, {result.vectors} vectors, {time.perf_counter() - started:.1f} s",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def index(
    ctx: typer.Context,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-embed every document from scratch.")] = False,
) -> None:
    """Bring the dense search index up to date with the store (only new or changed documents are embedded)."""
    with user_errors():
        _embed(ctx, Console(stderr=True), rebuild=rebuild)
