"""A Rich progress bar on stderr for ingestion, fed by the pipeline's `Progress` events.

On stderr so that stdout stays clean for the summary (and for piping); transient so that a finished run
leaves only the summary behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sinoscope.app.pipeline import Progress as IngestProgress


def progress_bar(console: Console) -> Progress:
    """The one bar style of the CLI (ingesting, embedding ...)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,  # no stray blank lines in logs and pipes
    )


@contextmanager
def ingest_progress(console: Console) -> Iterator[Callable[[IngestProgress], None]]:
    bar = progress_bar(console)
    task = bar.add_task("ingesting", total=None)

    def on_progress(event: IngestProgress) -> None:
        if event.result is None:
            bar.update(task, total=event.total, description=f"ingesting {event.path.name}")
        else:
            bar.advance(task)

    with bar:
        yield on_progress
