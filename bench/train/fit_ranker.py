"""Fit the answer ranker's weights and abstention threshold on the invented training set: the documents
and questions of bench/train, and the invented reports and questions of the tests in tests/answer.

Every candidate figure of every training question is a row (its `ranker.FEATURES`), labelled 1 when it
is the gold figure (value within 0.5 %, same unit). The candidates of one question compete: a conditional
logit (a softmax over the question's candidates, L2-penalised, fitted with scipy) gives the weights, so
only what tells a question's candidates apart is learned. Whether to answer at all is a second model: a
logistic regression over the best candidate of each question (`ranker.CONFIDENCE`: its probability, its
lead over the best other value, its linear score and a few of its own features) says how likely it is
right. That second model and its
threshold are fitted on *out-of-fold* rankings: each training document's questions are ranked by weights
fitted without that document (leave one document out), as a new document's would be; the threshold is
the lowest keeping wrong figures within 2 % of those questions (a wrong figure with a citation is the
worst card). The out-of-fold figures printed are what a new document can expect. Only invented
documents and questions are used: the dev sets are for measuring.

    .venv/bin/python bench/train/fit_ranker.py [--write] [--without FEATURE,...] [--calibrate SETS]
    # --write updates sinoscope/answer/data/ranker.json; --without leaves features out (an ablation)

`--calibrate heldout,heldout2,calib1,calib2` (the default; calib2 joined in session 14) chooses the threshold on
other questions: those of invented documents written to read like real ones, by people who saw neither the
engine nor the training set (score_qa's first two held-out sets, which no longer count as held out, and calib1
and calib2, written for this; 249 questions). The training documents were
written to be as confusable as possible, and their best candidates are right less often at the same
confidence than a realistic document's are, so a threshold chosen on them abstains on most right answers
of a realistic document. The weights and the confidence model are still fitted on the training set alone;
the calibration questions set one number, the threshold, at MAX_WRONG of their questions (expected wrong
answers, from a logistic fit of right against confidence over all of them: `smoothed_threshold`). `--calibrate ""`
chooses it on the training set's out-of-fold tops as before. The held-out sets left (heldout3 to heldout6) are
the measure of how that choice generalizes.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy.optimize import minimize  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from sinoscope.answer.engine import Answerer, ruled_out  # noqa: E402
from sinoscope.answer.ranker import (  # noqa: E402
    CONFIDENCE,
    FEATURES,
    Model,
    confidence,
    confidence_features,
    value_key,
    value_probabilities,
)
from sinoscope.answer.service import open_answerer  # noqa: E402
from sinoscope.app.pipeline import ingest_paths  # noqa: E402
from sinoscope.app.stages import extract as extract_document  # noqa: E402
from sinoscope.retrieval.search import Mode  # noqa: E402
from sinoscope.store import SqliteStore, open_store  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import score_qa  # noqa: E402

TRAIN = ROOT / "bench" / "train"
MAX_WRONG = 0.015
"""The lowest threshold whose wrong answers stay within this share of the training questions wins (the median
over resamples, `fit_confidence`). Not the 3 % the cards are held to: the nested check (confidence fitted on
half the documents, applied to the other half) showed a 3 % target giving 19 wrong of 449 (4.2 %) on
documents the confidence never saw; and 1.5 %, not 2 %, since session 11: a 2 % target gave 3.0 % wrong on
the training questions themselves (`score_qa --sets train`)."""


def _match(value: float, unit: str, gold: dict[str, Any]) -> bool:
    """The gold figure, judged as `score_qa.judge` does: the value within 0.5 % and the gold unit, where any
    count noun matches any other ("610 doctorates" is the gold "610 degrees": the noun is the extraction's
    reading of the document, not the ranker's choice). Requiring the same noun labelled right answers as
    wrong and taught the ranker to prefer the documents' rarer nouns."""
    g = gold.get("value")
    if g is None or abs(value - float(g)) > 0.005 * max(abs(float(g)), 1e-12):
        return False
    return unit == gold["unit"] or (score_qa.count_unit(unit) and score_qa.count_unit(str(gold["unit"])))


Cand = tuple[tuple[float, ...], int, bool, str]
Rows = list[list[Cand]]
"""Per question: (features, label, other-year, `ranker.value_key`) of each candidate."""
WITHOUT: set[int] = set()
"""Features left out (set to 0) for an ablation: `--without doc_missing` shows what one feature is worth."""


def _kept(f: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(0.0 if i in WITHOUT else v for i, v in enumerate(f))


def rows(answerer: Answerer, questions: list[dict[str, Any]]) -> Rows:
    """Per question: (features, label, ruled out, value key) of each candidate."""
    out = []
    for gold in questions:
        ranking = answerer.rank(answerer.parse(gold["q"]))
        cands = []
        for r in ranking.ranked:
            c = r.scored.candidate
            label = int(_match(c.value, c.unit, gold))
            cands.append((_kept(r.features), label, ruled_out(r.scored), value_key(c.value, c.unit, c.period)))
        out.append(cands)
    return out


Top = tuple[tuple[float, ...], int, bool]
"""Per question with candidates: (confidence features, label, other-year) of its best candidate."""
L2 = 0.1


def top_of(cands: list[Cand], coef: tuple[float, ...]) -> Top:
    """The best candidate of one question under `coef`, and its confidence features (values told apart by
    `ranker.value_key`, as the answerer does)."""
    m = Model(coef, 0.0)
    ps, zs = value_probabilities([c[0] for c in cands], [c[3] for c in cands], m)
    order = sorted(range(len(cands)), key=lambda i: (-ps[i], -zs[i]))
    best = order[0]
    _, label, other_year, key = cands[best]
    other = next((ps[i] for i in order[1:] if cands[i][3] != key), 0.0)
    return confidence_features(ps[best], other, zs[best], cands[best][0]), label, other_year


def outcomes(tops: list[Top], n_questions: int, m: Model) -> tuple[int, int, int]:
    """(correct, wrong, not found) when the card answers above `m.threshold` (never for another year)."""
    correct = wrong = 0
    for x, label, other_year in tops:
        if other_year or confidence(x, m) < m.threshold:
            continue
        correct += label
        wrong += 1 - label
    return correct, wrong, n_questions - correct - wrong


BUDGETS = (5, 10, 15, 20, 30)
"""Wrong answers at which `curve` counts the correct ones."""


def curve(tops: list[Top], m: Model, budgets: tuple[int, ...] = BUDGETS) -> list[int]:
    """Correct answers when the card answers the most confident questions until it has given `budget` wrong
    figures, per budget: the whole trade-off, not one threshold's point of it (a threshold moves in steps,
    and one wrong answer more in the training set moves it by 0.02, which hides what a change did)."""
    ranked = sorted((confidence(x, m), label) for x, label, other_year in tops if not other_year)
    ranked.reverse()
    out = []
    for budget in budgets:
        correct = wrong = 0
        for _, label in ranked:
            if not label and wrong == budget:
                break
            correct += label
            wrong += 1 - label
        out.append(correct)
    return out


def fixture_rows(tmp: Path) -> tuple[int, Rows]:
    """The invented reports of tests/answer and their questions (answerable and not)."""
    from tests.answer import fixtures, test_answer, test_generalization

    questions = [{"q": q, "value": v, "unit": u} for q, v, u, *_ in test_answer.ANSWERABLE]
    cases = [getattr(case, "values", case) for case in test_generalization.ANSWERED]  # pytest.param or tuple
    questions += [{"q": q, "value": v, "unit": u} for q, v, u in cases]
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


def fit_coef(data: Rows) -> tuple[float, ...]:
    """Conditional logit: maximise the softmax probability of each question's gold candidate(s)."""
    groups = [(np.array([x[0] for x in c], float), np.array([x[1] for x in c], float)) for c in data if c]
    groups = [(x, y) for x, y in groups if y.sum() > 0]
    k = len(FEATURES)

    def loss(w: Any) -> tuple[float, Any]:
        total, grad = L2 * float(w @ w), 2 * L2 * w
        for x, y in groups:
            z = x @ w
            e = np.exp(z - z.max())
            p = e / e.sum()
            gold = p * y / (p * y).sum()
            total -= float(np.log((p * y).sum() + 1e-12))
            grad = grad + p @ x - gold @ x
        return total, grad

    found = minimize(loss, np.zeros(k), jac=True, method="L-BFGS-B")
    return tuple(float(v) for v in found.x)


def out_of_fold(own: Rows, docs: list[str], always: Rows) -> list[Top]:
    """Each training document's questions ranked by weights fitted without that document (and the test
    fixtures ranked by weights fitted on bench/train alone)."""
    out: list[Top] = []
    folds = [(doc, [r for r, d in zip(own, docs, strict=True) if d == doc]) for doc in sorted(set(docs))]
    for doc, held in folds:
        coef = fit_coef([r for r, d in zip(own, docs, strict=True) if d != doc] + always)
        out.extend(top_of(c, coef) for c in held if c)
    coef = fit_coef(own)
    out.extend(top_of(c, coef) for c in always if c)
    return out


def _lowest_threshold(tops: list[Top], n_questions: int, m: Model) -> float:
    """The lowest threshold on a 0.02 grid keeping wrong figures within MAX_WRONG of the questions."""
    best: tuple[int, float] | None = None
    for t in np.linspace(0.02, 0.98, 49):
        c, w, _ = outcomes(tops, n_questions, replace(m, threshold=float(t)))
        if w <= MAX_WRONG * n_questions and (best is None or c > best[0]):
            best = (c, float(t))
    return best[1] if best is not None else 0.98


RESAMPLES = 40


def fit_confidence(tops: list[Top], n_questions: int, coef: tuple[float, ...]) -> Model:
    """The confidence model on out-of-fold tops, and its threshold: the median, over resamples of the
    questions (with replacement), of the lowest threshold keeping wrong figures ≤ MAX_WRONG. On the tops
    alone that threshold moved by a grid step whenever one training question changed sides, so a change to
    the ranker that left its trade-off curve unchanged could still move every reported figure (bagging)."""
    conf = LogisticRegression(C=10.0, max_iter=2000).fit(np.array([x for x, *_ in tops]), [t[1] for t in tops])
    return calibrated(Model(coef, 0.0, tuple(float(c) for c in conf.coef_[0]), float(conf.intercept_[0])), tops,
                      n_questions)  # fmt: skip


def calibration_rows(sets: list[str], mode: Mode, tmp: Path) -> tuple[Rows, int]:
    """The candidates of every question of score_qa's invented `sets`, each set's documents in a database of
    its own (as score_qa builds them), and the number of questions."""
    out: Rows = []
    n = 0
    for name, questions in score_qa.question_sets(sets).items():
        db = tmp / f"{name}.sqlite"
        folder = score_qa.INVENTED[name]
        score_qa.build_db(sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md")), db, embed=True)
        store = open_store(db, create=False)
        try:
            with open_answerer(store, db, mode) as answerer:
                out += rows(answerer, questions)
        finally:
            store.close()
        n += len(questions)
    return out, n


def smoothed_threshold(tops: list[Top], n_questions: int, m: Model) -> float:
    """The lowest 0.02-grid threshold whose *expected* wrong answers stay within MAX_WRONG of the questions,
    where a question's chance of a wrong answer is read from a logistic fit of right against confidence over
    all the tops: with 129 questions and a 1.5 % target, counting wrong answers lets one or two questions
    set the threshold (a change that left the training curve as it was moved it 0.82 -> 0.76)."""
    conf = np.array([confidence(x, m) for x, _, _ in tops])
    labels = np.array([label for _, label, _ in tops])
    answerable = np.array([not other_year for _, _, other_year in tops])
    logit = np.log(np.clip(conf, 1e-6, 1 - 1e-6) / np.clip(1 - conf, 1e-6, 1)).reshape(-1, 1)
    fit = LogisticRegression(C=1.0).fit(logit, labels)
    p_right = fit.predict_proba(logit)[:, 1]
    for t in np.linspace(0.02, 0.98, 49):
        answered = answerable & (conf >= t)
        if float((1 - p_right)[answered].sum()) <= MAX_WRONG * n_questions:
            return round(float(t), 3)
    return 0.98


def calibrated_on(m: Model, cal: tuple[Rows, int]) -> tuple[Model, tuple[int, int, int]]:
    """`m` with its threshold chosen on the calibration questions, and (correct, wrong, not found) there."""
    tops = [top_of(c, m.coef) for c in cal[0] if c]
    counted = calibrated(m, tops, cal[1])
    m = replace(counted, threshold=smoothed_threshold(tops, cal[1], counted))
    print(f"calibration: threshold {m.threshold} by expected wrong answers ({counted.threshold} by counting them)")
    return m, outcomes(tops, cal[1], m)


def calibrated(m: Model, tops: list[Top], n_questions: int) -> Model:
    """`m` with the threshold chosen on `tops` (median over resamples, as `fit_confidence` does)."""
    draw = np.random.default_rng(0)
    found = [
        _lowest_threshold([tops[i] for i in draw.integers(0, len(tops), len(tops))], n_questions, m)
        for _ in range(RESAMPLES)
    ]
    return replace(m, threshold=round(float(np.median(found)), 3))


def nested(
    tops: list[Top], own: Rows, docs: list[str], n_questions: int, coef: tuple[float, ...]
) -> tuple[int, int, int]:
    """(correct, wrong, questions) when the confidence model and its threshold are fitted on the out-of-fold
    tops of every other training document and applied to the rest, both ways: the threshold is chosen on
    the tops it is then scored on, so the figures above are optimistic; these are not."""
    order = sorted(set(docs))
    tags = [d for d in order for r, dd in zip(own, docs, strict=True) if dd == d and r]
    tags += ["fixture"] * (len(tops) - len(tags))
    correct = wrong = total = 0
    for parity in (0, 1):
        fitted = {d for i, d in enumerate(order) if i % 2 == parity} | {"fixture"}
        train = [t for t, g in zip(tops, tags, strict=True) if g in fitted]
        test = [t for t, g in zip(tops, tags, strict=True) if g not in fitted]
        m = fit_confidence(train, round(n_questions * len(train) / len(tops)), coef)
        c, w, _ = outcomes(test, len(test), m)
        correct, wrong, total = correct + c, wrong + w, total + len(test)
    return correct, wrong, total


def top1(data: Rows, coef: tuple[float, ...]) -> tuple[int, int]:
    """(questions whose most probable candidate is gold, questions with a gold candidate)."""
    m = Model(coef, 0.0)
    hits = possible = 0
    for cands in data:
        if any(c[1] for c in cands):
            possible += 1
            ps, zs = value_probabilities([c[0] for c in cands], [c[3] for c in cands], m)
            hits += cands[max(range(len(cands)), key=lambda i: (ps[i], zs[i]))][1]
    return hits, possible


def _words_only(data: Rows) -> Rows:
    meaning = FEATURES.index("meaning")
    return [[(tuple(0.0 if i == meaning else v for i, v in enumerate(f)), y, o, k) for f, y, o, k in c] for c in data]


def _model_json(m: Model) -> dict[str, Any]:
    return {
        "coef": dict(zip(FEATURES, m.coef, strict=True)),
        "threshold": m.threshold,
        "confidence_coef": dict(zip(CONFIDENCE, m.confidence_coef, strict=True)),
        "confidence_intercept": m.confidence_intercept,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="Write sinoscope/answer/data/ranker.json.")
    parser.add_argument("--without", default="", help="Comma-separated features to leave out (an ablation).")
    parser.add_argument(
        "--mode",
        default="hybrid",
        choices=["bm25", "hybrid"],
        help="Retrieval the training questions are ranked with (the default is the one `ask` uses).",
    )
    parser.add_argument(
        "--calibrate",
        default="heldout,heldout2,calib1,calib2",
        help="score_qa's invented sets whose questions choose the threshold ('' = the training set's own).",
    )
    args = parser.parse_args(argv)
    WITHOUT.update(FEATURES.index(name) for name in args.without.split(",") if name)
    questions = score_qa.load_jsonl(TRAIN / "qa.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "train.sqlite"
        score_qa.build_db(
            sorted(p for p in TRAIN.iterdir() if p.suffix in (".txt", ".md")), db, embed=args.mode != "bm25"
        )
        store = open_store(db, create=False)
        try:
            with open_answerer(store, db, Mode(args.mode)) as answerer:
                data = rows(answerer, questions)
        finally:
            store.close()
        n_fixtures, more = fixture_rows(Path(tmp))
        docs = [q["doc"] for q in questions]
        everything = data + more
        sets = [s for s in args.calibrate.split(",") if s]
        cal = calibration_rows(sets, Mode(args.mode), Path(tmp)) if sets else None
    coef = fit_coef(everything)
    n_questions = len(questions) + n_fixtures
    tops = out_of_fold(data, docs, more)
    m = fit_confidence(tops, n_questions, coef)
    if cal is not None:
        own_threshold = m.threshold
        m, (cc, cw, cn) = calibrated_on(m, cal)
        print(f"threshold chosen on {args.calibrate} ({cal[1]} questions): {m.threshold} (on the training set's own"
              f" tops: {own_threshold}); there: correct {cc}, wrong {cw}, not found {cn}")  # fmt: skip
    hits = sum(t[1] for t in tops)
    possible = sum(1 for c in everything if any(x[1] for x in c))
    c, w, n = outcomes(tops, n_questions, m)
    y = np.array([x[1] for cands in everything for x in cands])
    print(f"{len(questions)} + {n_fixtures} questions, {len(y)} candidates ({int(y.sum())} gold)")
    print(f"out of fold (leave one document out): top-1 {hits}/{possible} questions with a gold candidate;")
    print(f"  answered: correct {c}, wrong {w}, not found {n} of {n_questions} (threshold {m.threshold})")
    print("  correct answers before the n-th wrong one: " + ", ".join(
        f"{b} wrong: {c}" for b, c in zip(BUDGETS, curve(tops, m), strict=True)))  # fmt: skip
    nc, nw, nn = nested(tops, data, docs, n_questions, coef)
    print(
        f"  nested (confidence and threshold fitted on half the documents, applied to the other half): "
        f"correct {nc}, wrong {nw} of {nn}"
    )
    h, p = top1(everything, coef)
    print(f"in sample: top-1 {h}/{p}")
    for name, value in zip(FEATURES, coef, strict=True):
        print(f"  {name:<14} {value:+.3f}")
    for name, value in zip(CONFIDENCE, m.confidence_coef, strict=True):
        print(f"  confidence {name:<10} {value:+.3f}")
    print(f"  confidence intercept {m.confidence_intercept:+.3f}; threshold {m.threshold}")
    # The model for an answerer without the embedder: the same rows with `meaning` at zero, fitted afresh.
    w_data, w_more = _words_only(data), _words_only(more)
    w_coef = fit_coef(w_data + w_more)
    w_tops = out_of_fold(w_data, docs, w_more)
    w_m = fit_confidence(w_tops, n_questions, w_coef)
    if cal is not None:
        w_m, _ = calibrated_on(w_m, (_words_only(cal[0]), cal[1]))
    wc, ww, wn = outcomes(w_tops, n_questions, w_m)
    print(f"words only (no embedder): top-1 {sum(t[1] for t in w_tops)}/{possible}; answered correct {wc}, "
          f"wrong {ww}, not found {wn} (threshold {w_m.threshold})")  # fmt: skip
    if args.write:
        out = {**_model_json(m), "fitted_on": "bench/train/qa.jsonl and tests/answer (invented documents)",
               "questions": len(questions) + n_fixtures, "words_only": _model_json(w_m),
               "threshold_chosen_on": args.calibrate or "bench/train (out of fold)"}  # fmt: skip
        path = ROOT / "sinoscope" / "answer" / "data" / "ranker.json"
        path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
