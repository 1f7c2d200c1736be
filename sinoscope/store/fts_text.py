"""The text the full-text index holds for a block, and the way back from an index snippet to the block.

FTS5's unicode61 tokenizer treats a run of Han characters as one token, so 国内生产总值 inside a sentence
could never be found. The index therefore holds each block's text with every Han character as its own
token (a space on each side) and Traditional characters folded to Simplified (`zh_variants`). A query
word becomes a phrase of its characters, which FTS5 matches as an exact character sequence: any length
of word works (a one-character 煤 as well as 国内生产总值), no segmentation of the document can disagree
with the query's, and FTS5's bm25 scores each query phrase as one term, so word-level BM25 comes for free.
Text without Han characters is indexed unchanged, so English search (porter stemming, `R&D`, `C++`)
behaves exactly as before.

Measured against the trigram tokenizer and a jieba-segmented index in `bench/fts_zh_options.py`.
"""

from __future__ import annotations

import re
import sqlite3

from sinoscope.documents.zh_variants import HAN_CLASS, has_han, is_han, to_simplified

_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")


def index_text(text: str | None) -> str:
    """What the FTS index stores for `text`: variants folded, each Han character a separate token.

    A Han character gets a space after it, and one before it unless it starts the text or follows
    whitespace or another Han character; one substitution per run of Han characters, not a Python step per
    character (this runs for every block a store writes)."""
    if not text:
        return text or ""
    if not has_han(text):
        return text
    folded = to_simplified(text)

    def spaced(run: re.Match[str]) -> str:
        start = run.start()
        lead = " " if start and not folded[start - 1].isspace() else ""
        return lead + " ".join(run.group()) + " "

    return _HAN_RUN.sub(spaced, folded)


def _index_positions(text: str) -> tuple[str, list[int]]:
    """`index_text(text)` and, for each of its characters, the offset in `text` (-1: an added space)."""
    folded = to_simplified(text)
    out: list[str] = []
    pos: list[int] = []
    prev_space = True
    for i, ch in enumerate(folded):
        if is_han(ch):
            if not prev_space:
                out.append(" ")
                pos.append(-1)
            out += [ch, " "]
            pos += [i, -1]
            prev_space = True
        else:
            out.append(ch)
            pos.append(i)
            prev_space = ch.isspace()
    return "".join(out), pos


def original_snippet(raw: str, text: str, markers: tuple[str, str], ellipsis: str = "…") -> str | None:
    """Turn an FTS5 snippet of the index text back into the block's own characters, keeping the markers.

    The snippet is a window of the index text (with highlight markers and an ellipsis at a cut end); the
    window is found in the block's index text and each of its characters mapped back to the original, so
    a snippet of a Traditional-Chinese block shows Traditional characters and no added spaces. None when the
    window is not in `text` (the snippet came from another column); see `squeeze` for a fallback.
    """
    if not has_han(text) and not has_han(raw):
        return raw
    opening, closing = markers
    head = raw.startswith(ellipsis)
    tail = raw.endswith(ellipsis) and len(raw) > len(ellipsis)
    body = raw[len(ellipsis) if head else 0 : len(raw) - len(ellipsis) if tail else len(raw)]
    plain = body.replace(opening, "").replace(closing, "")
    indexed, pos = _index_positions(text)
    start = indexed.find(plain)
    if start < 0 or not plain:
        return None
    out: list[str] = [ellipsis] if head else []
    i = start
    for ch in body:
        if ch in (opening, closing):
            out.append(ch)
            continue
        p = pos[i]
        if p >= 0:
            out.append(text[p])
        i += 1
    if tail:
        out.append(ellipsis)
    return "".join(out)


def squeeze(raw: str) -> str:
    """Drop spaces that sit next to a Han character (the ones `index_text` added)."""
    chars = list(raw)
    keep: list[str] = []
    for i, ch in enumerate(chars):
        if ch == " ":
            before = next((c for c in reversed(chars[:i]) if c != " "), "")
            after = next((c for c in chars[i + 1 :] if c != " "), "")
            if (before and is_han(before)) or (after and is_han(after)):
                continue
        keep.append(ch)
    return "".join(keep)


SQL_FUNCTION = "sinoscope_fts_text"


def register(conn: sqlite3.Connection) -> None:
    """Make `index_text` callable from SQL (the FTS triggers of migration 0005 use it)."""
    conn.create_function(SQL_FUNCTION, 1, index_text, deterministic=True)
