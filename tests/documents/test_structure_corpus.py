"""Acceptance: the structure recovered from the two corpus reports matches `shared/gold/structure.json`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from sinoscope.documents.anchors import doc_id_for
from sinoscope.documents.model import Document
from sinoscope.documents.structure import build_document
from sinoscope.sources.read import read_source

pytestmark = pytest.mark.corpus


@cache
def _document(path: Path) -> Document:
    return build_document(read_source(path), doc_id_for(path.name))


def _gold(gold_dir: Path) -> dict[str, Any]:
    path = gold_dir / "structure.json"
    if not path.is_file():
        pytest.skip(f"{path} not found: acceptance test skipped")
    gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return gold


def _cases(corpus_dir: Path, gold_dir: Path) -> list[tuple[Document, dict[str, Any]]]:
    out = []
    for name, expected in _gold(gold_dir).items():
        path = corpus_dir / name
        if not path.is_file():
            pytest.skip(f"{path} not found: acceptance test skipped")
        out.append((_document(path), expected))
    return out


def test_every_chapter_found_with_number_and_line_and_no_extra(corpus_dir: Path, gold_dir: Path) -> None:
    for doc, expected in _cases(corpus_dir, gold_dir):
        found = [(c.number, c.line) for c in doc.chapters]
        wanted = [(c["n"], c["line"]) for c in expected["chapters"]]
        assert found == wanted, doc.doc_id
        for chapter, gold in zip(doc.chapters, expected["chapters"], strict=True):
            assert chapter.title.startswith(gold["title_starts"]) or gold["title_starts"] in chapter.title


def test_known_false_chapters_are_not_chapters(corpus_dir: Path, gold_dir: Path) -> None:
    for doc, expected in _cases(corpus_dir, gold_dir):
        lines = {c.line for c in doc.chapters}
        for wrong in expected.get("not_chapters", []):
            assert wrong["line"] not in lines, wrong


def test_every_listed_table_found_with_caption_and_rows(corpus_dir: Path, gold_dir: Path) -> None:
    for doc, expected in _cases(corpus_dir, gold_dir):
        tables = {b.table.label: b for b in doc.tables() if b.table is not None and b.table.label}
        for label in expected["tables"]:
            assert label in tables, f"{doc.doc_id} table {label} not found"
            table = tables[label].table
            assert table is not None
            assert table.caption.startswith("Table"), (label, table.caption)
            assert table.caption_position in ("above", "below"), (label, table.caption_position)
            assert len(table.rows) >= 2, (label, table.rows)
            assert tables[label].anchor == f"{doc.doc_id}#table-{label}"


def test_gold_tables_rows_match_cell_for_cell(corpus_dir: Path, gold_dir: Path) -> None:
    """The hand-checked tables come out with their printed header and body rows, cell for cell."""
    path = gold_dir / "tables_dev.json"
    if not path.is_file():
        pytest.skip(f"{path} not found: acceptance test skipped")
    for entry in json.loads(path.read_text(encoding="utf-8")):
        doc = _document(corpus_dir / entry["doc"])
        block = doc.block(f"{doc.doc_id}#table-{entry['id'].split()[-1]}")
        assert block is not None and block.table is not None, entry["id"]
        assert entry["caption"] in block.table.caption
        by_label = {row[0]: row for row in block.table.rows if row}
        for row in entry["rows"]:
            printed = by_label.get(str(row[0]))
            assert printed is not None, (entry["id"], row[0], list(by_label))
            assert len(printed) == len(row), (entry["id"], printed, row)
            for cell, value in zip(printed[1:], row[1:], strict=True):
                if isinstance(value, str):
                    assert cell == value, (entry["id"], row[0])
                    continue
                number = float(cell.replace(",", "").replace("–", "-").replace("- ", "-").replace(" ", ""))
                assert number == pytest.approx(float(value)), (entry["id"], row[0], cell, value)


def test_anchors_are_unique_and_stable(corpus_dir: Path, gold_dir: Path) -> None:
    for doc, _ in _cases(corpus_dir, gold_dir):
        found = [b.anchor for b in doc.blocks]
        assert len(found) == len(set(found)), doc.doc_id
        again = build_document(read_source(Path(doc.source_path)), doc.doc_id)
        assert [b.anchor for b in again.blocks] == found
