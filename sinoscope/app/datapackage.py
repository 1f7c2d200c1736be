"""Use case: the whole observatory as one Frictionless Data Package, for analysts who work in R, Excel or pandas.

A data package is a folder of CSV files with a `datapackage.json` that says what each column is (name, type,
description) and where the data comes from (the documents' titles and dates). Every figure row keeps the
anchor it is cited from, so a number copied out of the package can still be traced to its passage. The
descriptor follows the Data Package v1 / Table Schema specifications (https://specs.frictionlessdata.io/);
the test reads it back with the `frictionless` library when that is installed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sinoscope import __version__
from sinoscope.app.facts import FACT_FIELDS, TABLE_FIELDS, fact_record, find_facts, table_export
from sinoscope.app.render import flat_cell, plain, write_csv
from sinoscope.knowledge import KnowledgeBase
from sinoscope.store.base import Store

# Columns with a type other than "string", and what the conventions say of them (../docs: domain.md).
_TYPES = {
    "line": "integer", "start": "integer", "end": "integer", "source_start": "integer", "source_end": "integer",
    "page": "integer", "row": "integer", "col": "integer", "chars": "integer", "blocks": "integer",
    "tables": "integer", "facts": "integer", "value": "number", "value_max": "number", "scale": "number",
    "printed_value": "number", "confidence": "number", "baseline_value": "number", "source_line": "integer",
    "reader_line": "integer", "reader_start": "integer", "reader_end": "integer",
}  # fmt: skip
_DESCRIPTIONS = {
    "value": "The figure after scale words are applied (RMB 98.72 billion → 98720000000).",
    "unit": "%, percentage points, an ISO 4217 currency code, or the count noun counted.",
    "period": "The year or span the figure is for (2021, 2015-2020), resolved against the document's date.",
    "kind": "actual, target, estimate or forecast.",
    "section": "The citation anchor of the passage the figure is printed in.",
    "sources": "Citation anchors of the passages the entry is taken from, separated by '; '.",
    "start": "Character offset of the figure in the file (in the text read from it for PDF and DOCX).",
    "source_start": "Character offset of the figure in the file itself.",
    "reader_start": "Character offset of the figure in the text sinoscope read from the file (markup dropped).",
    "comparator": ">=, >, <=, <, ~ or = as the text qualifies the figure.",
}
DOCUMENT_FIELDS = (
    "doc_id", "title", "date", "issuer", "author", "doc_number", "lang", "file_name", "format", "sha256",
    "chars", "blocks", "tables", "facts",
)  # fmt: skip
INDICATOR_FIELDS = ("id", "name", "name_zh", "unit", "per", "definition", "sources")
OBSERVATION_FIELDS = (
    "id", "indicator", "entity", "period", "value", "value_max", "approx", "unit", "per", "dimension", "kind",
    "publisher", "as_of", "sources",
)  # fmt: skip
TARGET_FIELDS = (
    "id", "indicator", "policy", "subject", "comparator", "value", "value_max", "unit", "per", "year",
    "baseline_value", "baseline_year", "status", "sources",
)  # fmt: skip


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    fields: Sequence[str]
    rows: Callable[[], Iterable[Mapping[str, Any]]]


@dataclass(frozen=True)
class PackageReport:
    folder: Path
    rows: dict[str, int]
    """Rows written per resource."""


def _anchors(sources: Iterable[Any]) -> str:
    return "; ".join(s.anchor for s in sources if getattr(s, "anchor", None))


def _documents(store: Store) -> list[dict[str, Any]]:
    rows = []
    for d in store.list_documents():
        meta = d.metadata
        rows.append(
            {
                "doc_id": d.doc_id, "title": meta.get("title") or d.title, "date": meta.get("date"),
                "issuer": meta.get("issuer"), "author": meta.get("author"), "doc_number": meta.get("doc_number"),
                "lang": meta.get("lang"), "file_name": d.file_name, "format": d.format, "sha256": d.content_hash,
                "chars": d.chars, "blocks": d.blocks, "tables": d.tables, "facts": d.facts,
            }
        )  # fmt: skip
    return rows


def _kb_rows(kb: KnowledgeBase, kind: str) -> list[dict[str, Any]]:
    if kind == "indicators":
        entries: Iterable[Any] = kb.indicators()
    elif kind == "observations":
        entries = kb.observations()
    else:
        entries = kb.targets()
    fields = {"indicators": INDICATOR_FIELDS, "observations": OBSERVATION_FIELDS, "targets": TARGET_FIELDS}[kind]
    rows = []
    for e in entries:
        row = {f: getattr(e, f, None) for f in fields if f != "sources"}
        row["sources"] = _anchors(getattr(e, "sources", ()))
        rows.append({k: plain(v) for k, v in row.items()})
    return rows


def resources(store: Store, kb: KnowledgeBase | None) -> list[Resource]:
    """The package's tables: documents, facts and table cells from the store; indicators, observations and
    targets from the knowledge base when one is loaded."""
    out = [
        Resource("documents", "Documents", DOCUMENT_FIELDS, lambda: _documents(store)),
        Resource("facts", "Figures found in the text", FACT_FIELDS, lambda: map(fact_record, find_facts(store, None))),
        Resource("table_cells", "Table cells as tidy records", TABLE_FIELDS, lambda: table_export(store)),
    ]
    if kb is not None:
        for name, title, fields in (
            ("indicators", "Indicators", INDICATOR_FIELDS),
            ("observations", "Observations of indicators", OBSERVATION_FIELDS),
            ("targets", "Targets set by policies", TARGET_FIELDS),
        ):
            out.append(Resource(name, title, fields, lambda name=name: _kb_rows(kb, name)))  # type: ignore[misc]
    return out


def _field(name: str) -> dict[str, str]:
    field = {"name": name, "type": _TYPES.get(name, "string")}
    if name in _DESCRIPTIONS:
        field["description"] = _DESCRIPTIONS[name]
    return field


def write_datapackage(store: Store, kb: KnowledgeBase | None, folder: Path) -> PackageReport:
    """Write every resource as CSV and the descriptor last, each through a temporary name and a rename, so
    an interrupted export never leaves a descriptor describing files that are not all there."""
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    described = []
    for r in resources(store, kb):
        path = folder / f"{r.name}.csv"
        tmp = path.with_suffix(".csv.tmp")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            n = write_csv(fh, ({f: flat_cell(row.get(f)) for f in r.fields} for row in r.rows()), r.fields)
        os.replace(tmp, path)
        counts[r.name] = n
        described.append(
            {
                "name": r.name, "title": r.title, "path": path.name, "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "schema": {"fields": [_field(f) for f in r.fields], "missingValues": [""]},
            }
        )  # fmt: skip
    descriptor = {
        "profile": "tabular-data-package",
        "name": "sinoscope-observatory",
        "title": "sinoscope observatory export",
        "created": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "description": "Documents, the figures found in them, their tables as tidy cells, and the knowledge "
        "base's indicators, observations and targets; every figure row keeps the anchor of its passage.",
        "sources": [{"title": d["title"], "path": d["file_name"]} for d in _documents(store)],
        "contributors": [{"title": f"sinoscope {__version__}", "role": "author"}],
        "resources": described,
    }
    tmp = folder / "datapackage.json.tmp"
    tmp.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, folder / "datapackage.json")
    return PackageReport(folder, counts)


def export_observatory(store: Store, folder: Path) -> PackageReport:
    """The package of a store: with its knowledge base's tables when one is loaded (`kb load`, or any ingest)."""
    kb = store.knowledge() if store.knowledge_digest() is not None else None
    return write_datapackage(store, kb, folder)
