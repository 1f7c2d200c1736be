"""`sinoscope ask QUESTION`: an answer card with its evidence, or "not found" with the best passages.

Kept apart from `cli.py` so the card's layout can change without touching the command wiring.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from sinoscope.answer import Answer, Status, open_answerer
from sinoscope.errors import SinoscopeError
from sinoscope.retrieval.embedding import EmbedderUnavailableError
from sinoscope.retrieval.search import Mode
from sinoscope.store import open_store

EXIT_USER_ERROR = 2
PASSAGE_CHARS = 240


def _fail(message: str) -> typer.Exit:
    sys.stderr.write(f"error: {' '.join(message.split())}\n")
    return typer.Exit(EXIT_USER_ERROR)


def run_ask(db: Path, question: str, mode: Mode) -> Answer:
    if not question.strip():
        raise _fail("empty question")
    try:
        store = open_store(db, create=False)
    except SinoscopeError as err:
        raise _fail(str(err)) from None
    try:
        with open_answerer(store, db, mode) as answerer:
            return answerer.ask(question)
    except (SinoscopeError, EmbedderUnavailableError) as err:
        raise _fail(str(err)) from None
    finally:
        store.close()


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
    answer = run_ask(ctx.obj["db"], question, mode)
    if as_json:
        sys.stdout.write(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    render(answer, Console())
