"""Deprecated: extraction is a stage of the pipeline, `sinoscope.app.stages.extract` (issue 17).

`extract_document` is kept, resolved lazily so the store imports nothing above itself, until its importers
(tests, bench) import the stage from there.
"""

from __future__ import annotations

import importlib
from typing import Any


def __getattr__(name: str) -> Any:
    if name == "extract_document":
        return importlib.import_module("sinoscope.app.stages").extract
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
