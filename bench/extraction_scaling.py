"""Does quantity extraction stay linear on pathological text? Times `extract_quantities` on one block holding
N figures (a million percentages on one line, a million digit lines, in the style of the hostile files of
tests/sources/hostile.py) for growing N, and prints seconds per 1,000 figures and the growth ratio per 4× N.

    .venv/bin/python bench/extraction_scaling.py [--sizes 2000,8000,32000]

Linear work gives a ratio near 4 for each 4× step; a quadratic path gives about 16. (Before session 5 the
clause split per figure, the clause bound and the repeated-figure lookup made it quadratic: 10,000
percentages took 37 s in `ingest`, 40,000 ran past two minutes.)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sinoscope.extraction.quantities import extract_quantities

CASES: dict[str, Callable[[int], str]] = {
    "percentages on one line": lambda n: "Shares: " + " ".join(f"{i % 100}%" for i in range(n)) + "\n",
    "digit lines": lambda n: "".join(f"{i}\n" for i in range(n)),
    "Chinese amounts in one sentence": lambda n: (
        "，".join(f"第{i % 9 + 1}项投入{i % 97 + 1}亿元" for i in range(n)) + "。"
    ),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2000,8000,32000", help="comma-separated figure counts, each 4x the last")
    sizes = [int(s) for s in ap.parse_args().sizes.split(",")]
    for name, make in CASES.items():
        previous: float | None = None
        cells = []
        for n in sizes:
            text = make(n)
            started = time.perf_counter()
            extract_quantities(text)
            took = time.perf_counter() - started
            ratio = f" ×{took / previous:.1f}" if previous else ""
            cells.append(f"{n:>6}: {took:6.2f} s ({1000 * took / n:.2f} s/1k){ratio}")
            previous = took
        print(f"{name:32s} " + " | ".join(cells))


if __name__ == "__main__":
    main()
