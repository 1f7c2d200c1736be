"""Structure recovery on documents sinoscope was not built on: headings, tables and titles.

    .venv/bin/python bench/score_structure.py             # ingest ../shared/dev/docs into a temp db, score
    .venv/bin/python bench/score_structure.py --errors    # also list missed and extra headings
    .venv/bin/python bench/score_structure.py --json      # the figures as JSON

The dev documents are ingested with the real CLI (`sinoscope --db TMP ingest --no-embed`), exactly as a user
would, and the outline is read back from the store (chapters, sections and their heading blocks, whose
`label` is the printed number). Gold: `../shared/dev/gold/structure.jsonl`.

Heading matching rule. A predicted heading matches a gold heading (one to one, in document order) when
  - it is on the same line ±1. Line numbers count "\\n" in the file. For formats whose stored text is not the
    file itself (Markdown, HTML), the predicted heading's line is found in the file: the first line at or
    after the previous located heading whose letters and digits contain the heading's title;
  - the titles are equal after normalisation (lower case, only letters, digits and Han characters kept;
    a ratio >= 0.9 of difflib tolerates one mangled character in a long title);
  - the printed numbers are equal with surrounding punctuation removed ("（一）" = "一", "3.1" = "3.1";
    a gold heading without a number matches only a heading without one);
  - the levels are equal relative to the document's top level (gold levels are '#' counts in Markdown:
    a document's shallowest gold level and our shallowest level (chapters) both count as 0).
Precision = matched / predicted headings, recall = matched / gold headings. "located" counts gold headings
that have any predicted heading on their line ±1 (whatever its title, number or level), to tell a heading
that was missed from one that was found with a wrong title or level.

Tables: a gold table is found when a stored table's caption contains the gold caption (normalised) or a
stored table sits within 3 lines of the gold caption line (text formats only); "rows" counts found tables
whose row count (header row included) equals the gold's. Precision is over stored tables.

Titles: `docs --json` title against the gold title, normalised; documents whose gold title is null are
shown but not scored (their title is not in the file).

Seed reports: the two corpus reports must keep every chapter (number, line, title) and table label of
`../shared/gold/structure.json` (also asserted by tests/documents/test_structure_corpus.py).

Bars: heading F1 >= 0.95 overall, >= 0.9 per document, every gold title right, seed reports at 100 %.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
sys.path.insert(0, str(REPO))

_KEEP = re.compile(r"[^0-9a-z\u4e00-\u9fff\u3400-\u4dbf]+")
_NUMBER_PUNCT = "（）()、．.。:：,， \u3000"


def norm(text: str | None) -> str:
    return _KEEP.sub("", (text or "").lower())


def norm_number(number: str | None) -> str | None:
    if number is None:
        return None
    stripped = number.strip(_NUMBER_PUNCT)
    return stripped or None


@dataclass
class Heading:
    level: int
    number: str | None
    title: str
    line: int | None
    anchor: str = ""


@dataclass
class DocScore:
    doc: str
    gold: int
    predicted: int
    matched: int
    located: int
    tables_gold: int = 0
    tables_found: int = 0
    tables_rows_ok: int = 0
    tables_predicted: int = 0
    title_gold: str | None = None
    title_found: str = ""
    title_ok: bool | None = None
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _cli(db: Path, *args: str) -> str:
    env = {**os.environ, "SINOSCOPE_EMBED": "0"}
    exe = REPO / ".venv" / "bin" / "sinoscope"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "sinoscope.interfaces.cli"]
    done = subprocess.run([*cmd, "--db", str(db), *args], capture_output=True, text=True, env=env, check=False)
    if done.returncode not in (0, 2):
        sys.stderr.write(done.stderr)
        raise SystemExit(f"sinoscope {' '.join(args)} failed with exit code {done.returncode}")
    return done.stdout


def predicted_headings(conn: sqlite3.Connection, doc_id: str) -> list[Heading]:
    """Chapters (level 1) and sections (their level) in line order, with the heading block's printed label."""
    labels = {
        anchor: label
        for anchor, label in conn.execute(
            "SELECT anchor, label FROM blocks WHERE doc_id = ? AND kind = 'heading'", (doc_id,)
        )
    }
    out: list[Heading] = []
    for number, title, line, anchor in conn.execute(
        "SELECT number, title, line, anchor FROM chapters WHERE doc_id = ?", (doc_id,)
    ):
        out.append(Heading(1, labels.get(anchor, str(number)), title, line, anchor))
    for number, title, level, line, anchor in conn.execute(
        "SELECT number, title, level, line, anchor FROM sections WHERE doc_id = ?", (doc_id,)
    ):
        out.append(Heading(level, labels.get(anchor, number), title, line, anchor))
    return sorted(out, key=lambda h: h.line or 0)


def locate_in_file(headings: list[Heading], file_lines: list[str]) -> None:
    """For stored text that is not the file: the file line of each heading, searched in order."""
    normed = [norm(line) for line in file_lines]
    pos = 0
    for h in headings:
        key = norm(h.title)
        h.line = None
        if not key:
            continue
        found = next((i for i in range(pos, len(normed)) if _is_heading_line(normed[i], key)), None)
        if found is None:
            found = next((i for i in range(pos, len(normed)) if key in normed[i]), None)
        if found is not None:
            h.line, pos = found + 1, found + 1


def _is_heading_line(line: str, key: str) -> bool:
    """The line is the heading itself (perhaps with its number in front), not a sentence mentioning it."""
    return line.endswith(key) and len(line) - len(key) <= 8


def _titles_match(a: str, b: str) -> bool:
    na, nb = norm(a), norm(b)
    if na == nb:
        return True
    return bool(na and nb) and difflib.SequenceMatcher(None, na, nb).ratio() >= 0.9


def _near(a: int | None, b: int | None, tolerance: int = 1) -> bool:
    return a is None or b is None or abs(a - b) <= tolerance


def match_headings(gold: list[Heading], pred: list[Heading]) -> tuple[int, int, list[Heading], list[Heading]]:
    """(matched, located, missed gold, extra predicted) under the rule in the module docstring."""
    g_top = min((h.level for h in gold), default=1)
    p_top = min((h.level for h in pred), default=1)
    used: set[int] = set()
    matched, located = 0, 0
    missed: list[Heading] = []
    for g in gold:
        if any(p.line is not None and g.line is not None and abs(p.line - g.line) <= 1 for p in pred):
            located += 1
        hit = None
        for k, p in enumerate(pred):
            if k in used or not _near(p.line, g.line):
                continue
            if not _titles_match(g.title, p.title) or norm_number(g.number) != norm_number(p.number):
                continue
            if g.level - g_top != p.level - p_top:
                continue
            hit = k
            break
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
            matched += 1
    extra = [p for k, p in enumerate(pred) if k not in used]
    return matched, located, missed, extra


def _gold_headings(entry: dict[str, Any]) -> list[Heading]:
    return [Heading(h["level"], h.get("number"), h["title"], h.get("line")) for h in entry["headings"]]


def _stored_tables(conn: sqlite3.Connection, doc_id: str) -> list[tuple[int, str, int]]:
    out = []
    for line, table_json in conn.execute(
        "SELECT line, table_json FROM blocks WHERE doc_id = ? AND kind = 'table'", (doc_id,)
    ):
        table = json.loads(table_json) if table_json else {}
        out.append((line, str(table.get("caption") or ""), len(table.get("rows") or [])))
    return out


def score_tables(entry: dict[str, Any], stored: list[tuple[int, str, int]], same_text: bool) -> tuple[int, int]:
    found = rows_ok = 0
    used: set[int] = set()
    for t in entry.get("tables", []):
        want = norm(t.get("caption"))
        for k, (line, caption, rows) in enumerate(stored):
            if k in used:
                continue
            by_caption = bool(want) and want in norm(caption)
            by_line = same_text and t.get("line") is not None and abs(line - t["line"]) <= 3
            if by_caption or by_line:
                used.add(k)
                found += 1
                rows_ok += rows == t.get("rows")
                break
    return found, rows_ok


def score_dev(dev: Path, *, keep_db: Path | None = None) -> list[DocScore]:
    gold_entries = [
        json.loads(line) for line in (dev / "gold" / "structure.jsonl").read_text("utf-8").splitlines() if line
    ]
    with tempfile.TemporaryDirectory(prefix="score_structure_") as tmp:
        db = keep_db or Path(tmp) / "dev.sqlite"
        paths = [str(dev / "docs" / e["doc"]) for e in gold_entries]
        _cli(db, "ingest", "--no-embed", "--force", *paths)
        listed = {d["file_name"]: d for d in json.loads(_cli(db, "docs", "--json") or "[]")}
        conn = sqlite3.connect(db)
        try:
            return [_score_doc(conn, dev, e, listed.get(e["doc"])) for e in gold_entries]
        finally:
            conn.close()


def _score_doc(conn: sqlite3.Connection, dev: Path, entry: dict[str, Any], info: dict[str, Any] | None) -> DocScore:
    gold = _gold_headings(entry)
    if info is None:
        return DocScore(entry["doc"], len(gold), 0, 0, 0, missed=[f"{h.line}: not ingested" for h in gold])
    doc_id = info["doc_id"]
    raw = (dev / "docs" / entry["doc"]).read_text(encoding="utf-8")
    stored_text = conn.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    same_text = stored_text is not None and stored_text[0] == raw
    pred = predicted_headings(conn, doc_id)
    if not same_text:
        locate_in_file(pred, raw.split("\n"))
    matched, located, missed, extra = match_headings(gold, pred)
    tables = _stored_tables(conn, doc_id)
    found, rows_ok = score_tables(entry, tables, same_text)
    title_gold = entry.get("title")
    title_found = str(info.get("title") or "")
    return DocScore(
        doc=entry["doc"],
        gold=len(gold),
        predicted=len(pred),
        matched=matched,
        located=located,
        tables_gold=len(entry.get("tables", [])),
        tables_found=found,
        tables_rows_ok=rows_ok,
        tables_predicted=len(tables),
        title_gold=title_gold,
        title_found=title_found,
        title_ok=None if title_gold is None else norm(title_gold) == norm(title_found),
        missed=[f"{h.line}: L{h.level} {h.number or '-'} {h.title}" for h in missed],
        extra=[f"{h.line}: L{h.level} {h.number or '-'} {h.title[:60]} ({h.anchor})" for h in extra],
    )


def score_seed(shared: Path) -> tuple[int, int, list[str]]:
    """(checks passed, checks, failures) of the seed reports against ../shared/gold/structure.json."""
    from sinoscope.documents.anchors import doc_id_for
    from sinoscope.documents.structure import build_document
    from sinoscope.sources.read import read_source

    gold = json.loads((shared / "gold" / "structure.json").read_text(encoding="utf-8"))
    passed, total, failures = 0, 0, []
    for name, expected in gold.items():
        doc = build_document(read_source(shared / "corpus" / name), doc_id_for(name))
        chapters = {(c.number, c.line): c for c in doc.chapters}
        for c in expected["chapters"]:
            total += 1
            found = chapters.get((c["n"], c["line"]))
            if found is not None and c["title_starts"] in found.title:
                passed += 1
            else:
                failures.append(f"{name}: chapter {c['n']} at line {c['line']}")
        total += 1
        if len(doc.chapters) == len(expected["chapters"]):
            passed += 1
        else:
            failures.append(f"{name}: {len(doc.chapters)} chapters, gold {len(expected['chapters'])}")
        labels = {b.table.label for b in doc.tables() if b.table is not None}
        for label in expected["tables"]:
            total += 1
            if label in labels:
                passed += 1
            else:
                failures.append(f"{name}: table {label}")
    return passed, total, failures


def _overall(scores: list[DocScore]) -> DocScore:
    total = DocScore("OVERALL", 0, 0, 0, 0)
    for s in scores:
        total.gold += s.gold
        total.predicted += s.predicted
        total.matched += s.matched
        total.located += s.located
        total.tables_gold += s.tables_gold
        total.tables_found += s.tables_found
        total.tables_rows_ok += s.tables_rows_ok
        total.tables_predicted += s.tables_predicted
    return total


def _print(scores: list[DocScore], seed: tuple[int, int, list[str]] | None, errors: bool) -> None:
    head = f"{'document':36} {'gold':>4} {'pred':>4} {'match':>5} {'loc':>4} {'P':>5} {'R':>5} {'F1':>5}"
    print(head + f" {'tables':>8} {'rows':>4} {'tpred':>5}  title")
    for s in [*scores, _overall(scores)]:
        title = "" if s.doc == "OVERALL" else ("n/a" if s.title_ok is None else ("ok" if s.title_ok else "WRONG"))
        if s.doc != "OVERALL" and not s.title_ok:
            title += f" ({s.title_found[:40]!r})"
        print(
            f"{s.doc[:36]:36} {s.gold:4} {s.predicted:4} {s.matched:5} {s.located:4} {s.precision:5.2f} "
            f"{s.recall:5.2f} {s.f1:5.2f} {s.tables_found:4}/{s.tables_gold:<3} {s.tables_rows_ok:4} "
            f"{s.tables_predicted:5}  {title}"
        )
    scored = [s for s in scores if s.title_ok is not None]
    print(f"titles right: {sum(1 for s in scored if s.title_ok)}/{len(scored)} (documents with a gold title)")
    overall = _overall(scores)
    worst = min((s.f1 for s in scores), default=0.0)
    print(f"heading F1 overall {overall.f1:.3f} (bar 0.95), worst document {worst:.3f} (bar 0.9)")
    if seed is not None:
        passed, total, failures = seed
        print(f"seed reports (../shared/gold/structure.json): {passed}/{total} checks ({100 * passed / total:.0f} %)")
        for f in failures:
            print(f"  seed failure: {f}")
    if errors:
        for s in scores:
            for m in s.missed:
                print(f"  {s.doc}: MISSED {m}")
            for x in s.extra:
                print(f"  {s.doc}: EXTRA  {x}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "dev")
    parser.add_argument("--errors", action="store_true", help="list missed and extra headings")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep-db", type=Path, default=None, help="ingest into this database and keep it")
    args = parser.parse_args(argv)
    if not (args.dev / "gold" / "structure.jsonl").is_file():
        print(f"skipped: {args.dev / 'gold' / 'structure.jsonl'} not found")
        return 0
    scores = score_dev(args.dev, keep_db=args.keep_db)
    seed = score_seed(SHARED) if (SHARED / "gold" / "structure.json").is_file() else None
    if args.json:
        out = {
            "documents": [{**asdict(s), "precision": s.precision, "recall": s.recall, "f1": s.f1} for s in scores],
            "overall_f1": _overall(scores).f1,
            "seed": None if seed is None else {"passed": seed[0], "checks": seed[1], "failures": seed[2]},
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        _print(scores, seed, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
