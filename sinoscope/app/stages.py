"""The per-file stages of ingestion: read → structure → extract. Each is a plain, picklable function.

They live apart from `app.pipeline` (which composes them and adds the store, link and embed stages) so that
a process that only runs them, the parsing sandbox's worker or a Dask worker, imports no more than they need.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sinoscope.documents.metadata import MetadataOverrides, describe_document
from sinoscope.documents.model import Document
from sinoscope.sources.model import SourceText
from sinoscope.sources.sandbox import read_file
from sinoscope.store.base import IngestExtras


def read(path: Path, max_bytes: int | None = None) -> SourceText:
    """Read: the file's text, content hash and source map, whatever its format (refused above `max_bytes`)."""
    return read_file(path, max_bytes=max_bytes)


def structure(source: SourceText, doc_id: str) -> Document:
    """Structure: chapters, blocks and tables recovered from the text."""
    from sinoscope.documents.structure import build_document  # loaded with the first file parsed

    return build_document(source, doc_id)


def describe(doc: Document, source: SourceText, path: Path, overrides: MetadataOverrides) -> Document:
    """Structure, continued: the built document with the file's identity (hash, path) and metadata set."""
    # Idempotency hinges on the stored hash being the file's hash, whatever the builder set.
    doc = dataclasses.replace(doc, content_hash=source.content_hash, source_path=str(path))
    meta = describe_document(source, fallback_title=path.stem, overrides=overrides)
    return dataclasses.replace(doc, title=meta.title_or_fallback, metadata={**doc.metadata, **meta.as_dict()})


def extract(doc: Document) -> IngestExtras:
    """Extract: the document's facts and table records, ready to be stored with it."""
    from sinoscope.extraction.facts import extract_facts, extract_table_records  # ~0.6 s to import

    return IngestExtras(facts=tuple(extract_facts(doc)), table_records=tuple(extract_table_records(doc)))


def with_provenance(extras: IngestExtras, source: SourceText) -> IngestExtras:
    """Extract, continued: each fact's place in the file itself (characters, or a PDF page), to check it there."""
    quoter = source.source_map.quoter(source.text)
    located = [f.model_copy(update=source.source_map.locate(f.start, f.end, quoter)) for f in extras.facts]
    return dataclasses.replace(extras, facts=located)
