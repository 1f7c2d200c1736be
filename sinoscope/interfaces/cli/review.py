"""`sinoscope review list|accept|edit|merge|reject|audit`: analyst review of learned knowledge (thin: the use
cases are in `sinoscope.app.review`). Writes from the command line are authorised by access to the database
file; the actor is `--actor`, else the login name."""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from sinoscope.app import review
from sinoscope.errors import SinoscopeError
from sinoscope.knowledge.learned import EntryKind, LearnedEntry, ReviewState
from sinoscope.store import Store, open_store
from sinoscope.store.kb_sync import ensure_knowledge

review_app = typer.Typer(
    name="review", help="Review knowledge learned from documents: accept, edit, merge or reject.", no_args_is_help=True
)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
Actor = Annotated[str | None, typer.Option("--actor", help="Who decides (default: the login name).")]
Reason = Annotated[str, typer.Option("--reason", help="Why (kept in the audit trail).")]
EntryArg = Annotated[str, typer.Argument(help="Entry id, as `review list` prints it.")]


def _fail(message: str) -> typer.Exit:
    sys.stderr.write(f"error: {' '.join(message.split())}\n")
    return typer.Exit(2)


@contextmanager
def _store(ctx: typer.Context) -> Iterator[Store]:
    try:
        store = open_store(ctx.obj["db"], create=True)
    except SinoscopeError as err:
        raise _fail(str(err)) from None
    try:
        ensure_knowledge(store)
        yield store
    except SinoscopeError as err:
        raise _fail(str(err)) from None
    finally:
        store.close()


def _actor(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "cli"


def _print_entry(e: LearnedEntry, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(e.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(f"{e.id}: {e.state.value}\n")


@review_app.command("list")
def list_command(
    ctx: typer.Context,
    state: Annotated[ReviewState | None, typer.Option("--state", help="proposed, accepted or rejected.")] = None,
    kind: Annotated[EntryKind | None, typer.Option("--kind", help="target, actual or indicator.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Learned entries with their state and evidence (registering new ones as proposed)."""
    with _store(ctx) as store:
        entries = review.list_entries(store, state=state, kind=kind)
    if as_json:
        sys.stdout.write(json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="Review", title_justify="left")
    for col in ("id", "kind", "state", "what", "value", "year", "evidence"):
        table.add_column(col, overflow="fold")
    for e in entries:
        f = e.fields
        what = str(f.get("indicator_phrase") or f.get("name") or "")
        value = "" if e.kind is EntryKind.INDICATOR else f"{f.get('comparator', '')} {f.get('value')} {f.get('unit')}"
        table.add_row(e.id, e.kind.value, e.state.value, what, value, str(f.get("year") or ""), e.anchor or "")
    Console().print(table)


@review_app.command("accept")
def accept_command(ctx: typer.Context, entry: EntryArg, actor: Actor = None, reason: Reason = "",
                   as_json: JsonOpt = False) -> None:  # fmt: skip
    """Accept a proposed entry as it was extracted."""
    with _store(ctx) as store:
        _print_entry(review.accept(store, entry, actor=_actor(actor), reason=reason), as_json)


@review_app.command("reject")
def reject_command(ctx: typer.Context, entry: EntryArg, actor: Actor = None, reason: Reason = "",
                   as_json: JsonOpt = False) -> None:  # fmt: skip
    """Reject a proposed entry (it stays in the trail, and out of every analysis)."""
    with _store(ctx) as store:
        _print_entry(review.reject(store, entry, actor=_actor(actor), reason=reason), as_json)


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
    parsed: dict[str, Any] = {}
    for item in changes:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise _fail(f"{item}: expected field=value")
        parsed[key.strip()] = _value(raw.strip())
    with _store(ctx) as store:
        _print_entry(review.edit(store, entry, parsed, actor=_actor(actor), reason=reason), as_json)


def _value(raw: str) -> Any:
    """A number when it reads as one, null for 'null', else the text."""
    if raw == "null":
        return None
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError:
        return raw


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
    with _store(ctx) as store:
        _print_entry(review.merge(store, source, into, actor=_actor(actor), reason=reason), as_json)


@review_app.command("audit")
def audit_command(
    ctx: typer.Context,
    entry: Annotated[str | None, typer.Argument(help="Only this entry's changes.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
) -> None:
    """The audit trail: what changed, who, when, why, before and after."""
    with _store(ctx) as store:
        text = review.export_audit(review.audit(store, entry), fmt)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise _fail(f"{output}: {err.strerror}") from None


@review_app.command("export")
def export_command(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
) -> None:
    """Accepted entries as a curated data file (the YAML format of sinoscope/knowledge/data)."""
    with _store(ctx) as store:
        text = review.export(store)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise _fail(f"{output}: {err.strerror}") from None
