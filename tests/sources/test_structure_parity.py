"""The same report in five formats recovers the same structure (needs `documents.structure`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sinoscope.documents import structure
from sinoscope.sources.read import read_source

from . import report


def _outline(path: Path) -> dict[str, Any]:
    document = structure.build_document(read_source(path), "rep")
    return {
        "chapters": [(c.number, c.title) for c in document.chapters],
        "sections": [(s.number, s.title) for c in document.chapters for s in c.sections],
        "tables": [(b.table.label, b.table.rows) for b in document.tables() if b.table is not None],
    }


def test_all_formats_recover_the_same_chapters_sections_and_tables(tmp_path: Path) -> None:
    outlines = {ext: _outline(write(tmp_path / f"report{ext}")) for ext, write in report.WRITERS.items()}
    plain = outlines[".txt"]
    assert [number for number, _ in plain["chapters"]] == [1, 2]
    assert [title for _, title in plain["chapters"]] == [
        "Money Flows and Their Sources",
        "Targets for the Next Plan",
    ]
    assert [number for number, _ in plain["sections"]] == ["1.1", "1.2", "2.1", "2.2"]
    assert [label for label, _ in plain["tables"]] == ["1-1"]
    assert plain["tables"][0][1][-3:] == report.ROWS[1:]
    for ext, outline in outlines.items():
        assert outline == plain, ext
