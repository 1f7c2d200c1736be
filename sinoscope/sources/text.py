"""Plain text: the decoded file itself, untouched, because every offset in the store points into it.

No newline translation and no normalisation: a fact's offsets must equal Python indices into the
decoded file (the gold data and users' own tools count that way). Structure is recovered later from the
layout alone, so a plain-text source carries no hints.
"""

from __future__ import annotations

MAX_TITLE_CHARS = 200


def first_line_title(text: str) -> str | None:
    """The first non-blank line when it is short enough to be a title (conversions print it first)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            return stripped if len(stripped) <= MAX_TITLE_CHARS else None
    return None
