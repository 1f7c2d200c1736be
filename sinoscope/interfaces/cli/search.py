"""The dense index built with a progress bar, for `sinoscope index` and `ingest` (embedding takes a while)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from sinoscope.app.search import Store, SyncReport, build_index
from sinoscope.interfaces.cli.progress import progress_bar


def build_dense_index(store: Store, db: Path, console: Console, *, rebuild: bool = False) -> SyncReport:
    with progress_bar(console) as bar:
        task = bar.add_task("embedding", total=None)

        def on_document(doc_id: str, i: int, n: int) -> None:
            bar.update(task, total=n, completed=i, description=f"embedding {doc_id}")

        return build_index(store, db, rebuild=rebuild, on_document=on_document)
