"""Extraction throughput: MB/s of prose quantities and table records over the corpus, and of quantulum3.

    .venv/bin/python bench/extraction_throughput.py              # 3 timed rounds over ../shared/corpus
    .venv/bin/python bench/extraction_throughput.py --rounds 5 --no-peer

Documents are read and structured once, outside the timing; each round then times `extract_facts` (prose
blocks) and `extract_table_records` (tables) over every document. MB are the UTF-8 size of the documents'
full text, so the figure is comparable with `bench/ingest.py`. The best round is reported (least disturbed by
other processes on a shared machine), with the median beside it. quantulum3 is timed once on the same prose
blocks, for scale.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
sys.path.insert(0, str(REPO))

from sinoscope.documents.anchors import doc_id_for  # noqa: E402
from sinoscope.documents.model import Document  # noqa: E402
from sinoscope.documents.structure import build_document  # noqa: E402
from sinoscope.extraction.facts import PROSE_KINDS, extract_facts, extract_table_records  # noqa: E402
from sinoscope.sources.read import read_source  # noqa: E402


def load(corpus: Path) -> list[Document]:
    return [build_document(read_source(p), doc_id_for(p.name)) for p in sorted(corpus.glob("*.txt"))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-peer", action="store_true", help="skip timing quantulum3")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus}: corpus not found")
    docs = load(args.corpus)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    prose_mb = sum(len(b.text.encode("utf-8")) for d in docs for b in d.blocks if b.kind in PROSE_KINDS) / 1e6
    rounds: list[tuple[float, float, int, int]] = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        facts = sum(len(extract_facts(d)) for d in docs)
        t1 = time.perf_counter()
        cells = sum(len(extract_table_records(d)) for d in docs)
        t2 = time.perf_counter()
        rounds.append((t1 - t0, t2 - t1, facts, cells))
    totals = [a + b for a, b, _, _ in rounds]
    best = min(range(len(rounds)), key=lambda i: totals[i])
    prose_s, table_s, facts, cells = rounds[best]
    print(f"corpus: {len(docs)} documents, {mb:.3f} MB ({prose_mb:.3f} MB of prose blocks)")
    print(f"facts {facts}, table records {cells}; best of {args.rounds} rounds:")
    print(f"  prose quantities  {prose_s:7.3f} s  {mb / prose_s:7.2f} MB/s of documents")
    print(f"  table records     {table_s:7.3f} s")
    print(
        f"  all extraction    {totals[best]:7.3f} s  {mb / totals[best]:7.2f} MB/s"
        f" (median {mb / statistics.median(totals):.2f} MB/s)"
    )
    if not args.no_peer:
        from quantulum3 import classifier, parser

        classifier.USE_CLF = False  # see bench/score_extraction.py
        texts = [b.text for d in docs for b in d.blocks if b.kind in PROSE_KINDS]
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = sum(len(parser.parse(t)) for t in texts)
        peer_s = time.perf_counter() - t0
        print(f"  quantulum3 on prose {peer_s:7.3f} s  {prose_mb / peer_s:7.2f} MB/s of prose, {found} quantities")


if __name__ == "__main__":
    main()
