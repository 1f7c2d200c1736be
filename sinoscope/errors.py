"""Errors that carry a message fit to show a user as one line.

Interfaces catch `SinoscopeError` and print `str(err)`; anything else is a bug and may show a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class SinoscopeError(Exception):
    """Base class for every error a user can cause and fix."""


class InputError(SinoscopeError):
    """A source file cannot be read as a report; names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ChoiceError(InputError):
    """An option given a value outside its choices (`--kind planet`): 422 over HTTP, like any invalid parameter."""


def require_choice(name: str, value: str | None, allowed: Sequence[str]) -> None:
    """A ChoiceError unless `value` is empty or one of `allowed`, worded as the API words a bad parameter:
    "kind: expected one of actual, target (got 'guess')"."""
    if value and value not in allowed:
        raise ChoiceError(name, f"expected one of {', '.join(allowed)} (got {value!r})")


class NotFoundError(SinoscopeError):
    """An anchor, document or entity the user asked for does not exist."""


class StoreError(SinoscopeError):
    """The database cannot be opened or is from an incompatible version."""
