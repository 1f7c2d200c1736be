"""`sinoscope kb ...`: load, list, show and check the knowledge base (the use cases are `sinoscope.app.knowledge`).

Every command first makes sure the store holds the bundled knowledge base (loading it into a new
database if needed), so a new user can look things up before ingesting any report.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console

from sinoscope.app import knowledge
from sinoscope.app.knowledge import AmbiguousEntity, Store, SyncStatus
from sinoscope.interfaces.cli import kb_render as render
from sinoscope.interfaces.cli.common import fail, print_json, user_errors

EXIT_CHECK_FAILED = 1
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]

kb_app = typer.Typer(
    name="kb",
    help="The knowledge base: policies, funds, supply chains, indicators, targets and observations, with sources.",
    no_args_is_help=True,
)


@contextmanager
def kb_store(ctx: typer.Context, *, announce: bool = False) -> Iterator[Store]:
    """The database with the bundled knowledge base loaded (`announce`: say so on stderr when it was just
    loaded or updated); a user error inside becomes one line and exit code 2. Shared by every command
    that reads the knowledge base."""
    with user_errors(), knowledge.knowledge_store(ctx.obj["db"]) as (store, sync):
        if announce and sync.status is not SyncStatus.UNCHANGED:
            sys.stderr.write(render.sync_line(sync) + "\n")
        yield store


@kb_app.command("load")
def load(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Reload and relink even when up to date.")] = False,
) -> None:
    """Load the bundled knowledge base into the database (done automatically on first use)."""
    with user_errors():
        report = knowledge.load_knowledge(ctx.obj["db"], force=force)
    typer.echo(render.sync_line(report))


@kb_app.command("list")
def list_entities(
    ctx: typer.Context,
    entry_type: Annotated[
        str | None, typer.Option("--type", "-t", help="Only this type: policy, target, indicator, fund, ...")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List entities, optionally of one type."""
    with user_errors():
        wanted = knowledge.entry_type(entry_type) if entry_type else None
    with kb_store(ctx, announce=True) as store:
        rows = knowledge.list_entries(store.knowledge(), wanted)
    if as_json:
        print_json(rows)
    else:
        render.show(Console(), render.list_table(rows))


@kb_app.command("show")
def show(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help='An id, name or alias, e.g. "Made in China 2025" or "Big Fund".')],
    as_json: JsonOpt = False,
    links: Annotated[int, typer.Option("--links", "-l", help="Linked passages to list.")] = 10,
) -> None:
    """Print an entity with its targets, observations, related entries, sources and linked passages."""
    with kb_store(ctx, announce=True) as store:
        try:
            view = knowledge.show_entity(store, entity, links)
        except AmbiguousEntity as err:
            Console(stderr=True).print(render.candidates_table(err.refs))
            raise fail(str(err)) from None
    if as_json:
        print_json(view.to_json())
    else:
        render.show(Console(), render.entity(view))


@kb_app.command("check")
def check(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    suggest: Annotated[
        bool, typer.Option("--suggest", help="For each failure, list passages that do print the value.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail when a cited report is not ingested.")] = False,
) -> None:
    """Check every citation: the passage exists in an ingested report and prints the cited value."""
    with kb_store(ctx, announce=True) as store:
        result = knowledge.check_knowledge(store, suggest=suggest)
    if as_json:
        print_json(result.to_json())
    else:
        render.print_check(Console(), result)
    report = result.report
    if report.checked == 0:
        raise fail("no cited report is ingested: run `sinoscope ingest REPORT...` first, then `sinoscope kb check`")
    if report.failures or (strict and report.missing_docs()):
        raise typer.Exit(EXIT_CHECK_FAILED)
