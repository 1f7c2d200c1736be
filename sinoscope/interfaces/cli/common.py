"""What every command shares: the database option's default, one-line errors, the store, JSON on stdout.

User errors (`SinoscopeError`) become one line on stderr, "error: <what>: <reason>", and exit code 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from platformdirs import user_data_dir

from sinoscope.app.documents import printable
from sinoscope.app.workspace import Store, open_store
from sinoscope.errors import SinoscopeError

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


def default_db() -> Path:
    return Path(user_data_dir("sinoscope", appauthor=False)) / "sinoscope.sqlite"


def fail(message: str, code: int = EXIT_USER_ERROR) -> typer.Exit:
    sys.stderr.write(f"error: {printable(message)}\n")
    sys.stderr.flush()
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    try:
        yield
    except SinoscopeError as err:
        raise fail(" ".join(str(err).split())) from None


@contextmanager
def open_db(ctx: typer.Context, *, create: bool = False) -> Iterator[Store]:
    db: Path = ctx.obj["db"]
    with user_errors():
        store = open_store(db, create=create)
    try:
        with user_errors():
            yield store
    finally:
        store.close()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
