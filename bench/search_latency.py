"""Search latency at scale: BM25 (FTS5), dense (vector index) and hybrid (RRF) over a synthetic corpus.

    .venv/bin/python bench/search_latency.py                    # 1,000,000 blocks (~5 min, ~5 GB peak)
    .venv/bin/python bench/search_latency.py --blocks 100000    # what CI can afford

The corpus is generated: 5,000 topics, each with its own content words, and blocks of 12-90 words that
mix a topic's words with a Zipf-distributed background vocabulary (the embedder's English word list when
the static embedder is used, pseudo-words otherwise). Queries are 2-5 words of one topic, sometimes with
a common word, like a user's query.

Embedding 1M blocks with the MiniLM transformer would take ~3 hours on 2 cores, so the synthetic load is
embedded with the static embedder distilled from MiniLM (same 384 dimensions, so index cost is the same);
`--embedder hash` uses a random projection of hashed words instead (no model needed). The dense and
hybrid latencies include encoding the query with that embedder; a MiniLM query encode is timed
separately and its p95 should be added for MiniLM-embedded corpora.

BM25 runs on an FTS5 table configured like the store's (external content, porter unicode61) with the
store's own tiered query expressions. Index "build" means adding the blocks as documents of
`--doc-blocks` blocks each, through the same incremental `add` that ingestion uses.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import cast

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sinoscope.retrieval.embedding import Embedder, Matrix, normalize_rows  # noqa: E402
from sinoscope.retrieval.faiss_index import FaissIndex  # noqa: E402
from sinoscope.retrieval.flat_index import FlatIndex  # noqa: E402
from sinoscope.retrieval.search import CANDIDATES, Mode, Retriever  # noqa: E402
from sinoscope.retrieval.vector_index import VectorIndex  # noqa: E402
from sinoscope.store.base import SearchHit, Store  # noqa: E402
from sinoscope.store.fts_query import any_tier, build_tiers  # noqa: E402

TOPICS = 5_000
TOPIC_WORDS = 30
CHUNK = 50_000


def pseudo_words(n: int, rng: np.random.Generator) -> list[str]:
    syll = ["ka", "to", "ri", "men", "sol", "ber", "chi", "dal", "vo", "nu", "pre", "tan", "gor", "li", "sha"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(syll, size=rng.integers(2, 5))))
    return sorted(words, key=lambda w: (len(w), w))


class Corpus:
    """Word-id blocks; text is rendered lazily per chunk to keep memory flat."""

    def __init__(self, words: list[str], n_blocks: int, seed: int) -> None:
        self.words = np.array(words, dtype=object)
        rng = np.random.default_rng(seed)
        v = len(words)
        zipf = 1.0 / np.arange(1, v + 1) ** 1.05
        self.background = zipf / zipf.sum()
        # Topic words come from the middle of the frequency range, where meaning lives.
        self.topic_words = rng.integers(min(200, v // 10), v, size=(TOPICS, TOPIC_WORDS))
        self.n = n_blocks
        self.seed = seed

    def chunk(self, start: int, stop: int) -> list[list[int]]:
        rng = np.random.default_rng((self.seed, start))
        n = stop - start
        lengths = rng.integers(12, 91, size=n)
        topics = rng.integers(0, TOPICS, size=n)
        total = int(lengths.sum())
        ids = rng.choice(len(self.words), size=total, p=self.background)
        from_topic = rng.random(total) < 0.35
        owner = np.repeat(topics, lengths)
        ids[from_topic] = self.topic_words[owner[from_topic], rng.integers(0, TOPIC_WORDS, int(from_topic.sum()))]
        bounds = np.concatenate(([0], np.cumsum(lengths)))
        return [ids[bounds[i] : bounds[i + 1]].tolist() for i in range(n)]

    def render(self, blocks: list[list[int]]) -> list[str]:
        return [" ".join(self.words[b]) for b in blocks]

    def queries(self, n: int, seed: int) -> list[str]:
        rng = np.random.default_rng(seed)
        out = []
        for _ in range(n):
            t = rng.integers(0, TOPICS)
            ids = list(self.topic_words[t, rng.choice(TOPIC_WORDS, size=rng.integers(2, 5), replace=False)])
            if rng.random() < 0.5:
                ids.append(int(rng.choice(len(self.words), p=self.background)))
            out.append(" ".join(self.words[ids]))
        return out


class HashEmbedder:
    """Random projection of hashed words: a fixed random unit vector per word, summed."""

    name = "hash-384"
    dim = 384

    def __init__(self, seed: int = 0) -> None:
        self._table = normalize_rows(np.random.default_rng(seed).standard_normal((1 << 16, self.dim)))

    def encode(self, texts: list[str]) -> Matrix:
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            rows = [zlib.crc32(w.encode()) & 0xFFFF for w in t.lower().split()]
            if rows:
                out[i] = self._table[rows].sum(axis=0)
        return normalize_rows(out)


def percentiles(samples: list[float]) -> str:
    ms = np.array(samples) * 1000
    return f"p50 {np.percentile(ms, 50):7.1f} ms   p95 {np.percentile(ms, 95):7.1f} ms   max {ms.max():7.1f} ms"


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


class Fts:
    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.executescript(
            """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE blocks (id INTEGER PRIMARY KEY, anchor TEXT NOT NULL UNIQUE, text TEXT NOT NULL);
            CREATE VIRTUAL TABLE blocks_fts USING fts5(
                text, content = 'blocks', content_rowid = 'id', tokenize = 'porter unicode61');
            """
        )

    def add(self, first_id: int, anchors: list[str], texts: list[str]) -> None:
        rows = list(zip(range(first_id, first_id + len(texts)), anchors, texts, strict=True))
        with self.db:
            self.db.executemany("INSERT INTO blocks (id, anchor, text) VALUES (?, ?, ?)", rows)
            self.db.executemany("INSERT INTO blocks_fts (rowid, text) VALUES (?, ?)", ((r[0], r[2]) for r in rows))

    def df_above(self, word: str, cap: int) -> bool:
        """Whether more than `cap` blocks hold `word`; reads at most cap+1 rowids, never scores them."""
        sql = "SELECT count(*) FROM (SELECT 1 FROM blocks_fts WHERE blocks_fts MATCH ? LIMIT ?)"
        return int(self.db.execute(sql, (_quote(word), cap + 1)).fetchone()[0]) > cap

    def any_expression(self, query: str, max_df: int) -> str | None:
        """The store's "any" tier without words held by more than `max_df` blocks (None: nothing left)."""
        tier = any_tier(query, lambda w: not self.df_above(w, max_df))
        return tier.expression if tier is not None else None

    def search(self, query: str, limit: int, *, max_df: int | None = None) -> list[tuple[str, float]]:
        """The store's tiered search; with `max_df`, the proposed pruning of its loosest tier."""
        hits: list[tuple[str, float]] = []
        seen: set[str] = set()
        for tier in build_tiers(query):
            expression: str | None = tier.expression
            if max_df is not None and tier.match == "any":
                expression = self.any_expression(query, max_df)
                if expression is None:
                    break
            rows = self.db.execute(
                "SELECT b.anchor, bm25(blocks_fts) AS s"
                " FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid"
                " WHERE blocks_fts MATCH ? ORDER BY s LIMIT ?",
                (expression, limit),
            ).fetchall()
            for anchor, s in rows:
                if anchor not in seen:
                    seen.add(anchor)
                    hits.append((anchor, -float(s)))
            if len(hits) >= limit:
                break
        return hits[:limit]


class FtsStore:
    """Just enough of the `Store` protocol (`search`) for the retriever to run on the bench's FTS table."""

    def __init__(self, fts: Fts, max_df: int | None) -> None:
        self.fts = fts
        self.max_df = max_df

    def search(self, query: str, limit: int = 10, *, doc_id: str | None = None) -> list[SearchHit]:
        return [
            SearchHit(a, a.partition("#")[0], "paragraph", 0, "", (), s, "")
            for a, s in self.fts.search(query, limit, max_df=self.max_df)
        ]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def ivf_recall(index: VectorIndex, embedder: Embedder, queries: list[str], k: int = 10) -> float | None:
    """Overlap of the index's top k with exact search over the same vectors (None for an exact index)."""
    if not isinstance(index, FaissIndex) or not index.is_ivf:
        return None
    vecs, labels = index._all_vectors()
    q = embedder.encode(queries)
    exact = np.argsort(-(vecs @ q.T), axis=0)[:k].T
    del vecs
    found = 0
    for row, qv in zip(exact, q, strict=True):
        want = {index._ids.anchor(int(labels[i])) for i in row}
        found += len(want & {a for a, _ in index.query(qv, k)})
    return found / (k * len(queries))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--blocks", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--doc-blocks", type=int, default=50_000, help="blocks per synthetic document")
    parser.add_argument("--embedder", choices=["static", "hash"], default="static")
    parser.add_argument("--index", choices=["faiss", "flat"], default="faiss")
    parser.add_argument("--no-minilm", action="store_true", help="skip timing MiniLM query encoding")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--any-max-df",
        type=int,
        default=10_000,
        help="also time BM25/hybrid with the loosest tier ignoring words in more than this many blocks",
    )
    args = parser.parse_args()

    embedder: Embedder
    if args.embedder == "static":
        from sinoscope.retrieval.distill import load_static_embedder

        static = load_static_embedder()
        embedder = static
        vocab = [w for w in static.vocabulary() if w.isalpha() and w.isascii() and len(w) >= 2]
    else:
        embedder = HashEmbedder()
        vocab = pseudo_words(20_000, np.random.default_rng(args.seed))
    corpus = Corpus(vocab, args.blocks, args.seed)
    index: VectorIndex = FaissIndex(embedder.dim) if args.index == "faiss" else FlatIndex(embedder.dim)
    print(
        f"{args.blocks:,} blocks, {len(vocab):,}-word vocabulary,"
        f" embedder {embedder.name} ({embedder.dim}-d), index {args.index}"
    )

    with tempfile.TemporaryDirectory(prefix="sinoscope-bench-") as tmp:
        fts = Fts(Path(tmp) / "bench.sqlite")
        t_gen = t_fts = t_emb = t_idx = 0.0
        for start in range(0, args.blocks, CHUNK):
            stop = min(args.blocks, start + CHUNK)
            t0 = time.perf_counter()
            texts = corpus.render(corpus.chunk(start, stop))
            anchors = [f"s{(start + i) // args.doc_blocks}#{start + i}" for i in range(stop - start)]
            t1 = time.perf_counter()
            fts.add(start, anchors, texts)
            t2 = time.perf_counter()
            vecs = embedder.encode(texts)
            t3 = time.perf_counter()
            # One add per synthetic document, as ingestion would do.
            for s in range(0, len(anchors), args.doc_blocks):
                index.add(anchors[s : s + args.doc_blocks], vecs[s : s + args.doc_blocks])
            t4 = time.perf_counter()
            t_gen, t_fts, t_emb, t_idx = t_gen + t1 - t0, t_fts + t2 - t1, t_emb + t3 - t2, t_idx + t4 - t3
        db_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
        print(f"generate text          {t_gen:7.1f} s")
        print(f"FTS5 insert            {t_fts:7.1f} s   ({db_mb:,.0f} MB database)")
        print(f"embed blocks           {t_emb:7.1f} s   ({args.blocks / max(t_emb, 1e-9):,.0f} blocks/s)")
        print(f"vector index build     {t_idx:7.1f} s   (incremental adds of {args.doc_blocks:,}-block documents)")

        # Incremental maintenance: a new 1,000-block document, then replacing it, must not rebuild anything.
        new = corpus.render(corpus.chunk(args.blocks, args.blocks + 1000))
        new_ids = [f"new#{i}" for i in range(1000)]
        new_vecs = embedder.encode(new)
        t_add = timed(lambda: index.add(new_ids, new_vecs))
        t_rm = timed(lambda: index.remove(["new"]))
        print(f"add one 1,000-block document {t_add * 1000:7.1f} ms   remove it {t_rm * 1000:7.1f} ms")
        vec_dir = Path(tmp) / "bench.sqlite.vectors"
        t_save = timed(lambda: index.save(vec_dir))
        loader = FaissIndex.load if args.index == "faiss" else FlatIndex.load
        t_load = timed(lambda: loader(vec_dir))
        print(f"save index {t_save:5.1f} s   load index {t_load:5.1f} s")

        queries = corpus.queries(args.queries, args.seed + 1)
        cap = args.any_max_df
        plain = Retriever(cast(Store, FtsStore(fts, None)), embedder, index)
        pruned = Retriever(cast(Store, FtsStore(fts, cap)), embedder, index)
        runs = {
            "bm25": (plain, Mode.BM25),
            "dense": (plain, Mode.DENSE),
            "hybrid": (plain, Mode.HYBRID),
            "bm25*": (pruned, Mode.BM25),
            "hybrid*": (pruned, Mode.HYBRID),
        }
        lat: dict[str, list[float]] = {name: [] for name in runs}
        for q in queries[:10]:  # warm caches
            plain.search(q, Mode.HYBRID)
        for q in queries:
            for name, (retriever, mode) in runs.items():
                lat[name].append(timed(lambda r=retriever, m=mode, q=q: r.search(q, m, 10)))  # type: ignore[misc]
        plain.close()
        pruned.close()
        print(
            f"query latency over {len(queries)} queries"
            f" (top 10; hybrid fuses the top {CANDIDATES} of each, dense leg on a second thread):"
        )
        for mode_name, samples in lat.items():
            print(f"  {mode_name:7s} {percentiles(samples)}")
        print(f"  (* = the loosest BM25 tier ignores words found in more than {cap:,} blocks)")
        recall = ivf_recall(index, embedder, queries[:50])
        if recall is not None:
            print(f"  dense recall@10 of the IVF index vs exact search: {recall:.3f}")

    if not args.no_minilm:
        try:
            from sinoscope.retrieval.minilm import MiniLMEmbedder

            minilm = MiniLMEmbedder()
            minilm.encode(["warm up"])
            enc = [timed(lambda q=q: minilm.encode([q])) for q in queries[:50]]  # type: ignore[misc]
            print(f"  MiniLM query encode {percentiles(enc)}  (add to dense/hybrid for a MiniLM corpus)")
        except Exception as err:  # optional extra line: any failure is reported, not fatal
            print(f"  MiniLM query encode not measured: {err}")
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    print(f"peak memory {peak_gb:.1f} GB")


if __name__ == "__main__":
    main()
