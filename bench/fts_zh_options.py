"""Chinese full-text index options, side by side on the dev documents: recall@3 of the Chinese queries of
bench/data/search_queries.jsonl, index size and index build time.

    .venv/bin/python bench/fts_zh_options.py

- unigram (chosen, `sinoscope.store.fts_text`): each Han character a token (unicode61), a query word is a
  phrase of its characters; query Han runs split into jieba words for the near/all/any tiers.
- trigram: FTS5's trigram tokenizer over the folded text; query words of 3+ characters go to MATCH,
  shorter ones (most Chinese words have two characters) can only be checked with LIKE (no index, no
  bm25 weight).
- jieba: the index holds jieba's words (precise mode) separated by spaces, queries are segmented the same
  way; a query word that jieba cuts differently inside a passage cannot match.
All three use the same tiers (whole query as a phrase, all words, any word) and bm25 inside a tier.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_search import DEV_DOCS, load_queries  # noqa: E402

from sinoscope.app.pipeline import ingest_paths  # noqa: E402
from sinoscope.documents.zh_variants import to_simplified  # noqa: E402
from sinoscope.documents.zh_words import segment, words  # noqa: E402
from sinoscope.store import SqliteStore  # noqa: E402
from sinoscope.store.fts_text import index_text  # noqa: E402

K = 3


def _q(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _jieba_text(text: str) -> str:
    return " ".join(w for run in [to_simplified(text)] for w in words(run))


def _jieba_words(text: str) -> list[str]:
    return [w for w in words(to_simplified(text)) if any(ch.isalnum() for ch in w)]


OPTIONS: dict[str, tuple[str, Callable[[str], str]]] = {
    "unigram": ("porter unicode61", index_text),
    "trigram": ("trigram", to_simplified),
    "jieba": ("porter unicode61", _jieba_text),
}


def _tiers(option: str, query: str) -> list[tuple[str, list[str]]]:
    """(MATCH expression or '', LIKE patterns) per tier, strictest first."""
    ws = _jieba_words(query)
    whole = "".join(query.split())
    if option == "unigram":
        u = [_q(" ".join(index_text(w).split())) for w in ws]
        return [(_q(" ".join(index_text(whole).split())), []), (" AND ".join(u), []), (" OR ".join(u), [])]
    if option == "jieba":
        u = [_q(w) for w in ws]
        return [(_q(" ".join(ws)), []), (" AND ".join(u), []), (" OR ".join(u), [])]
    long_ = [_q(to_simplified(w)) for w in ws if len(w) >= 3]
    short = [to_simplified(w) for w in ws if len(w) < 3]
    whole_tier = (_q(to_simplified(whole)), []) if len(whole) >= 3 else ("", [to_simplified(whole)])
    return [whole_tier, (" AND ".join(long_), short), (" OR ".join(long_), [])]


def _search(conn: sqlite3.Connection, option: str, query: str) -> list[int]:
    found: list[int] = []
    for match, likes in _tiers(option, query):
        if not match and not likes:
            continue
        where, args = [], []
        if match:
            where.append("fts MATCH ?")
            args.append(match)
        for pattern in likes:
            where.append("t.text LIKE ?")
            args.append(f"%{pattern}%")
        order = "bm25(fts)" if match else "t.rowid"
        sql = (
            "SELECT t.rowid FROM fts JOIN src t ON t.rowid = fts.rowid"
            f" WHERE {' AND '.join(where)} ORDER BY {order} LIMIT 50"
        )
        for (rowid,) in conn.execute(sql, args):
            if rowid not in found:
                found.append(rowid)
        if len(found) >= K:
            break
    return found[:K]


def _rate(hits: dict[str, bool], ids: list[str]) -> str:
    return f"{sum(hits[i] for i in ids) / len(ids):.2f}"


def main() -> None:
    files = sorted(p for p in DEV_DOCS.glob("*") if p.suffix in {".txt", ".md"})
    queries = [q for q in load_queries() if q.lang == "zh"]
    with tempfile.TemporaryDirectory() as tmp:
        with SqliteStore(Path(tmp) / "dev.sqlite") as store:
            ingest_paths(store, files)
            stem = {d.doc_id: Path(d.path).stem for d in store.list_documents()}
            blocks = [(stem[d.doc_id], b.text) for d in store.list_documents() for b in store.blocks(d.doc_id)]
        segment("预热")  # load jieba's dictionary outside the timings
        print(f"{len(blocks)} blocks, {len(queries)} Chinese queries")
        print(f"{'option':8} {'recall@3':>9} {'tune':>6} {'held':>6} {'index KB':>9} {'build s':>8}")
        for option, (tokenizer, transform) in OPTIONS.items():
            db = Path(tmp) / f"{option}.sqlite"
            conn = sqlite3.connect(db)
            conn.execute("CREATE TABLE src(rowid INTEGER PRIMARY KEY, doc TEXT, text TEXT)")
            conn.executemany(
                "INSERT INTO src(rowid, doc, text) VALUES (?, ?, ?)",
                [(i, d, to_simplified(t)) for i, (d, t) in enumerate(blocks)],
            )
            conn.commit()
            before = db.stat().st_size
            t0 = time.perf_counter()
            conn.execute(f"CREATE VIRTUAL TABLE fts USING fts5(text, content='', tokenize='{tokenizer}')")
            conn.executemany(
                "INSERT INTO fts(rowid, text) VALUES (?, ?)", [(i, transform(t)) for i, (_d, t) in enumerate(blocks)]
            )
            conn.commit()
            build = time.perf_counter() - t0
            conn.execute("VACUUM")
            size_kb = (db.stat().st_size - before) / 1024
            hits = {}
            for q in queries:
                rows = _search(conn, option, q.q)
                hits[q.id] = any(blocks[r][0] in q.docs and q.key in blocks[r][1] for r in rows)
            conn.close()
            splits = (None, "tune", "held")
            rates = [_rate(hits, [q.id for q in queries if split in (None, q.split)]) for split in splits]
            print(f"{option:8} {rates[0]:>9} {rates[1]:>6} {rates[2]:>6} {size_kb:9.0f} {build:8.2f}")


if __name__ == "__main__":
    main()
