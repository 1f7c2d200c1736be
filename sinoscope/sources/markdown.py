"""Markdown: parsed with markdown-it (CommonMark + pipe tables), rendered to the canonical shape.

Markup is dropped (emphasis markers, link targets, the `#` of headings, the pipes and delimiter row of
tables) so the text reads like the plain conversions; headings and table rows become hints. Raw HTML
blocks go through the HTML reader so scripts and comments never leak into the text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from sinoscope.sources import html
from sinoscope.sources.canonical import CanonicalWriter, superscript_digits
from sinoscope.sources.model import StructureHints
from sinoscope.sources.reject import Rejected

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TITLE_KEY = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M)
_SUP_OPEN = re.compile(r"<sup\b[^>]*>", re.I)
_SUP_CLOSE = re.compile(r"</sup\s*>", re.I)
MAX_NESTING = 1000
"""Deepest nesting of lists and quotes read. markdown-it's default (20) silently drops anything deeper; a
200-level list (400 token levels) still reads whole, and a deeper one is refused with a reason rather than cut short."""


def read_markdown(text: str) -> tuple[str, StructureHints, str | None]:
    """Canonical text, hints and the front-matter title (None when the file has no front matter)."""
    title = None
    front = _FRONT_MATTER.match(text)
    if front:
        found = _TITLE_KEY.search(front.group(1))
        if found:
            title = found.group(1).strip("\"'") or None
        text = text[front.end() :]
    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").enable("strikethrough")
    tokens = parser.parse(text)
    if any(tok.level >= MAX_NESTING - 1 for tok in tokens):
        raise Rejected(f"Markdown nested more than {MAX_NESTING} levels deep")
    writer = CanonicalWriter()
    _render(tokens, writer)
    canonical, hints = writer.render()
    return canonical, hints, title


def _render(tokens: list[Token], writer: CanonicalWriter) -> None:
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            writer.heading(_inline(tokens[i + 1]), int(tok.tag[1:]))
            i += 3
        elif tok.type == "paragraph_open":
            writer.paragraph(_inline(tokens[i + 1]))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            end = _close(tokens, i)
            writer.lines(_list_lines(tokens[i : end + 1]))
            i = end + 1
        elif tok.type == "table_open":
            end = _close(tokens, i)
            writer.table(_table_rows(tokens[i : end + 1]))
            i = end + 1
        elif tok.type in ("fence", "code_block"):
            writer.lines(tok.content.splitlines())
            i += 1
        elif tok.type == "html_block":
            html.render_fragment(tok.content, writer)
            i += 1
        else:
            i += 1


def _close(tokens: list[Token], start: int) -> int:
    """Index of the token closing the block opened at `start` (nesting counted)."""
    depth = 0
    for j in range(start, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _list_lines(tokens: list[Token]) -> list[str]:
    """One line per item, "- " or "N. " as printed; nested items follow their parent as their own lines."""
    items: list[tuple[str, list[str]]] = []
    counters: list[int | None] = []
    open_items: list[int] = []
    for tok in tokens:
        if tok.type == "bullet_list_open":
            counters.append(None)
        elif tok.type == "ordered_list_open":
            start = str(tok.attrGet("start") or "1")
            counters.append(int(start) - 1 if start.isdigit() else 0)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            counters.pop()
        elif tok.type == "list_item_open":
            number = counters[-1] if counters else None
            if number is None:
                prefix = "- "
            else:
                counters[-1] = number + 1
                prefix = f"{number + 1}{tok.markup or '.'} "
            items.append((prefix, []))
            open_items.append(len(items) - 1)
        elif tok.type == "list_item_close":
            open_items.pop()
        elif tok.type == "inline" and open_items:
            items[open_items[-1]][1].append(_inline(tok))
    return [prefix + " ".join(parts) for prefix, parts in items if any(p.strip() for p in parts)]


def _table_rows(tokens: list[Token]) -> list[list[str]]:
    rows: list[list[str]] = []
    for tok in tokens:
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "inline" and rows:
            rows[-1].append(_inline(tok))
    return rows


def _inline(tok: Token) -> str:
    """Text of an inline token without markup; digits inside <sup> become superscript footnote markers."""
    out: list[str] = []
    in_sup = False
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            out.append(superscript_digits(child.content) if in_sup else child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "html_inline":
            if _SUP_OPEN.fullmatch(child.content.strip()):
                in_sup = True
            elif _SUP_CLOSE.fullmatch(child.content.strip()):
                in_sup = False
    return "".join(out)
