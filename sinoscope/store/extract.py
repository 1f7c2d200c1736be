"""The extraction stage of ingestion: a document's facts and table records, ready to save with it.

It lives on the store side because `IngestExtras` is the store's type; extraction itself knows nothing of
the store. `ingest_paths(..., extract=extract_document)` saves the results in the document's transaction.
"""

from __future__ import annotations

from sinoscope.documents.model import Document
from sinoscope.extraction.facts import extract_facts, extract_table_records
from sinoscope.store.base import IngestExtras


def extract_document(doc: Document) -> IngestExtras:
    return IngestExtras(facts=tuple(extract_facts(doc)), table_records=tuple(extract_table_records(doc)))
