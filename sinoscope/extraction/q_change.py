"""The two ends of a change "from A to B" (从A提高到B, 由2020年的A增加到B, "from A in 2020 to B by 2030").

The start A is where things stand and the end B is where the change leads; a time written inside the start's
part ("由2020年的9.5%", "from 9.5% in 2020") is A's own, and a deadline governing the change ("到2035年，…从A提高到
B") is B's. Read figure by figure, the end took the nearest time before it — the start's year — and the start
took the deadline: a plan's target was dated to its base year and its base to the deadline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sinoscope.extraction.q_period import CHANGE_VERBS

FROM_BEFORE = re.compile(
    r"\bfrom\s+(?:about\s+|approximately\s+|around\s+)?$"
    r"|[从由](?:\d{4}\s?年(?:底|末)?的?|目前的?|现在的?|当前的?|现阶段的?)?\s*(?:约|近|接近)?\s*$",
    re.IGNORECASE,
)
"""The starting point of a change ("from 15%", 从2020年的6.5%, 由目前的约35%): where things stand, whatever the
change's kind."""
_TO_BETWEEN = re.compile(
    rf"\s*(?:{CHANGE_VERBS})?(?:到|至)\s*(?:约|近|接近)?\s*"
    r"|(?:\s*[(（]?\s*(?:in|at\s+(?:the\s+)?end(?:\s+of)?|as\s+of)?\s*(?:end-|mid-)?\d{4}\s*[)）]?)?,?\s+to\s+"
    r"(?:about\s+|approximately\s+|around\s+)?",
    re.IGNORECASE,
)
"""What stands between the two ends: 提高到 / 至, or an English "to" after the start's own year if any."""
_LOOK_BACK = 30


def start_part(text: str, start: int, clause_lo: int, figures: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """For the end B of a change, the span from the start's "from"/从 to B: the times in it are the start's."""
    earlier = [f for f in figures if clause_lo <= f[0] and f[1] <= start]
    if not earlier:
        return None
    a_start, a_end = earlier[-1]
    if _TO_BETWEEN.fullmatch(text, a_end, start) is None:
        return None
    marker = FROM_BEFORE.search(text, max(clause_lo, a_start - _LOOK_BACK), a_start)
    return (marker.start(), start) if marker is not None else None


def starts_change(text: str, start: int) -> bool:
    """The figure at `start` is the starting point of a change (`FROM_BEFORE`)."""
    return FROM_BEFORE.search(text, max(0, start - _LOOK_BACK), start) is not None


_TO_AFTER_FROM = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+)?[\d.,]+(?:\s+[a-z]+)?\s+to\s*$"
    rf"|[从由][^，。；,;]{{1,24}}(?:{CHANGE_VERBS})(?:到|至)\s*$",
    re.I,
)


def over_span(text: str, clause_lo: int, start: int, period: str | None) -> str | None:
    """Over a span, a change "from A to B" (从A增加到B) starts at the span's first year and ends at its last."""
    if period is None or not re.fullmatch(r"\d{4}-\d{4}", period):
        return period
    head = text[max(clause_lo, start - 40) : start]
    if FROM_BEFORE.search(head):
        return period[:4]
    return period[5:] if _TO_AFTER_FROM.search(head) else period
