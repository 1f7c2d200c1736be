"""Text from files and users made safe to print on a terminal.

A file name, a title or a query can hold control characters: ESC starts ANSI/OSC sequences that clear
the screen, set the window title or hide text, a carriage return or backspace overwrites what was
printed, and bidirectional overrides reorder it. `printable` shows each such character as a visible
escape (`\\x1b`, `\\u202e`) instead, so the user sees exactly what the string holds and the terminal
executes none of it. Plain text, CJK and emoji pass unchanged.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_LINE = re.compile(_UNSAFE.pattern[:-1] + "\t\n]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, one_line: bool = True) -> str:
    """`text` with control and bidi-override characters escaped; with `one_line` (the default) tabs
    and newlines too, for table cells and one-line messages."""
    return (_UNSAFE_LINE if one_line else _UNSAFE).sub(_escape, text)
