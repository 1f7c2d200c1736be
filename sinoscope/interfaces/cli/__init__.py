"""The `sinoscope` command, grouped by task: each module parses one group's options and renders its results."""

from sinoscope.interfaces.cli.main import app, default_db, main

__all__ = ["app", "default_db", "main"]
