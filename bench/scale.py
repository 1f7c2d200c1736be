"""Scale benchmark: ingestion on Dask (1 and 2 workers) into SQLite and PostgreSQL, on generated corpora.

    .venv/bin/python bench/scale.py                          # 10 MB; 1 and 2 workers; sqlite and postgresql
    .venv/bin/python bench/scale.py --sizes 10,100 --no-embed
    .venv/bin/python bench/scale.py --sizes 1000 --workers 2 --backends sqlite

The corpus is generated into /tmp (never committed) from the real documents in ../shared/corpus and
../shared/dev/docs: each generated document is a window of one source document (30–100 % of it, cut at
paragraph breaks) whose figures are scaled, years shifted, and heading titles varied, so the parser,
extraction and the index meet realistic but different text. Same seed, same corpus.

Per run it prints MB/s and documents/s (cluster start-up excluded, printed apart), the peak resident
memory of each worker, the workers' time storing documents (they write the store; the client only the
dense index), search p95 over the result (BM25 in the store; dense in the FAISS index when
embedded), and the dense-embedding share of worker time. PostgreSQL runs start a throwaway local server
(Debian's `postgresql` package). Other load on the machine slows every figure: the load averages are printed
after each run, with the run's CPU time and the rate it would allow on an otherwise idle machine. The workers
embed with the default embedder (the one every search uses; its name is printed first).
Measured figures, with date, commits and load: bench/RESULTS-scale.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SOURCES = [SHARED / "corpus", SHARED / "dev" / "docs"]
sys.path.insert(0, str(REPO))

from sinoscope.app.ingest_dask import EmbedPlan, dask_client, default_plan, ingest_distributed  # noqa: E402
from sinoscope.app.pipeline import Status  # noqa: E402
from sinoscope.store import open_store  # noqa: E402

_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![A-Za-z0-9_])")
"""ASCII look-arounds: in Chinese text a figure sits right next to Han characters (增长5%左右)."""
_ZH_NUM = "[一二三四五六七八九十]+"
_HEADING = re.compile(rf"^(Chapter \d+|\d+(?:\.\d+)*\.? |{_ZH_NUM}、|（{_ZH_NUM}）|第{_ZH_NUM}章)")
_EN_VARIANTS = ["", " (Revised)", ": An Update", " and Outlook", " in Practice", ": Progress"]
_ZH_VARIANTS = ["", "（修订）", "进展", "情况", "的新进展", "与展望"]


def _sources() -> list[tuple[str, str]]:
    out = []
    for folder in SOURCES:
        if folder.is_dir():
            for f in sorted(folder.iterdir()):
                if f.suffix in (".txt", ".md") and f.stat().st_size > 2000:
                    out.append((f.suffix, f.read_text(encoding="utf-8", errors="replace")))
    if not out:
        raise SystemExit(f"no source documents in {', '.join(map(str, SOURCES))}")
    return out


def _vary_number(m: re.Match[str], rng: random.Random, year_shift: int, factor: float) -> str:
    whole, frac = m.group(1), m.group(2) or ""
    value = int(whole.replace(",", ""))
    if not frac and "," not in whole and 1950 <= value <= 2060:
        return str(value + year_shift)  # a year: shift every year of the document alike
    scaled = float(whole.replace(",", "") + frac) * factor * rng.uniform(0.9, 1.1)
    if frac:
        return f"{scaled:.{len(frac) - 1}f}"
    text = str(max(1, round(scaled)))
    return f"{int(text):,}" if "," in whole else text


def _vary_heading(line: str, rng: random.Random, zh: bool) -> str:
    variants = _ZH_VARIANTS if zh else _EN_VARIANTS
    return line.rstrip() + rng.choice(variants)


def generate_document(source: str, rng: random.Random) -> str:
    paragraphs = source.split("\n\n")
    keep = max(3, int(len(paragraphs) * rng.uniform(0.3, 1.0)))
    start = rng.randrange(0, max(1, len(paragraphs) - keep)) if keep < len(paragraphs) else 0
    body = paragraphs[:1] + paragraphs[max(1, start) : start + keep]
    year_shift = rng.randint(-6, 6)
    factor = rng.uniform(0.5, 1.6)
    zh = sum(1 for ch in source[:2000] if "\u4e00" <= ch <= "\u9fff") > 200
    lines = []
    for line in "\n\n".join(body).split("\n"):
        if len(line) < 80 and _HEADING.match(line) and rng.random() < 0.5:
            line = _vary_heading(line, rng, zh)
        lines.append(_NUMBER.sub(lambda m: _vary_number(m, rng, year_shift, factor), line))
    return "\n".join(lines)


def generate_corpus(folder: Path, megabytes: float, seed: int = 19) -> list[Path]:
    """Write documents until `megabytes` of UTF-8 are on disk; reuse the folder if already complete."""
    marker = folder / ".complete"
    if marker.is_file():
        return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    sources = _sources()
    target, total = int(megabytes * 1e6), 0
    files: list[Path] = []
    while total < target:
        suffix, text = rng.choice(sources)
        doc = generate_document(text, rng)
        path = folder / f"{len(files):06d}_generated{suffix}"
        path.write_text(doc, encoding="utf-8")
        total += path.stat().st_size
        files.append(path)
    marker.write_text(str(total), encoding="utf-8")
    return files


@dataclass
class Run:
    backend: str
    size_mb: float
    workers: int
    embed: bool
    docs: int
    errors: int
    seconds: float
    startup: float
    peak_mb: float
    embed_share: float
    bm25_p95_ms: float
    dense_p95_ms: float | None
    error_lines: list[str]
    worker_seconds: float
    """Time the workers spent in the pipeline, embedding and storing, summed over workers."""
    write_seconds: float
    """Time the client spent writing: adding vectors to the dense index (the workers store the documents)."""
    client_peak_mb: float
    """The largest resident set of this process (the client) so far: it holds the dense index."""
    index_seconds: float
    """The part of `write_seconds` spent adding vectors to the dense index (FAISS, IVF retraining included)."""
    cpu_seconds: float
    """CPU time of the whole run: this process (the client) and the cluster's processes (workers, their
    parsing sandboxes), counted once they have exited. On a busy machine the wall-clock rates mostly say how
    much CPU the others left; `idle_mbs` says what the same work would take with both cores to itself."""
    client_cpu_seconds: float = 0.0
    write_cpu_seconds: float = 0.0
    """CPU time of the client's writes (the dense index); `client_cpu_seconds` is this whole process, the local
    scheduler included."""
    store_seconds: float = 0.0
    """The part of `worker_seconds` the workers spent storing documents (write-lock waits included)."""
    conflicts: int = 0
    """Files a worker decided again because the id it chose from the snapshot was taken meanwhile."""

    @property
    def cpu_per_mb(self) -> float:
        return self.cpu_seconds / self.size_mb

    @property
    def idle_mbs(self) -> float:
        """MB/s if the run's CPU time were spread over all cores with nothing else running: an upper bound
        (it assumes the work parallelises perfectly)."""
        return self.size_mb / (self.cpu_seconds / (os.cpu_count() or 1))

    def line(self) -> str:
        mbs = self.size_mb / self.seconds
        dense = f"{self.dense_p95_ms:7.1f}" if self.dense_p95_ms is not None else "      -"
        embed = "yes" if self.embed else " no"
        return (
            f"{self.backend:10} {self.size_mb:7.1f} MB  workers {self.workers}  embed {embed}"
            f"  {self.seconds:8.1f} s  {mbs:6.3f} MB/s  {self.docs / self.seconds:6.2f} docs/s"
            f"  peak/worker {self.peak_mb:6.0f} MB  embed share {100 * self.embed_share:4.0f}%"
            f"  p95 bm25 {self.bm25_p95_ms:6.1f} ms  dense {dense} ms  (start-up {self.startup:.1f} s,"
            f" {self.docs} docs, {self.errors} errors; worker time {self.worker_seconds:.0f} s of which storing"
            f" {self.store_seconds:.0f} s ({self.conflicts} id conflicts),"
            f" client dense index {self.write_seconds:.0f} s,"
            f" client peak {self.client_peak_mb:.0f} MB; CPU {self.cpu_seconds:.0f} s in all"
            f" ({self.cpu_per_mb:.2f} CPU-s/MB; client {self.client_cpu_seconds:.0f} s, of which writes"
            f" {self.write_cpu_seconds:.0f} s), i.e."
            f" {self.idle_mbs:.3f} MB/s at most on an idle machine)"
        )


def _queries(files: list[Path], n: int, rng: random.Random) -> list[str]:
    words: list[str] = []
    for f in files[: min(len(files), 20)]:
        text = f.read_text(encoding="utf-8")
        words += re.findall(r"[A-Za-z]{5,}", text)[:2000]
        words += re.findall(r"[\u4e00-\u9fff]{2,4}", text)[:500]
    return [" ".join(rng.sample(words, k=rng.choice([1, 2, 3]))) for _ in range(n)]


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] * 1000 if len(samples) >= 2 else samples[0] * 1000


def _search_p95(location: str | Path, queries: list[str], embed: bool) -> tuple[float, float | None]:
    with open_store(location, create=False) as store:
        bm25 = []
        for q in queries:
            t0 = time.perf_counter()
            store.search(q, 10)
            bm25.append(time.perf_counter() - t0)
        dense = None
        if embed:
            from sinoscope.retrieval.search import Mode
            from sinoscope.retrieval.service import open_retriever

            retriever = open_retriever(store, location, Mode.DENSE)
            retriever.search(queries[0], Mode.DENSE, 10)  # load the model outside the timing
            times = []
            for q in queries:
                t0 = time.perf_counter()
                retriever.search(q, Mode.DENSE, 10)
                times.append(time.perf_counter() - t0)
            retriever.close()
            dense = _p95(times)
    return _p95(bm25), dense


def run_one(
    backend: str,
    location: str | Path,
    files: list[Path],
    size_mb: float,
    workers: int,
    plan: EmbedPlan | None,
    queries: list[str],
) -> Run:
    embed = plan is not None
    cpu0 = _cpu_seconds()
    own0 = _cpu_seconds(children=False)
    t0 = time.perf_counter()
    with dask_client(workers, None) as client:
        startup = time.perf_counter() - t0
        with open_store(location) as store:
            done = ingest_distributed(store, files, client, db_location=location, embed=plan)
    cpu = _cpu_seconds() - cpu0  # the cluster has exited: its processes' time is now counted
    own = _cpu_seconds(children=False) - own0
    report, stats = done.report, done.stats
    busy = stats.prepare_seconds + stats.embed_seconds + stats.store_seconds
    bm25, dense = _search_p95(location, queries, embed)
    return Run(
        backend,
        size_mb,
        workers,
        embed,
        report.count(Status.NEW),
        len(report.errors),
        report.seconds,
        startup,
        max(stats.peak_rss_bytes.values(), default=0) / 1e6,
        stats.embed_seconds / busy if busy else 0.0,
        bm25,
        dense,
        [r.error or r.path for r in report.errors],
        busy,
        stats.write_seconds,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3,  # Linux reports KiB
        stats.index_seconds,
        cpu,
        own,
        stats.write_cpu_seconds,
        stats.store_seconds,
        stats.conflicts,
    )


def _cpu_seconds(*, children: bool = True) -> float:
    """User + system time of this process and (`children`) of its exited descendants (the cluster's processes)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) if children else (resource.RUSAGE_SELF,):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10", help="corpus sizes in MB, comma-separated (10,100,1000)")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--no-embed", action="store_true", help="skip the dense index (parse, extract, store only)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/sinoscope-scale"))
    args = ap.parse_args()
    plan = None if args.no_embed else default_plan()  # derives the static table once if this user has none
    server: Any = None
    print(f"load average at start: {_load()} on {os.cpu_count()} cores", flush=True)
    print(f"embedder on the workers: {plan.name if plan else 'none (--no-embed)'}", flush=True)
    try:
        for size in [float(s) for s in args.sizes.split(",")]:
            files = generate_corpus(args.workdir / f"corpus-{size:g}mb", size)
            real_mb = sum(f.stat().st_size for f in files) / 1e6
            queries = _queries(files, 100, random.Random(5))
            print(f"corpus {size:g} MB: {len(files)} documents, {real_mb:.1f} MB", flush=True)
            for backend in args.backends.split(","):
                for workers in [int(w) for w in args.workers.split(",")]:
                    location: str | Path
                    if backend == "postgresql":
                        from sinoscope.store import postgres_server as pg

                        server = server or pg.start()
                        location = pg.create_database(server, f"scale_{int(size)}_{workers}_{int(time.time())}")
                        os.environ["SINOSCOPE_VECTORS_DIR"] = str(args.workdir / "pg-vectors")
                    else:
                        db = args.workdir / f"scale-{size:g}-{workers}.sqlite"
                        for old in args.workdir.glob(db.name + "*"):
                            shutil.rmtree(old) if old.is_dir() else old.unlink()
                        location = db
                    run = run_one(backend, location, files, real_mb, workers, plan, queries)
                    print(f"{run.line()}  load {_load()}", flush=True)
                    for error in run.error_lines[:3]:
                        print(f"    {error}", flush=True)
    finally:
        if server is not None:
            from sinoscope.store import postgres_server as pg

            pg.stop(server)
    print(f"load average at end: {_load()}", flush=True)


def _load() -> str:
    """1, 5 and 15 minute load averages: other work on the machine slows every figure."""
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
