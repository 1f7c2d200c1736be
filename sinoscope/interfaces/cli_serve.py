"""`sinoscope serve`: the web app (pages and REST API) on this machine.

It binds to 127.0.0.1 by default: the app has no accounts, so exposing it on a network is a choice the
user makes explicitly with --host.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sinoscope.errors import SinoscopeError


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Start the web app: read, search and chart in the browser (the knowledge base works before any ingest)."""
    import uvicorn

    from sinoscope.interfaces.api import create_app

    db: Path = ctx.obj["db"]
    try:
        app = create_app(db)
    except SinoscopeError as err:
        sys.stderr.write(f"error: {' '.join(str(err).split())}\n")
        raise typer.Exit(2) from None
    from sinoscope.interfaces.web import assets as web_assets

    if web_assets.missing():
        sys.stderr.write("warning: chart scripts not fetched yet (run `sinoscope assets`); charts will not draw\n")
    sys.stderr.write(f"sinoscope: serving {db} on http://{host}:{port}/ (Ctrl+C stops)\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def assets(
    check: Annotated[bool, typer.Option("--check", help="Only report what is missing; exit 1 if anything is.")] = False,
) -> None:
    """Fetch the pinned chart and htmx scripts for the web app (once, at set-up; verified by SHA-256)."""
    from sinoscope.interfaces.web import assets as web_assets

    folder = web_assets.vendor_dir()
    absent = web_assets.missing(folder)
    if check:
        for a in absent:
            sys.stderr.write(f"missing: {folder / a.file} ({a.package}@{a.version})\n")
        raise typer.Exit(1 if absent else 0)
    try:
        written = web_assets.fetch(folder)
    except SinoscopeError as err:
        sys.stderr.write(f"error: {' '.join(str(err).split())}\n")
        raise typer.Exit(2) from None
    done = ", ".join(f"{a.package}@{a.version}" for a in written) or "nothing to fetch"
    sys.stderr.write(f"web assets in {folder}: {done}\n")
