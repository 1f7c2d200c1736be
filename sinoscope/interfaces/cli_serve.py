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
    sys.stderr.write(f"sinoscope: serving {db} on http://{host}:{port}/ (Ctrl+C stops)\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")
