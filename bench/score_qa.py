"""Score `sinoscope ask` on the development questions: answer correctness and evidence recall@5 per mode.

A question is answered correctly when the card's first figure is within 0.5% of the gold value with the
gold unit; its evidence is recalled when one of the first five passages on the card covers a gold line.
The corpus is ingested into a temporary database (with facts, tables, knowledge base and dense index),
then every question is asked with hybrid, BM25-only and dense-only retrieval.

    .venv/bin/python bench/score_qa.py [--corpus ../shared/corpus] [--gold ../shared/gold] [--db PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sinoscope.answer import Answer, open_answerer
from sinoscope.retrieval.search import Mode
from sinoscope.retrieval.service import sync_dense_index
from sinoscope.store import Store, open_store
from sinoscope.store.extract import extract_document
from sinoscope.store.ingest import ingest_paths
from sinoscope.store.kb_sync import ensure_knowledge

SHARED = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()
TOLERANCE = 0.005
AT = 5
MODES = (Mode.HYBRID, Mode.BM25, Mode.DENSE)


@dataclass(frozen=True)
class Outcome:
    question: str
    correct: bool
    recalled: bool
    got: str
    seconds: float


def build_db(corpus: Path, db: Path) -> None:
    """Ingest every report in `corpus` into `db`, with the knowledge base and the dense index."""
    store = open_store(db, create=True)
    try:
        ingest_paths(store, sorted(corpus.glob("*.txt")), extract=extract_document)
        ensure_knowledge(store)
        sync_dense_index(store, db)
    finally:
        store.close()


def _line_ranges(store: Store, anchors: list[str]) -> list[tuple[str, int, int]]:
    """(document file name, first line, last line) of each passage, from its spans in the document text."""
    out = []
    texts: dict[str, str] = {}
    names = {d.doc_id: d.file_name for d in store.list_documents()}
    for anchor in anchors:
        block = store.get_block(anchor)
        doc_id = anchor.split("#", 1)[0]
        text = texts.setdefault(doc_id, store.document_text(doc_id))
        if not block.spans:
            continue
        first = text.count("\n", 0, block.spans[0].start) + 1
        last = first + text.count("\n", block.spans[0].start, block.spans[-1].end)
        out.append((names.get(doc_id, doc_id), first, last))
    return out


def judge(store: Store, answer: Answer, gold: dict[str, Any]) -> tuple[bool, bool]:
    best = answer.best
    value = float(gold["value"])
    correct = (
        best is not None and best.unit == gold["unit"] and abs(best.value - value) <= TOLERANCE * max(abs(value), 1e-12)
    )
    ranges = _line_ranges(store, [p.anchor for p in answer.passages[:AT]])
    lines = {int(n) for n in gold["lines"]}
    recalled = any(doc == gold["doc"] and any(a <= n <= b for n in lines) for doc, a, b in ranges)
    return correct, recalled


def run(db: Path, questions: list[dict[str, Any]], mode: Mode) -> list[Outcome]:
    store = open_store(db, create=False)
    out = []
    try:
        with open_answerer(store, db, mode) as answerer:
            for q in questions:
                started = time.perf_counter()
                answer = answerer.ask(str(q["q"]))
                elapsed = time.perf_counter() - started
                correct, recalled = judge(store, answer, q)
                got = f"{answer.best.value:g} {answer.best.unit}" if answer.best else str(answer.status)
                out.append(Outcome(str(q["q"]), correct, recalled, got, elapsed))
    finally:
        store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--gold", type=Path, default=SHARED / "gold")
    parser.add_argument("--db", type=Path, help="Reuse (or create) this database instead of a temporary one.")
    parser.add_argument("--json", action="store_true", help="Print the scores as JSON.")
    parser.add_argument("-v", "--verbose", action="store_true", help="Print every question's outcome.")
    args = parser.parse_args(argv)
    qa = args.gold / "qa_dev.jsonl"
    if not args.corpus.is_dir() or not qa.is_file():
        sys.stderr.write(f"error: {args.corpus} or {qa} not found\n")
        return 2
    questions = [json.loads(line) for line in qa.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "qa.sqlite"
        started = time.perf_counter()
        build_db(args.corpus, db)
        build_s = time.perf_counter() - started
        results = {mode: run(db, questions, mode) for mode in MODES}
    scores = {
        str(mode): {
            "correct": sum(o.correct for o in out) / len(out),
            "recall@5": sum(o.recalled for o in out) / len(out),
            "mean_s": sum(o.seconds for o in out) / len(out),
        }
        for mode, out in results.items()
    }
    if args.json:
        sys.stdout.write(json.dumps({"questions": len(questions), "build_s": build_s, "scores": scores}, indent=2))
        sys.stdout.write("\n")
        return 0
    print(f"{len(questions)} questions; corpus ingested and embedded in {build_s:.1f} s")
    print(f"{'mode':<8} {'correct':>8} {'recall@5':>9} {'s/question':>11}")
    for mode, sc in scores.items():
        print(f"{mode:<8} {sc['correct']:>8.3f} {sc['recall@5']:>9.3f} {sc['mean_s']:>11.3f}")
    if args.verbose:
        for mode, out in results.items():
            for o in out:
                flags = ("ok " if o.correct else "BAD") + (" ev" if o.recalled else " --")
                print(f"  {mode:<7} {flags} {o.got:<28} {o.question}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
