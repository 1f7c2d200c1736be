"""`sinoscope ingest --workers N` / `--scheduler tcp://host:8786`: the CLI side of ingestion on Dask.

Dask is imported only here and only when asked for, so a one-process ingest starts as fast as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from rich.console import Console

from sinoscope.store.base import Store
from sinoscope.store.ingest import IngestReport, Progress


def ingest_on_cluster(
    store: Store,
    paths: list[Path],
    db: str | Path,
    *,
    workers: int | None,
    scheduler: str | None,
    options: Mapping[str, Any],
    embed: bool,
    on_progress: Callable[[Progress], None],
    err: Console,
) -> IngestReport:
    """Run the pipeline on a local or existing cluster; embeds on the workers when `embed` is on."""
    from sinoscope.app.ingest_dask import dask_client, ingest_distributed, minilm_plan

    n = workers or 1
    # a local cluster shares this machine's cores: give each worker its share of torch threads
    threads = max(1, (os.cpu_count() or 1) // n) if scheduler is None else None
    plan = minilm_plan(threads) if embed else None
    where = scheduler or f"a local cluster of {n} worker(s)"
    sys.stderr.write(f"ingesting on {where}\n")
    with dask_client(workers, scheduler) as client:
        done = ingest_distributed(
            store, paths, client, db_location=db, options=options, embed=plan, on_progress=on_progress
        )
    stats = done.stats
    peak = max(stats.peak_rss_bytes.values(), default=0) / 1e6
    busy = stats.prepare_seconds + stats.embed_seconds
    share = f", embedding {100 * stats.embed_seconds / busy:.0f}% of worker time" if busy and plan else ""
    err.print(
        f"cluster: {stats.workers} worker(s), peak memory {peak:.0f} MB per worker{share}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    return done.report
