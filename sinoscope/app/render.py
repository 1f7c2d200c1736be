"""Results as JSON-ready values: one conversion for every interface, so the CLI and the API print the same."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any


def plain(obj: Any) -> Any:
    """Dataclasses (with their `evidence`/`difference` properties), pydantic models and enums as JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        for name in ("evidence", "difference", "relative_difference"):
            if hasattr(type(obj), name):
                out[name] = plain(getattr(obj, name))
        return out
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    return obj
