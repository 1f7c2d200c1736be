"""Quantity and table extraction against the hand-checked gold data, with quantulum3 as a peer.

    .venv/bin/python bench/score_extraction.py                    # ingest the corpus into a temp db, score
    .venv/bin/python bench/score_extraction.py --export F.jsonl   # score an existing `sinoscope export facts`
    .venv/bin/python bench/score_extraction.py --json             # the figures as JSON
    .venv/bin/python bench/score_extraction.py --errors           # also list misses and false positives

Facts (`../shared/gold/facts_dev.jsonl`): a predicted fact matches a gold fact when it is in the same file with
the same character span and the same value (relative tolerance 1e-6). Recall is over all gold facts; precision
is over the predicted facts on the lines the gold covers (the gold lists every quantity of those lines).
Unit, kind and period accuracy are over matched pairs. A relaxed match (overlapping spans, same value) is shown
too, because the peer marks spans differently ("36 billion" for "RMB 36 billion").

quantulum3 runs on the text of the same covered lines, with its rule-based unit disambiguation (its bundled
classifier does not load with current scikit-learn); it has no notion of period or kind, and reads a number
without a recognised unit as "dimensionless" (reported here as no unit).

Tables (`../shared/gold/tables_dev.json`): cell accuracy as in `bench/score_tables.py`, on the tables as stored.

Bars: recall ≥ 0.95, precision ≥ 0.95, kind accuracy ≥ 0.9, table cell accuracy ≥ 0.99.

Dev set (`../shared/dev`, documents sinoscope was not built on; skipped when absent, or with --no-dev): its
documents are ingested into a temp database and scored per document against `dev/gold/facts.jsonl`, which is a
sample, so only recall is scored (as `../shared/tools/score_dev_facts.py` does): a gold fact is found by a fact
of its document whose text overlaps it (spaces ignored; same line ±1 first) with the value within 0.5 %; unit,
kind and period accuracy are over found facts. Comparator accuracy is over the statements of
`dev/gold/targets.jsonl` whose figure is found on their line. Dev bars: recall ≥ 0.95, unit ≥ 0.97,
kind ≥ 0.95, period ≥ 0.95 (printed, not part of the exit status).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from score_tables import score_tables  # noqa: E402

from sinoscope.app.pipeline import ingest_paths  # noqa: E402
from sinoscope.app.stages import extract as extract_document  # noqa: E402
from sinoscope.documents.model import BlockKind, Table  # noqa: E402
from sinoscope.store import SqliteStore  # noqa: E402

BARS = {"recall": 0.95, "precision": 0.95, "kind_accuracy": 0.9, "table_cell_accuracy": 0.99}
DEV_BARS = {"recall": 0.95, "unit": 0.97, "kind": 0.95, "period": 0.95}
DEV_VALUE_TOL = 0.005
REL_TOL = 1e-6


@dataclass(frozen=True)
class Pred:
    doc: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    period: str | None = None
    kind: str | None = None


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= REL_TOL * max(1.0, abs(b))


def load_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def score_facts(gold: Sequence[dict[str, Any]], preds: Sequence[Pred], texts: dict[str, str]) -> dict[str, Any]:
    """Strict and relaxed precision/recall/F1 and attribute accuracies of `preds` on the covered lines."""
    covered = {(g["doc"], g["line"]) for g in gold}
    starts = {doc: _line_starts(t) for doc, t in texts.items()}
    in_scope = [p for p in preds if p.doc in starts and (p.doc, _line_of(starts[p.doc], p.start)) in covered]
    result: dict[str, Any] = {"gold": len(gold), "predicted_on_covered_lines": len(in_scope)}
    for mode in ("strict", "relaxed"):
        pairs, unmatched_pred = _match(gold, in_scope, strict=mode == "strict")
        tp = len(pairs)
        precision = tp / len(in_scope) if in_scope else 0.0
        recall = tp / len(gold) if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores: dict[str, Any] = {"matched": tp, "precision": precision, "recall": recall, "f1": f1}
        for attr in ("unit", "kind", "period"):
            scores[f"{attr}_accuracy"] = sum(1 for g, p in pairs if getattr(p, attr) == g[attr]) / tp if tp else 0.0
        matched_gold = {id(g) for g, _ in pairs}
        scores["missed"] = [f"{g['line']} {g['text']!r}" for g in gold if id(g) not in matched_gold]
        scores["false_positives"] = [
            f"{_line_of(starts[p.doc], p.start)} {p.text!r} {p.value:g} {p.unit}" for p in unmatched_pred
        ]
        scores["wrong_attributes"] = [
            f"{g['line']} {g['text']!r}: " + ", ".join(f"{a} {getattr(p, a)!r} want {g[a]!r}" for a in wrong)
            for g, p in pairs
            if (wrong := [a for a in ("unit", "kind", "period") if _wrong(p, g, a)])
        ]
        result[mode] = scores
    return result


def _wrong(p: Pred, g: dict[str, Any], attr: str) -> bool:
    """A wrong attribute; kind and period count only for a system that gives them (the peer does not)."""
    if attr != "unit" and p.kind is None:
        return False
    return bool(getattr(p, attr) != g[attr])


def _line_of(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


def _match(
    gold: Sequence[dict[str, Any]], preds: Sequence[Pred], *, strict: bool
) -> tuple[list[tuple[dict[str, Any], Pred]], list[Pred]]:
    pairs: list[tuple[dict[str, Any], Pred]] = []
    used: set[int] = set()
    for g in gold:
        for i, p in enumerate(preds):
            if i in used or p.doc != g["doc"] or not _same_value(p.value, g["value"]):
                continue
            same_span = (p.start, p.end) == (g["start"], g["end"])
            overlaps = p.start < g["end"] and g["start"] < p.end
            if same_span or (not strict and overlaps):
                pairs.append((g, p))
                used.add(i)
                break
    return pairs, [p for i, p in enumerate(preds) if i not in used]


# -- the systems ---------------------------------------------------------------------------------------


def ingest_corpus(corpus: Path, db: Path) -> tuple[SqliteStore, float]:
    store = SqliteStore(db)
    store.open()
    report = ingest_paths(store, sorted(corpus.glob("*.txt")), extract=extract_document)
    if report.errors:
        raise SystemExit("; ".join(r.error or r.path for r in report.errors))
    return store, report.seconds


def sinoscope_preds(store: SqliteStore) -> list[Pred]:
    return [Pred(f.doc, f.start, f.end, f.text, f.value, f.unit, f.period, str(f.kind)) for f in store.facts()]


def export_preds(path: Path) -> list[Pred]:
    preds = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            f = json.loads(line)
            preds.append(Pred(f["doc"], f["start"], f["end"], f["text"], f["value"], f["unit"], f["period"], f["kind"]))
    return preds


def quantulum_preds(gold: Sequence[dict[str, Any]], texts: dict[str, str]) -> list[Pred]:
    """quantulum3 on each covered line, its spans shifted to file offsets."""
    from quantulum3 import classifier, parser

    # The classifier pickled inside quantulum3 0.10.0 does not load with current scikit-learn; quantulum3's own
    # rule-based disambiguation is what it falls back to when scikit-learn is absent.
    classifier.USE_CLF = False
    preds: list[Pred] = []
    for doc, line_no in sorted({(g["doc"], g["line"]) for g in gold}):
        text = texts[doc]
        starts = _line_starts(text)
        lo = starts[line_no - 1]
        hi = text.find("\n", lo)
        line = text[lo : hi if hi >= 0 else len(text)]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(line)
        for q in found:
            s, e = q.span
            preds.append(Pred(doc, lo + s, lo + e, q.surface, float(q.value), _peer_unit(q)))
    return preds


def _peer_unit(q: Any) -> str | None:
    unit = q.unit
    if unit.name == "percentage":
        return "%"
    code = getattr(unit, "currency_code", None)
    if code:
        return str(code)
    if unit.name == "dimensionless":
        return None
    return str(unit.name)


def stored_tables(store: SqliteStore) -> Any:
    """`score_tables` reads tables through this: the tables as the store holds them."""
    from sinoscope.documents.anchors import doc_id_for

    def tables_of(path: Path) -> list[tuple[str, Table]]:
        blocks = store.blocks(doc_id_for(path.name))
        return [(b.anchor, b.table) for b in blocks if b.kind is BlockKind.TABLE and b.table is not None]

    return tables_of


# -- dev set -------------------------------------------------------------------------------------------


def _squash(s: object) -> str:
    return "".join(str(s).split())


def _stem(doc: str) -> str:
    return doc.rsplit(".", 1)[0]


def _dev_value_ok(fact: dict[str, Any], want: float | None) -> bool:
    try:
        got = float(fact.get("value"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return want is not None and abs(got - want) <= DEV_VALUE_TOL * max(abs(want), 1e-9)


def _near_first(cands: Sequence[dict[str, Any]], line: int | None) -> list[dict[str, Any]]:
    near = [e for e in cands if line is None or e.get("line") is None or abs(int(e["line"]) - int(line)) <= 1]
    return near + [e for e in cands if e not in near]


def find_dev_fact(gold: dict[str, Any], cands: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The fact that finds a gold fact: overlapping text (spaces ignored), value within 0.5 %."""
    want = gold.get("value") if gold.get("value") is not None else gold.get("value_min")
    for e in _near_first(cands, gold.get("line")):
        a, b = _squash(e.get("text", "")), _squash(gold["text"])
        if a and (a in b or b in a) and _dev_value_ok(e, None if want is None else float(want)):
            return e
    return None


def find_target_fact(target: dict[str, Any], cands: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The fact on a target statement's line (±1) with its value and its text inside the quoted clause."""
    quote = _squash(target["quote"])
    for e in cands:
        if e.get("line") is not None and abs(int(e["line"]) - int(target["line"])) > 1:
            continue
        if _squash(e.get("text", "")) in quote and _dev_value_ok(e, float(target["value"])):
            return e
    return None


def score_dev(facts: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]],
              targets: Sequence[dict[str, Any]]) -> dict[str, Any]:  # fmt: skip
    """Per document and overall: recall of the sampled gold, attribute accuracy among found facts,
    comparator accuracy on the target statements."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for f in facts:
        by_doc.setdefault(_stem(str(f.get("doc", ""))), []).append(f)
    rows: dict[str, dict[str, int]] = {}
    wrong: list[str] = []
    dates = {d: next((f.get("_doc_date") for f in fs if f.get("_doc_date")), None) for d, fs in by_doc.items()}
    for g in gold:
        d = _stem(g["doc"])
        row = rows.setdefault(d, dict.fromkeys(("n", "found", "unit", "kind", "period", "cmp_n", "cmp"), 0))
        row["n"] += 1
        hit = find_dev_fact(g, by_doc.get(d, []))
        if hit is None:
            wrong.append(f"{d}:{g['line']} missed {g['text']!r} {g.get('value')} {g['unit']}")
            continue
        row["found"] += 1
        for attr in ("unit", "kind", "period"):
            ok = str(hit.get(attr)) == str(g.get(attr))
            row[attr] += ok
            if not ok:
                wrong.append(f"{d}:{g['line']} {g['text']!r} {attr} {hit.get(attr)!r} want {g.get(attr)!r}")
    for t in targets:
        d = _stem(t["doc"])
        row = rows.setdefault(d, dict.fromkeys(("n", "found", "unit", "kind", "period", "cmp_n", "cmp"), 0))
        hit = find_target_fact(t, by_doc.get(d, []))
        if hit is None:
            continue
        row["cmp_n"] += 1
        ok = hit.get("comparator") == t["comparator"]
        row["cmp"] += ok
        if not ok:
            wrong.append(f"{d}:{t['line']} {hit.get('text')!r} comparator {hit.get('comparator')!r} "
                         f"want {t['comparator']!r}")  # fmt: skip
    total = {k: sum(r[k] for r in rows.values()) for k in ("n", "found", "unit", "kind", "period", "cmp_n", "cmp")}
    found = max(total["found"], 1)
    overall = {
        "recall": total["found"] / max(total["n"], 1),
        "unit": total["unit"] / found,
        "kind": total["kind"] / found,
        "period": total["period"] / found,
        "comparator": total["cmp"] / max(total["cmp_n"], 1),
        "comparator_scored": total["cmp_n"],
    }
    return {"documents": rows, "overall": overall, "errors": wrong, "dates": dates}


def dev_facts(dev: Path) -> list[dict[str, Any]]:
    """The dev documents ingested as a new user would (no embeddings), their facts as exported."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp) / "dev.sqlite")
        store.open()
        try:
            report = ingest_paths(store, sorted((dev / "docs").iterdir()), extract=extract_document)
            if report.errors:
                raise SystemExit("; ".join(r.error or r.path for r in report.errors))
            dates = {Path(d.path).stem or d.doc_id: d.metadata.get("date") for d in store.list_documents()}
            facts = [json.loads(f.model_dump_json()) for f in store.facts()]
            for f in facts:
                f["_doc_date"] = dates.get(_stem(str(f.get("doc", ""))))
            return facts
        finally:
            store.close()


def in_source_file(facts: list[dict[str, Any]], docs: Path) -> list[dict[str, Any]]:
    """Facts seen as a user holding the file sees them: where a fact carries its place in the file
    (`source_start`/`source_end`, Markdown and HTML readers' text differs from the file), its text and line
    are the file's, which is what the gold quotes."""
    files: dict[str, str] = {}
    out = []
    for f in facts:
        ss, se = f.get("source_start"), f.get("source_end")
        path = docs / str(f.get("doc", ""))
        if ss is None or se is None or not path.is_file():
            out.append(f)
            continue
        if path.name not in files:
            with path.open(encoding="utf-8", newline="") as fh:
                files[path.name] = fh.read()
        raw = files[path.name]
        out.append({**f, "text": raw[ss:se], "line": raw.count("\n", 0, ss) + 1})
    return out


def run_dev(export: Path | None = None) -> dict[str, Any] | None:
    dev = SHARED / "dev"
    if not (dev / "gold" / "facts.jsonl").is_file():
        return None
    facts = (
        [json.loads(x) for x in export.read_text(encoding="utf-8").splitlines() if x.strip()]
        if export is not None
        else dev_facts(dev)
    )
    facts = in_source_file(facts, dev / "docs")
    result = score_dev(facts, load_gold(dev / "gold" / "facts.jsonl"), load_gold(dev / "gold" / "targets.jsonl"))
    result["bars"] = {
        k: {"value": result["overall"][k], "bar": b, "passed": result["overall"][k] >= b} for k, b in DEV_BARS.items()
    }
    return result


def print_dev(result: dict[str, Any], *, errors: bool) -> None:
    print("dev set (../shared/dev): per document, recall of the sampled gold; attributes among found facts")
    print(f"{'document':34}{'gold':>5}{'found':>6}{'unit':>6}{'kind':>6}{'period':>7}{'cmp':>8}  date (metadata)")
    for d, r in sorted(result["documents"].items()):
        counts = f"{r['n']:>5}{r['found']:>6}{r['unit']:>6}{r['kind']:>6}{r['period']:>7}"
        print(f"{d:34}{counts}{r['cmp']:>4}/{r['cmp_n']:<3}  {result['dates'].get(d) or 'none'}")
    o = result["overall"]
    print(
        f"dev: recall {o['recall']:.3f} unit {o['unit']:.3f} kind {o['kind']:.3f} period {o['period']:.3f}"
        f" comparator {o['comparator']:.3f} (of {o['comparator_scored']} target statements found)"
    )
    print("dev bars: " + ", ".join(
        f"{k} {b['value']:.3f} ≥ {b['bar']} {'PASS' if b['passed'] else 'FAIL'}" for k, b in result["bars"].items()
    ))  # fmt: skip
    if errors:
        for item in result["errors"]:
            print(f"  dev {item}")


# -- held-out invented paragraphs ----------------------------------------------------------------------

HELDOUT = REPO / "bench" / "heldout_extraction.jsonl"
"""Paragraphs written for this bench (not taken or reworded from any document), each with a document date and
optionally the heading above it, and the facts expected: a check of the period, kind and comparator rules on
text none of them was written against. Attributes are scored where the case states them."""
TUNE = REPO / "bench" / "tune_extraction.jsonl"
HELDOUT_2 = REPO / "bench" / "heldout_extraction_2.jsonl"
"""Forty paragraphs (six genres, Chinese and English) labelled from the conventions alone by someone who had not
read the extractor, written after session 5's period/kind/unit rules, split by position into two halves before
anyone looked at an error: `tune_extraction.jsonl` (20 paragraphs, 96 facts) whose errors may be studied and
fixed, and `heldout_extraction_2.jsonl` (20 paragraphs, 108 facts), reported and never studied."""
HELDOUT_SETS = (HELDOUT, TUNE, HELDOUT_2)


def run_heldout(path: Path = HELDOUT) -> dict[str, Any]:
    from sinoscope.extraction.doc_context import ContextTracker
    from sinoscope.extraction.quantities import extract_quantities
    from sinoscope.extraction.relative_periods import parse_doc_date

    found = total = 0
    attrs: dict[str, list[int]] = {}
    misses: list[str] = []
    for case in load_gold(path):
        tracker = ContextTracker("", parse_doc_date(case.get("date")))
        if case.get("heading"):
            tracker.heading(case["heading"], 1)
        qs = extract_quantities(case["text"], tracker.paragraph(case["text"]))
        for want in case["facts"]:
            total += 1
            lo = case["text"].find(want["text"])
            hi = lo + len(want["text"])
            hit = next((q for q in qs if q.start < hi and lo < q.end and _same_value(q.value, want["value"])), None)
            if hit is None:
                misses.append(f"missed {want['text']!r} in {case['text'][:30]}")
                continue
            found += 1
            for attr in ("unit", "period", "kind", "comparator", "per"):
                if attr in want:
                    got = str(getattr(hit, attr))
                    ok = got == str(want[attr])
                    attrs.setdefault(attr, [0, 0])[0] += ok
                    attrs[attr][1] += 1
                    if not ok:
                        misses.append(f"{want['text']!r} {attr} {got!r} want {want[attr]!r}")
    return {"file": path.name, "facts": total, "found": found, "attributes": attrs, "errors": misses}


def print_heldout(result: dict[str, Any], *, errors: bool) -> None:
    attrs = ", ".join(f"{k} {ok}/{n}" for k, (ok, n) in result["attributes"].items())
    head = f"held-out invented paragraphs (bench/{result['file']}): found {result['found']}/{result['facts']}"
    print(f"{head}; {attrs}")
    if errors:
        for item in result["errors"]:
            print(f"  held-out {item}")


# -- peer suite ----------------------------------------------------------------------------------------

PEER_CASES = REPO / "bench" / "peer_quantities.jsonl"
"""Our own cases in the style of Microsoft Recognizers-Text's Number, Percent and Currency specs (Chinese and
English), written for this bench (no spec file is copied). A case passes when every expected result is found:
a quantity overlapping the expected text, with its value (and unit, where the case gives one)."""


def _peer_found(found: Sequence[tuple[int, int, float, str | None]], case: dict[str, Any]) -> bool:
    text = case["input"]
    for want in case["results"]:
        lo = text.find(want["text"])
        hi = lo + len(want["text"])
        if not any(
            s < hi and lo < e and _same_value(v, float(want["value"])) and ("unit" not in want or u == want["unit"])
            for s, e, v, u in found
        ):
            return False
    return True


def run_peer() -> dict[str, Any]:
    from quantulum3 import classifier, parser

    from sinoscope.extraction.quantities import extract_quantities

    classifier.USE_CLF = False
    cases = load_gold(PEER_CASES)
    rows: dict[str, dict[str, int]] = {}
    failures: list[str] = []
    for case in cases:
        ours = [(q.start, q.end, q.value, q.unit) for q in extract_quantities(case["input"])]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = [(q.span[0], q.span[1], float(q.value), _peer_unit(q)) for q in parser.parse(case["input"])]
        key = f"{case['lang']} {case['type']}"
        row = rows.setdefault(key, {"cases": 0, "sinoscope": 0, "quantulum3": 0})
        row["cases"] += 1
        ok = _peer_found(ours, case)
        row["sinoscope"] += ok
        row["quantulum3"] += _peer_found(theirs, case)
        if not ok:
            failures.append(f"{case['input']} → {[(v, u) for _, _, v, u in ours]}")
    total = {k: sum(r[k] for r in rows.values()) for k in ("cases", "sinoscope", "quantulum3")}
    return {"groups": rows, "total": total, "sinoscope_failures": failures}


def print_peer(result: dict[str, Any], *, errors: bool) -> None:
    print("peer suite (bench/peer_quantities.jsonl, Recognizers-Text style): cases passed")
    print(f"{'':14}{'cases':>6}{'sinoscope':>11}{'quantulum3':>12}")
    for key, r in sorted(result["groups"].items()):
        print(f"{key:14}{r['cases']:>6}{r['sinoscope']:>11}{r['quantulum3']:>12}")
    t = result["total"]
    rates = f"pass rate sinoscope {t['sinoscope'] / t['cases']:.3f}, quantulum3 {t['quantulum3'] / t['cases']:.3f}"
    print(f"{'all':14}{t['cases']:>6}{t['sinoscope']:>11}{t['quantulum3']:>12}   {rates}")
    if errors:
        for item in result["sinoscope_failures"]:
            print(f"  peer sinoscope failed: {item}")


# -- report --------------------------------------------------------------------------------------------


def run(export: Path | None = None) -> dict[str, Any]:
    gold_path = SHARED / "gold" / "facts_dev.jsonl"
    corpus = SHARED / "corpus"
    if not gold_path.is_file() or not corpus.is_dir():
        raise SystemExit(f"gold or corpus not found under {SHARED}")
    gold = load_gold(gold_path)
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    with tempfile.TemporaryDirectory() as tmp:
        store, seconds = ingest_corpus(corpus, Path(tmp) / "bench.sqlite")
        try:
            preds = export_preds(export) if export is not None else sinoscope_preds(store)
            tables = score_tables(corpus_dir=corpus, tables_of=stored_tables(store))
        finally:
            store.close()
    ours = score_facts(gold, preds, texts)
    peer = score_facts(gold, quantulum_preds(gold, texts), texts)
    figures = {
        "recall": ours["strict"]["recall"],
        "precision": ours["strict"]["precision"],
        "kind_accuracy": ours["strict"]["kind_accuracy"],
        "table_cell_accuracy": tables["cell_accuracy"],
    }
    return {
        "sinoscope": ours,
        "quantulum3": peer,
        "tables": {k: tables[k] for k in ("cell_accuracy", "unit_accuracy", "cells")},
        "facts_in_corpus": len(preds),
        "ingest_seconds": seconds,
        "bars": {k: {"value": v, "bar": BARS[k], "passed": v >= BARS[k]} for k, v in figures.items()},
    }


def _fmt(v: Any) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def print_report(result: dict[str, Any], *, errors: bool) -> None:
    ours, peer = result["sinoscope"], result["quantulum3"]
    print(
        f"facts: {ours['gold']} gold; predicted on the covered lines: sinoscope {ours['predicted_on_covered_lines']},"
        f" quantulum3 {peer['predicted_on_covered_lines']}; sinoscope facts in the corpus: {result['facts_in_corpus']}"
    )
    print(f"{'':26}{'sinoscope':>12}{'quantulum3':>12}")
    for mode in ("strict", "relaxed"):
        for key in ("precision", "recall", "f1", "unit_accuracy", "kind_accuracy", "period_accuracy"):
            peer_value = peer[mode][key] if key not in ("kind_accuracy", "period_accuracy") else "-"
            label = f"{key} ({mode})" if mode == "relaxed" else key
            print(f"{label:26}{_fmt(ours[mode][key]):>12}{_fmt(peer_value):>12}")
    t = result["tables"]
    print(
        f"table cell accuracy {t['cell_accuracy']:.4f} over {t['cells']} gold cells;"
        f" unit/scale {t['unit_accuracy']:.4f}"
    )
    print("bars: " + ", ".join(
        f"{k} {b['value']:.3f} ≥ {b['bar']} {'PASS' if b['passed'] else 'FAIL'}" for k, b in result["bars"].items()
    ))  # fmt: skip
    if errors:
        for name, scores in (("sinoscope", ours["strict"]), ("quantulum3", peer["strict"])):
            for key in ("missed", "false_positives", "wrong_attributes"):
                for item in _limited(scores[key], 40 if name == "sinoscope" else 10):
                    print(f"  {name} {key}: {item}")


def _limited(items: Iterable[str], n: int) -> list[str]:
    return list(items)[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--export", type=Path, help="score this `sinoscope export facts` JSONL instead of ingesting")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--errors", action="store_true", help="list misses, false positives and wrong attributes")
    ap.add_argument("--no-dev", action="store_true", help="skip the dev set (../shared/dev)")
    ap.add_argument("--dev-export", type=Path, help="score this export of the dev documents instead of ingesting")
    args = ap.parse_args()
    result = run(args.export)
    dev = None if args.no_dev else run_dev(args.dev_export)
    if dev is not None:
        result["dev"] = dev
    result["peer_suite"] = run_peer()
    result["heldout"] = [run_heldout(path) for path in HELDOUT_SETS if path.exists()]
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_report(result, errors=args.errors)
        if dev is not None:
            print_dev(dev, errors=args.errors)
        print_peer(result["peer_suite"], errors=args.errors)
        for held in result["heldout"]:
            print_heldout(held, errors=args.errors and held["file"] != HELDOUT_2.name)
    if not all(b["passed"] for b in result["bars"].values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
