"""Load test on loopback: N concurrent clients for S seconds against `sinoscope serve`, mixed traffic.

Usage: .venv/bin/python bench/load.py [--db PATH] [--clients 50] [--seconds 60] [--workers 2] [--port 8765]

Starts the server itself (loopback only) over a database holding the seed reports (ingested into a temporary
one when --db is not given), then each client loops over pages, search and ask requests. Prints requests/s,
errors and p50/p95 latency per kind of request. Bounded: stops after --seconds, each request times out at 30 s.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
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


def requests_cycle() -> itertools.cycle[tuple[str, str]]:
    mix: list[tuple[str, str]] = []
    for page, query, question in zip(itertools.cycle(PAGES), QUERIES * 2, QUESTIONS * 4, strict=False):
        mix += [("page", page), ("search", f"/api/v1/search?q={query}&mode=hybrid"), ("page", page)]
        mix += [("search", f"/search?q={query}"), ("ask", f"/api/v1/ask?q={question}")]
    return itertools.cycle(mix)


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


async def client(
    base: str, until: float, mix: itertools.cycle[tuple[str, str]], lat: dict[str, list[float]], errors: list[str]
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < until:
            kind, path = next(mix)
            t0 = time.perf_counter()
            try:
                r = await http.get(path)
                ok = r.status_code < 500
            except httpx.HTTPError as err:
                ok, r = False, None
                errors.append(f"{path}: {type(err).__name__}")
            lat[kind].append(time.perf_counter() - t0)
            if not ok and r is not None:
                errors.append(f"{path}: HTTP {r.status_code}")


async def run(base: str, clients: int, seconds: float) -> tuple[dict[str, list[float]], list[str], float]:
    lat: dict[str, list[float]] = {"page": [], "search": [], "ask": []}
    errors: list[str] = []
    mix = requests_cycle()
    t0 = time.monotonic()
    until = t0 + seconds
    await asyncio.gather(*(client(base, until, mix, lat, errors) for _ in range(clients)))
    return lat, errors, time.monotonic() - t0


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
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = prepare_db(args.db, Path(tmp))
        proc = start_server(db, args.port, args.workers)
        try:
            base = f"http://127.0.0.1:{args.port}"
            for _, path in itertools.islice(requests_cycle(), 15):  # warm every worker's caches once
                httpx.get(base + path, timeout=60)
            lat, errors, elapsed = asyncio.run(run(base, args.clients, args.seconds))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    total = sum(len(v) for v in lat.values())
    print(
        f"{args.clients} clients, {elapsed:.0f} s, {args.workers} workers: {total} requests, "
        f"{total / elapsed:.1f} requests/s, {len(errors)} errors"
    )
    for kind, values in lat.items():
        p50, p95 = pct(values, 50) * 1000, pct(values, 95) * 1000
        print(f"  {kind:7s} n={len(values):5d}  p50 {p50:7.0f} ms  p95 {p95:7.0f} ms")
    for e in errors[:10]:
        print("  error:", e)


if __name__ == "__main__":
    main()
