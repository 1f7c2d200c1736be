"""The `sinoscope` command, grouped by task: each module parses one group's options and renders its results.

`app` and `default_db` load on first use (PEP 562): importing one module of this package, such as the warm
worker or a launcher, must not import every command (~2 s). The console-script entry point is
`sinoscope.interfaces.cli.main:main`, reached through `sinoscope.interfaces.launcher`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sinoscope.interfaces.cli.common import default_db
    from sinoscope.interfaces.cli.main import app

__all__ = ["app", "default_db"]

_HOMES = {"app": "sinoscope.interfaces.cli.main", "default_db": "sinoscope.interfaces.cli.common"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
