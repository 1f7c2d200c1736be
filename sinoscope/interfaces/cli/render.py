"""How the CLI shows stored things: Rich renderables for people, plain dicts for `--json`.

Every piece of report text goes through `Text(...)`, never a bare string, so that brackets in the
reports ("[1]", "[RMB]") are printed as they are instead of being read as Rich markup.

`--json` prints `app.render.plain` of the same results, the conversion the API uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree

from sinoscope.app.documents import Block, BlockKind, Chapter, DocumentInfo, OutlineEntry, printable
from sinoscope.app.ingest import FileResult, IngestReport, Status
from sinoscope.app.search import SearchHit

MAX_WIDTH = 240

_STATUS_STYLE = {
    Status.NEW: "green",
    Status.UPDATED: "cyan",
    Status.UNCHANGED: "dim",
    Status.ERROR: "bold red",
}


def fit_width(console: Console, renderable: RenderableType) -> None:
    """Let piped output use a table's natural width instead of wrapping cells at 80 columns."""
    if console.is_terminal:
        return
    wide = Console(width=MAX_WIDTH)
    needed = Measurement.get(wide, wide.options, renderable).maximum
    console.width = max(console.width, min(needed, MAX_WIDTH))


def print_fitted(view: RenderableType) -> None:
    """Print to stdout at the width `fit_width` allows."""
    out = Console()
    fit_width(out, view)
    out.print(view)


# -- ingest --------------------------------------------------------------------------------------------


def ingest_summary(report: IngestReport) -> RichTable:
    table = RichTable(title="Ingested", title_justify="left", show_lines=False)
    table.add_column("file", overflow="fold")
    table.add_column("doc")
    table.add_column("status")
    for name in ("chapters", "blocks", "tables", "seconds"):
        table.add_column(name, justify="right")
    for r in report.results:
        table.add_row(*(Text(printable(c)) if isinstance(c, str) else c for c in _summary_cells(r)))
    return table


def _summary_cells(r: FileResult) -> list[str | Text]:
    status = Text(str(r.status), style=_STATUS_STYLE[r.status])
    if r.status is Status.ERROR:
        return [r.path, r.doc_id or "", status, "", "", "", f"{r.seconds:.2f}"]
    return [r.path, r.doc_id or "", status, str(r.chapters), str(r.blocks), str(r.tables), f"{r.seconds:.2f}"]


def ingest_totals(report: IngestReport) -> str:
    counts = ", ".join(f"{report.count(s)} {s}" for s in Status if report.count(s))
    mb = report.bytes_read / 1e6
    rate = f", {mb / report.seconds:.2f} MB/s" if report.seconds > 0 and mb > 0 else ""
    return f"{len(report.results)} files ({counts}), {mb:.2f} MB in {report.seconds:.2f} s{rate}"


# -- docs ----------------------------------------------------------------------------------------------


def documents_table(docs: Sequence[DocumentInfo]) -> RichTable:
    table = RichTable(title="Documents", title_justify="left")
    table.add_column("doc", style="bold")
    table.add_column("title", overflow="fold", max_width=70)
    table.add_column("file", overflow="fold")
    table.add_column("format")
    for name in ("chapters", "blocks", "tables", "facts"):
        table.add_column(name, justify="right")
    table.add_column("ingested")
    for name in ("date", "lang", "issuer / 文号"):
        table.add_column(name, overflow="fold")
    for d in docs:
        cells = (d.doc_id, d.title, d.file_name, d.format, d.chapters, d.blocks, d.tables, d.facts)
        meta = d.metadata
        issued = " · ".join(v for v in (meta.get("issuer"), meta.get("doc_number")) if v)
        described = (meta.get("date", ""), meta.get("lang", ""), issued)
        table.add_row(*(Text(printable(str(c))) for c in (*cells, d.ingested_at, *described)))
    return table


# -- show ----------------------------------------------------------------------------------------------


def _where(block: Block) -> str:
    parts = [str(block.kind)]
    if block.chapter is not None:
        parts.append(f"chapter {block.chapter}")
    if block.section is not None:
        parts.append(f"section {block.section}")
    parts.append(f"line {block.line}")
    return " · ".join(parts)


def block_view(block: Block) -> RenderableType:
    header = Text.assemble((block.anchor, "bold"), "  ", (_where(block), "dim"))
    if block.kind is BlockKind.TABLE and block.table is not None:
        return Group(header, table_view(block))
    parts: list[RenderableType] = [header, Text(block.text)]
    if block.footnote_refs:
        refs = ", ".join(f"[{r.marker}] → {r.target}" for r in block.footnote_refs)
        parts.append(Text(f"footnotes: {refs}", style="dim"))
    return Group(*parts)


def table_view(block: Block) -> RenderableType:
    """A printed table as a grid: caption as title, first row as header, notes underneath."""
    assert block.table is not None
    t = block.table
    title = t.caption
    if t.label and not t.caption.lower().startswith("table"):
        title = f"Table {t.label}. {t.caption}"
    rows = [list(r) for r in t.rows]
    width = max((len(r) for r in rows), default=0)
    grid = RichTable(show_header=bool(rows))
    header = rows[0] if rows else []
    for i in range(width):
        grid.add_column(Text(header[i] if i < len(header) else ""), justify="right" if i else "left")
    for r in rows[1:]:
        grid.add_row(*(Text(c) for c in r + [""] * (width - len(r))))
    notes = [Text(n, style="dim") for n in t.notes]
    caption = [Text(title, style="bold")] if title else []
    return Group(*caption, grid, *notes)


def outline_view(chapters: Sequence[Chapter], selected: str | None = None, *, title: str = "") -> Tree:
    tree = Tree(Text(printable(title), style="bold") if title else Text("outline", style="dim"))
    for c in chapters:
        label = "Prologue/Introduction" if c.number == 0 else f"Chapter {c.number}"
        node = tree.add(_entry_text(c.anchor, f"{label}: {c.title}", c.line, selected))
        stack: list[tuple[int, Tree]] = []
        for s in c.sections:
            while stack and stack[-1][0] >= s.level:
                stack.pop()
            parent = stack[-1][1] if stack else node
            child = parent.add(_entry_text(s.anchor, f"{s.number} {s.title}", s.line, selected))
            stack.append((s.level, child))
    return tree


def _entry_text(anchor: str, label: str, line: int, selected: str | None) -> Text:
    style = "bold yellow" if anchor == selected else ""
    return Text.assemble((label, style), "  ", (f"{anchor} · line {line}", "dim"))


def heading_view(entry: OutlineEntry, first_blocks: Sequence[Block]) -> RenderableType:
    chapter = entry.chapter
    outline = outline_view([chapter], entry.anchor, title=f"{entry.anchor}  {entry.number} {entry.title}")
    parts: list[RenderableType] = [outline]
    for b in first_blocks:
        parts.append(Text(""))
        parts.append(block_view(b))
    return Group(*parts)


# -- search --------------------------------------------------------------------------------------------


def search_view(hits: Sequence[SearchHit]) -> RenderableType:
    parts: list[RenderableType] = []
    for i, h in enumerate(hits, 1):
        parts.append(
            Text.assemble(
                f"{i:>2}. ",
                (h.anchor, "bold"),
                "  ",
                (f"{h.kind} · line {h.line} · {h.match} match", "dim"),
            )
        )
        snippet = Text("    " + h.snippet)
        for start, end in h.highlights:
            snippet.stylize("bold yellow", start + 4, end + 4)
        parts.append(snippet)
    return Group(*parts)
