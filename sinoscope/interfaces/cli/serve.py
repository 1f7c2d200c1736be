"""`sinoscope serve`: the web app (pages and REST API) on this machine.

It binds to 127.0.0.1 by default: the app has no accounts, so exposing it on a network is a choice the
user makes explicitly with --host.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from sinoscope.app import serve as serving
from sinoscope.app import serve_assets
from sinoscope.app.serve import allowed_hosts_for, ensure_token, prepare_store, shown_location, token_path
from sinoscope.interfaces.cli.common import user_errors


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server processes (more serve more users at once).")
    ] = 2,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Another Host name clients use to reach the server (repeatable)."),
    ] = None,
) -> None:
    """Start the web app: read, search and chart in the browser (the knowledge base works before any ingest)."""
    import uvicorn

    from sinoscope.interfaces.api.app import ENV_ALLOWED_HOSTS, ENV_DB

    db: Path = ctx.obj["db"]
    hosts = allowed_hosts_for(host, list(allow_host or []))
    with user_errors():
        prepare_store(db)
    token, generated = ensure_token(db)
    if generated:
        sys.stderr.write(f"sinoscope: write token for review (kept in {token_path(db)}): {token}\n")
    if serve_assets.missing():
        sys.stderr.write("warning: chart scripts not fetched yet (run `sinoscope assets`); charts will not draw\n")
    shown = shown_location(db)
    sys.stderr.write(f"sinoscope: serving {shown} on http://{host}:{port}/ with {workers} worker(s) (Ctrl+C stops)\n")
    os.environ[ENV_DB] = str(db)
    os.environ[ENV_ALLOWED_HOSTS] = ",".join(hosts)
    serving.single_threaded_libraries()  # the workers are the parallelism: faiss's own threads only spin against them
    uvicorn.run(
        "sinoscope.interfaces.api.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def assets(
    check: Annotated[bool, typer.Option("--check", help="Only report what is missing; exit 1 if anything is.")] = False,
) -> None:
    """Fetch the pinned chart and htmx scripts for the web app (once, at set-up; verified by SHA-256)."""
    folder = serve_assets.vendor_dir()
    absent = serve_assets.missing(folder)
    if check:
        for a in absent:
            sys.stderr.write(f"missing: {folder / a.file} ({a.package}@{a.version})\n")
        raise typer.Exit(1 if absent else 0)
    with user_errors():
        written = serve_assets.fetch(folder)
    done = ", ".join(f"{a.package}@{a.version}" for a in written) or "nothing to fetch"
    sys.stderr.write(f"web assets in {folder}: {done}\n")
