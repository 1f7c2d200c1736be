"""The store only stores: the orchestration of ingestion (reading, parsing, extraction, entity linking, loading
the bundled knowledge base) lives in the application layer's pipeline, never in `sinoscope.store`."""

from __future__ import annotations

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "sinoscope" / "store"

PIPELINE_ONLY = {
    "sinoscope.sources.sandbox",
    "sinoscope.sources.read",
    "sinoscope.documents.structure",
    "sinoscope.documents.metadata",
    "sinoscope.extraction.facts",
    "sinoscope.knowledge.loader",
    "sinoscope.knowledge.sources",
}
"""Modules of the read, structure, extract and link stages."""
LINKING = {"link_document", "AliasIndex", "load_files", "bundled_files"}


def test_no_store_module_runs_a_pipeline_stage() -> None:
    wrong: list[str] = []
    for path in sorted(STORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = {a.name for a in node.names}
                if node.module in PIPELINE_ONLY or names & LINKING:
                    wrong.append(f"{path.name}: from {node.module} import {', '.join(sorted(names))}")
            elif isinstance(node, ast.Import):
                wrong += [f"{path.name}: import {a.name}" for a in node.names if a.name in PIPELINE_ONLY]
    assert not wrong, "\n".join(wrong)
