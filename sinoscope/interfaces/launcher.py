"""The `sinoscope` console script: hands read-only commands to a warm worker, or runs the CLI in-process.

Importing the CLI takes ~2 s and loading the dense model ~2 s more, on every call. `ask`, `search`,
`show`, `docs` and `facts` go to the worker of their database (`sinoscope.app.warm`) when one runs;
otherwise, and on any failure talking to it, the command runs here as before, and after an in-process
`ask` or `search` a worker starts in the background. Same output bytes either way; `--version` is
answered without importing the CLI. Only the standard library and `app.warm` are imported up front.
"""

from __future__ import annotations

import os
import sys

import sinoscope
from sinoscope.app import warm

WORKER_MODULE = "sinoscope.interfaces.cli.warm_worker"


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
    found = warm.plan(argv)
    db = warm.database(found.db) if found is not None else ""
    sock = warm.socket_path(db, os.environ) if found is not None and warm.enabled(os.environ) else None
    if sock is not None:
        try:
            reply = warm.forward(sock, warm.request_for(argv, warm.program_name()))
        except KeyboardInterrupt:
            sys.stderr.write("\nAborted!\n")  # what Click prints for Ctrl-C in-process
            raise SystemExit(1) from None
        if reply is not None:
            raise SystemExit(reply.replay())
    code = _in_process()
    if sock is not None and found is not None and found.command in warm.STARTS_WORKER and code in (None, 0):
        sys.stdout.flush()
        sys.stderr.flush()
        warm.spawn(sock, db, WORKER_MODULE)
    raise SystemExit(code)


if __name__ == "__main__":
    main()
