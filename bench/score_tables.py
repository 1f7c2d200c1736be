"""Table extraction against the hand-checked gold tables: cell accuracy and unit/scale accuracy.

    .venv/bin/python bench/score_tables.py          # prints the scores
    .venv/bin/python bench/score_tables.py --json   # the same as JSON

The corpus reports are read and structured by the real pipeline (`read_source` + `build_document`); each gold
table is found by its printed label ("Table 4-4" → label "4-4") and read with `tidy_table`. A gold cell counts
as correct when, at the same position (gold row i = the table's i-th data row, gold column j = column j):
  - a label cell (text) is one of the parts of that row's label;
  - a number has a record whose printed value equals it, whose column label is the gold column header and
    whose row label is the gold row's label.
Unit accuracy compares the unit and scale of every numeric cell of rows with gold units ("CNY*1e8", "%").
Bar: cell accuracy ≥ 0.99. `score_tables()` returns the same figures for other scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
sys.path.insert(0, str(REPO))

from sinoscope.documents.anchors import doc_id_for  # noqa: E402
from sinoscope.documents.model import Table  # noqa: E402
from sinoscope.extraction.tables import TidyTable, tidy_table  # noqa: E402

BAR = 0.99
TablesOf = Callable[[Path], list[tuple[str, Table]]]
"""A document's tables as (anchor, table), in document order."""


def corpus_tables(path: Path) -> list[tuple[str, Table]]:
    """Tables of one report through the real reader and structure builder."""
    source = _read(path)
    from sinoscope.documents.structure import build_document

    doc = build_document(source, doc_id_for(path.name))
    return [(b.anchor, b.table) for b in doc.tables() if b.table is not None]


def _read(path: Path) -> Any:
    try:
        from sinoscope.sources.read import read_source
    except ImportError:
        import hashlib

        from sinoscope.sources.model import SourceFormat, SourceText

        raw = path.read_bytes()
        return SourceText(
            path=path,
            format=SourceFormat.TEXT,
            text=raw.decode("utf-8"),
            content_hash=hashlib.sha256(raw).hexdigest(),
            size_bytes=len(raw),
        )
    return read_source(path)


def _norm(text: object) -> str:
    t = unicodedata.normalize("NFKC", str(text))
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(t.split()).casefold()


def _same_number(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _gold_unit(text: str) -> tuple[str, float]:
    unit, _, scale = text.partition("*")
    return unit, float(scale) if scale else 1.0


def _pick(candidates: list[tuple[str, Table]], gold: dict[str, Any]) -> tuple[str, Table] | None:
    """The table printed with the gold label; if a label repeats, the one whose caption matches best."""
    label = gold["id"].split(None, 1)[-1]
    same = [c for c in candidates if c[1].label == label]
    if len(same) <= 1:
        return same[0] if same else None
    want = set(_norm(gold.get("caption", "")).split())
    return max(same, key=lambda c: len(want & set(_norm(c[1].caption).split())))


def score_table(gold: dict[str, Any], tidy: TidyTable | None) -> dict[str, Any]:
    columns = gold["columns"]
    units = gold.get("units")
    cells = correct = unit_cells = unit_correct = 0
    errors: list[str] = []
    by_pos = {(r.row, r.col): r for r in tidy.records} if tidy else {}
    for i, gold_row in enumerate(gold["rows"]):
        row_index = tidy.data_rows[i] if tidy and i < len(tidy.data_rows) else None
        gold_label = " / ".join(_norm(v) for v in gold_row if isinstance(v, str))
        parts: list[str] = []
        if tidy is not None and row_index is not None:
            parts = _row_parts(tidy, row_index)
        for j, value in enumerate(gold_row):
            cells += 1
            ok = False
            rec = by_pos.get((row_index, j)) if row_index is not None else None
            if isinstance(value, str):
                ok = _norm(value) in parts
            elif rec is not None:
                ok = (
                    _same_number(rec.printed_value, float(value))
                    and _norm(rec.col_label) == _norm(columns[j])
                    and _norm(rec.row_label) == gold_label
                )
                if units is not None and i < len(units):
                    unit_cells += 1
                    want_unit, want_scale = _gold_unit(units[i])
                    value_ok = rec.value is not None and _same_number(rec.value, float(value) * want_scale)
                    if rec.unit == want_unit and rec.scale == want_scale and value_ok:
                        unit_correct += 1
                    elif len(errors) < 8:
                        errors.append(f"unit r{i}c{j}: {rec.unit}*{rec.scale:g} want {units[i]}")
            else:
                ok = _norm(value) in parts or _norm(_plain(value)) in parts
            if ok:
                correct += 1
            elif len(errors) < 8:
                got = f"{rec.row_label!r} | {rec.col_label!r} | {rec.raw!r}" if rec else "no record"
                errors.append(f"cell r{i}c{j} want {value!r} under {columns[j]!r}: {got}")
    return {
        "cells": cells,
        "correct": correct,
        "accuracy": correct / cells if cells else 0.0,
        "unit_cells": unit_cells,
        "unit_correct": unit_correct,
        "errors": errors,
    }


def _plain(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _row_parts(tidy: TidyTable, row: int) -> list[str]:
    labels = {r.row_label for r in tidy.records if r.row == row}
    return [_norm(p) for label in labels for p in label.split(" / ")]


def score_tables(
    gold_path: Path | None = None, corpus_dir: Path | None = None, tables_of: TablesOf = corpus_tables
) -> dict[str, Any]:
    """Score every gold table; also counts how many of the corpus' tables were understood."""
    gold_path = gold_path or SHARED / "gold" / "tables_dev.json"
    corpus_dir = corpus_dir or SHARED / "corpus"
    gold_tables = json.loads(gold_path.read_text(encoding="utf-8"))
    docs: dict[str, list[tuple[str, Table]]] = {}
    for name in sorted({g["doc"] for g in gold_tables} | {p.name for p in corpus_dir.glob("*.txt")}):
        docs[name] = tables_of(corpus_dir / name)
    per_table = []
    for gold in gold_tables:
        found = _pick(docs.get(gold["doc"], []), gold)
        tidy = tidy_table(found[1], found[0]) if found else None
        result = score_table(gold, tidy)
        result.update(
            doc=gold["doc"],
            id=gold["id"],
            anchor=found[0] if found else None,
            understood=tidy.understood if tidy else None,
            confidence=tidy.confidence if tidy else None,
        )
        per_table.append(result)
    cells = sum(t["cells"] for t in per_table)
    unit_cells = sum(t["unit_cells"] for t in per_table)
    accuracy = sum(t["correct"] for t in per_table) / cells if cells else 0.0
    return {
        "cell_accuracy": accuracy,
        "unit_accuracy": sum(t["unit_correct"] for t in per_table) / unit_cells if unit_cells else 0.0,
        "cells": cells,
        "bar": BAR,
        "passed": accuracy >= BAR,
        "tables": per_table,
        "corpus": _corpus_summary(docs.values()),
    }


def _corpus_summary(all_tables: Iterable[list[tuple[str, Table]]]) -> dict[str, Any]:
    tidies = [tidy_table(t, a) for tables in all_tables for a, t in tables]
    return {
        "tables": len(tidies),
        "understood": sum(t.understood for t in tidies),
        "records": sum(len(t.records) for t in tidies),
        "not_understood": [f"{t.anchor}: {t.reason}" for t in tidies if not t.understood],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--verbose", action="store_true", help="list the tables that were not understood")
    args = parser.parse_args()
    gold = SHARED / "gold" / "tables_dev.json"
    if not gold.is_file():
        sys.exit(f"{gold}: gold tables not found")
    try:
        result = score_tables(gold)
    except ImportError as err:
        sys.exit(f"structure recovery is not available yet ({err})")
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    for t in result["tables"]:
        units = f"units {t['unit_correct']}/{t['unit_cells']}" if t["unit_cells"] else "units -"
        print(
            f"{t['doc'][:3]} {t['id']:<10} {t['anchor'] or 'NOT FOUND':<20}"
            f" cells {t['correct']:>3}/{t['cells']:<3} {units:<14}"
            f" understood={t['understood']} confidence={t['confidence']}"
        )
        for e in t["errors"]:
            print(f"    {e}")
    c = result["corpus"]
    print(f"cell accuracy {result['cell_accuracy']:.4f} (bar {BAR}) over {result['cells']} gold cells")
    print(f"unit/scale accuracy {result['unit_accuracy']:.4f}")
    print(f"corpus: {c['understood']}/{c['tables']} tables understood, {c['records']} records")
    if args.verbose:
        for line in c["not_understood"]:
            print(f"    not understood {line}")


if __name__ == "__main__":
    main()
