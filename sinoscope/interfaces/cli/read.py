"""Commands that read what is stored: the document list, one anchor, passage search."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from sinoscope.app.documents import DocumentOutline, HeadingBlocks, document_record, documents
from sinoscope.app.documents import show as show_anchor
from sinoscope.app.render import plain
from sinoscope.app.search import DenseSearch, Mode, passages
from sinoscope.interfaces.cli import render
from sinoscope.interfaces.cli.common import open_db, print_json

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def docs(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List stored documents."""
    with open_db(ctx) as store:
        found = documents(store)
    if as_json:
        print_json([document_record(d) for d in found])
    elif not found:
        sys.stderr.write("no documents stored yet (run `sinoscope ingest PATH...`)\n")
    else:
        render.print_fitted(render.documents_table(found))


def show(
    ctx: typer.Context,
    anchor: Annotated[str, typer.Argument(help='A citation anchor, e.g. "000#table-4-4", or a document id.')],
    blocks: Annotated[int, typer.Option("--blocks", "-b", help="Blocks to print under a heading.")] = 5,
    as_json: JsonOpt = False,
) -> None:
    """Print the block, table, chapter or section that an anchor names ("p" may stand for "¶")."""
    with open_db(ctx) as store:
        found = show_anchor(store, anchor, blocks)
    if isinstance(found, DocumentOutline):
        if as_json:
            print_json({**document_record(found.info), "chapters": plain(found.chapters)})
        else:
            Console().print(render.outline_view(found.chapters, title=f"{found.info.doc_id}  {found.info.title}"))
    elif isinstance(found, HeadingBlocks):
        if as_json:
            print_json({"heading": plain(found.heading), "blocks": [plain(b) for b in found.blocks]})
        else:
            render.print_fitted(render.heading_view(found.heading, found.blocks))
    elif as_json:
        print_json(plain(found))
    else:
        render.print_fitted(render.block_view(found))


def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words or a phrase; quotes and symbols are taken literally.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Maximum number of passages.")] = 10,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    mode: Annotated[
        Mode, typer.Option("--mode", "-m", help="bm25 (words), dense (meaning) or hybrid (both, fused).")
    ] = Mode.HYBRID,
    as_json: JsonOpt = False,
) -> None:
    """Search every stored block by words and meaning; passages with the whole phrase rank high."""
    with open_db(ctx) as store:
        hits, _ = passages(store, DenseSearch(str(ctx.obj["db"])), query, mode, limit, doc, bridge=True)
    if as_json:
        print_json(plain(hits))
    elif not hits:
        sys.stderr.write(f"no passages match {query!r}\n")
    else:
        Console().print(render.search_view(hits), soft_wrap=True)
