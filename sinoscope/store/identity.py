"""Document identity: which stored document a file is, and the id a new one gets.

A document is bound to the file it came from (absolute path) and to the content hash of what was ingested:
- the same path again is the same document (a changed file updates it);
- the same content from another path is the same document too: a copy changes nothing, a move (the
  stored path is gone) rebinds the document to its new path, so its next version there updates it;
- anything else is a new document, with the id its file name suggests when that id is free, or else a
  disambiguated one ("2023_b.txt" → "2023-b"); a name with no letter or digit to spell an ASCII id from
  ("关于加快发展的意见.txt") asks for its script and a hash of the name ("zh-3f9a1c"). A stored document
  is replaced by another file only when the caller asks (`replace`), and an id the curated knowledge
  cites ("000") is only ever given to the content its citations were written against
  (`knowledge/sources.yaml`).
Every decision that is not the obvious one comes with a `note` for the user.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sinoscope.documents.anchors import doc_id_for, free_doc_id, slug_for
from sinoscope.documents.zh_variants import has_han
from sinoscope.store.base import DocumentInfo


@dataclass(frozen=True)
class Identity:
    doc_id: str
    stored_hash: str | None
    """Content hash of the document stored under `doc_id` now (None: a new document)."""
    note: str | None = None
    rebind: bool = False
    """The stored document is to be bound to this path (its file moved), even if its content is unchanged."""


@dataclass
class _Known:
    doc_id: str
    origin: str
    content_hash: str
    path: str


def origin_of(path: str | Path) -> str:
    """The absolute path a document is bound to ("" when there is none)."""
    if not str(path):
        return ""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return str(Path(path).absolute())


NAME_HASH = 6
"""Hex digits of the name's hash in the id of a file whose name spells no ASCII id."""


def preferred_id(filename: str) -> str:
    """The id the file name asks for (`doc_id_for`). A name with nothing ASCII to spell it from would
    ask for "doc", like every other such name, so it asks for its script and a short hash of the name
    instead: stable for the name (the same file name always asks for the same id, as an ASCII name does),
    distinct between names, and readable enough to type ("关于加快发展的意见.txt" → "zh-" + 6 hex digits)."""
    wanted = doc_id_for(filename)
    stem = unicodedata.normalize("NFC", filename.rsplit(".", 1)[0] if "." in filename else filename).strip()
    if wanted != "doc" or slug_for(filename) != "doc" or stem.lower() == "doc" or not stem:
        return wanted
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:NAME_HASH]
    return f"{'zh' if has_han(stem) else 'doc'}-{digest}"


def free_id(filename: str, taken: Callable[[str], bool]) -> str:
    """The first id for `filename` that is not `taken` (`free_doc_id`, or the hashed id then "-2", "-3"…)."""
    wanted = preferred_id(filename)
    if wanted == doc_id_for(filename):
        return free_doc_id(filename, taken)
    n = 1
    candidate = wanted
    while taken(candidate):
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


class Registry:
    """The stored documents' ids, paths and hashes for one ingestion batch, updated as files are resolved."""

    def __init__(self, documents: Iterable[DocumentInfo], reserved: Mapping[str, str]) -> None:
        self._reserved = dict(reserved)
        self._docs: dict[str, _Known] = {}
        self._by_origin: dict[str, _Known] = {}
        self._by_hash: dict[str, _Known] = {}
        for d in documents:
            self._remember(_Known(d.doc_id, d.origin or origin_of(d.path), d.content_hash, d.path))

    def _remember(self, known: _Known) -> None:
        self.forget(known.doc_id)
        self._docs[known.doc_id] = known
        if known.origin:
            self._by_origin[known.origin] = known
        self._by_hash.setdefault(known.content_hash, known)

    def _taken(self, doc_id: str, content_hash: str) -> bool:
        reserved = self._reserved.get(doc_id)
        return doc_id in self._docs or (reserved is not None and reserved != content_hash)

    def resolve(self, path: Path, content_hash: str, *, replace: bool = False) -> Identity:
        """The id `path` (with this content) is stored under, and the stored hash it replaces."""
        origin = origin_of(path)
        known = self._by_origin.get(origin)
        if known is not None:
            return self._claim(known.doc_id, path, content_hash, known.content_hash)
        known = self._by_hash.get(content_hash)
        if known is not None:
            if known.origin and not Path(known.origin).exists():  # the stored file moved here: follow it
                note = f"moved from {known.path}"
                return self._claim(known.doc_id, path, content_hash, known.content_hash, note, rebind=True)
            return Identity(known.doc_id, known.content_hash, f"same content as {known.path}")
        for doc_id, digest in self._reserved.items():
            if digest == content_hash and doc_id not in self._docs:
                return self._claim(doc_id, path, content_hash, None)
        wanted = preferred_id(path.name)
        holder = self._docs.get(wanted)
        reserved = self._reserved.get(wanted)
        if not self._taken(wanted, content_hash):
            return self._claim(wanted, path, content_hash, None)
        if replace and holder is not None and (reserved is None or reserved == content_hash):
            note = f"replaced document {wanted} (was {holder.path})"
            return self._claim(wanted, path, content_hash, holder.content_hash, note)
        doc_id = free_id(path.name, lambda d: self._taken(d, content_hash))
        if holder is not None:
            why = f"id {wanted} belongs to {holder.path}"
            hint = "" if reserved is not None else "; --replace replaces it"
        else:
            why, hint = f"id {wanted} is reserved for the report the curated knowledge cites", ""
        return self._claim(doc_id, path, content_hash, None, f"{why}: stored as {doc_id}{hint}")

    def _claim(
        self,
        doc_id: str,
        path: Path,
        content_hash: str,
        stored: str | None,
        note: str | None = None,
        *,
        rebind: bool = False,
    ) -> Identity:
        self._remember(_Known(doc_id, origin_of(path), content_hash, str(path)))
        return Identity(doc_id, stored, note, rebind)

    def forget(self, doc_id: str) -> None:
        known = self._docs.pop(doc_id, None)
        if known is None:
            return
        if self._by_origin.get(known.origin) is known:
            del self._by_origin[known.origin]
        if self._by_hash.get(known.content_hash) is known:
            del self._by_hash[known.content_hash]
