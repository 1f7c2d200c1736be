"""The one failure a reader raises; `read_source` turns it into an `InputError` naming the file.

Readers work on bytes and do not know the path, so they raise `Rejected` with the human reason only.
"""

from __future__ import annotations


class Rejected(Exception):
    """The content cannot be read as a report; `reason` is a short phrase fit for a one-line error."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
