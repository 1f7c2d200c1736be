"""Crash-safe persistence for an index directory: write a new generation of files, then flip `meta.json`.

`meta.json` names the generation in force and is replaced atomically (rename), so a reader sees either
the old files or the complete new ones, never a mix; older generations are deleted only after the flip.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sinoscope.errors import StoreError

META = "meta.json"


def read_meta(directory: Path) -> dict[str, Any]:
    path = directory / META
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise StoreError(f"{directory}: no vector index here") from err
    except (OSError, ValueError) as err:
        raise StoreError(f"{path}: unreadable vector index metadata ({err})") from err
    if not isinstance(meta, dict):
        raise StoreError(f"{path}: unreadable vector index metadata")
    return meta


def generation_file(directory: Path, meta: Mapping[str, Any], stem: str, suffix: str) -> Path:
    return directory / f"{stem}-{int(meta['generation'])}{suffix}"


def write_snapshot(
    directory: Path, meta: dict[str, Any], writers: Mapping[tuple[str, str], Callable[[Path], object]]
) -> None:
    """Write each (stem, suffix) file of a new generation with its writer, then publish `meta`."""
    directory.mkdir(parents=True, exist_ok=True)
    try:
        old = int(read_meta(directory).get("generation", 0))
    except StoreError:
        old = 0
    gen = old + 1
    meta = {**meta, "generation": gen}
    for (stem, suffix), write in writers.items():
        target = generation_file(directory, meta, stem, suffix)
        write(target)
        _fsync(target)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".meta", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(meta, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, directory / META)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for f in directory.iterdir():
        if f.name != META and not f.name.endswith(f"-{gen}{f.suffix}") and not f.name.startswith("."):
            f.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
