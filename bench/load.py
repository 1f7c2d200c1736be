"""Load test on loopback: N concurrent clients for S seconds against `sinoscope serve`, mixed traffic.

Usage: .venv/bin/python bench/load.py [--db PATH] [--clients 50] [--seconds 60] [--workers 2] [--port 8765]
                                      [--distinct]

Starts the server itself (loopback only) over a database holding the seed reports (ingested into a temporary
one when --db is not given), then each client loops over pages, search and ask requests. Prints requests/s,
errors and p50/p95 latency per kind of request. Bounded: stops after --seconds, each request times out at 30 s.

By default every client cycles through the same 5 queries and 3 questions, so once each URL has been
computed the server's response cache answers nearly every request. `--distinct` gives each client its own queries
and questions, made of words of the stored documents' headings (seeded, so runs are comparable): almost
every search and ask is then new, as with many users asking different things. Both figures are worth
reporting; the share of responses the server's cache answered is printed per kind
(SINOSCOPE_RESPONSE_CACHE_MB=0 in the environment turns the cache off, for a figure without it).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
EXE = Path(sys.executable).with_name("sinoscope")

QUERIES = ["semiconductor fund", "domestic production rate", "R&D expenditure", "Made in China 2025", "robots"]
QUESTIONS = [
    "How much did Phase II of the Big Fund raise?",
    "What is the domestic production rate target for 2025?",
    "How many researchers does China have?",
]
PAGES = ["/", "/documents", "/targets", "/indicators", "/facts", "/policies"]
Mix = Iterator[tuple[str, str]]


def requests_cycle() -> Mix:
    mix: list[tuple[str, str]] = []
    for page, query, question in zip(itertools.cycle(PAGES), QUERIES * 2, QUESTIONS * 4, strict=False):
        mix += [("page", page), ("search", f"/api/v1/search?q={query}&mode=hybrid"), ("page", page)]
        mix += [("search", f"/search?q={query}"), ("ask", f"/api/v1/ask?q={question}")]
    return itertools.cycle(mix)


STOPWORDS = frozenset({"about", "after", "among", "china", "chinese", "from", "into", "over", "than", "that"})
STOPWORDS |= {"their", "them", "these", "this", "those", "through", "toward", "towards", "under", "were", "what"}
STOPWORDS |= {"when", "which", "while", "with"}
YEARS = range(2010, 2026)


def heading_words(base: str) -> list[str]:
    """Distinct words (4+ letters) of the stored documents' titles and headings, the vocabulary of --distinct."""
    words: set[str] = set()
    for doc in httpx.get(f"{base}/api/v1/documents", timeout=60).json():
        detail = httpx.get(f"{base}/api/v1/documents/{doc['doc_id']}", timeout=60).json()
        titles = [detail.get("title") or ""]
        for chapter in detail.get("outline", []):
            titles += [chapter.get("title") or "", *(s.get("title") or "" for s in chapter.get("sections", []))]
        for title in titles:
            words.update(w for w in re.findall(r"[A-Za-z][A-Za-z&-]{3,}", title.lower()) if w not in STOPWORDS)
    return sorted(words)


def distinct_mix(rng: random.Random, words: list[str]) -> Mix:
    """The default mix's shape (page, API search, page, search page, ask) with a new query every time."""
    for page in itertools.cycle(PAGES):
        query = " ".join(rng.sample(words, rng.choice((1, 2, 2, 3))))
        other = " ".join(rng.sample(words, rng.choice((1, 2, 2, 3))))
        subject = " ".join(rng.sample(words, 2))
        question = rng.choice(
            (
                f"What was the {subject} in {rng.choice(YEARS)}?",
                f"How much {subject}?",
                f"What is the {subject} target?",
            )
        )
        yield from [("page", page), ("search", f"/api/v1/search?q={query}&mode=hybrid"), ("page", page)]
        yield from [("search", f"/search?q={other}"), ("ask", f"/api/v1/ask?q={question}")]


def prepare_db(db: Path | None, tmp: Path) -> Path:
    if db is not None:
        return db
    target = tmp / "load.sqlite"
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    if not files:
        sys.exit(f"error: {CORPUS}: no seed reports to serve")
    subprocess.run([str(EXE), "--db", str(target), "ingest", *files], check=True, capture_output=True)
    return target


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SINOSCOPE_DB": str(db)}
    cmd = [str(EXE), "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/documents", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.5)
    proc.terminate()
    sys.exit("error: server did not start within 90 s")


class Tally:
    def __init__(self) -> None:
        self.lat: dict[str, list[float]] = {"page": [], "search": [], "ask": []}
        self.hits: dict[str, int] = {"page": 0, "search": 0, "ask": 0}
        self.urls: dict[str, set[str]] = {"page": set(), "search": set(), "ask": set()}
        self.errors: list[str] = []


async def client(base: str, until: float, mix: Mix, tally: Tally) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < until:
            kind, path = next(mix)
            t0 = time.perf_counter()
            try:
                r = await http.get(path)
                ok = r.status_code < 500
            except httpx.HTTPError as err:
                ok, r = False, None
                tally.errors.append(f"{path}: {type(err).__name__}")
            tally.lat[kind].append(time.perf_counter() - t0)
            tally.urls[kind].add(path)
            if r is not None and r.headers.get("x-sinoscope-cache") == "hit":
                tally.hits[kind] += 1
            if not ok and r is not None:
                tally.errors.append(f"{path}: HTTP {r.status_code}")


async def run(base: str, clients: int, seconds: float, words: list[str] | None) -> tuple[Tally, float]:
    tally = Tally()
    shared = requests_cycle()
    mixes = [distinct_mix(random.Random(i), words) if words else shared for i in range(clients)]
    t0 = time.monotonic()
    until = t0 + seconds
    await asyncio.gather(*(client(base, until, mix, tally) for mix in mixes))
    return tally, time.monotonic() - t0


def server_cpu_seconds(pid: int) -> float | None:
    """CPU time used so far by the server and its worker processes (Linux /proc; None elsewhere). Unlike
    requests/s it does not move when other programs share the machine, so runs at different loads compare."""
    try:
        pids = [pid]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and (entry / "stat").is_file():
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
                if int(fields[1]) == pid:
                    pids.append(int(entry.name))
        ticks = 0
        for p in pids:
            fields = Path(f"/proc/{p}/stat").read_text().rpartition(")")[2].split()
            ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--distinct", action="store_true", help="A new query for every search and ask (see above).")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_db(args.db, Path(tmp))
        proc = start_server(db, args.port, args.workers)
        try:
            base = f"http://127.0.0.1:{args.port}"
            for _, path in itertools.islice(requests_cycle(), 15):  # warm every worker's caches once
                httpx.get(base + path, timeout=60)
            words = heading_words(base) if args.distinct else None
            cpu0, load0 = server_cpu_seconds(proc.pid), os.getloadavg()[0]
            tally, elapsed = asyncio.run(run(base, args.clients, args.seconds, words))
            cpu1, load1 = server_cpu_seconds(proc.pid), os.getloadavg()[0]
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    total = sum(len(v) for v in tally.lat.values())
    queries = f"distinct queries ({len(words or [])} heading words)" if args.distinct else "repeated queries"
    print(
        f"{args.clients} clients, {elapsed:.0f} s, {args.workers} workers, {queries}: {total} requests, "
        f"{total / elapsed:.1f} requests/s, {len(tally.errors)} errors"
    )
    for kind, values in tally.lat.items():
        p50, p95 = pct(values, 50) * 1000, pct(values, 95) * 1000
        hit = tally.hits[kind] / len(values) * 100 if values else 0.0
        print(
            f"  {kind:7s} n={len(values):5d}  p50 {p50:7.0f} ms  p95 {p95:7.0f} ms  "
            f"{len(tally.urls[kind]):5d} distinct URLs, {hit:3.0f}% from the server's cache"
        )
    cpu = f"server CPU {(cpu1 - cpu0) / total * 1000:.1f} ms per request; " if cpu0 and cpu1 and total else ""
    print(f"  {cpu}load average {load0:.2f} before, {load1:.2f} after ({os.cpu_count()} cores)")
    for e in tally.errors[:10]:
        print("  error:", e)


if __name__ == "__main__":
    main()
