"""Commands that read what is stored: the document list, one anchor, passage search."""

from __future__ import annotations

import dataclasses
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from sinoscope.interfaces.anchor_input import typed_anchor
from sinoscope.interfaces.cli import render
from sinoscope.interfaces.cli.common import open_db, print_json
from sinoscope.interfaces.cli.search import search_hits
from sinoscope.retrieval.search import Mode


def docs(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List stored documents."""
    with open_db(ctx) as store:
        documents = store.list_documents()
    if as_json:
        print_json([render.document_json(d) for d in documents])
        return
    if not documents:
        sys.stderr.write("no documents stored yet (run `sinoscope ingest PATH...`)\n")
        return
    out = Console()
    table = render.documents_table(documents)
    render.fit_width(out, table)
    out.print(table)


def show(
    ctx: typer.Context,
    anchor: Annotated[str, typer.Argument(help='A citation anchor, e.g. "000#table-4-4", or a document id.')],
    blocks: Annotated[int, typer.Option("--blocks", "-b", help="Blocks to print under a heading.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print the block, table, chapter or section that an anchor names ("p" may stand for "¶")."""
    out = Console()
    anchor = typed_anchor(anchor)
    with open_db(ctx) as store:
        if "#" not in anchor:
            info = store.get_document(anchor.strip())
            chapters = store.outline(info.doc_id)
            if as_json:
                print_json({**render.document_json(info), "chapters": [_asdict(c) for c in chapters]})
            else:
                out.print(render.outline_view(chapters, title=f"{info.doc_id}  {info.title}"))
            return
        entry = store.find_heading(anchor)
        if entry is not None:
            section = None if entry.level == 0 else entry.number
            found = store.blocks(entry.doc_id, chapter=str(entry.chapter.number), section=section)
            under = [b for b in found if b.anchor != anchor][:blocks]
            if as_json:
                print_json({"heading": _asdict(entry), "blocks": [render.block_json(b) for b in under]})
            else:
                view = render.heading_view(entry, under)
                render.fit_width(out, view)
                out.print(view)
            return
        block = store.get_block(anchor)
    if as_json:
        print_json(render.block_json(block))
        return
    view = render.block_view(block)
    render.fit_width(out, view)
    out.print(view)


def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words or a phrase; quotes and symbols are taken literally.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Maximum number of passages.")] = 10,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    mode: Annotated[
        Mode, typer.Option("--mode", "-m", help="bm25 (words), dense (meaning) or hybrid (both, fused).")
    ] = Mode.HYBRID,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search every stored block by words and meaning; passages with the whole phrase rank high."""
    with open_db(ctx) as store:
        hits = search_hits(store, ctx.obj["db"], query, mode, limit, doc)
    if as_json:
        print_json([render.hit_json(h) for h in hits])
        return
    if not hits:
        sys.stderr.write(f"no passages match {query!r}\n")
        return
    Console().print(render.search_view(hits), soft_wrap=True)


def _asdict(obj: Any) -> Any:
    return dataclasses.asdict(obj)
