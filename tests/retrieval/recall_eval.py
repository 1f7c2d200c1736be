"""Evidence recall@5 of BM25, dense and hybrid retrieval on the development questions.

Until the structure stage stores real blocks, the corpus is segmented here, crudely but generically:
every non-empty line is a block, except that a run of tab-separated lines is one table block together
with a "Table"/"Figure" caption line found just above or below it. BM25 runs on an in-memory FTS5 table
configured like the store's and queried with the store's own tiered expressions.

    .venv/bin/python -m tests.retrieval.recall_eval [--static]
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sinoscope.retrieval.embedding import Embedder
from sinoscope.retrieval.fusion import reciprocal_rank_fusion
from sinoscope.store.fts_query import build_tiers

SHARED = (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()
CAPTION = re.compile(r"^(Table|Figure|Fig\.)\s*\d")
DEPTH = 50
AT = 5


@dataclass(frozen=True)
class LineBlock:
    doc: str
    first: int
    last: int
    """1-based line numbers, inclusive."""
    text: str


def segment(doc: str, text: str) -> list[LineBlock]:
    lines = text.split("\n")
    out: list[LineBlock] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            if lines[i].strip():
                out.append(LineBlock(doc, i + 1, i + 1, lines[i].strip()))
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and (
            "\t" in lines[j + 1] or (not lines[j + 1].strip() and j + 2 < len(lines) and "\t" in lines[j + 2])
        ):
            j += 1
        first, last = i, j
        above = [k for k in range(i - 1, max(-1, i - 5), -1) if CAPTION.match(lines[k].strip())]
        below = [k for k in range(j + 1, min(len(lines), j + 4)) if CAPTION.match(lines[k].strip())]
        if above:
            first = above[0]
            while out and out[-1].doc == doc and out[-1].first - 1 >= first:
                out.pop()
        elif below:
            last = below[0]
        body = "\n".join(s.strip() for s in lines[first : last + 1] if s.strip())
        out.append(LineBlock(doc, first + 1, last + 1, body))
        i = last + 1
    return out


def load_blocks(corpus: Path) -> list[LineBlock]:
    blocks: list[LineBlock] = []
    for f in sorted(corpus.glob("*.txt")):
        blocks.extend(segment(f.name, f.read_text(encoding="utf-8")))
    return blocks


def load_questions(gold: Path) -> list[dict[str, object]]:
    with open(gold / "qa_dev.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class Bm25:
    def __init__(self, blocks: list[LineBlock]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE f USING fts5(text, tokenize = 'porter unicode61')")
        self.db.executemany("INSERT INTO f(rowid, text) VALUES (?, ?)", enumerate(b.text for b in blocks))

    def search(self, query: str, limit: int) -> list[int]:
        found: list[int] = []
        for tier in build_tiers(query):
            for (rowid,) in self.db.execute(
                "SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT ?", (tier.expression, limit)
            ):
                if rowid not in found:
                    found.append(rowid)
            if len(found) >= limit:
                break
        return found[:limit]


def covers(block: LineBlock, q: dict[str, object]) -> bool:
    lines = q["lines"]
    assert isinstance(lines, list)
    return block.doc == q["doc"] and any(block.first <= int(n) <= block.last for n in lines)


def first_hit(blocks: list[LineBlock], ranked: list[int], q: dict[str, object]) -> int | None:
    for r, i in enumerate(ranked, 1):
        if covers(blocks[i], q):
            return r
    return None


def evaluate(
    blocks: list[LineBlock], questions: list[dict[str, object]], embedders: dict[str, Embedder]
) -> dict[str, dict[str, float]]:
    """Per mode: recall@5, mean reciprocal rank (over the top 50) and seconds spent encoding blocks."""
    bm25 = Bm25(blocks)
    texts = [str(q["q"]) for q in questions]
    runs: dict[str, list[list[int]]] = {"bm25": [bm25.search(t, DEPTH) for t in texts]}
    seconds: dict[str, float] = {"bm25": 0.0}
    for name, emb in embedders.items():
        started = time.perf_counter()
        matrix = emb.encode([b.text for b in blocks])
        seconds[f"dense-{name}"] = seconds[f"hybrid-{name}"] = time.perf_counter() - started
        dense = [list(np.argsort(-(matrix @ qv), kind="stable")[:DEPTH]) for qv in emb.encode(texts)]
        runs[f"dense-{name}"] = [[int(i) for i in d] for d in dense]
        runs[f"hybrid-{name}"] = [
            [int(f.id) for f in reciprocal_rank_fusion([_keyed(b), _keyed(d)])]
            for b, d in zip(runs["bm25"], runs[f"dense-{name}"], strict=True)
        ]
    report: dict[str, dict[str, float]] = {}
    for mode, ranked in runs.items():
        ranks = [first_hit(blocks, r, q) for r, q in zip(ranked, questions, strict=True)]
        report[mode] = {
            f"recall@{AT}": sum(1 for r in ranks if r is not None and r <= AT) / len(questions),
            "mrr": sum(1 / r for r in ranks if r is not None) / len(questions),
            "encode_s": seconds[mode],
        }
    return report


def _keyed(ids: list[int]) -> list[tuple[str, float]]:
    return [(str(i), 0.0) for i in ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--static", action="store_true", help="also evaluate the distilled static embedder")
    parser.add_argument("--use-static", action="store_true", help="also evaluate the static USE-multilingual")
    parser.add_argument("--no-minilm", action="store_true", help="skip the (slow) MiniLM transformer")
    args = parser.parse_args()
    from sinoscope.retrieval.minilm import MiniLMEmbedder

    embedders: dict[str, Embedder] = {} if args.no_minilm else {"minilm": MiniLMEmbedder()}
    if args.use_static:
        from sinoscope.retrieval.use_multilingual import load_use_static

        embedders["use-static"] = load_use_static()
    if args.static:
        from sinoscope.retrieval.distill import load_static_embedder

        embedders["static"] = load_static_embedder()
    blocks = load_blocks(SHARED / "corpus")
    questions = load_questions(SHARED / "gold")
    print(f"{len(blocks)} blocks, {len(questions)} questions (../shared/gold/qa_dev.jsonl)")
    print(f"{'mode':16} {'recall@5':>9} {'MRR':>6} {'encode s':>9}")
    for mode, row in evaluate(blocks, questions, embedders).items():
        print(f"{mode:16} {row['recall@5']:9.3f} {row['mrr']:6.3f} {row['encode_s']:9.1f}")


if __name__ == "__main__":
    main()
