"""Score `sinoscope ask` per question set and retrieval mode: correct, wrong, not found, evidence recall@5,
p50/p95 latency (each set after one untimed warm-up question: `WARM_UP`).

Sets (each scored separately; the wrong-answer rate is printed on its own):
- `qa_dev`: ../shared/gold/qa_dev.jsonl over the two seed reports in ../shared/corpus;
- `dev`: ../shared/dev/gold/qa.jsonl over the eight dev documents in ../shared/dev/docs;
- `para`: bench/qa_paraphrases.jsonl, three rewordings of every question of the two sets above (written
  before any tuning; `of` and `set` point at the original question, whose gold lines count as evidence);
- `train`: bench/train/qa.jsonl over the invented documents in bench/train/ (what the ranker is fitted on);
- `heldout`: bench/heldout_qa/qa.jsonl over the invented documents in bench/heldout_qa/, written by someone who
  read neither the engine nor the training set; never used for fitting or tuning, so it is the honest measure
  of how the ranker generalizes. Not in the default `--sets` (so tuning runs with -v never show its
  questions one by one): ask for it with `--sets heldout`. Since session 8 its questions may be looked at
  one by one (it guided answer work), so it no longer counts as held out: `heldout2` took its place;
- `heldout2`: bench/heldout_qa2/qa.jsonl over four more invented documents, written in session 8 by someone who
  had read neither the engine nor any question set; only its aggregate scores are ever run (never `-v`).
  Since session 12 heldout and heldout2 choose the ranker's abstention threshold (`bench/train/fit_ranker.py
  --calibrate`), so neither is held out any more: heldout3, heldout4 and heldout5 are.
- `heldout3`: bench/heldout_qa3/qa.jsonl over three more invented documents (a city work report, an English
  semiconductor review, a provincial plan), written in session 10 the same way; aggregate scores only.
- `heldout4`: bench/heldout_qa4/qa.jsonl over four more invented documents (a provincial work report, an
  English fund report with a table, a city action plan, an English statistical communiqué with December and
  full-year figures), written in session 11 the same way; aggregate scores only.
- `heldout5`: bench/heldout_qa5/qa.jsonl over four more invented documents (a provincial work report, an English
  review of a province's chip industry with a fund in two phases and a table, a city action plan with 2027 and
  2030 targets, an English free-trade-zone bulletin with December and full-year figures), written in session 12
  the same way; aggregate scores only.
- `heldout6`: bench/heldout_qa6/qa.jsonl over four more invented documents (provincial opinions on a new industry, an
  English bank outlook with forecasts, a city work report with a two-phase fund, an English monthly trade update),
  written in session 12 the same way, with questions the documents do not answer; aggregate scores only.
- `heldout7`: bench/heldout_qa7/qa.jsonl over four more invented documents (a provincial statistical communiqué, a
  city action plan with a fund in two tranches, an English battery-programme review with a table, an English
  central-bank monthly bulletin), 40 questions (6 unanswerable, half of them cross-lingual), written blind in
  session 15 by a helper who read neither the engine nor any question set; committed before it was first run,
  which was at the session's start commit and its end commit; aggregate scores only.
- `calib1`: bench/calib_qa1/qa.jsonl, 60 questions over four invented documents (a provincial statistical communiqué,
  an English chip-subsidy brief, a city plan's mid-term review, an English battery-industry report), written blind in
  session 12 to calibrate the abstention threshold beside heldout and heldout2 (`fit_ranker --calibrate`).
- `calib2`: bench/calib_qa2/qa.jsonl, 60 questions over four more invented documents (a provincial work report, an
  English AI-compute brief with a table, a city action plan, an English statistical bulletin), written blind in
  session 14 the same way; first run as a held-out set (aggregate only), then added to the calibration sets.
- `calib3`: bench/calib_qa3/qa.jsonl, 60 questions over four more invented documents (a provincial work report
  speaking of 去年/今年, an English chip-subsidy brief with a fund table in two phases, a city energy-storage
  action plan with a fund in two phases, an English monthly trade bulletin with December and full-year figures;
  28 cross-lingual, 6 unanswerable), written blind in session 16 the same way; committed before its first run
  (aggregate only, at the session's start commit), then added to the calibration sets.

A question is answered correctly when the card's first figure is within 0.5% of the gold value with the
gold unit; "wrong" when the card gives another figure; "not found" when it gives none. Its evidence is
recalled when one of the first five passages on the card covers a gold line of the gold document.
The seed reports and dev documents go into one temporary database (facts, tables, knowledge base and,
unless --no-embed, the dense index); the invented training documents into another, and the held-out
documents into a third.

    .venv/bin/python bench/score_qa.py [--sets qa_dev,dev,para,train,heldout,heldout2,heldout3,heldout4,heldout5]
                                       [--modes hybrid,bm25,dense]
                                       [--no-embed] [--db PATH] [--dbs DIR] [--json] [-v]

`--dbs DIR` keeps every set's database in DIR (qa.sqlite for the real documents, <set>.sqlite for each
invented set) and reuses those already there: a tuning loop then ingests and embeds each document once.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sinoscope.answer import Answer, open_answerer
from sinoscope.app.pipeline import ensure_knowledge, ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.retrieval.search import Mode
from sinoscope.retrieval.service import sync_dense_index
from sinoscope.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
TRAIN = ROOT / "bench" / "train"
HELDOUT = ROOT / "bench" / "heldout_qa"
HELDOUT2 = ROOT / "bench" / "heldout_qa2"
HELDOUT3 = ROOT / "bench" / "heldout_qa3"
HELDOUT4 = ROOT / "bench" / "heldout_qa4"
HELDOUT5 = ROOT / "bench" / "heldout_qa5"
HELDOUT6 = ROOT / "bench" / "heldout_qa6"
HELDOUT7 = ROOT / "bench" / "heldout_qa7"
CALIB1 = ROOT / "bench" / "calib_qa1"
CALIB2 = ROOT / "bench" / "calib_qa2"
CALIB3 = ROOT / "bench" / "calib_qa3"
INVENTED = {
    "train": TRAIN,
    "heldout": HELDOUT,
    "heldout2": HELDOUT2,
    "heldout3": HELDOUT3,
    "heldout4": HELDOUT4,
    "heldout5": HELDOUT5,
    "heldout6": HELDOUT6,
    "heldout7": HELDOUT7,
    "calib1": CALIB1,
    "calib2": CALIB2,
    "calib3": CALIB3,
}
"""Sets over invented documents, each built into its own database."""
TOLERANCE = 0.005
AT = 5
SETS = ("qa_dev", "dev", "para", "train")


@dataclass(frozen=True)
class Outcome:
    question: str
    verdict: str
    """"correct", "wrong" or "not found"."""
    recalled: bool
    got: str
    seconds: float


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _lines(q: dict[str, Any]) -> list[int]:
    if "lines" in q:
        return [int(n) for n in q["lines"]]
    return [int(q["line"])] if q.get("line") is not None else []


def question_sets(names: Iterable[str], shared: Path = SHARED) -> dict[str, list[dict[str, Any]]]:
    """Each set's questions with `lines` (gold evidence lines) filled in; missing files are left out."""
    files = {"qa_dev": shared / "gold" / "qa_dev.jsonl", "dev": shared / "dev" / "gold" / "qa.jsonl"}
    originals = {k: load_jsonl(p) for k, p in files.items() if p.is_file()}
    out: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        if name in originals:
            out[name] = [{**q, "lines": _lines(q)} for q in originals[name]]
        elif name == "para" and (ROOT / "bench" / "qa_paraphrases.jsonl").is_file():
            rows = load_jsonl(ROOT / "bench" / "qa_paraphrases.jsonl")
            out[name] = [{**q, "lines": _lines(originals[q["set"]][q["of"]])} for q in rows if q["set"] in originals]
        elif name in INVENTED and (INVENTED[name] / "qa.jsonl").is_file():
            out[name] = [{**q, "lines": _lines(q)} for q in load_jsonl(INVENTED[name] / "qa.jsonl")]
    return out


def build_db(paths: list[Path], db: Path, *, embed: bool) -> None:
    """Ingest `paths` into `db`, with the knowledge base and (if `embed`) the dense index."""
    store = open_store(db, create=True)
    try:
        report = ingest_paths(store, paths, extract=extract_document)
        for err in report.errors:
            sys.stderr.write(f"warning: not ingested: {err}\n")
        ensure_knowledge(store)
        if embed:
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


def count_unit(unit: str) -> bool:
    """A count noun ("stations", "base stations", "persons"), not a currency or percentage."""
    return unit not in ("%", "pp", "percentage points") and not (len(unit) == 3 and unit.isupper())


def judge(store: Store, answer: Answer, gold: dict[str, Any], count_units: bool = False) -> tuple[str, bool]:
    """`count_units`: a count must also carry the gold's count noun ("stations" ≠ "base stations"); by
    default the right number of the right kind (a count, not a currency or a share) is correct, since the
    count noun is the extraction's reading of the document, not the answer's."""
    best = answer.best
    if gold.get("value") is None:  # the documents do not answer it: "not found" is the right card
        return ("correct" if best is None else "wrong"), not gold["lines"]
    value = float(gold["value"])
    if best is None:
        verdict = "not found"
    elif abs(best.value - value) <= TOLERANCE * max(abs(value), 1e-12) and (
        best.unit == gold["unit"] or (not count_units and count_unit(best.unit) and count_unit(gold["unit"]))
    ):
        verdict = "correct"
    else:
        verdict = "wrong"
    ranges = _line_ranges(store, [p.anchor for p in answer.passages[:AT]])
    lines = set(gold["lines"])
    recalled = any(doc == gold["doc"] and any(a <= n <= b for n in lines) for doc, a, b in ranges)
    return verdict, recalled


WARM_UP = "How much did the economy grow last year?"
"""Asked once, untimed, before a set's questions: a process's first question loads the embedder, the
lexicons, jieba and the ranker (about 2 s here), which the API server and the CLI's warm worker
(`app.warm`) do once when they start; the per-question latency a user sees is the warm one. The
question is the set's own in no set, and a document's first-touch costs of the set's questions still count."""
COLD: dict[tuple[str, str], float] = {}
"""(set, mode) → the warm-up question's seconds: the cold start, printed beside the scores."""


def run(
    db: Path, questions: list[dict[str, Any]], mode: Mode, count_units: bool = False, label: str = ""
) -> list[Outcome]:
    store = open_store(db, create=False)
    out = []
    try:
        with open_answerer(store, db, mode) as answerer:
            started = time.perf_counter()
            answerer.ask(WARM_UP)
            COLD[(label or db.name, str(mode))] = time.perf_counter() - started
            for q in questions:
                started = time.perf_counter()
                answer = answerer.ask(str(q["q"]))
                elapsed = time.perf_counter() - started
                verdict, recalled = judge(store, answer, q, count_units)
                got = f"{answer.best.value:g} {answer.best.unit}" if answer.best else str(answer.status)
                out.append(Outcome(str(q["q"]), verdict, recalled, got, elapsed))
    finally:
        store.close()
    return out


def summary(out: list[Outcome]) -> dict[str, float]:
    n = len(out) or 1
    ms = sorted(o.seconds * 1000 for o in out) or [0.0]
    return {
        "n": len(out),
        "correct": sum(o.verdict == "correct" for o in out) / n,
        "wrong": sum(o.verdict == "wrong" for o in out) / n,
        "not_found": sum(o.verdict == "not found" for o in out) / n,
        "recall@5": sum(o.recalled for o in out) / n,
        "p50_ms": statistics.median(ms),
        "p95_ms": ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sets",
        default=",".join(SETS),
        help="Comma-separated: qa_dev, dev, para, train, heldout, heldout2..7, calib1..3.",
    )
    parser.add_argument("--modes", default="hybrid,bm25", help="Comma-separated: hybrid, bm25, dense.")
    parser.add_argument("--no-embed", action="store_true", help="Skip the dense index (hybrid falls back to BM25).")
    parser.add_argument("--db", type=Path, help="Reuse (or create) this database for the real documents.")
    parser.add_argument("--dbs", type=Path, help="Keep (and reuse) every set's database in this folder.")
    parser.add_argument("--count-units", action="store_true", help="A count must carry the gold's count noun too.")
    parser.add_argument("--shared", type=Path, default=SHARED, help="The shared folder (corpus, gold, dev).")
    parser.add_argument("--json", action="store_true", help="Print the scores as JSON.")
    parser.add_argument("-v", "--verbose", action="store_true", help="Print every question's outcome.")
    args = parser.parse_args(argv)
    sets = question_sets((s.strip() for s in args.sets.split(",") if s.strip()), args.shared)
    modes = [Mode(m.strip()) for m in args.modes.split(",") if m.strip()]
    if not sets:
        sys.stderr.write(f"error: {args.shared}: no question set found\n")
        return 2
    real = sorted((args.shared / "corpus").glob("*.txt")) + sorted((args.shared / "dev" / "docs").glob("*"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dbs or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = args.db or folder / "qa.sqlite"
        own_db = {name: folder / f"{name}.sqlite" for name in INVENTED if name in sets}
        started = time.perf_counter()
        if set(sets) - set(INVENTED) and not (db.exists() and (args.db or args.dbs)):
            build_db(real, db, embed=not args.no_embed)
        for name, path in own_db.items():
            if args.dbs and path.exists():
                continue
            build_db(sorted(p for p in INVENTED[name].iterdir() if p.suffix in (".txt", ".md")), path,
                     embed=not args.no_embed)  # fmt: skip
        build_s = time.perf_counter() - started
        results = {
            (name, mode): run(own_db.get(name, db), qs, mode, args.count_units, name)
            for name, qs in sets.items()
            for mode in modes
        }
    scores = {f"{name}/{mode}": summary(out) for (name, mode), out in results.items()}
    if args.json:
        cold = {f"{name}/{mode}": seconds * 1000 for (name, mode), seconds in COLD.items()}
        sys.stdout.write(json.dumps({"build_s": build_s, "scores": scores, "first_question_ms": cold}, indent=2) + "\n")
        return 0
    print(f"documents ingested{'' if args.no_embed else ' and embedded'} in {build_s:.1f} s")
    print(
        f"{'set/mode':<14} {'n':>4} {'correct':>8} {'wrong':>6} {'not found':>10} {'recall@5':>9}"
        f" {'p50 ms':>7} {'p95 ms':>7}"
    )
    for key, sc in scores.items():
        print(
            f"{key:<14} {sc['n']:>4} {sc['correct']:>8.3f} {sc['wrong']:>6.3f} {sc['not_found']:>10.3f}"
            f" {sc['recall@5']:>9.3f} {sc['p50_ms']:>7.0f} {sc['p95_ms']:>7.0f}"
        )
    print("wrong-answer rate: " + ", ".join(f"{k} {sc['wrong']:.3f}" for k, sc in scores.items()))
    print("first question of each set (untimed warm-up, `WARM_UP`): " + ", ".join(
        f"{name}/{mode} {seconds * 1000:.0f} ms" for (name, mode), seconds in COLD.items()))  # fmt: skip
    if args.verbose:
        for (name, mode), out in results.items():
            for o in out:
                flag = {"correct": "ok ", "wrong": "BAD", "not found": "-- "}[o.verdict] + (
                    " ev" if o.recalled else " --"
                )
                print(f"  {name:<6} {mode:<7} {flag} {o.got:<24} {o.question}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
