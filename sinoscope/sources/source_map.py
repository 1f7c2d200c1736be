"""Where a span of the canonical text came from in the file the user holds.

Every offset sinoscope stores (a block's spans, a fact's `start`/`end`) indexes the canonical text a
reader produced. For plain text that *is* the decoded file. Markdown and HTML readers drop markup, so the
canonical text is the file's visible characters in order with generated separators between them (blank
lines, tabs between table cells, list bullets, superscript footnote digits). A PDF or DOCX has no
character stream a user could index; there a citation is a page and a quote.

`SourceMap` records this as data, built once when the file is read:
- text: the identity (`to_source(s, e) == (s, e)`);
- Markdown and HTML: runs of canonical characters copied from the file, found by aligning the canonical
  text to the decoded file (`align`); offsets are Python indices into the decoded file (BOM removed),
  the same convention as plain text. A span's ends move inward past generated characters; a span with no
  copied character has no source position;
- PDF: the canonical offset where each page's text begins, so `page_of` gives the 1-based page and the
  canonical text itself is the quote to find on it; DOCX: neither (the quote alone).

Alignment is a monotone walk over the canonical words: each word is looked up in the file's visible
characters (HTML tags, comments, scripts and the head masked out, entities decoded) near the previous
match, then character by character (a word split by inline markup such as `**25**%`), then further on
(after a skipped block such as a table of contents the reader dropped). It is linear in the file size
up to the bounded look-ahead windows.
"""

from __future__ import annotations

import bisect
import html as html_entities
import re
from collections.abc import Iterator
from dataclasses import dataclass

NEAR = 400
"""How far past the previous match a word is first looked for (markup between words is shorter)."""
FAR = 20000
"""How far a word is looked for when it is not near: past a region the reader dropped."""
SHORT = 32
"""Markup and separators usually between two words (spaces, `**`, a tag, a line break with indent)."""
FAR_BUDGET = 20
"""Words not found may scan at most this many times the file in all (generated words in a hostile file)."""
GAP = 12
"""Most characters of markup inside one word (`**`, `<sup>`, a backslash escape)."""
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_WORD = re.compile(r"\S+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>?|<![^<>]*>?|<\?[^<>]*>?")
_HIDDEN = ("script", "style", "head", "template", "noscript", "svg", "math", "iframe", "object", "title")
_HEAD_END = r"</head\s*>|<body\b"
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9]*)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Run:
    """`length` canonical characters from `start` came from the file's characters at `source_start`;
    `source_length` differs from `length` only for one character decoded from an entity (`&amp;`)."""

    start: int
    length: int
    source_start: int
    source_length: int


@dataclass(frozen=True)
class SourceMap:
    kind: str
    """"identity" (plain text), "aligned" (Markdown, HTML), "paged" (PDF) or "none" (DOCX)."""
    runs: tuple[Run, ...] = ()
    page_starts: tuple[tuple[int, int], ...] = ()
    """(canonical offset, 0-based page) where each page's text begins, in order."""
    file_text: str = ""
    """The decoded file an aligned map points into, so a span can be quoted as the file prints it
    (`$2 5 . 8 \\%$`, `**98.7**`): what a user searches for in the file they hold."""

    @classmethod
    def identity(cls) -> SourceMap:
        return cls("identity")

    @classmethod
    def paged(cls, page_starts: list[tuple[int, int]]) -> SourceMap:
        return cls("paged", page_starts=tuple(page_starts))

    def to_source(self, start: int, end: int) -> tuple[int, int] | None:
        """The file characters holding canonical `[start, end)`, or None (a paged file, or only
        generated characters in the span)."""
        if self.kind == "identity":
            return (start, end)
        if self.kind != "aligned" or end <= start or not self.runs:
            return None
        starts = [run.start for run in self.runs]
        first = bisect.bisect_right(starts, start) - 1
        if first < 0 or start >= self.runs[first].start + self.runs[first].length:
            first += 1  # start falls in a generated gap: the span begins at the next copied character
        last = bisect.bisect_right(starts, end - 1) - 1
        if first >= len(self.runs) or last < first:
            return None
        head, tail = self.runs[first], self.runs[last]
        src_start = head.source_start + (max(start, head.start) - head.start if head.length > 1 else 0)
        tail_end = min(end, tail.start + tail.length)
        if tail.length > 1 or tail.source_length == tail.length:
            src_end = tail.source_start + (tail_end - tail.start)
        else:
            src_end = tail.source_start + tail.source_length
        return (src_start, src_end)

    def page_of(self, offset: int) -> int | None:
        """1-based page holding canonical `offset` (paged files only)."""
        if not self.page_starts:
            return None
        index = bisect.bisect_right([start for start, _ in self.page_starts], offset) - 1
        return self.page_starts[max(index, 0)][1] + 1

    def locate(self, start: int, end: int, quoter: FileQuoter | None = None) -> dict[str, int | str | None]:
        """The provenance fields records carry: `source_start`, `source_end` (file characters), `page`, and
        with a `quoter` of the file, `source_text` (the characters as the file prints them) and
        `source_line` (1-based)."""
        span = self.to_source(start, end)
        quote = quoter.quote(*span) if quoter is not None and span is not None else None
        return {
            "source_start": span[0] if span else None,
            "source_end": span[1] if span else None,
            "page": self.page_of(start),
            "source_text": quote[0] if quote else None,
            "source_line": quote[1] if quote else None,
        }

    def quoter(self, canonical: str) -> FileQuoter | None:
        """What quotes this map's file: the canonical text itself for plain text, the decoded file for
        Markdown and HTML, nothing for PDF and DOCX (their quote is the canonical text)."""
        if self.kind == "identity":
            return FileQuoter(canonical)
        return FileQuoter(self.file_text) if self.kind == "aligned" and self.file_text else None


class FileQuoter:
    """Spans of one decoded file as printed, with their line: built once per file, so quoting every fact
    of a file with a million of them stays linear (a bisect per fact, not a count from the start)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._newlines = [m.start() for m in re.finditer("\n", text)]

    def quote(self, start: int, end: int) -> tuple[str, int] | None:
        """(the file's characters in `[start, end)`, the 1-based line `start` is on), or None out of range."""
        if not 0 <= start <= end <= len(self.text):
            return None
        return self.text[start:end], bisect.bisect_left(self._newlines, start) + 1


@dataclass
class _Visible:
    """The file's visible characters as one string, with where each piece sits in the file."""

    text: str
    piece_starts: list[int]
    """Offset in `text` where each piece begins."""
    pieces: list[tuple[int, int, bool]]
    """(file offset, file length, is an entity) per piece; a plain piece has the same length in both."""

    def source_of(self, index: int) -> tuple[int, int]:
        """File (start, length) of visible character `index`."""
        piece = bisect.bisect_right(self.piece_starts, index) - 1
        offset, length, entity = self.pieces[piece]
        if entity:
            return (offset, length)
        return (offset + index - self.piece_starts[piece], 1)


def align(canonical: str, source: str, *, markup: str) -> SourceMap:
    """Map `canonical` (a reader's output) onto `source` (the decoded file); `markup` is "html" or
    "markdown" (which parts of the file can hold visible text)."""
    segments = _html_segments(source) if markup == "html" else _markdown_segments(source)
    visible = _visible(source, segments)
    runs: list[Run] = []
    cursor = 0
    budget = FAR_BUDGET * (len(visible.text) + FAR)
    for word in _WORD.finditer(canonical):
        far = FAR if budget > 0 else NEAR
        before = len(runs)
        cursor = _align_word(word.group(), word.start(), visible, cursor, runs, far)
        if len(runs) == before:
            budget -= far  # a word not found cost a scan of the whole window
    return SourceMap("aligned", runs=tuple(_merge(runs)), file_text=source)


def _align_word(word: str, at: int, visible: _Visible, cursor: int, runs: list[Run], far: int) -> int:
    """Map one canonical word; return the new cursor. Closest evidence first: the word itself right
    after the previous match, then its characters with markup between them, then the word further on."""
    text = visible.text
    if not any(char.isalnum() for char in word):
        # punctuation alone ("-", "*", "|") is often generated (a list bullet) and found anywhere:
        # only right next to the previous match does it count
        windows: tuple[int, ...] = (GAP,)
    else:
        found = text.find(word, cursor, cursor + SHORT + len(word))
        matched = _chars(word, visible, cursor) if found < 0 else []
        if matched:
            for offset, index in matched:
                _add(runs, at + offset, index, 1, visible)
            return matched[-1][1] + 1
        windows = (SHORT, NEAR, far)
    for window in windows:
        found = text.find(word, cursor, cursor + window + len(word))
        if found >= 0:
            _add(runs, at, found, len(word), visible)
            return found + len(word)
    return cursor


def _chars(word: str, visible: _Visible, cursor: int) -> list[tuple[int, int]]:
    """Characters of `word` found in order just after `cursor` with at most a little markup between
    them, as (offset in word, visible index); empty unless most of the word is found that way."""
    text = visible.text
    matched: list[tuple[int, int]] = []
    pos = cursor
    window = SHORT
    for offset, char in enumerate(word):
        plain = char.translate(_SUPERSCRIPTS)
        found = text.find(plain, pos, pos + window + 1)
        if found < 0:
            if not matched:
                return []
            continue
        matched.append((offset, found))
        pos = found + 1
        window = GAP
    extra = matched[-1][1] + 1 - matched[0][1] - len(matched) if matched else 0
    if len(matched) * 5 < len(word) * 4 or extra > 2 * GAP:
        return []
    return matched


def _add(runs: list[Run], at: int, index: int, length: int, visible: _Visible) -> None:
    """Canonical `[at, at+length)` ↔ visible `[index, index+length)`, split where the file pieces split."""
    i = 0
    while i < length:
        src, src_len = visible.source_of(index + i)
        piece = bisect.bisect_right(visible.piece_starts, index + i) - 1
        _, _, entity = visible.pieces[piece]
        if entity:
            runs.append(Run(at + i, 1, src, src_len))
            i += 1
            continue
        piece_end = visible.piece_starts[piece + 1] if piece + 1 < len(visible.piece_starts) else len(visible.text)
        span = min(length - i, piece_end - (index + i))
        runs.append(Run(at + i, span, src, span))
        i += span


def _merge(runs: list[Run]) -> Iterator[Run]:
    current: Run | None = None
    for run in runs:
        if (
            current is not None
            and current.length == current.source_length
            and run.length == run.source_length
            and run.start == current.start + current.length
            and run.source_start == current.source_start + current.source_length
        ):
            current = Run(
                current.start, current.length + run.length, current.source_start, current.source_length + run.length
            )
            continue
        if current is not None:
            yield current
        current = run
    if current is not None:
        yield current


def _visible(source: str, segments: list[tuple[int, int]]) -> _Visible:
    """Decode entities inside the visible segments and index the result."""
    parts: list[str] = []
    piece_starts: list[int] = []
    pieces: list[tuple[int, int, bool]] = []
    size = 0

    def piece(text: str, offset: int, length: int, entity: bool) -> None:
        nonlocal size
        parts.append(text)
        piece_starts.append(size)
        pieces.append((offset, length, entity))
        size += len(text)

    for seg_start, seg_end in segments:
        pos = seg_start
        for match in _ENTITY.finditer(source, seg_start, seg_end):
            decoded = html_entities.unescape(match.group())
            if decoded == match.group() or len(decoded) != 1:
                continue
            if match.start() > pos:
                piece(source[pos : match.start()], pos, match.start() - pos, False)
            piece(decoded, match.start(), match.end() - match.start(), True)
            pos = match.end()
        if seg_end > pos:
            piece(source[pos:seg_end], pos, seg_end - pos, False)
    return _Visible("".join(parts), piece_starts, pieces)


def _markdown_segments(source: str) -> list[tuple[int, int]]:
    """All of a Markdown file can hold visible text, except its YAML front matter."""
    front = _FRONT_MATTER.match(source)
    return [(front.end() if front else 0, len(source))]


def _html_segments(source: str) -> list[tuple[int, int]]:
    """The file between tags, comments and the content of elements never shown (scripts, the head)."""
    segments: list[tuple[int, int]] = []
    start = 0
    search = 0
    size = len(source)
    while search < size:
        lt = source.find("<", search)
        if lt < 0:
            break
        resume = _skip_markup(source, lt)
        if resume is None:  # a bare "<" is text
            search = lt + 1
            continue
        if lt > start:
            segments.append((start, lt))
        start = search = resume
    if start < size:
        segments.append((start, size))
    return segments


def _skip_markup(source: str, lt: int) -> int | None:
    """Where visible text may resume after the markup at `lt`, or None when `<` starts no markup.

    Linear over the file: each search either moves past what it read or ends the scan."""
    if source.startswith("<!--", lt):
        end = source.find("-->", lt + 4)
        return len(source) if end < 0 else end + 3
    tag = _TAG.match(source, lt)
    if tag is None:
        return None
    name = _TAG_NAME.match(tag.group())
    if name is None or name.group(1).lower() not in _HIDDEN:
        return tag.end()
    closer = _HEAD_END if name.group(1).lower() == "head" else rf"</{name.group(1)}\s*>"
    closing = re.compile(closer, re.I).search(source, tag.end())
    if closing is None:
        return len(source)
    return closing.start() if closing.group().lower().startswith("<body") else closing.end()
