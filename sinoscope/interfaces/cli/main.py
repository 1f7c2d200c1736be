"""The `sinoscope` command: thin Typer wiring over the store and the ingestion pipeline.

User errors (`SinoscopeError`) become one line on stderr, "error: <what>: <reason>", and exit code 2;
formatting lives in `render`, progress display in `progress`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from platformdirs import user_data_dir
from rich.console import Console

from sinoscope import __version__
from sinoscope.documents.dates import normalize_date_option
from sinoscope.documents.metadata import MetadataOverrides, normalize_lang_option
from sinoscope.errors import SinoscopeError
from sinoscope.interfaces.anchor_input import typed_anchor
from sinoscope.interfaces.cli import (
    analysis as cli_analysis,
)
from sinoscope.interfaces.cli import (
    ask as cli_ask,
)
from sinoscope.interfaces.cli import (
    facts as cli_facts,
)
from sinoscope.interfaces.cli import render
from sinoscope.interfaces.cli import (
    review as cli_review,
)
from sinoscope.interfaces.cli import (
    serve as cli_serve,
)
from sinoscope.interfaces.cli.cluster import ingest_on_cluster
from sinoscope.interfaces.cli.kb import after_ingest, kb_app
from sinoscope.interfaces.cli.progress import ingest_progress
from sinoscope.interfaces.cli.search import build_dense_index, search_hits
from sinoscope.retrieval.embedding import EmbedderUnavailableError
from sinoscope.retrieval.search import Mode
from sinoscope.retrieval.service import forget_documents
from sinoscope.sources.terminal import printable
from sinoscope.store import Store, open_store
from sinoscope.store.extract import extract_document
from sinoscope.store.ingest import Status, expand_paths, ingest_paths
from sinoscope.store.postgres_url import is_postgres_url

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1

app = typer.Typer(
    name="sinoscope",
    help="Ingest policy reports into a citable store; look up passages, tables and numbers by anchor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Commands are grouped in `--help` by what a user is doing, in the order data flows.
INGEST, READ, NUMBERS, KNOWLEDGE, WEB = "Ingest", "Read and search", "Numbers", "Knowledge and analyses", "Web"


def default_db() -> Path:
    return Path(user_data_dir("sinoscope", appauthor=False)) / "sinoscope.sqlite"


def _fail(message: str, code: int = EXIT_USER_ERROR) -> typer.Exit:
    sys.stderr.write(f"error: {printable(message)}\n")
    sys.stderr.flush()
    return typer.Exit(code)


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except SinoscopeError as err:
        raise _fail(" ".join(str(err).split())) from None


@contextmanager
def _store(ctx: typer.Context, *, create: bool = False) -> Iterator[Store]:
    db: Path = ctx.obj["db"]
    with _user_errors():
        store = open_store(db, create=create)
    try:
        with _user_errors():
            yield store
    finally:
        store.close()


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sinoscope {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="SINOSCOPE_DB",
            help="SQLite database file (default: sinoscope.sqlite in the user data folder) or postgresql:// URL.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    # a URL stays a string: Path("postgresql://h/db") would collapse "//" into a local folder name
    ctx.obj = {"db": default_db() if db is None else db if is_postgres_url(db) else Path(db)}


@app.command(rich_help_panel=INGEST)
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
        raise _fail(f"--title: names one document; {len(expand_paths(paths))} files given")
    with _store(ctx, create=True) as store, ingest_progress(err) as on_progress:
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
    with _store(ctx) as store:
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
            raise _fail(f"{option}: {problem}") from None

    return MetadataOverrides(
        title=title.strip() if title and title.strip() else None,
        date=checked("--date", date, normalize_date_option),
        lang=checked("--lang", lang, normalize_lang_option),
        issuer=issuer.strip() if issuer and issuer.strip() else None,
    )


@app.command(rich_help_panel=INGEST)
def remove(
    ctx: typer.Context,
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids, as `sinoscope docs` lists them.")],
) -> None:
    """Delete documents with everything derived from them: blocks, facts, tables, links and vectors."""
    wanted = list(dict.fromkeys(d.strip() for d in doc_ids))
    with _store(ctx) as store:
        infos = [store.get_document(d) for d in wanted]  # an unknown id fails before anything is deleted
        for info in infos:
            store.delete_document(info.doc_id)
    with _user_errors():
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
    with _store(ctx) as store:
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


@app.command(rich_help_panel=INGEST)
def index(
    ctx: typer.Context,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-embed every document from scratch.")] = False,
) -> None:
    """Bring the dense search index up to date with the store (only new or changed documents are embedded)."""
    with _user_errors():
        _embed(ctx, Console(stderr=True), rebuild=rebuild)


@app.command(rich_help_panel=READ)
def docs(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List stored documents."""
    with _store(ctx) as store:
        documents = store.list_documents()
    if as_json:
        _print_json([render.document_json(d) for d in documents])
        return
    if not documents:
        sys.stderr.write("no documents stored yet (run `sinoscope ingest PATH...`)\n")
        return
    out = Console()
    table = render.documents_table(documents)
    render.fit_width(out, table)
    out.print(table)


@app.command(rich_help_panel=READ)
def show(
    ctx: typer.Context,
    anchor: Annotated[str, typer.Argument(help='A citation anchor, e.g. "000#table-4-4", or a document id.')],
    blocks: Annotated[int, typer.Option("--blocks", "-b", help="Blocks to print under a heading.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print the block, table, chapter or section that an anchor names ("p" may stand for "¶")."""
    out = Console()
    anchor = typed_anchor(anchor)
    with _store(ctx) as store:
        if "#" not in anchor:
            info = store.get_document(anchor.strip())
            chapters = store.outline(info.doc_id)
            if as_json:
                _print_json({**render.document_json(info), "chapters": [_asdict(c) for c in chapters]})
            else:
                out.print(render.outline_view(chapters, title=f"{info.doc_id}  {info.title}"))
            return
        entry = store.find_heading(anchor)
        if entry is not None:
            section = None if entry.level == 0 else entry.number
            found = store.blocks(entry.doc_id, chapter=str(entry.chapter.number), section=section)
            under = [b for b in found if b.anchor != anchor][:blocks]
            if as_json:
                _print_json({"heading": _asdict(entry), "blocks": [render.block_json(b) for b in under]})
            else:
                view = render.heading_view(entry, under)
                render.fit_width(out, view)
                out.print(view)
            return
        block = store.get_block(anchor)
    if as_json:
        _print_json(render.block_json(block))
        return
    view = render.block_view(block)
    render.fit_width(out, view)
    out.print(view)


@app.command(rich_help_panel=READ)
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words or a phrase; quotes and symbols are taken literally.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Maximum number of passages.")] = 10,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    mode: Annotated[
        Mode, typer.Option("--mode", "-m", help="bm25 (words), dense (meaning) or hybrid (both, fused).")
    ] = Mode.HYBRID,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search every stored block by words and meaning; passages with the whole phrase rank high."""
    with _store(ctx) as store:
        hits = search_hits(store, ctx.obj["db"], query, mode, limit, doc)
    if as_json:
        _print_json([render.hit_json(h) for h in hits])
        return
    if not hits:
        sys.stderr.write(f"no passages match {query!r}\n")
        return
    Console().print(render.search_view(hits), soft_wrap=True)


def _asdict(obj: Any) -> Any:
    return dataclasses.asdict(obj)


# Commands defined in their own modules, registered after this module's own (panel order follows).
app.command("ask", rich_help_panel=READ)(cli_ask.ask)
app.command("facts", rich_help_panel=NUMBERS)(cli_facts.facts)
app.command("tables", rich_help_panel=NUMBERS)(cli_facts.tables)
app.add_typer(cli_facts.export_app, rich_help_panel=NUMBERS)
app.command("extract", rich_help_panel=NUMBERS)(cli_facts.extract)
app.add_typer(kb_app, rich_help_panel=KNOWLEDGE)
app.command("targets", rich_help_panel=KNOWLEDGE)(cli_analysis.targets)
app.command("derive", rich_help_panel=KNOWLEDGE)(cli_analysis.derive_command)
app.command("check", rich_help_panel=KNOWLEDGE)(cli_analysis.check)
app.add_typer(cli_analysis.analyze_app, rich_help_panel=KNOWLEDGE)
app.add_typer(cli_review.review_app, rich_help_panel=KNOWLEDGE)
app.command("serve", rich_help_panel=WEB)(cli_serve.serve)
app.command("assets", rich_help_panel=WEB)(cli_serve.assets)


def main() -> None:
    """Console-script entry point."""
    app()
