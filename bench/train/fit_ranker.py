"""Fit the answer ranker's weights and abstention threshold on the invented training set: the documents
and questions of bench/train, and the invented reports and questions of the tests in tests/answer.

Every candidate figure of every training question is a row (its `ranker.FEATURES`), labelled 1 when it
is the gold figure (value within 0.5 %, same unit). A logistic regression (scikit-learn) gives the weights;
a second logistic regression over the best candidate of each question (`ranker.CONFIDENCE`: its
probability, its lead over the best other value, its share of all candidates' odds) says how likely it is right, and the
threshold below which the card says "not found" is the one answering most training questions right
while giving a wrong figure for at most 3 % of them (a wrong figure with a citation is the worst card). Only
invented documents and questions are used: the dev sets are for measuring.

    .venv/bin/python bench/train/fit_ranker.py [--write]   # --write updates sinoscope/answer/data/ranker.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from sinoscope.answer.engine import MIN_COVERAGE, MIN_SCORE, Answerer  # noqa: E402
from sinoscope.answer.ranker import CONFIDENCE, FEATURES, Model, confidence, probability  # noqa: E402
from sinoscope.answer.service import open_answerer  # noqa: E402
from sinoscope.app.pipeline import ingest_paths  # noqa: E402
from sinoscope.app.stages import extract as extract_document  # noqa: E402
from sinoscope.retrieval.search import Mode  # noqa: E402
from sinoscope.store import SqliteStore, open_store  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import score_qa  # noqa: E402

TRAIN = ROOT / "bench" / "train"
MAX_WRONG = 0.03
"""The lowest threshold whose wrong answers stay within this share of the training questions wins."""


def _match(value: float, unit: str, gold: dict[str, Any]) -> bool:
    g = gold.get("value")
    return g is not None and unit == gold["unit"] and abs(value - float(g)) <= 0.005 * max(abs(float(g)), 1e-12)


def rows(answerer: Answerer, questions: list[dict[str, Any]]) -> list[list[tuple[tuple[float, ...], int, bool]]]:
    """Per question: (features, label, other-year) of each candidate."""
    out = []
    for gold in questions:
        ranking = answerer.rank(answerer.parse(gold["q"]))
        out.append(
            [
                (r.features, int(_match(r.scored.candidate.value, r.scored.candidate.unit, gold)),
                 r.scored.year_ok is False)
                for r in ranking.ranked
                if r.scored.score > 0
            ]
        )  # fmt: skip
    return out


def tops(
    data: list[list[tuple[tuple[float, ...], int, bool]]], m: Model
) -> list[tuple[tuple[float, ...], int, bool, bool]]:
    """Per question with candidates: (confidence features, label, other-year) of its best candidate, with
    the candidates' values told apart by their label only (a gold and a non-gold figure differ)."""
    out = []
    for cands in data:
        if not cands:
            continue
        scored = sorted(((probability(f, m), f, label, oy) for f, label, oy in cands), key=lambda c: -c[0])
        p, f, label, other_year = scored[0]
        worded = f[FEATURES.index("translated")] == 0 and f[FEATURES.index("entity_missing")] == 0
        worded = worded and f[FEATURES.index("coverage")] >= MIN_COVERAGE and f[FEATURES.index("score")] >= MIN_SCORE
        other = next((c[0] for c in scored[1:] if c[2] != label or not label), 0.0)
        odds = sum(c[0] / max(1e-9, 1 - c[0]) for c in scored)
        own = p / max(1e-9, 1 - p)
        out.append(((p, p - other, own / max(odds, own)), label, other_year, worded))
    return out


def outcomes(
    data: list[list[tuple[tuple[float, ...], int, bool]]], m: Model, by: dict[str, list[int]] | None = None
) -> tuple[int, int, int]:
    """(correct, wrong, not found); `by` collects [correct, wrong] per gate that let the answer through."""
    correct = wrong = 0
    for x, label, other_year, worded in tops(data, m):
        sure = confidence(x, m) >= m.threshold
        if other_year or not (sure or worded):
            continue
        correct += label
        wrong += 1 - label
        if by is not None:
            by.setdefault("confidence" if sure else "word gate only", [0, 0])[1 - label] += 1
    return correct, wrong, len(data) - correct - wrong


def fixture_rows(tmp: Path) -> tuple[int, list[list[tuple[tuple[float, ...], int, bool]]]]:
    """The invented reports of tests/answer and their questions (answerable and not)."""
    from tests.answer import fixtures, test_answer, test_generalization

    questions = [{"q": q, "value": v, "unit": u} for q, v, u, *_ in test_answer.ANSWERABLE]
    questions += [{"q": q, "value": v, "unit": u} for q, v, u in test_generalization.ANSWERED]
    questions += [{"q": q, "value": None} for q in test_answer.UNANSWERABLE]
    questions += [{"q": q, "value": None} for q in test_generalization.NOT_ANSWERED_EVEN_WITHOUT_KB]
    names = {"710_freedonia.txt": fixtures.REPORT_A, "711_freedonia_b.txt": fixtures.REPORT_B,
             "712_freedonia_c.txt": fixtures.REPORT_C}  # fmt: skip
    for name, text in names.items():
        (tmp / name).write_text(text, encoding="utf-8")
    with SqliteStore(tmp / "fixtures.sqlite") as store:
        ingest_paths(store, [tmp / n for n in names], extract=extract_document)
        search = lambda query, limit: [h.anchor for h in store.search(query, limit)]  # noqa: E731
        out = rows(Answerer(store, search), questions)
        with_kb = [{"q": q, "value": None} for q in test_generalization.NOT_ANSWERED_WITH_KB]
        out += rows(Answerer(store, search, test_generalization.KB), with_kb)
        return len(questions) + len(with_kb), out


def fit(data: list[list[tuple[tuple[float, ...], int, bool]]]) -> Model:
    """Candidate weights, confidence weights, then the lowest threshold keeping wrong answers ≤ 3 %."""
    x = np.array([f for cands in data for f, _, _ in cands])
    y = np.array([label for cands in data for _, label, _ in cands])
    ranker = LogisticRegression(C=10.0, max_iter=2000).fit(x, y)
    coef = tuple(float(c) for c in ranker.coef_[0])
    intercept = float(ranker.intercept_[0])
    first = tops(data, Model(coef, intercept, 0.0))
    conf = LogisticRegression(C=10.0, max_iter=2000).fit(np.array([x for x, *_ in first]), [t[1] for t in first])
    conf_coef = tuple(float(c) for c in conf.coef_[0])
    conf_intercept = float(conf.intercept_[0])
    best: tuple[float, float] | None = None
    for t in np.linspace(0.02, 0.9, 45):
        c, w, _ = outcomes(data, Model(coef, intercept, float(t), conf_coef, conf_intercept))
        if w > MAX_WRONG * len(data):
            continue
        if best is None or c > best[0]:
            best = (c, float(t))
    threshold = round(best[1], 3) if best is not None else 0.9
    return Model(coef, intercept, threshold, conf_coef, conf_intercept)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="Write sinoscope/answer/data/ranker.json.")
    args = parser.parse_args(argv)
    questions = score_qa.load_jsonl(TRAIN / "qa.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "train.sqlite"
        score_qa.build_db(sorted(p for p in TRAIN.iterdir() if p.suffix in (".txt", ".md")), db, embed=False)
        store = open_store(db, create=False)
        try:
            with open_answerer(store, db, Mode.BM25) as answerer:
                data = rows(answerer, questions)
        finally:
            store.close()
        n_fixtures, more = fixture_rows(Path(tmp))
    own = list(data)
    data += more
    m = fit(data)
    for name, (train, held) in {"bench/train": (more, own), "tests/answer": (own, more)}.items():
        c, w, n = outcomes(held, fit(train))
        print(f"held out {name} (fitted on the other): correct {c}, wrong {w}, not found {n} of {len(held)}")
    coef, intercept, conf_coef, conf_intercept = m.coef, m.intercept, m.confidence_coef, m.confidence_intercept
    y = np.array([label for cands in data for _, label, _ in cands])
    gates: dict[str, list[int]] = {}
    c, w, n = outcomes(data, m, gates)
    print(f"{len(questions)} + {n_fixtures} questions, {len(y)} candidates ({int(y.sum())} gold)")
    for name, value in zip(FEATURES, coef, strict=True):
        print(f"  {name:<14} {value:+.3f}")
    print(f"  intercept      {intercept:+.3f}")
    for name, value in zip(CONFIDENCE, conf_coef, strict=True):
        print(f"  confidence {name:<10} {value:+.3f}")
    print(f"  confidence intercept {conf_intercept:+.3f}; threshold {m.threshold}")
    print(f"training set: correct {c}, wrong {w}, not found {n}; answered through: {gates} ([correct, wrong])")
    if args.write:
        out = {"coef": dict(zip(FEATURES, coef, strict=True)), "intercept": intercept, "threshold": m.threshold,
               "confidence_coef": dict(zip(CONFIDENCE, conf_coef, strict=True)),
               "confidence_intercept": conf_intercept,
               "fitted_on": "bench/train/qa.jsonl and tests/answer (invented documents)",
               "questions": len(questions) + n_fixtures}  # fmt: skip
        path = ROOT / "sinoscope" / "answer" / "data" / "ranker.json"
        path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
