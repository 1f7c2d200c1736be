"""Which content each curated document id stands for (`sources.yaml`): citations are keyed to content.

The curated data cites passages as "000#4.3¶2"; "000" means the report whose file has the sha256 listed
here, whatever it was named. Ingestion reserves these ids for that content, and linking checks the stored
document's hash, so a different file can never inherit the curated citations.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml  # type: ignore[import-untyped]


@functools.cache
def curated_documents() -> Mapping[str, str]:
    """Curated document id → sha256 of the report's file."""
    text = resources.files("sinoscope.knowledge").joinpath("sources.yaml").read_text(encoding="utf-8")
    return parse_sources(yaml.safe_load(text))


def parse_sources(data: Any) -> dict[str, str]:
    if not isinstance(data, Mapping):
        return {}
    out: dict[str, str] = {}
    for doc_id, entry in data.items():
        digest = entry.get("sha256") if isinstance(entry, Mapping) else entry
        if isinstance(digest, str) and len(digest) == 64:
            out[str(doc_id)] = digest.lower()
    return out


def bound_to_content(doc_id: str, content_hash: str | None) -> bool:
    """Whether curated citations of `doc_id` may attach to a stored document with this content hash."""
    expected = curated_documents().get(doc_id)
    return expected is None or expected == content_hash
