"""Anchors as people type them: "001#4.1.4p3" for "001#4.1.4¶3", since the pilcrow is hard to type."""

from __future__ import annotations

import re

_TYPED_PILCROW = re.compile(r"(?<=[0-9a-z])p(?=\d+$)")


def typed_anchor(anchor: str) -> str:
    anchor = anchor.strip()
    if "#" in anchor and "¶" not in anchor:
        doc, ref = anchor.split("#", 1)
        if not ref.startswith(("table-", "figure-", "fn-")):
            return doc + "#" + _TYPED_PILCROW.sub("¶", ref, count=1)
    return anchor
