"""`sinoscope doctor`: check and repair what is derived from the stored documents (the use case: `app.doctor`)."""

from __future__ import annotations

from typing import Annotated

import typer

from sinoscope.app.doctor import doctor as run_doctor
from sinoscope.interfaces.cli.common import open_db, print_json


def doctor(
    ctx: typer.Context,
    repair: Annotated[bool, typer.Option("--repair", help="Repair what is found (derive, link, embed again).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check derived data (structure, facts, tables, links, vectors, orphaned rows) against the documents."""
    with open_db(ctx) as store:
        found = run_doctor(store, ctx.obj["db"], repair_found=repair)
    if as_json:
        print_json(found.as_json())
    else:
        typer.echo(found.text())
    if not found.ok:
        raise typer.Exit(1)
