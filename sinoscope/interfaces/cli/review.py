"""`sinoscope review list|accept|edit|merge|reject|audit|export`: analyst review of learned knowledge (thin: the
use cases are in `sinoscope.app.review`). Writes from the command line are authorised by access to the
database file; the actor is `--actor`, else the login name."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sinoscope.app import review
from sinoscope.app.review import EntryKind, LearnedEntry, ReviewState
from sinoscope.interfaces.cli.common import fail, print_json, user_errors
from sinoscope.interfaces.cli.kb import kb_store

review_app = typer.Typer(
    name="review", help="Review knowledge learned from documents: accept, edit, merge or reject.", no_args_is_help=True
)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
Actor = Annotated[str | None, typer.Option("--actor", help="Who decides (default: the login name).")]
Reason = Annotated[str, typer.Option("--reason", help="Why (kept in the audit trail).")]
EntryArg = Annotated[str, typer.Argument(help="Entry id, as `review list` prints it.")]
Output = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")]


def _print_entry(e: LearnedEntry, as_json: bool) -> None:
    if as_json:
        print_json(e.as_json())
    else:
        sys.stdout.write(f"{e.id}: {e.state.value}\n")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise fail(" ".join(f"{output}: {err.strerror}".split())) from None


@review_app.command("list")
def list_command(
    ctx: typer.Context,
    state: Annotated[ReviewState | None, typer.Option("--state", help="proposed, accepted or rejected.")] = None,
    kind: Annotated[EntryKind | None, typer.Option("--kind", help="target, actual or indicator.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Learned entries with their state and evidence (registering new ones as proposed)."""
    with kb_store(ctx) as store:
        entries = review.list_entries(store, state=state, kind=kind)
    if as_json:
        print_json([e.as_json() for e in entries])
        return
    table = Table(title="Review", title_justify="left")
    for col in ("id", "kind", "state", "what", "value", "year", "evidence"):
        table.add_column(col, overflow="fold")
    for e in entries:
        table.add_row(*review.entry_row(e))
    Console().print(table)


@review_app.command("accept")
def accept_command(ctx: typer.Context, entry: EntryArg, actor: Actor = None, reason: Reason = "",
                   as_json: JsonOpt = False) -> None:  # fmt: skip
    """Accept a proposed entry as it was extracted."""
    with kb_store(ctx) as store:
        _print_entry(review.accept(store, entry, actor=review.actor_or_login(actor), reason=reason), as_json)


@review_app.command("reject")
def reject_command(ctx: typer.Context, entry: EntryArg, actor: Actor = None, reason: Reason = "",
                   as_json: JsonOpt = False) -> None:  # fmt: skip
    """Reject a proposed entry (it stays in the trail, and out of every analysis)."""
    with kb_store(ctx) as store:
        _print_entry(review.reject(store, entry, actor=review.actor_or_login(actor), reason=reason), as_json)


@review_app.command("edit")
def edit_command(
    ctx: typer.Context,
    entry: EntryArg,
    changes: Annotated[list[str], typer.Argument(help="field=value pairs: value=5.5 comparator='~' year=2025")],
    actor: Actor = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Correct fields of an entry; it becomes accepted with the correction."""
    with user_errors():
        parsed = review.parse_changes(changes)
    with kb_store(ctx) as store:
        _print_entry(review.edit(store, entry, parsed, actor=review.actor_or_login(actor), reason=reason), as_json)


@review_app.command("merge")
def merge_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="A learned indicator id.")],
    into: Annotated[str, typer.Argument(help="The indicator it is the same as (learned, seed or curated id).")],
    actor: Actor = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Merge two indicators: the first one's targets and values count as the second's."""
    with kb_store(ctx) as store:
        _print_entry(review.merge(store, source, into, actor=review.actor_or_login(actor), reason=reason), as_json)


@review_app.command("audit")
def audit_command(
    ctx: typer.Context,
    entry: Annotated[str | None, typer.Argument(help="Only this entry's changes.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    output: Output = None,
) -> None:
    """The audit trail: what changed, who, when, why, before and after."""
    with kb_store(ctx) as store:
        text = review.export_audit(review.audit(store, entry), fmt)
    _write(text, output)


@review_app.command("export")
def export_command(ctx: typer.Context, output: Output = None) -> None:
    """Accepted entries as a curated data file (the YAML format of sinoscope/knowledge/data)."""
    with kb_store(ctx) as store:
        text = review.export(store)
    _write(text, output)
