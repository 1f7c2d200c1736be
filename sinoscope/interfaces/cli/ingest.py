"""Commands that bring documents in and keep derived data current: ingest, remove, index."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sinoscope.app.documents import printable
from sinoscope.app.ingest import OptionError, Status, index_line, ingest_options, link_changed, remove_documents
from sinoscope.app.ingest import ingest as run_ingest
from sinoscope.app.search import EmbedderUnavailableError, build_index
from sinoscope.interfaces.cli import render
from sinoscope.interfaces.cli.common import EXIT_INTERNAL_ERROR, EXIT_USER_ERROR, fail, open_db, user_errors
from sinoscope.interfaces.cli.kb_render import sync_line
from sinoscope.interfaces.cli.progress import ingest_progress, progress_bar


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
            "--embed/--no-embed", envvar="SINOSCOPE_EMBED", help="Bring the dense (meaning) search index up to date."
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
    try:
        options = ingest_options(
            paths, force=force, replace=replace, max_mb=max_mb, title=title, date=date, lang=lang, issuer=issuer
        )
    except OptionError as problem:
        raise fail(str(problem)) from None
    with open_db(ctx, create=True) as store, ingest_progress(err) as on_progress:
        done = run_ingest(
            store, paths, ctx.obj["db"], options, workers=workers, scheduler=scheduler, embed=embed,
            on_progress=on_progress, on_cluster=_announce,
        )  # fmt: skip
    if (cluster := done.cluster_line()) is not None:
        _say(err, cluster)
    report = done.report
    summary = render.ingest_summary(report)
    render.fit_width(out, summary)
    out.print(summary)
    _say(out, render.ingest_totals(report))
    sys.stderr.write(done.file_notes())
    with open_db(ctx) as store:
        linked = link_changed(store, report)
    if linked.problem is not None:
        sys.stderr.write(f"warning: knowledge base not linked: {linked.problem}\n")
    elif linked.sync is not None and linked.worth_saying:
        _say(out, sync_line(linked.sync))
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


def _announce(where: str) -> None:
    sys.stderr.write(f"ingesting on {where}\n")


def _say(console: Console, line: str) -> None:
    console.print(line, soft_wrap=True, markup=False, highlight=False)


def remove(
    ctx: typer.Context,
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids, as `sinoscope docs` lists them.")],
) -> None:
    """Delete documents with everything derived from them: blocks, facts, tables, links and vectors."""
    with open_db(ctx) as store:
        removed = remove_documents(store, ctx.obj["db"], doc_ids)
    typer.echo("\n".join(removed.lines()))


def _embed(ctx: typer.Context, err: Console, *, rebuild: bool = False) -> None:
    """Embed new and changed documents; a missing model is a warning here, since BM25 still works."""
    started = time.perf_counter()
    with open_db(ctx) as store:
        try:
            with progress_bar(err) as bar:
                task = bar.add_task("embedding", total=None)

                def on_document(doc_id: str, i: int, n: int) -> None:
                    bar.update(task, total=n, completed=i, description=f"embedding {doc_id}")

                result = build_index(store, ctx.obj["db"], rebuild=rebuild, on_document=on_document)
        except EmbedderUnavailableError as problem:
            sys.stderr.write(f"warning: dense index not updated: {problem}\n")
            return
    if (line := index_line(result, time.perf_counter() - started)) is not None:
        _say(err, line)


def index(
    ctx: typer.Context,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-embed every document from scratch.")] = False,
) -> None:
    """Bring the dense search index up to date with the store (only new or changed documents are embedded)."""
    with user_errors():
        _embed(ctx, Console(stderr=True), rebuild=rebuild)
