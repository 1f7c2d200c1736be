"""Numbers a PDF-to-Markdown conversion wrapped in LaTeX math: "$2 5 . 8 \\%$" is 25.8 %.

Conversions of scanned or typeset PDFs (Marker, Nougat, MinerU) emit figures as inline math with a space
between every glyph. The span is rewritten, at the same length, as the plain number right-aligned in spaces
("      25.8%") so that the ordinary scanner reads it with its neighbours (a qualifier after it, 以上, stays
adjacent) and every offset still indexes the original text; the fact then covers the whole $…$ span.
"""

from __future__ import annotations

import re

_MATH_NUMBER = re.compile(r"\$\s*(?P<body>[0-9０-９](?:[0-9０-９.,]|\s(?=[0-9０-９.,]))*)\s*(?P<pct>\\?%)?\s*\$")


def flatten_math_numbers(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with each inline-math number rewritten as plain digits, and the spans rewritten."""
    if "$" not in text:
        return text, []
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    last = 0
    for m in _MATH_NUMBER.finditer(text):
        body = re.sub(r"\s+", "", m.group("body"))
        if not re.fullmatch(r"[0-9０-９]+(?:[.,][0-9０-９]+)*", body):
            continue
        plain = body + ("%" if m.group("pct") else "")
        width = m.end() - m.start()
        parts.append(text[last : m.start()])
        parts.append(plain.rjust(width))
        last = m.end()
        spans.append(m.span())
    parts.append(text[last:])
    return "".join(parts), spans


def widen(start: int, end: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """A figure read inside a rewritten span covers the whole span."""
    for s, e in spans:
        if s < end and start < e:
            start, end = min(start, s), max(end, e)
    return start, end
