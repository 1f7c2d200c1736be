"""`sinoscope ask QUESTION`: an answer card with its evidence, or "not found" with the best passages.

The answer comes from `app.ask` (with the CLI's retrieval: cross-language bridge, hybrid interleaved with
BM25); this module only lays the card out.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from sinoscope.app.ask import Answer, Mode, Status, answer
from sinoscope.app.workspace import Workspace
from sinoscope.interfaces.cli.common import fail, open_db, print_json

PASSAGE_CHARS = 240


def _value(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 1000 and v == int(v) else f"{v:,.6g}"


def render(answer: Answer, console: Console) -> None:
    if answer.status is Status.NO_FIGURE:
        console.print("[bold]no figure asked[/bold]: this question asks why or how, not for a number.")
        if answer.passages:
            console.print("Closest passages:")
    elif answer.status is Status.NOT_FOUND:
        console.print("[bold]not found[/bold]: no figure in the stored reports matches this question well enough.")
        for note in answer.notes:
            console.print(f"  ({escape(note)})")
        if answer.passages:
            console.print("Closest passages:")
    else:
        if answer.status is Status.DISAGREEMENT:
            console.print("[bold]sources disagree[/bold]; every figure is shown with its period:")
        elif answer.status in (Status.AMBIGUOUS, Status.SEVERAL, Status.COMPUTED):
            for note in answer.notes:
                console.print(f"[bold]{escape(note)}[/bold]")
        for item in answer.answers:
            when = ", ".join(
                x for x in (item.period, f"as of {item.as_of}" if item.as_of else None, item.publisher) if x
            )
            console.print(
                f"[bold]{_value(item.value)} {escape(item.unit)}[/bold]"
                f"{' (' + escape(when) + ')' if when else ''}  {escape(item.kind)}  [cyan]{escape(item.anchor)}[/cyan]"
                f"{'  line ' + str(item.line) if item.line else ''}"
            )
            console.print(f"  “{escape(item.quote)}”", soft_wrap=True)
            if item.also_in:
                console.print(f"  also stated in {escape(', '.join(item.also_in))}")
        console.print("Passages:")
    for p in answer.passages:
        text = " ".join(p.text.split())
        text = text if len(text) <= PASSAGE_CHARS else text[:PASSAGE_CHARS].rsplit(" ", 1)[0] + "…"
        console.print(f"  [cyan]{escape(p.anchor)}[/cyan] (line {p.line}) {escape(text)}", soft_wrap=True)


def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="A question in plain English about a figure in the reports.")],
    mode: Annotated[
        Mode, typer.Option("--mode", "-m", help="Passage retrieval: bm25 (words), dense (meaning) or hybrid.")
    ] = Mode.HYBRID,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Answer a question with a figure and the passage it is quoted from, or say "not found"."""
    if not question.strip():
        raise fail("empty question")
    ws = Workspace(str(ctx.obj["db"]))
    with open_db(ctx) as store:
        found = answer(store, ws.dense, ws.optional_knowledge(store), question, mode, cli_retrieval=True)
    if as_json:
        print_json(found.to_json())
    else:
        render(found, Console())
