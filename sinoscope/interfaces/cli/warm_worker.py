"""`python -m sinoscope.interfaces.cli.warm_worker --socket S --db D`: the warm worker of one database.

Started in the background by the launcher (`sinoscope.interfaces.launcher`) after an in-process `ask` or
`search`; serves forwarded commands through `sinoscope.app.warm.serve`, running each one through the
same Typer app as `sinoscope` itself, so the output is the same bytes.

The dense embedder is created once per process (`app.search.shared_embedder`), though each command builds
its own workspace; a warm-up search and question load it and the rest (vector index, knowledge base,
lexicons, lazily imported modules) before the socket appears, so no client waits on a half-loaded worker.
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
    """A search and a question, output discarded: what the first forwarded command would otherwise load."""
    for argv in (["search", "--json", "--limit", "3", "warm up"], ["ask", "--json", "How many are planned?"]):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            run_cli(["--db", db, *argv], "sinoscope")


def main(args: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sinoscope.interfaces.cli.warm_worker")
    parser.add_argument("--socket", required=True, type=Path)
    parser.add_argument("--db", required=True)
    parser.add_argument("--no-warm-up", action="store_true", help="Skip the warm-up commands (tests).")
    parsed = parser.parse_args(args)
    return warm.serve(
        parsed.socket,
        run_cli,
        db=parsed.db,
        idle=warm.idle_seconds(os.environ),
        warm_up=None if parsed.no_warm_up else functools.partial(warm_up, parsed.db),
    )


if __name__ == "__main__":
    raise SystemExit(main())
