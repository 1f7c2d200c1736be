"""`python -m sinoscope.interfaces.cli.warm_worker --socket S --db D [--no-warm-up]`: one database's warm worker.

Started by the launcher after an in-process `ask` or `search`; `app.warm.serve` runs each forwarded command
through the same Typer app as `sinoscope` itself (same output bytes). The embedder is made once per process
(`app.search.shared_embedder`); a warm-up search and question load it, the vector index, the knowledge base
and the lazily imported modules before the socket appears, so no client waits on a half-loaded worker.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import os
from pathlib import Path

from sinoscope.app import warm


def run_cli(argv: list[str], prog_name: str) -> int:
    """One command line through the CLI, as the console script runs it; returns the exit code."""
    from sinoscope.interfaces.cli.main import app

    try:
        app(args=argv, prog_name=prog_name)
    except SystemExit as done:
        return warm.exit_status(done.code)
    return 0


def warm_up(db: str) -> None:
    for argv in (["search", "--json", "--limit", "3", "warm up"], ["ask", "--json", "How many are planned?"]):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            run_cli(["--db", db, *argv], "sinoscope")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m sinoscope.interfaces.cli.warm_worker")
    parser.add_argument("--socket", required=True, type=Path)
    parser.add_argument("--db", required=True)
    parser.add_argument("--no-warm-up", action="store_true")
    opts = parser.parse_args()
    up = None if opts.no_warm_up else functools.partial(warm_up, opts.db)
    raise SystemExit(warm.serve(opts.socket, run_cli, db=opts.db, idle=warm.idle_seconds(os.environ), warm_up=up))
