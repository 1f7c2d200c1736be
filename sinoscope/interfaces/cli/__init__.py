"""The `sinoscope` command, grouped by task: each module parses one group's options and renders its results."""

from sinoscope.interfaces.cli.common import default_db
from sinoscope.interfaces.cli.main import app, main

__all__ = ["app", "default_db", "main"]
