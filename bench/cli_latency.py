"""CLI latency (issue 20): `sinoscope search --mode hybrid` and `sinoscope ask` as a user runs them, cold and warm.

    .venv/bin/python bench/cli_latency.py              # ../shared/corpus (or invented reports), 10 calls each
    .venv/bin/python bench/cli_latency.py --runs 20 --invented

Ingests the documents with the dense index into a temporary database, then times each command as a
subprocess of the installed `sinoscope` script, end to end:
  no-warm   SINOSCOPE_NO_WARM=1: every call imports the CLI and loads the model (the old behaviour);
  first     the first call with warm workers allowed: in-process, and starts the worker afterwards;
  warm      the calls after the worker is ready (its warm-up done), forwarded to it.
The worker's request log tells which calls it really served. Its own runtime folder keeps other workers out.

By default the committed code (`git archive HEAD sinoscope`) is unpacked and put first on PYTHONPATH: a
worker answers only for the exact sources it loaded, so in a working tree that others are editing every
few seconds each edit would make the next call cold (`--working-tree` measures the live tree anyway).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
SCRIPT = Path(sys.executable).parent / "sinoscope"
sys.path.insert(0, str(REPO))

from sinoscope.app import warm  # noqa: E402

SEARCHES = ["semiconductor investment", "national laboratory system", "半导体 产业", "talent programmes", "5G"]
QUESTIONS = [
    "How many national key laboratories are there?",
    "How much did the second-phase fund raise?",
    "What share of R&D spending goes to basic research?",
    "How many 5G base stations were built?",
]
INVENTED = {
    "910_chips.md": "# Chip Plan\n\n## Targets\n\nThe plan sets a self-sufficiency rate of 70% for chips by 2030.\n\n"
    "The second-phase fund raised RMB 204.2 billion for semiconductor investment.\n",
    "911_labs.md": "# Laboratory Report\n\n## Labs\n\nThere are 533 national key laboratories in 2024.\n\n"
    "Basic research took 6.9% of R&D spending, and 3.37 million 5G base stations were built.\n",
}


def _run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def _stop_workers(runtime: Path) -> None:
    """End the workers this run started (their socket is in our runtime folder), and wait for them."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and b"warm_worker" in cmdline and str(runtime).encode() in cmdline:
            pids.append(int(entry.name))
            os.kill(pids[-1], signal.SIGTERM)
    for pid in pids:
        while True:
            try:
                if b"zombie" in Path(f"/proc/{pid}/status").read_bytes().lower():
                    break
            except OSError:
                break
            time.sleep(0.05)
    for stale in runtime.glob("sinoscope/*.sock"):
        stale.unlink()


def _summary(name: str, times: list[float], served: int | None = None) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    tail = "" if served is None else f"  served by worker {served}/{len(times)}"
    return (
        f"  {name:<9} n={len(times):<3} p50 {statistics.median(times):6.2f} s  p95 {p95:6.2f} s"
        f"  min {ordered[0]:5.2f}  max {ordered[-1]:5.2f}{tail}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="Timed calls per command and setting.")
    parser.add_argument("--invented", action="store_true", help="Two invented reports instead of the corpus.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder.")
    parser.add_argument("--working-tree", action="store_true", help="Run the working tree, not a HEAD snapshot.")
    opts = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="clilat-"))
    db, log, runtime = work / "bench.sqlite", work / "served.log", work / "run"
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SINOSCOPE_WARM") and k != warm.ENV_NO_WARM}
    env.update({"SINOSCOPE_DB": str(db), "XDG_RUNTIME_DIR": str(runtime), warm.ENV_LOG: str(log)})
    if not opts.working_tree:
        src = work / "src"
        src.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", "HEAD", "sinoscope"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH", "")) if p)
        print(f"code: HEAD snapshot in {src}")
    cold_env = {**env, warm.ENV_NO_WARM: "1"}
    try:
        if opts.invented or not CORPUS.is_dir():
            sources = []
            for name, text in INVENTED.items():
                (work / name).write_text(text, encoding="utf-8")
                sources.append(str(work / name))
        else:
            sources = [str(CORPUS)]
        start = time.perf_counter()
        subprocess.run([str(SCRIPT), "ingest", "--embed", *sources], env=cold_env, capture_output=True, check=True)
        print(
            f"ingested {', '.join(Path(s).name for s in sources)} with the dense index in "
            f"{time.perf_counter() - start:.1f} s; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
        )

        commands = {
            "search --mode hybrid": [["search", "--mode", "hybrid", q] for q in SEARCHES],
            "ask": [["ask", q] for q in QUESTIONS],
        }
        where = (
            "from sinoscope.app import warm; import os; print(warm.socket_path(os.environ['SINOSCOPE_DB'], os.environ))"
        )
        found = subprocess.run(  # from `work`: with -c the current folder comes first on sys.path
            [sys.executable, "-c", where], env=env, cwd=work, capture_output=True, text=True, check=True
        )
        sock = Path(found.stdout.strip())
        for label, calls in commands.items():
            print(f"sinoscope {label}")
            nowarm = [_run(calls[i % len(calls)], cold_env) for i in range(opts.runs)]
            print(_summary("no-warm", nowarm))
            _stop_workers(runtime)
            first = _run(calls[0], env)
            print(_summary("first", [first]))
            ready = time.perf_counter()
            while not sock.exists() and time.perf_counter() - ready < 120:
                time.sleep(0.1)
            print(f"  (worker ready {time.perf_counter() - ready:.1f} s after the first call returned)")
            before = len(log.read_text().splitlines()) if log.exists() else 0
            warm_times = [_run(calls[i % len(calls)], env) for i in range(opts.runs)]
            served = (len(log.read_text().splitlines()) if log.exists() else 0) - before
            print(_summary("warm", warm_times, served))
    finally:
        _stop_workers(runtime)
        if opts.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
