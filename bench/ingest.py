"""Ingestion benchmark: throughput (MB/s) and peak memory, for the real corpus and a synthetic one.

    .venv/bin/python bench/ingest.py                 # corpus (../shared/corpus) + 200 synthetic reports
    .venv/bin/python bench/ingest.py --reports 500 --scale 2

Each dataset runs in its own child process (single-threaded ingest), so `ru_maxrss` is that dataset's
own peak. Inside it: one timed pass into a fresh database (read / structure / store split), a re-ingest
of the unchanged files, then a second pass into another fresh database under tracemalloc (which slows
Python down, hence not timed). For the corpus, the `sinoscope ingest` command is also timed end to end.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_corpus  # noqa: E402

from sinoscope.app.pipeline import Status, default_builder, default_reader, ingest_paths  # noqa: E402
from sinoscope.store import SqliteStore  # noqa: E402

T = TypeVar("T")


def _timed(fn: Callable[..., T], bucket: list[float]) -> Callable[..., T]:
    def wrapper(*args: Any) -> T:
        t0 = time.perf_counter()
        try:
            return fn(*args)
        finally:
            bucket[0] += time.perf_counter() - t0

    return wrapper


def measure(files: list[Path], workdir: Path) -> dict[str, Any]:
    read_s, build_s = [0.0], [0.0]
    mb = sum(f.stat().st_size for f in files) / 1e6
    with SqliteStore(workdir / "timed.sqlite") as store:
        t0 = time.perf_counter()
        report = ingest_paths(
            store, files, read=_timed(default_reader(None), read_s), build=_timed(default_builder(), build_s)
        )
        seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        again = ingest_paths(store, files)
        unchanged_s = time.perf_counter() - t1
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    errors = [r.error for r in report.errors]

    tracemalloc.start()
    with SqliteStore(workdir / "traced.sqlite") as store:
        ingest_paths(store, files)
    peak_traced_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return {
        "files": len(files),
        "mb": round(mb, 3),
        "blocks": sum(r.blocks for r in report.results),
        "tables": sum(r.tables for r in report.results),
        "errors": errors,
        "seconds": round(seconds, 3),
        "mb_per_s": round(mb / seconds, 2) if seconds else None,
        "read_s": round(read_s[0], 3),
        "structure_s": round(build_s[0], 3),
        "store_s": round(seconds - read_s[0] - build_s[0], 3),
        "unchanged_s": round(unchanged_s, 3),
        "unchanged_all": again.count(Status.UNCHANGED) == len(files) - len(errors),
        "peak_traced_mb": round(peak_traced_mb, 1),
        "max_rss_mb": round(maxrss_mb, 1),
    }


def time_cli(files: list[Path], workdir: Path, *, embed: bool) -> float:
    """The whole command in a new database: structure, facts and tables, knowledge-base links, and (with
    `embed`) the dense index, which dominates (MiniLM embeds about 80 blocks/s on 2 cores)."""
    exe = Path(sys.executable).with_name("sinoscope")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "sinoscope.interfaces.cli"]
    db = workdir / ("cli-embed.sqlite" if embed else "cli.sqlite")
    t0 = time.perf_counter()
    subprocess.run(
        [*cmd, "--db", str(db), "ingest", "--embed" if embed else "--no-embed", *map(str, files)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return round(time.perf_counter() - t0, 3)


def dense_throughput(files: list[Path], workdir: Path, minilm_sample: int) -> dict[str, Any]:
    """Blocks per second of each embedder over the dataset's blocks (encode only, model already loaded).

    The new default (static USE-multilingual) encodes every block; the old MiniLM transformer a sample of
    `minilm_sample` blocks (it runs ~36 blocks/s). Retrieval quality of both: bench/score_search.py.
    """
    from sinoscope.retrieval.minilm import MiniLMEmbedder
    from sinoscope.retrieval.use_multilingual import load_use_static

    with SqliteStore(workdir / "dense.sqlite") as store:
        ingest_paths(store, files)
        texts = [b.text for d in store.list_documents() for b in store.blocks(d.doc_id)]
    out: dict[str, Any] = {"dense_blocks": len(texts)}
    runs: list[tuple[str, Any, list[str]]] = [
        ("use_static", load_use_static, texts),
        ("minilm", MiniLMEmbedder, texts[:minilm_sample]),
    ]
    for key, make, sample in runs:
        if not sample:
            continue
        emb = make()
        emb.encode(sample[:8])  # load the model outside the timing
        t0 = time.perf_counter()
        for i in range(0, len(sample), 256):
            emb.encode(sample[i : i + 256])
        seconds = time.perf_counter() - t0
        out[f"{key}_name"] = emb.name
        out[f"{key}_blocks"] = len(sample)
        out[f"{key}_blocks_per_s"] = round(len(sample) / seconds, 1)
    return out


def run_dataset(name: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sinoscope-bench-") as tmp:
        workdir = Path(tmp)
        if name == "corpus":
            files = sorted(Path(args.corpus).glob("*.txt"))
            if not files:
                return {"dataset": name, "skipped": f"no .txt files in {args.corpus}"}
        else:
            files = write_corpus(workdir / "reports", args.reports, seed=args.seed, scale=args.scale)
        result = {"dataset": name, **measure(files, workdir)}
        if name == "corpus":
            result["cli_seconds"] = time_cli(files, workdir, embed=False)
            result["cli_embed_seconds"] = time_cli(files, workdir, embed=True)
            result.update(dense_throughput(files, workdir, args.minilm_sample))
        return result


def _print(results: list[dict[str, Any]]) -> None:
    for r in results:
        if "skipped" in r:
            print(f"{r['dataset']}: skipped ({r['skipped']})")
            continue
        print(
            f"{r['dataset']}: {r['files']} files, {r['mb']:.2f} MB,"
            f" {r['blocks']} blocks, {r['tables']} tables"
            f" in {r['seconds']:.2f} s = {r['mb_per_s']} MB/s"
            f" (read {r['read_s']:.2f} s, structure {r['structure_s']:.2f} s, store {r['store_s']:.2f} s);"
            f" re-ingest unchanged {r['unchanged_s']:.3f} s;"
            f" peak memory: tracemalloc {r['peak_traced_mb']} MB, max RSS {r['max_rss_mb']} MB"
        )
        if "cli_seconds" in r:
            print(
                f"{r['dataset']}: `sinoscope ingest --no-embed` end to end (new database, with facts, tables and"
                f" knowledge-base links) {r['cli_seconds']:.2f} s; with the dense index {r['cli_embed_seconds']:.2f} s"
            )
        if "dense_blocks" in r:
            print(
                f"{r['dataset']}: dense index throughput (encode only, {r['dense_blocks']} blocks):"
                f" {r.get('use_static_name')} {r.get('use_static_blocks_per_s')} blocks/s (default);"
                f" {r.get('minilm_name')} {r.get('minilm_blocks_per_s')} blocks/s"
                f" (old default, on {r.get('minilm_blocks')} blocks)"
            )
        for e in r["errors"]:
            print(f"  error: {e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(CORPUS), help="folder with the real reports (*.txt)")
    parser.add_argument("--reports", type=int, default=200, help="number of synthetic reports")
    parser.add_argument("--scale", type=float, default=1.0, help="synthetic report length (1.0 ≈ 110 KB)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--minilm-sample", type=int, default=200, help="blocks to time the old MiniLM on")
    parser.add_argument("--dataset", choices=["corpus", "synthetic"], help="run one dataset in-process")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    args = parser.parse_args()

    if args.dataset:
        result = run_dataset(args.dataset, args)
        print(json.dumps(result) if args.json else "", end="\n" if args.json else "")
        if not args.json:
            _print([result])
        return

    results = []
    for name in ("corpus", "synthetic"):
        child = [
            sys.executable,
            __file__,
            "--dataset",
            name,
            "--json",
            "--corpus",
            args.corpus,
            "--reports",
            str(args.reports),
            "--scale",
            str(args.scale),
            "--seed",
            str(args.seed),
            "--minilm-sample",
            str(args.minilm_sample),
        ]
        out = subprocess.run(child, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        _print(results)


if __name__ == "__main__":
    main()
