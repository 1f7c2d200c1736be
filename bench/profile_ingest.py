"""Profile one Dask worker's per-document pipeline, in one process, on the generated scale corpus.

    .venv/bin/python bench/profile_ingest.py                      # 10 MB corpus, stage CPU + cProfile
    .venv/bin/python bench/profile_ingest.py --no-profile         # stage CPU-s/MB without profiler overhead
    .venv/bin/python bench/profile_ingest.py --limit 40 --top 40  # first 40 documents, 40 functions
    .venv/bin/python bench/profile_ingest.py --sandbox --no-profile  # as a worker runs: parsing in the sandbox

Why: issue 19's 1 GB bar needs the per-document CPU to fall (3.6-4.1 CPU-s/MB in `bench/scale.py`), and a
Dask run hides where it goes (cProfile does not reach the worker processes). This runs the very function a
worker runs for each file, `app.ingest_worker.ingest_on_worker` (read, identity, structure, metadata,
extraction, provenance, embedding with the default static model, store in one SQLite transaction), over the
corpus `bench/scale.py` generates (same generator, same seed; reused when already on disk), into a fresh
SQLite database. Each stage is timed in CPU seconds (`time.process_time`, all threads of this process) by
wrapping the module attributes the worker looks up at call time, so the stage figures are the worker's own
code paths. By default parsing runs in this process (`SINOSCOPE_SANDBOX=off`), so that cProfile sees it;
`--sandbox` keeps the parsing sandbox a worker uses and adds its process's CPU (the pickling to and from it
is then the difference). The process runs with a Dask worker's environment (one BLAS/OpenMP thread, see
`WORKER_ENV`). Imports and the embedder's load are paid on an invented warm-up file first and left
out, as a long-lived worker pays them once.

Prints CPU-s/MB per stage (inclusive: a sub-stage's time is also in its parent's), then the top functions by
cumulative and by own time. cProfile inflates Python-heavy stages more than C-heavy ones (SQLite, numpy):
compare stages with `--no-profile`.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import os
import pstats
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
WORKER_ENV = {
    "MALLOC_TRIM_THRESHOLD_": "65536",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
}
"""What a Dask nanny sets for its worker (`distributed.nanny.pre-spawn-environ`). It matters: with BLAS on two
threads, OpenBLAS's second thread spins after every embedding and burned ~60 % more CPU over all the stages,
which a profile must not mistake for the stages' own cost. Set before the process starts (glibc and OpenBLAS
read them once), so the script starts itself again with them."""
if any(os.environ.get(k) != v for k, v in WORKER_ENV.items()):
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, **WORKER_ENV})
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

WARM_UP = """第一章 总则
一、主要目标
2024年全市地区生产总值增长5.5%左右，城镇新增就业12万人。
1. Targets
In 2024 the city's output is expected to grow by about 5.5 percent, with 120,000 new urban jobs.
| 指标 | 2023年 | 2024年 |
| --- | --- | --- |
| 地区生产总值（亿元） | 1234.5 | 1302.0 |
"""
"""An invented document that loads every module and the embedder before the measured files."""


class Stages:
    """CPU seconds and calls per stage, taken by wrappers around the functions the worker calls."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.order: list[str] = []

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        if name not in self.order:
            self.order.append(name)

        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            c0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.cpu[name] += time.process_time() - c0
                self.calls[name] += 1

        return timed

    def reset(self) -> None:
        self.cpu.clear()
        self.calls.clear()


def instrument(stages: Stages, *, sandbox: bool) -> None:
    """Wrap the stage functions where `ingest_on_worker` looks them up (module globals, read per call). With
    the sandbox, reading and then structure, metadata, extraction and provenance (`pipeline.derive`, one
    call) run in its process, sent there by reference (a wrapper could not be): the two calls are timed
    instead, i.e. this process's pickling of the arguments and results."""
    from sinoscope.app import ingest_worker, pipeline
    from sinoscope.app import stages as app_stages
    from sinoscope.documents import structure
    from sinoscope.extraction import facts
    from sinoscope.sources.sandbox import Sandbox
    from sinoscope.store import fts_text, sqlite

    in_process = [
        (pipeline, "read", "  read"),
        (pipeline, "structure", "  structure"),
        (structure, "build_document", "    build_document"),
        (pipeline, "describe", "  describe (metadata)"),
        (app_stages, "describe_document", "    describe_document"),
        (ingest_worker, "extract", "  extract"),
        (facts, "extract_facts", "    extract_facts"),
        (facts, "extract_table_records", "    extract_table_records"),
    ]
    for mod, attr, name in [
        (ingest_worker, "prepare_file", "prepare (read..provenance)"),
        *([] if sandbox else [*in_process, (pipeline, "with_provenance", "  provenance")]),
        (ingest_worker, "embed_blocks", "embed"),
        (ingest_worker, "store_document", "store"),
        (fts_text, "index_text", "    fts index text"),
    ]:
        setattr(mod, attr, stages.wrap(name, getattr(mod, attr)))
    if sandbox:
        call = Sandbox.call

        def timed_call(self: Sandbox, path: Path | str, fn: Callable[..., Any], *args: Any) -> Any:
            name = getattr(fn, "__name__", None) or getattr(getattr(fn, "func", None), "__name__", "?")
            return stages.wrap(f"  sandbox call: {name} (this side)", call)(self, path, fn, *args)

        Sandbox.call = timed_call  # type: ignore[method-assign]
        stages.order[1:1] = [f"  sandbox call: {f} (this side)" for f in ("read", "derive")]
    save = sqlite.SqliteStore.save_document
    sqlite.SqliteStore.save_document = stages.wrap("  save_document (one transaction)", save)  # type: ignore[method-assign]
    order = stages.order  # parents before children when printed
    order.insert(order.index("    fts index text"), order.pop(order.index("  save_document (one transaction)")))


def corpus(folder: Path, megabytes: float) -> list[Path]:
    from scale import generate_corpus

    return generate_corpus(folder, megabytes)


@contextmanager
def fresh_db(workdir: Path, name: str) -> Iterator[str]:
    from sinoscope.app.ingest_worker import close_worker_stores
    from sinoscope.store import open_store

    for old in workdir.glob(name + "*"):
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    location = str((workdir / name).absolute())
    open_store(location).close()  # creates it; the worker opens it with create=False
    try:
        yield location
    finally:
        close_worker_stores()


def sandbox_cpu() -> float:
    """CPU seconds of the parsing sandbox's live worker process, when one runs (from /proc: Linux)."""
    from sinoscope.sources import sandbox

    total = 0.0
    for box in sandbox._SHARED.values():
        process = box._process
        if process is None or process.poll() is not None:
            continue
        try:
            fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return total


def run(files: list[Path], location: str, embed: Any, profiler: cProfile.Profile | None) -> tuple[float, float, int]:
    """CPU seconds (this process, the sandbox's), and errors, over `files` as one worker ingests them."""
    from sinoscope.app.ingest_worker import ingest_on_worker
    from sinoscope.app.pipeline import Status

    errors = 0
    c0, s0 = time.process_time(), sandbox_cpu()
    if profiler is not None:
        profiler.enable()
    for path in files:
        done = ingest_on_worker(str(path), (), {}, embed, location)
        if done.result.status is Status.ERROR:
            errors += 1
            if errors <= 3:
                print(f"  error: {done.result.error}", flush=True)
    if profiler is not None:
        profiler.disable()
    return time.process_time() - c0, sandbox_cpu() - s0, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=float, default=10, help="corpus size in MB (bench/scale.py's generator)")
    ap.add_argument("--corpus-root", type=Path, default=Path("/tmp/sinoscope-scale"), help="where corpora live")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/sinoscope-profile"), help="for the databases")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents (0: all)")
    ap.add_argument("--no-embed", action="store_true", help="skip the embedding stage")
    ap.add_argument("--no-profile", action="store_true", help="stage CPU only, without cProfile's overhead")
    ap.add_argument("--sandbox", action="store_true", help="parse in the sandbox process, as a worker does")
    ap.add_argument("--top", type=int, default=30, help="functions listed per table")
    ap.add_argument("--save", type=Path, help="write the cProfile stats here (for snakeviz, pstats)")
    args = ap.parse_args()
    if not args.sandbox:
        os.environ["SINOSCOPE_SANDBOX"] = "off"
    os.environ.setdefault("SINOSCOPE_NO_WARM", "1")
    args.workdir.mkdir(parents=True, exist_ok=True)

    files = corpus(args.corpus_root / f"corpus-{args.size:g}mb", args.size)
    if args.limit:
        files = files[: args.limit]
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    embed = None
    if not args.no_embed:
        from sinoscope.app.ingest_dask import default_plan

        plan = default_plan()
        embed = (plan.key, plan.factory)
    print(f"load average at start: {_load()}; {len(files)} documents, {megabytes:.2f} MB", flush=True)
    print(f"embedder: {embed[0] if embed else 'none'}; sandbox {'on' if args.sandbox else 'off'}", flush=True)

    stages = Stages()
    instrument(stages, sandbox=args.sandbox)
    warm = args.workdir / "warm-up.txt"
    warm.write_text(WARM_UP, encoding="utf-8")
    with fresh_db(args.workdir, "warm-up.sqlite") as location:
        run([warm], location, embed, None)
    stages.reset()

    profiler = None if args.no_profile else cProfile.Profile()
    t0 = time.perf_counter()
    with fresh_db(args.workdir, "profile.sqlite") as location:
        cpu, child, errors = run(files, location, embed, profiler)
    wall = time.perf_counter() - t0
    total = cpu + child
    print(
        f"\n{len(files)} documents ({errors} errors), {megabytes:.2f} MB: CPU {total:.1f} s"
        f" ({total / megabytes:.3f} CPU-s/MB; this process {cpu:.1f} s, sandbox {child:.1f} s), wall {wall:.1f} s,"
        f" load {_load()}{'  [under cProfile]' if profiler else ''}"
    )
    print(f"\n{'stage (inclusive, this process)':40} {'CPU s':>8} {'CPU-s/MB':>9} {'share':>6} {'calls':>7}")
    for name in stages.order:
        s = stages.cpu.get(name, 0.0)
        print(f"{name:40} {s:8.2f} {s / megabytes:9.3f} {100 * s / cpu:5.1f}% {stages.calls.get(name, 0):7d}")
    named = sum(stages.cpu.get(n, 0.0) for n in ("prepare (read..provenance)", "embed", "store"))
    print(f"{'other (identity, worker bookkeeping)':40} {cpu - named:8.2f} {(cpu - named) / megabytes:9.3f}")
    if profiler is not None:
        if args.save:
            profiler.dump_stats(args.save)
        for key in ("cumulative", "tottime"):
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.strip_dirs().sort_stats(key).print_stats(args.top)
            text = out.getvalue()
            print(f"\n--- top {args.top} functions by {key} ---")
            print(text[text.find("   ncalls") :].rstrip())
    print(f"\nload average at end: {_load()}")


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
