"""The version of what derives a document's stored rows from its file: read, structure and extract.

A stored document records the version that derived it (`Store.save_document(derived_version=...)`); ingest
derives a document again when its version is not the current one, even from an unchanged file, so an
upgraded reader, structure builder or extractor reaches every stored document without `--force`.

The version is a digest of the code and data of the packages that do that work (`sources`, `documents`,
`extraction`), with an epoch to bump by hand for a change they cannot see (a parsing library's new
release). A digest rather than hand-kept constants, because a constant is only as current as the last
person who remembered to bump it; the cost is that any edit there (even a comment) derives documents again
once, which is the safe side. Links have their own version (`store.kb_sync.links_version`: content,
knowledge base, linker) and vectors theirs (the dense index's version list).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import sinoscope
from sinoscope.store.base import DocumentInfo

EPOCH = "1"
"""Bumped by hand when derivation changes without a change in the packages below."""
DERIVING_PACKAGES = ("sources", "documents", "extraction")
"""The layers whose code and data turn a file into stored rows."""
_SKIPPED = {"__pycache__"}


@functools.cache
def code_digest() -> str:
    """A short digest of every file (name and bytes) in the deriving packages, compiled caches aside."""
    root = Path(sinoscope.__file__).resolve().parent
    digest = hashlib.sha256()
    for package in DERIVING_PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and not _SKIPPED & set(path.parts) and path.suffix not in (".pyc", ".pyo"):
                digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def derived_version(*, extracted: bool) -> str:
    """The version to record with a document just derived: structure only, or structure and extraction."""
    return f"{EPOCH}:{code_digest()}:{'extracted' if extracted else 'structure'}"


def is_current(stored: str, *, extracting: bool) -> bool:
    """Whether rows derived as `stored` need no new derivation for a run that does (or does not) extract.
    A document derived with extraction is current for a run without it (it has more, not less)."""
    if stored == derived_version(extracted=True):
        return True
    return not extracting and stored == derived_version(extracted=False)


def stale_reason(info: DocumentInfo, *, extracting: bool) -> str | None:
    """Why a stored document must be derived again from its unchanged file (one phrase), or None: derived by
    other code, or rows written with it that are gone (those a document listing counts)."""
    if not is_current(info.derived_version, extracting=extracting):
        return "derived again (stored by another version)" if info.derived_version else "derived again (unversioned)"
    recorded = info.derived_counts
    found = {"chapters": info.chapters, "blocks": info.blocks, "facts": info.facts}
    lost = [f"{name} {n} of {recorded[name]}" for name, n in found.items() if recorded.get(name, n) != n]
    return f"derived again ({', '.join(lost)} left)" if lost else None
