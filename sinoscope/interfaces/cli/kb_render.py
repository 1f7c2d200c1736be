"""How `sinoscope kb` shows knowledge to people: Rich tables over the rows `sinoscope.app.knowledge` builds.

All report and data text goes through `Text(...)` so brackets are printed, never read as markup.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from sinoscope.app.knowledge import (
    CitationCheckResult,
    CitationStatus,
    EntityShow,
    SyncReport,
    SyncStatus,
    display_name,
    type_name,
)
from sinoscope.interfaces.cli.render import fit_width
from sinoscope.store.base import EntityRef


def show(console: Console, renderable: RenderableType) -> None:
    fit_width(console, renderable)
    console.print(renderable)


def sync_line(report: SyncReport) -> str:
    if report.status is SyncStatus.UNCHANGED:
        base = "knowledge base up to date"
    else:
        base = f"knowledge base {report.status}: {report.entries} entries"
    if report.linked:
        base += "; linked " + ", ".join(f"{d}: {n} links" for d, n in sorted(report.linked.items()))
    return base


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]], **col: Any) -> RichTable:
    """A left-titled table of plain-text cells (each through `Text`, so never read as markup)."""
    out = RichTable(title=title, title_justify="left")
    for name in columns:
        out.add_column(name, **col)
    for row in rows:
        out.add_row(*(Text(c) for c in row))
    return out


def list_table(rows: list[dict[str, Any]]) -> RichTable:
    out = RichTable(title=f"{len(rows)} entities", title_justify="left")
    for col in ("id", "type", "name", "when", "sources"):
        out.add_column(col, overflow="fold", justify="right" if col == "sources" else "left")
    for r in rows:
        out.add_row(*(Text(x) for x in (r["id"], r["type"], r["name"], r["when"] or "", str(r["sources"]))))
    return out


def candidates_table(refs: Sequence[EntityRef]) -> RichTable:
    return table("matching entities", ("id", "type", "name"), [(r.id, r.type, r.name) for r in refs])


def entity(view: EntityShow) -> RenderableType:
    e = view.entry
    title = Text()
    title.append(display_name(e), style="bold")
    title.append(f"  [{type_name(e)}: {e.id}]", style="dim")
    parts: list[RenderableType] = [Group(title, *(Text(line, style=style) for line, style in view.header()))]
    if view.contents.targets:
        parts.append(table("targets", ("target", "policy", "status", "id"), view.target_rows(), overflow="fold"))
    if view.contents.observations:
        title_obs = f"observations ({len(view.contents.observations)})"
        parts.append(table(title_obs, ("observation", "kind", "source"), view.observation_rows(), overflow="fold"))
    if view.contents.children:
        parts.append(table("contains", ("type", "id", "name"), view.child_rows(), overflow="fold"))
    if view.contents.related:
        parts.append(table("referred to by", ("type", "id", "name"), view.related_rows(), overflow="fold"))
    sources = [(s.anchor or s.source or "", s.quote or "", s.status, s.passage or "") for s in view.sources]
    columns = ("anchor / source", "quote", "status", "passage")
    parts.append(table(f"sources ({len(view.sources)})", columns, sources, overflow="fold"))
    if not view.links:
        parts.append(Text("linked passages: none (ingest the reports to link them)", style="dim"))
    else:
        counts = ", ".join(f"{k}: {v}" for k, v in sorted(view.link_counts.items()))
        rows = [(lk.anchor, str(lk.method), lk.surface) for lk in view.best_links()]
        parts.append(table(f"linked passages ({counts})", ("anchor", "how", "surface"), rows, overflow="fold"))
    return Group(*parts)


def print_check(console: Console, result: CitationCheckResult) -> None:
    report = result.report
    counts = report.counts()
    say = functools.partial(console.print, markup=False, highlight=False, soft_wrap=True)
    say(
        f"citations: {len(report.results)}; checked {report.checked}: {counts[CitationStatus.OK]} ok, "
        f"{len(report.failures)} failed; {counts[CitationStatus.EXTERNAL]} external (not checked); "
        f"{counts[CitationStatus.NOT_INGESTED]} in reports not ingested"
    )
    missing = report.missing_docs()
    if missing:
        say(f"not ingested: {', '.join(missing)} (run `sinoscope ingest` on those reports)")
    if not report.failures:
        if report.checked:
            console.print("all checked citations resolve and print their value", markup=False)
        return
    rows = [
        (f.entry, f.anchor or "", f.quote or "", str(f.status), ", ".join(result.suggested(f))) for f in report.failures
    ]
    columns = ("entry", "anchor", "quote", "problem", "printed at")
    show(console, table("failed citations", columns, rows, overflow="fold"))
