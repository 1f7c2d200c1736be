"""`sinoscope kb ...`: load, list, show and check the knowledge base.

Every command first makes sure the store holds the bundled knowledge base (loading it into a new
database if needed), so a new user can look things up before ingesting any report.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from sinoscope.errors import NotFoundError, SinoscopeError
from sinoscope.interfaces.cli import kb_render as render
from sinoscope.knowledge import NESTED_TYPES, TOP_TYPES, KnowledgeBase
from sinoscope.knowledge.check import check_citations, passage_text, suggest_anchors
from sinoscope.knowledge.sources import bound_to_content
from sinoscope.store import Store, open_store
from sinoscope.store.ingest import IngestReport, Status
from sinoscope.store.kb_sync import SyncReport, SyncStatus, ensure_knowledge, sync_after_ingest

EXIT_CHECK_FAILED = 1
EXIT_USER_ERROR = 2

kb_app = typer.Typer(
    name="kb",
    help="The knowledge base: policies, funds, supply chains, indicators, targets and observations, with sources.",
    no_args_is_help=True,
)


def _fail(message: str, code: int = EXIT_USER_ERROR) -> typer.Exit:
    sys.stderr.write(f"error: {' '.join(message.split())}\n")
    return typer.Exit(code)


@contextmanager
def _kb_store(ctx: typer.Context) -> Iterator[tuple[Store, SyncReport]]:
    db: Path = ctx.obj["db"]
    try:
        store = open_store(db, create=True)
    except SinoscopeError as err:
        raise _fail(str(err)) from None
    try:
        sync = ensure_knowledge(store)
        if sync.status is not SyncStatus.UNCHANGED:
            sys.stderr.write(render.sync_line(sync) + "\n")
        yield store, sync
    except SinoscopeError as err:
        raise _fail(str(err)) from None
    finally:
        store.close()


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@kb_app.command("load")
def load(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Reload and relink even when up to date.")] = False,
) -> None:
    """Load the bundled knowledge base into the database (done automatically on first use)."""
    db: Path = ctx.obj["db"]
    try:
        with open_store(db, create=True) as store:
            report = ensure_knowledge(store, force=force)
    except SinoscopeError as err:
        raise _fail(str(err)) from None
    typer.echo(render.sync_line(report))


@kb_app.command("list")
def list_entities(
    ctx: typer.Context,
    entry_type: Annotated[
        str | None, typer.Option("--type", "-t", help="Only this type: policy, target, indicator, fund, ...")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List entities, optionally of one type."""
    wanted = _entry_type(entry_type) if entry_type else None
    with _kb_store(ctx) as (store, _):
        kb = store.knowledge()
    rows = [e for e in kb.all() if wanted is None or render.type_of(e) == wanted]
    if as_json:
        _print_json([render.list_json(kb, e) for e in rows])
        return
    out = Console()
    table = render.list_table(kb, rows)
    render.fit_width(out, table)
    out.print(table)


def _entry_type(name: str) -> str:
    key = name.strip().lower().replace("-", "_")
    known = [*TOP_TYPES, *NESTED_TYPES]
    for t in known:
        if key in (t, t + "s", t.removesuffix("y") + "ies", t.replace("_", "")):
            return t
    raise _fail(f"{name}: unknown type (one of: {', '.join(known)})")


@kb_app.command("show")
def show(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help='An id, name or alias, e.g. "Made in China 2025" or "Big Fund".')],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    links: Annotated[int, typer.Option("--links", "-l", help="Linked passages to list.")] = 10,
) -> None:
    """Print an entity with its targets, observations, related entries, sources and linked passages."""
    with _kb_store(ctx) as (store, _):
        refs = store.find_entities(entity)
        if not refs:
            raise _fail(f"{entity}: no entity with this id, name or alias (try `sinoscope kb list`)")
        if len(refs) > 1 and not any(r.id == entity.strip() for r in refs):
            Console(stderr=True).print(render.candidates_table(refs))
            raise _fail(f"{entity}: {len(refs)} entities match; give an id")
        ref = next((r for r in refs if r.id == entity.strip()), refs[0])
        kb = store.knowledge()
        view = render.EntityView.build(kb, kb.get(ref.id), store, links)
    if as_json:
        _print_json(view.to_json())
        return
    out = Console()
    rendered = view.render()
    render.fit_width(out, rendered)
    out.print(rendered)


@kb_app.command("check")
def check(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    suggest: Annotated[
        bool, typer.Option("--suggest", help="For each failure, list passages that do print the value.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail when a cited report is not ingested.")] = False,
) -> None:
    """Check every citation: the passage exists in an ingested report and prints the cited value."""
    with _kb_store(ctx) as (store, _):
        kb = store.knowledge()
        # a document holding other content than a curated report's counts as that report not ingested
        docs = [d.doc_id for d in store.list_documents() if bound_to_content(d.doc_id, d.content_hash)]
        report = check_citations(kb, lambda anchor: _passage(store, anchor), docs)
        suggestions: dict[tuple[str, str], list[str]] = {}
        if suggest:
            suggestions = _suggestions(store, report.failures)
    if as_json:
        _print_json(render.check_json(report, suggestions))
    else:
        render.print_check(Console(), report, suggestions)
    if report.checked == 0:
        raise _fail("no cited report is ingested: run `sinoscope ingest REPORT...` first, then `sinoscope kb check`")
    if report.failures or (strict and report.missing_docs()):
        raise typer.Exit(EXIT_CHECK_FAILED)


def _passage(store: Store, anchor: str) -> str | None:
    try:
        return passage_text(store.get_block(anchor))
    except NotFoundError:
        return None


def _suggestions(store: Store, failures: list[Any]) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    blocks_by_doc: dict[str, list[Any]] = {}
    for f in failures:
        if not f.anchor or not f.quote:
            continue
        doc = f.anchor.split("#", 1)[0]
        if doc not in blocks_by_doc:
            blocks_by_doc[doc] = store.blocks(doc)
        out[(f.entry, f.anchor)] = suggest_anchors(f.quote, blocks_by_doc[doc])
    return out


def after_ingest(store: Store, report: IngestReport, console: Console) -> None:
    """Called by `sinoscope ingest`: link new and changed documents (loading the knowledge base if needed).

    A broken knowledge base must not fail an ingestion that itself succeeded, so problems are reported
    as a warning.
    """
    changed = [r.doc_id for r in report.results if r.status in (Status.NEW, Status.UPDATED) and r.doc_id]
    try:
        sync = sync_after_ingest(store, changed)
    except SinoscopeError as err:
        sys.stderr.write(f"warning: knowledge base not linked: {' '.join(str(err).split())}\n")
        return
    if sync.status is not SyncStatus.UNCHANGED or sync.linked:
        console.print(render.sync_line(sync), soft_wrap=True, markup=False, highlight=False)


def knowledge_of(store: Store) -> KnowledgeBase:
    """The store's knowledge base, loading the bundled one first if needed (for other commands)."""
    ensure_knowledge(store)
    return store.knowledge()
