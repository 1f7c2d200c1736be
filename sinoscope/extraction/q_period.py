"""Which time expression dates a figure.

Tried in order, the first that applies wins:
1. a time right after the figure ("15.1% in 2014", "RMB 98.16 billion (January 2022)", "40% by 2020");
2. the nearest time before it in its clause with no other figure in between ("in 2021 at USD 555.9 billion");
3. the nearest time after it in its clause with no other figure in between;
4. a time earlier in the clause shared by a list of figures ("imports in 2021 were X, and exports Y");
5. a time fronting the sentence ("In 2019, ... and the capital has not increased from X");
6. an adjectival year in the clause ("the 2017 edition");
7. for a figure in a sentence's first clause, the last time of the previous sentence ("launched in 2014. It
   announced a total investment of X").
A deadline ("by 2030", 到2030年) or a status date ("as of") binds only a figure next to it, with no other figure
in between; "since 2014" never dates a figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sinoscope.extraction.periods import TimeExpr

_TIGHT_AFTER = re.compile(
    r"^(?:\s*[(（][^()（）\n]{1,40}[)）])?"  # a parenthesis in between: "USD 340 million (55,000 units) in 2021"
    r"(?:\s+(?:in|of)\s+(?:[\d,.]+\s+)?(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+(?=\s+(?:in|at|by|as)\s))?"  # "10% of GDP by"
    r"\s*[(（]?\s*(?:,\s*)?(?:(?:in|at|as\s+of|as\s+at|by|for|during|until|through|on|of|to|over|within|at\s+end-"
    r"|in\s+the\s+(?:first|second)\s+half\s+of)\s+)?(?:the\s+)?(?:end\s+of\s+|year\s+|fiscal\s+year\s+)?$",
    re.IGNORECASE,
)
_FRONT = re.compile(
    r"^(?:[Ii]n|[Bb]y|[Aa]s\s+of|[Aa]t\s+the\s+end\s+of|[Dd]uring|[Ff]or|[Ii]n\s+the\s+year|[Tt]hroughout"
    r"|到|在|于|截至|截止到?)?\s*$"
)


def tight_after(text: str, after: int, times: Sequence[TimeExpr]) -> TimeExpr | None:
    for t in times:
        if t.start >= after and not t.since:
            if _TIGHT_AFTER.match(text[after : t.start]):
                return t
            return None
    return None


def fronting(text: str, sentence_start: int, times: Sequence[TimeExpr]) -> TimeExpr | None:
    """The time of "In 2019, ..." at the head of a sentence (it dates the whole sentence)."""
    for t in times:
        if t.start < sentence_start:
            continue
        if t.since or t.start - sentence_start > 30:
            return None
        head = text[sentence_start : t.start]
        tail = text[t.end : t.end + 4]
        if _FRONT.match(head) and re.match(r"(?:底|末|初|以来)?\s*[,，]", tail):
            return t
        return None
    return None


def choose(
    text: str,
    start: int,
    after: int,
    clause: tuple[int, int],
    times: Sequence[TimeExpr],
    figures: Sequence[tuple[int, int]],
) -> TimeExpr | None:
    """Steps 1-4 and 6 above for a figure spanning `start`..`after`; `figures` are all figures' spans."""
    lo, hi = clause
    in_clause = [t for t in times if lo <= t.start and t.end <= hi and not t.since]
    t = tight_after(text, after, in_clause)
    if t is not None and not t.weak:
        return t

    def clear(a: int, b: int) -> bool:
        return not any(a <= s and e <= b for s, e in figures if (s, e) != (start, after))

    before = [t for t in in_clause if t.end <= start and not t.weak]
    after_ = [t for t in in_clause if t.start >= after and not t.weak and not t.by and not t.as_of]
    for cand in reversed(before):
        if clear(cand.end, start):
            return cand  # a deadline too, when nothing stands between: "到2025年达到3.5万亿元"
    for cand in after_:
        if clear(after, cand.start):
            return cand
    shared = [t for t in before if not t.by and not t.as_of]
    if shared:
        return shared[-1]
    weak = [t for t in in_clause if t.weak]
    if weak:
        return min(weak, key=lambda w: abs(w.start - start))
    return None


def last_usable(times: Sequence[TimeExpr], lo: int, hi: int) -> TimeExpr | None:
    """The last time in `lo`..`hi` that can date a later figure (not a deadline, not "since")."""
    usable = [t for t in times if lo <= t.start and t.end <= hi and not t.since and not t.by and not t.weak]
    return usable[-1] if usable else None
