"""Target statements and target→actual tracking against the dev gold (`../shared/dev/gold`).

    .venv/bin/python bench/score_targets.py            # ingest the dev documents into a temp db and score
    .venv/bin/python bench/score_targets.py --errors   # also list misses and false positives
    .venv/bin/python bench/score_targets.py --json     # the figures as JSON
    .venv/bin/python bench/score_targets.py --heldout  # invented held-out documents (bench/data/targets_heldout)

Targets (`dev/gold/targets.jsonl`): an extracted target cannot be compared with the gold's English indicator
by string, so it is located instead: same document, line within ±1, same value (0.5 % tolerance; a range's
lower end); it then *matches* when unit, comparator and deadline year agree too. Each component's accuracy over
the located pairs is printed separately (unit: %, currencies and measures must be equal; two count nouns
agree, since 户 and "establishments" are the same kind of thing in two languages). One gold target is matched
at most once; a prediction on the same line and value as an already matched one (a target stated twice) is
neither credited nor counted against.
Precision is over the three Government Work Reports only (their targets are listed exhaustively; the other
files' gold is a sample); recall is over all eight documents.

Actual pairs (`dev/gold/actuals.jsonl`): a pair is tracked when `sinoscope targets` lists a target of the
pair's target document with the gold value, comparator and year, and among its observations one from the
actual's document (line ±1, value within 0.5 %) for the same year, both with an anchor.

Bars: precision ≥ 0.9, recall ≥ 0.9, ≥ 9 of 11 pairs tracked (printed; exit status 0 either way).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEV = (REPO / ".." / "shared" / "dev").resolve()
sys.path.insert(0, str(REPO))

from sinoscope.app.pipeline import ensure_knowledge, ingest_paths  # noqa: E402
from sinoscope.app.stages import extract as extract_document  # noqa: E402
from sinoscope.store import SqliteStore  # noqa: E402

HELDOUT = REPO / "bench" / "data" / "targets_heldout"
VALUE_TOL = 0.005
EXHAUSTIVE_PREFIX = "gwr-"
MEASURE_UNITS = frozenset({"%", "pp", "CNY", "USD", "EUR", "JPY", "jin", "tonnes", "Mbps", "Gbps", "hours", "days"})
BARS = {"precision": 0.9, "recall": 0.9, "pairs": 9}


@dataclass(frozen=True)
class Pred:
    doc: str
    line: int
    value: float | None
    unit: str | None
    comparator: str | None
    year: int | None
    indicator: str
    text: str


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= VALUE_TOL * max(abs(a), abs(b), 1e-9)


def same_unit(pred: str | None, gold: str | None) -> bool:
    if pred == gold:
        return True
    if pred is None or gold is None:
        return False
    return pred not in MEASURE_UNITS and gold not in MEASURE_UNITS


def gold_value(g: dict[str, Any]) -> float | None:
    v = g.get("value")
    return float(v) if v is not None else (float(g["value_min"]) if g.get("value_min") is not None else None)


def predictions(store: SqliteStore) -> tuple[list[Pred], list[dict[str, Any]]] | None:
    """The targets extracted from every stored document and the tracking output, or None before the feature."""
    try:
        from sinoscope.app.targets import document_statements, target_tracks
    except ImportError:
        return None
    preds: list[Pred] = []
    for info in store.list_documents():
        raw = Path(info.path).read_text(encoding="utf-8").replace("\r\n", "\n") if info.path else ""
        for s in document_statements(store, info.doc_id):
            if s.kind != "target":
                continue
            name = info.file_name or info.doc_id
            preds.append(Pred(name, file_line(raw, s.text, s.line), s.value, s.unit, s.comparator, s.year,
                              s.indicator, s.text))  # fmt: skip
    return preds, target_tracks(store)


def file_line(raw: str, quote: str, line: int) -> int:
    """The file line of a statement: the canonical text of a converted file (Markdown with HTML tables) does
    not keep the file's line numbers, so the quote is looked up in the file (the occurrence nearest `line`)."""
    hits = [m.start() for m in re.finditer(re.escape(quote), raw)] if quote else []
    if not hits:
        return line
    lines = [raw.count("\n", 0, h) + 1 for h in hits]
    return min(lines, key=lambda n: abs(n - line))


def score_targets(preds: list[Pred], gold: list[dict[str, Any]]) -> dict[str, Any]:
    used: set[int] = set()
    located: list[tuple[Pred, dict[str, Any]]] = []
    false_pos: list[Pred] = []
    for p in preds:
        cands = [
            (i, g) for i, g in enumerate(gold)
            if g["doc"] == p.doc and abs(g["line"] - p.line) <= 1 and same_value(p.value, gold_value(g))
        ]  # fmt: skip
        free = [(i, g) for i, g in cands if i not in used]
        if not free:
            if not cands:
                false_pos.append(p)
            continue
        full = [(i, g) for i, g in free if _agrees(p, g)]
        i, g = (full or free)[0]
        used.add(i)
        located.append((p, g))
    n_loc = len(located) or 1
    comp = {
        "unit": sum(same_unit(p.unit, g["unit"]) for p, g in located) / n_loc,
        "comparator": sum(p.comparator == g["comparator"] for p, g in located) / n_loc,
        "year": sum(p.year == g["year"] for p, g in located) / n_loc,
    }
    matched = [(p, g) for p, g in located if _agrees(p, g)]
    per_doc: dict[str, dict[str, int]] = defaultdict(lambda: {"gold": 0, "pred": 0, "located": 0, "matched": 0})
    for g in gold:
        per_doc[g["doc"]]["gold"] += 1
    for p in preds:
        per_doc[p.doc]["pred"] += 1
    for _, g in located:
        per_doc[g["doc"]]["located"] += 1
    for _, g in matched:
        per_doc[g["doc"]]["matched"] += 1
    ex_pred = sum(1 for p, _ in located if p.doc.startswith(EXHAUSTIVE_PREFIX)) + sum(
        1 for p in false_pos if p.doc.startswith(EXHAUSTIVE_PREFIX)
    )
    ex_matched = sum(1 for p, _ in matched if p.doc.startswith(EXHAUSTIVE_PREFIX))
    ex_located = sum(1 for p, _ in located if p.doc.startswith(EXHAUSTIVE_PREFIX))
    return {
        "gold": len(gold),
        "predicted": len(preds),
        "recall": len(matched) / len(gold) if gold else 0.0,
        "recall_located": len(located) / len(gold) if gold else 0.0,
        "precision_gwr": ex_matched / ex_pred if ex_pred else 0.0,
        "precision_gwr_located": ex_located / ex_pred if ex_pred else 0.0,
        "components": comp,
        "per_doc": dict(per_doc),
        "_matched": matched,
        "_located": located,
        "_false_pos": false_pos,
        "_missed": [g for i, g in enumerate(gold) if i not in used],
    }


def _agrees(p: Pred, g: dict[str, Any]) -> bool:
    return same_unit(p.unit, g["unit"]) and p.comparator == g["comparator"] and p.year == g["year"]


def score_pairs(tracks: list[dict[str, Any]], pairs: list[dict[str, Any]]) -> dict[str, Any]:
    found: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    for pair in pairs:
        t_gold, a_gold = pair["target"], pair["actual"]
        ok = False
        for tr in tracks:
            if tr.get("doc") != t_gold["doc"] or not tr.get("sources"):
                continue
            if not (same_value(tr.get("value"), t_gold["value"]) and tr.get("comparator") == t_gold["comparator"]):
                continue
            if tr.get("deadline") != str(pair["year"]):
                continue
            for ob in tr.get("observations", []):
                if (
                    ob.get("doc") == a_gold["doc"]
                    and ob.get("anchor")
                    and abs((ob.get("line") or -9) - a_gold["line"]) <= 1
                    and same_value(ob.get("value"), a_gold["value"])
                    and str(ob.get("period")) == str(pair["year"])
                ):
                    ok = True
        (found if ok else missed).append(pair)
    return {"pairs": len(pairs), "tracked": len(found), "_missed": missed}


def run(errors: bool, heldout: bool = False) -> dict[str, Any]:
    if heldout:
        docs = sorted(p for p in HELDOUT.glob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")
        gold, pairs = _load(HELDOUT / "gold.jsonl"), []
    else:
        docs = sorted((DEV / "docs").glob("*"))
        gold = _load(DEV / "gold" / "targets.jsonl")
        pairs = _load(DEV / "gold" / "actuals.jsonl")
    with tempfile.TemporaryDirectory() as tmp, SqliteStore(Path(tmp) / "dev.sqlite") as store:
        report = ingest_paths(store, docs, extract=extract_document)
        ensure_knowledge(store)
        bad = [r.error for r in report.results if r.error]
        got = predictions(store)
    if got is None:
        t = score_targets([], gold)
        p = score_pairs([], pairs)
        note = "sinoscope.app.targets is not there yet: nothing is extracted"
    else:
        t = score_targets(got[0], gold)
        p = score_pairs(got[1], pairs)
        note = ""
    out = {k: v for k, v in t.items() if not k.startswith("_")}
    out["pairs"] = {k: v for k, v in p.items() if not k.startswith("_")}
    out["note"] = note
    out["ingest_errors"] = bad
    if errors:
        out["errors"] = {
            "missed": [{k: g[k] for k in ("doc", "line", "indicator", "value", "unit", "comparator", "year")}
                       for g in t["_missed"]],
            "false_positives": [p_.__dict__ for p_ in t["_false_pos"]],
            "disagreements": [{"pred": pr.__dict__, "gold": {k: g[k] for k in ("line", "value", "unit",
                                                                                "comparator", "year")}}
                              for pr, g in t["_located"] if not _agrees(pr, g)],
            "indicators": [[pr.indicator, g["indicator"]] for pr, g in t["_located"]],
            "pairs_missed": [{"indicator": m["indicator"], "year": m["year"]} for m in p["_missed"]],
        }  # fmt: skip
    return out


def _print(out: dict[str, Any]) -> None:
    if out["note"]:
        print(f"note: {out['note']}")
    for e in out["ingest_errors"]:
        print(f"ingest error: {e}")
    print(f"targets: gold {out['gold']}, predicted {out['predicted']}")
    print(
        f"  recall (all documents)     {out['recall']:.3f}   (located by doc+line+value: {out['recall_located']:.3f})"
    )
    print(f"  precision (exhaustive docs) {out['precision_gwr']:.3f}   (located: {out['precision_gwr_located']:.3f})")
    comp = out["components"]
    print(
        f"  over located pairs: unit {comp['unit']:.3f}, comparator {comp['comparator']:.3f}, year {comp['year']:.3f}"
    )
    print("  per document: gold / predicted / located / matched")
    for doc, c in sorted(out["per_doc"].items()):
        print(f"    {doc:40s} {c['gold']:3d} {c['pred']:4d} {c['located']:4d} {c['matched']:4d}")
    pr = out["pairs"]
    print(f"actual pairs tracked: {pr['tracked']} of {pr['pairs']}")
    print(f"bars: precision ≥ {BARS['precision']}, recall ≥ {BARS['recall']}, pairs ≥ {BARS['pairs']}")
    if "errors" in out:
        print(json.dumps(out["errors"], ensure_ascii=False, indent=1))


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--heldout", action="store_true", help="score the invented held-out documents instead")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if not args.heldout and not (DEV / "gold" / "targets.jsonl").exists():
        print(f"skipped: {DEV} is not there")
        return 0
    global EXHAUSTIVE_PREFIX
    if args.heldout:
        EXHAUSTIVE_PREFIX = ""  # every held-out target is listed: precision over all three documents
    out = run(args.errors, args.heldout)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1, default=str))
    else:
        _print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
