"""The `sinoscope` command: the global options and every command group, registered in the order data flows.

Each group lives in its own module (`ingest`, `doctor`, `read`, `ask`, `facts`, `kb`, `analysis`, `review`, `serve`);
formatting lives in `render`, progress display in `progress`, shared error handling in `common`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from sinoscope import __version__
from sinoscope.app.workspace import store_location
from sinoscope.interfaces.cli import analysis, ask, doctor, facts, ingest, read, review, serve
from sinoscope.interfaces.cli.common import default_db
from sinoscope.interfaces.cli.kb import kb_app

app = typer.Typer(
    name="sinoscope",
    help="Ingest policy reports into a citable store; look up passages, tables and numbers by anchor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Commands are grouped in `--help` by what a user is doing, in the order data flows.
INGEST, READ, NUMBERS, KNOWLEDGE, WEB = "Ingest", "Read and search", "Numbers", "Knowledge and analyses", "Web"


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
    ctx.obj = {"db": default_db() if db is None else store_location(db)}


# Commands in the order data flows (panel order in `--help` follows).
app.command("ingest", rich_help_panel=INGEST)(ingest.ingest)
app.command("remove", rich_help_panel=INGEST)(ingest.remove)
app.command("index", rich_help_panel=INGEST)(ingest.index)
app.command("doctor", rich_help_panel=INGEST)(doctor.doctor)
app.command("docs", rich_help_panel=READ)(read.docs)
app.command("show", rich_help_panel=READ)(read.show)
app.command("search", rich_help_panel=READ)(read.search)
app.command("ask", rich_help_panel=READ)(ask.ask)
app.command("facts", rich_help_panel=NUMBERS)(facts.facts)
app.command("tables", rich_help_panel=NUMBERS)(facts.tables)
app.add_typer(facts.export_app, rich_help_panel=NUMBERS)
app.command("extract", rich_help_panel=NUMBERS)(facts.extract)
app.add_typer(kb_app, rich_help_panel=KNOWLEDGE)
app.command("targets", rich_help_panel=KNOWLEDGE)(analysis.targets)
app.command("derive", rich_help_panel=KNOWLEDGE)(analysis.derive_command)
app.command("check", rich_help_panel=KNOWLEDGE)(analysis.check)
app.add_typer(analysis.analyze_app, rich_help_panel=KNOWLEDGE)
app.add_typer(review.review_app, rich_help_panel=KNOWLEDGE)
app.command("serve", rich_help_panel=WEB)(serve.serve)
app.command("assets", rich_help_panel=WEB)(serve.assets)


def main() -> None:
    """Console-script entry point."""
    app()
