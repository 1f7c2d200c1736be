"""The `sinoscope` console script: hands read-only commands to a warm worker, or runs the CLI in-process.

Why a launcher: importing the CLI takes ~2 s and loading the dense model ~2 s more, on every call.
Read-only commands (`ask`, `search`, `show`, `docs`, `facts`) are forwarded to a worker for the same
database (`sinoscope.app.warm`) when one is running; otherwise, and on any failure talking to it, the
command runs here exactly as before. After an in-process `ask` or `search` a worker is started in the
background, so the next call is warm. The output is the same bytes either way.

This module lives outside `interfaces/cli/` because importing anything in that package imports the
whole CLI (its `__init__` does); it imports only the standard library and `sinoscope.app.warm`.
`sinoscope --version` is answered here without importing anything else.
Opt out with SINOSCOPE_NO_WARM=1; see `sinoscope.app.warm` for the rest.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple

import sinoscope
from sinoscope.app import warm

FORWARDED = frozenset({"ask", "search", "show", "docs", "facts"})
"""Commands that only read the store, so running them in a long-lived process changes nothing."""
STARTS_WORKER = frozenset({"ask", "search"})
"""Commands worth keeping a process warm for (they load the dense model)."""
WORKER_MODULE = "sinoscope.interfaces.cli.warm_worker"
DB_ENV = "SINOSCOPE_DB"


class Plan(NamedTuple):
    command: str
    db: str | None
    """The `--db` value as given (last one wins, as in the CLI), or None."""


def plan(argv: list[str]) -> Plan | None:
    """The command and `--db` of a command line the worker may run; None for anything else (help, errors)."""
    db: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--db":
            if i + 1 >= len(argv):
                return None
            db, i = argv[i + 1], i + 2
        elif arg.startswith("--db="):
            db, i = arg.removeprefix("--db="), i + 1
        elif arg.startswith("-"):
            return None  # --version, --help, or a mistake the CLI should report itself
        else:
            return Plan(arg, db) if arg in FORWARDED else None
    return None


def _is_url(raw: str) -> bool:
    """As `store.postgres_url.is_postgres_url`, without importing the store."""
    return raw.startswith(("postgresql://", "postgres://"))


def database(chosen: str | None) -> str:
    """The database the CLI would open, as an absolute path or a URL: --db, $SINOSCOPE_DB, the default."""
    raw = chosen if chosen is not None else os.environ.get(DB_ENV) or None
    if raw is None:
        from platformdirs import user_data_dir  # ~10 ms, only when no database is named

        raw = os.path.join(user_data_dir("sinoscope", appauthor=False), "sinoscope.sqlite")
    return raw if _is_url(raw) else os.path.abspath(raw)


def program_name() -> str:
    """The name the CLI shows in usage lines, computed as Click does (a script's file name, or python -m)."""
    main_module = sys.modules.get("__main__")
    path = sys.argv[0] if sys.argv else "sinoscope"
    package = getattr(main_module, "__package__", None)
    if not package:
        return os.path.basename(path)
    name = os.path.splitext(os.path.basename(path))[0]
    module = package if name == "__main__" else f"{package}.{name}"
    return f"python -m {module.lstrip('.')}"


def _in_process() -> object:
    """Run the CLI here; returns what it exited with (SystemExit's code)."""
    from sinoscope.interfaces.cli.main import main as cli_main

    try:
        cli_main()
    except SystemExit as done:
        return done.code
    return None


def main() -> None:
    """Console-script entry point."""
    argv = sys.argv[1:]
    if argv == ["--version"]:
        sys.stdout.write(f"sinoscope {sinoscope.__version__}\n")
        return
    found = plan(argv)
    sock = None
    if found is not None and warm.enabled(os.environ):
        db = database(found.db)
        sock = warm.socket_path(db, os.environ)
        if sock is not None:
            try:
                reply = warm.forward(sock, warm.request_for(argv, program_name()))
            except KeyboardInterrupt:
                sys.stderr.write("\nAborted!\n")  # what Click prints for Ctrl-C in-process
                raise SystemExit(1) from None
            if reply is not None:
                raise SystemExit(reply.replay())
    code = _in_process()
    if found is not None and sock is not None and found.command in STARTS_WORKER and code in (None, 0):
        sys.stdout.flush()
        sys.stderr.flush()
        warm.spawn(sock, database(found.db), WORKER_MODULE)
    raise SystemExit(code)


if __name__ == "__main__":
    main()
